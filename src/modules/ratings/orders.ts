// 差评 work orders ("谁办理谁负责"): the handling unit calls the rater back (回访), rectifies
// (整改) and gives feedback, which closes the order; or it appeals (申诉, 误评/恶意差评) and the
// office of the unit's government accepts (the rating leaves every aggregate) or rejects it. The
// office reads every order within reach; a unit's staff only its own agency's. The rater's phone
// is shown in full only to the handling unit's staff while the order is being handled.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { hasRole, requireRole, type Actor } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, FieldProblems, notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { users } from '../../core/auth/schema.js';
import { agencyInReach, isOfficeLike, officeActs, officeReads, placementColumns, type AgencyPlace } from '../../core/org/scope.js';
import { todayInShanghai } from '../../core/calendar/dates.js';
import { hasUnreadable } from '../../core/text/normalise.js';
import { ORDER_STATES, ratingOrderEvents, ratingOrders, ratings, type OrderState } from './schema.js';
import { openPhone, STAFF_ROLES } from './ratings.js';
import { clean } from './windows.js';

export const STATE_LABELS: Record<OrderState, string> = { open: '办理中', appealed: '申诉待审核', closed: '已办结', excluded: '申诉成立（不计入统计）' };
export const EVENT_LABELS: Record<string, string> = {
  opened: '生成工单', callback: '回访', rectified: '整改', feedback: '反馈评价人并办结', appealed: '提出申诉', appeal_accepted: '申诉成立', appeal_rejected: '申诉不成立',
};
const NOTE_MAX = 1000;

type OrderRow = typeof ratingOrders.$inferSelect;
type RatingRow = typeof ratings.$inferSelect;
export type OrderSummary = OrderRow & { agencyName: string; targetName: string; level: number; submittedAt: Date };
export type OrderDetail = {
  order: OrderRow; rating: Omit<RatingRow, 'phoneSealed' | 'raterKey'>; agencyName: string; phone: string; phoneFull: boolean;
  events: { kind: string; note: string; at: Date; userName: string | null }[];
  may: { handle: boolean; appeal: boolean; decide: boolean };
};
export type OrderFilters = { state?: OrderState; overdue?: boolean };
/** `now` fixes the clock (tests, the demo seed): the step's day and its record's time. */
export type OrderCtx = Ctx & { key: Buffer; today?: string; now?: Date };

/** Orders visible to the person: the office's within reach, a unit's own. */
const orderScope = (actor: Actor): SQL => (isOfficeLike(actor) ? agencyInReach(ratingOrders.agencyId, actor) : eq(ratingOrders.agencyId, actor.agencyId));
const isUnitStaff = (actor: Actor, agencyId: number) => actor.agencyId === agencyId && (hasRole(actor, 'editor') || hasRole(actor, 'reviewer'));

export async function staffOrders(ctx: Ctx, f: OrderFilters = {}, today = todayInShanghai()): Promise<OrderSummary[]> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const w: SQL[] = [orderScope(actor)];
  if (f.state) w.push(eq(ratingOrders.state, f.state));
  const rows = await ctx.db.select({ o: ratingOrders, agencyName: agencies.name, targetName: ratings.targetName, level: ratings.level, submittedAt: ratings.submittedAt })
    .from(ratingOrders).innerJoin(ratings, eq(ratings.id, ratingOrders.ratingId)).innerJoin(agencies, eq(agencies.id, ratingOrders.agencyId))
    .where(and(...w)).orderBy(sql`case when ${ratingOrders.state} in ('open', 'appealed') then 0 else 1 end`, asc(ratingOrders.dueOn), desc(ratingOrders.id)).limit(500);
  const out = rows.map(({ o, ...r }) => ({ ...o, ...r }));
  return f.overdue ? out.filter((o) => isOverdue(o, today)) : out;
}

/** Past its deadline and not finished (an appeal awaiting the office's decision still counts). */
export const isOverdue = (o: Pick<OrderRow, 'state' | 'dueOn'>, today: string) => (o.state === 'open' || o.state === 'appealed') && o.dueOn < today;

type Access = { actor: Actor; order: OrderRow; agency: AgencyPlace & { name: string }; unit: boolean; office: boolean };
async function access(db: Exec, actorIn: Actor | null, id: number, lock = false): Promise<Access> {
  const actor = requireRole(actorIn, ...STAFF_ROLES);
  const q = db.select().from(ratingOrders).where(eq(ratingOrders.id, id));
  const [order] = lock ? await q.for('update') : await q;
  if (!order) throw notFound('工单');
  const [agency] = await db.select({ ...placementColumns, name: agencies.name }).from(agencies).where(eq(agencies.id, order.agencyId));
  if (!agency) throw notFound('工单');
  const unit = isUnitStaff(actor, order.agencyId);
  const office = officeActs(actor, agency);
  if (!unit && !office && !officeReads(actor, agency)) throw notFound('工单');
  return { actor, order, agency, unit, office };
}

