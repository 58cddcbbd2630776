// Consultations (征求意见): drafted by an agency's staff, published with a period no shorter than
// the minimum for the kind (or a reason for a shorter one, shown publicly), opened and closed at
// their times by the scheduler on any number of instances.
import { and, desc, eq, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { requireRole, type Actor } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, FieldProblems, invalid, notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { agencyInReach, isOfficeLike, placementColumns, type AgencyPlace } from '../../core/org/scope.js';
import { addDays, isIsoDate, toShanghaiDate } from '../../core/calendar/dates.js';
import { workdaysBetween } from '../../core/calendar/calendar.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { markFilesPublic, storeFile, type StoreInput } from '../../core/files/index.js';
import { CONSULTATION_KINDS, METHODS, partConsultations, partMatters, type ConsultationKind, type Method } from './schema.js';
import { KIND_LABELS } from './labels.js';
import { getSettings, type PartSettings } from './settings.js';
import { reads, refusal, runs, STAFF_ROLES } from './policy.js';

export type ConsultationRow = typeof partConsultations.$inferSelect;

export const MAX_TITLE = 200;
export const MAX_DRAFT = 200_000;
export const MAX_EXPLANATION = 50_000;
export const MAX_REASON = 2000;
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** A local date-time as typed in a datetime-local box ('2026-12-03T09:00'), in Beijing time. */
export function parseLocalDateTime(s: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(s.trim());
  if (!m || !isIsoDate(m[1]) || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  const d = new Date(`${m[1]}T${m[2]}:${m[3]}:00+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}
/** The reverse, for a form's value. */
export function localDateTime(d: Date): string {
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${s.slice(0, 10)}T${s.slice(11, 16)}`;
}

export type ConsultationInput = {
  title: string; kind: ConsultationKind; draftText: string; explanation: string; methods: Method[];
  startsAt: Date; endsAt: Date; shortReason: string; matterId: number | null; documentId: number | null;
};

/** Reads the form; every problem is reported at once, by field. */
export function parseConsultation(raw: Record<string, string | string[] | undefined>): ConsultationInput {
  const p = new FieldProblems();
  const str = (k: string) => { const v = raw[k]; return (Array.isArray(v) ? v.at(-1) : v) ?? ''; };
  const title = str('title').trim();
  if (!title) p.add('title', '请填写征求意见的标题。');
  else if (title.length > MAX_TITLE) p.add('title', `标题不超过 ${MAX_TITLE} 个字符。`);
  const kind = str('kind') as ConsultationKind;
  if (!CONSULTATION_KINDS.includes(kind)) p.add('kind', '请选择草案类别。');
  const draftText = str('draftText').replace(/\r\n/g, '\n');
  if (!draftText.trim()) p.add('draftText', '请填写草案文本。');
  else if (draftText.length > MAX_DRAFT) p.add('draftText', `草案文本不超过 ${MAX_DRAFT} 个字符。`);
  const explanation = str('explanation').replace(/\r\n/g, '\n');
  if (explanation.length > MAX_EXPLANATION) p.add('explanation', `起草说明不超过 ${MAX_EXPLANATION} 个字符。`);
  const m = raw.methods;
  const methods = [...new Set((Array.isArray(m) ? m : m ? [m] : []).filter((x): x is Method => METHODS.includes(x as Method)))];
  if (!methods.length) p.add('methods', '请至少选择一种征求意见方式。');
  const startsAt = parseLocalDateTime(str('startsAt'));
  const endsAt = parseLocalDateTime(str('endsAt'));
  if (!startsAt) p.add('startsAt', '开始时间格式不正确，应为“年-月-日 时:分”。');
  if (!endsAt) p.add('endsAt', '截止时间格式不正确，应为“年-月-日 时:分”。');
  if (startsAt && endsAt && endsAt <= startsAt) p.add('endsAt', '截止时间应晚于开始时间。');
  const shortReason = str('shortReason').trim();
  if (shortReason.length > MAX_REASON) p.add('shortReason', `理由不超过 ${MAX_REASON} 个字符。`);
  const ref = (k: string) => { const s = str(k).trim(); return /^[1-9]\d{0,8}$/.test(s) ? Number(s) : null; };
  p.done();
  return { title, kind, draftText, explanation, methods, startsAt: startsAt!, endsAt: endsAt!, shortReason, matterId: ref('matterId'), documentId: ref('documentId') };
}

export type PeriodCheck = { ok: boolean; minimum: string; actual: string };

/**
 * Whether the period is at least the minimum for the kind: calendar days for 重大行政决策 and
 * 规章 (30 by default), working days on the official calendar for 行政规范性文件 (7 by default,
 * the start and end days included). Other consultations have no minimum.
 */
export async function checkPeriod(db: Exec, s: PartSettings, kind: ConsultationKind, startsAt: Date, endsAt: Date): Promise<PeriodCheck> {
  const days = (endsAt.getTime() - startsAt.getTime()) / 86_400_000;
  const shown = `${Math.floor(days)} 天`;
  if (kind === 'major_decision' || kind === 'rule') {
    const min = kind === 'rule' ? s.ruleDays : s.majorDecisionDays;
    return { ok: days >= min, minimum: `${min} 日`, actual: shown };
  }
  if (kind === 'normative') {
    const cal = await loadCalendar(db as Db);
    const a = toShanghaiDate(startsAt);
    const b = toShanghaiDate(endsAt);
    const n = workdaysBetween(cal, addDays(a, -1), b);
    return { ok: n >= s.normativeWorkdays, minimum: `${s.normativeWorkdays} 个工作日`, actual: `${n} 个工作日` };
  }
  return { ok: true, minimum: '', actual: shown };
}

/** The period rule for a consultation about to be published: short only with a reason. */
async function requirePeriod(db: Exec, v: Pick<ConsultationRow, 'kind' | 'startsAt' | 'endsAt' | 'shortReason'>): Promise<void> {
  const c = await checkPeriod(db, await getSettings(db), v.kind, v.startsAt, v.endsAt);
  if (!c.ok && !v.shortReason.trim()) {
    const msg = `${KIND_LABELS[v.kind]}征求意见的期限一般不少于 ${c.minimum}，本次为 ${c.actual}。确需缩短的，请在“期限缩短的理由”中说明理由（将向社会公开）。`;
    throw invalid(msg, { fields: { shortReason: msg } });
  }
}

export const placeOf = async (db: Exec, agencyId: number): Promise<AgencyPlace> => {
  const [p] = await db.select(placementColumns).from(agencies).where(eq(agencies.id, agencyId));
  if (!p) throw notFound('机构');
  return p;
};

export async function loadConsultation(db: Exec, id: number): Promise<ConsultationRow> {
  const [c] = await db.select().from(partConsultations).where(eq(partConsultations.id, id));
  if (!c) throw notFound('征求意见');
  return c;
}

/** The consultation, for a person who may run it (others are refused as read-only, or as not found). */
export async function forRunning(db: Exec, actor: Actor, id: number, lock = false): Promise<ConsultationRow> {
  const c = lock ? (await db.select().from(partConsultations).where(eq(partConsultations.id, id)).for('update'))[0] : await loadConsultation(db, id).catch(() => undefined);
  if (!c) throw notFound('征求意见');
  const place = await placeOf(db, c.agencyId);
  if (!runs(actor, c, place)) throw refusal(actor, c, place);
  return c;
}

export async function forReading(db: Exec, actor: Actor, id: number): Promise<{ c: ConsultationRow; place: AgencyPlace; mayRun: boolean }> {
  const c = await loadConsultation(db, id);
  const place = await placeOf(db, c.agencyId);
  if (!reads(actor, c, place)) throw notFound('征求意见');
  return { c, place, mayRun: runs(actor, c, place) };
}

async function checkMatter(db: Exec, govId: number, matterId: number | null): Promise<void> {
  if (matterId == null) return;
  const [m] = await db.select({ govId: partMatters.govId }).from(partMatters).where(eq(partMatters.id, matterId));
  if (!m || m.govId !== govId) throw invalid('所选决策事项不在本级政府的目录中。', { fields: { matterId: '所选决策事项不在本级政府的目录中。' } });
}

/** A new consultation, a draft of the person's agency until published. */
export async function createConsultation(ctx: Ctx, raw: Record<string, string | string[] | undefined>): Promise<number> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office');
  const v = parseConsultation(raw);
  const place = await placeOf(ctx.db, actor.agencyId);
  const govId = place.govId ?? actor.placement.govId;
  await checkMatter(ctx.db, govId, v.matterId);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(partConsultations).values({ ...v, agencyId: actor.agencyId, govId, state: 'draft', createdBy: actor.userId }).returning({ id: partConsultations.id });
    await recordAudit(tx, auditActor(actor), { action: 'participation.created', targetType: 'part_consultation', targetId: row!.id, after: { title: v.title, kind: v.kind } });
    return row!.id;
  });
}

