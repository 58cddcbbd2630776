// 人大代表建议 · 政协提案办理: registration (交办), co-handlers' views, extension, reply,
// satisfaction, follow-up and publication. Scope: the host unit's staff act on their items, a
// co-handling unit's staff record their own view, the office acts on all items of its government
// and reads those below it. Every function checks the actor first.
import { and, asc, desc, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { hasRole, requireRole, type Actor } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, FieldProblems, forbidden, notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { inReach, isOfficeLike, officeActs, placementColumns, type AgencyPlace } from '../../core/org/scope.js';
import { isIsoDate } from '../../core/calendar/dates.js';
import { addWorkdays } from '../../core/calendar/calendar.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { propCoHandlers, propFollowUps, propItems, PROPOSAL_KINDS, SATISFACTIONS, type Author, type ProposalKind, type ProposalState, type PublishMode, type Satisfaction } from './schema.js';
import { getPropSettings } from './settings.js';
import { redactContacts } from './redact.js';
import { indexProposal } from './search.js';

export const STAFF_ROLES = ['editor', 'reviewer', 'office', 'admin'] as const;
export type ItemRow = typeof propItems.$inferSelect;

/** The explicit state machine: which action moves an item from which state to which. */
export const TRANSITIONS: Record<string, { from: readonly ProposalState[]; to: ProposalState }> = {
  reply: { from: ['handling'], to: 'replied' },
  publish: { from: ['replied'], to: 'published' },
};
function transition(item: ItemRow, action: keyof typeof TRANSITIONS): ProposalState {
  const t = TRANSITIONS[action]!;
  if (!t.from.includes(item.state)) throw conflict('proposal_state', `该建议提案当前状态为“${STATE_LABELS[item.state]}”，不能执行此操作。`);
  return t.to;
}
export const STATE_LABELS: Record<ProposalState, string> = { handling: '办理中', replied: '已答复待公开', published: '已公开' };
export const KIND_LABELS: Record<ProposalKind, string> = { npc: '人大代表建议', cppcc: '政协委员提案' };
export const SATISFACTION_LABELS: Record<Satisfaction, string> = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' };

/** Adds calendar months, the day clamped to the month's end (11-30 + 3 → 02-28). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

async function place(db: Exec, agencyId: number): Promise<AgencyPlace | null> {
  const [a] = await db.select(placementColumns).from(agencies).where(eq(agencies.id, agencyId));
  return a ?? null;
}

type Access = { actor: Actor; item: ItemRow; host: boolean; office: boolean; coHandler: boolean };
async function access(db: Exec, actor: Actor, id: number, lock = false): Promise<Access> {
  const q = db.select().from(propItems).where(eq(propItems.id, id));
  const [item] = lock ? await q.for('update') : await q;
  if (!item) throw notFound('建议提案');
  const hostPlace = await place(db, item.hostAgencyId);
  const office = !!hostPlace && officeActs(actor, hostPlace);
  const host = actor.agencyId === item.hostAgencyId;
  const co = await db.select({ id: propCoHandlers.id }).from(propCoHandlers).where(and(eq(propCoHandlers.itemId, id), eq(propCoHandlers.agencyId, actor.agencyId)));
  const reads = office || host || co.length > 0 || (!!hostPlace && isOfficeLike(actor) && inReach(actor, hostPlace));
  if (!reads) throw notFound('建议提案');
  return { actor, item, host, office, coHandler: co.length > 0 };
}

/** The item for the host unit's staff or the office of its government (others: refused). */
async function forActing(db: Exec, actor: Actor | null, id: number, lock = false): Promise<Access> {
  const a = requireRole(actor, ...STAFF_ROLES);
  const r = await access(db, a, id, lock);
  if (!r.host && !r.office) throw forbidden('只有主办单位或本级政务公开办可以办理该建议提案。');
  return r;
}

const text = (raw: unknown) => (typeof raw === 'string' ? raw.replace(/\u0000/g, '').trim() : '');
const PHONE_RE = /^[0-9+\-()（） ]{5,20}$/;

function authors(p: FieldProblems, field: string, raw: unknown, required: boolean): Author[] {
  const list = Array.isArray(raw) ? raw : raw == null ? [] : [raw];
  const out: Author[] = [];
  for (const r of list) {
    const name = text((r as Author)?.name);
    const phone = text((r as Author)?.phone);
    if (!name && !phone) continue;
    if (!name || name.length > 50) { p.add(field, '请填写代表或委员姓名（50 字以内）。'); continue; }
    if (phone && !PHONE_RE.test(phone)) { p.add(field, `${name}的联系电话格式不正确。`); continue; }
    out.push({ name, phone });
  }
  if (required && !out.length) p.add(field, '请填写领衔代表或提案人。');
  if (out.length > 50) p.add(field, '联名人不能超过 50 人。');
  return out;
}

function dateField(p: FieldProblems, name: string, label: string, raw: unknown): string {
  const s = text(raw);
  if (!isIsoDate(s)) { p.add(name, `请填写正确的${label}（年-月-日）。`); return ''; }
  return s;
}

export type RegisterInput = {
  kind: string; session: string; number: string; title: string;
  leadAuthor: { name: string; phone?: string }; coAuthors?: { name: string; phone?: string }[];
  hostAgencyId: number; coAgencyIds?: number[]; assignedOn: string;
};

/** The office registers (交办) an item to a host unit of its government; the clocks start. */
export async function registerProposal(ctx: Ctx, input: RegisterInput): Promise<number> {
  const actor = requireRole(ctx.actor, 'office', 'admin');
  const p = new FieldProblems();
  const kind = PROPOSAL_KINDS.find((k) => k === input.kind);
  if (!kind) p.add('kind', '请选择人大代表建议或政协委员提案。');
  const session = text(input.session);
  if (!session || session.length > 100) p.add('session', '请填写届次会次（100 字以内）。');
  const number = text(input.number);
  if (!number || number.length > 30) p.add('number', '请填写建议号或提案号（30 字以内）。');
  const title = text(input.title);
  if (!title || title.length > 200) p.add('title', '请填写标题（200 字以内）。');
  const [lead] = authors(p, 'leadAuthor', input.leadAuthor, true);
  const co = authors(p, 'coAuthors', input.coAuthors, false);
  const assignedOn = dateField(p, 'assignedOn', '交办日期', input.assignedOn);
  const host = Number.isInteger(input.hostAgencyId) ? await place(ctx.db, input.hostAgencyId) : null;
  if (!host) p.add('hostAgencyId', '请选择主办单位。');
  else if (!officeActs(actor, host)) p.add('hostAgencyId', '主办单位应为本级政府的部门或乡镇。');
  const coIds = [...new Set(input.coAgencyIds ?? [])].filter((id) => id !== input.hostAgencyId);
  for (const id of coIds) {
    const c = Number.isInteger(id) ? await place(ctx.db, id) : null;
    if (!c || !officeActs(actor, c)) { p.add('coAgencyIds', '协办单位应为本级政府的部门或乡镇。'); break; }
  }
  p.done();
  const s = await getPropSettings(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const dup = await tx.select({ id: propItems.id }).from(propItems)
      .where(and(eq(propItems.govId, host!.govId!), eq(propItems.kind, kind!), eq(propItems.session, session), eq(propItems.number, number)));
    if (dup.length) throw conflict('proposal_duplicate', `${session}第 ${number} 号已登记。`);
    const [row] = await tx.insert(propItems).values({
      govId: host!.govId!, kind: kind!, session, number, title, leadAuthor: lead!, coAuthors: co, hostAgencyId: host!.id,
      assignedOn, dueOn: addMonths(assignedOn, s.replyMonths), viewsDueOn: addMonths(assignedOn, s.viewsMonths), createdBy: actor.userId,
    }).returning({ id: propItems.id, dueOn: propItems.dueOn });
    if (coIds.length) await tx.insert(propCoHandlers).values(coIds.map((agencyId) => ({ itemId: row!.id, agencyId })));
    // The audit trail names the item, not the authors' phones.
    await recordAudit(tx, auditActor(actor), { action: 'proposals.registered', targetType: 'prop_item', targetId: row!.id, after: { kind, session, number, title, hostAgencyId: host!.id, coAgencyIds: coIds, assignedOn, dueOn: row!.dueOn } });
    return row!.id;
  });
}

