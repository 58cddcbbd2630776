import mammoth from 'mammoth';
import { fileTypeFromBuffer } from 'file-type';
import { requireRole } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { AppError, conflict, forbiddenAsNotFound } from '../../core/errors.js';
import { extensionOf } from '../../core/files/check.js';
import { DOC_KINDS, docNumberProblem } from './metadata.js';
import { canEdit, canRead } from './policy.js';
import { findEdition } from './repository.js';
import { bodyFromText, sanitiseBody } from './validate.js';

/** The largest .docx taken (a 公文 with its tables is a few hundred KB; images are not imported). */
export const DOCX_MAX_BYTES = 10 * 1024 * 1024;
/** What its parts may add up to once unzipped: more is a zip bomb, not a document. */
const DOCX_MAX_UNZIPPED = 100 * 1024 * 1024;
const BODY_MAX = 200_000;
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const refuse = (code: string, message: string, status = 400) => new AppError(code, status, message, [{ field: 'docx', message }]);

/** Headings start at h2 (the page's h1 is the title); Word's 标题 style is the document's title. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1.doc-title:fresh",
  "p[style-name='title'] => h1.doc-title:fresh",
  ...[1, 2, 3, 4, 5, 6].flatMap((n) => {
    const to = `h${Math.min(n + 1, 4)}`;
    return [`p.Heading${n} => ${to}:fresh`, `p[style-name='Heading ${n}'] => ${to}:fresh`, `p[style-name='heading ${n}'] => ${to}:fresh`];
  }),
];

/**
 * The sum of the uncompressed sizes a ZIP's central directory declares, or null when there is no
 * readable directory (then it is no .docx). ZIP64 entries count as too large.
 */
export function zipUnpackedSize(buf: Buffer): number | null {
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const size = buf.readUInt32LE(p + 24);
    total += size === 0xffffffff ? Infinity : size;
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return total;
}

export type DocxDraft = {
  /** The body, through the same sanitiser as anything typed or pasted. */
  bodyHtml: string;
  /** Header lines recognised as the draft's metadata (and taken out of the body). */
  title?: string;
  docNumber?: string;
  kind?: string;
  writtenDate?: string;
};

/** Checks an upload is a readable .docx of sensible size, with a Chinese reason when it is not. */
async function checkDocx(buffer: Buffer, filename: string): Promise<void> {
  const ext = extensionOf(filename);
  if (ext === 'doc' || ext === 'wps') throw refuse('docx_wrong_type', `只能导入 .docx 格式的 Word 文档。旧版 .${ext} 文件请先在 Word 或 WPS 中“另存为” .docx 后再导入。`);
  if (ext !== 'docx') throw refuse('docx_wrong_type', '只能导入 Word 文档（.docx）。PDF、图片等请作为附件上传。');
  if (buffer.length === 0) throw refuse('docx_empty', '上传的文件是空的，请选择有内容的 Word 文档。');
  if (buffer.length > DOCX_MAX_BYTES) throw refuse('docx_too_large', `Word 文档不能超过 ${DOCX_MAX_BYTES / 1024 / 1024} MB。图片较多的文档请删除图片后导入，图片作为附件上传。`, 413);
  const sniffed = await fileTypeFromBuffer(buffer).catch(() => undefined);
  if (sniffed?.mime !== DOCX_MIME) throw refuse('docx_corrupt', '文件内容不是 Word 文档（.docx），或文件已损坏，无法导入。');
  const unpacked = zipUnpackedSize(buffer);
  if (unpacked === null) throw refuse('docx_corrupt', '文件已损坏（压缩结构不完整），无法导入。请在 Word 中重新保存后再试。');
  if (unpacked > DOCX_MAX_UNZIPPED) throw refuse('docx_too_large', '文档解压后过大，无法导入。', 413);
}

