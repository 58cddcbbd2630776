// 政府开放日: events with sessions, registration (first-come with a waiting list, or selection
// with a published list of masked names), cancellation by code + key, and opinions after the
// visit assigned to a unit with a working-day due date. Every staff function checks the actor's
// role and government first; ID numbers are kept masked only (plus a keyed hash for duplicates).
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { and, asc, count, eq, inArray, isNotNull, lt, ne } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { recordAudit } from '../../core/audit/service.js';
import { requireRole, type Actor } from '../../core/auth/actor.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { AppError, conflict, FieldProblems, invalid, notFound } from '../../core/errors.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { addWorkdays } from '../../core/calendar/calendar.js';
import { toShanghaiDate } from '../../core/calendar/dates.js';
import { agencies } from '../../core/org/schema.js';
import { odEvents, odOpinions, odRegistrations, odSessions, odSettings, type OpendayMode, type RegState } from './schema.js';
import { hasUnreadable } from '../../core/text/normalise.js';

export type EventRow = typeof odEvents.$inferSelect;
export type SessionRow = typeof odSessions.$inferSelect;
export const STAFF_ROLES = ['editor', 'reviewer', 'office', 'admin'] as const;
export const MAX_NAME = 50;
export const MAX_TEXT = 5000;
export const MAX_OPINION = 2000;

export type PublicCtx = { db: Db; key: Buffer };
const keyed = (key: Buffer, kind: string, v: string) => createHmac('sha256', key).update(`od:${kind}:${v}`).digest('base64url').slice(0, 32);
const ALPHA = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const rnd = (n: number) => [...randomBytes(n)].map((x) => ALPHA[x % 32]).join('');

/** 1101**********0038: the first four and last four characters of an ID number, nothing else. */
export const maskId = (id: string): string => id.slice(0, 4) + '*'.repeat(Math.max(0, id.length - 8)) + id.slice(-4);
/** 张*、欧阳** : the family name's first character, the rest hidden (the published list). */
export const maskName = (name: string): string => { const c = [...name]; return c.length <= 1 ? '*' : c[0] + '*'.repeat(c.length - 1); };
/** NUL and other control characters (PostgreSQL refuses NUL in text): refused with a message. */
const ID_RE = /^\d{17}[\dXx]$/;

/** The event, for staff of its government (another government's staff: not found). */
async function eventFor(db: Exec, actor: Actor | null, id: number, lock = false): Promise<{ actor: Actor; e: EventRow }> {
  const a = requireRole(actor, ...STAFF_ROLES);
  const q = db.select().from(odEvents).where(eq(odEvents.id, id));
  const [e] = lock ? await q.for('update') : await q;
  if (!e || e.govId !== a.placement.govId) throw notFound('开放日活动');
  return { actor: a, e };
}

export type EventInput = { theme: string; agencyId?: number; description?: string; eligibility?: string; mode: OpendayMode; regOpensAt: Date; regClosesAt: Date; sessions: { startsAt: Date; place: string; capacity: number }[] };

export async function createEvent(ctx: Ctx, input: EventInput): Promise<number> {
  const a = requireRole(ctx.actor, ...STAFF_ROLES);
  const p = new FieldProblems();
  const theme = (input.theme ?? '').trim();
  if (!theme) p.add('theme', '请填写活动主题。');
  else if (theme.length > 200) p.add('theme', '活动主题不超过 200 个字。');
  if (!['first_come', 'selection'].includes(input.mode)) p.add('mode', '请选择报名方式。');
  if (!(input.regOpensAt < input.regClosesAt)) p.add('regClosesAt', '报名截止时间应晚于开始时间。');
  if (!input.sessions.length) p.add('sessions', '请至少安排一个场次。');
  for (const s of input.sessions) if (!(s.capacity > 0 && s.capacity <= 10000) || !s.place.trim()) p.add('sessions', '每个场次须有地点和 1–10000 的名额。');
  p.done();
  return ctx.db.transaction(async (tx) => {
    const [e] = await tx.insert(odEvents).values({ govId: a.placement.govId, agencyId: input.agencyId ?? a.agencyId, theme, description: input.description ?? '', eligibility: input.eligibility ?? '', mode: input.mode, regOpensAt: input.regOpensAt, regClosesAt: input.regClosesAt, createdBy: a.userId }).returning();
    await tx.insert(odSessions).values(input.sessions.map((s) => ({ eventId: e!.id, startsAt: s.startsAt, place: s.place.trim(), capacity: s.capacity })));
    await recordAudit(tx, auditActor(a), { action: 'openday.created', targetType: 'od_event', targetId: e!.id, after: { theme } });
    return e!.id;
  });
}

