// A reply letter as staff sent it (plain text, first line the title, last two lines the 落款 and
// date) read back into its parts, so the DOCX, the PDF and the printed page lay it out alike.
import type { DocxLetter } from './reply-docx.js';

export type Letter = Required<Pick<DocxLetter, 'title' | 'paragraphs' | 'closing'>> & { docNo: string; salutation: string };

const DOC_NO = /〔\d{4}〕|\[\d{4}\]|第\s*\d+\s*号$|\d+号$/;

export function letterFromText(text: string): Letter {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const title = lines.shift() ?? '答复书';
  const docNo = lines[0] && DOC_NO.test(lines[0]) && lines[0].length <= 40 ? lines.shift()! : '';
  const salutation = lines[0] && /[：:]$/.test(lines[0]) && lines[0].length <= 60 ? lines.shift()! : '';
  const closing = lines.length > 2 ? lines.splice(-2) : [];
  return { title, docNo, salutation, paragraphs: lines, closing };
}
