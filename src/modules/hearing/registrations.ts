// Registration from the public and the choice of participants. A registration is taken while the
// window is open and the capacity is not reached; past the capacity the next one is refused with
// a clear message (no waiting list: a place on a list that may never move promises more than the
// office can keep, and the person can still give an opinion online or in writing). Each is
// acknowledged with a query code; name and phone are for staff only, the published list shows
// name and category.
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { and, asc, count, eq, gte, inArray } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { AppError, conflict, FieldProblems, invalid, notFound } from '../../core/errors.js';
import { formatDateTime } from '../../web/components.js';
import { hearMeetings, hearRegistrations, PARTICIPANT_CATEGORIES, type ParticipantCategory, type RegistrationState } from './schema.js';
import { meetingForRunning, type MeetingRow } from './policy.js';
import { getHearSettings } from './settings.js';
import { CATEGORY_LABELS, KIND_LABELS } from './labels.js';

export type RegistrationRow = typeof hearRegistrations.$inferSelect;
export const MAX_NAME = 50;
export const MAX_PHONE = 30;
export const MAX_REASON = 1000;

export type PublicCtx = { db: Db; key: Buffer; address: string };
const keyed = (key: Buffer, kind: string, v: string) => createHmac('sha256', key).update(`hear:${kind}:${v}`).digest('base64url').slice(0, 32);
const normPhone = (s: string) => s.replace(/[\s\-()（）]/g, '');

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const newRegistrationCode = (): string => 'TZ-' + [...randomBytes(12)].map((x) => CODE_ALPHABET[x % 32]).join('');

/** Registrations that hold a place (all of them: a registration is never dropped silently). */
export const takenPlaces = async (db: Exec, meetingId: number): Promise<number> => (await db.select({ n: count() }).from(hearRegistrations).where(eq(hearRegistrations.meetingId, meetingId)))[0]!.n;

export type RegistrationStatus = 'not_open' | 'open' | 'full' | 'closed';
/** Whether registration is taking names now. */
export function registrationStatus(m: Pick<MeetingRow, 'state' | 'regOpensAt' | 'regClosesAt' | 'capacity'>, taken: number, now = new Date()): RegistrationStatus {
  if (m.state !== 'announced' || now >= m.regClosesAt) return 'closed';
  if (now < m.regOpensAt) return 'not_open';
  return taken >= m.capacity ? 'full' : 'open';
}

export const fullMessage = (m: Pick<MeetingRow, 'capacity' | 'kind'>) => `报名人数已满（名额 ${m.capacity} 人），不再接受报名。您仍可通过网上征求意见或书面方式对草案提出意见。`;

/**
 * A registration from the public. Refused with a reason (window, capacity, a field, the same
 * phone twice, too many from one address); otherwise stored and acknowledged with a query code.
 * The meeting row is locked, so two registrations for the last place cannot both be taken.
 */
