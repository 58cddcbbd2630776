import { printedUrlOf } from '../portal/site.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h, renderDocument } from '../../core/render/jsx.js';
import type { AppDeps } from '../../core/module.js';
import { notFound } from '../../core/errors.js';
import { qrSvg } from '../../core/render/qr.js';
import { siteScopeOf, DEFAULT_SITE } from '../../web/context.js';
import { refId } from '../../web/form.js';
import { ENTERPRISE_THEMES, PERSON_THEMES } from './elements.js';
import { listPublishedGuides, publishedGuideByCode } from './public.js';
import { materialFileLinks } from './files.js';
import { listBundles } from './bundles.js';
import { CODE_RE } from './service.js';
import { listDomains } from '../catalog/queries.js';
import { PUBLIC_BASE } from './views/parts.js';
import { BRIEF_CSS, BriefPage, BundlePage, GuidePage, IndexPage } from './views/public.js';

const THEMES: readonly string[] = [...PERSON_THEMES, ...ENTERPRISE_THEMES];

export function registerGuidesPublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const govOf = (req: FastifyRequest) => siteScopeOf(req).govId;
  const guideOf = async (req: FastifyRequest) => {
    const code = (req.params as { code: string }).code;
    const gov = govOf(req);
    if (typeof code !== 'string' || !CODE_RE.test(code)) throw notFound('办事指南');
    // On the whole-installation site (no government resolved) a code is looked up among all governments' guides.
    const govId = gov ?? (await listPublishedGuides(db, null)).find((x) => x.code === code)?.govId;
    const g = govId != null ? await publishedGuideByCode(db, govId, code) : null;
    if (!g) throw notFound('办事指南');
    return g;
  };

  app.get(PUBLIC_BASE, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const theme = typeof q.theme === 'string' && THEMES.includes(q.theme) ? q.theme : undefined;
    const agencyId = typeof q.agency === 'string' ? refId(q.agency) || undefined : undefined;
    // ?domain= is the link from a catalog's 办事指南 row: the guides of that disclosure domain.
    const domain = typeof q.domain === 'string' && /^[a-z0-9-]{1,50}$/.test(q.domain) ? q.domain : undefined;
    const [all, bundles, domains] = await Promise.all([listPublishedGuides(db, govOf(req)), listBundles(db, govOf(req)), domain ? listDomains(db) : Promise.resolve([])]);
    const domainName = domains.find((d) => d.code === domain)?.name;
    const shown = all.filter((g) => (!agencyId || g.agencyId === agencyId) && (!domain || g.domainCode === domain));
    return reply.page((ctx) => <IndexPage ctx={ctx} all={shown} browse={{ by: theme ? 'theme' : 'agency', theme, agencyId, domain: domain ? (domainName ?? domain) : undefined }} bundles={domain ? [] : bundles} />);
  });
  app.get(`${PUBLIC_BASE}/jianban.css`, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(BRIEF_CSS));
  app.get(`${PUBLIC_BASE}/yijianshi/:id`, async (req, reply) => {
    const id = refId((req.params as { id: string }).id);
    const b = (await listBundles(db, govOf(req))).find((x) => x.id === id);
    if (!b) throw notFound('“一件事”');
    return reply.page((ctx) => <BundlePage ctx={ctx} b={b} />);
  });
  app.get(`${PUBLIC_BASE}/:code`, async (req, reply) => {
    const g = await guideOf(req);
    const files = await materialFileLinks(db, g.data, { publicOnly: true });
    return reply.page((ctx) => <GuidePage ctx={ctx} g={g} files={files} />);
  });
  app.get(`${PUBLIC_BASE}/:code/jianban`, async (req, reply) => {
    const g = await guideOf(req);
    const site = req.site ?? DEFAULT_SITE;
    const url = await printedUrlOf(db, g.govId, `${PUBLIC_BASE}/${encodeURIComponent(g.code)}`, `${req.protocol}://${req.host}`);
    const qr = await qrSvg(url);
    return reply.type('text/html; charset=utf-8').send(renderDocument(<BriefPage g={g} siteName={site.name} url={url} qr={qr} />));
  });
}
