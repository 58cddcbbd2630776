import { cleanText } from './cell-text.js';
import { decodeCsvBytes, parseCsv } from './csv.js';
import { importGrid } from './import-grid.js';
import { fail, FILE_COLUMN, type ImportResult } from './result.js';

/** CSV in the same two-row header layout as the spreadsheet (Excel's "CSV UTF-8" or plain GBK CSV). */
export function importCatalogCsv(input: string | Buffer): ImportResult {
  const text = typeof input === 'string' ? input : decodeCsvBytes(input);
  const parsed = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) {
    const message = `第${parsed.record}行起的引号没有闭合，CSV 文件格式有误`;
    return fail([{ row: parsed.record, column: FILE_COLUMN, message }]);
  }
  return importGrid(parsed.records.map((r) => trimTrailing(r.map(cleanText))));
}

function trimTrailing(cells: string[]): string[] {
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}
