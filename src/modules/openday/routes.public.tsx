import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, notFound } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { siteScopeOf } from '../../web/context.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, formBody, idParam, refuseFilledHoneypot } from '../../web/form.js';
import { cancelRegistration, register, registrationByCode, submitOpinion } from './events.js';
import { publicEvent, publicEvents } from './public.js';
import { EventPage, ListPage, OpinionDonePage, PUBLIC_BASE, RegisteredPage, RegisterPage, StatusPage, type FormValues, type StatusView } from './views/public.js';

const FIELDS = ['name', 'phone', 'idNumber', 'submitKey', 'homepage'] as const;
/** Far above the service's limits, so an oversize field gets its own message. */
const FIELD_MAX = 100_000;
const newKey = () => randomBytes(12).toString('base64url');

export function registerOpendayPublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const gov = (req: FastifyRequest) => siteScopeOf(req).govId;
  const rateLimit = { max: config.publicWriteRateLimit, timeWindow: '1 minute' };
  const pctx = { db, key: config.foiDataKey };

  app.get(PUBLIC_BASE, async (req, reply) => {
    const rows = await publicEvents(db, gov(req));
    return reply.page((ctx) => <ListPage ctx={ctx} rows={rows} />);
  });

  app.get(`${PUBLIC_BASE}/status`, async (_req, reply) => {
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <StatusPage ctx={ctx} />);
  });

  /** Code (and, to cancel, the key) in the body, never in the URL. */
  app.post(`${PUBLIC_BASE}/status`, { config: { rateLimit } }, async (req, reply) => {
    reply.header('cache-control', 'private, no-store');
    let code = '', secret = '', action = '';
    try {
      const b = formBody(req);
      code = field(b, 'code', 200).slice(0, 40); secret = field(b, 'secret', 200).slice(0, 40); action = field(b, 'action', 20);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      reply.status(400);
      return reply.page((ctx) => <StatusPage ctx={ctx} error="查询码过长，请核对后重新输入。" />);
    }
    const show = async (done?: string) => {
      const s = await registrationByCode(db, code);
      return reply.page((ctx) => <StatusPage ctx={ctx} code={s.code} s={s as StatusView} done={done} />);
    };
    try {
      if (!code.trim()) throw new AppError('invalid', 400, '请填写查询码。');
      if (action === 'cancel') {
        if (!secret.trim()) {
          reply.status(400);
          const s = await registrationByCode(db, code);
          return reply.page((ctx) => <StatusPage ctx={ctx} code={s.code} s={s as StatusView} secretError="取消报名须填写取消密钥。" />);
        }
        await cancelRegistration(pctx, code, secret);
        return show('已取消报名。名额将让给其他报名人，感谢您的配合。');
      }
      return show();
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      reply.status(e.status);
      return reply.page((ctx) => <StatusPage ctx={ctx} code={code} error={e.message} />);
    }
  });

  app.get(`${PUBLIC_BASE}/:id`, async (req, reply) => {
    const v = await publicEvent(db, idParam((req.params as { id: string }).id), gov(req));
    return reply.page((ctx) => <EventPage ctx={ctx} v={v} />);
  });

  const formPage = async (req: FastifyRequest, reply: FastifyReply, values: FormValues = {}, errors: string[] = [], fieldErrors: Record<string, string> = {}) => {
    const p = req.params as { id: string; sessionId: string };
    const v = await publicEvent(db, idParam(p.id), gov(req));
    const s = v.sessions.find((x) => x.id === idParam(p.sessionId));
    if (!s) throw notFound('场次');
    if (v.regStatus !== 'open' && !errors.length) return reply.redirect(`${PUBLIC_BASE}/${v.e.id}`, 303);
    return { v, s, html: () => reply.page((ctx) => <RegisterPage ctx={ctx} v={v} s={s} values={{ submitKey: newKey(), ...values }} errors={errors} fieldErrors={fieldErrors} />) };
  };
  const render = async (req: FastifyRequest, reply: FastifyReply, values?: FormValues, errors?: string[], fe?: Record<string, string>) => {
    const r = await formPage(req, reply, values, errors, fe);
    return 'html' in r ? r.html() : r;
  };

  app.get(`${PUBLIC_BASE}/:id/baoming/:sessionId`, async (req, reply) => render(req, reply));

  app.post(`${PUBLIC_BASE}/:id/baoming/:sessionId`, { config: { rateLimit } }, async (req, reply) => {
    const values: FormValues = {};
    try {
      const b = formBody(req);
      for (const k of FIELDS) values[k] = field(b, k, FIELD_MAX);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      reply.status(400);
      return render(req, reply, {}, ['提交的内容过长，请精简后重新提交。']);
    }
    const p = req.params as { id: string; sessionId: string };
    const v = await publicEvent(db, idParam(p.id), gov(req)); // another government's event is not found from this site
    const s = v.sessions.find((x) => x.id === idParam(p.sessionId));
    if (!s) throw notFound('场次');
    try {
      refuseFilledHoneypot(values.homepage);
      const r = await register(pctx, s.id, values);
      reply.header('cache-control', 'private, no-store');
      return reply.page((ctx) => <RegisteredPage ctx={ctx} code={r.code} secret={r.secret} state={r.state} v={v} s={s} />);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 404) throw e;
      reply.status(e.status);
      const { submitKey: _k, homepage: _h, ...kept } = values;
      const fe = fieldErrorsOf(e.details);
      // A resubmitted form keeps its key so a third press is refused the same way.
      const keep = e.code === 'resubmitted' ? { ...kept, submitKey: values.submitKey ?? '' } : kept;
      return render(req, reply, keep, Object.keys(fe).length ? Object.values(fe) : [e.message], fe);
    }
  });

  /** An opinion after the visit, by the registrant's code and key (both in the body, never in a URL). */
  app.post(`${PUBLIC_BASE}/:id/yijian`, { config: { rateLimit } }, async (req, reply) => {
    const v = await publicEvent(db, idParam((req.params as { id: string }).id), gov(req)); // another government's event is not found from this site
    reply.header('cache-control', 'private, no-store');
    const values: FormValues = {};
    const again = (status: number, errors: string[], fe: Record<string, string> = {}, kept: FormValues = {}) => {
      reply.status(status);
      return reply.page((ctx) => <EventPage ctx={ctx} v={v} opinion={{ values: kept, errors, fieldErrors: fe }} />);
    };
    try {
      const b = formBody(req);
      for (const k of ['code', 'secret', 'body', 'homepage'] as const) values[k] = field(b, k, FIELD_MAX);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      return again(400, ['提交的内容过长，请精简后重新提交。']);
    }
    try {
      refuseFilledHoneypot(values.homepage);
      await submitOpinion(pctx, v.e.id, values);
      return reply.page((ctx) => <OpinionDonePage ctx={ctx} v={v} />);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      const fe = fieldErrorsOf(e.details);
      // The key is never sent back; the text and the code are kept so nothing typed is lost.
      return again(e.status, Object.keys(fe).length ? Object.values(fe) : [e.message], fe, { code: values.code ?? '', body: values.body ?? '' });
    }
  });
}
