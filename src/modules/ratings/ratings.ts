// 好差评 from the public: one rating of a published service item (by 实施编码) or of a window, in
// five levels. A 差评 (the two lowest) must carry a tag or text and opens a work order to the
// handling unit. The rater's phone is optional; it is stored encrypted, shown to staff masked,
// never published and never logged. A repeat by the same rater on the same target within
// DUPLICATE_MINUTES is refused.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { requireRole, hasRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, FieldProblems, invalid, notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { agencyInReach, isOfficeLike } from '../../core/org/scope.js';
import { addWorkdays } from '../../core/calendar/calendar.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { isIsoDate, toShanghaiDate } from '../../core/calendar/dates.js';
import { hasUnreadable } from '../../core/text/normalise.js';
import { publishedGuideByCode } from '../guides/public.js';
import { ratingOrderEvents, ratingOrders, ratings, type RatingTarget } from './schema.js';
import { clean, publicWindow, settingsOf } from './windows.js';

export const LEVELS = [5, 4, 3, 2, 1] as const;
export const LEVEL_LABELS: Record<number, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
export const isBad = (level: number): boolean => level <= 2;
export const DUPLICATE_MINUTES = 30;
export const BODY_MAX = 500;
export const STAFF_ROLES = ['editor', 'reviewer', 'office', 'admin'] as const;

/** What a public submission runs with: the data key (for the phone and the rater hash), the address and the clock. */
export type PublicCtx = { db: Db; key: Buffer; address: string; now?: Date };