/** A co-handling unit's staff record its written view (or the host/office records it for them). */
export async function recordCoView(ctx: Ctx, id: number, input: { agencyId?: number; text: string; on: string }): Promise<void> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const a = await access(ctx.db, actor, id);
  const agencyId = input.agencyId ?? actor.agencyId;
  if (!(a.office || a.host || (a.coHandler && agencyId === actor.agencyId))) throw forbidden('只能录入本单位的协办意见。');
  const p = new FieldProblems();
  const body = text(input.text);
  if (!body || body.length > 20000) p.add('text', '请填写协办意见（2 万字以内）。');
  const on = dateField(p, 'on', '意见日期', input.on);
  if (on && on < a.item.assignedOn) p.add('on', '意见日期不能早于交办日期。');
  p.done();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(propCoHandlers).set({ viewText: body, viewOn: on, recordedBy: actor.userId })
      .where(and(eq(propCoHandlers.itemId, id), eq(propCoHandlers.agencyId, agencyId))).returning({ id: propCoHandlers.id });
    if (!row) throw notFound('协办单位');
    await recordAudit(tx, auditActor(actor), { action: 'proposals.co_view_recorded', targetType: 'prop_item', targetId: id, after: { agencyId, on } });
  });
}

/** Extends the reply limit to the longer one (a setting) — only with the approval recorded. */
export async function extendProposal(ctx: Ctx, id: number, input: { approver?: string; approvedOn?: string; reason?: string }): Promise<string> {
  const { actor, item } = await forActing(ctx.db, ctx.actor, id);
  if (item.state !== 'handling') throw conflict('proposal_state', '已答复的建议提案不能延期。');
  if (item.extension) throw conflict('proposal_extended', '该建议提案已经延期，不能再次延期。');
  const p = new FieldProblems();
  const approver = text(input.approver);
  if (!approver || approver.length > 50) p.add('approver', '延期须经批准：请填写批准人（50 字以内）。');
  const approvedOn = dateField(p, 'approvedOn', '批准日期', input.approvedOn);
  if (approvedOn && approvedOn < item.assignedOn) p.add('approvedOn', '批准日期不能早于交办日期。');
  const reason = text(input.reason);
  if (!reason || reason.length > 2000) p.add('reason', '请填写延期理由（2000 字以内）。');
  p.done();
  const s = await getPropSettings(ctx.db);
  const dueOn = addMonths(item.assignedOn, s.extendedMonths);
  await ctx.db.transaction(async (tx) => {
    await tx.update(propItems).set({ extension: { approver, approvedOn, reason, dueOn } }).where(eq(propItems.id, id));
    await recordAudit(tx, auditActor(actor), { action: 'proposals.extended', targetType: 'prop_item', targetId: id, before: { dueOn: item.dueOn }, after: { dueOn, approver, approvedOn, reason } });
  });
  return dueOn;
}

