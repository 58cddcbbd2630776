import { printedUrlOf } from '../portal/site.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import type { AppDeps } from '../../core/module.js';
import { qrSvg } from '../../core/render/qr.js';
import { siteScopeOf } from '../../web/context.js';
import { ENTERPRISE_THEMES, PERSON_THEMES } from '../guides/elements.js';
import { listPublishedGuides, publishedGuideByCode } from '../guides/public.js';
import { listBundles } from '../guides/bundles.js';
import { kioskIdleSeconds } from './kiosk.js';
import { KIOSK_GUIDES, KioskGuideIndex, KioskGuidePage, KioskNotFound } from './views/kiosk-guides.js';

const THEMES: readonly string[] = [...PERSON_THEMES, ...ENTERPRISE_THEMES];
/** The shape of a 实施编码 (the guides module's own rule); anything else names no guide and never reaches the database. */
const CODE = /^[0-9A-Za-z][0-9A-Za-z-]{0,35}$/;

/** 办事指南 on the 政务公开专区 touch screen (/kiosk/banshi): this government's published guides only. */
export function registerKioskGuideRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const gov = (req: FastifyRequest) => siteScopeOf(req).govId;

  app.get(KIOSK_GUIDES, async (req, reply) => {
    const govId = gov(req);
    const q = req.query as Record<string, unknown>;
    const theme = typeof q.theme === 'string' && THEMES.includes(q.theme) ? q.theme : undefined;
    const [idle, all, bundles] = await Promise.all([kioskIdleSeconds(db, govId), listPublishedGuides(db, govId), listBundles(db, govId)]);
    return reply.page((ctx) => <KioskGuideIndex ctx={ctx} idle={idle} all={all} themes={{ person: PERSON_THEMES, enterprise: ENTERPRISE_THEMES }} theme={theme} bundles={bundles.filter((b) => b.items.length)} />);
  });

  const guidePage = async (req: FastifyRequest, reply: FastifyReply) => {
    const govId = gov(req);
    const p = req.params as { code?: unknown; '*'?: unknown };
    const code = p.code ?? p['*'];
    const idle = await kioskIdleSeconds(db, govId);
    // The whole-installation site (no government) has no kiosk guides of its own: a code is looked up only within the site's government.
    const g = govId != null && typeof code === 'string' && CODE.test(code) ? await publishedGuideByCode(db, govId, code) : null;
    if (!g) {
      reply.status(404);
      return reply.page((ctx) => <KioskNotFound ctx={ctx} idle={idle} what="办事指南" back={KIOSK_GUIDES} />);
    }
    // The full guide on the government's own domain when it has one (no path prefix there), else here with the site's prefix.
    const url = await printedUrlOf(db, g.govId, `/banshi/${encodeURIComponent(g.code)}`, `${req.protocol}://${req.host}`);
    const qr = await qrSvg(url);
    return reply.page((ctx) => <KioskGuidePage ctx={ctx} idle={idle} g={g} qr={qr} url={url} />);
  };
  app.get(`${KIOSK_GUIDES}/:code`, guidePage);
  // And a wildcard beside it: a segment over the router's parameter length limit (or with a slash)
  // falls through to it, so it too gets the kiosk's 404 rather than the site's 414 page out of kiosk mode.
  app.get(`${KIOSK_GUIDES}/*`, guidePage);
}
