import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from '../render/jsx.js';
import { AppError, invalid, notFound } from '../errors.js';
import { requireRole } from '../auth/actor.js';
import type { AppDeps, FileReader, ModuleManifest } from '../module.js';
import { Layout } from '../../web/layout.js';
import { safeBack } from '../../web/form.js';
import { DEFAULT_MAX_BYTES, fileErrors, isInline } from './check.js';
import { contentDisposition, downloadName } from './names.js';
import { fileUrl, findFile, readFileBytes, storeFile, UPLOAD_ROLES } from './service.js';
import { sendPrivateFile } from './serve.js';

export type FileRouteOptions = { maxBytes?: number };

// Published attachments open in the browser: PDF viewers need inline styles; nothing in a served
// file may run script or load from elsewhere. Anything else is a sandboxed download (serve.ts).
const FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";

/** If-None-Match lists (possibly weak) entity tags, or `*`. */
function etagMatches(header: string | undefined, sha256: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    return v === '*' || v === `"${sha256}"`;
  });
}

/** A local path to return to: relative to this site, no scheme-relative tricks, nothing a header could not carry. */
function backPath(v: unknown): string {
  const s = safeBack(v, '/admin');
  return /^[\x21-\x7e]+$/.test(s) ? s : '/admin';
}

const wantsJson = (req: FastifyRequest) => (req.headers.accept ?? '').includes('application/json');

/** Asks every module's reader; one yes is enough. */
async function mayRead(readers: readonly FileReader[], ctx: Parameters<FileReader>[0], fileId: number): Promise<boolean> {
  const answers = await Promise.all(readers.map((r) => r(ctx, fileId)));
  return answers.includes(true);
}

export function registerFileRoutes(app: FastifyInstance, deps: AppDeps, modules: readonly ModuleManifest[] = [], opts: FileRouteOptions = {}): void {
  const { db } = deps;
  const readers = modules.flatMap((m) => (m.files ? [m.files] : []));
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;

  app.get('/files/:sha256/:name', async (req, reply) => {
    const { sha256, name } = req.params as { sha256: string; name: string };
    const file = await findFile(db, sha256.toLowerCase());
    // Published: anyone. Otherwise only a person some module lets read a record that uses it, and
    // never a restricted file (personal data, served by the module that owns it). Everything else
    // looks exactly like a missing file (404, not 403: the hash's existence is not confirmed).
    const access = !file ? null : file.publicAt ? 'public' : req.actor && !file.restricted && (await mayRead(readers, { db, actor: req.actor }, file.id)) ? 'scoped' : null;
    if (!file || !access) {
      reply.header('cache-control', 'no-store');
      throw notFound('文件');
    }
    const filename = downloadName(name, file.ext);
    if (access === 'scoped') {
      const bytes = await readFileBytes(db, file.sha256);
      if (!bytes) throw notFound('文件');
      return sendPrivateFile(reply, file, bytes, filename);
    }
    reply
      .header('content-type', file.mime)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', FILE_CSP)
      .header('content-disposition', contentDisposition(isInline(file.ext) ? 'inline' : 'attachment', filename))
      // Content-addressed: a public URL's bytes never change.
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', `"${file.sha256}"`);
    if (etagMatches(req.headers['if-none-match'], file.sha256)) return reply.code(304).send();
    const bytes = await readFileBytes(db, file.sha256);
    if (!bytes) throw notFound('文件');
    reply.header('content-length', bytes.length);
    // Sent as a stream: the in-memory public page cache keeps only string/Buffer bodies, and a
    // cached copy would lose the headers above and hold large files in memory.
    return reply.send(Readable.from([bytes], { objectMode: false }));
  });

  // For pages that upload outside their own form handling. JSON for scripts, 303 for forms.
  app.post('/admin/files', async (req, reply) => {
    requireRole(req.actor, ...UPLOAD_ROLES); // before reading a possibly large body
    const back = backPath((req.query as { back?: unknown }).back);
    try {
      const part = await req.file({ limits: { fileSize: maxBytes } });
      if (!part || part.fieldname !== 'file' || !part.filename) throw invalid('请选择要上传的文件。');
      const buffer = await part.toBuffer().catch((e: { code?: string }) => {
        throw e.code === 'FST_REQ_FILE_TOO_LARGE' ? fileErrors.tooLarge(maxBytes) : e;
      });
      const stored = await storeFile({ db, actor: req.actor }, { buffer, filename: part.filename }, { maxBytes });
      const url = fileUrl(stored.sha256, downloadName(part.filename, stored.ext));
      if (wantsJson(req)) return reply.send({ id: stored.id, sha256: stored.sha256, url, reused: stored.reused });
      return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}file=${stored.id}`, 303);
    } catch (e) {
      if (wantsJson(req) || !(e instanceof AppError) || e.status >= 500 || e.status === 401 || e.status === 403) throw e;
      reply.status(e.status);
      return reply.page((ctx) => (
        <Layout ctx={ctx} title="附件未上传" admin>
          <h1>附件未上传</h1>
          <p role="alert">{e.message}</p>
          <p><a href={back}>返回</a></p>
        </Layout>
      ));
    }
  });
}
