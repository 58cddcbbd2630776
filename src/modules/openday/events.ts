// 政府开放日: events with sessions, registration (first-come with a waiting list, or selection
// with a published list of masked names), cancellation by code + key, and opinions after the
// visit assigned to a unit with a working-day due date. Every staff function checks the actor's
// role and government first; ID numbers are kept masked only (plus a keyed hash for duplicates).
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNotNull, lt, ne } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { recordAudit } from '../../core/audit/service.js';
import { requireRole, type Actor } from '../../core/auth/actor.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { AppError, conflict, FieldProblems, invalid, notFound } from '../../core/errors.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { addWorkdays } from '../../core/calendar/calendar.js';
import { isIsoDate, toShanghaiDate } from '../../core/calendar/dates.js';
import { requireTopGovernment } from '../../core/org/scope.js';
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
const UNREADABLE = '内容含有无法识别的控制字符，请重新输入。';

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
  else if (hasUnreadable(theme)) p.add('theme', UNREADABLE);
  if ((input.description ?? '').length > MAX_TEXT) p.add('description', `活动介绍不超过 ${MAX_TEXT} 个字。`);
  else if (hasUnreadable(input.description ?? '')) p.add('description', UNREADABLE);
  if ((input.eligibility ?? '').length > 500) p.add('eligibility', '参加对象不超过 500 个字。');
  else if (hasUnreadable(input.eligibility ?? '')) p.add('eligibility', UNREADABLE);
  if (!['first_come', 'selection'].includes(input.mode)) p.add('mode', '请选择报名方式。');
  if (!(input.regOpensAt < input.regClosesAt)) p.add('regClosesAt', '报名截止时间应晚于开始时间。');
  if (!input.sessions.length) p.add('sessions', '请至少安排一个场次。');
  for (const s of input.sessions) {
    if (!(Number.isInteger(s.capacity) && s.capacity > 0 && s.capacity <= 10000) || !s.place.trim() || s.place.length > 200 || hasUnreadable(s.place)) p.add('sessions', '每个场次须有地点（不超过 200 字）和 1–10000 的名额。');
    if (Number.isNaN(s.startsAt.getTime())) p.add('sessions', '场次时间不正确。');
    else if (!Number.isNaN(input.regClosesAt.getTime()) && s.startsAt < input.regClosesAt) p.add('sessions', '场次时间应晚于报名截止时间。');
  }
  if (input.agencyId !== undefined) {
    const [host] = await ctx.db.select({ id: agencies.id }).from(agencies).where(and(eq(agencies.id, input.agencyId), eq(agencies.govId, a.placement.govId)));
    if (!host) p.add('agencyId', '请选择本级政府所属的主办单位。');
  }
  p.done();
  // A second press of 保存草稿 (or the form sent twice) would make a second draft of the same event.
  const [twin] = await ctx.db.select({ id: odEvents.id }).from(odEvents).where(and(eq(odEvents.govId, a.placement.govId), eq(odEvents.theme, theme), eq(odEvents.state, 'draft')));
  if (twin) throw conflict('duplicate_draft', `已有主题相同的活动草稿（编号 ${twin.id}），请在活动列表中打开它，不要重复新建。`);
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
  if (!r || r.length > 500 || hasUnreadable(r)) throw invalid('请填写取消原因（不超过 500 字），原因将向社会公开。', { fields: { cancelReason: '请填写取消原因（不超过 500 字），原因将向社会公开。' } });
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
  const opinions = await db.select({ body: odOpinions.body, state: odOpinions.state, answer: odOpinions.answer, answeredAt: odOpinions.answeredAt, createdAt: odOpinions.createdAt }).from(odOpinions).where(eq(odOpinions.registrationId, r.r.id)).orderBy(asc(odOpinions.id));
  return { code: r.r.code, eventId: r.e.id, theme: r.e.theme, startsAt: r.s.startsAt, place: r.s.place, state, idMasked: r.r.idMasked, opinions };
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

/**
 * Staff choose (or un-choose) registrants by hand (selection events only). Choosing never goes
 * beyond a session's capacity: refused with the places left, nothing changed.
 */