/** The due date in force: the extended one when approved. */
export const effectiveDue = (item: Pick<ItemRow, 'dueOn' | 'extension'>): string => item.extension?.dueOn ?? item.dueOn;

/** The host unit answers: class (the office's list), date and text. */
export async function replyProposal(ctx: Ctx, id: number, input: { replyClass: string; replyOn: string; text: string }): Promise<void> {
  const { actor, item } = await forActing(ctx.db, ctx.actor, id);
  const to = transition(item, 'reply');
  const s = await getPropSettings(ctx.db);
  const p = new FieldProblems();
  const cls = s.classes.find((c) => c.code === text(input.replyClass));
  if (!cls) p.add('replyClass', `请选择答复类别（${s.classes.map((c) => `${c.code} ${c.label}`).join('、')}）。`);
  const replyOn = dateField(p, 'replyOn', '答复日期', input.replyOn);
  if (replyOn && replyOn < item.assignedOn) p.add('replyOn', '答复日期不能早于交办日期。');
  const body = text(input.text);
  if (!body || body.length > 50000) p.add('text', '请填写答复内容（5 万字以内）。');
  p.done();
  await ctx.db.transaction(async (tx) => {
    await tx.update(propItems).set({ state: to, replyClass: cls!.code, replyOn, replyText: body }).where(and(eq(propItems.id, id), eq(propItems.state, item.state)));
    await recordAudit(tx, auditActor(actor), { action: 'proposals.replied', targetType: 'prop_item', targetId: id, before: { state: item.state }, after: { state: to, replyClass: cls!.code, replyOn, lateBy: replyOn > effectiveDue(item) } });
  });
}

