import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import { auditEvents } from '../../core/audit/schema.js';
import { msgMailboxes } from './schema.js';

const PAGE = '/admin/messages/mailboxes';
const FORM = '/shifanxian/liuyan/new';

describe('messages: the office keeps the 领导信箱', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  before(async () => {
    t = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '1000', PUBLIC_CACHE_TTL: '0' }, { region: true });
    actors = await demoActors(t.database.db, ['office', 'minzheng', 'nx-office']);
  });
  after(async () => t?.close());
  const mailboxNamed = async (name: string) => (await t.database.db.select().from(msgMailboxes).where(eq(msgMailboxes.name, name)))[0];

  it('opens a mailbox the public can write to, closes it to new messages and opens it again, audited', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    const page = await office.get(PAGE);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('<td>县长信箱</td>'), 'the demo mailbox is listed');
    const owner = String(actors.get('office')!.agencyId);
    const made = await office.post(PAGE, { name: '常务副县长信箱', agencyId: owner }, { from: PAGE });
    assert.equal(made.statusCode, 303);
    const mb = (await mailboxNamed('常务副县长信箱'))!;
    assert.ok(mb.active);
    assert.ok((await new Browser(t.app).get(FORM)).body.includes('常务副县长信箱'), 'offered on the public form');

    const closed = await office.post(`${PAGE}/${mb.id}/close`, {}, { from: PAGE });
    assert.equal(closed.statusCode, 303);
    assert.equal((await mailboxNamed('常务副县长信箱'))!.active, false);
    const form = (await new Browser(t.app).get(FORM)).body;
    assert.ok(!form.includes('常务副县长信箱'), 'a closed mailbox is not offered');
    // Writing to it anyway (an old form) is refused beside the field, not stored.
    const citizen = new Browser(t.app, '192.0.2.91');
    const r = await citizen.post(FORM, { target: `mb-${mb.id}`, kind: 'consult', isPublic: 'yes', name: '张某', phone: '13800000091', title: '咨询', body: '请问办理时间？' }, { from: FORM });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /请选择/);
    const again = await office.post(`${PAGE}/${mb.id}/close`, {}, { from: PAGE });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /已经停用/);
    assert.equal((await office.post(`${PAGE}/${mb.id}/open`, {}, { from: PAGE })).statusCode, 303);
    assert.equal((await mailboxNamed('常务副县长信箱'))!.active, true);
    const actions = (await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.targetType, 'msg_mailbox'), eq(auditEvents.targetId, String(mb.id))))).map((x) => x.action).filter((x) => x.startsWith('messages.mailbox'));
    assert.deepEqual(actions.sort(), ['messages.mailbox_closed', 'messages.mailbox_created', 'messages.mailbox_reopened']);
  });

  it('refuses bad input in Chinese beside the field and keeps the mailboxes as they were', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    const before = (await t.database.db.select().from(msgMailboxes)).length;
    const nxAgency = String(actors.get('nx-office')!.agencyId);
    for (const [values, hint] of [
      [{ name: '', agencyId: String(actors.get('office')!.agencyId) }, /请填写信箱名称/],
      [{ name: '信'.repeat(51), agencyId: String(actors.get('office')!.agencyId) }, /不超过 50 字/],
      [{ name: '县长信箱二', agencyId: nxAgency }, /本级政府的单位/],
      [{ name: "x'; DROP TABLE msg_mailboxes; --", agencyId: '1 OR 1=1' }, /本级政府的单位/],
      [{ name: '<script>alert(1)</script>', agencyId: 'abc' }, /本级政府的单位/],
    ] as const) {
      const r = await office.post(PAGE, values, { from: PAGE });
      assert.equal(r.statusCode, 400, JSON.stringify(values));
      assert.match(r.body, hint);
      assert.ok(!r.body.includes('<script>alert(1)'), 'escaped');
    }
    assert.equal((await t.database.db.select().from(msgMailboxes)).length, before);
  });

  it('lets only the office of the mailbox\'s own government act on it', async () => {
    const mb = (await mailboxNamed('县长信箱'))!;
    const other = new Browser(t.app);
    await other.login('nx-office');
    assert.ok(!(await other.get(PAGE)).body.includes('<td>县长信箱</td>'), '示范南县 does not see 示范县’s mailboxes');
    assert.equal((await other.post(`${PAGE}/${mb.id}/close`, {}, { from: PAGE })).statusCode, 404);
    const clerk = new Browser(t.app);
    await clerk.login('minzheng');
    assert.equal((await clerk.get(PAGE)).statusCode, 403);
    assert.equal((await mailboxNamed('县长信箱'))!.active, true, 'unchanged');
  });
});
