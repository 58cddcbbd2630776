import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, notFound } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { governmentAgencies } from '../../core/org/scope.js';
import { toShanghaiDate } from '../../core/calendar/dates.js';
import { siteScopeOf } from '../../web/context.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, formBody, idParam, refuseFilledHoneypot } from '../../web/form.js';
import { fileMessage, messageStatus } from './intake.js';
import { refuseUndecoded } from './encoding.js';
import { rateMessage, reopenMessage } from './handling.js';
import { faqList, mailboxesOf, monthlyStats, publicMessage, publicMessagesPage, publicSteps } from './queries.js';
import { DetailPage, FaqPage, FiledPage, ListPage, NewPage, PUBLIC_BASE, recentMonths, StatusPage, TongjiPage, type FormValues } from './views/public.js';

const FIELDS = ['target', 'kind', 'isPublic', 'name', 'phone', 'title', 'body', 'submitKey', 'homepage'] as const;
/** Far above the service's limits, so an oversize field gets the service's own message. */
const FIELD_MAX = 100_000;
const newKey = () => randomBytes(12).toString('base64url');
const HIDDEN_KINDS = new Set(['village', 'community']);

/** A page number from the query string: anything odd is page 1. */
const pageOf = (v: unknown) => { const s = typeof v === 'string' ? v : ''; return /^[1-9]\d{0,4}$/.test(s) ? Number(s) : 1; };

