import type { FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.js';
import { assertNoControl } from './boundary.js';

/** A part of a buffered multipart body, shaped like @fastify/multipart's parts for the routes. */
type BufferedField = { type: 'field'; fieldname: string; value: string };
type BufferedFile = { type: 'file'; fieldname: string; filename: string; mimetype: string; encoding: string; buffer: Buffer; truncated: boolean };
type Limits = { limits?: { fileSize?: number } };

/**
 * A body that is cut off, has no boundary or breaks the format is the sender's fault (400); the
 * limits keep their own answers (413), and our own errors pass unchanged.
 */
function malformed(e: unknown): unknown {
  if (e instanceof AppError) return e;
  const status = (e as { statusCode?: number }).statusCode;
  if (status === 413 || (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return e;
  return new AppError('malformed_form', 400, '提交的表单内容不完整或格式不正确，请刷新页面后重新提交。');
}

const tooLarge = () => Object.assign(new Error('request file too large'), { code: 'FST_REQ_FILE_TOO_LARGE', statusCode: 413 });

/** The route's view of a buffered file: `toBuffer()` applies the route's own size limit, as the plugin would. */
const filePart = (f: BufferedFile, opts?: Limits) => ({
  ...f,
  toBuffer: async () => {
    const max = opts?.limits?.fileSize;
    if (f.truncated || (max != null && f.buffer.length > max)) throw tooLarge();
    return f.buffer;
  },
});

/**
 * Reads a whole multipart body into memory (within `maxFileBytes` per file, the largest any route
 * accepts) before the route runs, so that the CSRF check can read the form's `_csrf` field like
 * any other form's — the token never travels in a URL. The fields become `req.body`; `req.file()`
 * and `req.parts()` then serve the buffered parts to the route, with the route's own limits.
 */
export async function bufferMultipart(req: FastifyRequest, opts: { maxFileBytes: number; maxFiles: number; maxFields: number }): Promise<void> {
  const parts: (BufferedField | BufferedFile)[] = [];
  // A file over the limit is cut there and marked, not refused here: the route refuses it with its
  // own message when it asks for the bytes.
  const options = { limits: { fileSize: opts.maxFileBytes, files: opts.maxFiles, fields: opts.maxFields, fieldSize: 64_000 }, throwFileSizeLimit: false };
  try {
    for await (const part of req.parts(options as Parameters<FastifyRequest['parts']>[0])) {
      // The same rule as for every other body (see boundary.ts): names never hold a control
      // character, values only tab and line breaks.
      assertNoControl(part.fieldname, 'name');
      if (part.type === 'file') {
        assertNoControl(part.filename, 'name', '文件名');
        const buffer = await part.toBuffer();
        parts.push({ type: 'file', fieldname: part.fieldname, filename: part.filename, mimetype: part.mimetype, encoding: part.encoding, buffer, truncated: part.file.truncated });
      } else {
        const value = typeof part.value === 'string' ? part.value : String(part.value ?? '');
        assertNoControl(value, 'value', part.fieldname);
        parts.push({ type: 'field', fieldname: part.fieldname, value });
      }
    }
  } catch (e) {
    throw malformed(e);
  }
  const fields: Record<string, string> = {};
  for (const p of parts) if (p.type === 'field' && !(p.fieldname in fields)) fields[p.fieldname] = p.value;
  req.body = fields;
  const r = req as unknown as { file: (o?: Limits) => Promise<unknown>; parts: (o?: Limits) => AsyncIterable<unknown> };
  r.file = async (o) => {
    const f = parts.find((p): p is BufferedFile => p.type === 'file');
    return f ? filePart(f, o) : undefined;
  };
  r.parts = (o) =>
    (async function* () {
      for (const p of parts) yield p.type === 'file' ? filePart(p, o) : p;
    })();
}
