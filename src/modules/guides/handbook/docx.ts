// The 办事一本通 as a Word file: the same content as the PDF (content.ts) — a cover, a table of
// contents (the sections and their items as a list: page numbers belong to the PDF, since Word
// repaginates with the reader's fonts), then each item's 简版指南 on its own page with its QR code
// and the section as a heading (Word's navigation pane). Text goes in as text: docx escapes it.
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, BorderStyle } from 'docx';
import type { HandbookContent } from './content.js';
import type { ItemImages } from './pdf.js';

const FONT = '宋体';
// Characters XML 1.0 cannot carry (C0 controls other than tab/newline, lone surrogates, U+FFFE/F).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const x = (s: string) => s.replace(NOT_XML, '').replace(/\t/g, ' ');
const run = (text: string, o: { size?: number; bold?: boolean; color?: string } = {}) => new TextRun({ text: x(text), font: FONT, size: o.size ?? 21, bold: o.bold, color: o.color });
const para = (text: string, o: { size?: number; bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number; after?: number; color?: string } = {}) =>
  new Paragraph({ alignment: o.align, spacing: { before: o.before ?? 0, after: o.after ?? 60 }, children: [run(text, o)] });
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const THIN = { style: BorderStyle.SINGLE, size: 4, color: 'BBBBBB' };

export async function handbookDocx(c: HandbookContent, qr: ItemImages): Promise<Buffer> {
  const count = new Set(c.sections.flatMap((s) => s.items.map((i) => i.id))).size;
  const children: (Paragraph | Table)[] = [
    para(c.govName, { size: 56, bold: true, align: AlignmentType.CENTER, before: 3000 }),
    para('办事一本通', { size: 72, bold: true, align: AlignmentType.CENTER, before: 200 }),
    para(`${c.arrangement === 'department' ? '按部门编排' : '按主题编排'} · 第 ${c.edition} 版`, { size: 28, align: AlignmentType.CENTER, before: 600 }),
    para(`收录已发布的办事指南 ${count} 项`, { size: 28, align: AlignmentType.CENTER }),
    para(`编制日期：${c.compiledOn}`, { size: 28, align: AlignmentType.CENTER }),
    para('每个事项右侧的二维码链接到该事项在政府网站上的完整办事指南；办理前请扫码核对最新版本。', { size: 21, align: AlignmentType.CENTER, before: 1600, color: '444444' }),
    new Paragraph({ children: [new PageBreak()] }),
    para('目　录', { size: 40, bold: true, align: AlignmentType.CENTER, after: 240 }),
  ];
  for (const s of c.sections) {
    children.push(para(s.title, { bold: true, size: 24, before: 120 }));
    for (const item of s.items) children.push(new Paragraph({ indent: { left: 420 }, spacing: { after: 40 }, children: [run(item.name)] }));
  }
  c.sections.forEach((s) => {
    s.items.forEach((item, ii) => {
      children.push(new Paragraph({ children: [new PageBreak()] }));
      if (ii === 0) children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, spacing: { after: 120 }, children: [run(s.title, { size: 30, bold: true })] }));
      const img = qr.get(item.id);
      const head = new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
        rows: [new TableRow({ children: [
          new TableCell({ width: { size: 78, type: WidthType.PERCENTAGE }, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE }, children: [
            new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { after: 80 }, children: [run(item.name, { size: 32, bold: true })] }),
            para(`实施编码 ${item.code}　实施主体 ${item.agencyName}`, { size: 20, color: '333333' }),
          ] }),
          new TableCell({ width: { size: 22, type: WidthType.PERCENTAGE }, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE }, children: img ? [
            new Paragraph({ alignment: AlignmentType.RIGHT, children: [new ImageRun({ type: 'png', data: img, transformation: { width: 96, height: 96 } })] }),
            para('扫码查看完整指南', { size: 14, align: AlignmentType.RIGHT }),
          ] : [new Paragraph({ children: [] })] }),
        ] })],
      });
      children.push(head);
      const rows = item.fields.filter((f) => f.label !== '实施编码' && f.label !== '实施主体').map((f) => new TableRow({ children: [
        new TableCell({ width: { size: 20, type: WidthType.PERCENTAGE }, children: [para(f.label, { bold: true, size: 20 })] }),
        new TableCell({ width: { size: 80, type: WidthType.PERCENTAGE }, children: [para(f.text, { size: 20 })] }),
      ] }));
      children.push(para('', { after: 80 }));
      if (rows.length) children.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN }, rows }));
      if (item.materials.length) {
        children.push(para('申请材料', { bold: true, size: 22, before: 160 }));
        for (const m of item.materials) children.push(para(m, { size: 20 }));
      }
      children.push(para(`完整指南：${item.url}`, { size: 16, color: '555555', before: 120 }));
    });
  });
  const file = new Document({
    title: x(c.title),
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [{ properties: { page: { size: { width: '210mm', height: '297mm' }, margin: { top: '22mm', bottom: '22mm', left: '22mm', right: '22mm' } } }, children }],
  });
  return Packer.toBuffer(file);
}
