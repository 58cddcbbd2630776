import { and, asc, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { requireRole, type Actor } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { AppError, conflict, forbidden, forbiddenAsNotFound, invalid, notFound } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { agencies, GOVERNMENT_KINDS } from '../../core/org/schema.js';
import { agencyInGovernment, agencyInReach, agencyOfGovernment, inReach, isOfficeLike } from '../../core/org/scope.js';
import { getAgency, listAgencies, type Agency } from '../org/service.js';
import { infoReportCounts } from '../info/report-counts.js';
import { annualReports, type ReportState } from './schema.js';
import { REPORT_TRANSITIONS, REPORTING_KINDS, availableActions, canDraft, canEdit, canRead, canTransition, isReportingKind, type ReportAction } from './policy.js';
import { computeTable3, computeTable4 } from './tables.js';
import { checkTable3, checkTable4, type PreviousYear } from './checks.js';
import type { ReportContent, ReportSnapshot } from './content.js';
import { reportSources } from './sources.js';
import { shanghaiToday } from './deadlines.js';
import { normaliseFees, parseReportInput, type ReportInput } from './validate.js';

export type Report = typeof annualReports.$inferSelect;

/** The 2021 format (国办公开办函〔2021〕30号) applies from the reports on 2021. */
export const FIRST_YEAR = 2021;
/** What section 六 starts with, so that nobody forgets the 信息处理费 (国办函〔2020〕109号). */
export const OTHER_MATTERS_PROMPT = '（一）信息处理费收取情况：本年度共收取信息处理费 ___ 元（未收取的写 0 元）。\n（二）其他事项：';

const currentYear = () => Number(shanghaiToday().slice(0, 4));

/**
 * An agency and everything under it: the county report covers every agency of the county. Pass
 * only the agencies of the report's government (see `computeContent`), so that a city's report
 * covers the city government and its departments, not its counties (which report themselves).
 */
export function subtreeIds(all: readonly Pick<Agency, 'id' | 'parentId'>[], rootId: number): number[] {
  const out = [rootId];
  for (let i = 0; i < out.length; i++) for (const a of all) if (a.parentId === out[i]) out.push(a.id);
  return out;
}

const ref = (r: Report, agency: Agency) => ({ agency, state: r.state });

async function loadReport(db: Db, id: number, lock = false): Promise<{ report: Report; agency: Agency }> {
  const q = db.select().from(annualReports).where(eq(annualReports.id, id));
  const [report] = lock ? await q.for('update') : await q;
  if (!report) throw notFound('年度报告');
  return { report, agency: await getAgency(db, report.agencyId) };
}

async function previousYear(db: Db, agencyId: number, year: number): Promise<PreviousYear | null> {
  const [prev] = await db
    .select({ snapshot: annualReports.snapshot })
    .from(annualReports)
    .where(and(eq(annualReports.agencyId, agencyId), eq(annualReports.year, year - 1), eq(annualReports.state, 'published')));
  return prev?.snapshot ? { year: year - 1, carriedOut: prev.snapshot.tables.t3.carried_out } : null;
}

/** The report as it would be published now: tables from the records, with every balance check. */
async function computeContent(db: Db, r: Report, agency: Agency): Promise<{ content: ReportContent; failures: string[] }> {
  const sameGovernment = (await listAgencies(db)).filter((a) => a.govId === agency.govId);
  const q = { agencyIds: subtreeIds(sameGovernment, agency.id), year: r.year };
  const counts = await infoReportCounts(db, q);
  const cases = await reportSources.cases(db, q);
  const reviews = await reportSources.reviews(db, q);
  const previous = await previousYear(db, r.agencyId, r.year);
  const { table: t3, problems } = computeTable3(cases, r.year);
  const t4 = computeTable4(reviews, r.year);
  const content: ReportContent = {
    year: r.year,
    agencyId: agency.id,
    agencyName: agency.name,
    county: agency.kind === 'county',
    ...(agency.kind === 'city' || agency.kind === 'province' ? { upperLevel: agency.kind } : {}),
    sections: { overview: r.overview, problems: r.problems, otherMatters: r.otherMatters },
    tables: { t2: { ...counts, feesWan: normaliseFees(r.feesWan) }, t3, t4 },
    publishedAt: null,
  };
  return { content, failures: [...problems, ...checkTable3(t3, previous), ...checkTable4(t4)] };
}

/** What still has to be written or entered before publication (the balance checks come on top). */
export function missingParts(r: Pick<Report, 'year' | 'overview' | 'problems' | 'otherMatters' | 'feesWan'>, thisYear = currentYear()): string[] {
  const out: string[] = [];
  if (r.year >= thisYear) out.push(`${r.year}年度尚未结束，次年方可发布该年度报告。`);
  if (!r.overview.trim()) out.push('“一、总体情况”尚未填写。');
  if (r.feesWan == null) out.push('表二 行政事业性收费：请填写本年收费金额（万元），没有收费的填 0。');
  if (!r.problems.trim()) out.push('“五、存在的主要问题及改进情况”尚未填写。');
  if (!r.otherMatters.includes('信息处理费')) out.push('“六、其他需要报告的事项”须说明信息处理费收取情况（未收取的也请写明）。');
  else if (r.otherMatters.includes('___')) out.push('“六、其他需要报告的事项”中还有未填写的空格（___）。');
  return out;
}

export type StaffReportView = {
  report: Report;
  agency: Agency;
  content: ReportContent;
  /** Balance checks that fail now (empty once published: the snapshot passed them). */
  failures: string[];
  missing: string[];
  actions: ReportAction[];
  editable: boolean;
};

/** A report for its staff: live tables and checks while a draft, the frozen snapshot once published. */
export async function staffReport(ctx: Ctx, id: number): Promise<StaffReportView> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'admin');
  const { report, agency } = await loadReport(ctx.db, id);
  if (!canRead(actor, ref(report, agency))) throw forbiddenAsNotFound('年度报告');
  const base = { report, agency, actions: availableActions(actor, ref(report, agency)), editable: canEdit(actor, ref(report, agency)) };
  if (report.state === 'published' && report.snapshot) return { ...base, content: report.snapshot, failures: [], missing: [] };
  const { content, failures } = await computeContent(ctx.db, report, agency);
  return { ...base, content, failures, missing: missingParts(report) };
}

