import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from 'docx';
import { invalid } from '../../core/errors.js';
import type { ReplyDoc } from './replies.js';

/**
 * A reply letter as a Word file, laid out after GB/T 9704-2012: A4, title 22pt (二号) bold 宋体
 * centred, body 16pt (三号) 仿宋 with a two-character first-line indent and a fixed 28pt line,
 * agency and date right-aligned. Text goes in as text: the docx writer escapes it.
 */

/** A generated letter, or one staff have edited (number, salutation and closing may be gone). */
export type DocxLetter = Pick<ReplyDoc, 'title' | 'paragraphs'> & Partial<Pick<ReplyDoc, 'docNo' | 'salutation' | 'closing'>>;

const TITLE_FONT = '宋体';
const BODY_FONT = '仿宋';
const TITLE_SIZE = 44; // half-points: 22pt
const BODY_SIZE = 32; // half-points: 16pt
const CHAR = 320; // twips of one 16pt character
const LINE = 560; // twips: fixed 28pt line

const MAX_PARAGRAPHS = 500;
const MAX_CHARS = 100_000;

// Characters XML 1.0 cannot carry (C0 controls other than tab/newline, lone surrogates, U+FFFE/F).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xmlSafe = (s: string) => s.replace(NOT_XML, '').replace(/\t/g, ' ');

function lines(v: unknown, label: string): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v !== 'string') throw invalid(`${label}格式不正确。`);
  return xmlSafe(v)
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim());
}

function check(doc: DocxLetter): void {
  if (!doc || typeof doc !== 'object') throw invalid('文书内容格式不正确。');
  if (typeof doc.title !== 'string' || !doc.title.trim()) throw invalid('请填写文书标题。');
  if (!Array.isArray(doc.paragraphs) || doc.paragraphs.some((p) => typeof p !== 'string')) throw invalid('文书正文格式不正确。');
  if (doc.closing !== undefined && (!Array.isArray(doc.closing) || doc.closing.some((p) => typeof p !== 'string'))) throw invalid('文书落款格式不正确。');
  if (doc.paragraphs.length > MAX_PARAGRAPHS) throw invalid(`文书正文不能超过 ${MAX_PARAGRAPHS} 段。`);
  const size = [doc.title, doc.docNo ?? '', doc.salutation ?? '', ...doc.paragraphs, ...(doc.closing ?? [])].reduce((n, s) => n + s.length, 0);
  if (size > MAX_CHARS) throw invalid(`文书内容不能超过 ${MAX_CHARS} 字。`);
}

const run = (text: string, font = BODY_FONT, size = BODY_SIZE, bold = false) => new TextRun({ text, font, size, ...(bold ? { bold } : {}) });
const spacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
const blank = () => new Paragraph({ spacing, children: [] });

export async function replyDocx(doc: DocxLetter): Promise<Buffer> {
  check(doc);
  const children: Paragraph[] = [];
  for (const t of lines(doc.title, '标题').filter(Boolean))
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT }, children: [run(t, TITLE_FONT, TITLE_SIZE, true)] }));
  for (const t of lines(doc.docNo, '文号').filter(Boolean)) children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing, children: [run(t)] }));
  children.push(blank());
  for (const t of lines(doc.salutation, '称谓').filter(Boolean)) children.push(new Paragraph({ spacing, children: [run(t)] }));
  const closing = (doc.closing ?? []).flatMap((c) => lines(c, '落款')).filter(Boolean);
  const body = doc.paragraphs.flatMap((p) => lines(p, '正文').map((l) => l.replace(/^[\u3000 ]+/, '')).filter(Boolean));
  // Full-width spaces typed to indent (as in the plain-text version) would double the indent.
  // Left-aligned, not justified: justified lines let word processors hang a closing comma
  // past the margin, where LibreOffice drops it. The last paragraph keeps with the 落款, which
  // never stands alone on a page.
  body.forEach((t, i) =>
    children.push(new Paragraph({ alignment: AlignmentType.LEFT, spacing, indent: { firstLine: 2 * CHAR, firstLineChars: 200 }, keepNext: closing.length > 0 && i === body.length - 1, children: [run(t)] })));
  if (closing.length) {
    const keep = () => new Paragraph({ spacing, keepNext: true, children: [] });
    children.push(keep(), keep());
    closing.forEach((t, i) => children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing, keepNext: i < closing.length - 1, indent: { right: 2 * CHAR }, children: [run(t)] })));
  }
  const file = new Document({
    title: xmlSafe(doc.title.trim()),
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [
      {
        properties: { page: { size: { width: '210mm', height: '297mm' }, margin: { top: '37mm', bottom: '35mm', left: '28mm', right: '26mm' } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(file);
}

/** Content type and a download name for the file, e.g. 政府信息公开申请答复书-YSQ-2026-0007.docx. */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const replyDocxFilename = (title: string, code: string): string => `${title}-${code}`.replace(/[\\/:*?"<>|\s]+/g, '_') + '.docx';
