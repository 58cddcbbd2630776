// What handling staff do with a case. Each action: permission check, lock the case, check the
// state and the statutory condition, append the event (the clock is recomputed from events), audit.
import { and, count, eq, gte, lt, ne } from 'drizzle-orm';
import { hasRole, requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor } from '../../core/context.js';
import { AppError, conflict, FieldProblems, invalid } from '../../core/errors.js';
import { addWorkdays, type Calendar } from '../../core/calendar/calendar.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { addDays, isIsoDate, todayInShanghai, type IsoDate } from '../../core/calendar/dates.js';
import type { Db, Exec } from '../../db/client.js';
import { getAgency } from '../org/service.js';
import { users } from '../../core/auth/schema.js';
import { CONSULTATION_WORKDAYS, MAX_EXTENSION_WORKDAYS, computeClock } from './clock.js';
import { feeFor, isFeeRule, FEE_RULES } from './fees.js';
import { requireHandler, APPLICABLE_KINDS, HANDLER_ROLES, type FoiCtx } from './intake.js';
import { isOutcome, OUTCOME_INFO, type Outcome } from './outcomes.js';
import { groundArticle, isWithheldGround, MAX_WITHHELD_PARTS, type WithheldPart } from './replies.js';
import { negEntry, type CitableEntry } from '../negative/citing.js';
import { ROW_LABELS } from '../negative/rows.js';
import { appendEvent, eventsOf, lockCase, setState, type CaseRow, type EventRow, type NewEvent } from './repository.js';
import { foiApplications } from './schema.js';
import { getFoiSettings } from './settings.js';
export const MAX_NOTE = 2000;

type Act = { row: CaseRow; events: EventRow[]; tx: Exec; actorId: number; today: IsoDate; cal: Calendar };

/** Where a field's problem goes: collected by its form name (all reported at once), or thrown. */
type At = [FieldProblems, string] | undefined;
const fail = (at: At, message: string): void => {
  if (!at) throw invalid(message);
  at[0].add(at[1], message);
};

const text = (v: unknown, label: string, max = MAX_NOTE, required = true, at?: At): string => {
  const s = typeof v === 'string' ? v.trim() : '';
  if (required && !s) fail(at, `请填写${label}。`);
  else if (s.length > max) fail(at, `${label}不能超过 ${max} 个字。`);
  return s;
};

function dateOf(v: unknown, label: string, today: IsoDate, at?: At): IsoDate {
  const d = typeof v === 'string' && v ? v : today;
  if (!isIsoDate(d)) fail(at, `${label}应为有效日期（年-月-日）。`);
  else if (d > today) fail(at, `${label}不能晚于今天。`);
  else return d;
  return today;
}

/** Runs one staff action on one case in a transaction, with the audit record. */
async function act(ctx: FoiCtx, id: number, action: string, f: (a: Act) => Promise<Record<string, unknown> | void>): Promise<void> {
  const actor = requireRole(ctx.actor, ...HANDLER_ROLES);
  // Read before the transaction: on the embedded database a read outside it would wait for it.
  const cal = await loadCalendar(ctx.db);
  await ctx.db.transaction(async (tx) => {
    const row = await lockCase(tx, id);
    const who = await requireHandler(tx, ctx, row);
    if (row.state === 'archived') throw conflict('archived', '该申请已归档，不能再修改。');
    const events = await eventsOf(tx, id);
    const after = (await f({ row, events, tx, actorId: who.userId, today: todayInShanghai(), cal })) ?? {};
    await recordAudit(tx, auditActor(actor), { action: `foi.${action}`, targetType: 'foi_application', targetId: id, before: { state: row.state }, after });
  });
}

const requireOpen = (row: CaseRow) => {
  if (row.state === 'pending_confirmation') throw conflict('not_received', '请先确认受理该申请。');
  if (row.state === 'closed' || row.state === 'archived') throw conflict('case_closed', '该申请已办结。');
};