export async function announceEvent(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, e } = await eventFor(tx, ctx.actor, id, true);
    if (e.state !== 'draft') throw conflict('not_draft', '只有草稿状态的活动可以发布。');
    await tx.update(odEvents).set({ state: 'announced' }).where(eq(odEvents.id, id));
    await recordAudit(tx, auditActor(actor), { action: 'openday.announced', targetType: 'od_event', targetId: id });
  });
}

/** Staff cancel the event; the reason is shown publicly. */
export async function cancelEvent(ctx: Ctx, id: number, reason: string, now = new Date()): Promise<void> {
  const r = (reason ?? '').trim();
  if (!r || r.length > 500) throw invalid('请填写取消原因（不超过 500 字），原因将向社会公开。');
  await ctx.db.transaction(async (tx) => {
    const { actor, e } = await eventFor(tx, ctx.actor, id, true);
    if (e.state === 'cancelled') throw conflict('cancelled', '该活动已经取消。');
    await tx.update(odEvents).set({ state: 'cancelled', cancelledAt: now, cancelReason: r }).where(eq(odEvents.id, id));
    await recordAudit(tx, auditActor(actor), { action: 'openday.cancelled', targetType: 'od_event', targetId: id, after: { reason: r } });
  });
}

const holding = (s: RegState) => s === 'confirmed' || s === 'selected';
const placesTaken = async (db: Exec, sessionId: number, states: RegState[]) => (await db.select({ n: count() }).from(odRegistrations).where(and(eq(odRegistrations.sessionId, sessionId), inArray(odRegistrations.state, states))))[0]!.n;

/**
 * A registration from the public: refused with a reason, or stored and acknowledged with a query
 * code and a cancellation key (shown once). First-come: within the capacity a place at once,
 * past it the waiting list. Selection: registered, awaiting the choice or draw.
 */
export async function register(pctx: PublicCtx, sessionId: number, raw: Record<string, string>, now = new Date()): Promise<{ code: string; secret: string; state: RegState }> {
  const p = new FieldProblems();
  const name = (raw.name ?? '').trim();
  const phone = (raw.phone ?? '').trim();
  const idNo = (raw.idNumber ?? '').trim().toUpperCase();
  for (const f of ['name', 'phone', 'idNumber'] as const) if (hasUnreadable(raw[f] ?? '')) p.add(f, '内容含有无法识别的控制字符，请重新输入。');
  if (!name) p.add('name', '请填写姓名。');
  else if (name.length > MAX_NAME) p.add('name', `姓名不超过 ${MAX_NAME} 个字。`);
  if (!/^\+?[\d\s\-]{5,30}$/.test(phone)) p.add('phone', '联系电话格式不正确，请填写手机号码或固定电话。');
  if (!ID_RE.test(idNo)) p.add('idNumber', '身份证号码应为 18 位（最后一位可为 X）。');
  const submitKey = (raw.submitKey ?? '').trim();
  const sk = /^[A-Za-z0-9_-]{8,64}$/.test(submitKey) ? `${sessionId}:${submitKey}` : null;
  p.done();
  if (sk) {
    const [first] = await pctx.db.select().from(odRegistrations).where(eq(odRegistrations.submitKey, sk));
    if (first) throw conflict('resubmitted', `该报名已经提交，查询码为 ${first.code}，请勿重复提交。`);
  }
  return pctx.db.transaction(async (tx) => {
    const [s] = await tx.select().from(odSessions).where(eq(odSessions.id, sessionId));
    if (!s) throw notFound('场次');
    const [e] = await tx.select().from(odEvents).where(eq(odEvents.id, s.eventId)).for('update');
    if (!e || e.state === 'draft') throw notFound('开放日活动');
    if (e.state === 'cancelled') throw conflict('cancelled', `该活动已取消：${e.cancelReason}`);
    if (now < e.regOpensAt) throw conflict('not_open', '报名尚未开始。');
    if (now >= e.regClosesAt) throw conflict('closed', '报名已经截止。');
    const idKey = keyed(pctx.key, `id:${e.id}`, idNo);
    const [dup] = await tx.select({ id: odRegistrations.id }).from(odRegistrations).where(and(eq(odRegistrations.eventId, e.id), eq(odRegistrations.idKey, idKey), ne(odRegistrations.state, 'cancelled')));
    if (dup) throw conflict('duplicate', '该身份证号码已经报名本次活动，无需重复报名。');
    let state: RegState = 'registered';
    if (e.mode === 'first_come') state = (await placesTaken(tx, s.id, ['confirmed'])) < s.capacity ? 'confirmed' : 'waiting';
    const secret = rnd(10);
    const code = 'KF-' + rnd(12);
    await tx.insert(odRegistrations).values({ eventId: e.id, sessionId: s.id, code, secretHash: keyed(pctx.key, 'secret', secret), submitKey: sk, name, phone, idMasked: maskId(idNo), idKey, state, submittedAt: now });
    return { code, secret, state };
  });
}

