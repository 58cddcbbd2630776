import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../core/auth/actor.js';
import { AppError } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { login } from '../account/service.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { domains } from './schema.js';
import { readableVersion, staffCatalogList, transition } from './service.js';
import { versionTransitions } from './repository.js';
import { setSupervision, supervisionSettings } from './supervision.js';

const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

// The region demo: 示范市 above 示范县 and 示范南县; the city's 市民政局 supervises 社会救助 for both,
// and 城关镇 (示范县) and 南关镇 (示范南县) have each submitted a 社会救助 catalog.
describe('catalog supervision across levels', () => {
  let database: Database;
  const actors = new Map<string, Actor>();
  const as = (u: string) => ({ db: database.db, actor: actors.get(u)! });
  let social: number;
  let agencyName: Map<number, string>;
  const waiting = async (u: string) =>
    (await staffCatalogList(as(u))).filter((v) => v.domainId === social && v.state === 'submitted').map((v) => ({ id: v.id, agency: agencyName.get(v.agencyId)! }));

  before(async () => {
    database = await createTestDatabase({ demo: true, region: true });
    for (const u of ['chengguan', 'nx-nanguan', 'minzheng', 'office', 'shi-minzheng', 'shi-office', 'nx-office', 'nx-admin']) {
      const r = await login(database.db, { username: u, password: DEMO_PASSWORD, address: '127.0.0.1' });
      assert.ok(r.ok, u);
      actors.set(u, r.actor);
    }
    [{ id: social }] = (await database.db.select({ id: domains.id }).from(domains).where(eq(domains.code, 'social-assistance'))) as [{ id: number }];
    agencyName = new Map((await database.db.select({ id: agencies.id, name: agencies.name }).from(agencies)).map((a) => [a.id, a.name]));
  });
  after(() => database.close());

  it("puts both counties' submitted catalogs in the city department's one queue, and in no county department's", async () => {
    const queue = await waiting('shi-minzheng');
    assert.deepEqual(queue.map((q) => q.agency).sort(), ['南关镇', '城关镇']);
    assert.deepEqual(await waiting('minzheng'), [], "示范县's own 民政局 no longer reviews 社会救助");
    await assert.rejects(readableVersion(as('minzheng'), queue[0]!.id), (e) => code(e) === 'not_found');
  });

  it("records the review with the reviewer's name and department; the county's office publishes, the city's cannot", async () => {
    const [v] = (await waiting('shi-minzheng')).filter((q) => q.agency === '城关镇');
    await assert.rejects(transition(as('minzheng'), v!.id, 'approve'), (e) => code(e) === 'not_found');
    await transition(as('shi-minzheng'), v!.id, 'approve', '符合标准指引要求。');
    const steps = await versionTransitions(database.db, v!.id);
    const approval = steps.find((s) => s.toState === 'approved')!;
    assert.equal(approval.actorName, '市民政局 林科长');
    assert.equal(approval.actorAgency, '市民政局');
    // The city's office reads the approved catalog but acts only on its own government's; 南县's office not at all.
    assert.equal((await readableVersion(as('shi-office'), v!.id)).state, 'approved');
    await assert.rejects(transition(as('shi-office'), v!.id, 'publish'), (e) => code(e) === 'invalid_transition');
    await assert.rejects(transition(as('nx-office'), v!.id, 'publish'), (e) => code(e) === 'not_found');
    await transition(as('office'), v!.id, 'publish');
    assert.equal((await readableVersion(as('office'), v!.id)).state, 'published');
  });

  it("lets only a city's office set the level, and moves waiting catalogs back when the city gives a domain back", async () => {
    const s = await supervisionSettings(as('shi-office'));
    assert.deepEqual(s.lower.map((g) => g.name).sort(), ['示范南县人民政府', '示范县人民政府']);
    assert.equal(s.domains.find((d) => d.domainId === social)!.byUpperLevel, true);
    await assert.rejects(setSupervision(as('office'), [social]), (e) => code(e) === 'no_lower_governments');
    await assert.rejects(setSupervision(as('shi-minzheng'), []), (e) => code(e) === 'forbidden');
    await assert.rejects(setSupervision(as('shi-office'), [999999]), (e) => code(e) === 'invalid_input');
    const kept = s.domains.filter((d) => d.byUpperLevel && d.domainId !== social).map((d) => d.domainId);
    await setSupervision(as('shi-office'), kept);
    assert.deepEqual(await waiting('shi-minzheng'), []);
    // 南关镇's catalog is now 示范南县's own department's to review; 示范县's 民政局 never sees it.
    assert.deepEqual(await waiting('minzheng'), []);
    assert.equal((await supervisionSettings(as('shi-office'))).domains.find((d) => d.domainId === social)!.byUpperLevel, false);
  });
});