const clockNow = (ctx: FoiCtx, cal: Calendar, events: EventRow[]) => computeClock(cal, events, { countStartDay: ctx.countStartDay });

export async function assignCase(ctx: FoiCtx, id: number, input: { userId: unknown }): Promise<void> {
  await act(ctx, id, 'assigned', async ({ row, tx, actorId, today }) => {
    const userId = Number(input.userId);
    const [u] = Number.isInteger(userId) ? await tx.select({ id: users.id, name: users.displayName, agencyId: users.agencyId }).from(users).where(eq(users.id, userId)) : [];
    if (!u || u.agencyId !== row.agencyId) throw invalid('请选择本机关的承办人。');
    await tx.update(foiApplications).set({ assigneeId: u.id }).where(eq(foiApplications.id, id));
    await appendEvent(tx, id, { kind: 'assigned', on: today, actorId, data: { userId: u.id, name: u.name }, visible: false });
    return { assigneeId: u.id };
  });
}

/** How the applicant reaches an agency, for a letter or a notice: phone and address as published. */
export const agencyContact = (a: { phone?: string | null; address?: string | null }): string =>
  [a.phone && `电话 ${a.phone}`, a.address && `地址 ${a.address}`].filter(Boolean).join('，') || '联系方式见该机关政府信息公开指南';

/** Another agency that can be named as the one responsible (Art. 36 (五)), or an input error. */
async function competentAgency(db: Exec, raw: unknown, own: number) {
  const to = await getAgency(db as Db, Number(raw)).catch(() => null);
  if (!to || !APPLICABLE_KINDS.includes(to.kind) || to.id === own) throw invalid('请选择负责公开该信息的其他行政机关。', { fields: { competentAgencyId: '请选择负责公开该信息的其他行政机关。' } });
  return { id: to.id, name: to.name, contact: agencyContact(to) };
}

/**
 * Routing on the platform before acceptance (平台内转办): an online application addressed to the
 * wrong agency goes, unconfirmed, to the one responsible, which confirms it; it is counted only
 * there. Once received, a case stays with its agency: if the information is not its to disclose,
 * it answers under Art. 36 (五) naming the competent agency (replyCase), counted where received.
 */
export async function transferCase(ctx: FoiCtx, id: number, input: { toAgencyId: unknown; note?: unknown }): Promise<void> {
  await act(ctx, id, 'transferred', async ({ row, tx, actorId, today }) => {
    if (row.state !== 'pending_confirmation') throw conflict('transfer_after_receipt', '已受理的申请不能转交。所申请信息不由本机关负责公开的，请按条例第三十六条第（五）项答复“本机关不掌握”，并告知负责公开的机关名称和联系方式。');
    const to = await competentAgency(tx, input.toAgencyId, row.agencyId);
    const note = text(input.note, '转交说明', 500, false);
    const contact = to.contact;
    await appendEvent(tx, id, {
      kind: 'transferred', on: today, actorId, data: { from: row.agencyId, to: to.id, toName: to.name, contact, note },
      publicNote: `所申请信息由${to.name}负责公开，申请已转交该机关办理（${contact}）。`,
    });
    await tx.update(foiApplications).set({ agencyId: to.id, assigneeId: null }).where(eq(foiApplications.id, id));
    return { to: to.id };
  });
}