export type ReportListRow = Report & { agencyName: string };

/** SQL: the agency column is the person's own agency, or for the office within `office` (its reach or its government). */
const ownOr = (column: AnyPgColumn, actor: Actor, office: (c: AnyPgColumn, a: Actor) => SQL): SQL =>
  isOfficeLike(actor) ? or(eq(column, actor.agencyId), office(column, actor))! : eq(column, actor.agencyId);

/**
 * Reports this staff member can see: their own agency's, and for the office every report within
 * its reach (filtered in the query; a city's office lists its counties' too, read-only).
 */
export async function staffReports(ctx: Ctx): Promise<ReportListRow[]> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'admin');
  const rows = await ctx.db
    .select({ r: annualReports, agency: agencies })
    .from(annualReports)
    .innerJoin(agencies, eq(agencies.id, annualReports.agencyId))
    .where(ownOr(annualReports.agencyId, actor, agencyInReach))
    .orderBy(desc(annualReports.year), annualReports.id);
  return rows.filter(({ r, agency }) => canRead(actor, ref(r, agency))).map(({ r, agency }) => ({ ...r, agencyName: agency.name }));
}

/**
 * The agencies this staff member may start a report for: their own, and for the office the
 * reporting agencies of its own government (filtered in the query).
 */
export async function draftableAgencies(ctx: Ctx): Promise<Agency[]> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'admin');
  const rows = await ctx.db
    .select()
    .from(agencies)
    .where(and(ownOr(agencies.id, actor, agencyInGovernment), inArray(agencies.kind, [...REPORTING_KINDS])))
    .orderBy(asc(agencies.sort), asc(agencies.id));
  return rows.filter((a) => canDraft(actor, a));
}

const uniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err.code === '23505' || err.cause?.code === '23505';
};

