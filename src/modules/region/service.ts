import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { hasRole, requireRole, supervisedDomains, type Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { forbiddenAsNotFound } from '../../core/errors.js';
import type { IsoDate } from '../../core/calendar/dates.js';
import { agencies } from '../../core/org/schema.js';
import { inReach, officeReads, type AgencyPlace } from '../../core/org/scope.js';
import { catalogRegionStats, overdueCatalogs, type CatalogBucket, type CatalogCounts, type OverdueCatalog } from '../catalog/region-stats.js';
import { listDomains } from '../catalog/queries.js';
import { timelinessRegionStats } from '../info/region-stats.js';
import { applicationRegionStats } from '../foi/region-stats.js';
import { reportRegionStats, type ReportRegionRow } from '../report/region-stats.js';
import { inRegion, type RegionQuery } from './types.js';

/** What one cell of the county × domain matrix says, from the counts of its catalogs. */
export type CellState = 'none' | CatalogBucket;
export const CELL_LABELS: Record<CellState, string> = { none: '未编制', compiling: '编制中', reviewing: '待审核', published: '已发布', overdue: '逾期' };
export type Cell = { state: CellState; counts: CatalogCounts; total: number };

/**
 * The cell's one word: 未编制 without any catalog; 逾期 when any is overdue; otherwise the least
 * advanced — 编制中 while any is still a first draft, 待审核 while any waits, 已发布 when all are.
 */
export function cellOf({ compiling, reviewing, published, overdue }: CatalogCounts): Cell {
  const counts = { compiling, reviewing, published, overdue };
  const total = counts.compiling + counts.reviewing + counts.published + counts.overdue;
  const state: CellState = !total ? 'none' : counts.overdue ? 'overdue' : counts.compiling ? 'compiling' : counts.reviewing ? 'reviewing' : 'published';
  return { state, counts, total };
}

export type Metrics = {
  published: number;
  onTime: number;
  /** Share of the year's documents published within their time limit; null without any. */
  timeliness: number | null;
  replied: number;
  repliedOnTime: number;
  replyRate: number | null;
  overdueApplications: number;
  report: { ownState: ReportRegionRow['ownState']; others: number; othersPublished: number; overdue: number };
  overdueCatalogs: number;
  /** Overdue catalogs + open applications past due + annual reports past their date. */
  overdueItems: number;
};

export type RegionRow = { id: number; name: string; kind: string; parentName: string | null; cells: Map<number, Cell>; metrics: Metrics | null };

export type RegionView = {
  gov: { id: number; name: string; kind: string };
  year: number;
  /** The annual reports looked at: on the year before `year`, due in `year`. */
  reportYear: number;
  today: IsoDate;
  domains: { id: number; name: string }[];
  rows: RegionRow[];
  /** Whether the per-county figures are shown (the office and administrator; a supervisor sees its domains only). */
  office: boolean;
  /** Why there is only one row, when the person's government has no county below it. */
  note: string | null;
};

export type CountyView = RegionView & { county: { id: number; name: string; parentName: string | null }; overdue: (OverdueCatalog & { agencyName: string; domainName: string })[] };

export type RegionOptions = { year: number; today: IsoDate; countStartDay: boolean };

const EMPTY: CatalogCounts = { compiling: 0, reviewing: 0, published: 0, overdue: 0 };
const rate = (n: number, of: number) => (of ? n / of : null);

async function placeOf(ctx: Ctx, id: number): Promise<(AgencyPlace & { name: string; kind: string; parentName: string | null }) | null> {
  const parent = alias(agencies, 'parent');
  const [row] = await ctx.db
    .select({ id: agencies.id, path: agencies.path, govId: agencies.govId, name: agencies.name, kind: agencies.kind, parentName: parent.name })
    .from(agencies)
    .leftJoin(parent, eq(parent.id, agencies.parentId))
    .where(eq(agencies.id, id));
  return row ?? null;
}

/** Who may open the dashboard on this government: the office within reach, a supervisor within reach for its domains. */
function mayRead(actor: Actor, gov: AgencyPlace): { office: boolean } {
  if (officeReads(actor, gov)) return { office: true };
  if (hasRole(actor, 'supervisor') && supervisedDomains(actor).length && inReach(actor, gov)) return { office: false };
  throw forbiddenAsNotFound('县区情况');
}

async function domainsFor(ctx: Ctx, actor: Actor, office: boolean) {
  const all = await listDomains(ctx.db);
  const own = supervisedDomains(actor);
  return all.filter((d) => (office ? d.pilot : own.includes(d.id))).map((d) => ({ id: d.id, name: d.name }));
}

/** Fills each row's cells and figures from the modules' aggregates, grouped the same way. */
async function fill(ctx: Ctx, q: RegionQuery, rows: RegionRow[], domainIds: number[], office: boolean, o: RegionOptions): Promise<void> {
  const reportYear = o.year - 1;
  const [catalogs, info, foi, reports] = await Promise.all([
    catalogRegionStats(ctx, { ...q, domainIds, today: o.today }),
    office ? timelinessRegionStats(ctx, { ...q, year: o.year }) : [],
    office ? applicationRegionStats(ctx, { ...q, year: o.year, today: o.today, countStartDay: o.countStartDay }) : [],
    office ? reportRegionStats(ctx, { ...q, year: reportYear, today: o.today }) : [],
  ]);
  const byKey = new Map(rows.map((r) => [r.id, r]));
  for (const c of catalogs) byKey.get(c.key)?.cells.set(c.domainId, cellOf(c));
  for (const r of rows) for (const d of domainIds) if (!r.cells.has(d)) r.cells.set(d, cellOf(EMPTY));
  if (!office) return;
  const infoBy = new Map(info.map((x) => [x.key, x]));
  const foiBy = new Map(foi.map((x) => [x.key, x]));
  const reportBy = new Map(reports.map((x) => [x.key, x]));
  for (const r of rows) {
    const i = infoBy.get(r.id) ?? { published: 0, onTime: 0 };
    const f = foiBy.get(r.id) ?? { replied: 0, onTime: 0, overdueOpen: 0 };
    const rep = reportBy.get(r.id) ?? { ownState: null, others: 0, othersPublished: 0, overdue: 0 };
    const overdueCatalogs = [...r.cells.values()].reduce((n, c) => n + c.counts.overdue, 0);
    r.metrics = {
      published: i.published, onTime: i.onTime, timeliness: rate(i.onTime, i.published),
      replied: f.replied, repliedOnTime: f.onTime, replyRate: rate(f.onTime, f.replied), overdueApplications: f.overdueOpen,
      report: { ownState: rep.ownState, others: rep.others, othersPublished: rep.othersPublished, overdue: rep.overdue },
      overdueCatalogs, overdueItems: overdueCatalogs + f.overdueOpen + rep.overdue,
    };
  }
}

const row = (a: { id: number; name: string; kind: string; parentName: string | null }): RegionRow => ({ ...a, cells: new Map(), metrics: null });

/**
 * The dashboard of the person's government: one row per county-level government below it (a
 * city's counties, a province's), or the county itself for a county's own staff, each with the
 * county × domain matrix and, for the office, the county's figures. All in one aggregate query
 * per module, grouped by `agencies.gov_id`.
 */
export async function regionDashboard(ctx: Ctx, o: RegionOptions): Promise<RegionView> {
  const actor = requireRole(ctx.actor, 'office', 'admin', 'supervisor');
  const gov = await placeOf(ctx, actor.placement.govId);
  if (!gov) throw forbiddenAsNotFound('县区情况');
  const { office } = mayRead(actor, gov);
  const domains = await domainsFor(ctx, actor, office);
  const parent = alias(agencies, 'parent');
  const counties = await ctx.db
    .select({ id: agencies.id, name: agencies.name, kind: agencies.kind, parentName: parent.name })
    .from(agencies)
    .leftJoin(parent, eq(parent.id, agencies.parentId))
    .where(and(eq(agencies.kind, 'county'), inRegion(gov)))
    .orderBy(asc(agencies.path), asc(agencies.sort));
  const rows = counties.map(row);
  await fill(ctx, { gov, by: 'gov' }, rows, domains.map((d) => d.id), office, o);
  const note = gov.kind === 'county' ? '您所在的是县级政府：这里只显示本县的情况。市、省政务公开办在这里看到下辖各县（市、区）。' : !rows.length ? '本级政府下尚无县级政府。' : null;
  return { gov: { id: gov.id, name: gov.name, kind: gov.kind }, year: o.year, reportYear: o.year - 1, today: o.today, domains, rows, office, note };
}

/** Kinds listed in a county's drill-down: its government, departments, townships and streets (villages when they have catalogs). */
const DRILL_KINDS = ['county', 'department', 'township', 'street'] as const;

/** One county's drill-down: the same matrix and figures per agency of the county, and its overdue catalogs. */
export async function countyDetail(ctx: Ctx, countyId: number, o: RegionOptions): Promise<CountyView> {
  const actor = requireRole(ctx.actor, 'office', 'admin', 'supervisor');
  const county = await placeOf(ctx, countyId);
  if (!county || county.kind !== 'county') throw forbiddenAsNotFound('县区情况');
  const { office } = mayRead(actor, county);
  const domains = await domainsFor(ctx, actor, office);
  const q: RegionQuery = { gov: county, by: 'agency' };
  const overdue = await overdueCatalogs(ctx, { ...q, domainIds: domains.map((d) => d.id), today: o.today });
  const members = await ctx.db
    .select({ id: agencies.id, name: agencies.name, kind: agencies.kind })
    .from(agencies)
    .where(and(eq(agencies.govId, county.id), sql`(${inArray(agencies.kind, [...DRILL_KINDS])} or ${agencies.id} in (select agency_id from catalogs))`))
    .orderBy(asc(agencies.path), asc(agencies.sort));
  const rows = members.map((m) => row({ ...m, parentName: null }));
  await fill(ctx, q, rows, domains.map((d) => d.id), office, o);
  const names = new Map(members.map((m) => [m.id, m.name]));
  const domainNames = new Map(domains.map((d) => [d.id, d.name]));
  return {
    gov: { id: county.id, name: county.name, kind: county.kind }, county: { id: county.id, name: county.name, parentName: county.parentName },
    year: o.year, reportYear: o.year - 1, today: o.today, domains, rows, office, note: null,
    overdue: overdue.map((c) => ({ ...c, agencyName: names.get(c.agencyId) ?? '', domainName: domainNames.get(c.domainId) ?? '' })),
  };
}