/** Art. 30: once, within 7 working days of receipt, with the items and a reasonable period. */
export async function requestSupplement(ctx: FoiCtx, id: number, input: { items: unknown; dueOn: unknown; on?: unknown }): Promise<void> {
  await act(ctx, id, 'supplement_requested', async ({ row, events, tx, actorId, today, cal }) => {
    requireOpen(row);
    if (events.some((e) => e.kind === 'supplement_requested')) throw conflict('supplement_once', '补正只能一次性告知，本申请已告知过补正。');
    const p = new FieldProblems();
    const on = dateOf(input.on, '告知补正日期', today, [p, 'on']);
    const items = text(input.items, '需要补正的事项', MAX_NOTE, true, [p, 'items']);
    const dueOn = typeof input.dueOn === 'string' ? input.dueOn : '';
    if (!isIsoDate(dueOn) || dueOn <= on) p.add('dueOn', '补正期限应为告知日期之后的有效日期（年-月-日）。');
    else if (dueOn > addDays(on, 90)) p.add('dueOn', '补正期限不宜超过 90 日，请给出合理期限。');
    const clock = clockNow(ctx, cal, events);
    if (!p.has('on') && on < clock.receivedOn!) p.add('on', '告知补正日期不能早于收到申请日期。');
    p.done();
    if (clock.supplementNoticeBy && on > clock.supplementNoticeBy) throw conflict('supplement_too_late', `告知补正须在收到申请之日起 7 个工作日内（${clock.supplementNoticeBy} 前）作出，已超过期限。`);
    await appendEvent(tx, id, { kind: 'supplement_requested', on, actorId, data: { items, dueOn }, publicNote: `请于 ${dueOn} 前补正：${items.replace(/[。.；;\s]+$/u, "")}。收到补正后的申请之日起重新计算答复期限；无正当理由逾期不补正的，视为放弃申请。` });
    await setState(tx, id, 'awaiting_supplement');
    return { dueOn };
  });
}

export async function recordSupplement(ctx: FoiCtx, id: number, input: { on?: unknown; note?: unknown }): Promise<void> {
  await act(ctx, id, 'supplement_received', async ({ row, events, tx, actorId, today, cal }) => {
    if (row.state !== 'awaiting_supplement') throw conflict('no_supplement_pending', '该申请没有待补正事项。');
    const p = new FieldProblems();
    const on = dateOf(input.on, '收到补正日期', today, [p, 'on']);
    const asked = events.find((e) => e.kind === 'supplement_requested')!;
    if (!p.has('on') && on < asked.on) p.add('on', '收到补正日期不能早于告知补正日期。');
    const note = text(input.note, '补正内容说明', MAX_NOTE, false, [p, 'note']);
    p.done();
    await appendEvent(tx, id, { kind: 'supplement_received', on, actorId, data: { note }, publicNote: '已收到补正材料，答复期限自本日起重新计算。' });
    await setState(tx, id, 'in_progress');
    return { on };
  });
}

/** No supplement by the deadline: the application is treated as withdrawn (table 3 （六）1). */
export async function expireSupplement(ctx: FoiCtx, id: number): Promise<void> {
  await act(ctx, id, 'supplement_expired', async ({ row, events, tx, actorId, today, cal }) => {
    if (row.state !== 'awaiting_supplement') throw conflict('no_supplement_pending', '该申请没有待补正事项。');
    const asked = events.find((e) => e.kind === 'supplement_requested')!;
    if (today <= String(asked.data.dueOn)) throw conflict('supplement_not_due', `补正期限（${String(asked.data.dueOn)}）尚未届满。`);
    await appendEvent(tx, id, { kind: 'supplement_expired', on: today, actorId, data: { outcome: 'other_no_supplement' }, publicNote: '申请人无正当理由逾期未补正，视为放弃申请，本机关不再处理。' });
    await setState(tx, id, 'closed', { outcome: 'other_no_supplement', closedOn: today });
    return { outcome: 'other_no_supplement' };
  });
}

