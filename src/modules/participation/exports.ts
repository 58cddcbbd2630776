import ExcelJS from 'exceljs';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { formatDateTime } from '../../web/components.js';
import { fitRowHeights, printOnA4, TABLE_FONT } from '../../core/office/xlsx-layout.js';
import { DISPOSITIONS } from './schema.js';
import { articleLabel, splitArticles } from './articles.js';
import { forReading } from './consultations.js';
import { groupsOf, opinionsOf } from './opinions.js';
import { DISPOSITION_LABELS, METHOD_LABELS, OPINION_STATE_LABELS, REJECT_REASONS, type RejectReason } from './labels.js';
import { methodLabels, methodsInReport, type ReportContent } from './report.js';
import { STAFF_ROLES } from './policy.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const COMMENT_COLUMNS = ['序号', '查询码', '提交时间', '方式', '来源', '针对条款', '引用原文', '意见内容', '姓名', '联系方式', '审核状态', '不予公开理由', '意见组', '处理结果', '理由'] as const;

/** Every opinion of a consultation, with name and contact, for the drafting agency's staff (audited: it holds personal data). */
export async function commentsXlsx(ctx: Ctx, consultationId: number): Promise<{ buffer: Buffer; title: string }> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const { c } = await forReading(ctx.db, actor, consultationId);
  const [opinions, groups] = await Promise.all([opinionsOf(ctx.db, c.id), groupsOf(ctx.db, c.id)]);
  const articles = splitArticles(c.draftText);
  const wb = new ExcelJS.Workbook();
  wb.title = `${c.title}意见汇总`;
  const ws = wb.addWorksheet('意见');
  ws.columns = [6, 18, 18, 12, 12, 10, 24, 50, 10, 18, 12, 24, 24, 12, 40].map((width) => ({ width }));
  ws.getCell(1, 1).value = `${c.title}——意见汇总（共 ${opinions.length} 条）`;
  ws.getCell(1, 1).font = { ...TABLE_FONT, bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, COMMENT_COLUMNS.length);
  const head = ws.getRow(2);
  COMMENT_COLUMNS.forEach((h, i) => { const cell = head.getCell(i + 1); cell.value = h; cell.font = { ...TABLE_FONT, bold: true }; });
  opinions.forEach((o, i) => {
    const g = o.groupId ? groups.find((x) => x.id === o.groupId) : undefined;
    const d = g ? g.disposition : o.disposition;
    const row = ws.getRow(3 + i);
    // Cells are written as plain strings: text beginning with = is never taken as a formula.
    const values = [i + 1, o.code, formatDateTime(o.submittedAt), METHOD_LABELS[o.method], o.source, articleLabel(articles, o.article), o.quote, o.body, o.name, o.contact, OPINION_STATE_LABELS[o.state],
      o.rejectReason ? `${REJECT_REASONS[o.rejectReason as RejectReason] ?? o.rejectReason}${o.rejectText ? `：${o.rejectText}` : ''}` : '', g ? `第${groups.indexOf(g) + 1}组：${g.point}` : '', d ? DISPOSITION_LABELS[d] : '', g ? g.reason : o.reason];
    values.forEach((v, j) => { const cell = row.getCell(j + 1); cell.value = v; cell.font = TABLE_FONT; cell.alignment = { vertical: 'top', wrapText: true }; });
  });
  fitRowHeights(ws);
  printOnA4(ws, { orientation: 'landscape', titleRows: [2, 2] });
  await recordAudit(ctx.db, auditActor(actor), { action: 'participation.comments_exported', targetType: 'part_consultation', targetId: c.id, after: { count: opinions.length } });
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), title: c.title };
}

const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const HEAD_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const para = (t: string) => new Paragraph({ children: [new TextRun({ text: t, font: BODY_FONT, size: 32 })], indent: { firstLine: 640 }, spacing: { line: 560 } });
const heading = (t: string) => new Paragraph({ children: [new TextRun({ text: t, font: HEAD_FONT, size: 32 })], spacing: { before: 240, after: 120 } });
const cell = (t: string | number, bold = false) => new TableCell({ verticalAlign: VerticalAlignTable.CENTER, margins: { left: 60, right: 60, top: 30, bottom: 30 }, children: String(t).split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, font: BODY_FONT, size: 20, bold })] })) });
const table = (rows: (string | number)[][], widths: number[]) =>
  new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, columnWidths: widths, rows: rows.map((r, i) => new TableRow({ tableHeader: i === 0, children: r.map((v) => cell(v, i === 0)) })) });

/** 关于《…》公开征求意见采纳情况的说明, whether or not the consultation's own title already reads 关于《…》公开征求意见. */
export function reportTitle(title: string): string {
  const core = title.trim().replace(/^关于/, '').replace(/的?(公开)?征求意见(的公告|的通知)?$/, '').trim() || title;
  return `关于${/^《.*》$/.test(core) ? core : `《${core}》`}公开征求意见采纳情况的说明`;
}

/** The summary sentence, the same on the page and in the DOCX. */
export function reportLead(c: ReportContent): string {
  const b = c.byDisposition;
  return `${c.period.from}至${c.period.to}，通过${methodLabels(c.methods)}公开征求意见，共收到意见 ${c.received} 条${c.notPublished ? `（其中 ${c.notPublished} 条因与征求意见内容无关或含有不当内容未予公开，不列入下表）` : ''}。经逐条研究，采纳 ${b.adopted} 条，部分采纳 ${b.partly} 条，不予采纳 ${b.not_adopted} 条，已有规定 ${b.existing} 条，不属于本事项 ${b.out_of_scope} 条。`;
}

export async function reportDocx(c: ReportContent): Promise<Buffer> {
  const ms = methodsInReport(c);
  const countRows = [['征求方式', ...DISPOSITIONS.map((d) => DISPOSITION_LABELS[d]), '合计'], ...ms.map((m) => [METHOD_LABELS[m], ...DISPOSITIONS.map((d) => c.counts[m][d]), DISPOSITIONS.reduce((n, d) => n + c.counts[m][d], 0)]), ['合计', ...DISPOSITIONS.map((d) => c.byDisposition[d]), c.total]];
  const rows = [['序号', '条款', '意见内容', '条数', '处理结果', '理由'], ...c.rows.map((r) => [r.no, r.article, r.text, r.count, DISPOSITION_LABELS[r.disposition], r.reason || '—'])];
  const doc = new Document({
    title: reportTitle(c.title),
    sections: [{
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [new TextRun({ text: reportTitle(c.title), font: { ...HEAD_FONT, eastAsia: '方正小标宋简体' }, size: 40 })] }),
        para(reportLead(c)),
        ...(c.summary ? c.summary.split(/\n+/).filter(Boolean).map(para) : []),
        heading('一、意见处理情况统计'),
        table(countRows, [1800, 1100, 1100, 1100, 1100, 1100, 900]),
        heading('二、意见采纳情况逐条说明'),
        table(rows, [600, 1100, 3600, 600, 1100, 2300]),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
