import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { dayStatus } from '../../core/calendar/calendar.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { updateSettings } from '../participation/settings.js';
import { fileMessage, messageStatus } from './intake.js';
import { rateMessage, reopenMessage, replyMessage, screenMessage, transferMessage } from './handling.js';
import { messageForReading } from './policy.js';
import { messagesWorklist, staffMessages } from './queries.js';

// Shanghai wall-clock instant on a fixed day (the tests never read the real clock).
const at = (d: string, hm = '10:00') => new Date(`${d}T${hm}:00+08:00`);
const PUBLIC: Omit<Parameters<typeof fileMessage>[1], 'agencyId'> = { kind: 'complaint', isPublic: 'yes', name: '王某某', phone: '13800001234', title: '城关镇东街路灯不亮', body: '东街路灯已坏一个月，夜间出行不便，请尽快维修。' };

// The acceptance test: one message through screening, transfer, reply across the 2026
// 劳动节 调休 Saturday (09 May is a working day in the State Council notice), 不满意, reopen, reply
// again; another one accepted and never answered turns red after 3 months on the office's worklist.
describe('messages on the working-day calendar', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });
  const anon = (): Ctx => ({ db: t.database.db, actor: null });
  const work = (u: string, today: string) => messagesWorklist({ db: t.database.db, actor: actors.get(u)!, config: t.config, today });
  let county = 0;

  before(async () => {
    t = await createTestApp({}, { region: true });
    actors = await demoActors(t.database.db, ['office', 'chengguan', 'minzheng', 'jiaoyu', 'nx-office']);
    county = actors.get('office')!.placement.govId!;
  });
  after(async () => t?.close());

  it('screens, transfers, answers on the 4th working day across the 调休 Saturday, and reopens once after 不满意', async () => {
    const cal = await loadCalendar(t.database.db);
    assert.equal(dayStatus(cal, '2026-05-09').kind, 'makeup_workday', 'the calendar data has the 劳动节 make-up Saturday');

    const chengguan = actors.get('chengguan')!.agencyId, minzheng = actors.get('minzheng')!.agencyId;
    const filed = await fileMessage(anon(), { ...PUBLIC, agencyId: String(chengguan), submitKey: 'flow-first-0001' }, { govId: county, now: at('2026-05-06') });
    assert.match(filed.code, /^LY-[A-Z0-9]{10}$/);
    assert.equal(filed.state, 'received');
    const again = await fileMessage(anon(), { ...PUBLIC, agencyId: String(chengguan), submitKey: 'flow-first-0001' }, { govId: county, now: at('2026-05-06', '10:01') });
    assert.deepEqual(again, filed, 'a resubmitted form returns the first message, not a second one');

    const id = (await staffMessages(as('chengguan'), '2026-05-07')).find((m) => m.code === filed.code)!.id;
    // Thursday 7 May: accepted; 5 working days = 8, 9 (调休), 11, 12, 13 May.
    await screenMessage(as('chengguan'), id, { result: 'valid' }, { now: at('2026-05-07', '09:00') });
    await transferMessage(as('chengguan'), id, { toAgencyId: minzheng, note: '属民政职责' }, { now: at('2026-05-07', '11:00') });
    await assert.rejects(screenMessage(as('chengguan'), id, { result: 'valid' }), (e: { code?: string }) => e.code === 'not_found', '城关镇 lets it go after the transfer');

    let s = await messageStatus(t.database.db, filed.code, filed.checkKey);
    assert.equal(s.acceptedOn, '2026-05-07');
    assert.equal(s.dueOn, '2026-05-13');

    // Tuesday 12 May is the 4th working day only because Saturday 9 May is one.
    await replyMessage(as('minzheng'), id, { text: '已安排维修，三日内修复。' }, { now: at('2026-05-12', '15:00') });
    const row = (await messageForReading(t.database.db, actors.get('office')!, id)).m;
    assert.equal(row.replyWorkdays, 4);
    assert.equal(row.onTime, true);

    await rateMessage(anon(), filed.code, filed.checkKey, { rating: 'unsatisfied', comment: '至今未修' }, { now: at('2026-05-14') });
    s = await messageStatus(t.database.db, filed.code, filed.checkKey);
    assert.equal(s.mayReopen, true);
    await reopenMessage(anon(), filed.code, filed.checkKey, { now: at('2026-05-14', '10:05') });
    await replyMessage(as('minzheng'), id, { text: '路灯已于5月15日修复。' }, { now: at('2026-05-15') });
    await rateMessage(anon(), filed.code, filed.checkKey, { rating: 'unsatisfied' }, { now: at('2026-05-18') });
    await assert.rejects(reopenMessage(anon(), filed.code, filed.checkKey), (e: { code?: string }) => e.code === 'no_reopen', 'only once');

    s = await messageStatus(t.database.db, filed.code, filed.checkKey);
    assert.deepEqual(s.steps.map((x) => x.step), ['received', 'screened', 'transferred', 'replied', 'rated', 'reopened', 'replied', 'rated']);
    const moved = s.steps.find((x) => x.step === 'transferred')!;
    assert.equal(moved.from, '城关镇');
    assert.equal(moved.to, '县民政局');
    assert.equal(s.replyAgency, '县民政局');
    assert.equal(s.replyText, '路灯已于5月15日修复。');
    const json = JSON.stringify(s);
    assert.ok(!json.includes('王某某') && !json.includes('13800001234'), 'no personal data under the code');
    await assert.rejects(messageStatus(t.database.db, filed.code, 'AAAAAA'), (e: { code?: string }) => e.code === 'not_found', 'the code alone reveals nothing');
  });

  it('flags a valid message unanswered for 3 months red, warns before, shows it to the office and not to another county', async () => {
    const minzheng = actors.get('minzheng')!.agencyId;
    const f = await fileMessage(anon(), { ...PUBLIC, title: '低保申请进度', agencyId: minzheng, isPublic: false }, { govId: county, now: at('2026-01-05') });
    const id = (await staffMessages(as('minzheng'), '2026-01-06')).find((m) => m.code === f.code)!.id;
    await screenMessage(as('minzheng'), id, { result: 'valid' }, { now: at('2026-01-06') });

    const warned = (await work('office', '2026-03-10')).filter((i) => i.href === `/admin/messages/${id}`);
    assert.equal(warned.length, 1);
    assert.equal(warned[0]!.kind, '留言长期未答复预警');

    const red = (await work('office', '2026-04-10')).filter((i) => i.href === `/admin/messages/${id}`);
    assert.equal(red.length, 1);
    assert.equal(red[0]!.kind, '留言超过三个月未答复');
    assert.equal(red[0]!.urgency, 'overdue');
    assert.equal((await staffMessages(as('office'), '2026-04-10')).find((m) => m.id === id)?.flag, 'red');

    assert.equal((await work('nx-office', '2026-04-10')).filter((i) => i.href === `/admin/messages/${id}`).length, 0);
    assert.equal((await staffMessages(as('nx-office'), '2026-04-10')).some((m) => m.id === id), false);
    await assert.rejects(messageForReading(t.database.db, actors.get('nx-office')!, id), (e: { code?: string }) => e.code === 'not_found');
    await assert.rejects(screenMessage(as('jiaoyu'), id, { result: 'invalid', reason: 'x' }), (e: { code?: string }) => e.code === 'not_found', 'another department cannot act on it');
  });

  it('holds a message with a sensitive word for review, and refuses oversize, control characters and a foreign agency with Chinese messages', async () => {
    await updateSettings(as('office'), { majorDecisionDays: '30', ruleDays: '30', normativeWorkdays: '7', maxCommentChars: '5000', perContactPerDay: '10', perAddressPerDay: '30', sensitiveWords: '违禁词' });
    const minzheng = actors.get('minzheng')!.agencyId;
    const held = await fileMessage(anon(), { ...PUBLIC, agencyId: minzheng, body: '这里有违禁词。' }, { govId: county, now: at('2026-06-01') });
    assert.equal(held.state, 'held');
    assert.equal(held.held, true);
    assert.match(held.code, /^LY-/, 'a held message still gets its code');
    const items = await work('minzheng', '2026-06-01');
    assert.ok(items.some((i) => i.kind === '留言待审核'));

    const problems = async (input: Partial<typeof PUBLIC> & { agencyId?: unknown }) => {
      try { await fileMessage(anon(), { ...PUBLIC, agencyId: minzheng, ...input } as never, { govId: county }); } catch (e) { return (e as { details?: unknown; fields?: unknown }); }
      assert.fail('refused');
    };
    const big = JSON.stringify(await problems({ body: '长'.repeat(3001) }));
    assert.match(big, /不超过 3000 个字/);
    assert.match(JSON.stringify(await problems({ title: 'a\u0000b' })), /无法识别的字符/);
    assert.match(JSON.stringify(await problems({ phone: "1' OR 1=1 --" })), /联系电话格式不正确/);
    const nanguan = actors.get('nx-office')!.agencyId;
    assert.match(JSON.stringify(await problems({ agencyId: nanguan })), /请选择留言对象/);
    assert.match(JSON.stringify(await problems({ kind: '<script>' as never })), /请选择留言类别/);
  });
});