/** Art. 32 / 34: a consultation stops the clock while it runs; the other side has 15 working days. */
export async function startConsultation(ctx: FoiCtx, id: number, input: { party: unknown; name: unknown; on?: unknown }): Promise<void> {
  await act(ctx, id, 'consultation_started', async ({ row, events, tx, actorId, today, cal }) => {
    requireOpen(row);
    if (row.state === 'awaiting_supplement') throw conflict('awaiting_supplement', '申请待补正，补正后再征求意见。');
    const p = new FieldProblems();
    const party = input.party === 'agency' ? 'agency' : input.party === 'third_party' ? 'third_party' : null;
    if (!party) p.add('party', '请选择征求意见的对象：第三方或其他机关。');
    const name = text(input.name, '征求意见对象名称', 200, true, [p, 'name']);
    const on = dateOf(input.on, '发出征求意见日期', today, [p, 'on']);
    const clock = clockNow(ctx, cal, events);
    if (!p.has('on') && on < (clock.startOn ?? on)) p.add('on', '征求意见日期不能早于答复期限起算日。');
    p.done();
    const due = addWorkdays(cal, on, CONSULTATION_WORKDAYS, { countStartDay: ctx.countStartDay });
    await appendEvent(tx, id, { kind: 'consultation_started', on, actorId, data: { party, name, dueOn: due }, publicNote: `已书面征求${party === 'agency' ? '相关机关' : '第三方'}意见，征求意见所需时间不计入答复期限。` });
    await setState(tx, id, 'consulting');
    return { party, dueOn: due };
  });
}

export async function endConsultation(ctx: FoiCtx, id: number, input: { ref: unknown; on?: unknown; opinion: unknown }): Promise<void> {
  await act(ctx, id, 'consultation_ended', async ({ events, tx, actorId, today }) => {
    const ref = Number(input.ref);
    const started = events.find((e) => e.id === ref && e.kind === 'consultation_started');
    if (!started || events.some((e) => e.kind === 'consultation_ended' && Number(e.data.ref) === ref)) throw conflict('no_consultation', '没有进行中的该项征求意见。');
    const p = new FieldProblems();
    const on = dateOf(input.on, '收到意见日期', today, [p, 'on']);
    if (!p.has('on') && on < started.on) p.add('on', '收到意见日期不能早于发出征求意见日期。');
    const opinion = ['agree', 'disagree', 'no_reply'].includes(String(input.opinion)) ? String(input.opinion) : null;
    if (!opinion) p.add('opinion', '请选择意见：同意公开、不同意公开或逾期未提出意见。');
    p.done();
    await appendEvent(tx, id, { kind: 'consultation_ended', on, actorId, data: { ref, opinion }, publicNote: '征求意见已结束，答复期限继续计算。' });
    const stillOpen = events.filter((e) => e.kind === 'consultation_started' && e.id !== ref && !events.some((x) => x.kind === 'consultation_ended' && Number(x.data.ref) === e.id));
    if (!stillOpen.length) await setState(tx, id, 'in_progress');
    return { ref, opinion };
  });
}

/** Art. 33 ¶2: at most 20 working days in all, approved by the head of the disclosure office, told to the applicant. */
export async function extendCase(ctx: FoiCtx, id: number, input: { workdays: unknown; approver: unknown; reason: unknown; on?: unknown }): Promise<void> {
  if (ctx.actor && !hasRole(ctx.actor, 'reviewer') && !hasRole(ctx.actor, 'office')) throw invalid('延长答复期限须由政府信息公开工作机构负责人（审核或公开办角色）批准。');
  await act(ctx, id, 'extended', async ({ row, events, tx, actorId, today, cal }) => {
    requireOpen(row);
    const n = Number(input.workdays);
    const used = events.filter((e) => e.kind === 'extended').reduce((s, e) => s + Number(e.data.workdays ?? 0), 0);
    const p = new FieldProblems();
    if (!Number.isInteger(n) || n < 1 || n + used > MAX_EXTENSION_WORKDAYS) p.add('workdays', `延长期限最长不得超过 ${MAX_EXTENSION_WORKDAYS} 个工作日${used ? `（已延长 ${used} 个工作日）` : ''}。`);
    const approver = text(input.approver, '批准人', 50, true, [p, 'approver']);
    const reason = text(input.reason, '延期理由', 500, true, [p, 'reason']);
    const on = dateOf(input.on, '延期日期', today, [p, 'on']);
    p.done();
    const clock = clockNow(ctx, cal, events);
    if (clock.dueOn && on > clock.dueOn) throw conflict('already_overdue', `答复期限已于 ${clock.dueOn} 届满，不能再延长。`);
    const after = computeClock(cal, [...events, { id: Number.MAX_SAFE_INTEGER, kind: 'extended', on, data: { workdays: n } }], { countStartDay: ctx.countStartDay });
    await appendEvent(tx, id, { kind: 'extended', on, actorId, data: { workdays: n, approver, reason }, publicNote: `经批准，答复期限延长 ${n} 个工作日${after.dueOn ? `，至 ${after.dueOn}` : ''}。理由：${reason}` });
    return { workdays: n, approver };
  });
}

