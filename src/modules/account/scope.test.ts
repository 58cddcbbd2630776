import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../core/auth/actor.js';
import { AppError } from '../../core/errors.js';
import { twoCountyCity, type TwoCounties } from '../org/two-counties.testing.js';
import { signInAlerts } from './schema.js';
import { assignableAgencies, createUser, listUsers, markAlertHandled, openSignInAlerts, type NewAccount } from './service.js';

const PASSWORD = 'violet-Kettle!mountain-93';
const fieldError = (field: string, re: RegExp) => (e: unknown) => e instanceof AppError && e.status === 400 && re.test((e.details as { fields: Record<string, string> }).fields[field] ?? '');

// 示范县 (a) and 乙县 (b) under 测试市: an administrator manages the accounts of their own
// government, the city's reads its counties' accounts, and nobody sees the other county's.
describe('account management under the scope rule (two counties under a city)', () => {
  let database: Database;
  let t: TwoCounties;
  const as: Record<string, Actor> = {};
  const ctx = (k: string) => ({ db: database.db, actor: as[k]! });
  const account = (username: string, agencyId: number): NewAccount => ({ username, displayName: username, agencyId, password: PASSWORD, roles: ['editor'], domainIds: [] });
  const alert = async (userId: number) => (await database.db.insert(signInAlerts).values({ userId, firstAt: new Date(), lastAt: new Date(), failures: 5, lastAddress: '10.0.0.9' }).returning())[0]!.id;

  before(async () => {
    database = await createTestDatabase({ demo: true });
    t = await twoCountyCity(database.db);
    as.cityAdmin = await t.actor('city-admin', t.id.cityOffice, ['admin']);
    as.aAdmin = await t.actor('a-admin', t.id.aOffice, ['admin']);
    as.bAdmin = await t.actor('b-admin', t.id.bOffice, ['admin']);
    as.bClerk = await t.actor('b-clerk', t.id.bTown, ['editor']);
  });
  after(() => database.close());

  it('lists only accounts within reach; a lower government’s are read-only', async () => {
    const a = await listUsers(ctx('aAdmin'));
    assert.ok(a.some((u) => u.username === 'chengguan'), 'the demo county’s accounts');
    assert.ok(!a.some((u) => ['b-admin', 'b-clerk', 'city-admin'].includes(u.username)), 'not the other county’s, nor the city’s');
    assert.ok(a.every((u) => u.manageable));
    const b = await listUsers(ctx('bAdmin'));
    assert.deepEqual(b.map((u) => u.username).sort(), ['b-admin', 'b-clerk']);
    const city = await listUsers(ctx('cityAdmin'));
    const byName = new Map(city.map((u) => [u.username, u]));
    assert.ok(byName.has('b-clerk') && byName.has('chengguan') && byName.has('city-admin'), 'the city reads all its counties’ accounts');
    assert.equal(byName.get('city-admin')!.manageable, true);
    assert.equal(byName.get('b-clerk')!.manageable, false, 'a county’s accounts are the county’s to manage');
  });

  it('creates accounts only for agencies of the own government', async () => {
    await assert.rejects(createUser(ctx('aAdmin'), account('a-into-b', t.id.bTown)), fieldError('agencyId', /不存在/), 'the other county’s agency is as unknown as a missing one');
    await assert.rejects(createUser(ctx('aAdmin'), account('a-into-city', t.id.cityOffice)), fieldError('agencyId', /不存在/), 'nor the city above');
    await assert.rejects(createUser(ctx('cityAdmin'), account('city-into-b', t.id.bMz)), fieldError('agencyId', /下级政府/), 'the city does not staff a county');
    assert.ok(await createUser(ctx('aAdmin'), account('a-new-clerk', t.id.aTown)));
    assert.ok(await createUser(ctx('cityAdmin'), account('city-new-clerk', t.id.cityOffice)));
    const offered = async (k: string) => new Set((await assignableAgencies(ctx(k))).map((a) => a.id));
    const a = await offered('aAdmin');
    assert.ok(a.has(t.id.a) && a.has(t.id.aTown) && !a.has(t.id.bTown) && !a.has(t.id.cityOffice));
    const city = await offered('cityAdmin');
    assert.ok(city.has(t.id.cityOffice) && !city.has(t.id.aTown) && !city.has(t.id.bTown));
  });

  it('sign-in alerts go to the own government’s administrators; another’s is not found', async () => {
    const bAlert = await alert(as.bClerk!.userId);
    assert.ok((await openSignInAlerts(ctx('bAdmin'))).some((x) => x.id === bAlert));
    assert.ok(!(await openSignInAlerts(ctx('aAdmin'))).some((x) => x.id === bAlert));
    assert.ok(!(await openSignInAlerts(ctx('cityAdmin'))).some((x) => x.id === bAlert), 'the county deals with its own');
    await assert.rejects(markAlertHandled(ctx('aAdmin'), bAlert), (e) => e instanceof AppError && e.status === 404);
    await assert.rejects(markAlertHandled(ctx('cityAdmin'), bAlert), (e) => e instanceof AppError && e.status === 404);
    await markAlertHandled(ctx('bAdmin'), bAlert);
    assert.ok(!(await openSignInAlerts(ctx('bAdmin'))).some((x) => x.id === bAlert));
  });
});
