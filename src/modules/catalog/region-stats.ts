// Per-government aggregates of the catalogs, for the region dashboard (src/modules/region): how far
// each county's (or agency's) catalogs of each domain have come, in one GROUP BY.
import { sql, type SQL } from 'drizzle-orm';
import { hasRole, requireRole, supervisedDomains } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { forbiddenAsNotFound } from '../../core/errors.js';
import { addWorkdays, type Calendar } from '../../core/calendar/calendar.js';
import { addDays, type IsoDate } from '../../core/calendar/dates.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { agencies } from '../../core/org/schema.js';
import { inReach, officeReads } from '../../core/org/scope.js';
import { inRegion, intArray, regionKey, rowsOf, type RegionQuery } from '../region/types.js';

/** A version waiting in review, for publication or for the agency's fix longer than this is overdue. */
export const STALL_WORKDAYS = 20;
/** A published catalog not adjusted (动态调整) for longer than this is overdue for its review. */
export const ADJUST_MONTHS = 12;

/**
 * Where one catalog stands. `overdue` wins over the others: a version stalled more than
 * STALL_WORKDAYS in 待审核 / 待发布 / 已退回, or a published catalog with nothing new for more than
 * ADJUST_MONTHS. Otherwise `published` once any version is published, `reviewing` while the first
 * version is submitted or approved, `compiling` while it is a draft or returned.
 */
export type CatalogBucket = 'compiling' | 'reviewing' | 'published' | 'overdue';
export type CatalogCounts = Record<CatalogBucket, number>;
export type CatalogRegionRow = { key: number; domainId: number } & CatalogCounts;
export type OverdueCatalog = { catalogId: number; agencyId: number; domainId: number; reason: 'stalled' | 'unadjusted'; state: string; since: IsoDate };

/** The last day a version may have entered its state and be overdue today (STALL_WORKDAYS passed). */
export function stalledOnOrBefore(cal: Calendar, today: IsoDate): IsoDate {
  let d = addDays(today, -1);
  while (addWorkdays(cal, d, STALL_WORKDAYS) >= today) d = addDays(d, -1);
  return d;
}

/** Who reads which domains' catalogs here: the office all, a supervisor (领域指导单位) its own domains within reach. */
function readableDomains(ctx: Ctx, q: RegionQuery, domainIds: readonly number[]): number[] {
  const actor = requireRole(ctx.actor, 'office', 'admin', 'supervisor');
  if (officeReads(actor, q.gov)) return [...domainIds];
  const own = supervisedDomains(actor);
  if (!hasRole(actor, 'supervisor') || !own.length || !inReach(actor, q.gov)) throw forbiddenAsNotFound('县区目录情况');
  return domainIds.filter((d) => own.includes(d));
}

/** Each catalog of the domains in the region, with its open and published version and the date its open version entered its state. */
function catalogsWithState(q: RegionQuery, domainIds: number[]): SQL {
  return sql`
    select c.id as catalog_id, c.agency_id, c.domain_id, ${regionKey(q.by)} as key, o.state as open_state, p.id as published_id,
      (coalesce(p.published_at, p.created_at) at time zone 'Asia/Shanghai')::date as published_on,
      case when o.state in ('submitted', 'approved', 'returned') then
        (coalesce((select max(t.at) from catalog_transitions t where t.version_id = o.id), o.created_at) at time zone 'Asia/Shanghai')::date end as waiting_since
    from catalogs c
    join ${agencies} on ${agencies.id} = c.agency_id
    left join catalog_versions o on o.catalog_id = c.id and o.state in ('draft', 'submitted', 'returned', 'approved')
    left join catalog_versions p on p.catalog_id = c.id and p.state = 'published'
    where c.domain_id = any(${intArray(domainIds)}::int[]) and ${inRegion(q.gov)}`;
}

const overdueWhen = (stalledBy: IsoDate, today: IsoDate) => ({
  stalled: sql`waiting_since <= ${stalledBy}::date`,
  unadjusted: sql`(published_id is not null and open_state is null and published_on < ${today}::date - make_interval(months => ${ADJUST_MONTHS}::int))`,
});

/**
 * The catalogs of the region, counted per group (government or agency) and domain by where they
 * stand. A supervisor gets only the domains it supervises; an office reads all within reach.
 */
export async function catalogRegionStats(ctx: Ctx, q: RegionQuery & { domainIds: readonly number[]; today: IsoDate }): Promise<CatalogRegionRow[]> {
  const domainIds = readableDomains(ctx, q, q.domainIds);
  if (!domainIds.length) return [];
  const late = overdueWhen(stalledOnOrBefore(await loadCalendar(ctx.db), q.today), q.today);
  const rows = rowsOf<CatalogRegionRow>(
    await ctx.db.execute(sql`
      select key, domain_id as "domainId",
        count(*) filter (where b = 'compiling')::int as compiling, count(*) filter (where b = 'reviewing')::int as reviewing,
        count(*) filter (where b = 'published')::int as published, count(*) filter (where b = 'overdue')::int as overdue
      from (
        select key, domain_id, case
          when ${late.stalled} or ${late.unadjusted} then 'overdue'
          when published_id is not null then 'published'
          when open_state in ('submitted', 'approved') then 'reviewing'
          else 'compiling' end as b
        from (${catalogsWithState(q, domainIds)}) s
      ) x
      group by key, domain_id`),
  );
  return rows.map((r) => ({ ...r, key: Number(r.key), domainId: Number(r.domainId) }));
}

/** The overdue catalogs of the region, each with why and since when (for a county's drill-down). */
export async function overdueCatalogs(ctx: Ctx, q: RegionQuery & { domainIds: readonly number[]; today: IsoDate }): Promise<OverdueCatalog[]> {
  const domainIds = readableDomains(ctx, q, q.domainIds);
  if (!domainIds.length) return [];
  const late = overdueWhen(stalledOnOrBefore(await loadCalendar(ctx.db), q.today), q.today);
  const rows = rowsOf<{ catalog_id: number; agency_id: number; domain_id: number; stalled: boolean; state: string | null; waiting_since: string | null; published_on: string }>(
    await ctx.db.execute(sql`
      select catalog_id, agency_id, domain_id, ${late.stalled} as stalled, open_state as state, waiting_since::text, published_on::text
      from (${catalogsWithState(q, domainIds)}) s
      where ${late.stalled} or ${late.unadjusted}
      order by agency_id, domain_id`),
  );
  return rows.map((r) => ({
    catalogId: Number(r.catalog_id), agencyId: Number(r.agency_id), domainId: Number(r.domain_id),
    reason: r.stalled ? 'stalled' : 'unadjusted', state: r.stalled ? r.state! : 'published', since: r.stalled ? r.waiting_since! : r.published_on,
  }));
}
