import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/module.js';
import { notFound } from '../../core/errors.js';
import { idParam } from '../../web/form.js';
import { siteScopeOf } from '../../web/context.js';
import { getAgency, listAgencies } from '../org/service.js';
import { domainByCode, listDomains, publishedItems } from '../catalog/queries.js';
import { searchPublished, type DocSummary, type SearchFilter } from './queries.js';

const FEED_SIZE = 50;

/** XML 1.0 cannot carry most control characters even escaped, so they are dropped; markup characters are escaped. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
export const el = (name: string, text: string, attrs = '') => `<${name}${attrs}>${xmlEscape(text)}</${name}>`;

/**
 * Absolute links need the site's own origin. Behind TRUST_PROXY Fastify reports the forwarded
 * host; anything that is not a plain host[:port] is not used, so a forged header cannot inject markup.
 */
export function hostOrigin(req: FastifyRequest): string {
  const host = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(req.host) ? req.host : 'localhost';
  return `${req.protocol === 'https' ? 'https' : 'http'}://${host}`;
}

/** The origin of this request's site: a site reached by a path prefix (/nanxian) keeps it on every absolute link. */
export const siteOrigin = (req: FastifyRequest): string => `${hostOrigin(req)}${siteScopeOf(req).prefix}`;

export type Feed = { title: string; author?: string; description: string; selfPath: string; htmlPath: string; items: DocSummary[] };

const summary = (d: DocSummary) => [d.agencyName, d.docNumber, d.kind, d.indexNumber ? `索引号 ${d.indexNumber}` : null].filter(Boolean).join(' · ');
const stamp = (d: DocSummary) => d.publishedAt ?? new Date(0);
const newest = (items: DocSummary[]) => (items[0] ? stamp(items[0]) : new Date(0));

/** Atom 1.0 (RFC 4287); dates are RFC 3339. */
export function atom(origin: string, f: Feed): string {
  const self = origin + f.selfPath;
  const entries = f.items.map((d) => {
    const url = `${origin}/xxgk/${d.documentId}`;
    return `<entry>${el('title', d.title)}<link rel="alternate" type="text/html" href="${xmlEscape(url)}"/>${el('id', url)}${el('published', stamp(d).toISOString())}${el('updated', stamp(d).toISOString())}<author>${el('name', d.agencyName)}</author><category term="${xmlEscape(d.kind)}"/>${el('summary', summary(d))}</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">${el('title', f.title)}${el('subtitle', f.description)}${el('id', self)}<link rel="self" type="application/atom+xml" href="${xmlEscape(self)}"/><link rel="alternate" type="text/html" href="${xmlEscape(origin + f.htmlPath)}"/>${el('updated', newest(f.items).toISOString())}<author>${el('name', f.author ?? f.title)}</author>${entries.join('')}</feed>\n`;
}

/** RSS 2.0; dates are RFC 822 (toUTCString gives the RFC 1123 form RSS readers expect). */
export function rss(origin: string, f: Feed): string {
  const items = f.items.map((d) => {
    const url = `${origin}/xxgk/${d.documentId}`;
    return `<item>${el('title', d.title)}${el('link', url)}${el('guid', url, ' isPermaLink="true"')}${el('pubDate', stamp(d).toUTCString())}${el('category', d.kind)}${el('description', summary(d))}</item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>${el('title', f.title)}${el('link', origin + f.htmlPath)}${el('description', f.description)}<language>zh-cn</language>${el('lastBuildDate', newest(f.items).toUTCString())}<atom:link href="${xmlEscape(origin + f.selfPath)}" rel="self" type="application/rss+xml"/>${items.join('')}</channel></rss>\n`;
}

function send(req: FastifyRequest, reply: FastifyReply, format: string, f: Feed) {
  const origin = siteOrigin(req);
  f = { ...f, author: f.author ?? req.site?.name };
  if (format === 'atom') return reply.type('application/atom+xml; charset=utf-8').send(atom(origin, f));
  return reply.type('application/rss+xml; charset=utf-8').send(rss(origin, f));
}

/** `12.atom` / `social-assistance.rss` → [name, format]; anything else names no feed. */
function feedFile(file: string, name: RegExp): [string, 'atom' | 'rss'] {
  const m = /^(.+)\.(atom|rss)$/.exec(file);
  if (!m || !name.test(m[1]!)) throw notFound('订阅源');
  return [m[1]!, m[2] as 'atom' | 'rss'];
}

export function registerFeedRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  // Each site's feeds carry its own government's information only.
  const latest = async (req: FastifyRequest, f: SearchFilter) => (await searchPublished(db, { ...f, govId: siteScopeOf(req).govId, limit: FEED_SIZE, count: false })).items;
  const siteName = (req: FastifyRequest) => req.site?.name ?? '政务公开平台';

  app.get('/feeds/:file', async (req, reply) => {
    const [name, format] = feedFile((req.params as { file: string }).file, /^all$/);
    return send(req, reply, format, { title: `${siteName(req)} 政府信息公开`, description: '全部主动公开的政府信息', selfPath: `/feeds/${name}.${format}`, htmlPath: '/xxgk', items: await latest(req, {}) });
  });

  app.get('/feeds/agency/:file', async (req, reply) => {
    const [name, format] = feedFile((req.params as { file: string }).file, /^\d{1,10}$/);
    const agency = await getAgency(db, idParam(name));
    const items = await latest(req, { agencyId: agency.id });
    return send(req, reply, format, { title: `${agency.name} 政府信息公开`, description: `${agency.name}主动公开的政府信息`, selfPath: `/feeds/agency/${agency.id}.${format}`, htmlPath: `/xxgk?agency=${agency.id}`, items });
  });

  // A domain's information is what fulfils the items of that domain's published catalogs.
  app.get('/feeds/domain/:file', async (req, reply) => {
    const [name, format] = feedFile((req.params as { file: string }).file, /^[a-z0-9-]{1,100}$/);
    const domain = await domainByCode(db, name);
    const keys = [...new Set((await publishedItems(db, { domainId: domain.id, govId: siteScopeOf(req).govId, limit: 20000 })).map((i) => i.itemKey))];
    const items = await latest(req, { anyCatalogItemKeys: keys });
    return send(req, reply, format, { title: `${domain.name}领域 政务公开信息`, description: `${domain.name}领域基层政务公开标准目录事项下公开的信息`, selfPath: `/feeds/domain/${domain.code}.${format}`, htmlPath: `/catalog/domains/${domain.code}`, items });
  });
}
