// The register of 公开查阅点: the office of a government (or its administrator) keeps the points
// owned by the agencies of its government — its departments and its townships — under the one
// scope rule (core/org/scope.ts: the office acts within its own government). The public site lists
// the active points of the site's government.
import { and, asc, eq } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, FieldProblems, forbiddenAsNotFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { officeActs, placementColumns, type AgencyPlace } from '../../core/org/scope.js';
import { offlinePoints, POINT_KINDS, type PointKind } from './schema.js';

export type PointInput = {
  name?: string; kind?: string; agencyId?: string | number; address?: string; hours?: string;
  openSaturday?: boolean; openSunday?: boolean; phone?: string; holdings?: string; accessibility?: string;
  /** The new-point form's one-time key (letters, digits, - and _); repeated, it returns the point already made. */
  submitKey?: string;
};
export type PointRow = Omit<typeof offlinePoints.$inferSelect, 'submitKey'> & { agencyName: string };
type Clean = { name: string; kind: PointKind; agencyId: number; govId: number; address: string; hours: string; openSaturday: boolean; openSunday: boolean; phone: string; holdings: string; accessibility: string };

export const LIMITS = { name: 60, address: 200, hours: 200, phone: 40, holdings: 1000, accessibility: 300 } as const;

async function placeOf(db: Exec, agencyId: number): Promise<AgencyPlace | null> {
  const [a] = await db.select(placementColumns).from(agencies).where(eq(agencies.id, agencyId));
  return a ?? null;
}

// Control characters (a NUL cannot even be stored) other than tab and line breaks.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// The urlencoded parser leaves a value it cannot decode (invalid UTF-8 such as %C3%28) as the raw
// percent text; a browser always encodes what a person types, so such a value came from a malformed body.
const UNDECODED = /%[89a-f][0-9a-f]/i;
const PHONE = /^[0-9+\-－()（）\s、,，转]*$/;

/** Checks every field, each problem beside its field, in Chinese. */
async function clean(db: Exec, a: NonNullable<Ctx['actor']>, input: PointInput): Promise<Clean> {
  const p = new FieldProblems();
  const t = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const name = t(input.name), address = t(input.address), hours = t(input.hours), phone = t(input.phone), holdings = t(input.holdings), accessibility = t(input.accessibility);
  const kind = t(input.kind) as PointKind;
  const agencyId = /^[1-9]\d{0,9}$/.test(String(input.agencyId ?? '')) ? Number(input.agencyId) : NaN;
  const place = Number.isInteger(agencyId) && agencyId <= 2147483647 ? await placeOf(db, agencyId) : null;
  for (const [k, v] of Object.entries({ name, address, hours, phone, holdings, accessibility })) {
    if (CONTROL.test(v)) p.add(k, '不能包含控制字符。');
    if (UNDECODED.test(v)) p.add(k, '内容含有无法识别的字符，请删除后重新提交。');
  }
  if (!name) p.add('name', '请填写查阅点名称。');
  else if (name.length > LIMITS.name) p.add('name', `查阅点名称不超过 ${LIMITS.name} 字。`);
  if (!POINT_KINDS.includes(kind)) p.add('kind', '请选择类型。');
  if (!place || !officeActs(a, place) || place.govId == null) p.add('agencyId', '请选择本级政府的单位（部门或乡镇）。');
  if (!address) p.add('address', '请填写地址。');
  else if (address.length > LIMITS.address) p.add('address', `地址不超过 ${LIMITS.address} 字。`);
  if (!hours) p.add('hours', '请填写开放时间，如“周一至周五 8:30-12:00，14:30-17:30”。');
  else if (hours.length > LIMITS.hours) p.add('hours', `开放时间不超过 ${LIMITS.hours} 字。`);
  if (phone.length > LIMITS.phone || !PHONE.test(phone)) p.add('phone', `请填写有效的联系电话（数字和“-”，不超过 ${LIMITS.phone} 字）。`);
  if (holdings.length > LIMITS.holdings) p.add('holdings', `可查阅内容不超过 ${LIMITS.holdings} 字。`);
  if (accessibility.length > LIMITS.accessibility) p.add('accessibility', `无障碍设施不超过 ${LIMITS.accessibility} 字。`);
  p.done();
  return { name, kind, agencyId, govId: place!.govId!, address, hours, openSaturday: !!input.openSaturday, openSunday: !!input.openSunday, phone, holdings, accessibility };
}

const strip = ({ submitKey: _k, ...p }: typeof offlinePoints.$inferSelect) => p;

/** The points of the person's own government (its departments' and townships'), active first. */
export async function staffPoints(ctx: Ctx): Promise<PointRow[]> {
  const a = requireRole(ctx.actor, 'office', 'admin');
  if (a.placement.govId == null) return [];
  const rows = await ctx.db.select().from(offlinePoints).innerJoin(agencies, eq(agencies.id, offlinePoints.agencyId))
    .where(eq(offlinePoints.govId, a.placement.govId)).orderBy(asc(agencies.sort), asc(offlinePoints.id));
  return rows.map((r) => ({ ...strip(r.offline_points), agencyName: r.agencies.name })).sort((x, y) => Number(y.active) - Number(x.active));
}

