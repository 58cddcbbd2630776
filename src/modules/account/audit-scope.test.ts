import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../core/auth/actor.js';
import { auditActor } from '../../core/context.js';
import { listAuditEvents, recordAudit } from '../../core/audit/service.js';
import { twoCountyCity, type TwoCounties } from '../org/two-counties.testing.js';

// The audit log viewer (core/audit, shown on account's /admin/audit) on 示范县 (a) and 乙县 (b)
// under 测试市: each reader sees the events of people within their reach, nobody a sibling's.
describe('audit log under the scope rule (two counties under a city)', () => {
  let database: Database;
  let t: TwoCounties;
  const as: Record<string, Actor> = {};
  const actions = async (k: string) => new Set((await listAuditEvents({ db: database.db, actor: as[k]! }, 10_000)).map((e) => e.action));
  const usernames = async (k: string) => new Set((await listAuditEvents({ db: database.db, actor: as[k]! }, 10_000)).filter((e) => e.action === 'account.seeded').map((e) => (e.after as { username: string }).username));
  const event = (who: Actor | null, action: string, targetType = 'thing') => database.db.transaction((tx) => recordAudit(tx, auditActor(who), { action, targetType, targetId: 1 }));

  before(async () => {
    database = await createTestDatabase({ demo: true });
    t = await twoCountyCity(database.db);
    as.cityOffice = await t.actor('city-office', t.id.cityOffice, ['office']);
    as.aAdmin = await t.actor('a-admin', t.id.aOffice, ['admin']);
    as.aOffice = await t.actor('a-office', t.id.aOffice, ['office']);
    as.bAdmin = await t.actor('b-admin', t.id.bOffice, ['admin']);
    as.bClerk = await t.actor('b-clerk', t.id.bTown, ['editor']);
    as.aClerk = await t.actor('a-clerk', t.id.aTown, ['editor']);
    await event(as.cityOffice!, 'test.by_city');
    await event(as.aClerk!, 'test.by_a_clerk');
    await event(as.aAdmin!, 'test.by_a_admin');
    await event(as.bClerk!, 'test.by_b_clerk');
    await event(as.bAdmin!, 'test.by_b_admin');
    await event(null, 'test.by_system');
  });
  after(() => database.close());

  it('a county sees its own people’s events, not the other county’s nor the city’s', async () => {
    for (const k of ['aAdmin', 'aOffice']) {
      const a = await actions(k);
      assert.ok(a.has('test.by_a_clerk') && a.has('test.by_a_admin'), k);
      assert.ok(!a.has('test.by_b_clerk') && !a.has('test.by_b_admin') && !a.has('test.by_city'), k);
    }
    const b = await actions('bAdmin');
    assert.ok(b.has('test.by_b_clerk') && b.has('test.by_b_admin'));
    assert.ok(!b.has('test.by_a_clerk') && !b.has('test.by_a_admin') && !b.has('test.by_city'));
  });

  it('the city sees its own and all its counties’ events', async () => {
    const c = await actions('cityOffice');
    for (const x of ['test.by_city', 'test.by_a_clerk', 'test.by_a_admin', 'test.by_b_clerk', 'test.by_b_admin']) assert.ok(c.has(x), x);
  });

  it('system events go by the account they concern; the others only to the top government', async () => {
    const a = await usernames('aAdmin');
    assert.ok(a.has('a-clerk') && a.has('chengguan'), 'the seeding of the county’s own accounts');
    assert.ok(!a.has('b-clerk') && !a.has('city-office'), 'not of the other county’s or the city’s');
    assert.ok(!(await usernames('bAdmin')).has('a-clerk'));
    assert.ok((await usernames('cityOffice')).has('b-clerk'));
    assert.ok((await actions('cityOffice')).has('test.by_system'));
    assert.ok(!(await actions('aAdmin')).has('test.by_system') && !(await actions('bAdmin')).has('test.by_system'));
  });
});