const normCode = (c: string) => (c ?? '').trim().toUpperCase();

/** What the registrant sees under the code (no name, no phone, the masked ID only). */
export async function registrationByCode(db: Db, code: string) {
  const [r] = await db.select({ r: odRegistrations, e: odEvents, s: odSessions }).from(odRegistrations).innerJoin(odEvents, eq(odEvents.id, odRegistrations.eventId)).innerJoin(odSessions, eq(odSessions.id, odRegistrations.sessionId)).where(eq(odRegistrations.code, normCode(code)));
  if (!r) throw new AppError('not_found', 404, '没有找到这个查询码对应的报名，请核对后重新输入。');
  const state = r.e.mode === 'selection' && !r.e.listPublishedAt && r.r.state !== 'cancelled' ? 'registered' : r.r.state;
  return { code: r.r.code, eventId: r.e.id, theme: r.e.theme, startsAt: r.s.startsAt, place: r.s.place, state, idMasked: r.r.idMasked };
}

/** Cancellation by the registrant with code + key; first-come: the next on the waiting list is promoted. */
export async function cancelRegistration(pctx: PublicCtx, code: string, secret: string, now = new Date()): Promise<{ promotedId: number | null }> {
  return pctx.db.transaction(async (tx) => {
    const [r] = await tx.select().from(odRegistrations).where(eq(odRegistrations.code, normCode(code))).for('update');
    const want = Buffer.from(keyed(pctx.key, 'secret', (secret ?? '').trim()));
    if (!r || !timingSafeEqual(want, Buffer.from(r.secretHash.padEnd(want.length).slice(0, want.length)))) throw new AppError('not_found', 404, '查询码或取消密钥不正确。');
    if (r.state === 'cancelled') throw conflict('cancelled', '该报名已经取消。');
    const [s] = await tx.select().from(odSessions).where(eq(odSessions.id, r.sessionId));
    await tx.select().from(odEvents).where(eq(odEvents.id, r.eventId)).for('update');
    if (s && s.startsAt <= now) throw conflict('started', '活动已经开始，不能再取消报名。');
    await tx.update(odRegistrations).set({ state: 'cancelled', cancelledAt: now }).where(eq(odRegistrations.id, r.id));
    let promotedId: number | null = null;
    if (r.state === 'confirmed') {
      const [next] = await tx.select({ id: odRegistrations.id }).from(odRegistrations).where(and(eq(odRegistrations.sessionId, r.sessionId), eq(odRegistrations.state, 'waiting'))).orderBy(asc(odRegistrations.submittedAt), asc(odRegistrations.id)).limit(1);
      if (next) { await tx.update(odRegistrations).set({ state: 'confirmed' }).where(eq(odRegistrations.id, next.id)); promotedId = next.id; }
    }
    return { promotedId };
  });
}

/** Every registration of an event, for staff (with name and phone, masked ID). */
export async function registrationsOf(ctx: Ctx, eventId: number) {
  await eventFor(ctx.db, ctx.actor, eventId);
  return ctx.db.select().from(odRegistrations).where(eq(odRegistrations.eventId, eventId)).orderBy(asc(odRegistrations.submittedAt), asc(odRegistrations.id));
}

