/**
 * A sheet reduced to trimmed cell text: grid[i][j] is spreadsheet row i+1, column j+1.
 * Both the XLSX and the CSV importers produce one, so the catalogue rules live in one place.
 */
export type Grid = string[][];

export function cell(grid: Grid, rowIndex: number, colIndex: number): string {
  return grid[rowIndex]?.[colIndex] ?? '';
}

export function isBlankRow(row: readonly string[] | undefined): boolean {
  return !row || row.every((c) => c === '');
}