/** Changes a consultation not yet open; once open its draft and period stand (the public read them). */
export async function updateConsultation(ctx: Ctx, id: number, raw: Record<string, string | string[] | undefined>): Promise<void> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'admin');
  const v = parseConsultation(raw);
  await ctx.db.transaction(async (tx) => {
    const c = await forRunning(tx, actor, id, true);
    if (c.state !== 'draft' && c.state !== 'scheduled') throw conflict('not_editable', '征求意见已经开始，草案和期限不能再修改。');
    await checkMatter(tx, c.govId, v.matterId);
    if (c.state === 'scheduled') await requirePeriod(tx, v);
    await tx.update(partConsultations).set(v).where(eq(partConsultations.id, id));
    await recordAudit(tx, auditActor(actor), { action: 'participation.updated', targetType: 'part_consultation', targetId: id, before: { title: c.title, startsAt: c.startsAt, endsAt: c.endsAt }, after: { title: v.title, startsAt: v.startsAt, endsAt: v.endsAt } });
  });
}

/** Links the document finally published from the draft (information module). */
export async function linkDocument(ctx: Ctx, id: number, documentId: number | null): Promise<void> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  await ctx.db.transaction(async (tx) => {
    const c = await forRunning(tx, actor, id, true);
    await tx.update(partConsultations).set({ documentId }).where(eq(partConsultations.id, id));
    await recordAudit(tx, auditActor(actor), { action: 'participation.document_linked', targetType: 'part_consultation', targetId: id, before: { documentId: c.documentId }, after: { documentId } });
  });
}

