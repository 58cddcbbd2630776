import ExcelJS from 'exceljs';
import { TABLE_FONT } from '../../core/office/xlsx-layout.js';
import { formatDateTime } from '../../web/components.js';
import type { ResponseSheet } from './service.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Text that a spreadsheet would read as a formula (=, +, -, @ first) is kept as text. */
const inert = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** All responses of a survey: one row per response, one column per question (picks joined with ；). */
export async function responsesXlsx(sheet: ResponseSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = sheet.survey.agencyName;
  wb.title = sheet.survey.title;
  const ws = wb.addWorksheet('全部问卷');
  const qs = sheet.survey.questions;
  ws.columns = [{ width: 16 }, { width: 18 }, ...qs.map((q) => ({ width: q.kind === 'text' ? 40 : 20 }))];
  const head = ws.addRow(['回执编号', '提交时间', ...qs.map((q, i) => `${i + 1}. ${q.title}`)]);
  head.font = { ...TABLE_FONT, bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  for (const r of sheet.rows) {
    const row = ws.addRow([r.receipt, formatDateTime(r.at), ...qs.map((q) => {
      const v = r.answers.get(q.id) ?? '';
      return q.kind === 'scale' && v !== '' ? Number(v) : inert(v);
    })]);
    row.font = TABLE_FONT;
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
