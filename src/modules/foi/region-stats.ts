// Per-government aggregates of applications (依申请公开), for the region dashboard (src/modules/region):
// replies on time from each reply's own record of its due date, and open cases past their live
// deadline from the clock (clock.ts), all in two queries for the whole region.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { requireRole } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { addDays, type IsoDate } from '../../core/calendar/dates.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { agencies } from '../../core/org/schema.js';
import { inRegion, regionKey, requireOfficeRead, rowsOf, type RegionQuery } from '../region/types.js';
import { computeClock, urgency, type ClockEvent } from './clock.js';
import { openStates } from './repository.js';
import { foiApplications, foiEvents } from './schema.js';

/** Per group: replies given in the year with a due date, how many by it, and open cases overdue today. */
export type ApplicationRegionRow = { key: number; replied: number; onTime: number; overdueOpen: number };

/**
 * The on-time rate counts the replies of `year` against the due date each reply recorded when it
 * was made (as the FOI statistics do); overdue counts the open cases whose clock has run out by
 * `today`. Office only, within its reach.
 */
export async function applicationRegionStats(ctx: Ctx, q: RegionQuery & { year: number; today: IsoDate; countStartDay: boolean }): Promise<ApplicationRegionRow[]> {
  const actor = requireRole(ctx.actor, 'office', 'admin');
  requireOfficeRead(actor, q.gov);
  const replies = rowsOf<{ key: number; replied: number; on_time: number }>(
    await ctx.db.execute(sql`
      select ${regionKey(q.by)} as key, count(*)::int as replied,
        count(*) filter (where e."on" <= (e.data->>'dueOn')::date)::int as on_time
      from foi_events e
      join foi_applications a on a.id = e.application_id
      join ${agencies} on ${agencies.id} = a.agency_id
      where e.kind = 'replied' and e.data->>'dueOn' is not null
        and e."on" >= ${`${q.year}-01-01`}::date and e."on" <= ${`${q.year}-12-31`}::date and ${inRegion(q.gov)}
      group by 1`),
  );
  const out = new Map<number, ApplicationRegionRow>();
  const slot = (key: number) => out.get(key) ?? out.set(key, { key, replied: 0, onTime: 0, overdueOpen: 0 }).get(key)!;
  for (const r of replies) Object.assign(slot(Number(r.key)), { replied: Number(r.replied), onTime: Number(r.on_time) });

  // Open cases: only those received more than 20 days ago can be past 20 working days.
  const key = q.by === 'gov' ? agencies.govId : agencies.id;
  const events = await ctx.db
    .select({ caseId: foiEvents.applicationId, key, id: foiEvents.id, kind: foiEvents.kind, on: foiEvents.on, data: foiEvents.data })
    .from(foiEvents)
    .innerJoin(foiApplications, eq(foiApplications.id, foiEvents.applicationId))
    .innerJoin(agencies, eq(agencies.id, foiApplications.agencyId))
    .where(and(inArray(foiApplications.state, openStates), sql`${foiApplications.receivedOn} < ${addDays(q.today, -20)}::date`, inRegion(q.gov)))
    .orderBy(asc(foiEvents.applicationId), asc(foiEvents.id));
  const cal = await loadCalendar(ctx.db);
  const byCase = new Map<number, { key: number; events: ClockEvent[] }>();
  for (const e of events) {
    const c = byCase.get(e.caseId) ?? byCase.set(e.caseId, { key: Number(e.key), events: [] }).get(e.caseId)!;
    c.events.push({ id: e.id, kind: e.kind, on: e.on, data: e.data });
  }
  for (const c of byCase.values()) {
    if (urgency(cal, computeClock(cal, c.events, { countStartDay: q.countStartDay }), q.today, q.countStartDay) === 'overdue') slot(c.key).overdueOpen++;
  }
  return [...out.values()];
}
