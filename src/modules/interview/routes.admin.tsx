import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, invalid } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { getFileById, type StoreInput } from '../../core/files/index.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, formBody, idParam, type FormBody } from '../../web/form.js';
import { localDateTime } from '../participation/consultations.js';
import { siteScopeOf } from '../../web/context.js';
import { linkOnSiteOf } from '../portal/site.js';
import { hostOrigin } from '../info/feeds.js';
import { PUBLIC_BASE } from './views/public.js';
import {
  addTranscriptImage, answerQuestion, createInterview, endInterview, hostOptions, MAX_GUESTS, moderate, parseInterviewForm, publishTranscript,
  removeTranscriptImage, saveTranscript, setInterviewImage, setInterviewState, setQuestionsOpen, staffInterview, staffInterviews, transferUnanswered, updateInterview,
} from './interviews.js';
import { ADMIN_BASE, AdminInterview, AdminList, InterviewForm, NOTICES, type Problems } from './views/admin.js';

/** A refusal to show on the page (fields beside their boxes); anything else is not ours to catch. */
const problemsOf = (e: unknown, rename: Record<string, string> = {}, fallbackField?: string): Problems => {
  if (!(e instanceof AppError) || e.status >= 500 || [401, 403, 404].includes(e.status) && !(e.status === 404 && fallbackField)) throw e;
  const f: Record<string, string> = {};
  for (const [k, m] of Object.entries(fieldErrorsOf(e.details))) f[rename[k] ?? k] = m;
  if (!Object.keys(f).length && fallbackField) f[fallbackField] = e.message;
  return { list: Object.keys(f).length ? Object.values(f) : [e.message], fields: f };
};
const FORM_FIELDS = ['topic', 'startsAt', 'agencyId', 'description', ...Array.from({ length: MAX_GUESTS }, (_, k) => ['Name', 'Title', 'Agency'].map((x) => `g${k + 1}${x}`)).flat()];
const MAX_FIELD = 100_000;
/** Reads the staff form; a field far over its limit is refused beside its box rather than failing the page. */
const readForm = (b: FormBody): { values: Record<string, string>; problems?: Problems } => {
  const values: Record<string, string> = {};
  const fields: Record<string, string> = {};
  for (const k of FORM_FIELDS) {
    try { values[k] = field(b, k, MAX_FIELD); } catch { values[k] = ''; fields[k] = '内容过长，请精简后重新填写。'; }
  }
  return { values, problems: Object.keys(fields).length ? { list: Object.values(fields), fields } : undefined };
};

