import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors.js';

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

const ALLOWED_LIST = Object.values(ALLOWED_TYPES).map((t) => t.label).join('、');
const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

export const fileErrors = {
  empty: () => new AppError('file_empty', 400, '上传的文件是空的，请选择有内容的文件。'),
  tooLarge: (max: number) => new AppError('file_too_large', 413, `文件过大：单个附件不能超过 ${mib(max)}。`),
  notAllowed: () => new AppError('file_type_not_allowed', 400, `不支持该文件类型。附件只能是以下格式：${ALLOWED_LIST}。`),
  mismatch: (actual: string) =>
    new AppError('file_type_mismatch', 400, `文件内容是 ${actual} 格式，与文件扩展名不符。请使用正确的扩展名，附件只能是以下格式：${ALLOWED_LIST}。`),
};

export type CheckedFile = { sha256: string; size: number; mime: string; ext: AllowedExt };

/** Lower-case extension of an uploaded name, whatever path a browser sent with it. */
export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).trim().toLowerCase() : '';
}

/**
 * Decides by content: the sniffed type must be on the list, and the name's extension must agree
 * with it. The name matters because browsers and desktop apps pick the handler by extension, so
 * a mismatch is either a mistake or an attempt to smuggle one type in as another.
 */
export async function checkFile(buffer: Buffer, filename: string, maxBytes = DEFAULT_MAX_BYTES): Promise<CheckedFile> {
  if (buffer.length === 0) throw fileErrors.empty();
  if (buffer.length > maxBytes) throw fileErrors.tooLarge(maxBytes);
  const sniffed = await fileTypeFromBuffer(buffer);
  const ext = sniffed?.ext as AllowedExt | undefined;
  const type = ext && Object.hasOwn(ALLOWED_TYPES, ext) ? ALLOWED_TYPES[ext] : undefined;
  // file-type also reports a mime per ext; require both to match so a look-alike never slips in.
  if (!ext || !type || type.mime !== sniffed!.mime) throw fileErrors.notAllowed();
  if (!(type.exts as readonly string[]).includes(extensionOf(filename))) throw fileErrors.mismatch(type.label);
  return { sha256: createHash('sha256').update(buffer).digest('hex'), size: buffer.length, mime: type.mime, ext };
}

export const isInline = (ext: string): boolean => Object.hasOwn(ALLOWED_TYPES, ext) && ALLOWED_TYPES[ext as AllowedExt].inline;
