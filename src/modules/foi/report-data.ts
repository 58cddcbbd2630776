import { and, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { foiApplications, foiReviews } from './schema.js';

export type ReportCase = {
  agencyId: number;
  applicantCategory: 'natural' | 'business' | 'research' | 'public_interest' | 'legal_service' | 'other_org';
  receivedOn: string /* YYYY-MM-DD */;
  closedOn: string | null;
  outcome: string | null /* table-3 leaf code */;
};
export type ReviewRecord = {
  agencyId: number;
  kind: 'reconsideration' | 'litigation_direct' | 'litigation_after_reconsideration';
  filedOn: string;
  result: 'upheld' | 'corrected' | 'other' | 'pending';
  decidedOn: string | null;
};

/** Cases received on or before Dec 31 of `year` and not closed before Jan 1 of `year`. */
export async function reportCases(db: Db, q: { agencyIds: number[]; year: number }): Promise<ReportCase[]> {
  if (!q.agencyIds.length) return [];
  const a = foiApplications;
  const rows = await db
    .select({ agencyId: a.agencyId, applicantCategory: a.applicantCategory, receivedOn: a.receivedOn, closedOn: a.closedOn, outcome: a.outcome })
    .from(a)
    .where(and(inArray(a.agencyId, q.agencyIds), lte(a.receivedOn, `${q.year}-12-31`), or(isNull(a.closedOn), gte(a.closedOn, `${q.year}-01-01`))));
  // Online applications not yet confirmed have no day of receipt and are not counted anywhere yet.
  return rows.filter((r) => r.receivedOn).map((r) => ({ ...r, receivedOn: r.receivedOn!, applicantCategory: r.applicantCategory as ReportCase['applicantCategory'] }));
}

/** Review records filed in the year or still pending at its start. */
export async function reviewRecords(db: Db, q: { agencyIds: number[]; year: number }): Promise<ReviewRecord[]> {
  if (!q.agencyIds.length) return [];
  const r = foiReviews;
  const start = `${q.year}-01-01`;
  return db
    .select({ agencyId: r.agencyId, kind: r.kind, filedOn: r.filedOn, result: r.result, decidedOn: r.decidedOn })
    .from(r)
    .where(and(inArray(r.agencyId, q.agencyIds), lte(r.filedOn, `${q.year}-12-31`), or(gte(r.filedOn, start), isNull(r.decidedOn), gte(r.decidedOn, start))));
}
