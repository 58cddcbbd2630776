import ExcelJS from 'exceljs';
import { fitRowHeights, TABLE_FONT } from '../../core/office/xlsx-layout.js';
import { CATEGORIES, SEVERITIES } from './schema.js';
import { CATEGORY_LABELS, SEVERITY_LABELS } from './labels.js';
import type { StatsGroup, StatsTable } from './staff.js';

const at = (d: Date | null) => (d ? new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d) : '');
const share = (g: StatsGroup) => (g.onTimeShare == null ? '' : `${Math.round(g.onTimeShare * 1000) / 10}%`);
export const onTimeText = (v: boolean | null) => (v == null ? '时限未到' : v ? '按时' : '超时');

/** The statistics of a period: one sheet of items, one of groups (category, severity, total). */
export async function statsXlsx(t: StatsTable, title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.title = title;
  const head = (ws: ExcelJS.Worksheet, cols: [string, number][]) => {
    ws.columns = cols.map(([, width]) => ({ width }));
    ws.getCell(1, 1).value = title;
    ws.getCell(1, 1).font = { ...TABLE_FONT, bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, cols.length);
    const r = ws.getRow(2);
    cols.forEach(([label], i) => { r.getCell(i + 1).value = label; r.getCell(i + 1).font = { ...TABLE_FONT, bold: true }; });
  };
  const items = wb.addWorksheet('逐条统计');
  head(items, [['编号', 8], ['舆情摘要', 40], ['类别', 24], ['级别', 10], ['突发事件', 10], ['第一责任单位', 20], ['首次发现时间', 18], ['首次回应时间', 18], ['用时（小时）', 12], ['是否按时', 10]]);
  for (const i of t.items) {
    const row = items.addRow([i.id, i.summary, CATEGORY_LABELS[i.category], SEVERITY_LABELS[i.severity], i.emergency ? '是' : '否', i.agencyName, at(i.firstSeenAt), at(i.firstResponseAt), i.hours ?? '', onTimeText(i.onTime)]);
    row.eachCell((c) => { c.font = { ...TABLE_FONT }; c.alignment = { vertical: 'middle', wrapText: true }; });
  }
  const groups = wb.addWorksheet('分类汇总');
  head(groups, [['分组', 12], ['类别或级别', 34], ['舆情数', 10], ['已回应', 10], ['平均用时（小时）', 16], ['按时', 10], ['已到时限', 10], ['按时率', 10]]);
  const add = (kind: string, label: string, g: StatsGroup) => groups.addRow([kind, label, g.count, g.responded, g.averageHours ?? '', g.onTime, g.decided, share(g)]).eachCell((c) => { c.font = { ...TABLE_FONT }; });
  for (const c of CATEGORIES) add('类别', CATEGORY_LABELS[c], t.byCategory[c]);
  for (const s of SEVERITIES) add('级别', SEVERITY_LABELS[s], t.bySeverity[s]);
  add('合计', '全部', t.total);
  fitRowHeights(items, 3);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
