import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { h } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { apiRoute } from '../../core/api.js';
import { listAgencies } from '../org/service.js';
import { listDomains } from '../catalog/queries.js';
import { search } from '../../core/search/index.js';
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

export function registerSearchRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  app.get('/search', async (req, reply) => {
    const params = pageParams(req.query as Record<string, unknown>);
    const [agencies, domains] = await Promise.all([listAgencies(db), listDomains(db)]);
    let result: SearchResponse | null = null;
    let error: string | undefined;
    if (params.q.trim()) {
      try {
        result = await search(db, params);
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 400) throw e;
        error = e.message;
        reply.status(400);
      }
    }
    const opts = agencies.filter((a) => a.kind !== 'village' && a.kind !== 'community');
    return reply.page((ctx) => <SearchPage ctx={ctx} params={params} result={result} error={error} agencies={opts} domains={domains} />);
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
    response: z.object({
      q: z.string(), total: z.number(), totalExact: z.boolean(), order: z.enum(['relevance', 'date']),
      page: z.number(), pageSize: z.number(), pages: z.number(), results: z.array(HitOut), exact: HitOut.nullable(), message: z.string().optional(),
    }),
    handler: async ({ query: x }) =>
      respOut(await search(db, { q: x.q, kind: x.kind, agencyId: x.agency, domainId: x.domain, theme: x.theme, docKind: x.doc_kind, year: x.year, validity: x.validity, page: x.page, pageSize: x.pageSize })),
  });
}
