// The 办事一本通 as PDF: a cover, a table of contents with page numbers, then each item's 简版指南
// on its own page with a QR code to its full guide. pdfkit with Noto Sans SC embedded (subset), as
// the FOI reply letter (docs/decisions/0007-reply-letter-pdf.md): it reads the same on any machine.
// Pages are buffered so the contents, written last, can give the page each item starts on.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { tocEntries, type HandbookContent } from './content.js';

const require = createRequire(import.meta.url);
const REGULAR = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

const MM = 72 / 25.4;
const MARGIN = 22 * MM;
const TOC_LINE = 20;
const QR_SIZE = 78;
// Characters the font cannot show and that would only print as boxes: controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;
const clean = (s: string) => s.replace(CONTROL, '');

export type ItemImages = Map<number, Buffer>;

export async function handbookPdf(c: HandbookContent, qr: ItemImages): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4', margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }, bufferPages: true, autoFirstPage: true,
    info: { Title: clean(c.title), Subject: `${c.govName}办事一本通`, Producer: 'Gongkai', Creator: 'Gongkai' }, lang: 'zh-CN', displayTitle: true, pdfVersion: '1.7',
  });
  doc.registerFont('body', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;

  // Cover.
  doc.font('bold').fontSize(30).text(clean(c.govName), MARGIN, 200, { width, align: 'center' });
  doc.moveDown(0.5).fontSize(36).text('办事一本通', { width, align: 'center' });
  doc.moveDown(1.5).font('body').fontSize(14).text(`${c.arrangement === 'department' ? '按部门编排' : '按主题编排'} · 第 ${c.edition} 版`, { width, align: 'center' });
  const count = new Set(c.sections.flatMap((s) => s.items.map((i) => i.id))).size;
  doc.moveDown(0.5).text(`收录已发布的办事指南 ${count} 项`, { width, align: 'center' });
  doc.moveDown(0.5).text(`编制日期：${c.compiledOn}`, { width, align: 'center' });
  doc.moveDown(4).fontSize(11).fillColor('#444').text('每个事项页右上角的二维码链接到该事项在政府网站上的完整办事指南；办理前请扫码核对最新版本。', { width, align: 'center' }).fillColor('black');

  // Contents: reserve its pages now (one line per entry), fill them in at the end.
  const perPage = Math.floor((bottom() - MARGIN - 50) / TOC_LINE);
  const tocPages = Math.max(1, Math.ceil(tocEntries(c) / perPage));
  const tocStart = 1;
  for (let i = 0; i < tocPages; i++) doc.addPage();

  // Every page of a section, an item's continuation pages too, carries the section's name at the top.
  let running = '';
  doc.on('pageAdded', () => {
    if (!running) return;
    doc.font('body').fontSize(9).fillColor('#666').text(running, MARGIN, MARGIN - 14, { width, lineBreak: false }).fillColor('black');
    doc.x = MARGIN;
    doc.y = MARGIN;
  });
  const starts = new Map<string, number>(); // `${section}/${item}` → page index
  const sectionStarts: number[] = [];
  c.sections.forEach((s, si) => {
    s.items.forEach((item, ii) => {
      running = clean(s.title);
      doc.addPage();
      const page = doc.bufferedPageRange().count - 1;
      if (ii === 0) { sectionStarts[si] = page; doc.outline.addItem(clean(s.title)); }
      starts.set(`${si}/${ii}`, page);
      const top = MARGIN + 6;
      const img = qr.get(item.id);
      if (img) {
        doc.image(img, MARGIN + width - QR_SIZE, top, { width: QR_SIZE, height: QR_SIZE });
        doc.font('body').fontSize(7).text('扫码查看完整指南', MARGIN + width - QR_SIZE - 6, top + QR_SIZE + 2, { width: QR_SIZE + 12, align: 'center', lineBreak: false });
      }
      const textW = width - QR_SIZE - 14;
      doc.font('bold').fontSize(17).text(clean(item.name), MARGIN, top, { width: textW });
      doc.moveDown(0.3).font('body').fontSize(10).fillColor('#333').text(`实施编码 ${clean(item.code)}　实施主体 ${clean(item.agencyName)}`, { width: textW }).fillColor('black');
      doc.y = Math.max(doc.y + 8, top + QR_SIZE + 16);
      const labelW = 84;
      for (const f of item.fields.filter((x) => x.label !== '实施编码' && x.label !== '实施主体')) {
        if (doc.y > bottom() - 40) doc.addPage(); // a label never sits alone at the foot of a page
        const y = doc.y;
        const pageBefore = doc.bufferedPageRange().count;
        doc.font('bold').fontSize(10).text(f.label, MARGIN, y, { width: labelW - 6 });
        const yl = doc.y;
        doc.font('body').fontSize(10).text(clean(f.text), MARGIN + labelW, y, { width: width - labelW, lineGap: 2 });
        // A value that ran onto the next page ends below its label's page; the label's height no longer counts.
        doc.y = (doc.bufferedPageRange().count === pageBefore ? Math.max(doc.y, yl) : doc.y) + 4;
        doc.x = MARGIN;
      }
      if (item.materials.length) {
        doc.moveDown(0.3).font('bold').fontSize(11).text('申请材料', MARGIN, doc.y, { width });
        doc.font('body').fontSize(10);
        for (const m of item.materials) doc.text(clean(m), MARGIN, doc.y + 2, { width, lineGap: 2 });
      }
      doc.moveDown(0.6).font('body').fontSize(8).fillColor('#555').text(`完整指南：${item.url}`, MARGIN, doc.y, { width }).fillColor('black');
    });
  });

  running = '';
  // Contents, with the page each item starts on (pages numbered from the first after the cover).
  let line = 0;
  const tocY = (n: number) => MARGIN + 50 + (n % perPage) * TOC_LINE;
  doc.switchToPage(tocStart);
  doc.font('bold').fontSize(20).text('目　录', MARGIN, MARGIN, { width, align: 'center' });
  const entry = (text: string, page: number, indent: number, bold: boolean) => {
    const p = tocStart + Math.floor(line / perPage);
    doc.switchToPage(p);
    const y = tocY(line);
    doc.font(bold ? 'bold' : 'body').fontSize(bold ? 12 : 11);
    const num = String(page);
    const numW = doc.widthOfString(num);
    let t = clean(text);
    const room = width - indent - numW - 24;
    while (t.length > 1 && doc.widthOfString(t) > room) t = t.slice(0, -2) + '…';
    doc.text(t, MARGIN + indent, y, { lineBreak: false });
    const dotsX = MARGIN + indent + doc.widthOfString(t) + 4;
    const dots = '·'.repeat(Math.max(0, Math.floor((MARGIN + width - numW - 4 - dotsX) / doc.widthOfString('·'))));
    doc.fillColor('#999').text(dots, dotsX, y, { lineBreak: false }).fillColor('black');
    doc.text(num, MARGIN + width - numW, y, { lineBreak: false });
    line++;
  };
  c.sections.forEach((s, si) => {
    entry(s.title, (sectionStarts[si] ?? 0), 0, true);
    s.items.forEach((item, ii) => entry(item.name, starts.get(`${si}/${ii}`) ?? 0, 16, false));
  });

  // Page numbers on every page but the cover (written into the bottom margin without a page break).
  const range = doc.bufferedPageRange();
  for (let i = 1; i < range.count; i++) {
    doc.switchToPage(i);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(9).fillColor('#666').text(`— ${i} —`, MARGIN, doc.page.height - MARGIN + 14, { width, align: 'center', lineBreak: false }).fillColor('black');
    doc.page.margins.bottom = saved;
  }
  doc.end();
  return done;
}
