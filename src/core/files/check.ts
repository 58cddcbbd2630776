import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors.js';
import { reencodeImage } from './images.js';
import { scanPdf } from './pdf-scan.js';

/** What may be attached to government information, keyed by the canonical extension. */
export const ALLOWED_TYPES = {
  pdf: { mime: 'application/pdf', label: 'PDF', exts: ['pdf'], inline: true },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word（.docx）', exts: ['docx'], inline: false },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel（.xlsx）', exts: ['xlsx'], inline: false },
  png: { mime: 'image/png', label: 'PNG', exts: ['png'], inline: true },
  jpg: { mime: 'image/jpeg', label: 'JPEG', exts: ['jpg', 'jpeg'], inline: true },
  gif: { mime: 'image/gif', label: 'GIF', exts: ['gif'], inline: true },
  webp: { mime: 'image/webp', label: 'WebP', exts: ['webp'], inline: true },
} as const;
export type AllowedExt = keyof typeof ALLOWED_TYPES;

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** What a member of the public may send (an ID proof, 补正 material): a PDF or a photo. */
export const PUBLIC_UPLOAD_TYPES: readonly AllowedExt[] = ['pdf', 'jpg', 'png'];

const listOf = (exts: readonly AllowedExt[]) => exts.map((e) => ALLOWED_TYPES[e].label).join('、');
const ALL_TYPES = Object.keys(ALLOWED_TYPES) as AllowedExt[];
const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

export const fileErrors = {
  empty: () => new AppError('file_empty', 400, '上传的文件是空的，请选择有内容的文件。'),
  tooLarge: (max: number) => new AppError('file_too_large', 413, `文件过大：单个附件不能超过 ${mib(max)}。`),
  notAllowed: (exts: readonly AllowedExt[] = ALL_TYPES) => new AppError('file_type_not_allowed', 400, `不支持该文件类型。附件只能是以下格式：${listOf(exts)}。`),
  mismatch: (actual: string, exts: readonly AllowedExt[] = ALL_TYPES) =>
    new AppError('file_type_mismatch', 400, `文件内容是 ${actual} 格式，与文件扩展名不符。请使用正确的扩展名，附件只能是以下格式：${listOf(exts)}。`),
  pdfActive: (what: string[]) =>
    new AppError('file_pdf_active', 400, `该 PDF 文件含有${what.join('、')}，出于安全原因不能上传。请在原软件中用“另存为 PDF”或“打印为 PDF”重新生成不含脚本和动作的文件后再上传。`),
  pdfUncheckable: (why: string) =>
    new AppError('file_pdf_uncheckable', 400, `该 PDF 文件无法进行安全检查（${why}），不能上传。请去除密码保护，或用“打印为 PDF”重新生成后再上传。`),
};

/** `bytes` is what is stored: the upload itself, or for a PNG or JPEG its re-encoded image. */
export type CheckedFile = { sha256: string; size: number; mime: string; ext: AllowedExt; bytes: Buffer };
export type CheckOptions = { maxBytes?: number; types?: readonly AllowedExt[] };

/** Lower-case extension of an uploaded name, whatever path a browser sent with it. */
export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).trim().toLowerCase() : '';
}

/**
 * Decides by content: the sniffed type must be on the list, and the name's extension must agree
 * with it. The name matters because browsers and desktop apps pick the handler by extension, so
 * a mismatch is either a mistake or an attempt to smuggle one type in as another. Then the
 * content must be inert: a PDF with script or actions is refused (pdf-scan.ts), and a PNG or
 * JPEG is re-encoded so that only its pixels are kept (images.ts).
 */
export async function checkFile(buffer: Buffer, filename: string, opts: CheckOptions | number = {}): Promise<CheckedFile> {
  const { maxBytes = DEFAULT_MAX_BYTES, types = ALL_TYPES } = typeof opts === 'number' ? { maxBytes: opts } : opts;
  if (buffer.length === 0) throw fileErrors.empty();
  if (buffer.length > maxBytes) throw fileErrors.tooLarge(maxBytes);
  const sniffed = await fileTypeFromBuffer(buffer);
  const ext = sniffed?.ext as AllowedExt | undefined;
  const type = ext && Object.hasOwn(ALLOWED_TYPES, ext) && types.includes(ext) ? ALLOWED_TYPES[ext] : undefined;
  // file-type also reports a mime per ext; require both to match so a look-alike never slips in.
  if (!ext || !type || type.mime !== sniffed!.mime) throw fileErrors.notAllowed(types);
  if (!(type.exts as readonly string[]).includes(extensionOf(filename))) throw fileErrors.mismatch(type.label, types);
  let bytes = buffer;
  if (ext === 'pdf') {
    const findings = scanPdf(buffer);
    const active = findings.flatMap((f) => (f.kind === 'active' ? [f.what] : []));
    if (active.length) throw fileErrors.pdfActive(active);
    const uncheckable = findings.find((f) => f.kind === 'uncheckable');
    if (uncheckable?.kind === 'uncheckable') throw fileErrors.pdfUncheckable(uncheckable.why);
  } else if (ext === 'png' || ext === 'jpg') {
    bytes = await reencodeImage(buffer, ext);
  }
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, mime: type.mime, ext, bytes };
}

export const isInline = (ext: string): boolean => Object.hasOwn(ALLOWED_TYPES, ext) && ALLOWED_TYPES[ext as AllowedExt].inline;
