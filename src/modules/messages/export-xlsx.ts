import ExcelJS from 'exceljs';
import { TABLE_FONT } from '../../core/office/xlsx-layout.js';
import type { MonthRow } from './queries.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Text that a spreadsheet would read as a formula (=, +, -, @ first) is kept as text. */
const inert = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** A month's figures per agency as one sheet (no writer's details: there are none in the figures). */
export async function statsXlsx(govName: string, month: string, rows: MonthRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = govName;
  wb.title = `${month} 留言办理统计`;
  const ws = wb.addWorksheet(`${month} 留言办理统计`);
  ws.columns = [{ width: 28 }, { width: 10 }, { width: 10 }, { width: 12 }, { width: 18 }, { width: 10 }, { width: 10 }, { width: 12 }, { width: 10 }, { width: 12 }];
  const head = ws.addRow(['单位', '收到', '答复', '按期答复', '平均用时（工作日）', '评价数', '满意', '基本满意', '不满意', '满意率（%）']);
  head.font = { ...TABLE_FONT, bold: true };
  for (const r of rows) ws.addRow([inert(r.agency), r.received, r.answered, r.onTime, r.avgWorkdays ?? '', r.rated, r.satisfied, r.basically, r.unsatisfied, r.satisfaction ?? '']).font = TABLE_FONT;
  const sum = (k: 'received' | 'answered' | 'onTime' | 'rated' | 'satisfied' | 'basically' | 'unsatisfied') => rows.reduce((a, r) => a + r[k], 0);
  ws.addRow(['合计', sum('received'), sum('answered'), sum('onTime'), '', sum('rated'), sum('satisfied'), sum('basically'), sum('unsatisfied'), '']).font = { ...TABLE_FONT, bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