/** Selection: draws each session's places at random among the registered, after the window closes. */
export async function drawSelection(ctx: Ctx, eventId: number, now = new Date()): Promise<number[]> {
  return ctx.db.transaction(async (tx) => {
    const { actor, e } = await eventFor(tx, ctx.actor, eventId, true);
    if (e.mode !== 'selection') throw conflict('not_selection', '本次活动不是遴选方式。');
    if (now < e.regClosesAt) throw conflict('still_open', '报名截止后才能抽选。');
    const drawn: number[] = [];
    for (const s of await tx.select().from(odSessions).where(eq(odSessions.eventId, eventId))) {
      const pool = await tx.select({ id: odRegistrations.id }).from(odRegistrations).where(and(eq(odRegistrations.sessionId, s.id), eq(odRegistrations.state, 'registered')));
      const open = Math.max(0, s.capacity - (await placesTaken(tx, s.id, ['selected'])));
      for (let i = pool.length - 1; i > 0; i--) { const j = randomInt(i + 1); [pool[i], pool[j]] = [pool[j]!, pool[i]!]; }
      const win = pool.slice(0, open).map((x) => x.id);
      const rest = pool.slice(open).map((x) => x.id);
      if (win.length) await tx.update(odRegistrations).set({ state: 'selected' }).where(inArray(odRegistrations.id, win));
      if (rest.length) await tx.update(odRegistrations).set({ state: 'not_selected' }).where(inArray(odRegistrations.id, rest));
      drawn.push(...win);
    }
    await recordAudit(tx, auditActor(actor), { action: 'openday.drawn', targetType: 'od_event', targetId: eventId, after: { drawn } });
    return drawn;
  });
}

/** Staff choose (or un-choose) registrants by hand. */
export async function setSelection(ctx: Ctx, eventId: number, ids: number[], selected: boolean): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor } = await eventFor(tx, ctx.actor, eventId, true);
    const rows = await tx.select({ id: odRegistrations.id }).from(odRegistrations).where(and(eq(odRegistrations.eventId, eventId), inArray(odRegistrations.id, ids), ne(odRegistrations.state, 'cancelled')));
    if (!ids.length || rows.length !== new Set(ids).size) throw invalid('所选报名人不属于本次活动。');
    await tx.update(odRegistrations).set({ state: selected ? 'selected' : 'not_selected' }).where(inArray(odRegistrations.id, ids));
    await recordAudit(tx, auditActor(actor), { action: selected ? 'openday.selected' : 'openday.unselected', targetType: 'od_event', targetId: eventId, after: { registrations: ids } });
  });
}

export async function publishList(ctx: Ctx, eventId: number, now = new Date()): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor } = await eventFor(tx, ctx.actor, eventId, true);
    await tx.update(odEvents).set({ listPublishedAt: now }).where(eq(odEvents.id, eventId));
    await recordAudit(tx, auditActor(actor), { action: 'openday.list_published', targetType: 'od_event', targetId: eventId });
  });
}

/** The published list: masked names per session, nothing else; empty until published. */
export async function publishedList(db: Exec, eventId: number): Promise<{ sessionId: number; name: string }[]> {
  const [e] = await db.select().from(odEvents).where(and(eq(odEvents.id, eventId), isNotNull(odEvents.listPublishedAt)));
  if (!e) return [];
  const rows = await db.select({ sessionId: odRegistrations.sessionId, name: odRegistrations.name, state: odRegistrations.state }).from(odRegistrations).where(eq(odRegistrations.eventId, eventId)).orderBy(asc(odRegistrations.sessionId), asc(odRegistrations.submittedAt), asc(odRegistrations.id));
  return rows.filter((r) => holding(r.state)).map((r) => ({ sessionId: r.sessionId, name: maskName(r.name) }));
}

export async function getOdSettings(db: Exec): Promise<{ answerWorkdays: number }> {
  const [s] = await db.select().from(odSettings).where(eq(odSettings.id, 1));
  return { answerWorkdays: s?.answerWorkdays ?? 10 };
}

