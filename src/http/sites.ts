import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { currentSites, refreshSites, resolveSite, type Site } from '../modules/portal/site.js';

/** What rewriteUrl found, kept on the raw request for the request's first hook. */
const FOUND = Symbol('gongkai site');
type Found = { site: Site; prefix: string };
type RawWithSite = IncomingMessage & { [FOUND]?: Found };

/**
 * Fastify's rewriteUrl: which government's site the request is for (host name, else the path's
 * first segment, else the root), from the sites held in memory; returns the URL the router sees
 * (the prefix cut). Synchronous, as rewriteUrl must be: no query runs here.
 */
export function routeForSite(db: Db, raw: IncomingMessage): string {
  const url = raw.url ?? '/';
  const host = String(raw.headers.host ?? '');
  const r = resolveSite(currentSites(db).table, host, url);
  (raw as RawWithSite)[FOUND] = { site: r.site, prefix: r.prefix };
  return r.url;
}

/**
 * The request's first hook: its site's identity and scope, from what rewriteUrl found. Sites are
 * read again in the background once they are older than their TTL; an installation with no
 * government yet reads them now, so its first agency names the site at once.
 */
export async function applySite(db: Db, req: FastifyRequest): Promise<void> {
  let found = (req.raw as RawWithSite)[FOUND];
  const { stale, table } = currentSites(db);
  if (stale) {
    const read = refreshSites(db).catch((err) => {
      req.log.error({ name: (err as { name?: unknown })?.name, code: (err as { code?: unknown })?.code }, 'sites could not be read');
      return table;
    });
    if (table.root.governmentId == null) {
      const fresh = await read;
      if (!found || found.site.root) found = { site: fresh.root, prefix: found?.prefix ?? '' };
    }
  }
  const site = found?.site ?? table.root;
  req.site = site.identity;
  req.siteScope = { govId: site.governmentId, govPath: site.govPath, prefix: found?.prefix ?? '' };
}

/** A root-relative URL on a prefixed site: '/xxgk/3' → '/nanxian/xxgk/3' (static files are shared, so left alone). */
export function withPrefix(url: string, prefix: string): string {
  if (!prefix || !url.startsWith('/') || url.startsWith('//') || url.startsWith(`${prefix}/`) || url === prefix || /^\/static\//.test(url)) return url;
  return `${prefix}${url}`;
}

/**
 * Puts a prefixed site's prefix on every root-relative link, form action and source of a page
 * (href="/…", action="/…", src="/…"), so pages are written once for every site. Static assets stay shared.
 */
export function prefixLinks(html: string, prefix: string): string {
  if (!prefix) return html;
  return html.replace(/\b(href|action|src|formaction)="\/(?!\/|static\/)/g, `$1="${prefix}/`);
}
