/**
 * The balance checks of the annual report (勾稽关系). Each failure names the cell that does not
 * hold and what it should be, e.g. “表三 总计列 第（七）项：应为 12，实为 11”.
 */
import { APPLICANT_CATEGORIES, OUTCOMES, REVIEW_KINDS, T3_COLUMNS, T3_COLUMN_NAMES, T3_ROWS, T3_ROW_NAMES, T4_KIND_NAMES } from './labels.js';
import type { Table3, Table4 } from './tables.js';

const t3Cell = (col: (typeof T3_COLUMNS)[number], row: (typeof T3_ROWS)[number]) => `表三 ${T3_COLUMN_NAMES[col]}列 ${T3_ROW_NAMES[row]}`;

/** Last year's published figures the carry-over is compared with. */
export type PreviousYear = { year: number; carriedOut: Table3['carried_out'] };

export function checkTable3(t: Table3, previous?: PreviousYear | null): string[] {
  const out: string[] = [];
  const fail = (msg: string) => {
    // A broken 总计/（七） cell fails both the row and the column sum: say it once.
    if (!out.includes(msg)) out.push(msg);
  };
  // Row totals: 自然人 + the five 法人或其他组织 columns = 总计.
  for (const row of T3_ROWS) {
    const sum = APPLICANT_CATEGORIES.reduce((s, c) => s + t[row][c], 0);
    if (sum !== t[row].total) fail(`${t3Cell('total', row)}：应为 ${sum}，实为 ${t[row].total}`);
  }
  for (const col of T3_COLUMNS) {
    // （七）总计 = the sum of the 21 outcome rows.
    const closed = OUTCOMES.reduce((s, o) => s + t[o][col], 0);
    if (closed !== t.closed_total[col]) fail(`${t3Cell(col, 'closed_total')}：应为 ${closed}，实为 ${t.closed_total[col]}`);
    // 一 + 二 = （七） + 四, named at 四 (what is still open is what was not closed).
    const open = t.received[col] + t.carried_in[col] - t.closed_total[col];
    if (open !== t.carried_out[col]) {
      fail(`${t3Cell(col, 'carried_out')}：应为 ${open}（第一项 ${t.received[col]} ＋ 第二项 ${t.carried_in[col]} － 第（七）项 ${t.closed_total[col]}），实为 ${t.carried_out[col]}`);
    }
    if (previous && previous.carriedOut[col] !== t.carried_in[col]) {
      fail(`${t3Cell(col, 'carried_in')}：应为 ${previous.carriedOut[col]}（${previous.year}年度已公布报告的“结转下年度继续办理”），实为 ${t.carried_in[col]}`);
    }
  }
  return out;
}

export function checkTable4(t: Table4): string[] {
  const out: string[] = [];
  for (const k of REVIEW_KINDS) {
    const r = t[k];
    const sum = r.upheld + r.corrected + r.other + r.pending;
    if (sum !== r.total) out.push(`表四 ${T4_KIND_NAMES[k]} 总计：应为 ${sum}，实为 ${r.total}`);
  }
  return out;
}
