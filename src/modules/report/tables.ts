/**
 * Tables 3 and 4 of the annual report, computed from case and review records (pure functions: no
 * database, so a hand-computed fixture can pin every cell). Dates are `YYYY-MM-DD` strings on the
 * Asia/Shanghai calendar and compare as strings.
 */
import type { ReportCase, ReviewRecord } from '../foi/report-data.js';
import { APPLICANT_CATEGORIES, OUTCOMES, REVIEW_COLUMNS, REVIEW_KINDS, T3_COLUMNS, T3_COLUMN_NAMES, T3_ROWS, type ReviewColumn, type ReviewKind, type T3Column, type T3Row } from './labels.js';

export type Table2 = {
  /** 规章 and 行政规范性文件: 本年制发件数 / 本年废止件数 / 现行有效件数. */
  rules: { made: number; abolished: number; valid: number };
  normative: { made: number; abolished: number; valid: number };
  /** 本年处理决定数量 of 行政许可, 行政处罚, 行政强制. */
  licensing: number;
  penalty: number;
  coercion: number;
  /** 行政事业性收费 本年收费金额 in 万元, as entered by staff (decimal text); null when not yet entered. */
  feesWan: string | null;
};
export type Table3 = Record<T3Row, Record<T3Column, number>>;
export type Table4 = Record<ReviewKind, Record<ReviewColumn, number>>;

const zeroRow = (): Record<T3Column, number> => Object.fromEntries(T3_COLUMNS.map((c) => [c, 0])) as Record<T3Column, number>;
export const emptyTable3 = (): Table3 => Object.fromEntries(T3_ROWS.map((r) => [r, zeroRow()])) as Table3;
export const emptyTable4 = (): Table4 => Object.fromEntries(REVIEW_KINDS.map((k) => [k, Object.fromEntries(REVIEW_COLUMNS.map((c) => [c, 0]))])) as Table4;

const OUTCOME_SET: ReadonlySet<string> = new Set(OUTCOMES);
const CATEGORY_SET: ReadonlySet<string> = new Set(APPLICANT_CATEGORIES);

/**
 * Table 3 for `year`: 一 = received in the year; 二 = received before it and still open on 1 January;
 * 三 = closed in the year, by outcome, （七） their sum; 四 = received by 31 December and still open then.
 * Records the table cannot place (a closed case without a known outcome, an unknown applicant
 * category) are returned as problems instead of being counted somewhere wrong.
 */
export function computeTable3(cases: readonly ReportCase[], year: number): { table: Table3; problems: string[] } {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const t = emptyTable3();
  const unclassified = zeroRow();
  let unknownCategory = 0;
  const add = (row: T3Row, col: T3Column) => {
    t[row][col]++;
    t[row].total++;
  };
  for (const c of cases) {
    if (c.receivedOn > end || (c.closedOn !== null && c.closedOn < start)) continue;
    if (!CATEGORY_SET.has(c.applicantCategory)) {
      unknownCategory++;
      continue;
    }
    const col = c.applicantCategory as T3Column;
    if (c.receivedOn >= start) add('received', col);
    else add('carried_in', col);
    if (c.closedOn !== null && c.closedOn <= end) {
      if (c.outcome !== null && OUTCOME_SET.has(c.outcome)) {
        add(c.outcome as T3Row, col);
        add('closed_total', col);
      } else {
        unclassified[col]++;
        unclassified.total++;
      }
    } else {
      add('carried_out', col);
    }
  }
  const problems: string[] = [];
  if (unknownCategory) problems.push(`表三：有 ${unknownCategory} 件申请的申请人类别无法识别，未计入任何一列，请在依申请公开模块中核对。`);
  for (const col of T3_COLUMNS) {
    if (col !== 'total' && unclassified[col]) problems.push(`表三 ${T3_COLUMN_NAMES[col]}列 第三项：有 ${unclassified[col]} 件本年办结的申请未登记办理结果，请在依申请公开模块中补登。`);
  }
  return { table: t, problems };
}

/**
 * Table 4 for `year`: 结果维持/纠正/其他 count the cases decided in the year by result; 尚未审结 those
 * filed by 31 December and not decided by then; 总计 is the sum of the four.
 */
export function computeTable4(records: readonly ReviewRecord[], year: number): Table4 {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const t = emptyTable4();
  for (const r of records) {
    if (!REVIEW_KINDS.includes(r.kind) || r.filedOn > end) continue;
    const decided = r.result !== 'pending' && r.decidedOn !== null;
    if (decided && r.decidedOn! < start) continue;
    const col: ReviewColumn = decided && r.decidedOn! <= end ? r.result : 'pending';
    t[r.kind][col]++;
    t[r.kind].total++;
  }
  return t;
}
