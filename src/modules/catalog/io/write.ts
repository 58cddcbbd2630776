import type { CatalogItemInput } from '../types.js';
import { canonicalItem } from './canonical.js';
import { stringifyCsv } from './csv.js';
import { exportColumns, headerRows } from './export-layout.js';

/** UTF-8 with BOM so Excel on Chinese Windows does not read it as GBK; two header rows, no title. */
export function exportCatalogCsv(items: CatalogItemInput[]): string {
  const clean = items.map(canonicalItem);
  const columns = exportColumns(clean);
  const body = clean.map((item, index) => columns.map((c) => c.value(item, index)));
  return '\uFEFF' + stringifyCsv([...headerRows(columns), ...body]);
}

export function exportCatalogJson(items: CatalogItemInput[]): string {
  return JSON.stringify(items.map(canonicalItem), null, 2);
}
