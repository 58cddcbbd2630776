// Meetings (听证会 · 座谈会) of a consultation: drafted by the staff who run the consultation, then
// announced (the announcement, the call for participants with its selection rule, the
// registration window and capacity are public from then on).
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import type { DocumentPanel } from '../../core/module.js';
import { KIND_LABELS } from './labels.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, FieldProblems, invalid, notFound } from '../../core/errors.js';
import { forRunning, parseLocalDateTime, staffConsultations } from '../participation/consultations.js';
import { hearMeetings, MEETING_KINDS, PARTICIPANT_CATEGORIES, SELECTION_RULES, type MeetingKind, type ParticipantCategory, type SelectionRule } from './schema.js';
import { meetingForRunning, STAFF_ROLES, type MeetingRow } from './policy.js';

export const MAX_TITLE = 200;
export const MAX_PLACE = 200;
export const MAX_ANNOUNCEMENT = 50_000;
export const MAX_RULE_TEXT = 5000;
export const MAX_CAPACITY = 10_000;

export type MeetingInput = {
  kind: MeetingKind; title: string; startsAt: Date; place: string; announcement: string; rule: SelectionRule; ruleText: string;
  regOpensAt: Date; regClosesAt: Date; capacity: number; seats: number; categories: ParticipantCategory[];
};

/** Reads the meeting form; every problem at once, by field. */
export function parseMeeting(raw: Record<string, string | string[] | undefined>): MeetingInput {
  const p = new FieldProblems();
  const str = (k: string) => { const v = raw[k]; return (Array.isArray(v) ? v.at(-1) : v) ?? ''; };
  const kind = str('kind') as MeetingKind;
  if (!MEETING_KINDS.includes(kind)) p.add('kind', '请选择会议类型（听证会或座谈会）。');
  const title = str('title').trim();
  if (!title) p.add('title', '请填写会议名称。');
  else if (title.length > MAX_TITLE) p.add('title', `会议名称不超过 ${MAX_TITLE} 个字符。`);
  const place = str('place').trim();
  if (!place) p.add('place', '请填写会议地点。');
  else if (place.length > MAX_PLACE) p.add('place', `会议地点不超过 ${MAX_PLACE} 个字符。`);
  const announcement = str('announcement').replace(/\r\n/g, '\n');
  if (!announcement.trim()) p.add('announcement', '请填写会议公告。');
  else if (announcement.length > MAX_ANNOUNCEMENT) p.add('announcement', `会议公告不超过 ${MAX_ANNOUNCEMENT} 个字符。`);
  const rule = str('rule') as SelectionRule;
  if (!SELECTION_RULES.includes(rule)) p.add('rule', '请选择参加人的遴选方式。');
  const ruleText = str('ruleText').replace(/\r\n/g, '\n').trim();
  if (ruleText.length > MAX_RULE_TEXT) p.add('ruleText', `遴选办法说明不超过 ${MAX_RULE_TEXT} 个字符。`);
  if (rule && rule !== 'first_come' && !ruleText) p.add('ruleText', '随机抽选或按类别遴选的，请说明遴选办法（将向社会公开）。');
  const dt = (k: string, label: string) => { const d = parseLocalDateTime(str(k)); if (!d) p.add(k, `${label}格式不正确，应为“年-月-日 时:分”。`); return d; };
  const startsAt = dt('startsAt', '会议时间');
  const regOpensAt = dt('regOpensAt', '报名开始时间');
  const regClosesAt = dt('regClosesAt', '报名截止时间');
  if (regOpensAt && regClosesAt && regClosesAt <= regOpensAt) p.add('regClosesAt', '报名截止时间应晚于报名开始时间。');
  if (regClosesAt && startsAt && regClosesAt > startsAt) p.add('regClosesAt', '报名应在会议开始前截止。');
  const num = (k: string, label: string) => { const s = str(k).trim(); if (!/^\d{1,6}$/.test(s) || Number(s) < 1 || Number(s) > MAX_CAPACITY) { p.add(k, `${label}应为 1 至 ${MAX_CAPACITY} 之间的整数。`); return 0; } return Number(s); };
  const capacity = num('capacity', '报名名额');
  const seats = rule === 'first_come' ? capacity : num('seats', '参加人数');
  if (capacity && seats > capacity) p.add('seats', '参加人数不能多于报名名额。');
  const c = raw.categories;
  const categories = PARTICIPANT_CATEGORIES.filter((x) => (Array.isArray(c) ? c : c ? [c] : []).includes(x));
  if (!categories.length) p.add('categories', '请至少选择一类参加人。');
  p.done();
  return { kind, title, startsAt: startsAt!, place, announcement, rule, ruleText, regOpensAt: regOpensAt!, regClosesAt: regClosesAt!, capacity, seats, categories };
}

/** A new meeting of a consultation the person runs (a draft until announced). */
export async function createMeeting(ctx: Ctx, consultationId: number, raw: Record<string, string | string[] | undefined>): Promise<number> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const v = parseMeeting(raw);
  return ctx.db.transaction(async (tx) => {
    const c = await forRunning(tx, actor, consultationId);
    if (c.state === 'draft' || c.state === 'finished') throw conflict('not_running', c.state === 'draft' ? '征求意见发布后才能安排听证会、座谈会。' : '该征求意见已办结，不能再安排会议。');
    const [row] = await tx.insert(hearMeetings).values({ ...v, consultationId, agencyId: c.agencyId, govId: c.govId, createdBy: actor.userId }).returning({ id: hearMeetings.id });
    await recordAudit(tx, auditActor(actor), { action: 'hearing.created', targetType: 'hear_meeting', targetId: row!.id, after: { consultationId, kind: v.kind, title: v.title } });
    return row!.id;
  });
}

