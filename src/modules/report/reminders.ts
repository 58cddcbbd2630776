import { requireRole } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { draftableAgencies } from './service.js';
import type { ReportState } from './schema.js';
import { daysUntil, reportDeadline, shanghaiToday } from './deadlines.js';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { annualReports } from './schema.js';

export type ReportReminder = {
  agencyId: number;
  agencyName: string;
  agencyKind: string;
  year: number;
  /** 1月31日 for departments and townships, 3月31日 for a county, city or province government (条例 arts. 49–50). */
  deadline: string;
  /** Calendar days left; negative once overdue. */
  daysLeft: number;
  reportId: number | null;
  state: ReportState | null;
};

async function reportsOfYear(db: Db, year: number, agencyIds: number[]): Promise<{ id: number; agencyId: number; state: ReportState }[]> {
  if (!agencyIds.length) return [];
  return db.select({ id: annualReports.id, agencyId: annualReports.agencyId, state: annualReports.state }).from(annualReports).where(and(eq(annualReports.year, year), inArray(annualReports.agencyId, agencyIds)));
}

/** Pure part: which of these agencies have not published their report for `year` yet. */
export function pendingReports(
  agencies: readonly { id: number; name: string; kind: string }[],
  reports: readonly { id: number; agencyId: number; state: ReportState }[],
  year: number,
  today: string,
): ReportReminder[] {
  const byAgency = new Map(reports.map((r) => [r.agencyId, r]));
  return agencies
    .filter((a) => byAgency.get(a.id)?.state !== 'published')
    .map((a) => {
      const r = byAgency.get(a.id);
      const deadline = reportDeadline(a.kind, year);
      return { agencyId: a.id, agencyName: a.name, agencyKind: a.kind, year, deadline, daysLeft: daysUntil(today, deadline), reportId: r?.id ?? null, state: r?.state ?? null };
    })
    .sort((x, y) => x.daysLeft - y.daysLeft);
}

/**
 * The reports for last year that are not published yet, with the days left to the statutory date:
 * every reporting agency of its own government for the office, one's own agency for others. For
 * the report page and the staff dashboard.
 */
export async function annualReportReminders(ctx: Ctx, opts: { today?: string } = {}): Promise<ReportReminder[]> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'admin');
  const today = opts.today ?? shanghaiToday();
  const year = Number(today.slice(0, 4)) - 1;
  const agencies = await draftableAgencies({ ...ctx, actor });
  const reports = await reportsOfYear(ctx.db, year, agencies.map((a) => a.id));
  return pendingReports(agencies, reports, year, today);
}

/** “还剩 12 天” / “今天截止” / “已逾期 3 天”. */
export const daysLeftText = (d: number): string => (d > 0 ? `还剩 ${d} 天` : d === 0 ? '今天截止' : `已逾期 ${-d} 天`);
