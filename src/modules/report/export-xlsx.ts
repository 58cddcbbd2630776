import ExcelJS from 'exceljs';
import { fitRowHeights, printOnA4, TABLE_FONT } from '../../core/office/xlsx-layout.js';
import { reportTitle, type ReportContent } from './content.js';
import { placeCells, table2Grid, table3Grid, table4Grid, type Grid } from './grids.js';

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

/** Column widths per table: label columns wide, number columns narrow. */
const WIDTHS: Record<number, number[]> = {
  4: [24, 20, 20, 20],
  10: [12, 16, 34, ...Array(7).fill(9)],
  15: Array(15).fill(9),
};

/** Tables 2 and 3 print in portrait like the rest of the report; table 4's 15 columns need landscape. */
const orientation = (grid: Grid) => (grid.columns > 10 ? 'landscape' : 'portrait');

/** The report's tables, one sheet each, with the official row and column labels and merged cells. */
export async function reportXlsx(c: ReportContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = c.agencyName;
  wb.title = reportTitle(c);
  for (const grid of [table2Grid(c.tables.t2), table3Grid(c.tables.t3), table4Grid(c.tables.t4)]) writeSheet(wb, grid, reportTitle(c));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function writeSheet(wb: ExcelJS.Workbook, grid: Grid, title: string): void {
  const ws = wb.addWorksheet(grid.title);
  ws.columns = (WIDTHS[grid.columns] ?? Array(grid.columns).fill(12)).map((width) => ({ width }));
  const top = ws.getCell(1, 1);
  top.value = `${title}：${grid.title}`;
  top.font = { ...TABLE_FONT, bold: true, size: 14 };
  top.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.mergeCells(1, 1, 1, grid.columns);
  const firstRow = 2;
  for (const { cell, r, c } of placeCells([...grid.head, ...grid.body])) {
    const row = firstRow + r;
    const column = 1 + c;
    const target = ws.getCell(row, column);
    target.value = cell.value;
    const isHead = cell.head !== undefined;
    const colHead = cell.head === 'col' || cell.head === 'colgroup';
    target.font = { ...TABLE_FONT, bold: colHead };
    if (colHead) target.fill = HEADER_FILL;
    target.alignment = { horizontal: typeof cell.value === 'number' || !isHead || cell.head !== 'row' ? 'center' : 'left', vertical: 'middle', wrapText: true };
    const lastRow = row + (cell.rowSpan ?? 1) - 1;
    const lastCol = column + (cell.colSpan ?? 1) - 1;
    if (lastRow > row || lastCol > column) ws.mergeCells(row, column, lastRow, lastCol);
    // A merged range keeps its border only if each covered cell has one.
    for (let rr = row; rr <= lastRow; rr++) for (let cc = column; cc <= lastCol; cc++) ws.getCell(rr, cc).border = BORDER;
  }
  fitRowHeights(ws);
  // Table 2 has no column header above its blocks: the title row is what repeats.
  printOnA4(ws, { orientation: orientation(grid), titleRows: [1, 1 + grid.head.length] });
}