/** The author's satisfaction with the reply (征询意见表). */
export async function recordSatisfaction(ctx: Ctx, id: number, input: { satisfaction: string; note?: string }): Promise<void> {
  const { actor, item } = await forActing(ctx.db, ctx.actor, id);
  if (item.state === 'handling') throw conflict('proposal_state', '尚未答复，不能登记满意度。');
  const p = new FieldProblems();
  const sat = SATISFACTIONS.find((x) => x === input.satisfaction);
  if (!sat) p.add('satisfaction', '请选择满意、基本满意或不满意。');
  const note = text(input.note);
  if (note.length > 2000) p.add('note', '说明不能超过 2000 字。');
  p.done();
  await ctx.db.transaction(async (tx) => {
    await tx.update(propItems).set({ satisfaction: sat!, satisfactionNote: note }).where(eq(propItems.id, id));
    await recordAudit(tx, auditActor(actor), { action: 'proposals.satisfaction_recorded', targetType: 'prop_item', targetId: id, before: { satisfaction: item.satisfaction }, after: { satisfaction: sat } });
  });
}

/** Follow-up (跟踪落实) of a reply whose class needs it (B/C by default). */
export async function addFollowUp(ctx: Ctx, id: number, input: { on: string; text: string }): Promise<number> {
  const { actor, item } = await forActing(ctx.db, ctx.actor, id);
  const s = await getPropSettings(ctx.db);
  const cls = s.classes.find((c) => c.code === item.replyClass);
  if (item.state === 'handling' || !cls?.followUp) throw conflict('proposal_no_follow_up', '只有答复类别需要跟踪落实的建议提案才能登记跟踪情况。');
  const p = new FieldProblems();
  const on = dateField(p, 'on', '跟踪日期', input.on);
  if (on && item.replyOn && on < item.replyOn) p.add('on', '跟踪日期不能早于答复日期。');
  const body = text(input.text);
  if (!body || body.length > 20000) p.add('text', '请填写跟踪落实情况（2 万字以内）。');
  p.done();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(propFollowUps).values({ itemId: id, on, text: body, recordedBy: actor.userId }).returning({ id: propFollowUps.id });
    await recordAudit(tx, auditActor(actor), { action: 'proposals.follow_up_added', targetType: 'prop_item', targetId: id, after: { on } });
    return row!.id;
  });
}

/** Every phone of the item's authors, for redaction. */
const authorPhones = (item: ItemRow): string[] => [item.leadAuthor, ...item.coAuthors].map((a) => a.phone).filter(Boolean);

/** The text as it would be published (full reply, or the given summary) with contacts removed: for staff to check first. */
export const publicationPreview = (item: ItemRow, summary?: string): string => redactContacts(summary ?? item.replyText, authorPhones(item));

/**
 * Publishes the reply in full, or a summary (the office's decision, with its reason). The public
 * text has every phone number and e-mail address removed, the authors' own numbers included.
 */
export async function publishProposal(ctx: Ctx, id: number, input: { mode: string; summary?: string; reason?: string; on: string }): Promise<string> {
  const { actor, item } = await forActing(ctx.db, ctx.actor, id);
  const to = transition(item, 'publish');
  const p = new FieldProblems();
  const mode = (['full', 'summary'] as const).find((m) => m === input.mode) as PublishMode | undefined;
  if (!mode) p.add('mode', '请选择全文公开或摘要公开。');
  const summary = text(input.summary);
  const reason = text(input.reason);
  if (mode === 'summary') {
    if (!summary || summary.length > 10000) p.add('summary', '摘要公开时请填写答复摘要（1 万字以内）。');
    if (!reason || reason.length > 1000) p.add('reason', '摘要公开时请说明不全文公开的理由（1000 字以内）。');
  }
  const on = dateField(p, 'on', '公开日期', input.on);
  if (on && item.replyOn && on < item.replyOn) p.add('on', '公开日期不能早于答复日期。');
  p.done();
  const published = redactContacts(mode === 'summary' ? summary : item.replyText, authorPhones(item));
  await ctx.db.transaction(async (tx) => {
    await tx.update(propItems).set({ state: to, publishMode: mode!, summaryReason: mode === 'summary' ? reason : '', publishedText: published, publishedOn: on })
      .where(and(eq(propItems.id, id), eq(propItems.state, item.state)));
    await recordAudit(tx, auditActor(actor), { action: 'proposals.published', targetType: 'prop_item', targetId: id, before: { state: item.state }, after: { state: to, mode, on, reason: mode === 'summary' ? reason : undefined } });
    await indexProposal(tx, id);
  });
  return published;
}

/** The date by which a replied item must be public (reply + N working days on the official calendar). */
export async function publishDueOn(db: Parameters<typeof loadCalendar>[0], replyOn: string): Promise<string> {
  const [cal, s] = await Promise.all([loadCalendar(db), getPropSettings(db)]);
  return addWorkdays(cal, replyOn, s.publishWorkdays);
}

