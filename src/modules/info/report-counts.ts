import { and, eq, gte, inArray, lt, lte, notExists, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Exec } from '../../db/client.js';
import { infoDocuments, infoEditions } from './schema.js';

/**
 * 规章 are promulgated by 令 (立法法 art. 85): a 命令（令） that is not a regulatory document and
 * carries a 令 number (…令第N号). County-level governments have no power to make 规章, so for them
 * this is normally 0.
 */
const isRule = and(eq(infoEditions.kind, '命令（令）'), eq(infoEditions.regulatory, false), sql`${infoEditions.docNumber} ~ '令第[0-9]+号$'`)!;

/** The genres that are enforcement decisions, counted in table 2 of the annual report. */
export const DECISION_KINDS = { licensing: '行政许可决定', penalty: '行政处罚决定', coercion: '行政强制决定' } as const;

export type DocCounts = { made: number; abolished: number; valid: number };
export type InfoReportCounts = { rules: DocCounts; normative: DocCounts; licensing: number; penalty: number; coercion: number };

const yearBounds = (year: number) => ({ start: new Date(`${year}-01-01T00:00:00+08:00`), next: new Date(`${year + 1}-01-01T00:00:00+08:00`) });

/**
 * Figures for table 2 of the annual report (二、主动公开政府信息情况), from the published
 * information of the given agencies:
 * - 规章 and 行政规范性文件 (current public edition): 本年制发 = 成文日期 in the year; 本年废止 =
 *   废止 or 失效 dated in the year (a 修订 is counted through its new document instead);
 *   现行有效 = written by 31 December and not 废止/失效/修订 by then.
 * - 行政许可/行政处罚/行政强制: decisions first published in the year (Asia/Shanghai), except
 *   information withdrawn as published in error.
 */
export async function infoReportCounts(db: Exec, q: { agencyIds: number[]; year: number }): Promise<InfoReportCounts> {
  const empty = { made: 0, abolished: 0, valid: 0 };
  if (!q.agencyIds.length) return { rules: empty, normative: { ...empty }, licensing: 0, penalty: 0, coercion: 0 };
  const start = `${q.year}-01-01`;
  const end = `${q.year}-12-31`;
  const inYear = (c: AnyColumn) => sql`${c} between ${start} and ${end}`;
  const count = (cond: SQL) => sql<number>`count(*) filter (where ${cond})::int`;
  const docs = (cls: SQL) => ({
    made: count(and(cls, inYear(infoEditions.writtenDate))!),
    abolished: count(and(cls, inArray(infoEditions.validity, ['abolished', 'expired']), inYear(infoEditions.validityDate))!),
    valid: count(and(cls, lte(infoEditions.writtenDate, end), or(eq(infoEditions.validity, 'valid'), sql`${infoEditions.validityDate} is null`, sql`${infoEditions.validityDate} > ${end}`))!),
  });
  const [d] = await db
    .select({ rules: docs(isRule), normative: docs(eq(infoEditions.regulatory, true)) })
    .from(infoEditions)
    .innerJoin(infoDocuments, eq(infoDocuments.id, infoEditions.documentId))
    .where(and(eq(infoEditions.state, 'published'), inArray(infoDocuments.agencyId, q.agencyIds)));

  const { start: from, next } = yearBounds(q.year);
  const w = alias(infoEditions, 'w');
  const withdrawnInError = db
    .select({ one: sql`1` })
    .from(w)
    .where(and(eq(w.documentId, infoEditions.documentId), eq(w.state, 'withdrawn'), eq(w.withdrawnInError, true)));
  const rows = await db
    .select({ kind: infoEditions.kind, n: sql<number>`count(*)::int` })
    .from(infoEditions)
    .innerJoin(infoDocuments, eq(infoDocuments.id, infoEditions.documentId))
    .where(
      and(
        inArray(infoDocuments.agencyId, q.agencyIds),
        eq(infoEditions.editionNo, 1),
        inArray(infoEditions.state, ['published', 'superseded', 'withdrawn']),
        inArray(infoEditions.kind, Object.values(DECISION_KINDS)),
        gte(infoEditions.publishedAt, from),
        lt(infoEditions.publishedAt, next),
        notExists(withdrawnInError),
      ),
    )
    .groupBy(infoEditions.kind);
  const decisions = (kind: string) => rows.find((r) => r.kind === kind)?.n ?? 0;
  const num = (o: unknown): DocCounts => {
    const x = o as Record<string, unknown>;
    return { made: Number(x.made ?? 0), abolished: Number(x.abolished ?? 0), valid: Number(x.valid ?? 0) };
  };
  return {
    rules: num(d?.rules),
    normative: num(d?.normative),
    licensing: decisions(DECISION_KINDS.licensing),
    penalty: decisions(DECISION_KINDS.penalty),
    coercion: decisions(DECISION_KINDS.coercion),
  };
}