export function registerInterviewAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const idOf = (req: FastifyRequest) => idParam((req.params as { id: string }).id);
  const noticeOf = (req: FastifyRequest) => NOTICES[String((req.query as { notice?: unknown }).notice ?? '')];

  app.get(ADMIN_BASE, async (req, reply) => {
    const rows = await staffInterviews(ctxOf(req));
    return reply.page((ctx) => <AdminList ctx={ctx} rows={rows} notice={noticeOf(req)} />);
  });

  const form = async (req: FastifyRequest, reply: FastifyReply, action: string, heading: string, values: Record<string, string>, problems?: Problems) => {
    const hosts = await hostOptions(ctxOf(req));
    return reply.page((ctx) => <InterviewForm ctx={ctx} action={action} heading={heading} values={values} hosts={hosts} problems={problems} />);
  };
  app.get(`${ADMIN_BASE}/new`, async (req, reply) => {
    const d = new Date(Date.now() + 7 * 86_400_000); d.setUTCHours(2, 0, 0, 0); // 10:00 Beijing time, a week on
    return form(req, reply, `${ADMIN_BASE}/new`, '新建在线访谈', { startsAt: localDateTime(d), agencyId: String(req.actor?.agencyId ?? '') });
  });
  app.post(`${ADMIN_BASE}/new`, async (req, reply) => {
    const { values, problems } = readForm(formBody(req));
    if (problems) return form(req, reply.status(400), `${ADMIN_BASE}/new`, '新建在线访谈', values, problems);
    try {
      const id = await createInterview(ctxOf(req), parseInterviewForm(values));
      return reply.redirect(`${ADMIN_BASE}/${id}?notice=created`, 303);
    } catch (e) {
      const p = problemsOf(e);
      return form(req, reply.status((e as AppError).status), `${ADMIN_BASE}/new`, '新建在线访谈', values, p);
    }
  });

  const view = async (req: FastifyRequest, id: number) => {
    const v = await staffInterview(ctxOf(req), id);
    const files: Record<number, string> = {};
    for (const fid of [...(v.iv.imageFileId ? [v.iv.imageFileId] : []), ...v.iv.transcriptImages.map((x) => x.fileId)]) {
      const f = await getFileById(db, fid);
      if (f) files[fid] = f.sha256;
    }
    // The public page is on the interview's government's own site (a county's prefix under the city's host).
    const publicUrl = linkOnSiteOf(db, v.iv.govId, `${PUBLIC_BASE}/${v.iv.id}`, siteScopeOf(req).govId, hostOrigin(req));
    return { ...v, files, publicUrl };
  };
  const page = async (req: FastifyRequest, reply: FastifyReply, id: number, problems?: Problems, notice?: string, transcriptValue?: string) => {
    const v = await view(req, id);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <AdminInterview ctx={ctx} v={v} notice={problems ? undefined : (notice ?? noticeOf(req))} problems={problems} transcriptValue={transcriptValue} />);
  };
  app.get(`${ADMIN_BASE}/:id`, async (req, reply) => page(req, reply, idOf(req)));

  app.get(`${ADMIN_BASE}/:id/edit`, async (req, reply) => {
    const { iv } = await staffInterview(ctxOf(req), idOf(req));
    const values: Record<string, string> = { topic: iv.topic, startsAt: localDateTime(iv.startsAt), agencyId: String(iv.agencyId ?? iv.govId), description: iv.description };
    iv.guests.forEach((g, i) => { values[`g${i + 1}Name`] = g.name; values[`g${i + 1}Title`] = g.title; values[`g${i + 1}Agency`] = g.agency; });
    return form(req, reply, `${ADMIN_BASE}/${iv.id}/edit`, '修改访谈信息', values);
  });
  app.post(`${ADMIN_BASE}/:id/edit`, async (req, reply) => {
    const id = idOf(req);
    await staffInterview(ctxOf(req), id); // another government's interview: not found, before reading anything
    const { values, problems } = readForm(formBody(req));
    if (problems) return form(req, reply.status(400), `${ADMIN_BASE}/${id}/edit`, '修改访谈信息', values, problems);
    try {
      await updateInterview(ctxOf(req), id, parseInterviewForm(values));
      return reply.redirect(`${ADMIN_BASE}/${id}?notice=saved`, 303);
    } catch (e) {
      const p = problemsOf(e);
      return form(req, reply.status((e as AppError).status), `${ADMIN_BASE}/${id}/edit`, '修改访谈信息', values, p);
    }
  });

  /** An action on the interview page: done, then back to it with a notice; refused, the page with the reason beside its box. */
  type Run = (req: FastifyRequest, id: number, b: FormBody) => Promise<string | void>;
  const action = (path: string, run: Run, notice: string, rename: (req: FastifyRequest) => Record<string, string> = () => ({}), fallbackField?: (req: FastifyRequest) => string) =>
    app.post(`${ADMIN_BASE}/:id${path}`, async (req, reply) => {
      const id = idOf(req);
      let b: FormBody = {};
      try {
        b = req.isMultipart() ? {} : formBody(req);
        const n = await run(req, id, b);
        return reply.redirect(`${ADMIN_BASE}/${id}?notice=${n || notice}`, 303);
      } catch (e) {
        const p = problemsOf(e, rename(req), fallbackField?.(req));
        reply.status((e as AppError).status === 404 ? 400 : (e as AppError).status);
        return page(req, reply, id, p, undefined, path === '/transcript' && typeof b.transcript === 'string' ? b.transcript : undefined);
      }
    });
  const upload = async (req: FastifyRequest): Promise<StoreInput> => {
    if (!req.isMultipart()) throw invalid('请选择要上传的图片。', { fields: { file: '请选择要上传的图片。' } });
    const file = await req.file({ limits: { fileSize: 10 * 1024 * 1024, files: 1 } }).catch((e: { code?: string }) => {
      throw e.code?.startsWith('FST_') ? invalid('上传的文件格式不正确或过大（图片不超过 10 MB）。', { fields: { file: '上传的文件格式不正确或过大（图片不超过 10 MB）。' } }) : e;
    });
    if (!file?.filename) throw invalid('请选择要上传的图片。', { fields: { file: '请选择要上传的图片。' } });
    const buffer = await file.toBuffer().catch(() => { throw invalid('图片不能超过 10 MB。', { fields: { file: '图片不能超过 10 MB。' } }); });
    if (!buffer.length) throw invalid('上传的文件是空的。', { fields: { file: '上传的文件是空的。' } });
    return { buffer, filename: file.filename };
  };
  const qid = (req: FastifyRequest) => idParam((req.params as { qid: string }).qid);
  /** Filed and not filed questions, said in the notice. */
  const transferred = (r: { filed: string[]; failed: { code: string; reason: string }[] }, done: string) => {
    if (!r.failed.length) return r.filed.length ? `${done}${r.filed.length} 个未答复的问题已转为留言办理（${r.filed.join('、')}）。` : done;
    return `${done}${r.filed.length} 个问题已转为留言；${r.failed.length} 个未能转为留言：${r.failed.map((f) => `${f.code}（${f.reason}）`).join('；')}`;
  };

  action('/announce', (req, id) => setInterviewState(ctxOf(req), id, 'announced'), 'announced');
  action('/live', (req, id) => setInterviewState(ctxOf(req), id, 'live'), 'live');
  action('/questions/close', (req, id) => setQuestionsOpen(ctxOf(req), id, false), 'closedQ');
  action('/questions/open', (req, id) => setQuestionsOpen(ctxOf(req), id, true), 'openedQ');
  for (const [path, run, done] of [['/end', endInterview, '访谈已结束。'], ['/transfer', transferUnanswered, '']] as const) {
    app.post(`${ADMIN_BASE}/:id${path}`, async (req, reply) => {
      const id = idOf(req);
      try {
        const r = await run(ctxOf(req), id);
        if (!r.failed.length) return reply.redirect(`${ADMIN_BASE}/${id}?notice=${r.filed.length ? 'transferred' : 'ended'}`, 303);
        return page(req, reply, id, undefined, transferred(r, done));
      } catch (e) {
        const p = problemsOf(e);
        reply.status((e as AppError).status);
        return page(req, reply, id, p);
      }
    });
  }
  action('/questions/:qid/approve', async (req, id) => moderate(ctxOf(req), id, [qid(req)], true), 'approved');
  action('/questions/:qid/reject', async (req, id, b) => moderate(ctxOf(req), id, [qid(req)], false, field(b, 'reason', 5000)), 'rejected',
    (req) => ({ reason: `reason-${qid(req)}` }), (req) => `reason-${qid(req)}`);
  action('/questions/:qid/answer', async (req, id, b) => answerQuestion(ctxOf(req), id, qid(req), field(b, 'answer', 20_000)), 'answered',
    () => ({}), (req) => `answer-${qid(req)}`);
  action('/image', async (req, id) => setInterviewImage(ctxOf(req), id, await upload(req)), 'image');
  action('/images', async (req, id) => addTranscriptImage(ctxOf(req), id, await upload(req)), 'image', () => ({ file: 'transcriptImage' }), () => 'transcriptImage');
  action('/images/:fileId/remove', (req, id) => removeTranscriptImage(ctxOf(req), id, idParam((req.params as { fileId: string }).fileId)), 'imageRemoved');
  action('/transcript', async (req, id, b) => {
    const text = field(b, 'transcript', 400_000);
    if (field(b, 'action', 20) === 'publish') { await publishTranscript(ctxOf(req), id, text); return 'transcriptPublished'; }
    await saveTranscript(ctxOf(req), id, text);
  }, 'transcript', () => ({}), () => 'transcript');
}
