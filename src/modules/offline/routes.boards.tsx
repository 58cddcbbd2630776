import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps, ModuleManifest } from '../../core/module.js';
import { qrSvg } from '../../core/render/qr.js';
import { fileUrl, getFileById, type StoreInput } from '../../core/files/index.js';
import { requireRole } from '../../core/auth/actor.js';
import { todayInShanghai } from '../../core/calendar/dates.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, formBody, idParam, known } from '../../web/form.js';
import { hostOrigin } from '../info/feeds.js';
import {
  boardOwners, boardPostings, createBoard, createPosting, MAX_PHOTO_BYTES, setBoardActive, setPostingPhoto, staffBoard, staffBoards, staffPosting, takeDown, updateBoard, type PostingRow,
} from './boards.js';
import { loadNotice, noticeProviders, noticeUrl } from './notices.js';
import { NOTICE_JS, noticeCss, noticeDocument, PAPERS, type Paper } from './views/notice.js';
import { BASE, BoardPage, BoardsPage, NoticesPage, PostingPage, type Problems, type Values } from './views/boards.js';

const FIELD_MAX = 100_000;
const newKey = () => randomBytes(12).toString('base64url');
const NOTICES: Record<string, string> = {
  created: '公开栏已登记。', updated: '公开栏信息已保存。', posted: '张贴已登记，请上传现场照片。', photo: '现场照片已上传。', takenDown: '公告已撤下。',
  deactivated: '公开栏已停用。', reactivated: '公开栏已恢复使用。',
};
const problemsOf = (e: AppError, rename?: (k: string) => string): Problems => {
  const f = fieldErrorsOf(e.details);
  const fields = rename ? Object.fromEntries(Object.entries(f).map(([k, v]) => [rename(k), v])) : f;
  return { list: Object.keys(f).length ? Object.values(f) : [e.message], fields };
};
/** A user's mistake (re-render with the message) rather than a fault or a protected resource. */
const userError = (e: unknown): e is AppError => e instanceof AppError && e.status < 500 && ![401, 403, 404].includes(e.status);
const paperOf = (v: unknown): Paper => (v === 'A3' ? 'A3' : 'A4');
const KIND_RE = /^[a-z][a-z0-9_-]{0,30}$/;

