// Lists: the public's (public messages with replies, no personal data, per government site), the
// staff's (within scope, with the age flags), the worklist and the monthly statistics.
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { hasRole, requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { FieldProblems } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { agencyInReach, isOfficeLike, officeActs } from '../../core/org/scope.js';
import { workdaysBetween } from '../../core/calendar/calendar.js';
import { addDays, toShanghaiDate } from '../../core/calendar/dates.js';
import { loadCalendar } from '../../core/calendar/service.js';
import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { msgEvents, msgMailboxes, msgMessages } from './schema.js';
import { users } from '../../core/auth/schema.js';
import { STAFF_ROLES, messageForReading, placeOf } from './policy.js';
import { getMsgSettings, type MsgSettings } from './settings.js';
import { KIND_LABELS } from './labels.js';

/** The date n months after d (clamped to the month's end: 11-30 + 3 months = 02-28). */
export function addMonths(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const t = (y * 12 + (m - 1) + n);
  const ny = Math.floor(t / 12), nm = (t % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

export type AgeFlag = 'red' | 'warning' | null;
/** A valid message still unanswered: red past the red line (3 months, the inspection's veto), warning past the warning line. */
export function ageFlag(m: { state: string; acceptedOn: string | null }, today: string, s: Pick<MsgSettings, 'warnMonths' | 'redMonths'>): AgeFlag {
  if (m.state !== 'accepted' || !m.acceptedOn) return null;
  if (today > addMonths(m.acceptedOn, s.redMonths)) return 'red';
  if (today > addMonths(m.acceptedOn, s.warnMonths)) return 'warning';
  return null;
}

const publicCols = {
  id: msgMessages.id, kind: msgMessages.kind, title: msgMessages.title, body: msgMessages.body, acceptedOn: msgMessages.acceptedOn,
  repliedOn: msgMessages.repliedOn, replyText: msgMessages.replyText, replyAgency: agencies.name, faq: msgMessages.faq, replyAgencyId: msgMessages.replyAgencyId,
};
const published = and(eq(msgMessages.isPublic, true), inArray(msgMessages.state, ['replied', 'closed']));

/** Public, answered messages of a site's government: 受理日期, 答复日期, 答复部门, 答复内容 — never name or phone. */
export async function publicMessages(db: Exec, govId: number | null, opts: { agencyId?: number; faqOnly?: boolean; limit?: number } = {}) {
  return db.select(publicCols).from(msgMessages).innerJoin(agencies, eq(agencies.id, msgMessages.replyAgencyId))
    .where(and(published, govId == null ? undefined : eq(msgMessages.govId, govId), opts.agencyId ? eq(msgMessages.replyAgencyId, opts.agencyId) : undefined, opts.faqOnly ? eq(msgMessages.faq, true) : undefined))
    .orderBy(desc(msgMessages.repliedOn), desc(msgMessages.id)).limit(opts.limit ?? 50);
}

/** One public message for its detail page, or null (private, unanswered, or another site's). */
export async function publicMessage(db: Exec, govId: number | null, id: number) {
  const [m] = await db.select(publicCols).from(msgMessages).innerJoin(agencies, eq(agencies.id, msgMessages.replyAgencyId))
    .where(and(published, eq(msgMessages.id, id), govId == null ? undefined : eq(msgMessages.govId, govId)));
  return m ?? null;
}

/** 常见问题 of an agency (or a site): the promoted replies. */
export const faqList = (db: Exec, govId: number | null, agencyId?: number) => publicMessages(db, govId, { agencyId, faqOnly: true, limit: 200 });

/** The staff list: the person's agency's messages, and for the office everything within reach; with flags. */
export async function staffMessages(ctx: Ctx, today = toShanghaiDate(new Date())) {
  const a = requireRole(ctx.actor, ...STAFF_ROLES);
  const s = await getMsgSettings(ctx.db);
  const where = isOfficeLike(a) ? or(eq(msgMessages.agencyId, a.agencyId), agencyInReach(msgMessages.agencyId, a)) : eq(msgMessages.agencyId, a.agencyId);
  const rows = await ctx.db.select({
    id: msgMessages.id, code: msgMessages.code, title: msgMessages.title, kind: msgMessages.kind, state: msgMessages.state, agencyId: msgMessages.agencyId,
    agency: agencies.name, acceptedOn: msgMessages.acceptedOn, dueOn: msgMessages.dueOn, createdAt: msgMessages.createdAt,
  }).from(msgMessages).innerJoin(agencies, eq(agencies.id, msgMessages.agencyId)).where(where).orderBy(asc(msgMessages.id));
  return rows.map((r) => ({ ...r, flag: ageFlag(r, today, s), overdue: r.state === 'accepted' && !!r.dueOn && today > r.dueOn }));
}

/**
 * The worklist: held and unscreened messages, replies overdue or due within 2 working days, and
 * the age flags (red past 3 months, warning past 2) — for the handling agency and the office.
 */
export async function messagesWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  if (!STAFF_ROLES.some((r) => hasRole(ctx.actor, r))) return [];
  const rows = (await staffMessages(ctx, ctx.today)).filter((r) => ['held', 'received', 'accepted'].includes(r.state));
  const cal = await loadCalendar(ctx.db);
  const items: WorkItem[] = [];
  for (const r of rows) {
    const base = { group: 'interaction' as const, href: `/admin/messages/${r.id}`, title: r.title, detail: `${KIND_LABELS[r.kind]} · ${r.agency} · ${r.code}` };
    if (r.state === 'held') { items.push({ ...base, kind: '留言待审核', dueOn: null, urgency: 'due', note: '含敏感词，待人工审核' }); continue; }
    if (r.state === 'received') { items.push({ ...base, kind: '留言待甄别', dueOn: null, urgency: 'normal' }); continue; }
    if (r.flag === 'red') { items.push({ ...base, kind: '留言超过三个月未答复', dueOn: r.dueOn, urgency: 'overdue', note: `自 ${r.acceptedOn} 受理，已超过红线（网站检查单项否决）` }); continue; }
    const left = workdaysBetween(cal, ctx.today, r.dueOn!);
    if (r.flag === 'warning') items.push({ ...base, kind: '留言长期未答复预警', dueOn: r.dueOn, urgency: 'overdue', note: `自 ${r.acceptedOn} 受理，即将达到三个月红线` });
    else if (left < 0) items.push({ ...base, kind: '留言答复已超期', dueOn: r.dueOn, urgency: 'overdue', note: `已超期 ${-left} 个工作日` });
    else if (left <= 2) items.push({ ...base, kind: '留言即将到期', dueOn: r.dueOn, urgency: 'due', note: `还剩 ${left} 个工作日` });
  }
  return items;
}

export type MonthRow = { agencyId: number; agency: string; received: number; answered: number; onTime: number; avgWorkdays: number | null; rated: number; satisfied: number; basically: number; unsatisfied: number; satisfaction: number | null };
const range = (month: string) => {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) { const p = new FieldProblems(); p.add('month', '月份格式应为 YYYY-MM。'); p.done(); }
  return { from: `${month}-01`, to: addDays(addMonths(`${month}-01`, 1), -1) };
};

/** Monthly figures per agency of a government: received (by creation), answered, on time, average working days, satisfaction (满意+基本满意 / rated). */
export async function monthlyStats(db: Db, govId: number, month: string): Promise<MonthRow[]> {
  const { from, to } = range(month);
  const rows = await db.select({
    agencyId: msgMessages.agencyId, replyAgencyId: msgMessages.replyAgencyId, createdAt: msgMessages.createdAt, repliedOn: msgMessages.repliedOn,
    replyWorkdays: msgMessages.replyWorkdays, onTime: msgMessages.onTime, rating: msgMessages.rating, state: msgMessages.state,
  }).from(msgMessages).where(and(eq(msgMessages.govId, govId), sql`${msgMessages.state} not in ('held', 'screened_out')`));
  const names = new Map((await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.govId, govId))).map((a) => [a.id, a.name]));
  const by = new Map<number, MonthRow & { days: number[] }>();
  const row = (id: number) => by.get(id) ?? by.set(id, { agencyId: id, agency: names.get(id) ?? '', received: 0, answered: 0, onTime: 0, avgWorkdays: null, rated: 0, satisfied: 0, basically: 0, unsatisfied: 0, satisfaction: null, days: [] }).get(id)!;
  for (const r of rows) {
    const made = toShanghaiDate(r.createdAt);
    if (made >= from && made <= to) row(r.agencyId).received++;
    if (r.repliedOn && r.repliedOn >= from && r.repliedOn <= to && r.replyAgencyId) {
      const x = row(r.replyAgencyId);
      x.answered++;
      if (r.onTime) x.onTime++;
      if (r.replyWorkdays != null) x.days.push(r.replyWorkdays);
      if (r.rating) { x.rated++; x[r.rating === 'satisfied' ? 'satisfied' : r.rating === 'basically' ? 'basically' : 'unsatisfied']++; }
    }
  }
  return [...by.values()].map(({ days, ...x }) => ({
    ...x, avgWorkdays: days.length ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10 : null,
    satisfaction: x.rated ? Math.round(((x.satisfied + x.basically) / x.rated) * 1000) / 10 : null,
  })).sort((a, b) => a.agencyId - b.agencyId);
}

