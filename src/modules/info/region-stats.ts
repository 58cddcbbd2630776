// Per-government aggregates of published information, for the region dashboard (src/modules/region):
// timeliness as timeliness.ts judges it, computed in the database in one GROUP BY, so a province's
// two million documents never come to Node one by one.
import { sql, type SQL } from 'drizzle-orm';
import { requireRole } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { isWorkday, type Calendar } from '../../core/calendar/calendar.js';
import { isWeekend, type IsoDate } from '../../core/calendar/dates.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { agencies } from '../../core/org/schema.js';
import { governmentsUnder } from '../../core/org/scope.js';
import { inRegion, regionKey, requireOfficeRead, rowsOf, type RegionQuery } from '../region/types.js';
import { ENFORCEMENT_KINDS } from './timeliness.js';

export type TimelinessRegionRow = { key: number; published: number; onTime: number };

const pgArray = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/**
 * The days of [from, to] whose status differs from "Monday to Friday": days off on a weekday
 * (holidays, office entries) and working weekends (调休), for the SQL calendar below.
 */
export function calendarExceptions(cal: Calendar, from: IsoDate, to: IsoDate): { off: IsoDate[]; on: IsoDate[] } {
  const candidates = new Set<IsoDate>([...cal.base.holidays.keys(), ...cal.base.workdays.keys(), ...cal.overrides.keys()]);
  const off: IsoDate[] = [];
  const on: IsoDate[] = [];
  for (const d of [...candidates].filter((x) => x >= from && x <= to).sort()) {
    const work = isWorkday(cal, d);
    if (work && isWeekend(d)) on.push(d);
    else if (!work && !isWeekend(d)) off.push(d);
  }
  return { off, on };
}

/**
 * The working-day calendar of [lo, hi] as SQL: `ord(d, n)` numbers every day by the working days
 * up to it, `wd(n, d)` is the n-th working day. addWorkdays(s, k) (start day not counted) is then
 * the working day numbered ord(s) + k.
 */
function workdayCalendar(cal: Calendar, lo: IsoDate, hi: IsoDate): SQL {
  const { off, on } = calendarExceptions(cal, lo, hi);
  return sql`
    days as (
      select g::date as d, case when g::date = any(${pgArray(off)}::date[]) then false when g::date = any(${pgArray(on)}::date[]) then true
        else extract(isodow from g) < 6 end as work
      from generate_series(${lo}::date, ${hi}::date, interval '1 day') g),
    ord as (select d, work, (sum(case when work then 1 else 0 end) over (order by d))::int as n from days),
    wd as (select n, d from ord where work)`;
}

/**
 * Documents first published in `year` within the region, and how many of them on time, per group.
 * On time as timelinessReport decides it: published by the strictest of 20 working days after
 * formation (条例第二十六条), 7 working days for enforcement decisions, and the time limit of each
 * published catalog item the document fulfils (period, 实时 and annual-date rules). Office only.
 */
export async function timelinessRegionStats(ctx: Ctx, q: RegionQuery & { year: number }): Promise<TimelinessRegionRow[]> {
  const actor = requireRole(ctx.actor, 'office', 'admin');
  requireOfficeRead(actor, q.gov);
  // A document formed before `lo` is more than two years old at publication: late by any rule.
  const lo = `${q.year - 2}-01-01`;
  const hi = `${q.year + 2}-12-31`;
  const cal = await loadCalendar(ctx.db);
  const rows = rowsOf<TimelinessRegionRow>(
    await ctx.db.execute(sql`
      with ${workdayCalendar(cal, lo, hi)},
      docs as (
        select e.id, ${regionKey(q.by)} as key, e.formed_date as formed, e.kind, e.catalog_item_keys as keys,
          (e.published_at at time zone 'Asia/Shanghai')::date as pub, o.n as fn
        from info_editions e
        join info_documents doc on doc.id = e.document_id
        join ${agencies} on ${agencies.id} = doc.agency_id
        left join ord o on o.d = e.formed_date
        where e.edition_no = 1 and e.state in ('published', 'superseded', 'withdrawn') and e.published_at is not null
          and e.published_at >= ${`${q.year}-01-01T00:00:00+08:00`}::timestamptz and e.published_at < ${`${q.year + 1}-01-01T00:00:00+08:00`}::timestamptz
          and ${inRegion(q.gov)} and e.gov_id in (${governmentsUnder(q.gov.path)})),
      rules as (
        select ci.item_key::text as item_key, ci.time_rule->>'kind' as kind, ci.time_rule->>'unit' as unit,
          (ci.time_rule->>'n')::int as n, (ci.time_rule->>'month')::int as month, (ci.time_rule->>'day')::int as day
        from catalog_items ci join catalog_versions v on v.id = ci.version_id and v.state = 'published'
        where ci.time_rule->>'kind' in ('period', 'realtime', 'annual_date')),
      late_by_item as (
        select distinct docs.id from docs
        cross join lateral unnest(docs.keys) k(item_key)
        join rules r on r.item_key = k.item_key
        left join wd w on r.kind = 'period' and r.unit = 'workday' and w.n = docs.fn + r.n
        where docs.fn is not null and docs.pub > case r.kind
          when 'realtime' then docs.formed
          when 'period' then case when r.unit = 'workday' then coalesce(w.d, 'infinity'::date) else docs.formed + r.n end
          else case when make_date(extract(year from docs.formed)::int, r.month, 1) + (r.day - 1) >= docs.formed
            then make_date(extract(year from docs.formed)::int, r.month, 1) + (r.day - 1)
            else make_date(extract(year from docs.formed)::int + 1, r.month, 1) + (r.day - 1) end
          end),
      judged as (
        select docs.key,
          (case when docs.fn is null then docs.formed < ${lo}::date else coalesce(docs.pub > w20.d, false) end)
          or (docs.kind = any(${pgArray(ENFORCEMENT_KINDS)}::text[]) and coalesce(docs.pub > w7.d, false))
          or docs.id in (select id from late_by_item) as late
        from docs
        left join wd w20 on w20.n = docs.fn + 20
        left join wd w7 on w7.n = docs.fn + 7)
      select key, count(*)::int as published, count(*) filter (where not late)::int as "onTime" from judged group by key`),
  );
  return rows.map((r) => ({ key: Number(r.key), published: Number(r.published), onTime: Number(r.onTime) }));
}
