import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../core/auth/actor.js';
import { AppError } from '../../core/errors.js';
import { twoCountyCity, type TwoCounties } from './two-counties.testing.js';
import { agenciesInReach, agencyForEdit, agencyTree, createAgency, getAgency, updateAgency, type AgencyFactsInput } from './service.js';

const status = (n: number) => (e: unknown) => e instanceof AppError && e.status === n;
const parentError = (re: RegExp) => (e: unknown) => e instanceof AppError && e.status === 400 && (e.details as { field: string; message: string }[]).some((p) => p.field === 'parentId' && re.test(p.message));
const facts = (name: string): AgencyFactsInput => ({ name, creditCode: '', functions: '', head: '', officeHours: '', address: '', phone: '' });

// 示范县 (a) and 乙县 (b) under 测试市: an administrator adds and edits agencies of their own
// government only, lists those within reach; the other county's are not found.
describe('agency management under the scope rule (two counties under a city)', () => {
  let database: Database;
  let t: TwoCounties;
  const as: Record<string, Actor> = {};
  const ctx = (k: string) => ({ db: database.db, actor: as[k]! });

  before(async () => {
    database = await createTestDatabase({ demo: true });
    t = await twoCountyCity(database.db);
    as.cityAdmin = await t.actor('city-admin', t.id.cityOffice, ['admin']);
    as.aAdmin = await t.actor('a-admin', t.id.aOffice, ['admin']);
    as.aOffice = await t.actor('a-office', t.id.aOffice, ['office']);
    as.bAdmin = await t.actor('b-admin', t.id.bOffice, ['admin']);
    as.bClerk = await t.actor('b-clerk', t.id.bTown, ['editor']);
  });
  after(() => database.close());

  it('lists the agencies within reach, the own government at the top of the tree', async () => {
    const a = await agenciesInReach(ctx('aAdmin'));
    const ids = new Set(a.map((x) => x.id));
    assert.ok(ids.has(t.id.a) && ids.has(t.id.aTown) && ids.has(t.id.aMz));
    assert.ok(![t.id.city, t.id.cityOffice, t.id.b, t.id.bTown].some((x) => ids.has(x)));
    const tree = agencyTree(a);
    assert.deepEqual(tree.map((n) => n.id), [t.id.a], 'the county is the root of what its administrator sees');
    const city = new Set((await agenciesInReach(ctx('cityAdmin'))).map((x) => x.id));
    assert.ok([t.id.city, t.id.a, t.id.aTown, t.id.b, t.id.bTown].every((x) => city.has(x)), 'the city reads all of its counties');
  });

  it('a county administrator neither edits nor adds to the other county or the city', async () => {
    await assert.rejects(agencyForEdit(ctx('aAdmin'), t.id.bMz), status(404));
    await assert.rejects(updateAgency(ctx('aAdmin'), t.id.bMz, facts('乙县民政局（改）')), status(404));
    await assert.rejects(updateAgency(ctx('aOffice'), t.id.bTown, facts('乙县城关镇（改）')), status(404));
    await assert.rejects(updateAgency(ctx('aAdmin'), t.id.cityOffice, facts('测试市人民政府办公室（改）')), status(404));
    await assert.rejects(createAgency(ctx('aAdmin'), { ...facts('乙县新设局'), kind: 'department', parentId: t.id.b }), parentError(/不存在/));
    await assert.rejects(createAgency(ctx('aAdmin'), { ...facts('市新设局'), kind: 'department', parentId: t.id.city }), parentError(/不存在/));
    await assert.rejects(createAgency(ctx('aAdmin'), { ...facts('新省'), kind: 'province', parentId: null }), parentError(/顶层/));
    assert.equal((await getAgency(database.db, t.id.bMz)).name, '乙县民政局', 'unchanged');
  });

  it('the city administrator reads a county’s agencies but leaves them to the county', async () => {
    await assert.rejects(agencyForEdit(ctx('cityAdmin'), t.id.bMz), status(403));
    await assert.rejects(updateAgency(ctx('cityAdmin'), t.id.aTown, facts('城关镇（市改）')), status(403));
    await assert.rejects(createAgency(ctx('cityAdmin'), { ...facts('乙县新设局'), kind: 'department', parentId: t.id.b }), parentError(/下级政府/));
    const id = await createAgency(ctx('cityAdmin'), { ...facts('测试市新设局'), kind: 'department', parentId: t.id.city });
    assert.equal((await getAgency(database.db, id)).govId, t.id.city);
  });

  it('each administrator manages their own county; an editor only their own agency', async () => {
    const id = await createAgency(ctx('bAdmin'), { ...facts('乙县新设局'), kind: 'department', parentId: t.id.b });
    assert.equal((await getAgency(database.db, id)).govId, t.id.b);
    await updateAgency(ctx('bAdmin'), t.id.bTown, { ...facts('乙县城关镇'), head: '镇长 新某' });
    await updateAgency(ctx('aAdmin'), t.id.aTown, { ...facts('城关镇'), head: '镇长 某某' });
    await updateAgency(ctx('bClerk'), t.id.bTown, { ...facts('乙县城关镇'), head: '镇长 自己改' });
    await assert.rejects(updateAgency(ctx('bClerk'), t.id.bMz, facts('乙县民政局')), status(403));
    await assert.rejects(updateAgency(ctx('bClerk'), t.id.aTown, facts('城关镇')), status(404));
  });
});