export async function register(pctx: PublicCtx, meetingId: number, raw: Record<string, string>, now = new Date()): Promise<{ code: string; state: RegistrationState }> {
  const p = new FieldProblems();
  const name = (raw.name ?? '').trim();
  const phone = (raw.phone ?? '').trim();
  const reason = (raw.reason ?? '').replace(/\r\n/g, '\n').trim();
  const category = raw.category as ParticipantCategory;
  if (!name) p.add('name', '请填写姓名。');
  else if (name.length > MAX_NAME) p.add('name', `姓名不超过 ${MAX_NAME} 个字。`);
  if (!phone) p.add('phone', '请填写联系电话，仅供工作人员通知，不会公开。');
  else if (phone.length > MAX_PHONE || !/^\+?[\d\s\-()（）]{5,30}$/.test(phone) || normPhone(phone).replace(/^\+/, '').length < 5) p.add('phone', '联系电话格式不正确，请填写手机号码或固定电话（可含区号和“-”）。');
  if (reason.length > MAX_REASON) p.add('reason', `报名理由不超过 ${MAX_REASON} 个字，本次 ${reason.length} 个字。`);
  const submitKey = (raw.submitKey ?? '').trim();
  const key = /^[A-Za-z0-9_-]{8,64}$/.test(submitKey) ? `${meetingId}:${submitKey}` : null;
  if (key) {
    // The same form sent twice: the first registration stands, and its code is shown again.
    const [first] = await pctx.db.select().from(hearRegistrations).where(eq(hearRegistrations.submitKey, key));
    if (first) return { code: first.code, state: first.state };
  }
  return pctx.db.transaction(async (tx) => {
    const [m] = await tx.select().from(hearMeetings).where(eq(hearMeetings.id, meetingId)).for('update');
    if (!m || m.state === 'draft') throw notFound('会议');
    if (!PARTICIPANT_CATEGORIES.includes(category) || !m.categories.includes(category)) p.add('category', '请选择您的身份类别。');
    const taken = await takenPlaces(tx, meetingId);
    const st = registrationStatus(m, taken, now);
    if (st === 'not_open') throw conflict('not_open', `报名尚未开始，报名时间为 ${formatDateTime(m.regOpensAt)} 至 ${formatDateTime(m.regClosesAt)}。`);
    if (st === 'closed') throw conflict('closed', m.state === 'cancelled' ? '该会议已取消。' : '报名已经截止。');
    if (st === 'full') throw conflict('full', fullMessage(m));
    p.done();
    const phoneKey = keyed(pctx.key, `phone:${meetingId}`, normPhone(phone));
    const addressKey = keyed(pctx.key, 'address', pctx.address);
    const [dup] = await tx.select({ id: hearRegistrations.id }).from(hearRegistrations).where(and(eq(hearRegistrations.meetingId, meetingId), eq(hearRegistrations.phoneKey, phoneKey)));
    if (dup) throw conflict('duplicate', '该联系电话已经报名本次会议，无需重复报名。请凭报名时取得的查询码查询报名状态。');
    const s = await getHearSettings(tx);
    const [byAddress] = await tx.select({ n: count() }).from(hearRegistrations).where(and(eq(hearRegistrations.addressKey, addressKey), gte(hearRegistrations.submittedAt, new Date(now.getTime() - 86_400_000))));
    if (byAddress!.n >= s.perAddressPerDay) throw new AppError('too_many', 429, `来自同一网络地址的报名 24 小时内已达 ${s.perAddressPerDay} 次，请明天再试，或电话联系承办单位。`);
    // 先报名先得: a registration within the capacity is a participant at once.
    const state: RegistrationState = m.rule === 'first_come' ? 'selected' : 'registered';
    const [row] = await tx.insert(hearRegistrations).values({ meetingId, code: newRegistrationCode(), submitKey: key, name, phone, phoneKey, addressKey, category, reason, state, submittedAt: now }).returning();
    return { code: row!.code, state: row!.state };
  });
}

export type RegistrationStatusView = { code: string; meetingId: number; title: string; kindLabel: string; category: string; state: RegistrationState; submittedAt: Date; listPublished: boolean };

/** What the person sees under the query code (no name, no phone). */
export async function registrationByCode(db: Db, rawCode: string): Promise<RegistrationStatusView> {
  const code = rawCode.trim().toUpperCase().replace(/^TZ(?!-)/, 'TZ-');
  if (!/^TZ-[A-Z0-9]{12}$/.test(code)) throw invalid('查询码格式不正确，应为 TZ- 加 12 位字母数字，如 TZ-ABCD2345EFGH。');
  const [r] = await db.select({ r: hearRegistrations, m: hearMeetings }).from(hearRegistrations).innerJoin(hearMeetings, eq(hearMeetings.id, hearRegistrations.meetingId)).where(eq(hearRegistrations.code, code));
  if (!r) throw new AppError('not_found', 404, '没有找到这个查询码对应的报名，请核对后重新输入。');
  // Before the list is published, a staff choice is not yet final: it shows as waiting.
  const state = r.m.listPublishedAt || r.m.rule === 'first_come' ? r.r.state : 'registered';
  return { code, meetingId: r.m.id, title: r.m.title, kindLabel: KIND_LABELS[r.m.kind], category: CATEGORY_LABELS[r.r.category], state, submittedAt: r.r.submittedAt, listPublished: !!r.m.listPublishedAt };
}

/** Every registration, for staff (with name and phone). */
export const registrationsOf = (db: Exec, meetingId: number) => db.select().from(hearRegistrations).where(eq(hearRegistrations.meetingId, meetingId)).orderBy(asc(hearRegistrations.submittedAt), asc(hearRegistrations.id));

/** The published participant list: names and categories, nothing else. */
export async function participantList(db: Exec, meetingId: number): Promise<{ name: string; category: ParticipantCategory }[]> {
  return db.select({ name: hearRegistrations.name, category: hearRegistrations.category }).from(hearRegistrations)
    .where(and(eq(hearRegistrations.meetingId, meetingId), eq(hearRegistrations.state, 'selected'))).orderBy(asc(hearRegistrations.category), asc(hearRegistrations.submittedAt), asc(hearRegistrations.id));
}