export type StaffItem = ItemRow & { hostName: string; coHandlers: { agencyId: number; agencyName: string; viewOn: string | null; viewText: string }[] };

/** One item with its co-handlers and follow-ups, for whoever may read it (contacts included: staff only). */
export async function getProposal(ctx: Ctx, id: number): Promise<StaffItem & { followUps: (typeof propFollowUps.$inferSelect)[]; mayAct: boolean }> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const a = await access(ctx.db, actor, id);
  const [withCo] = await withCoHandlers(ctx.db, [a.item]);
  const followUps = await ctx.db.select().from(propFollowUps).where(eq(propFollowUps.itemId, id)).orderBy(asc(propFollowUps.on), asc(propFollowUps.id));
  return { ...withCo!, followUps, mayAct: a.host || a.office };
}

async function withCoHandlers(db: Exec, rows: ItemRow[]): Promise<StaffItem[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const co = await db.select({ itemId: propCoHandlers.itemId, agencyId: propCoHandlers.agencyId, agencyName: agencies.name, viewOn: propCoHandlers.viewOn, viewText: propCoHandlers.viewText })
    .from(propCoHandlers).innerJoin(agencies, eq(agencies.id, propCoHandlers.agencyId)).where(inArray(propCoHandlers.itemId, ids)).orderBy(asc(propCoHandlers.id));
  const names = await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, [...new Set(rows.map((r) => r.hostAgencyId))]));
  return rows.map((r) => ({ ...r, hostName: names.find((n) => n.id === r.hostAgencyId)?.name ?? '', coHandlers: co.filter((c) => c.itemId === r.id).map(({ itemId: _, ...c }) => c) }));
}

/**
 * The items a person works on: the office's government's (all), a unit's own as host or
 * co-handler. Refuses roles without staff access.
 */
export async function staffProposals(ctx: Ctx): Promise<StaffItem[]> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const office = hasRole(actor, 'office') || hasRole(actor, 'admin');
  const coIds = (await ctx.db.select({ itemId: propCoHandlers.itemId }).from(propCoHandlers).where(eq(propCoHandlers.agencyId, actor.agencyId))).map((r) => r.itemId);
  const mine = await ctx.db.select().from(propItems)
    .where(or(office ? eq(propItems.govId, actor.placement.govId) : undefined, eq(propItems.hostAgencyId, actor.agencyId), coIds.length ? inArray(propItems.id, coIds) : undefined))
    .orderBy(asc(propItems.assignedOn), asc(propItems.id));
  return withCoHandlers(ctx.db, mine);
}

/** What the public sees of a published item: no phone, no contact field, no unpublished reply. */
export type PublicProposal = {
  id: number; kind: ProposalKind; kindLabel: string; session: string; number: string; title: string;
  leadAuthorName: string; coAuthorNames: string[]; hostName: string; assignedOn: string; replyOn: string | null;
  replyClass: string | null; replyClassLabel: string; satisfactionLabel: string; mode: PublishMode; text: string; publishedOn: string;
};

/** The 建议提案办理 column of a government's site: published items only, newest first. */
export async function publicProposals(db: Exec, govId: number | null, opts: { kind?: ProposalKind } = {}): Promise<PublicProposal[]> {
  const rows = await db.select({ item: propItems, hostName: agencies.name }).from(propItems).innerJoin(agencies, eq(agencies.id, propItems.hostAgencyId))
    .where(and(govId == null ? undefined : eq(propItems.govId, govId), eq(propItems.state, 'published'), isNotNull(propItems.publishedOn), opts.kind ? eq(propItems.kind, opts.kind) : undefined))
    .orderBy(desc(propItems.publishedOn), desc(propItems.id));
  const s = await getPropSettings(db);
  return rows.map(({ item: r, hostName }) => ({
    id: r.id, kind: r.kind, kindLabel: KIND_LABELS[r.kind], session: r.session, number: r.number, title: r.title,
    leadAuthorName: r.leadAuthor.name, coAuthorNames: r.coAuthors.map((a) => a.name), hostName, assignedOn: r.assignedOn, replyOn: r.replyOn,
    replyClass: r.replyClass, replyClassLabel: s.classes.find((c) => c.code === r.replyClass)?.label ?? '', satisfactionLabel: r.satisfaction ? SATISFACTION_LABELS[r.satisfaction] : '',
    mode: r.publishMode!, text: r.publishedText, publishedOn: r.publishedOn!,
  }));
}