/** 信息处理费: amount by the chosen rule; the applicant's count is per calendar month of receipt. */
export async function issueFeeNotice(ctx: FoiCtx, id: number, input: { rule: unknown; pages?: unknown; items?: unknown; on?: unknown }): Promise<void> {
  await act(ctx, id, 'fee_notice', async ({ row, events, tx, actorId, today, cal }) => {
    requireOpen(row);
    const settings = await getFoiSettings(tx);
    if (!settings.feesEnabled) throw conflict('fees_disabled', '本县已设置不收取信息处理费，不能发出收费通知。');
    if (events.some((e) => e.kind === 'fee_notice')) throw conflict('fee_once', '本申请已发出收费通知。');
    const p = new FieldProblems();
    if (!isFeeRule(input.rule)) p.add('rule', '请选择计费方式：按件计收或按量计收。');
    const on = dateOf(input.on, '收费通知日期', today, [p, 'on']);
    p.done();
    if (!isFeeRule(input.rule)) return;
    const month = row.receivedOn!.slice(0, 7);
    const [{ n }] = (await tx
      .select({ n: count() })
      .from(foiApplications)
      .where(and(eq(foiApplications.applicantKey, row.applicantKey), gte(foiApplications.receivedOn, `${month}-01`), lt(foiApplications.receivedOn, row.receivedOn!), ne(foiApplications.id, id)))) as [{ n: number }];
    const fee = feeFor({ rule: input.rule, countBefore: Number(n), items: input.items === undefined || input.items === '' ? 1 : Number(input.items), pages: input.pages === undefined || input.pages === '' ? undefined : Number(input.pages) });
    if (fee.amount === 0) throw conflict('no_fee', `${FEE_RULES[fee.rule].label}：本申请在免费范围内，无需收费。`);
    const payBy = addWorkdays(cal, on, settings.paymentWorkdays, { countStartDay: ctx.countStartDay });
    await appendEvent(tx, id, { kind: 'fee_notice', on, actorId, data: { rule: fee.rule, amount: fee.amount, explanation: fee.explanation, payBy }, publicNote: `须缴纳信息处理费 ${fee.amount} 元（${fee.explanation}依据${fee.basis}），请于 ${payBy} 前缴纳；逾期未缴纳的，视为放弃申请。等待缴费期间答复期限暂停计算。` });
    await setState(tx, id, 'awaiting_payment');
    return { amount: fee.amount, payBy };
  });
}

export async function recordPayment(ctx: FoiCtx, id: number, input: { on?: unknown }): Promise<void> {
  await act(ctx, id, 'fee_paid', async ({ row, events, tx, actorId, today, cal }) => {
    if (row.state !== 'awaiting_payment') throw conflict('no_fee_pending', '该申请没有待缴费用。');
    const notice = events.find((e) => e.kind === 'fee_notice')!;
    const p = new FieldProblems();
    const on = dateOf(input.on, '缴费日期', today, [p, 'on']);
    if (!p.has('on') && on < notice.on) p.add('on', '缴费日期不能早于收费通知日期。');
    p.done();
    await appendEvent(tx, id, { kind: 'fee_paid', on, actorId, data: { ref: notice.id, amount: notice.data.amount }, publicNote: '已收到信息处理费，答复期限继续计算。' });
    await setState(tx, id, 'in_progress');
    return { amount: notice.data.amount };
  });
}