/** Changes a meeting. Once announced the capacity cannot fall below the registrations already taken. */
export async function updateMeeting(ctx: Ctx, id: number, raw: Record<string, string | string[] | undefined>, taken: (tx: Exec) => Promise<number>): Promise<void> {
  const v = parseMeeting(raw);
  await ctx.db.transaction(async (tx) => {
    const { actor, m } = await meetingForRunning(tx, ctx.actor, id, true);
    if (m.minutesAt) throw conflict('held', '会议已经召开并录入笔录，会议信息不能再修改。');
    const n = await taken(tx);
    if (v.capacity < n) throw invalid(`已有 ${n} 人报名，报名名额不能少于 ${n}。`, { fields: { capacity: `已有 ${n} 人报名。` } });
    await tx.update(hearMeetings).set(v).where(eq(hearMeetings.id, id));
    await recordAudit(tx, auditActor(actor), { action: 'hearing.updated', targetType: 'hear_meeting', targetId: id, before: { title: m.title, startsAt: m.startsAt, capacity: m.capacity }, after: { title: v.title, startsAt: v.startsAt, capacity: v.capacity } });
  });
}

/** Makes the announcement public; registration then runs by its window. */
export async function announceMeeting(ctx: Ctx, id: number, now = new Date()): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, m } = await meetingForRunning(tx, ctx.actor, id, true);
    if (m.state !== 'draft') throw conflict('already_announced', '会议公告已经发布。');
    if (m.regClosesAt <= now) throw invalid('报名截止时间已过，请修改后再发布公告。');
    await tx.update(hearMeetings).set({ state: 'announced', announcedAt: now }).where(eq(hearMeetings.id, id));
    await recordAudit(tx, auditActor(actor), { action: 'hearing.announced', targetType: 'hear_meeting', targetId: id, after: { startsAt: m.startsAt, capacity: m.capacity, rule: m.rule } });
  });
}

export const MAX_CANCEL_REASON = 1000;

/**
 * Cancels an announced meeting that has not been held, with the reason the public reads on its
 * page; registration stops at once and the registrations are kept as they were.
 */
export async function cancelMeeting(ctx: Ctx, id: number, rawReason: string, now = new Date()): Promise<void> {
  const reason = rawReason.trim();
  if (!reason) throw invalid('请填写取消会议的原因，公开页面将予以说明。', { fields: { cancelReason: '请填写取消原因。' } });
  if (reason.length > MAX_CANCEL_REASON) throw invalid(`取消原因不超过 ${MAX_CANCEL_REASON} 个字，本次 ${reason.length} 个字。`, { fields: { cancelReason: `不超过 ${MAX_CANCEL_REASON} 个字。` } });
  await ctx.db.transaction(async (tx) => {
    const { actor, m } = await meetingForRunning(tx, ctx.actor, id, true);
    if (m.state !== 'announced') throw conflict('not_announced', m.state === 'cancelled' ? '该会议已经取消。' : '会议公告尚未发布，无需取消，可直接修改。');
    if (m.startsAt <= now || m.minutesAt) throw conflict('held', '会议已经召开，不能取消。');
    await tx.update(hearMeetings).set({ state: 'cancelled', cancelledAt: now, cancelReason: reason }).where(eq(hearMeetings.id, id));
    await recordAudit(tx, auditActor(actor), { action: 'hearing.cancelled', targetType: 'hear_meeting', targetId: id, before: { state: m.state }, after: { state: 'cancelled', reason } });
  });
}

/** The meetings of the consultations this person may see on the staff side. */
export async function staffMeetings(ctx: Ctx): Promise<(MeetingRow & { consultationTitle: string })[]> {
  const cs = await staffConsultations(ctx);
  if (!cs.length) return [];
  const titles = new Map(cs.map((c) => [c.id, c.title]));
  const rows = await ctx.db.select().from(hearMeetings).where(inArray(hearMeetings.consultationId, [...titles.keys()])).orderBy(desc(hearMeetings.startsAt)).limit(500);
  return rows.map((m) => ({ ...m, consultationTitle: titles.get(m.consultationId) ?? '' }));
}

/** The meetings of a consultation as staff list them on it. */
export const meetingsOfConsultation = (db: Exec, consultationId: number) => db.select().from(hearMeetings).where(eq(hearMeetings.consultationId, consultationId)).orderBy(asc(hearMeetings.startsAt));

/** The consultation page's box: its announced (and cancelled) meetings, linked to their pages. */
export async function consultationMeetingsPanel(db: Db, consultationId: number): Promise<DocumentPanel | null> {
  const rows = (await meetingsOfConsultation(db, consultationId)).filter((m) => m.state !== 'draft');
  if (!rows.length) return null;
  const at = (d: Date) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return {
    title: '听证会 · 座谈会',
    links: rows.map((m) => ({ href: `/tingzheng/${m.id}`, label: m.title, note: `${KIND_LABELS[m.kind]} · ${at(m.startsAt)}${m.state === 'cancelled' ? ' · 已取消' : ''}` })),
  };
}

/** A site's announced meetings, the coming ones first. */
export async function publicMeetings(db: Db, govId: number | null) {
  return db.select().from(hearMeetings).where(and(ne(hearMeetings.state, 'draft'), govId == null ? undefined : eq(hearMeetings.govId, govId))).orderBy(desc(hearMeetings.startsAt)).limit(200);
}

/** An announced meeting as the public sees it: only on its own government's site. */
export async function publicMeeting(db: Exec, id: number, govId: number | null): Promise<MeetingRow> {
  const [m] = await db.select().from(hearMeetings).where(eq(hearMeetings.id, id));
  if (!m || m.state === 'draft' || (govId != null && m.govId !== govId)) throw notFound('会议');
  return m;
}
