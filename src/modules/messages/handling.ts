// Staff handling of a message, as an explicit state machine: every transition is checked against
// TRANSITIONS, recorded as a step the writer sees, and audited in the same transaction.
import { eq } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, FieldProblems, notFound } from '../../core/errors.js';
import { users } from '../../core/auth/schema.js';
import { inReach } from '../../core/org/scope.js';
import { addWorkdays, workdaysBetween } from '../../core/calendar/calendar.js';
import { toShanghaiDate } from '../../core/calendar/dates.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { msgMessages, RATINGS, SCREEN_RESULTS, type MessageState, type Rating, type ScreenResult } from './schema.js';
import { messageForActing, placeOf, type MessageRow } from './policy.js';
import { messageByCode, recordStep } from './intake.js';
import { getMsgSettings } from './settings.js';
import { syncFaqEntry } from './search.js';
import { hasUnreadable } from '../../core/text/normalise.js';
import { RATING_LABELS, SCREEN_LABELS, STATE_LABELS } from './labels.js';

/** Which action may move a message from which state. */
export const TRANSITIONS = {
  release: { from: ['held'], to: 'received' },
  screen: { from: ['received'], to: 'accepted' },
  assign: { from: ['received', 'accepted'], to: null },
  transfer: { from: ['received', 'accepted'], to: null },
  reply: { from: ['accepted'], to: 'replied' },
  rate: { from: ['replied'], to: 'closed' },
  reopen: { from: ['closed'], to: 'accepted' },
} as const satisfies Record<string, { from: readonly MessageState[]; to: MessageState | null }>;
type Action = keyof typeof TRANSITIONS;

function allow(m: MessageRow, action: Action): void {
  if (!(TRANSITIONS[action].from as readonly MessageState[]).includes(m.state)) throw conflict('wrong_state', `该留言当前状态为“${STATE_LABELS[m.state]}”，不能进行此操作。`);
}
const MAX_TEXT = 10000;
/** Invalid UTF-8 arrives as U+FFFD, control characters as themselves: refused with this, never stored altered. */
const UNREADABLE_MSG = '内容含有无法识别的字符，请删除后重新提交。';
const text = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');
export type When = { now?: Date };

async function update(tx: Exec, id: number, set: Partial<MessageRow>) {
  await tx.update(msgMessages).set(set).where(eq(msgMessages.id, id));
}

/** A held message released after review (the sensitive word was harmless): it goes to screening. */
export async function releaseHeld(ctx: Ctx, id: number, w: When = {}): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, m } = await messageForActing(tx, ctx.actor, id);
    allow(m, 'release');
    await update(tx, id, { state: 'received' });
    await recordStep(tx, id, 'released', {}, w.now);
    await recordAudit(tx, auditActor(actor), { action: 'messages.released', targetType: 'msg_message', targetId: id, before: { state: m.state }, after: { state: 'received' } });
  });
}

/**
 * 甄别: valid starts the reply clock (working days from the day of acceptance, the office's limit
 * for the kind); the others close it with the reason and, for 转信访/转纪检, where to turn.
 */
