/**
 * Tables 2, 3 and 4 laid out as the official format prints them, once, as rows of cells with
 * their spans (HTML table semantics: a row lists the cells that start in it). The HTML page, the
 * XLSX and the DOCX all render these grids, so the three cannot drift apart.
 */
import {
  APPLICANT_CATEGORIES, REVIEW_COLUMNS, REVIEW_KINDS, SECTION_TITLES, T2_CONTENT, T2_DECISIONS, T2_DOC_COLUMNS, T2_FEES, T2_ITEM_1, T2_ITEM_5, T2_ITEM_6, T2_ITEM_8,
  T3_APPLICANTS, T3_CARRIED_IN, T3_CARRIED_OUT, T3_CLOSED_TOTAL, T3_COLUMNS, T3_COLUMN_LABELS, T3_GROUPS, T3_NOTE, T3_ORGS, T3_RECEIVED, T3_RESULTS,
  T4_COLUMN_LABELS, T4_KIND_LABELS, T4_LITIGATION, T4_RECONSIDERATION, type T3Row,
} from './labels.js';
import type { Table2, Table3, Table4 } from './tables.js';

export type GridCell = {
  value: string | number;
  colSpan?: number;
  rowSpan?: number;
  /** A header cell, with its HTML scope. */
  head?: 'col' | 'colgroup' | 'row' | 'rowgroup';
};
export type Grid = { title: string; columns: number; head: GridCell[][]; body: GridCell[][] };

const col = (value: string, colSpan = 1, rowSpan = 1): GridCell => ({ value, colSpan, rowSpan, head: colSpan > 1 ? 'colgroup' : 'col' });
const row = (value: string, colSpan = 1, rowSpan = 1): GridCell => ({ value, colSpan, rowSpan, head: rowSpan > 1 ? 'rowgroup' : 'row' });
const num = (value: string | number, colSpan = 1): GridCell => ({ value, colSpan });

/** 未填写 rather than a blank, so a missing amount is visible on every rendering. */
export const feesText = (v: string | null): string | number => (v == null ? '未填写' : Number(v));

export function table2Grid(t: Table2): Grid {
  const block = (item: string): GridCell[] => [{ value: item, colSpan: 4, head: 'colgroup' }];
  return {
    title: SECTION_TITLES[1],
    columns: 4,
    head: [],
    body: [
      block(T2_ITEM_1),
      [col(T2_CONTENT), ...T2_DOC_COLUMNS.map((c) => col(c))],
      [row('规章'), num(t.rules.made), num(t.rules.abolished), num(t.rules.valid)],
      [row('行政规范性文件'), num(t.normative.made), num(t.normative.abolished), num(t.normative.valid)],
      block(T2_ITEM_5),
      [col(T2_CONTENT), col(T2_DECISIONS, 3)],
      [row('行政许可'), num(t.licensing, 3)],
      block(T2_ITEM_6),
      [col(T2_CONTENT), col(T2_DECISIONS, 3)],
      [row('行政处罚'), num(t.penalty, 3)],
      [row('行政强制'), num(t.coercion, 3)],
      block(T2_ITEM_8),
      [col(T2_CONTENT), col(T2_FEES, 3)],
      [row('行政事业性收费'), num(feesText(t.feesWan), 3)],
    ],
  };
}

export function table3Grid(t: Table3): Grid {
  const cells = (r: T3Row): GridCell[] => T3_COLUMNS.map((c) => num(t[r][c]));
  const resultRows = T3_GROUPS.reduce((n, g) => n + g.rows.length, 0) + 1; // + （七）总计
  const body: GridCell[][] = [[row(T3_RECEIVED, 3), ...cells('received')], [row(T3_CARRIED_IN, 3), ...cells('carried_in')]];
  T3_GROUPS.forEach((g, gi) => {
    g.rows.forEach((leaf, li) => {
      const lead = gi === 0 && li === 0 ? [row(T3_RESULTS, 1, resultRows)] : [];
      const labels = leaf.label === null ? [row(g.label, 2)] : li === 0 ? [row(g.label, 1, g.rows.length), row(leaf.label)] : [row(leaf.label)];
      body.push([...lead, ...labels, ...cells(leaf.code)]);
    });
  });
  body.push([row(T3_CLOSED_TOTAL, 2), ...cells('closed_total')]);
  body.push([row(T3_CARRIED_OUT, 3), ...cells('carried_out')]);
  return {
    title: SECTION_TITLES[2],
    columns: 10,
    head: [
      [col(T3_NOTE, 3, 3), col(T3_APPLICANTS, 7)],
      [col(T3_COLUMN_LABELS.natural, 1, 2), col(T3_ORGS, 5), col(T3_COLUMN_LABELS.total, 1, 2)],
      APPLICANT_CATEGORIES.filter((c) => c !== 'natural').map((c) => col(T3_COLUMN_LABELS[c])),
    ],
    body,
  };
}

export function table4Grid(t: Table4): Grid {
  const five = REVIEW_COLUMNS.map((c) => T4_COLUMN_LABELS[c]);
  return {
    title: SECTION_TITLES[3],
    columns: 15,
    head: [
      [col(T4_RECONSIDERATION, 5), col(T4_LITIGATION, 10)],
      [...five.map((l) => col(l, 1, 2)), col(T4_KIND_LABELS.litigation_direct, 5), col(T4_KIND_LABELS.litigation_after_reconsideration, 5)],
      [...five.map((l) => col(l)), ...five.map((l) => col(l))],
    ],
    body: [REVIEW_KINDS.flatMap((k) => REVIEW_COLUMNS.map((c) => num(t[k][c])))],
  };
}

/**
 * Where each cell lands on the 0-based row/column grid (the HTML table layout rule: a cell takes
 * the next column not covered by a row-spanning cell above it).
 */
export function placeCells(rows: GridCell[][]): { cell: GridCell; r: number; c: number }[] {
  const taken = new Set<string>();
  const out: { cell: GridCell; r: number; c: number }[] = [];
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (taken.has(`${r}:${c}`)) c++;
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) taken.add(`${r + dr}:${c + dc}`);
      out.push({ cell, r, c });
      c += cell.colSpan ?? 1;
    }
  });
  return out;
}
