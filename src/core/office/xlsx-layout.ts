/**
 * Row heights and print setup for worksheets written with exceljs, so that every cell shows in
 * full in Excel, WPS and LibreOffice.
 *
 * exceljs writes wrapped text without a row height. Excel and WPS then keep the default height
 * for any row with a merged cell, and LibreOffice keeps it for every row of a file it did not
 * write, so wrapped text overlaps the next row or is cut. The height is therefore computed here
 * from the text, the width of the (merged) columns and the font size, and written as a custom
 * height, which all three honour. The estimate errs on the generous side: CJK characters (and
 * the full-width punctuation and box marks of the templates) count as one em, Latin as a wide
 * digit, and a line as 1.5 em, the line height of Noto Sans CJK that LibreOffice falls back to.
 */
import type ExcelJS from 'exceljs';

/** Excel's column width unit: the width of a digit of the 11 pt default font, 7 px at 96 dpi. */
const UNIT_PX = 7;
const PT_PX = 96 / 72;
/** Width of one em of an 11 pt font in column units (14.7 px / 7 px), with a little to spare. */
const EM_UNITS_11PT = (11 * PT_PX) / UNIT_PX + 0.1;
/** Cell padding and border, in column units, taken off each (merged) cell's width. */
const CELL_PADDING_UNITS = 0.8;
/** Line height as a multiple of the font size, and the padding above and below, in points. */
const LINE_EM = 1.5;
const ROW_PADDING_PT = 3;
/** Excel's largest row height. */
export const MAX_ROW_HEIGHT_PT = 409;
/** Width of a column that has none set (Excel's default 8.43, rounded up). */
const DEFAULT_COLUMN_WIDTH = 9;
const DEFAULT_FONT_SIZE = 11;

/** The font of tables in government documents; Excel and WPS have it, LibreOffice substitutes a CJK font. */
export const TABLE_FONT = { name: '宋体', size: DEFAULT_FONT_SIZE } as const;

/**
 * Characters that take a full em: CJK ideographs, kana, hangul, CJK and full-width punctuation,
 * and the symbols CJK fonts draw full-width (“”‘’…, ■□, √, ①…).
 */
const WIDE = /[\u1100-\u115F\u2010-\u2027\u2030-\u205E\u2100-\u23FF\u2460-\u27BF\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\uFE10-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u;

/** Width of one character of an 11 pt font in column units. */
function charUnits(ch: string): number {
  if (WIDE.test(ch)) return EM_UNITS_11PT;
  if (ch === ' ') return 0.6;
  // Latin: a digit is one unit in Calibri and 宋体; LibreOffice's fallback (DejaVu Sans) is 1.33.
  return 1.35;
}

/** Width of a string of an 11 pt font in column units. */
export function textUnits(text: string): number {
  let w = 0;
  for (const ch of text) w += charUnits(ch);
  return w;
}

// Kinsoku: a line never starts with closing punctuation or ends with opening punctuation, so
// those travel with their neighbour; a run of Latin letters and digits breaks only at spaces.
const OPENING = '（「『【〔《〈“‘([{';
const CLOSING = '）」』】〕》〉、。，；：！？”’)]}.,;:!?%';
const TOKEN = new RegExp(`[${escape(OPENING)}]*(?:[!-~]+|\\s+|.)[${escape(CLOSING)}]*`, 'gsu');
function escape(chars: string): string {
  return chars.replace(/[\\\]^[-]/g, '\\$&');
}

/** How many lines a paragraph-broken text takes in a cell `widthUnits` wide (column units, 11 pt). */
export function wrappedLines(text: string, widthUnits: number, fontSize = DEFAULT_FONT_SIZE): number {
  const scale = fontSize / DEFAULT_FONT_SIZE;
  const avail = Math.max(widthUnits - CELL_PADDING_UNITS, EM_UNITS_11PT * scale);
  let lines = 0;
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    lines++;
    let used = 0;
    for (const token of paragraph.match(TOKEN) ?? []) {
      const w = textUnits(token) * scale;
      if (/^\s+$/.test(token)) {
        used += w; // trailing spaces may hang past the edge
        continue;
      }
      if (used + w <= avail) {
        used += w;
        continue;
      }
      if (used > 0) {
        lines++;
        used = 0;
      }
      if (w <= avail) {
        used = w;
        continue;
      }
      // Longer than a line (a long URL or number): broken anywhere.
      for (const ch of token) {
        const cw = charUnits(ch) * scale;
        if (used + cw > avail && used > 0) {
          lines++;
          used = 0;
        }
        used += cw;
      }
    }
  }
  return lines;
}