export async function setSelection(ctx: Ctx, eventId: number, ids: number[], selected: boolean): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, e } = await eventFor(tx, ctx.actor, eventId, true);
    if (e.mode !== 'selection') throw conflict('not_selection', '本次活动为先报名先得，名额按报名先后确定，不需要遴选。');
    if (e.state === 'cancelled') throw conflict('cancelled', '该活动已经取消。');
    const want = [...new Set(ids)];
    const rows = want.length ? await tx.select({ id: odRegistrations.id, sessionId: odRegistrations.sessionId, state: odRegistrations.state }).from(odRegistrations).where(and(eq(odRegistrations.eventId, eventId), inArray(odRegistrations.id, want), ne(odRegistrations.state, 'cancelled'))) : [];
    if (!want.length) throw invalid('请先勾选报名人。');
    if (rows.length !== want.length) throw invalid('所选报名人不属于本次活动，或已取消报名。');
    if (selected) {
      for (const s of await tx.select().from(odSessions).where(eq(odSessions.eventId, eventId))) {
        const adding = rows.filter((r) => r.sessionId === s.id && r.state !== 'selected').length;
        if (!adding) continue;
        const taken = await placesTaken(tx, s.id, ['selected']);
        if (taken + adding > s.capacity) {
          const left = Math.max(0, s.capacity - taken);
          throw conflict('over_capacity', `${toShanghaiDate(s.startsAt)} 场次（${s.place}）名额 ${s.capacity} 人，已确定 ${taken} 人，${left ? `只能再确定 ${left} 人` : '名额已满'}，本次勾选了 ${adding} 人。请减少勾选，或先取消其他参加人。`);
        }
      }
    }
    await tx.update(odRegistrations).set({ state: selected ? 'selected' : 'not_selected' }).where(inArray(odRegistrations.id, want));
    await recordAudit(tx, auditActor(actor), { action: selected ? 'openday.selected' : 'openday.unselected', targetType: 'od_event', targetId: eventId, after: { registrations: want } });
  });
}

export async function publishList(ctx: Ctx, eventId: number, now = new Date()): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, e } = await eventFor(tx, ctx.actor, eventId, true);
    if (e.state !== 'announced') throw conflict('not_announced', e.state === 'draft' ? '活动发布后才能公布名单。' : '该活动已经取消。');
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

/**
 * The working days a unit has to answer an opinion. One row for the whole installation, so only
 * the office or administrator of the top government changes it.
 */
export async function updateOdSettings(ctx: Ctx, raw: Record<string, string>): Promise<{ answerWorkdays: number }> {
  const actor = requireTopGovernment(requireRole(ctx.actor, 'office', 'admin'));
  const v = (raw.answerWorkdays ?? '').trim();
  if (!/^\d{1,3}$/.test(v) || Number(v) < 1 || Number(v) > 60) throw invalid('答复期限应为 1 至 60 之间的整数（工作日）。', { fields: { answerWorkdays: '答复期限应为 1 至 60 之间的整数（工作日）。' } });
  const next = { answerWorkdays: Number(v) };
  return ctx.db.transaction(async (tx) => {
    const before = await getOdSettings(tx);
    await tx.insert(odSettings).values({ id: 1, ...next }).onConflictDoUpdate({ target: odSettings.id, set: { ...next, updatedAt: new Date() } });
    await recordAudit(tx, auditActor(actor), { action: 'openday.settings_updated', targetType: 'od_settings', targetId: 1, before, after: next });
    return next;
  });
}

/** Staff enter an opinion collected at the visit. */
export async function addOpinion(ctx: Ctx, eventId: number, body: string, now = new Date()): Promise<number> {
  const b = (body ?? '').trim();
  if (!b || b.length > MAX_OPINION || hasUnreadable(b)) throw invalid(`意见内容必填，且不超过 ${MAX_OPINION} 个字。`, { fields: { body: `意见内容必填，且不超过 ${MAX_OPINION} 个字。` } });
  return ctx.db.transaction(async (tx) => {
    const { actor, e } = await eventFor(tx, ctx.actor, eventId);
    if (e.state === 'draft') throw conflict('draft', '活动发布后才能录入意见。');
    const [o] = await tx.insert(odOpinions).values({ eventId, body: b, createdAt: now }).returning();
    await recordAudit(tx, auditActor(actor), { action: 'openday.opinion_entered', targetType: 'od_event', targetId: eventId, after: { opinion: o!.id } });
    return o!.id;
  });
}

