import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/app.js';
import { agencies } from '../../core/org/schema.js';
import { AppError } from '../../core/errors.js';
import { login } from '../account/service.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { placeGovernment } from './place.js';
import { placeSite } from '../portal/site.js';

const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

// A county installed alone (the single-county demo) is later placed under a city (setup:place).
describe('placing a county under a city', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0' });
  });
  after(() => t.close());

  it('creates the city above the county, keeps every path and moves the county site to its prefix', async () => {
    const db = t.database.db;
    const before = await db.select({ id: agencies.id, path: agencies.path }).from(agencies);
    assert.equal(title((await t.app.inject({ url: '/', headers: { accept: 'text/html' } })).body), '示范县人民政府');
    await assert.rejects(placeGovernment(db, { lower: '不存在县人民政府', upper: '示范市人民政府', upperKind: 'city' }), (e) => code(e) === 'not_found');
    await assert.rejects(placeGovernment(db, { lower: '县民政局', upper: '示范市人民政府', upperKind: 'city' }), (e) => code(e) === 'not_found', 'a department is not a government');
    const r = await placeGovernment(db, { lower: '示范县人民政府', upper: '示范市人民政府', upperKind: 'city' });
    assert.equal(r.created, true);
    await assert.rejects(placeSite(db, r.lowerId, 'admin'), (e) => code(e) === 'invalid_input');
    await placeSite(db, r.lowerId, 'shifanxian');
    const after = new Map((await db.select({ id: agencies.id, path: agencies.path, govId: agencies.govId }).from(agencies)).map((a) => [a.id, a]));
    for (const a of before) assert.equal(after.get(a.id)!.path, `/${r.upperId}${a.path}`, 'every agency re-rooted under the city');
    const [office] = await db.select().from(agencies).where(eq(agencies.name, '市人民政府办公室'));
    assert.equal(office!.govId, r.upperId);
    assert.equal(title((await t.app.inject({ url: '/', headers: { accept: 'text/html' } })).body), '示范市人民政府');
    const county = await t.app.inject({ url: '/shifanxian/', headers: { accept: 'text/html' } });
    assert.equal(title(county.body), '示范县人民政府', 'the county keeps its identity at its prefix');
    // Staff keep their scope: the county's office still reads its townships' work and not the city's.
    const office2 = await login(db, { username: 'office', password: DEMO_PASSWORD, address: '127.0.0.1' });
    assert.ok(office2.ok);
    assert.equal(office2.actor.placement.govId, r.lowerId);
    assert.equal(office2.actor.placement.upperGovId, r.upperId);
    // Placing it again is a no-op; placing it under another city is refused.
    assert.equal((await placeGovernment(db, { lower: '示范县人民政府', upper: '示范市人民政府', upperKind: 'city' })).upperId, r.upperId);
    await assert.rejects(placeGovernment(db, { lower: '示范县人民政府', upper: '另一市人民政府', upperKind: 'city' }), (e) => code(e) === 'already_placed');
  });
});
