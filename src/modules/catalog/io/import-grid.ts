import type { Grid } from './grid.js';
import { readLayout } from './layout.js';
import { fail, type ImportResult } from './result.js';
import { readRows } from './rows.js';

/** The format-independent half of an import: header layout, then rows. */
export function importGrid(grid: Grid, sheetName: string | null = null): ImportResult {
  const layout = readLayout(grid);
  if (!layout.ok) return fail(layout.errors);
  return readRows(grid, layout.layout, sheetName);
}
