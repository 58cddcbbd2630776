import type { FastifyInstance } from 'fastify';
import { h } from '../../core/render/jsx.js';
import type { AppDeps } from '../../core/module.js';
import { siteScopeOf } from '../../web/context.js';
import { refId } from '../../web/form.js';
import { publicEntries } from './entries.js';
import { PUBLIC_BASE } from './views/admin.js';
import { PublicPage } from './views/public.js';

export function registerNegativePublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  app.get(PUBLIC_BASE, async (req, reply) => {
    const all = await publicEntries(db, siteScopeOf(req).govId);
    const agencies = [...new Map(all.map((e) => [e.agencyId, { id: e.agencyId, name: e.agencyName }])).values()];
    const q = (req.query as { agency?: unknown }).agency;
    const agencyId = typeof q === 'string' ? refId(q) || undefined : undefined;
    const rows = agencyId ? all.filter((e) => e.agencyId === agencyId) : all;
    return reply.page((ctx) => <PublicPage ctx={ctx} rows={rows} agencies={agencies} agencyId={agencyId} />);
  });
}
