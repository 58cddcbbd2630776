import ExcelJS from 'exceljs';
import { TABLE_FONT } from '../../core/office/xlsx-layout.js';
import { KIND_LABELS, STATE_LABELS } from './items.js';
import type { RegisterRow } from './register.js';

const COLUMNS: { header: string; width: number; value: (r: RegisterRow) => string }[] = [
  { header: '类别', width: 14, value: (r) => KIND_LABELS[r.kind] },
  { header: '届次会次', width: 30, value: (r) => r.session },
  { header: '编号', width: 8, value: (r) => r.number },
  { header: '标题', width: 40, value: (r) => r.title },
  // Names only: the authors' phones stay on the item's page for the staff who handle it.
  { header: '领衔代表或提案人', width: 14, value: (r) => r.leadAuthor.name },
  { header: '主办单位', width: 18, value: (r) => r.hostName },
  { header: '协办单位', width: 24, value: (r) => r.coHandlers.map((c) => c.agencyName).join('、') },
  { header: '交办日期', width: 12, value: (r) => r.assignedOn },
  { header: '答复期限', width: 12, value: (r) => r.due },
  { header: '是否延期', width: 9, value: (r) => (r.extension ? '是' : '否') },
  { header: '状态', width: 12, value: (r) => STATE_LABELS[r.state] },
  { header: '答复日期', width: 12, value: (r) => r.replyOn ?? '' },
  { header: '答复类别', width: 9, value: (r) => r.replyClass ?? '' },
  { header: '超期', width: 10, value: (r) => r.overdue },
  { header: '公开期限', width: 12, value: (r) => r.publishDue ?? '' },
  { header: '公开日期', width: 12, value: (r) => r.publishedOn ?? '' },
  { header: '公开情况', width: 12, value: (r) => r.publishLate },
];

/** The register as a workbook: a title row, a frozen header row, one row per item. */
export async function exportRegisterXlsx(rows: RegisterRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('建议提案办理', { views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }] });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { ...TABLE_FONT, bold: true, size: 14 };
  t.alignment = { horizontal: 'center' };
  const head = ws.getRow(2);
  COLUMNS.forEach((c, i) => { const cell = head.getCell(i + 1); cell.value = c.header; cell.font = { ...TABLE_FONT, bold: true }; });
  rows.forEach((r, j) => {
    const row = ws.getRow(3 + j);
    // Text cells only: a value beginning with = is never a formula.
    COLUMNS.forEach((c, i) => { const cell = row.getCell(i + 1); cell.value = c.value(r); cell.font = TABLE_FONT; cell.alignment = { wrapText: true, vertical: 'top' }; });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
