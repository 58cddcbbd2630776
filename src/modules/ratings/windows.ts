// The register of service windows (窗口) and each government's 好差评 settings. The office of a
// government manages its own windows and settings; it reads those of the governments below.
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { requireRole, type Actor } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, FieldProblems, notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { agencyInReach, officeActs, placementColumns, type AgencyPlace } from '../../core/org/scope.js';
import { hasUnreadable } from '../../core/text/normalise.js';
import { ratingSettings, ratingWindows } from './schema.js';

export const OFFICE_ROLES = ['office', 'admin'] as const;
export const DEFAULT_TAGS = ['办事指南不准确', '等候时间过长', '服务态度不好', '多次跑动', '材料要求前后不一', '系统故障', '其他'];
export const DEFAULT_WORK_DAYS = 5;
export type WindowRow = typeof ratingWindows.$inferSelect;
export type WindowView = WindowRow & { agencyName: string };
export type Settings = { govId: number; workDays: number; tags: string[] };

export const clean = (raw: unknown): string => (typeof raw === 'string' ? raw.replace(/\u0000/g, '').trim() : '');

async function place(db: Exec, agencyId: number): Promise<(AgencyPlace & { name: string }) | null> {
  const [a] = await db.select({ ...placementColumns, name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId));
  return a ?? null;
}

/** The settings of a government (defaults until its office saves them). */
export async function settingsOf(db: Exec, govId: number): Promise<Settings> {
  const [r] = await db.select().from(ratingSettings).where(eq(ratingSettings.govId, govId));
  return r ? { govId, workDays: r.workDays, tags: r.tags } : { govId, workDays: DEFAULT_WORK_DAYS, tags: DEFAULT_TAGS };
}

/** The office sets its government's deadline (1–60 working days) and the 差评 tags (one a line). */
export async function updateSettings(ctx: Ctx, input: { workDays?: string; tags?: string }): Promise<Settings> {
  const actor = requireRole(ctx.actor, ...OFFICE_ROLES);
  const govId = actor.placement.govId;
  const p = new FieldProblems();
  const wd = clean(input.workDays);
  if (!/^\d{1,2}$/.test(wd) || Number(wd) < 1 || Number(wd) > 60) p.add('workDays', '办理时限应为 1 至 60 之间的整数（工作日）。');
  const raw = clean(input.tags);
  const tags = [...new Set(raw.split(/\r?\n/).map((t) => t.trim()).filter(Boolean))];
  if (hasUnreadable(raw)) p.add('tags', '内容含有无法识别的字符，请重新输入。');
  else if (!tags.length || tags.length > 20 || tags.some((t) => t.length > 20)) p.add('tags', '请填写 1 至 20 个差评标签，每行一个，每个不超过 20 字。');
  p.done();
  return ctx.db.transaction(async (tx) => {
    const before = await settingsOf(tx, govId);
    const next = { workDays: Number(wd), tags };
    await tx.insert(ratingSettings).values({ govId, ...next }).onConflictDoUpdate({ target: ratingSettings.govId, set: { ...next, updatedAt: new Date() } });
    await recordAudit(tx, auditActor(actor), { action: 'ratings.settings_updated', targetType: 'rating_settings', targetId: govId, before, after: next });
    return { govId, ...next };
  });
}

const windowColumns = { w: ratingWindows, agencyName: agencies.name };
const view = (r: { w: WindowRow; agencyName: string }): WindowView => ({ ...r.w, agencyName: r.agencyName });

/** The windows the office reads: its government's and those below. */
export async function staffWindows(ctx: Ctx): Promise<WindowView[]> {
  const actor = requireRole(ctx.actor, ...OFFICE_ROLES);
  const rows = await ctx.db.select(windowColumns).from(ratingWindows).innerJoin(agencies, eq(agencies.id, ratingWindows.agencyId))
    .where(agencyInReach(ratingWindows.agencyId, actor)).orderBy(asc(ratingWindows.hall), asc(ratingWindows.number), asc(ratingWindows.id));
  return rows.map(view);
}

