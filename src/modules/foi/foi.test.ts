import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../core/auth/actor.js';
import { AppError } from '../../core/errors.js';
import { login } from '../account/service.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { listAgencies } from '../org/service.js';
import { setOverride } from '../../core/calendar/service.js';
import { addDays, todayInShanghai } from '../../core/calendar/dates.js';
import { auditEvents } from '../../core/audit/schema.js';
import { confirmReceipt, followApplication, registerApplication, submitApplication, type FoiCtx } from './intake.js';
import * as handling from './handling.js';
import { caseDetail, listCases, popularRequests } from './queries.js';
import { addReview, decideReview } from './reviews.js';
import { reportCases, reviewRecords } from './report-data.js';
import { foiApplications } from './schema.js';
import { DEFAULT_FOI_SETTINGS, getFoiSettings, updateFoiSettings } from './settings.js';
import { negEntriesFor } from '../negative/citing.js';
import { publishedEntry } from '../negative/citing.testing.js';

const KEY = Buffer.alloc(32, 7);
const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));
// A valid resident ID number (GB 11643 checksum) and a valid 统一社会信用代码.
const ID = '11010519491231002X';

describe('applications for disclosure', () => {
  let database: Database;
  const actors = new Map<string, Actor>();
  let town = 0;
  let dept = 0;
  const as = (u: string | null): FoiCtx => ({ db: database.db, actor: u ? actors.get(u)! : null, key: KEY, countStartDay: false });
  const form = (over: Record<string, unknown> = {}) => ({
    agencyId: town, applicantType: 'natural', name: '张三', idType: '居民身份证', idNumber: ID, phone: '13800138000',
    content: '城关镇2025年最低生活保障资金发放明细', form: 'electronic', delivery: 'online', ...over,
  });
  const idOf = async (c: string) => (await database.db.select({ id: foiApplications.id }).from(foiApplications).where(eq(foiApplications.code, c)))[0]!.id;

  before(async () => {
    database = await createTestDatabase({ demo: true });
    for (const u of ['chengguan', 'chengguan-sh', 'office', 'hexi', 'minzheng']) {
      const r = await login(database.db, { username: u, password: DEMO_PASSWORD, address: "127.0.0.1" });
      assert.ok(r.ok);
      actors.set(u, r.actor);
    }
    const agencies = await listAgencies(database.db);
    town = agencies.find((a) => a.name === '城关镇')!.id;
    dept = agencies.find((a) => a.name === '县民政局')!.id;
  });
  after(async () => database.close());

  it('takes an online application, answers with code and secret, and shows the applicant only their case', async () => {
    const s = await submitApplication(as(null), form());
    assert.match(s.code, /^\d{4}-[A-Z2-9]{8}$/);
    assert.equal(s.receivedOn, null, 'online: received when the office confirms');
    const v = await followApplication(as(null), s.code, s.secret);
    assert.equal(v.status, '待确认受理');
    assert.equal(v.content, form().content);
    assert.ok(!JSON.stringify(v).includes(ID) && !JSON.stringify(v).includes('13800138000'), 'no identity data on the follow page');
    await assert.rejects(followApplication(as(null), s.code, 'WRONGSECRET00000'), (e) => code(e) === 'not_found');
    const stored = (await database.db.select().from(foiApplications).where(eq(foiApplications.code, s.code)))[0]!;
    assert.ok(!stored.idNumberEnc.includes(ID) && stored.idNumberEnc.startsWith('v1:'), 'ID number encrypted at rest');
  });

  it('refuses bad input field by field and a duplicate submission, keeping what was accepted', async () => {
    await assert.rejects(submitApplication(as(null), form({ idNumber: '110105194912310021' })), (e) => code(e) === 'invalid_input' && (e as AppError).message.includes('校验位'));
    await assert.rejects(submitApplication(as(null), form({ content: 'x'.repeat(2001) })), (e) => (e as AppError).message.includes('2000'));
    await assert.rejects(submitApplication(as(null), form({ agencyId: "1 or 1=1" })), (e) => code(e) === 'invalid_input');
    await assert.rejects(submitApplication(as(null), form({ phone: ['1'] })), (e) => code(e) === 'invalid_input');
    await assert.rejects(submitApplication(as(null), form({ delivery: 'email' })), (e) => (e as AppError).message.includes('电子邮箱'));
    await assert.rejects(submitApplication(as(null), form({ applicantType: 'org', name: '某公司', idNumber: '91110000600037341L', orgCategory: 'business' })), (e) => (e as AppError).message.includes('联系人'));
    const village = (await listAgencies(database.db)).find((a) => a.kind === 'village');
    if (village) await assert.rejects(submitApplication(as(null), form({ agencyId: village.id })), (e) => code(e) === 'invalid_input');
    const first = await submitApplication(as(null), form({ submitKey: 'k-123', content: '<script>alert(1)</script> 低保名单' }));
    await assert.rejects(submitApplication(as(null), form({ submitKey: 'k-123' })), (e) => code(e) === 'duplicate_submission');
    const v = await followApplication(as(null), first.code, first.secret);
    assert.equal(v.content, '<script>alert(1)</script> 低保名单', 'stored as text; escaping is the page\'s job');
  });

  it('runs the clock through confirmation, 补正, consultation and extension, and replies as 部分公开', async () => {
    const s = await submitApplication(as(null), form({ content: '城关镇某项目征收补偿协议', idNumber: '110105194912310038' }));
    const id = await idOf(s.code);
    await assert.rejects(confirmReceipt(as('hexi'), id), (e) => code(e) === 'not_found', 'another township cannot see it');
    await assert.rejects(handling.requestSupplement(as('chengguan'), id, { items: '请说明项目名称', dueOn: '2099-01-01' }), (e) => code(e) === 'not_received');
    const today = todayInShanghai();
    await confirmReceipt(as('chengguan'), id);
    let d = await caseDetail(as('chengguan'), id);
    assert.equal(d.clock.receivedOn, today);
    assert.ok(d.clock.dueOn && d.clock.dueOn > today);
    assert.equal(d.applicant.idNumber, '110105194912310038', 'the handler sees the ID number');
    const office = await caseDetail(as('office'), id);
    assert.equal(office.applicant.masked, true);
    assert.ok(!office.applicant.idNumber.includes('19491231'), 'the county office sees it masked');

    const supplyBy = addDays(today, 30);
    await assert.rejects(handling.requestSupplement(as('chengguan'), id, { items: '请说明项目名称', dueOn: addDays(today, 200) }), (e) => (e as AppError).message.includes('合理期限'));
    await handling.requestSupplement(as('chengguan'), id, { items: '请说明项目名称', dueOn: supplyBy });
    await assert.rejects(handling.requestSupplement(as('chengguan'), id, { items: '再补', dueOn: supplyBy }), (e) => code(e) === 'supplement_once');
    d = await caseDetail(as('chengguan'), id);
    assert.equal(d.clock.status, 'awaiting_supplement');
    await handling.recordSupplement(as('chengguan'), id, {});
    d = await caseDetail(as('chengguan'), id);
    assert.equal(d.clock.restarted, true);
    const due = d.clock.dueOn!;

    await handling.startConsultation(as('chengguan'), id, { party: 'third_party', name: '某拆迁公司' });
    d = await caseDetail(as('chengguan'), id);
    assert.equal(d.clock.status, 'paused');
    await assert.rejects(handling.replyCase(as('chengguan'), id, { outcome: 'disclosed', text: '答复' }), (e) => code(e) === 'consulting');
    await handling.endConsultation(as('chengguan'), id, { ref: d.clock.consultationsDue[0]!.eventId, opinion: 'disagree' });
    d = await caseDetail(as('chengguan'), id);
    assert.ok(d.clock.dueOn! >= due, 'the pause never shortens the period');

    await assert.rejects(handling.extendCase(as('chengguan'), id, { workdays: 10, approver: '王主任', reason: '需要检索档案' }), (e) => code(e) === 'invalid_input', 'an editor cannot approve an extension');
    await assert.rejects(handling.extendCase(as('chengguan-sh'), id, { workdays: 21, approver: '王主任', reason: '需要检索档案' }), (e) => (e as AppError).message.includes('20'));
    await handling.extendCase(as('chengguan-sh'), id, { workdays: 15, approver: '王主任', reason: '需要检索档案' });
    await assert.rejects(handling.extendCase(as('chengguan-sh'), id, { workdays: 6, approver: '王主任', reason: '再延' }), (e) => (e as AppError).message.includes('已延长 15'));
    d = await caseDetail(as('chengguan'), id);
    assert.equal(d.clock.limit, 35);

    await assert.rejects(handling.replyCase(as('chengguan'), id, { outcome: 'partial', text: '答复书', reason: '涉及商业秘密' }), (e) => (e as AppError).message.includes('不予公开的内容'));
    await assert.rejects(handling.replyCase(as('chengguan'), id, { outcome: 'no_such_row', text: '答复书' }), (e) => code(e) === 'invalid_input');
    // Every part needs its content, its ground and its reason; all missing ones are reported at once, by field.
    // Each part rests on a published entry of the town's negative list (the demo's 城关镇 minutes entry is 过程性信息).
    const privacy = await publishedEntry(as('chengguan'), as('office'), { matter: '被征收人的补偿金额明细等个人信息' });
    const minutes = (await negEntriesFor(database.db, actors.get('chengguan')!, town)).find((n) => n.reportRow === 'withheld_process')!.id;
    await assert.rejects(handling.replyCase(as('chengguan'), id, { outcome: 'partial', text: '答复书', withheldParts: [{ content: '补偿金额明细', entry: privacy, reason: '' }, { content: '', entry: 'no_such_entry', reason: '内部讨论' }] }), (e) => {
      const f = (e as AppError & { details: { fields: Record<string, string> } }).details.fields;
      return code(e) === 'invalid_input' && !!f.wp1_reason && !!f.wp2_content && !!f.wp2_entry && !f.wp1_content && !f.wp2_reason && !f.wp1_entry;
    });
    const partial = { outcome: 'partial', withheldParts: [{ content: '补偿金额明细', entry: privacy, reason: '涉及第三方商业秘密' }, { content: '会议讨论记录', entry: minutes, reason: '属于讨论过程中的意见' }] };
    // The letter is what goes out: a placeholder left in it, or withheld parts it does not state, are refused.
    await assert.rejects(handling.replyCase(as('chengguan'), id, { ...partial, text: '政府信息公开申请答复书\n不予公开的内容：（请填写不予公开的内容）。' }), (e) => code(e) === 'letter_placeholder');
    await assert.rejects(handling.replyCase(as('chengguan'), id, { ...partial, text: '政府信息公开申请答复书\n不予公开的理由：（请选择不予公开的依据）；涉及第三方商业秘密。' }), (e) => code(e) === 'letter_placeholder');
    await assert.rejects(handling.replyCase(as('chengguan'), id, { ...partial, text: '政府信息公开申请答复书\n……' }), (e) => code(e) === 'letter_mismatch');
    // The second part's reason and article must be there too, not only the first part's.
    await assert.rejects(handling.replyCase(as('chengguan'), id, { ...partial, text: '政府信息公开申请答复书\n不予公开的内容：补偿金额明细。不予公开的理由：第十五条；涉及第三方商业秘密。会议讨论记录。' }), (e) => code(e) === 'letter_mismatch' && (e as Error).message.includes('第2项不予公开的理由'));
    await handling.replyCase(as('chengguan'), id, { ...partial, text: '政府信息公开申请答复书\n（一）不予公开的内容：补偿金额明细。不予公开的理由：根据第十五条的规定不予公开；涉及第三方商业秘密。\n（二）不予公开的内容：会议讨论记录。不予公开的理由：根据第十六条第二款的规定不予公开；属于讨论过程中的意见。' });
    const v = await followApplication(as(null), s.code, s.secret);
    assert.equal(v.status, '已办结');
    assert.equal(v.reply?.outcome, 'partial');
    assert.ok(v.timeline.some((t) => t.label === '延长答复期限' && t.note.includes('15')));
    assert.ok(v.timeline.some((t) => t.label === '告知补正'));
    await handling.recordDelivery(as('chengguan'), id, { method: '电子邮件' });
    await handling.archiveCase(as('chengguan'), id);
    await assert.rejects(handling.addNote(as('chengguan'), id, { note: '改一下' }), (e) => code(e) === 'archived');
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.targetType, 'foi_application'));
    assert.ok(audit.some((a) => a.action === 'foi.extended') && audit.some((a) => a.action === 'foi.replied'));
    assert.ok(!JSON.stringify(audit).includes('110105194912310038'), 'no ID number in the audit log');
  });

  it('refuses a 补正 notice after 7 working days, and ends an unanswered one as 逾期不补正', async () => {
    const s = await registerApplication(as('chengguan'), { ...form({ idNumber: '110105194912310046', content: '城关镇2024年道路维修合同' }), channel: 'letter', receivedOn: '2026-09-14' });
    const id = await idOf(s.code);
    await assert.rejects(handling.requestSupplement(as('chengguan'), id, { items: '补充', dueOn: '2026-10-30', on: '2026-09-24' }), (e) => code(e) === 'supplement_too_late');
    await handling.requestSupplement(as('chengguan'), id, { items: '请说明道路名称', dueOn: '2026-10-09', on: '2026-09-22' });
    await handling.expireSupplement(as('chengguan'), id);
    const row = (await database.db.select().from(foiApplications).where(eq(foiApplications.id, id)))[0]!;
    assert.equal(row.outcome, 'other_no_supplement');
    assert.equal(row.state, 'closed');
  });

  it('moves an open deadline when the office corrects the calendar', async () => {
    const s = await registerApplication(as('chengguan'), { ...form({ idNumber: '110105194912310054', content: '城关镇2026年国庆期间值班安排' }), channel: 'counter', receivedOn: '2026-09-14' });
    assert.equal(s.dueOn, '2026-10-16');
    const id = await idOf(s.code);
    await setOverride({ db: database.db, actor: actors.get('office')! }, { date: '2026-10-16', kind: 'holiday', name: '临时调整' });
    const d = await caseDetail(as('chengguan'), id);
    assert.equal(d.clock.dueOn, '2026-10-19');
    const list = await listCases(as('chengguan'));
    const item = list.find((c) => c.id === id)!;
    assert.equal(item.urgency, 'overdue', 'past its due date and not answered: an alarm on the dashboard');
    assert.equal(item.applicant, '张三');
    const officeList = await listCases(as('office'));
    assert.equal(officeList.find((c) => c.id === id)!.applicant, '张*', 'masked for the supervising office');
  });

  it('charges 信息处理费 per applicant per calendar month and closes an unpaid case', async () => {
    const idNumber = '110105194912310062';
    let last = '';
    for (let i = 1; i <= 11; i++) {
      const s = await registerApplication(as('chengguan'), { ...form({ idNumber, content: `城关镇第${i}号合同文本` }), channel: 'letter', receivedOn: `2026-10-${String(i + 10).padStart(2, '0')}` });
      last = s.code;
    }
    const id = await idOf(last);
    await handling.issueFeeNotice(as('chengguan'), id, { rule: 'per_item', on: '2026-10-22' });
    const d = await caseDetail(as('chengguan'), id);
    const notice = d.events.find((e) => e.kind === 'fee_notice')!;
    assert.equal(notice.data.amount, 100, 'the 11th application of the month costs 100 元');
    assert.equal(d.clock.status, 'paused');
    await handling.expireFee(as('chengguan'), id);
    const row = (await database.db.select().from(foiApplications).where(eq(foiApplications.id, id)))[0]!;
    assert.equal(row.outcome, 'other_no_payment');
    const first = await idOf((await database.db.select({ code: foiApplications.code }).from(foiApplications).where(eq(foiApplications.contentKey, '城关镇第1号合同文本')))[0]!.code);
    await assert.rejects(handling.issueFeeNotice(as('chengguan'), first, { rule: 'per_item', on: '2026-10-22' }), (e) => code(e) === 'no_fee');
  });

  it('follows the office’s fee settings: the payment window, the default rule, and no notices when fees are off', async () => {
    const ok = { feesEnabled: 'on', defaultFeeRule: 'per_item', paymentWorkdays: '10' };
    await assert.rejects(updateFoiSettings(as('chengguan'), ok), (e) => code(e) === 'forbidden', 'only the office sets fees');
    for (const paymentWorkdays of ['0', '61', 'abc', '<script>alert(1)</script>', '1; drop table foi_settings', '', '10.5', '-3', 12.5]) {
      await assert.rejects(updateFoiSettings(as('office'), { ...ok, paymentWorkdays }), (e) => code(e) === 'invalid_input' && /缴费期限/.test((e as Error).message), String(paymentWorkdays));
    }
    await assert.rejects(updateFoiSettings(as('office'), { ...ok, defaultFeeRule: 'free' }), (e) => code(e) === 'invalid_input');
    assert.deepEqual(await getFoiSettings(database.db), DEFAULT_FOI_SETTINGS, 'refused input saves nothing');

    await updateFoiSettings(as('office'), { ...ok, defaultFeeRule: 'per_volume' });
    assert.deepEqual(await getFoiSettings(database.db), { feesEnabled: true, defaultFeeRule: 'per_volume', paymentWorkdays: 10 });
    const [audit] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'foi.settings_updated'));
    assert.deepEqual(audit!.after, { feesEnabled: true, defaultFeeRule: 'per_volume', paymentWorkdays: 10 });

    const idNumber = '110105194912310062';
    const codes: string[] = [];
    for (let i = 1; i <= 12; i++) {
      codes.push((await registerApplication(as('chengguan'), { ...form({ idNumber, content: `城关镇十一月第${i}号合同文本` }), channel: 'letter', receivedOn: `2026-11-${String(i).padStart(2, '0')}` })).code);
    }
    await handling.issueFeeNotice(as('chengguan'), await idOf(codes[10]!), { rule: 'per_item', on: '2026-11-16' });
    const notice = (await caseDetail(as('chengguan'), await idOf(codes[10]!))).events.find((e) => e.kind === 'fee_notice')!;
    assert.equal(notice.data.payBy, '2026-11-30', '10 working days after Monday 16 November');

    await updateFoiSettings(as('office'), { ...ok, feesEnabled: '' });
    await assert.rejects(handling.issueFeeNotice(as('chengguan'), await idOf(codes[11]!), { rule: 'per_item', on: '2026-11-16' }), (e) => code(e) === 'fees_disabled');
    const untouched = (await database.db.select().from(foiApplications).where(eq(foiApplications.code, codes[11]!)))[0]!;
    assert.equal(untouched.state, 'in_progress', 'a refused notice leaves the case as it was');
    await updateFoiSettings(as('office'), { feesEnabled: 'on', defaultFeeRule: 'per_item', paymentWorkdays: '20' });
  });

  it('flags a repeated application and suggests information many applicants want', async () => {
    const content = '城关镇2026年城乡低保对象名单';
    for (const idNumber of ['110105194912310070', '110105194912310089', '110105194912310097']) await submitApplication(as(null), form({ idNumber, content }));
    const again = await submitApplication(as(null), form({ idNumber: '110105194912310070', content: ' 城关镇2026年城乡低保对象名单。' }));
    const d = await caseDetail(as('chengguan'), await idOf(again.code));
    assert.ok(d.repeatCode, 'same applicant, same content');
    const popular = await popularRequests(as('chengguan'));
    assert.ok(popular.some((p) => p.example.includes('城乡低保对象名单') && p.applicants === 3));
    assert.ok(!JSON.stringify(popular).includes('110105'), 'no identity in suggestions');
  });

  it('routes an unconfirmed application to the responsible agency, which receives and counts it', async () => {
    const s = await submitApplication(as(null), form({ idNumber: '110105194912310100'.slice(0, 17) + 'X', content: '全县特困供养人员名单' }));
    const id = await idOf(s.code);
    await handling.transferCase(as('chengguan'), id, { toAgencyId: dept });
    const v = await followApplication(as(null), s.code, s.secret);
    assert.ok(v.timeline.some((t) => t.note.includes('县民政局')));
    await assert.rejects(caseDetail(as('chengguan'), id), (e) => code(e) === 'not_found');
    const d = await caseDetail(as('minzheng'), id);
    assert.equal(d.canHandle, true);
    assert.equal(d.row.state, 'pending_confirmation', 'the responsible agency confirms it: its receipt day starts the clock');
    const year = Number(todayInShanghai().slice(0, 4));
    const counts = async () => [(await reportCases(database.db, { agencyIds: [dept], year })).length, (await reportCases(database.db, { agencyIds: [town], year })).length];
    const [deptBefore, townBefore] = await counts();
    await confirmReceipt(as('minzheng'), id);
    assert.deepEqual(await counts(), [deptBefore! + 1, townBefore], 'counted where it is handled, not at the agency that never received it');
  });

  it('answers a received application under Art. 36 (五), naming the competent agency, counted where it was received', async () => {
    const s = await submitApplication(as(null), form({ idNumber: '11010519491231002X', content: '全县2026年养老机构运营补贴发放名单' }));
    const id = await idOf(s.code);
    await confirmReceipt(as('chengguan'), id);
    await assert.rejects(handling.transferCase(as('chengguan'), id, { toAgencyId: dept }), (e) => code(e) === 'transfer_after_receipt');
    const letter = '政府信息公开申请告知书\n王某：\n经查，本机关不掌握您申请的信息。\n城关镇人民政府\n2026年12月2日';
    await assert.rejects(handling.replyCase(as('chengguan'), id, { outcome: 'unavailable_not_held', text: letter, competentAgencyId: dept }), (e) => code(e) === 'invalid_input', 'a letter that does not name the competent agency is refused');
    await assert.rejects(handling.replyCase(as('chengguan'), id, { outcome: 'unavailable_not_held', text: letter, competentAgencyId: town }), (e) => code(e) === 'invalid_input', 'the agency itself cannot be the other one');
    const year = Number(todayInShanghai().slice(0, 4));
    const notHeld = async (agency: number) => (await reportCases(database.db, { agencyIds: [agency], year })).filter((c) => c.outcome === 'unavailable_not_held').length;
    const [townBefore, deptBefore] = [await notHeld(town), await notHeld(dept)];
    const named = letter.replace('不掌握您申请的信息。', '不掌握您申请的信息。负责公开该政府信息的行政机关为县民政局。');
    await handling.replyCase(as('chengguan'), id, { outcome: 'unavailable_not_held', text: named, competentAgencyId: dept });
    const d = await caseDetail(as('chengguan'), id);
    const replied = d.events.find((e) => e.kind === 'replied')!;
    assert.deepEqual((replied.data.competent as { name: string }).name, '县民政局');
    assert.deepEqual([await notHeld(town), await notHeld(dept)], [townBefore + 1, deptBefore], 'table 3 （五）1 of the agency that received it, not of the one named');
    assert.equal(d.row.agencyId, town, 'the case stays with the agency that received it');
  });

  it('feeds the annual report: cases by receipt and closing, reviews by filing and result', async () => {
    const year = Number(todayInShanghai().slice(0, 4));
    const cases = await reportCases(database.db, { agencyIds: [town], year });
    assert.ok(cases.some((c) => c.outcome === 'partial'));
    assert.ok(cases.every((c) => c.receivedOn <= `${year}-12-31`));
    const closed = (await database.db.select().from(foiApplications).where(eq(foiApplications.outcome, 'partial')))[0]!;
    await addReview(as('chengguan'), { code: closed.code, kind: 'reconsideration', filedOn: todayInShanghai() });
    await assert.rejects(addReview(as('hexi'), { code: closed.code, kind: 'reconsideration', filedOn: todayInShanghai() }), (e) => code(e) === 'invalid_input');
    let reviews = await reviewRecords(database.db, { agencyIds: [town], year });
    assert.deepEqual(reviews.map((r) => [r.kind, r.result]), [['reconsideration', 'pending']]);
    const rid = (await import('./reviews.js')).listReviews(as('chengguan')).then((r) => r[0]!.id);
    await decideReview(as('chengguan'), await rid, { result: 'upheld', decidedOn: todayInShanghai() });
    reviews = await reviewRecords(database.db, { agencyIds: [town], year });
    assert.deepEqual(reviews.map((r) => r.result), ['upheld']);
  });
});
