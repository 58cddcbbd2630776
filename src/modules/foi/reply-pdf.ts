// A reply letter as PDF, laid out as the DOCX is (GB/T 9704-2012 proportions: A4, title 22pt
// centred, body 16pt with a two-character first-line indent and a 28pt line, 落款 and date on the
// right). The Chinese font is Noto Sans SC from the npm package @expo-google-fonts/noto-sans-sc,
// installed with the project, and embedded (subset) in every file: the PDF reads the same on any
// machine, with or without Chinese fonts. See docs/decisions/0007-reply-letter-pdf.md.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Letter } from './letter.js';

const require = createRequire(import.meta.url);
const REGULAR = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

const MM = 72 / 25.4;
const BODY = 16;
const LINE = 28;
const TITLE = 22;

// Characters the font cannot show and that would only print as boxes: controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const clean = (s: string) => s.replace(CONTROL, '').replace(/^[\u3000 ]+/, '');

export async function replyPdf(letter: Letter, meta: { code: string }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
    info: { Title: letter.title, Subject: `政府信息公开申请 ${meta.code}`, Producer: 'Gongkai', Creator: 'Gongkai' },
    lang: 'zh-CN',
    displayTitle: true,
    pdfVersion: '1.7',
    autoFirstPage: true,
  });
  doc.registerFont('body', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const gap = (size: number) => LINE - size * 1.2; // pdfkit's line height is about 1.2 em

  doc.font('bold').fontSize(TITLE).text(clean(letter.title), { align: 'center', width, lineGap: 36 - TITLE * 1.2 });
  doc.font('body').fontSize(BODY);
  if (letter.docNo) doc.text(clean(letter.docNo), { align: 'center', width, lineGap: gap(BODY) });
  doc.moveDown(0.6);
  if (letter.salutation) doc.text(clean(letter.salutation), { width, lineGap: gap(BODY) });
  for (const p of letter.paragraphs) doc.text(clean(p), { width, align: 'justify', indent: 2 * BODY, lineGap: gap(BODY) });
  if (letter.closing.length) {
    doc.moveDown(2);
    for (const c of letter.closing) doc.text(clean(c), { width: width - 2 * BODY, align: 'right', lineGap: gap(BODY) });
  }
  doc.end();
  return done;
}
