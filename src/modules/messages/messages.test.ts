import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { agencies } from '../../core/org/schema.js';
import { dayStatus } from '../../core/calendar/calendar.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { fileMessage, messageStatus } from './service.js';
import { rateMessage, reopenMessage, replyMessage, screenMessage, setFaq, transferMessage } from './handling.js';
import { faqList, messagesWorklist, monthlyStats, publicMessages, staffMessages } from './queries.js';
import { msgMessages } from './schema.js';

// Fixed clock, Asia/Shanghai 10:00: accepted Thu 2026-10-08 after 国庆; Sat 10-10 is a 调休 working day.
const at = (d: string) => new Date(`${d}T10:00:00+08:00`);

describe('messages: screening, transfer, reply on the working-day calendar, rating, reopen, 3-month red line', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });
  const pub = (): Ctx => ({ db: t.database.db, actor: null });
  let govId = 0, chengguan = 0, minzheng = 0;
  const input = (over: Record<string, unknown> = {}) => ({ agencyId: chengguan, kind: 'consult', isPublic: true, name: '张三丰', phone: '13800138000', title: '低保申请需要哪些材料', body: '请问城关镇办理低保需要准备哪些材料？', ...over });

  before(async () => {
    t = await createTestApp({}, { region: true });
    actors = await demoActors(t.database.db, ['office', 'minzheng', 'jiaoyu', 'nx-office']);
    govId = actors.get('office')!.placement.govId;
    const named = async (name: string) => (await t.database.db.select({ id: agencies.id }).from(agencies).where(and(eq(agencies.name, name), eq(agencies.govId, govId))))[0]!.id;
    chengguan = await named('城关镇');
    minzheng = await named('县民政局');
  });
  after(async () => t?.close());

  it('runs a public message from 城关镇 to 县民政局, answered on the 4th working day across the 调休 Saturday, reopened once', async () => {
    const cal = await loadCalendar(t.database.db);
    assert.equal(dayStatus(cal, '2026-10-10').kind, 'makeup_workday', '2026-10-10 is a 调休 working day');
    const filed = await fileMessage(pub(), input({ submitKey: 'abcdefgh1234' }), { govId, now: at('2026-10-08') });
    assert.equal(filed.state, 'received');
    const again = await fileMessage(pub(), input({ submitKey: 'abcdefgh1234' }), { govId });
    assert.equal(again.code, filed.code, 'a resubmitted form does not make a second message');
    const [m] = await t.database.db.select().from(msgMessages).where(eq(msgMessages.code, filed.code));
    await screenMessage(as('office'), m!.id, { result: 'valid' }, { now: at('2026-10-08') });
    await assert.rejects(transferMessage(as('nx-office'), m!.id, { toAgencyId: minzheng }), { code: 'not_found' }, 'another county cannot act or see');
    await assert.rejects(replyMessage(as('minzheng'), m!.id, { text: 'x' }), { code: 'not_found' }, 'not yet theirs');
    await transferMessage(as('office'), m!.id, { toAgencyId: minzheng, note: '低保属民政职责' }, { now: at('2026-10-09') });
    await replyMessage(as('minzheng'), m!.id, { text: '请携带身份证、户口簿和收入证明到县民政局办理。' }, { now: at('2026-10-13') });
    const [r] = await t.database.db.select().from(msgMessages).where(eq(msgMessages.id, m!.id));
    assert.equal(r!.acceptedOn, '2026-10-08');
    assert.equal(r!.dueOn, '2026-10-14', '5 working days: 10-09, 10-10 (调休), 10-12, 10-13, 10-14');
    assert.equal(r!.replyWorkdays, 4);
    assert.equal(r!.onTime, true);
    await rateMessage(pub(), filed.code, filed.checkKey, { rating: 'unsatisfied', comment: '没说清楚收入证明由谁开' }, { now: at('2026-10-14') });
    await reopenMessage(pub(), filed.code, filed.checkKey, { now: at('2026-10-14') });
    await replyMessage(as('minzheng'), m!.id, { text: '收入证明由所在村（社区）出具。' }, { now: at('2026-10-15') });
    await rateMessage(pub(), filed.code, filed.checkKey, { rating: 'unsatisfied' });
    await assert.rejects(reopenMessage(pub(), filed.code, filed.checkKey), { code: 'no_reopen' }, 'only once');
    const s = await messageStatus(t.database.db, filed.code, filed.checkKey);
    assert.deepEqual(s.steps.map((x) => x.step), ['received', 'screened', 'transferred', 'replied', 'rated', 'reopened', 'replied', 'rated']);
    const tr = s.steps.find((x) => x.step === 'transferred')!;
    assert.equal(`${tr.from}→${tr.to}`, '城关镇→县民政局');
    assert.equal(s.replyAgency, '县民政局');
    await assert.rejects(messageStatus(t.database.db, filed.code, 'AAAAAA'), { code: 'not_found' }, 'the code alone reveals nothing');
    // Public list: dates, agency, reply — no name or phone.
    const list = await publicMessages(t.database.db, govId);
    const row = list.find((x) => x.id === m!.id)!;
    assert.equal(row.acceptedOn, '2026-10-08');
    assert.equal(row.replyAgency, '县民政局');
    assert.doesNotMatch(JSON.stringify(list), /张三丰|13800138000/);
    assert.equal((await publicMessages(t.database.db, actors.get('nx-office')!.placement.govId)).some((x) => x.id === m!.id), false, 'not on the other county site');
    await setFaq(as('minzheng'), m!.id, true);
    assert.equal((await faqList(t.database.db, govId, minzheng)).length, 1);
    await setFaq(as('minzheng'), m!.id, false);
    assert.equal((await faqList(t.database.db, govId, minzheng)).length, 0);
    const stats = await monthlyStats(t.database.db, govId, '2026-10');
    const mz = stats.find((x) => x.agencyId === minzheng)!;
    assert.deepEqual({ answered: mz.answered, onTime: mz.onTime, avg: mz.avgWorkdays, sat: mz.satisfaction }, { answered: 1, onTime: 1, avg: 4, sat: 0 });
  });

  it('flags a valid message unanswered for 3 months red, warns at 2, and the office sees it', async () => {
    const filed = await fileMessage(pub(), input({ title: '道路积水', isPublic: false, kind: 'complaint' }), { govId, now: at('2026-06-01') });
    const [m] = await t.database.db.select().from(msgMessages).where(eq(msgMessages.code, filed.code));
    await screenMessage(as('office'), m!.id, { result: 'valid' }, { now: at('2026-06-01') });
    const wl = (u: string, today: string) => messagesWorklist({ db: t.database.db, actor: actors.get(u)!, config: t.config, today });
    assert.equal((await staffMessages(as('office'), '2026-08-05')).find((x) => x.id === m!.id)!.flag, 'warning');
    assert.equal((await wl('office', '2026-08-05')).find((x) => x.href === `/admin/messages/${m!.id}`)!.kind, '留言长期未答复预警');
    assert.equal((await staffMessages(as('office'), '2026-09-02')).find((x) => x.id === m!.id)!.flag, 'red');
    assert.equal((await wl('office', '2026-09-02')).find((x) => x.href === `/admin/messages/${m!.id}`)!.kind, '留言超过三个月未答复');
    assert.equal((await staffMessages(as('nx-office'), '2026-09-02')).some((x) => x.id === m!.id), false, 'another county office does not see it');
    assert.equal((await staffMessages(as('jiaoyu'), '2026-09-02')).some((x) => x.id === m!.id), false);
  });

  it('holds a sensitive-word message for review, refuses hostile input with field messages, and files on behalf of an interview', async () => {
    const { updateSettings, getSettings } = await import('../participation/settings.js');
    const cur = await getSettings(t.database.db);
    await updateSettings(as('office'), Object.fromEntries(Object.entries({ ...cur, sensitiveWords: '违禁词' }).map(([k, v]) => [k, String(v)])));
    const held = await fileMessage(pub(), input({ body: '这里有违禁词' }), { govId });
    assert.equal(held.state, 'held');
    assert.equal((await messageStatus(t.database.db, held.code, held.checkKey)).state, 'held');
    for (const bad of [{ body: 'x'.repeat(3001) }, { name: '' }, { phone: "1' or 1=1 --" }, { title: 'a\u0000b' }, { kind: 'drop table' }, { isPublic: 42 }, { agencyId: 'abc' }, { agencyId: actors.get('nx-office')!.agencyId }]) {
      await assert.rejects(fileMessage(pub(), input(bad), { govId }), { code: 'invalid_input' }, JSON.stringify(bad).slice(0, 60));
    }
    const xss = await fileMessage(pub(), input({ title: '<script>alert(1)</script>' }), { govId });
    assert.equal((await messageStatus(t.database.db, xss.code, xss.checkKey)).title, '<script>alert(1)</script>', 'stored as typed; the JSX runtime escapes it');
    const fromInterview = await fileMessage(pub(), input({ title: '访谈中未答复的问题' }), { govId, origin: { type: 'interview', id: 7 } });
    const [r] = await t.database.db.select().from(msgMessages).where(eq(msgMessages.code, fromInterview.code));
    assert.deepEqual(r!.origin, { type: 'interview', id: 7 });
  });
});