export const MAX_ATTACHMENTS = 10;

export async function addAttachment(ctx: Ctx, id: number, file: StoreInput): Promise<void> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'admin');
  const c = await forRunning(ctx.db, actor, id);
  if (c.state !== 'draft' && c.state !== 'scheduled') throw conflict('not_editable', '征求意见已经开始，附件不能再修改。');
  if (c.attachments.length >= MAX_ATTACHMENTS) throw invalid(`附件最多 ${MAX_ATTACHMENTS} 个。`);
  const stored = await storeFile(ctx, file, { maxBytes: MAX_ATTACHMENT_BYTES });
  await ctx.db.transaction(async (tx) => {
    const locked = await forRunning(tx, actor, id, true);
    const name = file.filename.slice(0, 200);
    await tx.update(partConsultations).set({ attachments: [...locked.attachments, { fileId: stored.id, name }] }).where(eq(partConsultations.id, id));
    if (locked.state !== 'draft') await markFilesPublic(tx, [stored.id]);
    await recordAudit(tx, auditActor(actor), { action: 'participation.attachment_added', targetType: 'part_consultation', targetId: id, after: { fileId: stored.id, name } });
  });
}

export async function removeAttachment(ctx: Ctx, id: number, fileId: number): Promise<void> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'admin');
  await ctx.db.transaction(async (tx) => {
    const c = await forRunning(tx, actor, id, true);
    if (c.state !== 'draft' && c.state !== 'scheduled') throw conflict('not_editable', '征求意见已经开始，附件不能再修改。');
    await tx.update(partConsultations).set({ attachments: c.attachments.filter((a) => a.fileId !== fileId) }).where(eq(partConsultations.id, id));
    await recordAudit(tx, auditActor(actor), { action: 'participation.attachment_removed', targetType: 'part_consultation', targetId: id, before: { fileId } });
  });
}

