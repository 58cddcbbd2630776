import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { asc, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { addWorkdays, workdaysBetween } from '../../core/calendar/calendar.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { auditEvents } from '../../core/audit/schema.js';
import { addFollowUp, addMonths, extendProposal, getProposal, publicProposals, publishProposal, recordCoView, recordSatisfaction, registerProposal, replyProposal } from './items.js';
import { proposalsWorklist } from './worklist.js';
import { redactContacts, REDACTED } from './redact.js';
import { getPropSettings, updatePropSettings } from './settings.js';

const LEAD_PHONE = '13912345678';
const CO_PHONE = '0373-5230001';

describe('redactContacts', () => {
  it('removes mobiles, landlines and e-mails however they are written, and keeps dates, amounts and numbers', () => {
    const cases = ['13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '0373-5234567', '(0373)5234567', '（010）62345678', '0373 5234567转801', 'zhang.san@example.com', 'li＠qq.com'];
    for (const c of cases) assert.equal(redactContacts(`请联系${c}。`), `请联系${REDACTED}。`, c);
    const keep = '2026年4月1日，投入资金12345678元，文号县政办〔2026〕12号，编号20260401，第3期。';
    assert.equal(redactContacts(keep), keep);
    assert.equal(redactContacts('他的电话是 523 0001 请转告', ['5230001']), `他的电话是 ${REDACTED} 请转告`);
  });
});

describe('proposals service', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });
  const work = (u: string, today: string) => proposalsWorklist({ db: t.database.db, actor: actors.get(u)!, config: t.config, today });
  let id = 0;
  let late = 0;

  before(async () => {
    t = await createTestApp({}, { region: true });
    actors = await demoActors(t.database.db, ['office', 'minzheng', 'jiaoyu', 'nx-office', 'shi-office']);
    const host = actors.get('minzheng')!.agencyId;
    const co = actors.get('jiaoyu')!.agencyId;
    id = await registerProposal(as('office'), {
      kind: 'npc', session: '县第十八届人民代表大会第三次会议', number: '12', title: '关于改善城关镇养老服务设施的建议',
      leadAuthor: { name: '王某某', phone: LEAD_PHONE }, coAuthors: [{ name: '李某某', phone: CO_PHONE }], hostAgencyId: host, coAgencyIds: [co], assignedOn: '2026-03-02',
    });
    late = await registerProposal(as('office'), {
      kind: 'cppcc', session: '县政协第十二届第三次会议', number: '45', title: '关于加强农村学校建设的提案',
      leadAuthor: { name: '赵某某', phone: '13700001111' }, hostAgencyId: host, assignedOn: '2026-03-02',
    });
  });
  after(async () => t?.close());

  it('is due 3 months after assignment and the co-handlers’ views 1 month after', async () => {
    const p = await getProposal(as('minzheng'), id);
    assert.equal(p.assignedOn, '2026-03-02');
    assert.equal(p.dueOn, '2026-06-02');
    assert.equal(p.viewsDueOn, '2026-04-02');
    assert.equal(addMonths('2026-11-30', 3), '2027-02-28');
    assert.equal(p.coHandlers.length, 1);
    assert.equal(p.coHandlers[0]!.viewOn, null);
  });

  it('puts the co-handler’s missing view on its worklist, then records it', async () => {
    const before = await work('jiaoyu', '2026-04-05');
    const mine = before.filter((i) => i.href === `/admin/proposals/${id}`);
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.kind, '协办意见超期');
    assert.equal(mine[0]!.urgency, 'overdue');
    // A co-handler may not reply for the host.
    await assert.rejects(replyProposal(as('jiaoyu'), id, { replyClass: 'A', replyOn: '2026-04-10', text: '答复' }), { code: 'forbidden' });
    await recordCoView(as('jiaoyu'), id, { text: '县教育局同意在学校周边统筹建设。', on: '2026-03-28' });
    const p = await getProposal(as('minzheng'), id);
    assert.equal(p.coHandlers[0]!.viewOn, '2026-03-28');
    assert.match(p.coHandlers[0]!.viewText, /统筹建设/);
    assert.equal((await work('jiaoyu', '2026-04-05')).filter((i) => i.href === `/admin/proposals/${id}`).length, 0);
  });

  it('refuses an extension without the approval record, and grants 6 months with it', async () => {
    await assert.rejects(extendProposal(as('minzheng'), late, {}), (e: { code?: string; details?: { fields: Record<string, string> } }) => {
      assert.equal(e.code, 'invalid_input');
      assert.ok(e.details!.fields.approver && e.details!.fields.approvedOn && e.details!.fields.reason);
      return true;
    });
    assert.equal((await getProposal(as('minzheng'), late)).extension, null);
    const due = await extendProposal(as('minzheng'), late, { approver: '县政府办公室 张主任', approvedOn: '2026-05-20', reason: '涉及跨年度预算安排，需进一步论证。' });
    assert.equal(due, '2026-09-02');
    await assert.rejects(extendProposal(as('minzheng'), late, { approver: '某', approvedOn: '2026-05-21', reason: '再延' }), { code: 'proposal_extended' });
    // Past 3 months but inside the extension: not overdue.
    const w = (await work('minzheng', '2026-06-10')).filter((i) => i.href === `/admin/proposals/${late}`);
    assert.equal(w.length, 0);
    const w2 = (await work('office', '2026-09-03')).filter((i) => i.href === `/admin/proposals/${late}`);
    assert.equal(w2[0]?.kind, '建议提案答复超期');
  });

  it('publishes the reply with the authors’ phones removed, including one typed in the text, and shows only published items', async () => {
    await assert.rejects(replyProposal(as('minzheng'), id, { replyClass: 'Z', replyOn: '2026-05-01', text: '答复' }), { code: 'invalid_input' });
    await replyProposal(as('minzheng'), id, {
      replyClass: 'B', replyOn: '2026-04-15',
      text: `王某某代表（电话 ${LEAD_PHONE}）：您提出的建议已列入2026年计划。经与李某某代表（${CO_PHONE}）沟通，拟新建日间照料中心一处，投入资金120万元。联系人邮箱 mz@shifanxian.gov.cn，或拨打 139 1234 5678。`,
    });
    assert.equal((await publicProposals(t.database.db, actors.get('office')!.placement.govId)).length, 0, 'replied but unpublished: not public');
    await recordSatisfaction(as('minzheng'), id, { satisfaction: 'basically', note: '希望加快进度' });
    await addFollowUp(as('minzheng'), id, { on: '2026-06-01', text: '已完成选址。' });
    await assert.rejects(publishProposal(as('minzheng'), id, { mode: 'summary', summary: '摘要', on: '2026-04-20' }), (e: { details?: { fields: Record<string, string> } }) => !!e.details?.fields.reason);
    const text = await publishProposal(as('minzheng'), id, { mode: 'full', on: '2026-04-20' });
    assert.ok(!text.includes('13912345678') && !text.includes('139 1234 5678') && !text.includes('5230001') && !text.includes('@'), text);
    assert.match(text, /日间照料中心/);
    assert.match(text, /120万元/);
    const list = await publicProposals(t.database.db, actors.get('office')!.placement.govId);
    assert.deepEqual(list.map((p) => p.id), [id]);
    const pub = list[0]!;
    assert.equal(pub.replyClassLabel, '列入计划拟解决');
    assert.equal(pub.satisfactionLabel, '基本满意');
    const json = JSON.stringify(pub);
    assert.ok(!json.includes('1391234') && !json.includes('5230001') && !json.includes('phone'), json);
    assert.deepEqual(pub.coAuthorNames, ['李某某']);
    // Another government's site does not list it.
    assert.equal((await publicProposals(t.database.db, actors.get('nx-office')!.placement.govId)).length, 0);
  });

  it('puts a reply left unpublished past 20 working days on the worklist, and warns before', async () => {
    await replyProposal(as('minzheng'), late, { replyClass: 'C', replyOn: '2026-04-01', text: '留作参考。' });
    const cal = await loadCalendar(t.database.db);
    const due = addWorkdays(cal, '2026-04-01', 20);
    assert.equal(workdaysBetween(cal, '2026-04-01', due), 20);
    // The May Day holiday and its 调休 are on the official calendar: 20 working days is more than 4 weeks.
    assert.ok(due > '2026-04-29', due);
    const soon = (await work('minzheng', addWorkdays(cal, '2026-04-01', 17))).filter((i) => i.href === `/admin/proposals/${late}`);
    assert.equal(soon[0]?.kind, '答复待公开');
    assert.equal(soon[0]?.urgency, 'due');
    const past = (await work('office', addWorkdays(cal, due, 1))).filter((i) => i.href === `/admin/proposals/${late}`);
    assert.equal(past[0]?.kind, '答复超期未公开');
    assert.equal(past[0]?.urgency, 'overdue');
    assert.equal(past[0]?.dueOn, due);
    // Nothing of it for the co-handler of the other item, nor for another county.
    assert.equal((await work('jiaoyu', addWorkdays(cal, due, 1))).length, 0);
    assert.equal((await work('nx-office', addWorkdays(cal, due, 1))).length, 0);
  });

  it('lets no one of another county act or read, and lets the city read only', async () => {
    await assert.rejects(getProposal(as('nx-office'), late), { code: 'not_found' });
    await assert.rejects(publishProposal(as('nx-office'), late, { mode: 'full', on: '2026-05-10' }), { code: 'not_found' });
    await assert.rejects(extendProposal(as('nx-office'), id, { approver: 'x', approvedOn: '2026-05-10', reason: 'y' }), { code: 'not_found' });
    await assert.rejects(registerProposal(as('nx-office'), {
      kind: 'npc', session: '南县人大', number: '1', title: '跨县交办', leadAuthor: { name: '某' }, hostAgencyId: actors.get('minzheng')!.agencyId, assignedOn: '2026-03-02',
    }), (e: { details?: { fields: Record<string, string> } }) => !!e.details?.fields.hostAgencyId);
    assert.equal((await getProposal(as('shi-office'), late)).id, late);
    await assert.rejects(publishProposal(as('shi-office'), late, { mode: 'full', on: '2026-05-10' }), { code: 'forbidden' });
  });

  it('refuses hostile or malformed input with field messages and stores nothing wrongly', async () => {
    const host = actors.get('minzheng')!.agencyId;
    await assert.rejects(registerProposal(as('office'), {
      kind: 'x', session: 'a'.repeat(500), number: '', title: '', leadAuthor: { name: '', phone: "1' OR 1=1 --" },
      hostAgencyId: 'abc' as unknown as number, coAgencyIds: [999999], assignedOn: '2026-02-30',
    }), (e: { code?: string; details?: { fields: Record<string, string> } }) => {
      assert.equal(e.code, 'invalid_input');
      for (const f of ['kind', 'session', 'number', 'title', 'leadAuthor', 'hostAgencyId', 'assignedOn']) assert.ok(e.details!.fields[f], f);
      return true;
    });
    const xid = await registerProposal(as('office'), {
      kind: 'npc', session: '县第十八届人民代表大会第三次会议', number: '99', title: '<script>alert(1)</script>\u0000关于路灯的建议',
      leadAuthor: { name: '周某某' }, hostAgencyId: host, assignedOn: '2026-03-10',
    });
    assert.equal((await getProposal(as('office'), xid)).title, '<script>alert(1)</script>关于路灯的建议');
    await assert.rejects(registerProposal(as('office'), {
      kind: 'npc', session: '县第十八届人民代表大会第三次会议', number: '99', title: '重复', leadAuthor: { name: '周某某' }, hostAgencyId: host, assignedOn: '2026-03-10',
    }), { code: 'proposal_duplicate' });
    await assert.rejects(replyProposal(as('minzheng'), xid, { replyClass: 'A', replyOn: '2026-03-01', text: '早于交办' }), (e: { details?: { fields: Record<string, string> } }) => !!e.details?.fields.replyOn);
    await assert.rejects(publishProposal(as('minzheng'), xid, { mode: 'full', on: '2026-04-01' }), { code: 'proposal_state' });
  });

  it('audits every action without the authors’ phones, and the office sets the limits', async () => {
    const rows = await t.database.db.select().from(auditEvents).where(eq(auditEvents.targetType, 'prop_item')).orderBy(asc(auditEvents.seq));
    const actions = rows.map((r) => r.action);
    for (const a of ['proposals.registered', 'proposals.co_view_recorded', 'proposals.extended', 'proposals.replied', 'proposals.satisfaction_recorded', 'proposals.follow_up_added', 'proposals.published']) assert.ok(actions.includes(a), a);
    assert.ok(!JSON.stringify(rows).includes(LEAD_PHONE));
    await assert.rejects(updatePropSettings(as('minzheng'), {}), { code: 'forbidden' });
    // One set of limits for the installation: under a city, the city's office sets them.
    await assert.rejects(updatePropSettings(as('office'), {}), { code: 'forbidden' });
    await assert.rejects(updatePropSettings(as('shi-office'), { replyMonths: '3', extendedMonths: '2', viewsMonths: '1', publishWorkdays: '20', warnWorkdays: '5', classes: 'A 已解决' }), { code: 'invalid_input' });
    await updatePropSettings(as('shi-office'), { replyMonths: '3', extendedMonths: '6', viewsMonths: '1', publishWorkdays: '15', warnWorkdays: '3', classes: '甲 已解决或采纳\n乙 列入计划 *\n丙 留作参考 *' });
    const s = await getPropSettings(t.database.db);
    assert.equal(s.publishWorkdays, 15);
    assert.deepEqual(s.classes.map((c) => [c.code, c.followUp]), [['甲', false], ['乙', true], ['丙', true]]);
  });
});
