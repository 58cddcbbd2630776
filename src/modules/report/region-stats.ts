// Per-government aggregates of the annual reports, for the region dashboard (src/modules/region).
import { sql } from 'drizzle-orm';
import { requireRole } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import type { IsoDate } from '../../core/calendar/dates.js';
import { agencies } from '../../core/org/schema.js';
import { inRegion, regionKey, requireOfficeRead, rowsOf, type RegionQuery } from '../region/types.js';
import { MARCH_DEADLINE_KINDS, reportDeadline } from './deadlines.js';
import { REPORTING_KINDS } from './policy.js';
import type { ReportState } from './schema.js';

/**
 * Per group, the reports on `year`: the state of the group's own report (the government's, or the
 * agency's), how many of the other reporting agencies of the group there are and have published,
 * and how many reports of the group are past their statutory date (reportDeadline) unpublished.
 */
export type ReportRegionRow = { key: number; ownState: ReportState | null; others: number; othersPublished: number; overdue: number };

export async function reportRegionStats(ctx: Ctx, q: RegionQuery & { year: number; today: IsoDate }): Promise<ReportRegionRow[]> {
  const actor = requireRole(ctx.actor, 'office', 'admin');
  requireOfficeRead(actor, q.gov);
  const key = regionKey(q.by);
  const rows = rowsOf<{ key: number; own_state: ReportState | null; others: number; others_published: number; overdue: number }>(
    await ctx.db.execute(sql`
      select ${key} as key,
        max(r.state) filter (where ${agencies.id} = ${key}) as own_state,
        count(*) filter (where ${agencies.id} <> ${key})::int as others,
        count(*) filter (where ${agencies.id} <> ${key} and r.state = 'published')::int as others_published,
        count(*) filter (where r.state is distinct from 'published'
          and (case when ${agencies.kind} = any(${`{${MARCH_DEADLINE_KINDS.join(',')}}`}::text[]) then ${reportDeadline('county', q.year)} else ${reportDeadline('department', q.year)} end)::date < ${q.today}::date)::int as overdue
      from ${agencies}
      left join annual_reports r on r.agency_id = ${agencies.id} and r.year = ${q.year}
      where ${agencies.kind} = any(${`{${REPORTING_KINDS.join(',')}}`}::text[]) and ${inRegion(q.gov)}
      group by 1`),
  );
  return rows.map((r) => ({ key: Number(r.key), ownState: r.own_state, others: Number(r.others), othersPublished: Number(r.others_published), overdue: Number(r.overdue) }));
}