export async function expireFee(ctx: FoiCtx, id: number): Promise<void> {
  await act(ctx, id, 'fee_expired', async ({ row, events, tx, actorId, today, cal }) => {
    if (row.state !== 'awaiting_payment') throw conflict('no_fee_pending', '该申请没有待缴费用。');
    const notice = events.find((e) => e.kind === 'fee_notice')!;
    if (today <= String(notice.data.payBy)) throw conflict('fee_not_due', `缴费期限（${String(notice.data.payBy)}）尚未届满。`);
    await appendEvent(tx, id, { kind: 'fee_expired', on: today, actorId, data: { outcome: 'other_no_payment' }, publicNote: '申请人逾期未按收费通知要求缴纳费用，本机关不再处理该申请。' });
    await setState(tx, id, 'closed', { outcome: 'other_no_payment', closedOn: today });
    return { outcome: 'other_no_payment' };
  });
}

export type ReplyInput = { outcome: unknown; text: unknown; reason?: unknown; withheldParts?: unknown; competentAgencyId?: unknown; on?: unknown; negEntryId?: unknown };

/** A placeholder of the standard text that was never filled in: （请填写理由）, （请选择不予公开的依据）… */
export const PLACEHOLDER = /（请(?:填写|选择)[^）]*）/;
const squash = (s: string) => s.replace(/[\s。；;，,、.]+/gu, '');

/** What a refusal says when staff typed no reason: the negative-list entry it rests on. */
export const entryReason = (e: Pick<CitableEntry, 'agencyName' | 'matter' | 'lawName' | 'article'>): string =>
  `该信息属于${e.agencyName}政务公开负面清单所列事项“${e.matter.replace(/[。；;\s]+$/u, '')}”（依据${e.lawName}${e.article}）`;

/** Form names of the n-th withheld part (1-based): wp1_content, wp1_entry, wp1_reason (wp1_ground: older callers). */
export const partField = (n: number, f: 'content' | 'ground' | 'reason' | 'entry') => `wp${n}_${f}`;

/** 部分公开: each withheld part with its content, the negative-list entry it rests on (hence its ground and article) and its reason. */
function withheldPartsOf(raw: unknown, p: FieldProblems): (WithheldPart & { entryRaw: unknown })[] {
  const list = Array.isArray(raw) ? raw.slice(0, MAX_WITHHELD_PARTS + 1) : [];
  if (list.length > MAX_WITHHELD_PARTS) p.add(partField(1, 'content'), `不予公开的内容最多 ${MAX_WITHHELD_PARTS} 项。`);
  const parts = list.map((x, i) => {
    const o = (x && typeof x === 'object' ? x : {}) as Record<string, unknown>;
    const n = i + 1;
    const content = text(o.content, `第${n}项不予公开的内容`, MAX_NOTE, true, [p, partField(n, 'content')]);
    const reason = text(o.reason, `第${n}项不予公开的理由`, MAX_NOTE, true, [p, partField(n, 'reason')]);
    return { content, ground: isWithheldGround(o.ground) ? o.ground : null, reason, entryRaw: o.entry };
  });
  if (!parts.length) p.add(partField(1, 'content'), '部分公开须写明不予公开的内容，以及每项的依据和理由。');
  return parts;
}

/**
 * What goes to the applicant must be a finished letter: no placeholder left, and for 部分公开
 * every withheld part, its article and its reason typed into their fields are in it.
 */
export function checkLetter(letter: string, outcome: Outcome, parts: WithheldPart[]): void {
  const left = PLACEHOLDER.exec(letter);
  if (left) throw new AppError('letter_placeholder', 400, `答复书中还有未填写的内容“${left[0]}”：请在上面填写后点“按填写内容重新生成答复书”，或直接修改答复书。`, { fields: { text: `答复书中还有“${left[0]}”未填写。` } });
  if (outcome !== 'partial') return;
  const body = squash(letter);
  const missing = (what: string) => {
    throw new AppError('letter_mismatch', 400, `答复书没有写明您填写的${what}，请点“按填写内容重新生成答复书”或在答复书中写明。`, { fields: { text: `答复书没有写明${what}。` } });
  };
  parts.forEach((part, i) => {
    const n = parts.length > 1 ? `第${i + 1}项` : '';
    if (!body.includes(squash(part.content))) missing(`${n}不予公开的内容`);
    if (!body.includes(squash(part.reason))) missing(`${n}不予公开的理由`);
    if (part.ground && !body.includes(squash(groundArticle(part.ground)))) missing(`${n}不予公开的依据（${groundArticle(part.ground)}）`);
  });
}