export function registerMessagesPublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const gov = (req: FastifyRequest) => siteScopeOf(req).govId;
  const rateLimit = { max: config.publicWriteRateLimit, timeWindow: '1 minute' };

  app.get(PUBLIC_BASE, async (req, reply) => {
    const p = await publicMessagesPage(db, gov(req), pageOf((req.query as { page?: unknown }).page));
    return reply.page((ctx) => <ListPage ctx={ctx} p={p} />);
  });

  app.get(`${PUBLIC_BASE}/faq`, async (req, reply) => {
    const rows = await faqList(db, gov(req));
    return reply.page((ctx) => <FaqPage ctx={ctx} rows={rows} />);
  });

  app.get(`${PUBLIC_BASE}/tongji`, async (req, reply) => {
    const months = recentMonths(toShanghaiDate(new Date()));
    const q = (req.query as { month?: unknown }).month;
    const month = typeof q === 'string' && months.includes(q) ? q : months[0]!;
    const g = gov(req);
    const rows = g == null ? [] : await monthlyStats(db, g, month);
    return reply.page((ctx) => <TongjiPage ctx={ctx} month={month} months={months} rows={rows} />);
  });

  const newForm = async (req: FastifyRequest, reply: FastifyReply, values: FormValues, errors: string[] = [], fieldErrors: Record<string, string> = {}) => {
    const g = gov(req);
    const agencies = (await governmentAgencies(db, g)).filter((a) => a.govId != null && !HIDDEN_KINDS.has(a.kind)).map((a) => ({ id: a.id, name: a.name }));
    const mailboxes = g == null ? [] : (await mailboxesOf(db, g)).map((b) => ({ id: b.id, name: b.name }));
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <NewPage ctx={ctx} agencies={agencies} mailboxes={mailboxes} values={values} errors={errors} fieldErrors={fieldErrors} />);
  };

  app.get(`${PUBLIC_BASE}/new`, async (req, reply) => {
    const t = (req.query as { to?: unknown }).to;
    return newForm(req, reply, { submitKey: newKey(), isPublic: 'yes', target: typeof t === 'string' && /^(ag|mb)-\d{1,9}$/.test(t) ? t : '' });
  });

  app.post(`${PUBLIC_BASE}/new`, { config: { rateLimit } }, async (req, reply) => {
    const values: FormValues = {};
    try {
      const b = formBody(req);
      for (const k of FIELDS) values[k] = field(b, k, FIELD_MAX);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      reply.status(400);
      return newForm(req, reply, { submitKey: newKey() }, ['提交的内容过长，请精简后重新提交（留言内容不超过 3000 个字）。']);
    }
    const t = /^(ag|mb)-(\d{1,9})$/.exec(values.target ?? '');
    try {
      refuseFilledHoneypot(values.homepage);
      refuseUndecoded({ target: values.target, kind: values.kind, isPublic: values.isPublic, name: values.name, phone: values.phone, title: values.title, body: values.body });
      const r = await fileMessage({ db, actor: null }, {
        agencyId: t?.[1] === 'ag' ? t[2] : undefined, mailboxId: t?.[1] === 'mb' ? t[2] : undefined,
        kind: values.kind ?? '', isPublic: values.isPublic ?? '', name: values.name ?? '', phone: values.phone ?? '', title: values.title ?? '', body: values.body ?? '', submitKey: values.submitKey,
      }, { govId: gov(req) });
      reply.header('cache-control', 'private, no-store');
      return reply.page((ctx) => <FiledPage ctx={ctx} code={r.code} checkKey={r.checkKey} held={r.held} />);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      reply.status(e.status === 404 ? 400 : e.status);
      const { homepage: _h, ...kept } = values;
      const fe = fieldErrorsOf(e.details);
      if (fe.agencyId || fe.mailboxId) fe.target = fe.agencyId ?? fe.mailboxId!;
      delete fe.agencyId; delete fe.mailboxId;
      return newForm(req, reply, { ...kept, submitKey: kept.submitKey || newKey() }, Object.keys(fe).length ? Object.values(fe) : [e.message], fe);
    }
  });

  app.get(`${PUBLIC_BASE}/status`, async (_req, reply) => {
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <StatusPage ctx={ctx} />);
  });

  /** Code and key in the body, never in the URL; the same form rates and reopens. */
  app.post(`${PUBLIC_BASE}/status`, { config: { rateLimit } }, async (req, reply) => {
    reply.header('cache-control', 'private, no-store');
    let code = '', key = '', action = '', rating = '', comment = '', reopen = '';
    try {
      const b = formBody(req);
      code = field(b, 'code', 200).trim().slice(0, 20); key = field(b, 'checkKey', 200).trim().slice(0, 10); action = field(b, 'action', 20);
      rating = field(b, 'rating', 40); comment = field(b, 'comment', 20_000); reopen = field(b, 'reopen', 10);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      reply.status(400);
      return reply.page((ctx) => <StatusPage ctx={ctx} error="提交的内容过长，请核对后重新输入。" />);
    }
    const show = async (done?: string) => {
      const s = await messageStatus(db, code, key);
      return reply.page((ctx) => <StatusPage ctx={ctx} code={s.code} checkKey={key.toUpperCase()} s={s} done={done} />);
    };
    try {
      if (!code || !key) throw new AppError('invalid', 400, '请填写查询码和查询密钥。');
      refuseUndecoded({ code, key, rating, comment });
      if (action === 'rate') {
        try {
          await rateMessage({ db, actor: null }, code, key, { rating, comment });
        } catch (e) {
          if (!(e instanceof AppError) || e.status !== 400) throw e;
          const s = await messageStatus(db, code, key);
          reply.status(400);
          return reply.page((ctx) => <StatusPage ctx={ctx} code={s.code} checkKey={key.toUpperCase()} s={s} fieldErrors={fieldErrorsOf(e.details)} values={{ rating, comment }} error="评价未提交，请修改标出的问题。" />);
        }
        if (rating === 'unsatisfied' && reopen) {
          await reopenMessage({ db, actor: null }, code, key);
          return await show('已收到您的评价。留言已重新交承办单位办理（每条留言只能重新办理一次），答复期限重新计算。');
        }
        return await show(rating === 'unsatisfied' ? '已收到您的评价。如需重新办理，可点击下方“申请重新办理”（仅一次）。' : '已收到您的评价，感谢您的参与。');
      }
      if (action === 'reopen') {
        await reopenMessage({ db, actor: null }, code, key);
        return await show('留言已重新交承办单位办理（每条留言只能重新办理一次），答复期限重新计算。');
      }
      return await show();
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      // A wrong code or key is the form's answer (400, form kept), not a missing page.
      reply.status(e.status === 404 ? 400 : e.status);
      const msg = e.status === 404 ? '查询码或查询密钥不正确，请核对后重新输入。' : e.message;
      return reply.page((ctx) => <StatusPage ctx={ctx} code={code} error={msg} />);
    }
  });

  app.get(`${PUBLIC_BASE}/:id`, async (req, reply) => {
    const m = await publicMessage(db, gov(req), idParam((req.params as { id: string }).id));
    if (!m) throw notFound('留言');
    const steps = await publicSteps(db, m.id);
    return reply.page((ctx) => <DetailPage ctx={ctx} m={m} steps={steps} />);
  });
}
