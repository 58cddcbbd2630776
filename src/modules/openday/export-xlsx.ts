import ExcelJS from 'exceljs';
import { TABLE_FONT } from '../../core/office/xlsx-layout.js';
import { formatDateTime } from '../../web/components.js';
import type { EventRow, SessionRow } from './events.js';
import type { RegState } from './schema.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Text that a spreadsheet would read as a formula (=, +, -, @ first) is kept as text. */
const inert = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

export const STAFF_STATE_LABELS: Record<RegState, string> = {
  confirmed: '已获名额', waiting: '候补', registered: '待遴选', selected: '已入选', not_selected: '未入选', cancelled: '已取消',
};

type Reg = { sessionId: number; code: string; name: string; phone: string; idMasked: string; state: RegState; submittedAt: Date };

/**
 * The registrants of an event (or of one of its sessions), for the staff who check them in: one
 * sheet per session, the ID number masked as stored (the full number is never kept).
 */
export async function registrationsXlsx(e: EventRow, sessions: SessionRow[], regs: Reg[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.title = e.theme;
  sessions.forEach((s, i) => {
    const ws = wb.addWorksheet(`场次${i + 1}`);
    ws.columns = [{ width: 6 }, { width: 16 }, { width: 14 }, { width: 16 }, { width: 22 }, { width: 10 }, { width: 18 }, { width: 12 }];
    const title = ws.addRow([`${e.theme}　${formatDateTime(s.startsAt)}　${s.place}（名额 ${s.capacity} 人）`]);
    title.font = { ...TABLE_FONT, bold: true };
    ws.mergeCells(1, 1, 1, 8);
    const head = ws.addRow(['序号', '查询码', '姓名', '联系电话', '身份证号码（遮挡）', '状态', '报名时间', '签到']);
    head.font = { ...TABLE_FONT, bold: true };
    regs.filter((r) => r.sessionId === s.id).forEach((r, j) => {
      const row = ws.addRow([j + 1, r.code, inert(r.name), inert(r.phone), r.idMasked, STAFF_STATE_LABELS[r.state], formatDateTime(r.submittedAt), '']);
      row.font = TABLE_FONT;
    });
    ws.views = [{ state: 'frozen', ySplit: 2 }];
  });
  if (!sessions.length) wb.addWorksheet('报名人');
  return Buffer.from(await wb.xlsx.writeBuffer());
}
