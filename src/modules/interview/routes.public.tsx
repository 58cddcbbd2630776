import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { siteScopeOf } from '../../web/context.js';
import { linkOnSiteOf } from '../portal/site.js';
import { hostOrigin } from '../info/feeds.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, formBody, idParam, refuseFilledHoneypot } from '../../web/form.js';
import { publicInterview, publicInterviews, questionStatus, submitQuestion } from './interviews.js';
import { AskedPage, InterviewPage, ListPage, MESSAGE_STATUS, PUBLIC_BASE, StatusPage, type FormValues } from './views/public.js';

const FIELDS = ['body', 'name', 'phone', 'submitKey', 'homepage'] as const;
/** Far above the service's limits, so an oversize field gets its own message. */
const FIELD_MAX = 100_000;
const newKey = () => randomBytes(12).toString('base64url');

export function registerInterviewPublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const gov = (req: FastifyRequest) => siteScopeOf(req).govId;
  const rateLimit = { max: config.publicWriteRateLimit, timeWindow: '1 minute' };

  app.get(PUBLIC_BASE, async (req, reply) => {
    const rows = await publicInterviews(db, gov(req));
    return reply.page((ctx) => <ListPage ctx={ctx} rows={rows} />);
  });

  app.get(`${PUBLIC_BASE}/status`, async (_req, reply) => {
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <StatusPage ctx={ctx} />);
  });

  /** The FT- code in the body, never in the URL. */
  app.post(`${PUBLIC_BASE}/status`, { config: { rateLimit } }, async (req, reply) => {
    reply.header('cache-control', 'private, no-store');
    let code = '';
    try {
      const b = formBody(req);
      code = field(b, 'code', 200).slice(0, 40);
      refuseFilledHoneypot(field(b, 'homepage', 2000));
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      reply.status(400);
      return reply.page((ctx) => <StatusPage ctx={ctx} error={e.code === 'invalid_input' && /过长/.test(e.message) ? '查询码过长，请核对后重新输入。' : e.message} />);
    }
    try {
      if (!code.trim()) throw new AppError('invalid_input', 400, '请填写查询码。');
      const s = await questionStatus(db, code);
      // The code is valid on any site; the interview and the message it became live on the interview's government's site.
      const onSite = (url: string) => linkOnSiteOf(db, s.govId, url, siteScopeOf(req).govId, hostOrigin(req));
      return reply.page((ctx) => <StatusPage ctx={ctx} code={s.code} s={s} links={{ interview: onSite(`${PUBLIC_BASE}/${s.interviewId}`), messageStatus: onSite(MESSAGE_STATUS) }} />);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      reply.status(e.status);
      const msg = e.status === 404 ? '没有找到这个查询码对应的问题，请核对后重新输入（查询码形如 FT-ABCD2345EF）。' : e.message;
      return reply.page((ctx) => <StatusPage ctx={ctx} code={code} error={msg} />);
    }
  });

  const page = async (req: FastifyRequest, reply: FastifyReply, id: number, values: FormValues = {}, errors: string[] = [], fieldErrors: Record<string, string> = {}) => {
    const v = await publicInterview(db, id, gov(req));
    return reply.page((ctx) => <InterviewPage ctx={ctx} v={v} values={{ submitKey: newKey(), ...values }} errors={errors} fieldErrors={fieldErrors} />);
  };
  app.get(`${PUBLIC_BASE}/:id`, async (req, reply) => page(req, reply, idParam((req.params as { id: string }).id)));

  app.post(`${PUBLIC_BASE}/:id/ask`, { config: { rateLimit } }, async (req, reply) => {
    const id = idParam((req.params as { id: string }).id);
    const v = await publicInterview(db, id, gov(req)); // another government's interview is not found from this site
    const values: FormValues = {};
    try {
      const b = formBody(req);
      for (const k of FIELDS) values[k] = field(b, k, FIELD_MAX);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      reply.status(400);
      return page(req, reply, id, {}, ['提交的内容过长，请精简后重新提交（问题不超过 1000 字）。']);
    }
    try {
      refuseFilledHoneypot(values.homepage);
      const r = await submitQuestion(db, id, values);
      reply.header('cache-control', 'private, no-store');
      return reply.page((ctx) => <AskedPage ctx={ctx} code={r.code} state={r.state} interviewId={id} topic={v.iv.topic} />);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 404) throw e;
      reply.status(e.status);
      const { submitKey: _k, homepage: _h, ...kept } = values;
      const fe = fieldErrorsOf(e.details);
      return page(req, reply, id, kept, Object.keys(fe).length ? Object.values(fe) : [e.message], fe);
    }
  });
}