/** Starts the report of an agency for a year (one per agency and year). */
export async function createReport(ctx: Ctx, input: { agencyId: number; year: number }): Promise<number> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'admin');
  const thisYear = currentYear();
  const yearProblem = `报告年度应在 ${FIRST_YEAR} 年至 ${thisYear} 年之间。`;
  if (!Number.isInteger(input.year) || input.year < FIRST_YEAR || input.year > thisYear) throw invalid(yearProblem, { fields: { year: yearProblem } });
  const agency = await getAgency(ctx.db, input.agencyId);
  // An agency outside the person's reach (a sibling county's, the city's for a county) is not there for them.
  if (!inReach(actor, agency)) throw forbiddenAsNotFound('机构');
  const kindProblem = '村（社区）不单独编制政府信息公开工作年度报告，其信息计入所属乡镇（街道）。';
  if (!isReportingKind(agency.kind)) throw invalid(kindProblem, { fields: { agencyId: kindProblem } });
  if (!canDraft(actor, agency)) {
    throw forbidden(isOfficeLike(actor) ? '只能编制本级政府及其所属机构的年度报告；下级政府的年度报告由其政务公开办编制。' : agency.kind === 'county' ? '县人民政府的年度报告由政务公开办编制。' : '只能编制本机构的年度报告。');
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(annualReports).values({ agencyId: agency.id, year: input.year, otherMatters: OTHER_MATTERS_PROMPT, createdBy: actor.userId }).returning();
      await recordAudit(tx, auditActor(actor), { action: 'report.created', targetType: 'annual_report', targetId: row!.id, after: { agencyId: agency.id, year: input.year } });
      return row!.id;
    });
  } catch (e) {
    if (uniqueViolation(e)) throw conflict('report_exists', `${agency.name}${input.year}年度的报告已经存在，请在列表中打开。`);
    throw e;
  }
}

/** Saves the sections staff write and the fee amount of table 2; a draft only. */
export async function saveReport(ctx: Ctx, id: number, input: ReportInput): Promise<void> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'admin');
  const v = parseReportInput(input);
  await ctx.db.transaction(async (tx) => {
    const { report, agency } = await loadReport(tx, id, true);
    if (!canRead(actor, ref(report, agency))) throw forbiddenAsNotFound('年度报告');
    if (!canEdit(actor, ref(report, agency))) throw conflict('not_editable', report.state === 'draft' ? '您不能修改该年度报告。' : '只有草稿可以修改；已提交的请先由政务公开办退回。');
    await tx.update(annualReports).set({ ...v, updatedAt: new Date() }).where(eq(annualReports.id, id));
    const sizes = (r: { overview: string; problems: string; otherMatters: string; feesWan: string | null }) => ({ overviewChars: r.overview.length, problemsChars: r.problems.length, otherMattersChars: r.otherMatters.length, feesWan: r.feesWan });
    await recordAudit(tx, auditActor(actor), { action: 'report.updated', targetType: 'annual_report', targetId: id, before: sizes(report), after: sizes(v) });
  });
}

/**
 * Moves a report along its state machine. Publishing recomputes the tables, refuses while any
 * balance check fails or a part is missing (all listed at once), and freezes the snapshot.
 */