export async function getOrder(ctx: OrderCtx, id: number): Promise<OrderDetail> {
  const a = await access(ctx.db, ctx.actor, id);
  const [rating] = await ctx.db.select().from(ratings).where(eq(ratings.id, a.order.ratingId));
  if (!rating) throw notFound('工单');
  const handling = a.order.state === 'open' || a.order.state === 'appealed';
  const phoneFull = a.unit && handling && rating.phoneSealed !== '';
  const evs = await ctx.db.select({ kind: ratingOrderEvents.kind, note: ratingOrderEvents.note, at: ratingOrderEvents.at, userId: ratingOrderEvents.userId }).from(ratingOrderEvents)
    .where(eq(ratingOrderEvents.orderId, id)).orderBy(asc(ratingOrderEvents.at), asc(ratingOrderEvents.id));
  const ids = [...new Set(evs.map((e) => e.userId).filter((x): x is number => x != null))];
  const names = new Map(ids.length ? (await ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name] as const) : []);
  const { phoneSealed, raterKey: _k, ...shown } = rating;
  return {
    order: a.order, rating: shown, agencyName: a.agency.name,
    phone: phoneFull ? openPhone(ctx.key, phoneSealed) : rating.phoneMasked, phoneFull,
    events: evs.map((e) => ({ kind: e.kind, note: e.note, at: e.at, userName: e.userId != null ? (names.get(e.userId) ?? null) : null })),
    may: { handle: (a.unit || a.office) && a.order.state === 'open', appeal: a.unit && a.order.state === 'open', decide: a.office && a.order.state === 'appealed' },
  };
}

function note(raw: unknown, field: string, what: string, required = true): string {
  const s = clean(raw);
  const p = new FieldProblems();
  if (hasUnreadable(s)) p.add(field, '内容含有无法识别的字符（可能是编码错误），请重新输入。');
  else if (required && !s) p.add(field, `请填写${what}。`);
  else if (s.length > NOTE_MAX) p.add(field, `${what}不超过 ${NOTE_MAX} 字。`);
  p.done();
  return s;
}

type Step = 'callback' | 'rectify' | 'feedback' | 'appeal' | 'accept' | 'reject';
const AUDIT: Record<Step, string> = { callback: 'ratings.order_callback', rectify: 'ratings.order_rectified', feedback: 'ratings.order_closed', appeal: 'ratings.order_appealed', accept: 'ratings.appeal_accepted', reject: 'ratings.appeal_rejected' };

/** One step on a work order, by the handling unit (or its government's office); accept / reject by that office only. */
export async function orderStep(ctx: OrderCtx, id: number, step: Step, input: { note?: string }): Promise<void> {
  const what: Record<Step, string> = { callback: '回访情况', rectify: '整改措施', feedback: '向评价人反馈的内容', appeal: '申诉理由', accept: '审核意见', reject: '不予支持的理由' };
  const text = note(input.note, 'note', what[step], step !== 'accept');
  const now = ctx.now ?? new Date();
  const today = ctx.today ?? todayInShanghai(now);
  await ctx.db.transaction(async (tx) => {
    const a = await access(tx, ctx.actor, id, true);
    const o = a.order;
    const decide = step === 'accept' || step === 'reject';
    if (decide ? !a.office : !(a.unit || a.office)) throw notFound('工单');
    if (decide && o.state !== 'appealed') throw conflict('order_state', '该工单没有待审核的申诉。');
    if (!decide && o.state !== 'open') throw conflict('order_state', o.state === 'appealed' ? '申诉正在审核中，审核后才能继续办理。' : '该工单已经办结。');
    if (step === 'feedback' && !o.calledBackOn) { const p = new FieldProblems(); p.add('note', '请先登记回访情况，再向评价人反馈并办结。'); p.done(); }
    if (step === 'appeal' && !a.unit) throw conflict('order_state', '申诉由承办单位提出，政务公开办负责审核。');
    const set: Partial<OrderRow> = { updatedAt: new Date() };
    let kind: string = step;
    if (step === 'callback') Object.assign(set, { callbackNote: text, calledBackOn: today });
    if (step === 'rectify') Object.assign(set, { rectifyNote: text, rectifiedOn: today });
    if (step === 'feedback') Object.assign(set, { feedbackNote: text, feedbackOn: today, state: 'closed' });
    if (step === 'appeal') { Object.assign(set, { appealReason: text, state: 'appealed' }); kind = 'appealed'; }
    if (step === 'accept') { Object.assign(set, { decisionNote: text, state: 'excluded' }); kind = 'appeal_accepted'; }
    if (step === 'reject') { Object.assign(set, { decisionNote: text, state: 'open' }); kind = 'appeal_rejected'; }
    if (step === 'rectify') kind = 'rectified';
    await tx.update(ratingOrders).set(set).where(eq(ratingOrders.id, id));
    if (step === 'accept') await tx.update(ratings).set({ excluded: true }).where(eq(ratings.id, o.ratingId));
    await tx.insert(ratingOrderEvents).values({ orderId: id, kind, note: text, userId: a.actor.userId, at: now });
    await recordAudit(tx, auditActor(a.actor), { action: AUDIT[step], targetType: 'rating_order', targetId: id, before: { state: o.state }, after: { state: set.state ?? o.state, note: text } });
  });
}

export const ORDER_STATE_LIST = ORDER_STATES;