/** Printing notices, the register of boards and the postings on them (/admin/offline/...). */
export function registerBoardRoutes(app: FastifyInstance, deps: AppDeps, modules: readonly ModuleManifest[]): void {
  const { db } = deps;
  const providers = noticeProviders(modules);
  const kinds = [...providers.values()].map((p) => ({ kind: p.kind, label: p.label }));
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const q = (req: FastifyRequest) => req.query as Record<string, unknown>;
  const noticeParams = (req: FastifyRequest) => {
    const { kind } = req.params as { kind: string };
    if (!KIND_RE.test(kind) || !providers.has(kind)) throw notFound('公告');
    return { kind, id: idParam((req.params as { id: string }).id) };
  };
  const noticeOf = async (req: FastifyRequest) => {
    requireRole(req.actor, 'office', 'admin');
    const { kind, id } = noticeParams(req);
    const n = await loadNotice(ctxOf(req), providers, kind, id);
    if (!n) throw notFound('公告');
    return { kind, id, n };
  };
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'private, no-store');

  // Stylesheets and script of the printed notice (CSP: no inline style or script).
  for (const p of PAPERS) app.get(`${BASE}/print/notice-${p.toLowerCase()}.css`, async (_req, reply) => reply.type('text/css; charset=utf-8').send(noticeCss(p)));
  app.get(`${BASE}/print/notice.js`, async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(NOTICE_JS));

  app.get(`${BASE}/notices`, async (req, reply) => {
    requireRole(req.actor, 'office', 'admin');
    noStore(reply);
    return reply.page((ctx) => <NoticesPage ctx={ctx} kinds={kinds} values={{ kind: providers.has('info') ? 'info' : (kinds[0]?.kind ?? '') }} />);
  });
  app.get(`${BASE}/notices/open`, async (req, reply) => {
    requireRole(req.actor, 'office', 'admin');
    const kind = typeof q(req).kind === 'string' ? (q(req).kind as string) : '';
    const idText = typeof q(req).id === 'string' ? (q(req).id as string).trim() : '';
    const paper = paperOf(q(req).paper);
    const fields: Record<string, string> = {};
    if (!providers.has(kind)) fields.kind = '请选择公告内容。';
    if (!/^[1-9]\d{0,9}$/.test(idText) || Number(idText) > 2147483647) fields.id = '请填写记录编号（正整数）。';
    else if (providers.has(kind) && !(await loadNotice(ctxOf(req), providers, kind, Number(idText)))) fields.id = '没有找到该编号的已发布记录，或不在您的管理范围内。';
    if (Object.keys(fields).length) {
      noStore(reply);
      reply.status(400);
      return reply.page((ctx) => <NoticesPage ctx={ctx} kinds={kinds} values={{ kind, id: idText.slice(0, 10), paper }} problems={{ list: Object.values(fields), fields }} />);
    }
    return reply.redirect(`${BASE}/notices/${kind}/${idText}?paper=${paper}`, 303);
  });

  app.get(`${BASE}/notices/:kind/:id`, async (req, reply) => {
    const { kind, id, n } = await noticeOf(req);
    const paper = paperOf(q(req).paper);
    const url = await noticeUrl(ctxOf(req), n, hostOrigin(req));
    noStore(reply);
    return reply.type('text/html; charset=utf-8').send(noticeDocument({ n, paper, url, qr: await qrSvg(url), postHref: `${BASE}/notices/${kind}/${id}/post?paper=${paper}` }));
  });

  const postingForm = async (req: FastifyRequest, reply: FastifyReply, values: Values, problems?: Problems) => {
    const { kind, id, n } = await noticeOf(req);
    const boards = await staffBoards(ctxOf(req));
    noStore(reply);
    return reply.page((ctx) => <PostingPage ctx={ctx} n={n} kind={kind} id={id} boards={boards} values={values} problems={problems} />);
  };
  app.get(`${BASE}/notices/:kind/:id/post`, async (req, reply) => {
    const boards = await staffBoards(ctxOf(req));
    const board = typeof q(req).board === 'string' ? (q(req).board as string) : boards.find((b) => b.active)?.id.toString() ?? '';
    return postingForm(req, reply, { submitKey: newKey(), fromOn: todayInShanghai(), paper: paperOf(q(req).paper), boardId: board });
  });
  app.post(`${BASE}/notices/:kind/:id/post`, async (req, reply) => {
    const b = formBody(req);
    const v: Values = {};
    for (const k of ['boardId', 'fromOn', 'toOn', 'paper', 'submitKey']) v[k] = field(b, k, FIELD_MAX);
    const { kind, id, n } = await noticeOf(req);
    try {
      const pid = await createPosting(ctxOf(req), { kind, id, notice: n }, v);
      const p = await staffPosting(ctxOf(req), pid);
      return reply.redirect(`${BASE}/boards/${p.boardId}?notice=posted#posting-${pid}`, 303);
    } catch (e) {
      if (!userError(e)) throw e;
      reply.status(e.status);
      return postingForm(req, reply, { ...v, fromOn: v.fromOn!.slice(0, 20), toOn: v.toOn!.slice(0, 20) }, problemsOf(e));
    }
  });

  // ---- boards ----
  const boardsPage = async (req: FastifyRequest, reply: FastifyReply, values: Values, problems?: Problems) => {
    const [rows, owners] = await Promise.all([staffBoards(ctxOf(req)), boardOwners(ctxOf(req))]);
    noStore(reply);
    const n = q(req).notice;
    return reply.page((ctx) => <BoardsPage ctx={ctx} rows={rows} owners={owners} values={values} problems={problems} notice={problems ? undefined : known(NOTICES, typeof n === 'string' ? n : '')} />);
  };
  app.get(`${BASE}/boards`, async (req, reply) => boardsPage(req, reply, { submitKey: newKey() }));
  app.post(`${BASE}/boards`, async (req, reply) => {
    const b = formBody(req);
    const v: Values = {};
    for (const k of ['name', 'place', 'agencyId', 'submitKey']) v[k] = field(b, k, FIELD_MAX);
    try {
      const id = await createBoard(ctxOf(req), v);
      return reply.redirect(`${BASE}/boards/${id}?notice=created`, 303);
    } catch (e) {
      if (!userError(e)) throw e;
      reply.status(e.status);
      return boardsPage(req, reply, v, problemsOf(e));
    }
  });

  const photoUrls = async (rows: PostingRow[]) => {
    const m = new Map<number, string>();
    for (const p of rows) {
      if (p.photoFileId == null) continue;
      const f = await getFileById(db, p.photoFileId);
      if (f) m.set(p.id, fileUrl(f.sha256, `张贴照片-${p.id}.${f.ext}`));
    }
    return m;
  };
  const boardPage = async (req: FastifyRequest, reply: FastifyReply, boardId: number, problems?: Problems, typed?: Values) => {
    const board = await staffBoard(ctxOf(req), boardId);
    const [rows, owners] = await Promise.all([boardPostings(ctxOf(req), boardId), boardOwners(ctxOf(req))]);
    const values = typed ?? { name: board.name, place: board.place, agencyId: String(board.agencyId) };
    const urls = await photoUrls(rows);
    noStore(reply);
    const n = q(req).notice;
    return reply.page((ctx) => <BoardPage ctx={ctx} board={board} rows={rows} owners={owners} values={values} problems={problems} photoUrl={(p) => urls.get(p.id) ?? null} notice={problems ? undefined : known(NOTICES, typeof n === 'string' ? n : '')} />);
  };
  app.get(`${BASE}/boards/:id`, async (req, reply) => boardPage(req, reply, idParam((req.params as { id: string }).id)));
  app.post(`${BASE}/boards/:id`, async (req, reply) => {
    const id = idParam((req.params as { id: string }).id);
    const b = formBody(req);
    const v: Values = {};
    for (const k of ['name', 'place', 'agencyId']) v[k] = field(b, k, FIELD_MAX);
    try {
      await updateBoard(ctxOf(req), id, v);
    } catch (e) {
      if (!userError(e)) throw e;
      reply.status(e.status);
      return boardPage(req, reply, id, problemsOf(e), v);
    }
    return reply.redirect(`${BASE}/boards/${id}?notice=updated`, 303);
  });
  for (const [action, active] of [['deactivate', false], ['reactivate', true]] as const) {
    app.post(`${BASE}/boards/:id/${action}`, async (req, reply) => {
      formBody(req);
      const id = idParam((req.params as { id: string }).id);
      try {
        await setBoardActive(ctxOf(req), id, active);
      } catch (e) {
        if (!userError(e)) throw e;
        reply.status(e.status);
        return boardPage(req, reply, id, problemsOf(e));
      }
      return reply.redirect(`${BASE}/boards/${id}?notice=${action}d`, 303);
    });
  }

  // ---- postings ----
  app.post(`${BASE}/postings/:id/take-down`, async (req, reply) => {
    formBody(req);
    const id = idParam((req.params as { id: string }).id);
    const p = await staffPosting(ctxOf(req), id);
    try {
      await takeDown(ctxOf(req), id);
    } catch (e) {
      if (!userError(e)) throw e;
      reply.status(e.status);
      return boardPage(req, reply, p.boardId, problemsOf(e));
    }
    return reply.redirect(`${BASE}/boards/${p.boardId}?notice=takenDown#posting-${id}`, 303);
  });
  const upload = async (req: FastifyRequest): Promise<StoreInput> => {
    const none = () => invalid('请选择要上传的照片。', { fields: { photo: '请选择要上传的照片。' } });
    if (!req.isMultipart()) throw none();
    const file = await req.file({ limits: { fileSize: MAX_PHOTO_BYTES, files: 1 } }).catch((e: { code?: string }) => {
      throw e.code?.startsWith('FST_') ? invalid('上传的文件格式不正确或过大（照片不超过 10 MB）。', { fields: { photo: '上传的文件格式不正确或过大（照片不超过 10 MB）。' } }) : e;
    });
    if (!file?.filename) throw none();
    const buffer = await file.toBuffer().catch(() => { throw invalid('照片不能超过 10 MB。', { fields: { photo: '照片不能超过 10 MB。' } }); });
    if (!buffer.length) throw invalid('上传的文件是空的。', { fields: { photo: '上传的文件是空的。' } });
    return { buffer, filename: file.filename };
  };
  app.post(`${BASE}/postings/:id/photo`, async (req, reply) => {
    const id = idParam((req.params as { id: string }).id);
    const p = await staffPosting(ctxOf(req), id);
    try {
      await setPostingPhoto(ctxOf(req), id, await upload(req));
    } catch (e) {
      if (!userError(e)) throw e;
      reply.status(e.status);
      return boardPage(req, reply, p.boardId, problemsOf(e, (k) => (k === 'photo' ? `photo-${id}` : k)));
    }
    return reply.redirect(`${BASE}/boards/${p.boardId}?notice=photo#posting-${id}`, 303);
  });
}