export async function transitionReport(ctx: Ctx, id: number, action: ReportAction, opts: { comment?: string } = {}): Promise<void> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'admin');
  const t = REPORT_TRANSITIONS[action];
  if (!Object.hasOwn(REPORT_TRANSITIONS, action) || !t) throw invalid('未知的操作。');
  const comment = (opts.comment ?? '').trim();
  if (comment.length > 2000) throw invalid('意见不能超过 2000 个字符。');
  await ctx.db.transaction(async (tx) => {
    const { report, agency } = await loadReport(tx, id, true);
    if (!canRead(actor, ref(report, agency))) throw forbiddenAsNotFound('年度报告');
    if (!canTransition(actor, ref(report, agency), action)) throw conflict('invalid_transition', `当前状态下您不能${t.label}。`);
    if (action === 'return' && !comment) throw invalid('退回时请填写修改意见。');
    const set: Partial<typeof annualReports.$inferInsert> = { state: t.to, reviewNote: action === 'return' ? comment : '', updatedAt: new Date() };
    let tables: unknown;
    if (action === 'publish') {
      const { content, failures } = await computeContent(tx, report, agency);
      const all = [...missingParts(report), ...failures];
      if (all.length) throw new AppError('report_checks_failed', 409, `年度报告未通过发布前校验（共 ${all.length} 项）：${all.join('；')}`, all.map((message) => ({ message })));
      const now = new Date();
      const snapshot: ReportSnapshot = { ...content, publishedAt: now.toISOString(), version: 1 };
      Object.assign(set, { snapshot, publishedAt: now, publishedBy: actor.userId });
      tables = content.tables;
    }
    const moved = await tx.update(annualReports).set(set).where(and(eq(annualReports.id, id), eq(annualReports.state, report.state))).returning({ id: annualReports.id });
    if (moved.length !== 1) throw conflict('invalid_transition', '年度报告状态已变化，请刷新后重试。');
    await recordAudit(tx, auditActor(actor), { action: `report.${action}`, targetType: 'annual_report', targetId: id, before: { state: report.state }, after: { state: t.to, ...(comment ? { comment } : {}), ...(tables ? { tables } : {}) } });
  });
}

// ---- Public (published rows only, filtered in the query) ----
// Each government's site shows its own government's reports only (issue 12): `govId` is the
// site's government (siteScopeOf(req).govId), null for the whole installation.

export type PublishedSummary = { id: number; year: number; agencyId: number; agencyName: string; county: boolean; publishedAt: Date };

const isGovernmentKind = (kind: string) => (GOVERNMENT_KINDS as readonly string[]).includes(kind);

/** Published reports of the site's government, newest year first; the government's own report first within a year. */
export async function publishedReports(db: Db, filter: { year?: number; agencyId?: number; govId?: number | null } = {}): Promise<PublishedSummary[]> {
  const rows = await db
    .select({ id: annualReports.id, year: annualReports.year, agencyId: annualReports.agencyId, snapshot: annualReports.snapshot, publishedAt: annualReports.publishedAt, kind: agencies.kind })
    .from(annualReports)
    .innerJoin(agencies, eq(agencies.id, annualReports.agencyId))
    .where(
      and(
        eq(annualReports.state, 'published'),
        filter.year ? eq(annualReports.year, filter.year) : undefined,
        filter.agencyId ? eq(annualReports.agencyId, filter.agencyId) : undefined,
        agencyOfGovernment(annualReports.agencyId, filter.govId ?? null),
      ),
    )
    .orderBy(desc(annualReports.year), asc(agencies.sort), asc(agencies.id));
  return rows
    .filter((r) => r.snapshot && r.publishedAt)
    .map((r) => ({ row: r, gov: isGovernmentKind(r.kind) }))
    .sort((a, b) => b.row.year - a.row.year || Number(b.gov) - Number(a.gov))
    .map(({ row: r }) => ({ id: r.id, year: r.year, agencyId: r.agencyId, agencyName: r.snapshot!.agencyName, county: r.snapshot!.county, publishedAt: r.publishedAt! }));
}

/** One published report as frozen at publication; another government's report is not found on this site. */
export async function publishedReport(db: Db, id: number, govId: number | null = null): Promise<ReportSnapshot & { id: number }> {
  const [row] = await db
    .select({ snapshot: annualReports.snapshot })
    .from(annualReports)
    .where(and(eq(annualReports.id, id), eq(annualReports.state, 'published'), agencyOfGovernment(annualReports.agencyId, govId)));
  if (!row?.snapshot) throw notFound('年度报告');
  return { ...row.snapshot, id };
}

/** Years and agencies with a published report on the site's government, for the public filters. */
export async function publishedFacets(db: Db, govId: number | null = null): Promise<{ years: number[]; agencies: { id: number; name: string }[] }> {
  const all = await publishedReports(db, { govId });
  const years = [...new Set(all.map((r) => r.year))];
  const agencies = [...new Map(all.map((r) => [r.agencyId, { id: r.agencyId, name: r.agencyName }])).values()];
  return { years, agencies };
}

export type { ReportState };
