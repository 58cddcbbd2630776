import ExcelJS from 'exceljs';
import { cellText, cleanText } from './cell-text.js';
import type { Grid } from './grid.js';

export type SheetGrid = { name: string; grid: Grid };

/** Wider than any catalogue layout seen (about 20 columns); guards against sheets styled to XFD. */
const MAX_COLUMNS = 100;

/**
 * Reads every visible worksheet into a Grid, or returns null when the bytes are not a workbook.
 * Merged cells read as their master cell's value (exceljs does this for slave cells), which is
 * exactly what a vertically merged 一级事项 means: the value repeats on each row.
 */
export async function readXlsxGrids(buf: Buffer): Promise<SheetGrid[] | null> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    return null;
  }
  const sheets: SheetGrid[] = [];
  for (const ws of wb.worksheets) {
    if (ws.state === 'hidden' || ws.state === 'veryHidden') continue;
    sheets.push({ name: ws.name, grid: sheetGrid(ws) });
  }
  return sheets;
}

function sheetGrid(ws: ExcelJS.Worksheet): Grid {
  const grid: Grid = [];
  const width = Math.min(ws.columnCount, MAX_COLUMNS);
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cleanText(cellText(row.getCell(c).value)));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    grid[rowNumber - 1] = cells;
  });
  // eachRow skips missing rows, leaving holes; the importer expects every index to be an array.
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return grid;
}
