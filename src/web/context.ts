import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../core/auth/actor.js';
import type { NavModel } from './nav.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'gk_sid';
/** The CSRF secret's cookie (renewed at sign-in and sign-out). */
export const CSRF_COOKIE = 'gk_csrf';
/** What every CSRF token is bound to: the session it was made for ('anonymous' before signing in). */
export const csrfUserInfo = (req: FastifyRequest): string => req.sessionId ?? 'anonymous';

export type FontSize = 'small' | 'medium' | 'large';

/**
 * The site's identity as the page shell shows it (header brand, titles, footer, meta tags). The
 * module that owns it (portal) loads it for each request into `req.site`; web must not import it.
 * Empty strings are parts not set yet, which the shell leaves out.
 */
export type SiteIdentity = {
  /** The government's name: the header brand, every <title>, SiteName. */
  name: string;
  /** SiteDomain, e.g. www.example.gov.cn ('' = the request's host). */
  domain: string;
  /** 网站标识码 (SiteIDCode). */
  idCode: string;
  icp: string;
  police: string;
  sponsor: string;
  organizer: string;
  address: string;
  phone: string;
  email: string;
  /** Site-wide Keywords and Description, used where a page gives none of its own. */
  keywords: string;
  description: string;
};

/** What a page shows before anything is configured or loaded (an error page early in a request). */
export const DEFAULT_SITE: SiteIdentity = { name: '政务公开平台', domain: '', idCode: '', icp: '', police: '', sponsor: '', organizer: '', address: '', phone: '', email: '', keywords: '', description: '' };

/**
 * Which government's public site a request is for (issue 12: a site per government). Resolved
 * once per request by the portal module's hook — from the host name, or a path prefix such as
 * `/xian-a` — and read by every public query to keep to that government's part of the tree.
 */
export type SiteScope = {
  /** The government whose site this is (null: an installation with no government yet). */
  govId: number | null;
  /** Its path in the tree ('/1/5/'); '' means the whole installation. Filter with `agencyUnder`. */
  govPath: string;
  /** The path prefix the site is reached by ('' for the root site or a host-name site), e.g. '/xian-a'. */
  prefix: string;
};

/** The whole installation: what a request sees before (or without) a site being resolved. */
export const WHOLE_INSTALLATION: SiteScope = { govId: null, govPath: '', prefix: '' };

declare module 'fastify' {
  interface FastifyRequest {
    /** The site's identity for this request (set by the portal module's hook); null before it runs. */
    site: SiteIdentity | null;
    /** The site's place in the government tree (set by the same hook); null before it runs. */
    siteScope: SiteScope | null;
  }
}

/** The site scope of a request, for public queries. */
export const siteScopeOf = (req: FastifyRequest): SiteScope => req.siteScope ?? WHOLE_INSTALLATION;

/** What every page needs to know about the request it is rendered for. */
export type PageCtx = {
  actor: Actor | null;
  path: string;
  hant: boolean;
  font: FontSize;
  csrf: () => string;
  /** The navigation for this person, built from the modules' manifests. */
  nav: NavModel;
  /** The site's identity (government name, footer, meta tags). */
  site: SiteIdentity;
  /** The host the request came to, for SiteDomain when none is set. */
  host: string;
  /** Which government's site this page belongs to. */
  scope: SiteScope;
};

export function pageCtx(req: FastifyRequest, reply: FastifyReply, nav: NavModel): PageCtx {
  const font = req.cookies['gk_font'];
  let token: string | undefined;
  return {
    actor: req.actor,
    path: req.url,
    hant: req.cookies['gk_script'] === 'hant',
    font: font === 'small' || font === 'large' ? font : 'medium',
    csrf: () => (token ??= reply.generateCsrf({ userInfo: csrfUserInfo(req) })),
    nav,
    site: req.site ?? DEFAULT_SITE,
    host: req.hostname,
    scope: siteScopeOf(req),
  };
}