/** A government site's active windows (public: no personal data here). */
export async function publicWindows(db: Db | Exec, govId: number | null): Promise<WindowView[]> {
  const rows = await db.select(windowColumns).from(ratingWindows).innerJoin(agencies, eq(agencies.id, ratingWindows.agencyId))
    .where(and(eq(ratingWindows.active, true), govId == null ? undefined : eq(ratingWindows.govId, govId))).orderBy(asc(ratingWindows.hall), asc(ratingWindows.number), asc(ratingWindows.id));
  return rows.map(view);
}

export async function publicWindow(db: Db | Exec, govId: number | null, id: number): Promise<WindowView | null> {
  return (await publicWindows(db, govId)).find((w) => w.id === id) ?? null;
}

export type WindowInput = { agencyId?: number | string; hall?: string; number?: string; name?: string };

async function validate(db: Exec, actor: Actor, input: WindowInput): Promise<{ agency: AgencyPlace; hall: string; number: string; name: string }> {
  const p = new FieldProblems();
  const agencyId = Number(input.agencyId);
  const agency = Number.isSafeInteger(agencyId) && agencyId > 0 && agencyId <= 2147483647 ? await place(db, agencyId) : null;
  if (!agency || !officeActs(actor, agency)) p.add('agencyId', '请选择本级政府的单位。');
  const hall = clean(input.hall), number = clean(input.number), name = clean(input.name);
  for (const [k, v] of [['hall', hall], ['number', number], ['name', name]] as const) if (hasUnreadable(v)) p.add(k, '内容含有无法识别的字符，请重新输入。');
  if (!hall || hall.length > 60) p.add('hall', '请填写所在大厅（60 字以内），如县政务服务中心一楼。');
  if (!number || number.length > 20) p.add('number', '请填写窗口编号（20 字以内），如 A01。');
  if (!name || name.length > 60) p.add('name', '请填写窗口名称（60 字以内），如社会救助窗口。');
  p.done();
  return { agency: agency!, hall, number, name };
}

export async function createWindow(ctx: Ctx, input: WindowInput): Promise<number> {
  const actor = requireRole(ctx.actor, ...OFFICE_ROLES);
  const v = await validate(ctx.db, actor, input);
  return ctx.db.transaction(async (tx) => {
    const dup = await tx.select({ id: ratingWindows.id }).from(ratingWindows).where(and(eq(ratingWindows.govId, actor.placement.govId), eq(ratingWindows.hall, v.hall), eq(ratingWindows.number, v.number), eq(ratingWindows.active, true)));
    if (dup.length) throw conflict('duplicate_window', `${v.hall}已有编号为 ${v.number} 的窗口。`);
    const [r] = await tx.insert(ratingWindows).values({ agencyId: v.agency.id, govId: actor.placement.govId, hall: v.hall, number: v.number, name: v.name }).returning({ id: ratingWindows.id });
    await recordAudit(tx, auditActor(actor), { action: 'ratings.window_created', targetType: 'rating_window', targetId: r!.id, after: { agencyId: v.agency.id, hall: v.hall, number: v.number, name: v.name } });
    return r!.id;
  });
}

/** Stops (or restarts) a window: its QR code then says it is not in service. */
export async function setWindowActive(ctx: Ctx, id: number, active: boolean): Promise<void> {
  const actor = requireRole(ctx.actor, ...OFFICE_ROLES);
  await ctx.db.transaction(async (tx) => {
    const [w] = await tx.select().from(ratingWindows).where(eq(ratingWindows.id, id)).for('update');
    const agency = w ? await place(tx, w.agencyId) : null;
    if (!w || !agency || !officeActs(actor, agency)) throw notFound('窗口');
    if (w.active === active) throw conflict('window_state', active ? '该窗口已在使用中。' : '该窗口已经停用。');
    await tx.update(ratingWindows).set({ active }).where(eq(ratingWindows.id, id));
    await recordAudit(tx, auditActor(actor), { action: active ? 'ratings.window_reactivated' : 'ratings.window_deactivated', targetType: 'rating_window', targetId: id });
  });
}

/** Agencies of the office's own government, for the window form. */
export async function ownGovernmentAgencies(ctx: Ctx): Promise<{ id: number; name: string }[]> {
  const actor = requireRole(ctx.actor, ...OFFICE_ROLES);
  return ctx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.govId, actor.placement.govId)).orderBy(asc(agencies.sort), asc(agencies.id));
}