/** Staff choose (or un-choose) participants by hand: 按类别遴选, or to adjust any rule's result. */
export async function setSelection(ctx: Ctx, meetingId: number, ids: number[], selected: boolean): Promise<number> {
  const uniq = [...new Set(ids)];
  if (!uniq.length) throw invalid('请勾选报名人。');
  return ctx.db.transaction(async (tx) => {
    const { actor, m } = await meetingForRunning(tx, ctx.actor, meetingId, true);
    if (m.minutesAt) throw conflict('held', '会议已经召开，参加人不能再调整。');
    const rows = await tx.select({ id: hearRegistrations.id }).from(hearRegistrations).where(and(eq(hearRegistrations.meetingId, meetingId), inArray(hearRegistrations.id, uniq)));
    if (rows.length !== uniq.length) throw invalid('所选报名人不属于本次会议。');
    await tx.update(hearRegistrations).set({ state: selected ? 'selected' : 'not_selected', selectedBy: actor.userId }).where(inArray(hearRegistrations.id, uniq));
    await recordAudit(tx, auditActor(actor), { action: selected ? 'hearing.selected' : 'hearing.unselected', targetType: 'hear_meeting', targetId: meetingId, after: { registrations: uniq } });
    return uniq.length;
  });
}

/**
 * 随机抽选: draws the open seats at random among those still waiting (a uniform draw from the
 * platform's random source, recorded in the audit log with who was drawn); the rest are not selected.
 */
export async function drawParticipants(ctx: Ctx, meetingId: number, now = new Date()): Promise<number[]> {
  return ctx.db.transaction(async (tx) => {
    const { actor, m } = await meetingForRunning(tx, ctx.actor, meetingId, true);
    if (m.rule !== 'random') throw conflict('not_random', '本次会议的遴选方式不是随机抽选。');
    if (m.minutesAt) throw conflict('held', '会议已经召开，参加人不能再调整。');
    if (now < m.regClosesAt) throw conflict('still_open', `报名截止（${formatDateTime(m.regClosesAt)}）后才能抽选。`);
    const all = await registrationsOf(tx, meetingId);
    const waiting = all.filter((r) => r.state === 'registered');
    const open = Math.max(0, m.seats - all.filter((r) => r.state === 'selected').length);
    if (!waiting.length) throw conflict('nobody', '没有待抽选的报名人。');
    const pool = [...waiting];
    for (let i = pool.length - 1; i > 0; i--) { const j = randomInt(i + 1); [pool[i], pool[j]] = [pool[j]!, pool[i]!]; }
    const drawn = pool.slice(0, open).map((r) => r.id);
    const rest = pool.slice(open).map((r) => r.id);
    if (drawn.length) await tx.update(hearRegistrations).set({ state: 'selected', selectedBy: actor.userId }).where(inArray(hearRegistrations.id, drawn));
    if (rest.length) await tx.update(hearRegistrations).set({ state: 'not_selected', selectedBy: actor.userId }).where(inArray(hearRegistrations.id, rest));
    await recordAudit(tx, auditActor(actor), { action: 'hearing.drawn', targetType: 'hear_meeting', targetId: meetingId, after: { seats: open, pool: waiting.length, drawn } });
    return drawn;
  });
}

/** Whether the participants include 利害关系人代表 (a 听证会 without them is warned about). */
export const hasAffected = (list: { category: ParticipantCategory }[]) => list.some((p) => p.category === 'affected');

/** Publishes the participant list (names and categories); refused while nobody is selected. */
export async function publishList(ctx: Ctx, meetingId: number, now = new Date()): Promise<{ affected: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const { actor, m } = await meetingForRunning(tx, ctx.actor, meetingId, true);
    if (m.state !== 'announced') throw conflict('not_announced', '请先发布会议公告。');
    const list = await participantList(tx, meetingId);
    if (!list.length) throw conflict('empty', '还没有确定参加人，不能公布名单。');
    await tx.update(hearMeetings).set({ listPublishedAt: now }).where(eq(hearMeetings.id, meetingId));
    await recordAudit(tx, auditActor(actor), { action: 'hearing.list_published', targetType: 'hear_meeting', targetId: meetingId, after: { participants: list.length, affected: list.filter((p) => p.category === 'affected').length } });
    return { affected: hasAffected(list) };
  });
}