const KIND_ENDINGS: [string, string][] = [...DOC_KINDS.map((k): [string, string] => [k === '命令（令）' ? '令' : k, k])].sort((a, b) => b[0].length - a[0].length);
const text = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/\s+/g, ' ').trim();
const CN_DIGITS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** 2026年3月2日 or 二〇二六年三月二日 as 2026-03-02; null when the line is no date. */
export function chineseDate(line: string): string | null {
  const s = line.replace(/\s/g, '');
  let m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(s);
  if (!m) {
    const c = /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/.exec(s);
    if (!c) return null;
    const small = (t: string) => {
      const [tens, ones] = t.includes('十') ? t.split('十') as [string, string] : ['', t];
      return (t.includes('十') ? (tens ? Number(CN_DIGITS[tens]) : 1) * 10 : 0) + (ones ? Number(CN_DIGITS[ones]) : 0);
    };
    m = ['', [...c[1]!].map((d) => CN_DIGITS[d]).join(''), String(small(c[2]!)), String(small(c[3]!))] as unknown as RegExpExecArray;
  }
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** A 文号 line (签发人 cut off), its brackets put right; null unless the result is a well-formed 文号. */
export function docNumberOf(line: string): string | null {
  const s = line.replace(/\s*签\s*发\s*人\s*[:：].*$/, '').replace(/\s/g, '');
  const m = /^([\u4e00-\u9fa5A-Za-z]{1,20})[〔[［【(（](\d{4})[〕\]］】)）]第?0*(\d{1,6})号$/.exec(s);
  if (!m) return null;
  const v = `${m[1]}〔${m[2]}〕${m[3]}号`;
  return docNumberProblem(v) === null ? v : null;
}

/**
 * A 公文's header as metadata: 发文机关标志 (“…文件”) and 文号 are taken out of the body, the title
 * too when it reads as one (it ends in a 公文 kind, or it had Word's 标题 style), and the date of the
 * closing becomes 成文日期 (it stays in the body, as part of the 落款).
 */
export function recogniseHeader(html: string): Omit<DocxDraft, 'bodyHtml'> & { html: string } {
  const found: Omit<DocxDraft, 'bodyHtml'> = {};
  const block = /^\s*<(p|h[1-6])(\s[^>]*)?>([\s\S]*?)<\/\1>/;
  let rest = html;
  for (let i = 0; i < 4; i++) {
    const m = block.exec(rest);
    if (!m) break;
    const t = text(m[3]!);
    if (!t) { rest = rest.slice(m[0].length); continue; }
    const docNo = found.docNumber || found.title ? null : docNumberOf(t);
    if (i === 0 && !found.docNumber && /^[\u4e00-\u9fa5（）()]{2,40}文件$/.test(t)) { rest = rest.slice(m[0].length); continue; }
    if (docNo) { found.docNumber = docNo; rest = rest.slice(m[0].length); continue; }
    const kind = KIND_ENDINGS.find(([end]) => t.endsWith(end));
    const titled = /doc-title/.test(m[2] ?? '');
    if (!found.title && t.length >= 4 && t.length <= 150 && !/[：:。]$/.test(t) && (kind || titled)) {
      found.title = t;
      if (kind) found.kind = kind[1];
      rest = rest.slice(m[0].length);
    }
    break;
  }
  // The 成文日期 of the 落款: among the last lines of the body, before any 附注 or 抄送.
  const lines = [...rest.matchAll(/<(p|h[1-6])(?:\s[^>]*)?>([\s\S]*?)<\/\1>/g)].slice(-8).map((m) => text(m[2]!));
  for (let i = lines.length - 1; i >= 0; i--) {
    const d = chineseDate(lines[i]!.replace(/^（?|）$/g, ''));
    if (d) { found.writtenDate = d; break; }
  }
  return { ...found, html: rest };
}

/** An uploaded .docx as a draft body (and metadata when its header is recognised); nothing is stored. */
export async function docxToDraft(buffer: Buffer, filename: string): Promise<DocxDraft> {
  await checkDocx(buffer, filename);
  let html: string;
  try {
    const r = await mammoth.convertToHtml(
      { buffer },
      { styleMap: STYLE_MAP, externalFileAccess: false, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = r.value;
  } catch {
    throw refuse('docx_corrupt', '无法读取该 Word 文档，文件可能已损坏。请在 Word 中打开并重新保存为 .docx 后再试。');
  }
  const { html: rest, ...meta } = recogniseHeader(html);
  const bodyHtml = sanitiseBody(rest);
  if (!bodyHtml.replace(/<[^>]*>/g, '').trim()) throw refuse('docx_empty', '文档中没有可导入的正文文字。');
  if (bodyHtml.length > BODY_MAX) throw refuse('docx_too_long', '文档正文过长（超过 20 万字符），请分篇发布或删减后再导入。');
  return { bodyHtml, ...meta };
}

/**
 * An editor's .docx read into the drafting form: for a new draft, or for a draft of theirs that is
 * still editable. Nothing is written (the form is saved as usual), so a refused file alters nothing.
 */
export async function readDocxDraft(ctx: Ctx, upload: { buffer: Buffer; filename: string }, editionId?: number): Promise<DocxDraft> {
  const actor = requireRole(ctx.actor, 'editor');
  if (editionId != null) {
    const e = await findEdition(ctx.db, editionId);
    if (!canRead(actor, e)) throw forbiddenAsNotFound('信息');
    if (!canEdit(actor, e)) throw conflict('not_editable', '只有草稿可以导入正文；已提交的请先由审核人退回。');
  }
  return docxToDraft(upload.buffer, upload.filename);
}

/** The most HTML a paste may bring (Word's clipboard carries styles for every run); the kept body is checked at saving. */
export const PASTE_MAX_CHARS = 5_000_000;

/**
 * What the body sanitiser keeps, for the editor's paste and preview: `paste` is clipboard HTML
 * (Word's included), `body` the whole text of the body box as it would be saved. Writes nothing.
 */
export function cleanBodyFor(ctx: Ctx, input: { paste?: unknown; body?: unknown }): string {
  requireRole(ctx.actor, 'editor');
  const value = typeof input.paste === 'string' ? input.paste : typeof input.body === 'string' ? input.body : null;
  if (value === null) throw new AppError('invalid_input', 400, '请提交要整理的正文。');
  if (value.length > PASTE_MAX_CHARS) throw new AppError('too_large', 413, '粘贴的内容过多，请分几次粘贴。');
  return typeof input.paste === 'string' ? sanitiseBody(value) : bodyFromText(value);
}
