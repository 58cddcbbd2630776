// Aggregates of 好差评, per item (or window) and per handling agency: the count, the share rated
// 满意 or better, the 差评 count and the 整改率 (差评 whose order recorded a rectification).
// Ratings whose appeal was accepted are left out of every figure.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { requireRole } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { agencies } from '../../core/org/schema.js';
import { ratingOrders, ratings } from './schema.js';
import { periodWhere, ratingScope, STAFF_ROLES, type RatingFilters } from './ratings.js';

export type Aggregate = { key: string; name: string; agencyName: string; count: number; satisfied: number; bad: number; rectified: number };
export type Aggregates = { items: Aggregate[]; agencies: Aggregate[]; total: Aggregate };

/** 满意及以上 as a share, e.g. 87.5%; — without ratings. */
export const shareText = (n: number, of: number): string => (of ? `${(Math.round((n / of) * 1000) / 10).toFixed(1)}%` : '—');

async function aggregate(db: Db | Exec, where: SQL[]): Promise<Aggregates> {
  const rows = await db.select({
    target: ratings.target, guideCode: ratings.guideCode, windowId: ratings.windowId, targetName: sql<string>`max(${ratings.targetName})`,
    agencyId: ratings.agencyId, agencyName: agencies.name, sort: agencies.sort,
    count: sql<number>`count(*)::int`,
    satisfied: sql<number>`count(*) filter (where ${ratings.level} >= 4)::int`,
    bad: sql<number>`count(*) filter (where ${ratings.level} <= 2)::int`,
    rectified: sql<number>`count(*) filter (where ${ratings.level} <= 2 and ${ratingOrders.rectifiedOn} is not null)::int`,
  }).from(ratings).innerJoin(agencies, eq(agencies.id, ratings.agencyId)).leftJoin(ratingOrders, eq(ratingOrders.ratingId, ratings.id))
    .where(and(eq(ratings.excluded, false), ...where))
    .groupBy(ratings.target, ratings.guideCode, ratings.windowId, ratings.agencyId, agencies.name, agencies.sort)
    .orderBy(asc(agencies.sort), asc(ratings.agencyId), asc(ratings.target), asc(ratings.guideCode), asc(ratings.windowId));
  const items: Aggregate[] = rows.map((r) => ({ key: r.guideCode ?? `w${r.windowId}`, name: r.targetName, agencyName: r.agencyName, count: r.count, satisfied: r.satisfied, bad: r.bad, rectified: r.rectified }));
  const byAgency = new Map<number, Aggregate>();
  const total: Aggregate = { key: 'total', name: '合计', agencyName: '', count: 0, satisfied: 0, bad: 0, rectified: 0 };
  for (const r of rows) {
    const a = byAgency.get(r.agencyId) ?? { key: String(r.agencyId), name: r.agencyName, agencyName: r.agencyName, count: 0, satisfied: 0, bad: 0, rectified: 0 };
    for (const x of [a, total]) { x.count += r.count; x.satisfied += r.satisfied; x.bad += r.bad; x.rectified += r.rectified; }
    byAgency.set(r.agencyId, a);
  }
  return { items, agencies: [...byAgency.values()], total };
}

/** The published aggregates of a government's site (null: the whole installation). */
export async function publicAggregates(db: Db | Exec, govId: number | null, f: RatingFilters = {}): Promise<Aggregates> {
  return aggregate(db, [...(govId == null ? [] : [eq(ratings.govId, govId)]), ...periodWhere(f)]);
}

/** The same figures for staff, within their scope, by period and agency. */
export async function staffAggregates(ctx: Ctx, f: RatingFilters = {}): Promise<Aggregates> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  return aggregate(ctx.db, [ratingScope(actor), ...periodWhere(f)]);
}
