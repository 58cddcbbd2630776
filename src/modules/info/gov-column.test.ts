import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import { agencies } from '../../core/org/schema.js';
import { eq } from 'drizzle-orm';
import { search } from '../../core/search/index.js';
import { twoCountyCity, type TwoCounties } from '../org/two-counties.testing.js';
import { searchPublished } from './queries.js';

type Count = { rows: { n: number | string }[] };
const count = async (database: Database, q: ReturnType<typeof sql>) => Number(((await database.db.execute(q)) as unknown as Count).rows[0]!.n);

// info_editions.gov_id and search_entries.gov_id (migration 0022) are copies of the agency's
// government that the public lists and search filter by. A wrong copy would show a document on the
// wrong county's site, or hide it from its own: they must follow every placement of the tree.
describe('the government column of editions and search entries follows the tree', () => {
  let database: Database;
  let t: TwoCounties;
  const mismatches = () =>
    Promise.all([
      count(database, sql`select count(*) as n from info_editions e join info_documents d on d.id = e.document_id join agencies a on a.id = d.agency_id where e.gov_id is distinct from a.gov_id`),
      count(database, sql`select count(*) as n from search_entries s join agencies a on a.id = s.agency_id where s.gov_id is distinct from a.gov_id`),
    ]);

  before(async () => {
    database = await createTestDatabase({ full: true });
  });
  after(() => database.close());

  it('is written for every seeded edition and search entry', async () => {
    assert.ok((await count(database, sql`select count(*) as n from info_editions where gov_id is not null`)) >= 10, 'the demo’s editions have a government');
    assert.deepEqual(await mismatches(), [0, 0]);
  });

  it('stays right when the county is placed under a city, and follows a township moved to another county', async () => {
    t = await twoCountyCity(database.db);
    assert.deepEqual(await mismatches(), [0, 0], 'placing the county under the city changes no government');
    const townDocs = await count(database, sql`select count(*) as n from info_documents d join info_editions e on e.document_id = d.id and e.state = 'published' where d.agency_id = ${t.id.aTown}`);
    assert.ok(townDocs > 0, 'the demo township has published information');
    const onSite = async (govId: number) => (await searchPublished(database.db, { govId, agencyId: t.id.aTown, limit: 500 })).total;
    assert.equal(await onSite(t.id.a), townDocs);
    assert.equal(await onSite(t.id.b), 0);

    // The township is transferred to the other county (a 区划调整): its records go with it.
    await database.db.update(agencies).set({ parentId: t.id.b }).where(eq(agencies.id, t.id.aTown));
    assert.deepEqual(await mismatches(), [0, 0]);
    assert.equal(await onSite(t.id.a), 0, 'no longer on the first county’s site');
    assert.equal(await onSite(t.id.b), townDocs, 'now on the second county’s site');
    const [title] = ((await database.db.execute(sql`select e.title from info_editions e join info_documents d on d.id = e.document_id where d.agency_id = ${t.id.aTown} and e.state = 'published' limit 1`)) as unknown as { rows: { title: string }[] }).rows.map((r) => r.title);
    const found = async (govId: number) => (await search(database.db, { q: title!, govId, kind: 'document' })).results.some((r) => r.title === title);
    assert.equal(await found(t.id.b), true, 'the second county’s search finds it');
    assert.equal(await found(t.id.a), false, 'the first county’s search does not');
  });
});