/** The office's view of the statistics (its own government, or one within reach). */
export async function staffMonthlyStats(ctx: Ctx, govId: number, month: string) {
  const a = requireRole(ctx.actor, 'office', 'admin');
  const place = await placeOf(ctx.db, govId);
  if (!place || !place.path.startsWith(a.placement.govPath)) { const p = new FieldProblems(); p.add('govId', '请选择本级或下级政府。'); p.done(); }
  return monthlyStats(ctx.db, govId, month);
}

/** 领导信箱: the office of a government opens a mailbox owned by one of its agencies. */
export async function createMailbox(ctx: Ctx, input: { name: string; agencyId: number | string }): Promise<number> {
  const a = requireRole(ctx.actor, 'office', 'admin');
  const name = (input.name ?? '').trim();
  const agencyId = Number(input.agencyId);
  const place = Number.isInteger(agencyId) ? await placeOf(ctx.db, agencyId) : null;
  const p = new FieldProblems();
  if (!name || name.length > 50) p.add('name', '请填写信箱名称（不超过 50 字），如“县长信箱”。');
  if (!place || !officeActs(a, place)) p.add('agencyId', '请选择本级政府的单位。');
  p.done();
  return ctx.db.transaction(async (tx) => {
    const [mb] = await tx.insert(msgMailboxes).values({ name, agencyId, govId: place!.govId! }).returning({ id: msgMailboxes.id });
    await recordAudit(tx, auditActor(a), { action: 'messages.mailbox_created', targetType: 'msg_mailbox', targetId: mb!.id, after: { name, agencyId } });
    return mb!.id;
  });
}

