import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { h } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { apiRoute } from '../../core/api.js';
import { listAgencies } from '../org/service.js';
import { listDomains } from '../catalog/queries.js';
import { indexVersion } from '../../core/search/index.js';
import { boundedSearch } from '../../core/search/bounded.js';
import { ResultCache, SearchBusyError } from '../../core/search/guard.js';
import { MAX_PAGE_SIZE, MAX_RESULTS } from '../../core/search/pg.js';
import { SEARCH_KINDS, type SearchKind } from '../../core/search/schema.js';
import { SearchPage } from '../../core/search/page.js';
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

const Id = z.coerce.number().int().positive().max(2147483647);
const HitOut = z.object({
  kind: z.enum(SEARCH_KINDS), refId: z.number(), url: z.string(), title: z.string(),
  titleHtml: z.string().describe('标题（已转义，匹配处以 <mark> 标出）'), snippetHtml: z.string().describe('摘要（已转义，匹配处以 <mark> 标出）'),
  publishedAt: z.string(), agencyName: z.string().nullable(), docNumber: z.string().nullable(),
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
  // The page's filter choices change with the agencies (which are in the index) and the domains.
  const choices = new ResultCache<[Awaited<ReturnType<typeof listAgencies>>, Awaited<ReturnType<typeof listDomains>>]>(config.search.cacheTtlSeconds * 1000, 1);
  const filterChoices = () => choices.get('', indexVersion, () => Promise.all([listAgencies(db), listDomains(db)]));
  // Per client address, page and API each; a cached public page is served before this counts.
  const rateLimit = { max: config.search.rateLimit, timeWindow: '1 minute' };

  // The API's busy answer gets its headers here (its handler has no reply); the page sets its own.
  app.addHook('onError', async (_req, reply, err) => {
    if (err instanceof SearchBusyError) busyHeaders(reply, err);
  });

  app.get('/search', { config: { rateLimit } }, async (req, reply) => {
    const params = pageParams(req.query as Record<string, unknown>);
    let result: SearchResponse | null = null;
    let error: string | undefined;
    if (params.q.trim()) {
      try {
        result = await searches.search(db, params, clientSignal(reply));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        if (e.code === 'client_closed_request') return reply.status(499).send();
        if (e instanceof SearchBusyError) busyHeaders(reply.status(503), e);
        else if (e.status === 400) reply.status(400);
        else throw e;
        error = e.message;
      }
    }
    const [agencies, domains] = await filterChoices();
    const opts = agencies.filter((a) => a.kind !== 'village' && a.kind !== 'community');
    return reply.page((ctx) => <SearchPage ctx={ctx} params={params} result={result} error={error} busy={reply.statusCode === 503} agencies={opts} domains={domains} />);
  });

  apiRoute(app, {
    method: 'GET', url: '/api/v1/search', operationId: 'search', tag: 'search', security: 'public', summary: '站内搜索（公开事项、机构、政府信息；简繁体均可）',
    query: z.object({
      q: z.string().max(10000).describe('搜索内容，不超过 100 个字'),
      kind: z.enum(SEARCH_KINDS).optional(),
      agency: Id.optional().describe('机构 id'),
      domain: Id.optional().describe('领域 id'),
      theme: z.string().max(50).optional().describe('主题分类'),
      doc_kind: z.string().max(50).optional().describe('公文种类'),
      year: z.coerce.number().int().min(1949).max(2100).optional(),
      validity: z.string().max(20).optional().describe('有效性'),
      page: z.coerce.number().int().min(1).max(MAX_RESULTS).default(1),
      pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
    }),
    config: { rateLimit },
    errors: { 429: '同一地址搜索过于频繁（rate_limited），见 Retry-After', 503: '搜索繁忙（busy），请在 Retry-After 秒后重试' },
    response: z.object({
      q: z.string(), total: z.number(), totalExact: z.boolean(), order: z.enum(['relevance', 'date']),
      page: z.number(), pageSize: z.number(), pages: z.number(), results: z.array(HitOut), exact: HitOut.nullable(), message: z.string().optional(),
    }),
    handler: async ({ query: x }) =>
      respOut(await searches.search(db, { q: x.q, kind: x.kind, agencyId: x.agency, domainId: x.domain, theme: x.theme, docKind: x.doc_kind, year: x.year, validity: x.validity, page: x.page, pageSize: x.pageSize })),
  });
}
