import type { CatalogItemInput } from '../types.js';

/** One problem found while importing; `row` is the 1-based spreadsheet row (0 = the file as a whole). */
export type ImportError = { row: number; column: string; message: string };

/**
 * What a file says about itself besides its rows: the lines above the header (title, issuing
 * unit), the sheet's name and the cells of a 领域 column. The import route checks them against
 * the catalog the file goes into.
 */
export type FileHints = { titleLines: string[]; sheetName: string | null; domainCells: { row: number; value: string }[] };

export type ImportResult =
  | { ok: true; items: CatalogItemInput[]; warnings: string[]; hints: FileHints }
  | { ok: false; errors: ImportError[] };

/** Limits agreed for catalogue uploads: a county catalogue has a few hundred rows at most. */
export const MAX_DATA_ROWS = 2000;
export const MAX_CELL_CHARS = 4000;

/** Column name used for errors that concern the whole file rather than a cell. */
export const FILE_COLUMN = '文件';
export const HEADER_COLUMN = '表头';

export function fail(errors: ImportError[]): ImportResult {
  return { ok: false, errors };
}

export function fileError(message: string): ImportResult {
  return fail([{ row: 0, column: FILE_COLUMN, message }]);
}