/** The decision: exactly one table-3 outcome, the reply letter as sent, disclosed files attached. */
export async function replyCase(ctx: FoiCtx, id: number, input: ReplyInput): Promise<void> {
  await act(ctx, id, 'replied', async ({ row, events, tx, actorId, today, cal }) => {
    requireOpen(row);
    if (row.state === 'awaiting_supplement' || row.state === 'awaiting_payment') throw conflict('waiting_applicant', '申请正在等待申请人补正或缴费，请先处理。');
    if (row.state === 'consulting') throw conflict('consulting', '征求意见尚未结束，请先记录意见结果。');
    if (!isOutcome(input.outcome) || input.outcome === 'other_no_supplement' || input.outcome === 'other_no_payment') throw invalid('请选择办理结果（年报表三的一项）。');
    const outcome: Outcome = input.outcome;
    const info = OUTCOME_INFO[outcome];
    const p = new FieldProblems();
    const typedParts = outcome === 'partial' ? withheldPartsOf(input.withheldParts, p) : [];
    // A refusal rests on an entry of the negative list: the table-3 row is the entry's.
    const cite = async (raw: unknown, field: string, missing: string): Promise<CitableEntry | null> => {
      if (raw === undefined || raw === null || raw === '') { p.add(field, missing); return null; }
      try { return await negEntry(tx, ctx.actor, row.agencyId, raw, field); } catch (e) {
        if (e instanceof AppError && e.code === 'invalid_input') { p.add(field, e.message); return null; }
        throw e;
      }
    };
    const entry = isWithheldGround(outcome) ? await cite(input.negEntryId, 'negEntryId', `“${info.staffLabel}”须从负面清单中选择不予公开所依据的事项。`) : null;
    if (entry && entry.reportRow !== outcome) p.add('negEntryId', `所选负面清单事项在年度报告中计入“${ROW_LABELS[entry.reportRow]}”，与办理结果“${info.staffLabel}”不一致：请改选办理结果“${OUTCOME_INFO[entry.reportRow].staffLabel}”，或另选负面清单事项。`);
    const parts: WithheldPart[] = [];
    for (const [i, tp] of typedParts.entries()) {
      const e = await cite(tp.entryRaw, partField(i + 1, 'entry'), `请为第${i + 1}项选择不予公开所依据的负面清单事项。`);
      if (e && tp.ground && tp.ground !== e.reportRow) p.add(partField(i + 1, 'entry'), `第${i + 1}项所选负面清单事项计入“${ROW_LABELS[e.reportRow]}”，与所选依据不一致。`);
      parts.push({ content: tp.content, ground: e ? e.reportRow : tp.ground, reason: tp.reason, ...(e ? { entryId: e.id } : {}) });
    }
    // A whole refusal's reason defaults to the entry it cites (the standard letter says the same).
    const typedReason = text(input.reason, '理由', MAX_NOTE, info.needsReason && outcome !== 'partial' && !isWithheldGround(outcome), [p, 'reason']);
    const letter = text(input.text, '答复书正文', 20_000, true, [p, 'text']);
    const on = dateOf(input.on, '答复日期', today, [p, 'on']);
    if (!p.has('on') && row.receivedOn && on < row.receivedOn) p.add('on', '答复日期不能早于收到申请日期。');
    p.done();
    const reason = typedReason || (entry ? entryReason(entry) : '');
    checkLetter(letter, outcome, parts);
    // Art. 36 (五): the agency responsible, when it can be named, with its contact, in the letter.
    const competent = outcome === 'unavailable_not_held' && input.competentAgencyId ? await competentAgency(tx, input.competentAgencyId, row.agencyId) : null;
    if (competent && !letter.includes(competent.name)) throw invalid(`答复书中应写明负责公开该信息的机关（${competent.name}）及其联系方式。`, { fields: { text: '答复书中应写明负责公开该信息的机关。' } });
    // Files attached to the case go out with a disclosing reply, and only with one.
    const fileIds = info.attachesFiles ? attachedFiles(events).map((f) => f.fileId) : [];
    const clock = clockNow(ctx, cal, events);
    const onTime = clock.dueOn ? on <= clock.dueOn : true;
    const withheld = parts.length ? { withheldParts: parts } : {};
    const cited = entry ? { negEntryId: entry.id, negArticle: entry.article } : {};
    await appendEvent(tx, id, { kind: 'replied', on, actorId, data: { outcome, reason, ...withheld, ...cited, text: letter, fileIds, dueOn: clock.dueOn, onTime, ...(competent ? { competent } : {}) }, publicNote: `已作出答复：${info.staffLabel}。` });
    await setState(tx, id, 'closed', { outcome, closedOn: on });
    return { outcome, onTime, ...cited, ...(parts.length ? { negEntryIds: parts.map((x) => x.entryId ?? null) } : {}) };
  });
}