const subKey = (key: Buffer, purpose: string) => createHmac('sha256', key).update(`ratings:${purpose}`).digest();
export function sealPhone(key: Buffer, phone: string): string {
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', subKey(key, 'phone'), nonce);
  const body = Buffer.concat([c.update(phone, 'utf8'), c.final()]);
  return 'v1:' + Buffer.concat([nonce, c.getAuthTag(), body]).toString('base64');
}
export function openPhone(key: Buffer, sealed: string): string {
  if (!sealed.startsWith('v1:')) return '';
  const raw = Buffer.from(sealed.slice(3), 'base64');
  const d = createDecipheriv('aes-256-gcm', subKey(key, 'phone'), raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
}
/** 13812341234 → 138****1234. */
export const maskPhone = (p: string): string => (p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : p ? '*'.repeat(p.length) : '');
const raterKeyOf = (key: Buffer, phone: string, address: string) => createHmac('sha256', subKey(key, 'rater')).update(phone ? `p:${phone}` : `a:${address}`).digest('base64url');

export type RatingInput = { code?: string; window?: string; level?: string; tags?: string[]; body?: string; phone?: string };
export type Target = { target: RatingTarget; govId: number; guideCode: string | null; windowId: number | null; name: string; agencyId: number; agencyName: string };

/** What a site's rating form rates: a published guide of that government, or one of its active windows. */
export async function resolveTarget(db: Db | Exec, govId: number | null, input: { code?: string; window?: string }): Promise<Target | null> {
  const code = clean(input.code);
  if (code) {
    if (govId == null || code.length > 60 || !/^[0-9A-Za-z\-]+$/.test(code)) return null;
    const g = await publishedGuideByCode(db, govId, code);
    return g ? { target: 'item', govId: g.govId, guideCode: g.code, windowId: null, name: g.name, agencyId: g.agencyId, agencyName: g.agencyName } : null;
  }
  const w = clean(input.window);
  if (!/^[1-9]\d{0,9}$/.test(w) || Number(w) > 2147483647) return null;
  const win = await publicWindow(db, govId, Number(w));
  return win ? { target: 'window', govId: win.govId, guideCode: null, windowId: win.id, name: `${win.hall} ${win.number} ${win.name}`, agencyId: win.agencyId, agencyName: win.agencyName } : null;
}

/** Records a rating (and, for a 差评, its work order). Returns the rating id and whether an order was opened. */
export async function submitRating(pctx: PublicCtx, target: Target, input: RatingInput): Promise<{ id: number; orderId: number | null }> {
  const now = pctx.now ?? new Date();
  const settings = await settingsOf(pctx.db, target.govId);
  const p = new FieldProblems();
  const levelRaw = clean(input.level);
  const level = /^[1-5]$/.test(levelRaw) ? Number(levelRaw) : 0;
  if (!level) p.add('level', '请选择满意程度（非常满意、满意、基本满意、不满意、非常不满意）。');
  const given = (input.tags ?? []).map(clean).filter(Boolean);
  const tags = [...new Set(given)];
  if (tags.some((t) => !settings.tags.includes(t))) p.add('tags', '请从列出的标签中选择。');
  const body = clean(input.body);
  if (hasUnreadable(body)) p.add('body', '内容含有无法识别的字符（可能是编码错误），请重新输入。');
  else if (body.length > BODY_MAX) p.add('body', `评价内容不超过 ${BODY_MAX} 字。`);
  if (level && isBad(level) && !tags.length && !body) p.add('tags', '“不满意”和“非常不满意”的评价请至少选择一个标签或填写具体情况，以便整改。');
  const phone = clean(input.phone).replace(/[\s-]/g, '');
  if (phone && !/^(1\d{10}|0\d{9,11})$/.test(phone)) p.add('phone', '联系电话格式不正确，请填写 11 位手机号码或带区号的固定电话，也可以不填。');
  p.done();
  const raterKey = raterKeyOf(pctx.key, phone, pctx.address);
  const since = new Date(now.getTime() - DUPLICATE_MINUTES * 60_000);
  const today = toShanghaiDate(now);
  const cal = isBad(level) ? await loadCalendar(pctx.db) : null;
  return pctx.db.transaction(async (tx) => {
    const same = target.guideCode ? eq(ratings.guideCode, target.guideCode) : eq(ratings.windowId, target.windowId!);
    const dup = await tx.select({ id: ratings.id }).from(ratings).where(and(eq(ratings.raterKey, raterKey), eq(ratings.govId, target.govId), same, gte(ratings.submittedAt, since))).limit(1);
    if (dup.length) throw conflict('duplicate_rating', `您在 ${DUPLICATE_MINUTES} 分钟内已经评价过“${target.name}”，请勿重复提交。如有新的情况，请稍后再评价。`);
    const [r] = await tx.insert(ratings).values({
      govId: target.govId, target: target.target, guideCode: target.guideCode, windowId: target.windowId, targetName: target.name, agencyId: target.agencyId,
      level, tags, body, phoneSealed: phone ? sealPhone(pctx.key, phone) : '', phoneMasked: maskPhone(phone), raterKey, submittedAt: now,
    }).returning({ id: ratings.id });
    // The audit record names the target and level only: never the phone, never the text.
    await recordAudit(tx, auditActor(null), { action: 'ratings.rated', targetType: 'rating', targetId: r!.id, after: { target: target.target, name: target.name, level } });
    let orderId: number | null = null;
    if (cal) {
      const dueOn = addWorkdays(cal, today, settings.workDays);
      const [o] = await tx.insert(ratingOrders).values({ ratingId: r!.id, agencyId: target.agencyId, openedOn: today, dueOn }).returning({ id: ratingOrders.id });
      orderId = o!.id;
      await tx.insert(ratingOrderEvents).values({ orderId, kind: 'opened', note: `差评自动生成工单，办理时限 ${settings.workDays} 个工作日（至 ${dueOn}）。`, at: now });
      await recordAudit(tx, auditActor(null), { action: 'ratings.order_opened', targetType: 'rating_order', targetId: orderId, after: { agencyId: target.agencyId, dueOn } });
    }
    return { id: r!.id, orderId };
  });
}

export type StaffRating = { id: number; target: RatingTarget; targetName: string; guideCode: string | null; agencyId: number; agencyName: string; level: number; tags: string[]; body: string; phone: string; excluded: boolean; submittedAt: Date };
export type RatingFilters = { from?: string; to?: string; agencyId?: number; bad?: boolean };

/** The scope of staff reading ratings: the office within reach, a unit's own staff its own agency. */
export function ratingScope(actor: NonNullable<Ctx['actor']>, column = ratings.agencyId): SQL {
  return isOfficeLike(actor) ? agencyInReach(column, actor) : eq(column, actor.agencyId);
}

/** Period filters on the Shanghai calendar: from and to are inclusive days. */
export function periodWhere(f: RatingFilters): SQL[] {
  const w: SQL[] = [];
  if (f.from) w.push(gte(ratings.submittedAt, new Date(`${f.from}T00:00:00+08:00`)));
  if (f.to) { const end = new Date(`${f.to}T00:00:00+08:00`); end.setUTCDate(end.getUTCDate() + 1); w.push(lt(ratings.submittedAt, end)); }
  if (f.agencyId) w.push(eq(ratings.agencyId, f.agencyId));
  return w;
}

/** Recent ratings in the person's scope, phone masked. */
export async function staffRatings(ctx: Ctx, f: RatingFilters = {}, limit = 200): Promise<StaffRating[]> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const w = [ratingScope(actor), ...periodWhere(f)];
  if (f.bad) w.push(lt(ratings.level, 3));
  const rows = await ctx.db.select({ r: ratings, agencyName: agencies.name }).from(ratings).innerJoin(agencies, eq(agencies.id, ratings.agencyId))
    .where(and(...w)).orderBy(desc(ratings.submittedAt), desc(ratings.id)).limit(limit);
  return rows.map(({ r, agencyName }) => ({ id: r.id, target: r.target, targetName: r.targetName, guideCode: r.guideCode, agencyId: r.agencyId, agencyName, level: r.level, tags: r.tags, body: r.body, phone: r.phoneMasked, excluded: r.excluded, submittedAt: r.submittedAt }));
}

/** Checks a date filter from a form: YYYY-MM-DD or empty. */
export function dateFilter(v: unknown, label: string): string | undefined {
  const s = typeof v === 'string' ? v.trim() : '';
  if (!s) return undefined;
  if (!isIsoDate(s)) throw invalid(`${label}格式不正确，请按 年-月-日 填写，如 2026-01-31。`);
  return s;
}

export const mayReadRatings = (actor: NonNullable<Ctx['actor']>) => STAFF_ROLES.some((r) => hasRole(actor, r));
export { notFound };
