import ExcelJS from 'exceljs';
import { fitRowHeights, printOnA4, TABLE_FONT } from '../../core/office/xlsx-layout.js';
import type { RegionView } from './service.js';
import { cellString, DEFINITIONS, FIGURE_HEADERS, figureCells, showsParent, TITLE } from './labels.js';

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

type Sheet = { name: string; title: string; widths: number[]; head: string[]; body: (string | number)[][] };

/** One table on A4 landscape: the title over all columns, the header row repeated on every page, the definitions below. */
function writeSheet(wb: ExcelJS.Workbook, s: Sheet, notes: string[]): void {
  const ws = wb.addWorksheet(s.name);
  ws.columns = s.widths.map((width) => ({ width }));
  const n = s.widths.length;
  const title = ws.getCell(1, 1);
  title.value = s.title;
  title.font = { ...TABLE_FONT, bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.mergeCells(1, 1, 1, n);
  [s.head, ...s.body].forEach((values, i) => {
    values.forEach((value, c) => {
      const cell = ws.getCell(2 + i, 1 + c);
      cell.value = value;
      cell.font = { ...TABLE_FONT, bold: i === 0 };
      if (i === 0) cell.fill = HEADER_FILL;
      cell.alignment = { horizontal: c === 0 && i > 0 ? 'left' : 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    });
  });
  let r = 3 + s.body.length;
  for (const note of notes) {
    const cell = ws.getCell(++r, 1);
    cell.value = note;
    cell.font = { ...TABLE_FONT, size: 9 };
    cell.alignment = { vertical: 'top', wrapText: true };
    ws.mergeCells(r, 1, r, n);
  }
  fitRowHeights(ws);
  printOnA4(ws, { orientation: 'landscape', titleRows: [1, 2] });
}

/** The dashboard's two tables, as shown: the county × domain matrix and the per-county figures. */
export async function regionXlsx(v: RegionView, rowLabel = '县（市、区）'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = v.gov.name;
  wb.title = `${v.gov.name}${TITLE}`;
  const parent = showsParent(v);
  const lead = (r: RegionView['rows'][number]) => (parent ? [r.parentName ?? '', r.name] : [r.name]);
  const leadHead = parent ? ['所属市', rowLabel] : [rowLabel];
  const leadWidths = parent ? [14, 18] : [18];
  const notes = DEFINITIONS(v);
  writeSheet(wb, {
    name: '目录编制情况',
    title: `${v.gov.name}${TITLE}：基层政务公开标准目录编制情况（${v.today}）`,
    widths: [...leadWidths, ...v.domains.map(() => 9)],
    head: [...leadHead, ...v.domains.map((d) => d.name)],
    body: v.rows.map((r) => [...lead(r), ...v.domains.map((d) => cellString(r.cells.get(d.id)!))]),
  }, notes.slice(0, 2));
  if (v.office) {
    writeSheet(wb, {
      name: '县区指标',
      title: `${v.gov.name}${TITLE}：${v.year}年信息发布、依申请公开与年度报告`,
      widths: [...leadWidths, ...FIGURE_HEADERS.map(() => 10)],
      head: [...leadHead, ...FIGURE_HEADERS],
      body: v.rows.map((r) => [...lead(r), ...figureCells(r.metrics!)]),
    }, notes.slice(2));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