/** Staff enter an opinion collected at the visit. */
export async function addOpinion(ctx: Ctx, eventId: number, body: string): Promise<number> {
  const b = (body ?? '').trim();
  if (!b || b.length > MAX_OPINION || hasUnreadable(b)) throw invalid(`意见内容必填，且不超过 ${MAX_OPINION} 个字。`);
  return ctx.db.transaction(async (tx) => {
    const { actor } = await eventFor(tx, ctx.actor, eventId);
    const [o] = await tx.insert(odOpinions).values({ eventId, body: b }).returning();
    await recordAudit(tx, auditActor(actor), { action: 'openday.opinion_entered', targetType: 'od_event', targetId: eventId, after: { opinion: o!.id } });
    return o!.id;
  });
}

/** Assigns an opinion to a unit; due after the set working days on the official calendar. */
export async function assignOpinion(ctx: Ctx, opinionId: number, unitId: number, now = new Date()): Promise<string> {
  const [o] = await ctx.db.select().from(odOpinions).where(eq(odOpinions.id, opinionId));
  if (!o) { requireRole(ctx.actor, ...STAFF_ROLES); throw notFound('意见'); }
  await eventFor(ctx.db, ctx.actor, o.eventId);
  // The calendar is read before the transaction (PGlite has one connection).
  const cal = await loadCalendar(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const { actor } = await eventFor(tx, ctx.actor, o.eventId);
    if (o.state === 'answered') throw conflict('answered', '该意见已经答复。');
    // The unit answering must be one of this government's own agencies (not another county's).
    const [unit] = await tx.select({ id: agencies.id }).from(agencies).where(and(eq(agencies.id, unitId), eq(agencies.govId, actor.placement.govId)));
    if (!unit) throw invalid('请选择本级政府所属的承办单位。');
    const dueOn = addWorkdays(cal, toShanghaiDate(now), (await getOdSettings(tx)).answerWorkdays);
    await tx.update(odOpinions).set({ state: 'assigned', unitId, dueOn }).where(eq(odOpinions.id, opinionId));
    await recordAudit(tx, auditActor(actor), { action: 'openday.opinion_assigned', targetType: 'od_event', targetId: o.eventId, after: { opinion: opinionId, unitId, dueOn } });
    return dueOn;
  });
}

export async function answerOpinion(ctx: Ctx, opinionId: number, answer: string, now = new Date()): Promise<void> {
  const t = (answer ?? '').trim();
  if (!t || t.length > MAX_TEXT || hasUnreadable(t)) throw invalid(`答复内容必填，且不超过 ${MAX_TEXT} 个字。`);
  const [o] = await ctx.db.select().from(odOpinions).where(eq(odOpinions.id, opinionId));
  if (!o) { requireRole(ctx.actor, ...STAFF_ROLES); throw notFound('意见'); }
  await ctx.db.transaction(async (tx) => {
    const { actor } = await eventFor(tx, ctx.actor, o.eventId);
    await tx.update(odOpinions).set({ state: 'answered', answer: t, answeredAt: now }).where(eq(odOpinions.id, opinionId));
    await recordAudit(tx, auditActor(actor), { action: 'openday.opinion_answered', targetType: 'od_event', targetId: o.eventId, after: { opinion: opinionId } });
  });
}

/** Assigned opinions past their due date, in the actor's government (the worklist). */
export async function overdueOpinions(ctx: Ctx, today: string) {
  const a = requireRole(ctx.actor, ...STAFF_ROLES);
  return ctx.db.select({ id: odOpinions.id, eventId: odOpinions.eventId, theme: odEvents.theme, dueOn: odOpinions.dueOn }).from(odOpinions).innerJoin(odEvents, eq(odEvents.id, odOpinions.eventId))
    .where(and(eq(odEvents.govId, a.placement.govId), eq(odOpinions.state, 'assigned'), lt(odOpinions.dueOn, today))).orderBy(asc(odOpinions.dueOn), asc(odOpinions.id));
}

/** The public 回顾: answered opinions and answers only (no personal data). */
export async function publicSummary(db: Exec, eventId: number) {
  return db.select({ id: odOpinions.id, body: odOpinions.body, answer: odOpinions.answer, answeredAt: odOpinions.answeredAt }).from(odOpinions).where(and(eq(odOpinions.eventId, eventId), eq(odOpinions.state, 'answered'))).orderBy(asc(odOpinions.id));
}
