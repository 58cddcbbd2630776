import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { siteScopeOf } from '../../web/context.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, fields, formBody, refuseFilledHoneypot } from '../../web/form.js';
import { listPublishedGuides } from '../guides/public.js';
import { resolveTarget, submitRating, type Target } from './ratings.js';
import { publicAggregates } from './stats.js';
import { publicWindows, settingsOf } from './windows.js';
import { PUBLIC_BASE } from './views/admin.js';
import { ChoosePage, DonePage, RatePage, StatsPage, type FormValues } from './views/public.js';

/** Far above the service's limits, so an oversize field gets the service's own message. */
const FIELD_MAX = 100_000;

export function registerRatingsPublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const gov = (req: FastifyRequest) => siteScopeOf(req).govId;
  const rateLimit = { max: config.publicWriteRateLimit, timeWindow: '1 minute' };
  const q = (req: FastifyRequest, k: string) => { const v = (req.query as Record<string, unknown>)[k]; return typeof v === 'string' ? v.slice(0, 100) : ''; };

  const choose = async (req: FastifyRequest, reply: import('fastify').FastifyReply, notFound = false) => {
    const [guides, windows] = await Promise.all([listPublishedGuides(db, gov(req)), publicWindows(db, gov(req))]);
    if (notFound) reply.status(404);
    return reply.page((ctx) => <ChoosePage ctx={ctx} guides={guides} windows={windows} notFound={notFound} />);
  };

  /** The form for the item (?code=实施编码, from its guide) or the window (?window=id, from its QR code); else the chooser. */
  app.get(PUBLIC_BASE, async (req, reply) => {
    const code = q(req, 'code'), window = q(req, 'window');
    if (!code && !window) return choose(req, reply);
    const target = await resolveTarget(db, gov(req), { code, window });
    if (!target) return choose(req, reply, true);
    const { tags } = await settingsOf(db, target.govId);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <RatePage ctx={ctx} target={target} tags={tags} />);
  });

  app.post(PUBLIC_BASE, { config: { rateLimit } }, async (req, reply) => {
    reply.header('cache-control', 'private, no-store');
    const values: FormValues = {};
    let target: Target | null = null;
    let homepage = '';
    try {
      const b = formBody(req);
      target = await resolveTarget(db, gov(req), { code: field(b, 'code', 200), window: field(b, 'window', 200) });
      values.level = field(b, 'level', FIELD_MAX); values.body = field(b, 'body', FIELD_MAX); values.phone = field(b, 'phone', FIELD_MAX);
      values.tags = fields(b, 'tags').slice(0, 50).map((t) => t.slice(0, 100));
      homepage = field(b, 'homepage', FIELD_MAX);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      if (!target) return choose(req, reply, true);
      reply.status(400);
      const { tags } = await settingsOf(db, target.govId);
      const t = target;
      return reply.page((ctx) => <RatePage ctx={ctx} target={t} tags={tags} values={{ level: values.level }} errors={['提交的内容过长，请精简后重新提交。']} />);
    }
    if (!target) return choose(req, reply, true);
    const t = target;
    try {
      refuseFilledHoneypot(homepage);
      const r = await submitRating({ db, key: config.foiDataKey, address: req.ip }, t, values);
      return reply.page((ctx) => <DonePage ctx={ctx} target={t} order={r.orderId != null} />);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      reply.status(e.status);
      const fe = fieldErrorsOf(e.details);
      const { tags } = await settingsOf(db, t.govId);
      return reply.page((ctx) => <RatePage ctx={ctx} target={t} tags={tags} values={values} errors={Object.keys(fe).length ? Object.values(fe) : [e.message]} fieldErrors={fe} />);
    }
  });

  app.get(`${PUBLIC_BASE}/tongji`, async (req, reply) => {
    const stats = await publicAggregates(db, gov(req));
    return reply.page((ctx) => <StatsPage ctx={ctx} stats={stats} />);
  });
}