export async function recordDelivery(ctx: FoiCtx, id: number, input: { method: unknown; on?: unknown; note?: unknown }): Promise<void> {
  await act(ctx, id, 'delivered', async ({ row, tx, actorId, today }) => {
    if (row.state !== 'closed') throw conflict('not_replied', '答复后才能记录送达。');
    const p = new FieldProblems();
    const method = text(input.method, '送达方式', 50, true, [p, 'method']);
    const on = dateOf(input.on, '送达日期', today, [p, 'on']);
    const note = text(input.note, '送达说明', 500, false, [p, 'note']);
    p.done();
    await appendEvent(tx, id, { kind: 'delivered', on, actorId, data: { method, note }, publicNote: `答复书已送达（${method}）。` });
    return { method };
  });
}

/** The case becomes read-only: the record is kept as it was answered (Art. 45). */
export async function archiveCase(ctx: FoiCtx, id: number): Promise<void> {
  await act(ctx, id, 'archived', async ({ row, tx, actorId, today }) => {
    if (row.state !== 'closed') throw conflict('not_closed', '办结后才能归档。');
    await appendEvent(tx, id, { kind: 'archived', on: today, actorId, visible: false });
    await setState(tx, id, 'archived');
  });
}

export async function addNote(ctx: FoiCtx, id: number, input: { note: unknown }): Promise<void> {
  const p = new FieldProblems();
  const note = text(input.note, '备注', MAX_NOTE, true, [p, 'note']);
  p.done();
  await act(ctx, id, 'note', async ({ tx, actorId, today }) => {
    const e: NewEvent = { kind: 'note', on: today, actorId, data: { note }, visible: false };
    await appendEvent(tx, id, e);
  });
}

export type AttachedFile = { fileId: number; name: string; sha256: string };

/** The files staff attached for disclosure, in order. */
export const attachedFiles = (events: EventRow[]): AttachedFile[] =>
  events.filter((e) => e.kind === 'file_attached').map((e) => ({ fileId: Number(e.data.fileId), name: String(e.data.name), sha256: String(e.data.sha256) }));

/** A file to be disclosed with the reply (already stored and content-checked by the files module). */
export async function attachFile(ctx: FoiCtx, id: number, file: { fileId: number; sha256: string; name: string }): Promise<void> {
  await act(ctx, id, 'file_attached', async ({ row, events, tx, actorId, today }) => {
    requireOpen(row);
    if (attachedFiles(events).length >= 20) throw invalid('每件申请最多附 20 个文件。');
    const name = text(file.name, '文件名', 200);
    await appendEvent(tx, id, { kind: 'file_attached', on: today, actorId, data: { fileId: file.fileId, sha256: file.sha256, name }, visible: false });
    return { fileId: file.fileId };
  });
}