export const mailboxesOf = (db: Exec, govId: number) => db.select({ id: msgMailboxes.id, name: msgMailboxes.name, agencyId: msgMailboxes.agencyId }).from(msgMailboxes).where(and(eq(msgMailboxes.govId, govId), eq(msgMailboxes.active, true))).orderBy(asc(msgMailboxes.id));

/** One page of a site's public, answered messages and how many there are (for the pager). */
export async function publicMessagesPage(db: Exec, govId: number | null, page: number, pageSize = 20) {
  const where = and(published, govId == null ? undefined : eq(msgMessages.govId, govId));
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(msgMessages).where(where);
  const rows = await db.select(publicCols).from(msgMessages).innerJoin(agencies, eq(agencies.id, msgMessages.replyAgencyId))
    .where(where).orderBy(desc(msgMessages.repliedOn), desc(msgMessages.id)).limit(pageSize).offset((page - 1) * pageSize);
  return { rows, total: Number(n), page, pageSize };
}

/**
 * The steps of a public message as the public sees them: what happened, when and between which
 * agencies — never the notes (a screening reason or a transfer note may name the writer).
 */
export async function publicSteps(db: Exec, messageId: number) {
  const steps = await db.select().from(msgEvents).where(eq(msgEvents.messageId, messageId)).orderBy(asc(msgEvents.id));
  const ids = [...new Set(steps.flatMap((s) => [s.fromAgencyId, s.toAgencyId]).filter((x): x is number => x != null))];
  const names = new Map(ids.length ? (await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, ids))).map((a) => [a.id, a.name]) : []);
  return steps.filter((s) => s.step !== 'held' && s.step !== 'released').map((s) => ({ step: s.step, at: s.at, from: s.fromAgencyId ? names.get(s.fromAgencyId) ?? '' : '', to: s.toAgencyId ? names.get(s.toAgencyId) ?? '' : '' }));
}