/** Assigns an opinion to a unit; due after the set working days on the official calendar. */
export async function assignOpinion(ctx: Ctx, opinionId: number, unitId: number, now = new Date(), dueOnInput = ''): Promise<string> {
  const wanted = (dueOnInput ?? '').trim();
  if (wanted && (!isIsoDate(wanted) || wanted < toShanghaiDate(now))) throw invalid('答复期限应为今天或以后的日期，格式如 2026-12-31。', { fields: { dueOn: '答复期限应为今天或以后的日期，格式如 2026-12-31。' } });
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
    if (!unit) throw invalid('请选择本级政府所属的承办单位。', { fields: { unitId: '请选择本级政府所属的承办单位。' } });
    const dueOn = wanted || addWorkdays(cal, toShanghaiDate(now), (await getOdSettings(tx)).answerWorkdays);
    await tx.update(odOpinions).set({ state: 'assigned', unitId, dueOn }).where(eq(odOpinions.id, opinionId));
    await recordAudit(tx, auditActor(actor), { action: 'openday.opinion_assigned', targetType: 'od_event', targetId: o.eventId, after: { opinion: opinionId, unitId, dueOn } });
    return dueOn;
  });
}

export async function answerOpinion(ctx: Ctx, opinionId: number, answer: string, now = new Date()): Promise<void> {
  const t = (answer ?? '').trim();
  if (!t || t.length > MAX_TEXT || hasUnreadable(t)) throw invalid(`答复内容必填，且不超过 ${MAX_TEXT} 个字。`, { fields: { answer: `答复内容必填，且不超过 ${MAX_TEXT} 个字。` } });
  const [o] = await ctx.db.select().from(odOpinions).where(eq(odOpinions.id, opinionId));
  if (!o) { requireRole(ctx.actor, ...STAFF_ROLES); throw notFound('意见'); }
  await ctx.db.transaction(async (tx) => {
    const { actor } = await eventFor(tx, ctx.actor, o.eventId);
    const [cur] = await tx.select({ state: odOpinions.state }).from(odOpinions).where(eq(odOpinions.id, opinionId)).for('update');
    if (cur?.state === 'answered') throw conflict('answered', '该意见已经答复。');
    if (cur?.state !== 'assigned') throw conflict('not_assigned', '请先将意见交办承办单位，再录入答复。');
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

export const MAX_SUMMARY = 5000;
/** saved: kept as a draft; published: now on the public page; updated: the public text changed; unchanged: nothing to do. */
export type SummaryOutcome = 'saved' | 'published' | 'updated' | 'unchanged';

/**
 * The office's 活动回顾 (what was visited, how many took part, what was discussed), written after
 * the first session has started. Saved as a draft, or published on the event's public page above
 * the answered opinions; once published it stays published, and a later save updates the public
 * text (the audit keeps the text before and after). Refused: a draft or cancelled event, before
 * the visit, empty or over 5000 characters, unreadable characters.
 */
export async function saveSummary(ctx: Ctx, eventId: number, input: { summary: string; publish: boolean }, now = new Date()): Promise<SummaryOutcome> {
  const text = (input.summary ?? '').replace(/\r\n?/g, '\n').trim();
  return ctx.db.transaction(async (tx) => {
    const { actor, e } = await eventFor(tx, ctx.actor, eventId, true);
    if (e.state === 'draft') throw conflict('draft', '活动发布并举办后才能撰写活动回顾。');
    if (e.state === 'cancelled') throw conflict('cancelled', '该活动已经取消，不能撰写活动回顾。');
    const [first] = await tx.select({ startsAt: odSessions.startsAt }).from(odSessions).where(eq(odSessions.eventId, eventId)).orderBy(asc(odSessions.startsAt)).limit(1);
    if (!first || first.startsAt > now) throw conflict('not_held', `活动${first ? `于 ${toShanghaiDate(first.startsAt)} ` : ''}开始后才能撰写活动回顾。`);
    const p = new FieldProblems();
    if (!text) p.add('summary', '请填写活动回顾。');
    else if (text.length > MAX_SUMMARY) p.add('summary', `活动回顾不超过 ${MAX_SUMMARY} 个字（现有 ${text.length} 个字）。`);
    else if (hasUnreadable(text)) p.add('summary', UNREADABLE);
    p.done();
    const wasPublished = e.summaryPublishedAt != null;
    const published = wasPublished || input.publish;
    if (text === e.summary && published === wasPublished) return 'unchanged';
    await tx.update(odEvents).set({ summary: text, summaryPublishedAt: published ? (e.summaryPublishedAt ?? now) : null }).where(eq(odEvents.id, eventId));
    await recordAudit(tx, auditActor(actor), {
      action: published && !wasPublished ? 'openday.summary_published' : 'openday.summary_saved', targetType: 'od_event', targetId: eventId,
      before: { summary: e.summary, published: wasPublished }, after: { summary: text, published },
    });
    return !published ? 'saved' : wasPublished ? 'updated' : 'published';
  });
}

/** The published 活动回顾 text of an event; '' while it is not published. */
export const publishedSummaryText = (e: EventRow): string => (e.summaryPublishedAt ? e.summary : '');

/** The public 回顾: answered opinions and answers only (no personal data). */
export async function publicSummary(db: Exec, eventId: number) {
  return db.select({ id: odOpinions.id, body: odOpinions.body, answer: odOpinions.answer, answeredAt: odOpinions.answeredAt }).from(odOpinions).where(and(eq(odOpinions.eventId, eventId), eq(odOpinions.state, 'answered'))).orderBy(asc(odOpinions.id));
}

export const MAX_OPINIONS_PER_REGISTRATION = 5;
const HOLDING: RegState[] = ['confirmed', 'selected'];

/**
 * A registrant's opinion after the visit, by query code and cancellation key. It joins the list
 * staff assign and answer; the registrant sees the answer under the code. Refused with a reason:
 * a wrong code or key, someone who held no place, before the session, a resubmitted text.
 */
export async function submitOpinion(pctx: PublicCtx, eventId: number, raw: Record<string, string>, now = new Date()): Promise<number> {
  const p = new FieldProblems();
  const code = normCode(raw.code ?? '');
  const secret = (raw.secret ?? '').trim();
  const body = (raw.body ?? '').trim();
  if (!code) p.add('code', '请填写报名时得到的查询码。');
  else if (code.length > 40 || hasUnreadable(code)) p.add('code', '查询码格式不正确。');
  if (!secret) p.add('secret', '请填写取消密钥，用于确认是报名人本人。');
  else if (secret.length > 40 || hasUnreadable(secret)) p.add('secret', '取消密钥格式不正确。');
  if (!body) p.add('body', '请填写意见建议。');
  else if (body.length > MAX_OPINION) p.add('body', `意见建议不超过 ${MAX_OPINION} 个字（现有 ${body.length} 个字）。`);
  else if (hasUnreadable(body)) p.add('body', UNREADABLE);
  p.done();
  return pctx.db.transaction(async (tx) => {
    const [r] = await tx.select().from(odRegistrations).where(eq(odRegistrations.code, code)).for('update');
    const want = Buffer.from(keyed(pctx.key, 'secret', secret));
    if (!r || r.eventId !== eventId || !timingSafeEqual(want, Buffer.from(r.secretHash.padEnd(want.length).slice(0, want.length)))) {
      throw invalid('查询码或取消密钥不正确。', { fields: { code: '查询码或取消密钥不正确，请核对报名时得到的查询码和密钥。' } });
    }
    const [e] = await tx.select().from(odEvents).where(eq(odEvents.id, r.eventId));
    const [s] = await tx.select().from(odSessions).where(eq(odSessions.id, r.sessionId));
    if (!e || e.state === 'cancelled') throw conflict('cancelled', '该活动已经取消。');
    if (!HOLDING.includes(r.state)) throw conflict('no_place', '只有获得名额、参加了本次活动的报名人可以在这里提交意见。其他意见建议可以通过政府网站留言提出。');
    if (!s || s.startsAt > now) throw conflict('not_held', `您报名的场次于 ${toShanghaiDate(s?.startsAt ?? now)} 举办，活动结束后再提交意见。`);
    const mine = await tx.select({ body: odOpinions.body }).from(odOpinions).where(eq(odOpinions.registrationId, r.id));
    if (mine.some((o) => o.body === body)) throw conflict('resubmitted', '这条意见已经提交，请勿重复提交。凭查询码可以查看办理情况。');
    if (mine.length >= MAX_OPINIONS_PER_REGISTRATION) throw conflict('too_many', `每位参加人最多提交 ${MAX_OPINIONS_PER_REGISTRATION} 条意见。`);
    const [o] = await tx.insert(odOpinions).values({ eventId: r.eventId, registrationId: r.id, body, createdAt: now }).returning();
    return o!.id;
  });
}

export type StaffEventRow = EventRow & { sessions: (SessionRow & { taken: number; waiting: number })[]; opinionsOpen: number; opinionsOverdue: number };

const sessionCounts = async (db: Exec, e: EventRow, sessions: SessionRow[]) => {
  const rows = sessions.length ? await db.select({ sessionId: odRegistrations.sessionId, state: odRegistrations.state, n: count() }).from(odRegistrations).where(inArray(odRegistrations.sessionId, sessions.map((s) => s.id))).groupBy(odRegistrations.sessionId, odRegistrations.state) : [];
  const held: RegState = e.mode === 'first_come' ? 'confirmed' : 'selected';
  const n = (sid: number, st: RegState) => rows.find((r) => r.sessionId === sid && r.state === st)?.n ?? 0;
  return sessions.map((s) => ({ ...s, taken: n(s.id, held), waiting: e.mode === 'first_come' ? n(s.id, 'waiting') : n(s.id, 'registered') }));
};

/** The events of the actor's government, newest first, with places taken and opinions open/overdue. */
export async function staffEvents(ctx: Ctx, today: string): Promise<StaffEventRow[]> {
  const a = requireRole(ctx.actor, ...STAFF_ROLES);
  const events = await ctx.db.select().from(odEvents).where(eq(odEvents.govId, a.placement.govId)).orderBy(desc(odEvents.createdAt), desc(odEvents.id));
  if (!events.length) return [];
  const ids = events.map((e) => e.id);
  const sessions = await ctx.db.select().from(odSessions).where(inArray(odSessions.eventId, ids)).orderBy(asc(odSessions.startsAt), asc(odSessions.id));
  const ops = await ctx.db.select({ eventId: odOpinions.eventId, state: odOpinions.state, dueOn: odOpinions.dueOn }).from(odOpinions).where(inArray(odOpinions.eventId, ids));
  const out: StaffEventRow[] = [];
  for (const e of events) {
    const mine = ops.filter((o) => o.eventId === e.id);
    out.push({ ...e, sessions: await sessionCounts(ctx.db, e, sessions.filter((s) => s.eventId === e.id)), opinionsOpen: mine.filter((o) => o.state !== 'answered').length, opinionsOverdue: mine.filter((o) => o.state === 'assigned' && o.dueOn != null && o.dueOn < today).length });
  }
  return out;
}

/** One event for its government's staff: the event, its sessions with counts, its opinions with their units. */
export async function staffEvent(ctx: Ctx, id: number) {
  const { e } = await eventFor(ctx.db, ctx.actor, id);
  const sessions = await ctx.db.select().from(odSessions).where(eq(odSessions.eventId, id)).orderBy(asc(odSessions.startsAt), asc(odSessions.id));
  const [host] = await ctx.db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, e.agencyId));
  const opinions = await ctx.db.select({ o: odOpinions, unit: agencies.name }).from(odOpinions).leftJoin(agencies, eq(agencies.id, odOpinions.unitId)).where(eq(odOpinions.eventId, id)).orderBy(asc(odOpinions.id));
  return { e, host: host?.name ?? '', sessions: await sessionCounts(ctx.db, e, sessions), opinions: opinions.map((x) => ({ ...x.o, unit: x.unit, fromRegistrant: x.o.registrationId != null })) };
}

/** The agencies of the actor's own government: the units an opinion can be assigned to. */
export async function assignableUnits(ctx: Ctx): Promise<{ id: number; name: string }[]> {
  const a = requireRole(ctx.actor, ...STAFF_ROLES);
  return ctx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.govId, a.placement.govId)).orderBy(asc(agencies.sort), asc(agencies.id));
}