export async function screenMessage(ctx: Ctx, id: number, input: { result: string; reason?: string; turnTo?: string }, w: When = {}): Promise<void> {
  const now = w.now ?? new Date();
  await ctx.db.transaction(async (tx) => {
    const { actor, m } = await messageForActing(tx, ctx.actor, id);
    allow(m, 'screen');
    const p = new FieldProblems();
    const result = input.result as ScreenResult;
    if (!SCREEN_RESULTS.includes(result)) p.add('result', '请选择甄别结果。');
    const reason = text(input.reason), turnTo = text(input.turnTo);
    if (result !== 'valid' && !reason) p.add('reason', '请填写不予受理的理由，将告知留言人。');
    if ((result === 'petition' || result === 'discipline') && !turnTo) p.add('turnTo', '请填写留言人应向何处反映（机关名称和联系方式）。');
    if (reason.length > 1000 || turnTo.length > 500) p.add('reason', '理由不超过 1000 字，去向不超过 500 字。');
    if (hasUnreadable(reason)) p.add('reason', UNREADABLE_MSG);
    if (hasUnreadable(turnTo)) p.add('turnTo', UNREADABLE_MSG);
    p.done();
    let set: Partial<MessageRow>;
    if (result === 'valid') {
      const acceptedOn = toShanghaiDate(now);
      const limit = (await getMsgSettings(tx)).limits[m.kind];
      set = { state: 'accepted', screenResult: result, screenReason: reason, acceptedOn, dueOn: addWorkdays(await loadCalendar(ctx.db), acceptedOn, limit) };
    } else set = { state: 'screened_out', screenResult: result, screenReason: reason, turnTo };
    await update(tx, id, set);
    await recordStep(tx, id, 'screened', { note: `${SCREEN_LABELS[result]}${reason ? `：${reason}` : ''}${turnTo ? `。请向${turnTo}反映。` : ''}` }, now);
    await recordAudit(tx, auditActor(actor), { action: 'messages.screened', targetType: 'msg_message', targetId: id, before: { state: m.state }, after: set });
  });
}

/** 交办 to a staff member of the handling agency. */
export async function assignMessage(ctx: Ctx, id: number, input: { userId: number | string }, w: When = {}): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, m } = await messageForActing(tx, ctx.actor, id);
    allow(m, 'assign');
    const uid = Number(input.userId);
    const [u] = Number.isInteger(uid) ? await tx.select({ id: users.id, agencyId: users.agencyId }).from(users).where(eq(users.id, uid)) : [];
    if (!u || u.agencyId !== m.agencyId) invalidAssignee();
    await update(tx, id, { assigneeId: u.id });
    await recordStep(tx, id, 'assigned', { to: m.agencyId }, w.now);
    await recordAudit(tx, auditActor(actor), { action: 'messages.assigned', targetType: 'msg_message', targetId: id, before: { assigneeId: m.assigneeId }, after: { assigneeId: u.id } });
  });
}
function invalidAssignee(): never {
  const p = new FieldProblems();
  p.add('userId', '请选择承办单位的工作人员。');
  p.done();
  throw new Error('unreachable');
}

/**
 * 转办 to another agency or level: within the actor's reach (their government and below) or the
 * government above theirs. The chain is kept as steps; the clock is not restarted.
 */
export async function transferMessage(ctx: Ctx, id: number, input: { toAgencyId: number | string; note?: string }, w: When = {}): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, m } = await messageForActing(tx, ctx.actor, id);
    allow(m, 'transfer');
    const to = Number(input.toAgencyId);
    const place = Number.isInteger(to) && to !== m.agencyId ? await placeOf(tx, to) : null;
    const ok = place && place.govId != null && (inReach(actor, place) || place.govId === actor.placement.upperGovId);
    const note = text(input.note);
    if (!ok || note.length > 500 || hasUnreadable(note)) {
      const p = new FieldProblems();
      if (!ok) p.add('toAgencyId', '请选择本级或下级、上一级政府的其他单位。');
      if (note.length > 500) p.add('note', `转办说明不超过 500 字，本次 ${note.length} 字。`);
      else if (hasUnreadable(note)) p.add('note', UNREADABLE_MSG);
      p.done();
    }
    await update(tx, id, { agencyId: to, govId: place!.govId!, assigneeId: null });
    await recordStep(tx, id, 'transferred', { from: m.agencyId, to, note }, w.now);
    await recordAudit(tx, auditActor(actor), { action: 'messages.transferred', targetType: 'msg_message', targetId: id, before: { agencyId: m.agencyId }, after: { agencyId: to, note } });
  });
}

