import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../../core/render/jsx.js';
import { AppError } from '../../../core/errors.js';
import type { Ctx } from '../../../core/context.js';
import type { AppDeps } from '../../../core/module.js';
import { siteScopeOf } from '../../../web/context.js';
import { formBody, idParam, known } from '../../../web/form.js';
import { hostOrigin } from '../../info/feeds.js';
import { editionStatus, handbookOverview, publicEditions, requestEdition, runHandbookJobs } from './service.js';
import { NOTICES, PROGRESS_JS, PUBLIC_PATH, PublicPage, STAFF_BASE, StaffPage } from './views.js';

/** Builds right after a request instead of at the job's next tick; the claim keeps two runs apart. */
function buildSoon(deps: AppDeps): void {
  setImmediate(() => { runHandbookJobs(deps.db).catch(() => undefined); });
}

export function registerHandbookStaffRoutes(app: FastifyInstance, deps: AppDeps): void {
  const ctxOf = (req: FastifyRequest): Ctx => ({ db: deps.db, actor: req.actor });
  const page = async (req: FastifyRequest, reply: FastifyReply, errors: string[] = []) => {
    const o = await handbookOverview(ctxOf(req));
    reply.header('cache-control', 'private, no-store');
    const notice = errors.length ? undefined : known(NOTICES, (req.query as { notice?: unknown }).notice);
    return reply.page((ctx) => <StaffPage ctx={ctx} o={o} notice={notice} errors={errors} />);
  };
  app.get(STAFF_BASE, async (req, reply) => page(req, reply));
  app.post(STAFF_BASE, async (req, reply) => {
    try {
      const b = formBody(req);
      await requestEdition(ctxOf(req), { arrangement: b.arrangement, origin: hostOrigin(req) });
      buildSoon(deps);
      return reply.redirect(`${STAFF_BASE}?notice=queued`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 401 || e.status === 403 || e.status === 404) throw e;
      reply.status(e.status);
      return page(req, reply, [e.message]);
    }
  });
  app.get(`${STAFF_BASE}/editions/:id/status`, async (req, reply) => {
    const e = await editionStatus(ctxOf(req), idParam((req.params as { id: string }).id));
    reply.header('cache-control', 'private, no-store');
    return reply.send({ id: e.id, state: e.state, done: e.done, total: e.total, number: e.number, pdf: e.pdf?.url ?? null, docx: e.docx?.url ?? null });
  });
  app.get(`${STAFF_BASE}/progress.js`, async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(PROGRESS_JS));
}

export function registerHandbookPublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get(PUBLIC_PATH, async (req, reply) => {
    const editions = await publicEditions(deps.db, siteScopeOf(req).govId);
    return reply.page((ctx) => <PublicPage ctx={ctx} editions={editions} />);
  });
}
