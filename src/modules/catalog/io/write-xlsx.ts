import ExcelJS from 'exceljs';
import { fitRowHeights, printOnA4, TABLE_FONT } from '../../../core/office/xlsx-layout.js';
import type { CatalogItemInput } from '../types.js';
import { canonicalItem } from './canonical.js';
import { exportColumns, type ExportColumn } from './export-layout.js';

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const TITLE_ROW = 1;
const TOP_ROW = 2;
const SUB_ROW = 3;

/** The ■/□ checklist of all 13 channels is the longest cell of most rows: wider than the CSV's column. */
const CHANNELS_WIDTH = 44;

/**
 * The catalogue as counties publish it: a title row, the two-row merged header, one row per item
 * with √ marks and the ■/□ channel checklist. Header rows stay frozen while scrolling and repeat
 * on every printed page; rows are as tall as their longest cell (see core/office/xlsx-layout).
 */
export async function exportCatalogXlsx(items: CatalogItemInput[], opts: { title: string }): Promise<Buffer> {
  const clean = items.map(canonicalItem);
  const columns = exportColumns(clean);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('标准目录', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: SUB_ROW }],
  });
  ws.columns = columns.map((c) => ({ width: c.group === '公开渠道和载体' ? Math.max(c.width, CHANNELS_WIDTH) : c.width }));

  writeTitle(ws, opts.title, columns.length);
  writeHeader(ws, columns);
  clean.forEach((item, index) => {
    const row = ws.getRow(SUB_ROW + 1 + index);
    columns.forEach((c, j) => {
      const target = row.getCell(j + 1);
      target.value = c.value(item, index);
      target.border = BORDER;
      target.font = TABLE_FONT;
      target.alignment = c.mark
        ? { horizontal: 'center', vertical: 'middle' }
        : { horizontal: c.group === '序号' ? 'center' : 'left', vertical: 'middle', wrapText: true };
    });
  });
  fitRowHeights(ws);
  printOnA4(ws, { orientation: 'landscape', titleRows: [TOP_ROW, SUB_ROW] });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function writeTitle(ws: ExcelJS.Worksheet, title: string, width: number): void {
  const c = ws.getCell(TITLE_ROW, 1);
  c.value = title;
  c.font = { ...TABLE_FONT, bold: true, size: 16 };
  c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  if (width > 1) ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, width);
}

function writeHeader(ws: ExcelJS.Worksheet, columns: readonly ExportColumn[]): void {
  columns.forEach((c, j) => {
    for (const [r, value] of [
      [TOP_ROW, c.group],
      [SUB_ROW, c.sub ?? c.group],
    ] as const) {
      const target = ws.getCell(r, j + 1);
      target.value = value;
      target.font = { ...TABLE_FONT, bold: true };
      target.fill = HEADER_FILL;
      target.border = BORDER;
      target.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
  });
  // Merge vertically where a header has no sub-columns, horizontally over each group's sub-columns.
  let j = 0;
  while (j < columns.length) {
    const c = columns[j]!;
    let end = j;
    while (c.sub !== null && columns[end + 1]?.sub !== null && columns[end + 1]?.group === c.group) end++;
    if (c.sub === null) ws.mergeCells(TOP_ROW, j + 1, SUB_ROW, j + 1);
    else if (end > j) ws.mergeCells(TOP_ROW, j + 1, TOP_ROW, end + 1);
    j = end + 1;
  }
}