/** 答复 by the handling agency; the first reply's working days and timeliness feed the statistics. */
export async function replyMessage(ctx: Ctx, id: number, input: { text: string }, w: When = {}): Promise<void> {
  const now = w.now ?? new Date();
  await ctx.db.transaction(async (tx) => {
    const { actor, m } = await messageForActing(tx, ctx.actor, id);
    allow(m, 'reply');
    const reply = text(input.text);
    if (!reply || reply.length > MAX_TEXT || hasUnreadable(reply)) { const p = new FieldProblems(); p.add('text', !reply ? '请填写答复内容。' : reply.length > MAX_TEXT ? `答复内容不超过 ${MAX_TEXT} 字。` : UNREADABLE_MSG); p.done(); }
    const repliedOn = toShanghaiDate(now);
    const first = m.replyWorkdays == null;
    const set: Partial<MessageRow> = { state: 'replied', replyText: reply, replyAgencyId: m.agencyId, repliedOn };
    if (first) {
      set.replyWorkdays = workdaysBetween(await loadCalendar(ctx.db), m.acceptedOn!, repliedOn);
      set.onTime = repliedOn <= m.dueOn!;
    }
    await update(tx, id, set);
    await recordStep(tx, id, 'replied', { from: m.agencyId }, now);
    if (m.faq) await syncFaqEntry(tx, id);
    await recordAudit(tx, auditActor(actor), { action: 'messages.replied', targetType: 'msg_message', targetId: id, before: { state: m.state }, after: { state: 'replied', repliedOn } });
  });
}

/** The writer's rating (满意/基本满意/不满意 with a comment), under code and check key. */
export async function rateMessage(ctx: Ctx, code: string, checkKey: string, input: { rating: string; comment?: string }, w: When = {}): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const m = await messageByCode(tx, code, checkKey);
    allow(m, 'rate');
    const rating = input.rating as Rating;
    const comment = text(input.comment);
    const p = new FieldProblems();
    if (!RATINGS.includes(rating)) p.add('rating', '请选择满意、基本满意或不满意。');
    if (comment.length > 500) p.add('comment', `评价意见不超过 500 字，本次 ${comment.length} 字。`);
    else if (hasUnreadable(comment)) p.add('comment', UNREADABLE_MSG);
    p.done();
    await update(tx, m.id, { state: 'closed', rating, ratingComment: comment });
    await recordStep(tx, m.id, 'rated', { note: `${RATING_LABELS[rating]}${comment ? `：${comment}` : ''}` }, w.now);
    await recordAudit(tx, auditActor(null), { action: 'messages.rated', targetType: 'msg_message', targetId: m.id, after: { rating } });
  });
}

/** A 不满意 reopens the message once: it goes back to the handling agency with a fresh limit. */
export async function reopenMessage(ctx: Ctx, code: string, checkKey: string, w: When = {}): Promise<void> {
  const now = w.now ?? new Date();
  await ctx.db.transaction(async (tx) => {
    const m = await messageByCode(tx, code, checkKey);
    allow(m, 'reopen');
    if (m.rating !== 'unsatisfied' || m.reopenCount >= 1) throw conflict('no_reopen', '只有评价为“不满意”的留言可以申请重新办理一次。');
    const today = toShanghaiDate(now);
    const limit = (await getMsgSettings(tx)).limits[m.kind];
    await update(tx, m.id, { state: 'accepted', reopenCount: m.reopenCount + 1, dueOn: addWorkdays(await loadCalendar(ctx.db), today, limit) });
    await recordStep(tx, m.id, 'reopened', { to: m.agencyId }, now);
    if (m.faq) await syncFaqEntry(tx, m.id); // out of the search until answered again
    await recordAudit(tx, auditActor(null), { action: 'messages.reopened', targetType: 'msg_message', targetId: m.id, before: { state: m.state }, after: { state: 'accepted' } });
  });
}

/** Promotes a public, answered message's reply to the agency's 常见问题, or takes it back. */
export async function setFaq(ctx: Ctx, id: number, faq: boolean): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, m } = await messageForActing(tx, ctx.actor, id);
    if (faq && (!m.isPublic || !m.replyText || !['replied', 'closed'].includes(m.state))) throw conflict('not_faq', '只有公开且已答复的留言可以列入常见问题。');
    await update(tx, id, { faq });
    await syncFaqEntry(tx, id);
    await recordAudit(tx, auditActor(actor), { action: faq ? 'messages.faq_added' : 'messages.faq_removed', targetType: 'msg_message', targetId: id, before: { faq: m.faq }, after: { faq } });
  });
}
export { notFound };
