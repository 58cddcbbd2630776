import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { and, asc, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { h } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { documentRoute } from '../../core/api.js';
import type { Db } from '../../db/client.js';
import { agencies as agencyTable } from '../../core/org/schema.js';
import { agencyUnder, governmentAgencies } from '../../core/org/scope.js';
import { siteScopeOf, type SiteScope } from '../../web/context.js';
import { listAgencies, type Agency } from '../org/service.js';
import { listDomains } from '../catalog/queries.js';
import { indexVersion } from '../../core/search/index.js';
import { boundedSearch } from '../../core/search/bounded.js';
import { ResultCache, SearchBusyError } from '../../core/search/guard.js';
import { MAX_PAGE_SIZE, MAX_RESULTS } from '../../core/search/pg.js';
import { SEARCH_KINDS, type SearchKind } from '../../core/search/schema.js';
import { SearchPage } from '../../core/search/page.js';
import { linkOnSiteOf } from '../portal/site.js';
import { hostOrigin } from '../info/feeds.js';
import type { SearchHit, SearchParams, SearchResponse } from '../../core/search/types.js';

const one = (v: unknown): string => (Array.isArray(v) ? String(v.at(-1) ?? '') : typeof v === 'string' ? v : '');
const int = (v: unknown, min: number, max: number): number | undefined => {
  const s = one(v).trim();
  if (!/^\d{1,10}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
};
const text = (v: unknown, max: number): string | undefined => one(v).trim().slice(0, max) || undefined;

/** The page is forgiving: a malformed filter is ignored rather than refused. */
function pageParams(raw: Record<string, unknown>): SearchParams {
  const kind = one(raw.kind);
  return {
    q: one(raw.q),
    kind: (SEARCH_KINDS as readonly string[]).includes(kind) ? (kind as SearchKind) : undefined,
    agencyId: int(raw.agency, 1, 2147483647),
    domainId: int(raw.domain, 1, 2147483647),
    theme: text(raw.theme, 50),
    docKind: text(raw.doc_kind, 50),
    year: int(raw.year, 1949, 2100),
    validity: text(raw.validity, 20),
    page: int(raw.page, 1, MAX_RESULTS) ?? 1,
  };
}

/** The search's reach on a public site: its own government (本级), or with the governments below it. */
export type Scope = 'own' | 'all';

/**
 * Reads the `scope` parameter: absent, empty or 'own' is the site's own level, 'all' its whole
 * subtree. Anything else (another word, a repeated parameter) is refused, so no spelling of it
 * can widen or confuse what a site searches.
 */
export function parseScope(v: unknown): Scope {
  if (v === undefined || v === '' || v === 'own') return 'own';
  if (v === 'all') return 'all';
  throw new AppError('invalid_scope', 400, '搜索范围不正确：只能选择“本级”（不填或 own）或“含下级政府”（all）。');
}

/** The scope filter of a site's search: null government (no site resolved) filters nothing. */
const scopeFilter = (site: SiteScope, scope: Scope): Pick<SearchParams, 'govId' | 'under'> =>
  site.govId == null ? {} : scope === 'all' && site.govPath ? { under: site.govPath } : { govId: site.govId };

const GOVERNMENT_KINDS = ['province', 'city', 'county'] as const;

/** What the page shows for a site: its agency choices, and whether (and how) to offer the wider scope. */
type Choices = { agencies: Agency[]; domains: Awaited<ReturnType<typeof listDomains>>; lower: boolean; allLabel: string };

async function loadChoices(db: Db, site: SiteScope, scope: Scope): Promise<Choices> {
  const subtree = site.govId != null && site.govPath ? site.govPath : null;
  const [own, wide, lowerGovs, top, domains] = await Promise.all([
    site.govId == null ? listAgencies(db) : governmentAgencies(db, site.govId),
    subtree && scope === 'all' ? db.select().from(agencyTable).where(agencyUnder(agencyTable.id, subtree)).orderBy(asc(agencyTable.sort), asc(agencyTable.id)) : null,
    subtree ? db.select({ id: agencyTable.id }).from(agencyTable).where(and(agencyUnder(agencyTable.id, subtree), inArray(agencyTable.kind, [...GOVERNMENT_KINDS]), ne(agencyTable.id, site.govId!))).limit(1) : [],
    site.govId == null ? [] : db.select({ kind: agencyTable.kind }).from(agencyTable).where(inArray(agencyTable.id, [site.govId])),
    listDomains(db),
  ]);
  const kind = top[0]?.kind;
  const allLabel = kind === 'province' ? '全省（含各市县）' : kind === 'county' ? '全县（含各乡镇）' : '全市（含各县区）';
  return { agencies: wide ?? own, domains, lower: lowerGovs.length > 0, allLabel };
}

const Id = z.coerce.number().int().positive().max(2147483647);
const HitOut = z.object({
  kind: z.enum(SEARCH_KINDS), refId: z.number(), url: z.string(), title: z.string(),
  titleHtml: z.string().describe('标题（已转义，匹配处以 <mark> 标出）'), snippetHtml: z.string().describe('摘要（已转义，匹配处以 <mark> 标出）'),
  publishedAt: z.string(), agencyName: z.string().nullable(), govName: z.string().nullable().describe('所属政府（机构所属的市、县政府）'), docNumber: z.string().nullable(),
});
const hitOut = (x: SearchHit) => ({ ...x, publishedAt: x.publishedAt.toISOString() });
const respOut = (r: SearchResponse) => ({ ...r, results: r.results.map(hitOut), exact: r.exact ? hitOut(r.exact) : null });

/** Aborts when the client goes away before its response is written (a timed-out load generator, a closed tab). */
function clientSignal(reply: FastifyReply): AbortSignal {
  const gone = new AbortController();
  reply.raw.once('close', () => reply.raw.writableFinished || gone.abort());
  return gone.signal;
}

/** Beyond the bound: 503, when to come back, and never kept by a cache on the way. */
const busyHeaders = (reply: FastifyReply, e: SearchBusyError) => reply.header('retry-after', String(e.retryAfterSeconds)).header('cache-control', 'no-store');

export function registerSearchRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const searches = boundedSearch(config.search);
  // The page's filter choices change with the agencies (which are in the index) and the domains,
  // and differ per site and scope: the key is the site's government, its subtree and the scope.
  const choices = new ResultCache<Choices>(config.search.cacheTtlSeconds * 1000, 200);
  const filterChoices = (site: SiteScope, scope: Scope) =>
    choices.get(JSON.stringify([site.govId, site.govPath, scope]), indexVersion, () => loadChoices(db, site, scope));
  const scopeOf = (req: FastifyRequest, raw: unknown) => {
    const site = siteScopeOf(req);
    const scope = parseScope(raw);
    return { site, scope, filter: scopeFilter(site, scope) };
  };
  // Per client address, page and API each; a cached public page is served before this counts.
  const rateLimit = { max: config.search.rateLimit, timeWindow: '1 minute' };

  // The API's busy answer gets its headers here (its handler has no reply); the page sets its own.
  app.addHook('onError', async (_req, reply, err) => {
    if (err instanceof SearchBusyError) busyHeaders(reply, err);
  });

  // A hit of a county on the city's site (scope=all) links to the county's own site, where the record is shown.
  const onOwnSites = (req: FastifyRequest, r: SearchResponse): SearchResponse => {
    const here = siteScopeOf(req).govId;
    const origin = hostOrigin(req);
    const move = (h: SearchHit): SearchHit => ({ ...h, url: linkOnSiteOf(db, h.govId, h.url, here, origin) });
    return { ...r, results: r.results.map(move), exact: r.exact ? move(r.exact) : r.exact };
  };

  app.get('/search', { config: { rateLimit } }, async (req, reply) => {
    const raw = req.query as Record<string, unknown>;
    const params = pageParams(raw);
    let result: SearchResponse | null = null;
    let error: string | undefined;
    const site = siteScopeOf(req);
    let scope: Scope = 'own';
    try {
      scope = parseScope(raw.scope);
    } catch (e) {
      reply.status(400);
      error = (e as AppError).message;
    }
    if (params.q.trim() && !error) {
      try {
        result = onOwnSites(req, await searches.search(db, { ...params, ...scopeFilter(site, scope) }, clientSignal(reply)));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        if (e.code === 'client_closed_request') return reply.status(499).send();
        if (e instanceof SearchBusyError) busyHeaders(reply.status(503), e);
        else if (e.status === 400) reply.status(400);
        else throw e;
        error = e.message;
      }
    }
    const c = await filterChoices(site, scope);
    const opts = c.agencies.filter((a) => a.kind !== 'village' && a.kind !== 'community');
    // The wider scope is offered where there are governments below the site's; asked for elsewhere, it changes nothing visible.
    const shown = { offered: c.lower, all: scope === 'all' && c.lower, allLabel: c.allLabel };
    return reply.page((ctx) => <SearchPage ctx={ctx} params={params} result={result} error={error} busy={reply.statusCode === 503} agencies={opts} domains={c.domains} scope={shown} />);
  });

  // Declared like every API route (apiRoute's validation and OpenAPI entry), but registered here:
  // the answer depends on the request's site, which apiRoute's handler does not see.
  const ApiQuery = z.object({
    q: z.string().max(10000).describe('搜索内容，不超过 100 个字'),
    scope: z.enum(['own', 'all']).optional().describe('搜索范围：不填或 own 为本站政府本级；all 含下级政府（如市政府网站含各县区），结果的 govName 说明所属政府'),
    kind: z.enum(SEARCH_KINDS).optional(),
    agency: Id.optional().describe('机构 id'),
    domain: Id.optional().describe('领域 id'),
    theme: z.string().max(50).optional().describe('主题分类'),
    doc_kind: z.string().max(50).optional().describe('公文种类'),
    year: z.coerce.number().int().min(1949).max(2100).optional(),
    validity: z.string().max(20).optional().describe('有效性'),
    page: z.coerce.number().int().min(1).max(MAX_RESULTS).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  });
  const ApiResponse = z.object({
    q: z.string(), total: z.number(), totalExact: z.boolean(), order: z.enum(['relevance', 'date']),
    page: z.number(), pageSize: z.number(), pages: z.number(), results: z.array(HitOut), exact: HitOut.nullable(), message: z.string().optional(),
  });
  documentRoute(app, {
    method: 'GET', url: '/api/v1/search', operationId: 'search', tag: 'search', security: 'public', summary: '站内搜索（本站政府的公开事项、机构、政府信息；简繁体均可）', query: ApiQuery, response: ApiResponse,
    errors: { 429: '同一地址搜索过于频繁（rate_limited），见 Retry-After', 503: '搜索繁忙（busy），请在 Retry-After 秒后重试' },
  });
  app.get('/api/v1/search', { config: { rateLimit } }, async (req, reply) => {
    const raw = (req.query ?? {}) as Record<string, unknown>;
    // The scope first, with its own message: it decides which government's entries are searched.
    const { filter } = scopeOf(req, raw.scope);
    const parsed = ApiQuery.omit({ scope: true }).safeParse(raw);
    if (!parsed.success) throw new AppError('invalid_query', 400, '查询参数不正确：' + parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；'));
    const x = parsed.data;
    const r = onOwnSites(req, await searches.search(db, { ...filter, q: x.q, kind: x.kind, agencyId: x.agency, domainId: x.domain, theme: x.theme, docKind: x.doc_kind, year: x.year, validity: x.validity, page: x.page, pageSize: x.pageSize }));
    reply.header('cache-control', 'public, max-age=60');
    return ApiResponse.parse(respOut(r));
  });
}