/** One point, for the office that keeps it (anything else: not found). */
export async function staffPoint(ctx: Ctx, id: number): Promise<PointRow> {
  const a = requireRole(ctx.actor, 'office', 'admin');
  const [r] = await ctx.db.select().from(offlinePoints).innerJoin(agencies, eq(agencies.id, offlinePoints.agencyId)).where(eq(offlinePoints.id, id));
  if (!r || !officeActs(a, { id: r.agencies.id, path: r.agencies.path, govId: r.agencies.govId })) throw forbiddenAsNotFound('查阅点');
  return { ...strip(r.offline_points), agencyName: r.agencies.name };
}

/** The agencies a point may belong to: the person's own government, its departments and townships. */
export async function pointOwners(ctx: Ctx): Promise<{ id: number; name: string }[]> {
  const a = requireRole(ctx.actor, 'office', 'admin');
  if (a.placement.govId == null) return [];
  return ctx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.govId, a.placement.govId)).orderBy(asc(agencies.path));
}

/** Registers a point; audited. */
export async function createPoint(ctx: Ctx, input: PointInput): Promise<number> {
  const a = requireRole(ctx.actor, 'office', 'admin');
  const v = await clean(ctx.db, a, input);
  const key = typeof input.submitKey === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(input.submitKey) ? input.submitKey : null;
  return ctx.db.transaction(async (tx) => {
    if (key) {
      const [done] = await tx.select({ id: offlinePoints.id }).from(offlinePoints).where(eq(offlinePoints.submitKey, key));
      if (done) return done.id;
    }
    const [row] = await tx.insert(offlinePoints).values({ ...v, submitKey: key }).onConflictDoNothing({ target: offlinePoints.submitKey }).returning({ id: offlinePoints.id });
    if (!row) {
      const [done] = await tx.select({ id: offlinePoints.id }).from(offlinePoints).where(eq(offlinePoints.submitKey, key!));
      return done!.id;
    }
    await recordAudit(tx, auditActor(a), { action: 'offline.point_created', targetType: 'offline_point', targetId: row!.id, after: v });
    return row!.id;
  });
}

/** Changes a point's facts; audited with what it was. */
export async function updatePoint(ctx: Ctx, id: number, input: PointInput): Promise<void> {
  const a = requireRole(ctx.actor, 'office', 'admin');
  await ctx.db.transaction(async (tx) => {
    const before = await staffPoint({ db: tx, actor: a }, id);
    const v = await clean(tx, a, input);
    await tx.update(offlinePoints).set({ ...v, updatedAt: new Date() }).where(eq(offlinePoints.id, id));
    const { agencyName: _n, createdAt: _c, updatedAt: _u, ...was } = before;
    await recordAudit(tx, auditActor(a), { action: 'offline.point_updated', targetType: 'offline_point', targetId: id, before: was, after: v });
  });
}

/** Takes a point off the public list (it closed, moved) or puts it back; audited. */
export async function setPointActive(ctx: Ctx, id: number, active: boolean): Promise<void> {
  const a = requireRole(ctx.actor, 'office', 'admin');
  await ctx.db.transaction(async (tx) => {
    const p = await staffPoint({ db: tx, actor: a }, id);
    if (p.active === active) throw conflict('unchanged', active ? '该查阅点已在公开。' : '该查阅点已经停用。');
    await tx.update(offlinePoints).set({ active, updatedAt: new Date() }).where(and(eq(offlinePoints.id, id), eq(offlinePoints.active, !active)));
    await recordAudit(tx, auditActor(a), { action: active ? 'offline.point_reactivated' : 'offline.point_deactivated', targetType: 'offline_point', targetId: id, before: { active: !active }, after: { active } });
  });
}

export type PublicPoint = { id: number; name: string; kind: PointKind; agencyName: string; address: string; hours: string; openSaturday: boolean; openSunday: boolean; phone: string; holdings: string; accessibility: string };

/** The active points of a public site's government (all governments' when the site has none), for /chayuedian. */
export async function publicPoints(db: Exec, govId: number | null): Promise<PublicPoint[]> {
  return db.select({
    id: offlinePoints.id, name: offlinePoints.name, kind: offlinePoints.kind, agencyName: agencies.name, address: offlinePoints.address, hours: offlinePoints.hours,
    openSaturday: offlinePoints.openSaturday, openSunday: offlinePoints.openSunday, phone: offlinePoints.phone, holdings: offlinePoints.holdings, accessibility: offlinePoints.accessibility,
  }).from(offlinePoints).innerJoin(agencies, eq(agencies.id, offlinePoints.agencyId))
    .where(and(eq(offlinePoints.active, true), govId == null ? undefined : eq(offlinePoints.govId, govId)))
    .orderBy(asc(agencies.sort), asc(offlinePoints.id));
}
