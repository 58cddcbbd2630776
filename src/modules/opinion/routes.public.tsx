import type { FastifyInstance } from 'fastify';
import { h } from '../../core/render/jsx.js';
import type { AppDeps } from '../../core/module.js';
import { siteScopeOf } from '../../web/context.js';
import { publicResponses } from './public.js';
import { PUBLIC_BASE, ResponsesPage } from './views/public.js';

export function registerOpinionPublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  app.get(PUBLIC_BASE, async (req, reply) => {
    const rows = await publicResponses(db, siteScopeOf(req).govId);
    return reply.page((ctx) => <ResponsesPage ctx={ctx} rows={rows} />);
  });
}