/**
 * Publishes a draft: the period is checked against the minimum for its kind, the attachments
 * become public, and it waits for its start (or opens now when the start has come).
 */
export async function publishConsultation(ctx: Ctx, id: number, now = new Date()): Promise<ConsultationRow['state']> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'admin');
  return ctx.db.transaction(async (tx) => {
    const c = await forRunning(tx, actor, id, true);
    if (c.state !== 'draft') throw conflict('already_published', '该征求意见已经发布。');
    if (c.endsAt <= now) throw invalid('截止时间已过，请修改征求意见期限后再发布。', { fields: { endsAt: '截止时间已过。' } });
    await requirePeriod(tx, c);
    const state = c.startsAt <= now ? 'open' : 'scheduled';
    await tx.update(partConsultations).set({ state, openedAt: state === 'open' ? now : null }).where(eq(partConsultations.id, id));
    if (c.attachments.length) await markFilesPublic(tx, c.attachments.map((a) => a.fileId));
    await recordAudit(tx, auditActor(actor), { action: 'participation.published', targetType: 'part_consultation', targetId: id, after: { state, startsAt: c.startsAt, endsAt: c.endsAt, shortReason: c.shortReason } });
    return state;
  });
}

/**
 * The scheduler's step: opens the consultations whose start has come and closes those whose end
 * has passed. Each is one conditional UPDATE, so instances running it at once each move a row
 * at most once, and the one whose UPDATE matched records it.
 */
export async function runSchedule(db: Db, now = new Date()): Promise<{ opened: number[]; closed: number[] }> {
  const opened = await db.update(partConsultations).set({ state: 'open', openedAt: now })
    .where(and(eq(partConsultations.state, 'scheduled'), lte(partConsultations.startsAt, now))).returning({ id: partConsultations.id });
  const closed = await db.update(partConsultations).set({ state: 'closed', closedAt: now })
    .where(and(inArray(partConsultations.state, ['open', 'scheduled']), lte(partConsultations.endsAt, now))).returning({ id: partConsultations.id });
  for (const r of opened) await recordAudit(db, auditActor(null), { action: 'participation.opened', targetType: 'part_consultation', targetId: r.id });
  for (const r of closed) await recordAudit(db, auditActor(null), { action: 'participation.closed', targetType: 'part_consultation', targetId: r.id });
  return { opened: opened.map((r) => r.id), closed: closed.map((r) => r.id) };
}

/** The consultations a staff list shows: the agency's own, and for the office everything within reach. */
export async function staffConsultations(ctx: Ctx): Promise<(ConsultationRow & { agencyName: string })[]> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const where: SQL = isOfficeLike(actor) ? or(eq(partConsultations.agencyId, actor.agencyId), agencyInReach(partConsultations.agencyId, actor))! : eq(partConsultations.agencyId, actor.agencyId);
  const rows = await ctx.db.select({ c: partConsultations, agencyName: agencies.name }).from(partConsultations).innerJoin(agencies, eq(agencies.id, partConsultations.agencyId))
    .where(isOfficeLike(actor) ? sql`(${where}) and (${partConsultations.state} <> 'draft' or ${partConsultations.agencyId} = ${actor.agencyId} or ${agencies.govId} = ${actor.placement.govId})` : where)
    .orderBy(desc(partConsultations.id)).limit(500);
  return rows.map((r) => ({ ...r.c, agencyName: r.agencyName }));
}
