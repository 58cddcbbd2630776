import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { notFound } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { siteScopeOf } from '../../web/context.js';
import { idParam } from '../../web/form.js';
import { publicProposals } from './items.js';
import { PROPOSAL_KINDS } from './schema.js';
import { PUBLIC_BASE } from './search.js';
import { ItemPage, ListPage, type PublicFilters } from './views/public.js';

export function registerProposalsPublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const gov = (req: FastifyRequest) => siteScopeOf(req).govId;

  app.get(PUBLIC_BASE, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const s = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).slice(0, 100) : '');
    const year = /^\d{4}$/.test(s('year')) ? Number(s('year')) : undefined;
    const f: PublicFilters = { kind: PROPOSAL_KINDS.find((k) => k === s('kind')), year, session: s('session') || undefined };
    const all = await publicProposals(db, gov(req));
    const years = [...new Set(all.map((r) => Number((r.replyOn ?? r.publishedOn).slice(0, 4))))].sort((a, b) => b - a);
    const sessions = [...new Set(all.map((r) => r.session))].sort();
    const rows = all.filter((r) => (!f.kind || r.kind === f.kind) && (!f.year || (r.replyOn ?? r.publishedOn).startsWith(String(f.year))) && (!f.session || r.session === f.session));
    return reply.page((ctx) => <ListPage ctx={ctx} rows={rows} filters={f} years={years} sessions={sessions} />);
  });

  app.get(`${PUBLIC_BASE}/:id`, async (req, reply) => {
    const id = idParam((req.params as { id: string }).id);
    const r = (await publicProposals(db, gov(req))).find((x) => x.id === id);
    if (!r) throw notFound('建议提案办理复文');
    return reply.page((ctx) => <ItemPage ctx={ctx} r={r} />);
  });
}