/** Everything a staff member sees about a message they may read: the row, the steps with agency names, and the agencies' names. */
export async function staffMessageView(ctx: Ctx, id: number, today = toShanghaiDate(new Date())) {
  const { m, mayAct, actor } = await messageForReading(ctx.db, ctx.actor, id);
  const s = await getMsgSettings(ctx.db);
  const steps = await ctx.db.select().from(msgEvents).where(eq(msgEvents.messageId, id)).orderBy(asc(msgEvents.id));
  const ids = [...new Set([m.agencyId, m.govId, m.replyAgencyId, ...steps.flatMap((x) => [x.fromAgencyId, x.toAgencyId])].filter((x): x is number => x != null))];
  const names = new Map((await ctx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, ids))).map((a) => [a.id, a.name]));
  const [mailbox] = m.mailboxId ? await ctx.db.select({ name: msgMailboxes.name }).from(msgMailboxes).where(eq(msgMailboxes.id, m.mailboxId)) : [];
  const cal = await loadCalendar(ctx.db);
  const left = m.state === 'accepted' && m.dueOn ? workdaysBetween(cal, today, m.dueOn) : null;
  return {
    m, mayAct, actor, mailbox: mailbox?.name ?? null, flag: ageFlag(m, today, s), left, settings: s,
    agency: names.get(m.agencyId) ?? '', replyAgency: m.replyAgencyId ? names.get(m.replyAgencyId) ?? '' : '',
    steps: steps.map((x) => ({ step: x.step, at: x.at, from: x.fromAgencyId ? names.get(x.fromAgencyId) ?? '' : '', to: x.toAgencyId ? names.get(x.toAgencyId) ?? '' : '', note: x.note })),
    redOn: m.acceptedOn ? addMonths(m.acceptedOn, s.redMonths) : null, warnOn: m.acceptedOn ? addMonths(m.acceptedOn, s.warnMonths) : null,
  };
}

/** Where a message may be transferred and to whom it may be assigned (for the staff page's choices). */
export async function handlingChoices(ctx: Ctx, m: { agencyId: number }) {
  const a = requireRole(ctx.actor, ...STAFF_ROLES);
  const targets = await ctx.db.select({ id: agencies.id, name: agencies.name, path: agencies.path, govId: agencies.govId, kind: agencies.kind }).from(agencies)
    .where(or(agencyInReach(agencies.id, a), a.placement.upperGovId != null ? eq(agencies.govId, a.placement.upperGovId) : undefined)).orderBy(asc(agencies.path), asc(agencies.sort), asc(agencies.id));
  const staff = await ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.agencyId, m.agencyId)).orderBy(asc(users.id));
  return { targets: targets.filter((t) => t.id !== m.agencyId && t.govId != null && t.kind !== 'village' && t.kind !== 'community'), staff };
}