/** Row height in points for `lines` lines of a `fontSize` pt font. */
export const rowHeightFor = (lines: number, fontSize = DEFAULT_FONT_SIZE): number =>
  Math.min(MAX_ROW_HEIGHT_PT, Math.ceil(lines * fontSize * LINE_EM + ROW_PADDING_PT));

type Span = { top: number; bottom: number; need: number };

/**
 * Sets the height of every row from `fromRow` on so that each cell's text fits: a cell that
 * spans rows gets the sum of their heights, any shortfall shared among them. Heights set
 * before are kept when they are larger. Call after all values, fonts, widths and merges are set.
 */
export function fitRowHeights(ws: ExcelJS.Worksheet, fromRow = 1): void {
  const lastRow = ws.rowCount;
  const lastCol = ws.columnCount;
  const width = (c: number) => ws.getColumn(c).width ?? DEFAULT_COLUMN_WIDTH;
  const heights = new Map<number, number>();
  const spans: Span[] = [];
  for (let r = fromRow; r <= lastRow; r++) {
    heights.set(r, Math.max(ws.getRow(r).height ?? 0, rowHeightFor(1)));
    for (let c = 1; c <= lastCol; c++) {
      const cell = ws.getCell(r, c);
      if (cell.isMerged && cell.master.address !== cell.address) continue;
      const text = cell.text ?? '';
      if (!text) continue;
      let right = c;
      let bottom = r;
      if (cell.isMerged) {
        while (right < lastCol && ws.getCell(r, right + 1).master.address === cell.address) right++;
        while (bottom < lastRow && ws.getCell(bottom + 1, c).master.address === cell.address) bottom++;
      }
      const size = cell.font?.size ?? DEFAULT_FONT_SIZE;
      let units = 0;
      for (let k = c; k <= right; k++) units += width(k);
      const lines = cell.alignment?.wrapText ? wrappedLines(text, units, size) : text.split(/\r\n|\r|\n/).length;
      const need = rowHeightFor(lines, size);
      if (bottom === r) heights.set(r, Math.max(heights.get(r)!, need));
      else spans.push({ top: r, bottom, need });
    }
  }
  // Rows spanned by a merged cell: the smaller spans first, so a larger one sees their growth.
  spans.sort((a, b) => a.bottom - a.top - (b.bottom - b.top));
  for (const s of spans) {
    const rows = Array.from({ length: s.bottom - s.top + 1 }, (_, i) => s.top + i).filter((r) => heights.has(r));
    const have = rows.reduce((n, r) => n + heights.get(r)!, 0);
    if (have >= s.need) continue;
    const extra = (s.need - have) / rows.length;
    for (const r of rows) heights.set(r, heights.get(r)! + extra);
  }
  for (const [r, h] of heights) ws.getRow(r).height = Math.min(MAX_ROW_HEIGHT_PT, Math.ceil(h));
}

export type A4Options = {
  orientation: 'portrait' | 'landscape';
  /** Rows repeated at the top of every printed page, e.g. [2, 3]. */
  titleRows?: [number, number];
};

/**
 * A4 print setup: one page wide and as many tall as needed, narrow margins, centred, the
 * header rows repeated on every page and the page number in the footer.
 */
export function printOnA4(ws: ExcelJS.Worksheet, o: A4Options): void {
  Object.assign(ws.pageSetup, {
    paperSize: 9,
    orientation: o.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  } satisfies Partial<ExcelJS.PageSetup>);
  if (o.titleRows) ws.pageSetup.printTitlesRow = `${o.titleRows[0]}:${o.titleRows[1]}`;
  ws.headerFooter.oddFooter = '&C第 &P 页，共 &N 页';
}
