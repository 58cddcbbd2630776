import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../core/errors.js';

/**
 * Who may call an operation. `public`: anyone, no credentials (OpenAPI `security: []`).
 * `applicationSecret`: the X-Application-Secret header of an application for disclosure.
 */
export type ApiSecurity = 'public' | 'applicationSecret';

/** The API's tags, one per area; every operation names one. */
export const API_TAGS = {
  catalog: '基层政务公开标准目录：试点领域、机构与已发布的公开事项',
  info: '已发布的政府信息（主动公开）',
  foi: '依申请公开：提交申请与查询办理进度',
  calendar: '法定工作日日历与期限计算',
  search: '站内搜索',
} as const;
export type ApiTag = keyof typeof API_TAGS;

export const SECURITY_SCHEMES = {
  applicationSecret: { type: 'apiKey', in: 'header', name: 'X-Application-Secret', description: '提交申请时返回的查询密码' },
} as const;

type Route<Q extends z.ZodType, R extends z.ZodType, P extends z.ZodType = z.ZodType<Record<string, never>>> = {
  method: 'GET';
  url: string;
  /** Unique across the API, camelCase: what client generators name the call. */
  operationId: string;
  /** The module's tag in the OpenAPI document (one of API_TAGS). */
  tag: ApiTag;
  security: ApiSecurity;
  summary: string;
  query?: Q;
  /** Path parameters (`:id` in url); a value that does not fit names nothing, so it is a 404. */
  params?: P;
  response: R;
  /** Error statuses beyond 400/404 the route can answer with, and what they mean. */
  errors?: Record<number, string>;
  /** Fastify route config, e.g. `{ rateLimit: { max, timeWindow } }` (@fastify/rate-limit). */
  config?: FastifyContextConfig;
  /** `req` is for what the request itself decides, such as the site (a government's) it came to. */
  handler: (input: { query: z.output<Q>; params: z.output<P>; req: FastifyRequest }) => Promise<z.input<R>>;
};

type Declared = { method: string; url: string; operationId: string; tag: ApiTag; security: ApiSecurity; summary: string; query?: z.ZodType; params?: z.ZodType; body?: z.ZodType; response: z.ZodType; status?: number; errors?: Record<number, string> };
const declared = new WeakMap<FastifyInstance, Declared[]>();

const ErrorOut = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/**
 * Declares a JSON API route from zod schemas: the query is validated with them, and the same
 * schemas produce the OpenAPI document, so the docs cannot drift from the code.
 */
export function apiRoute<Q extends z.ZodType, R extends z.ZodType, P extends z.ZodType = z.ZodType<Record<string, never>>>(app: FastifyInstance, r: Route<Q, R, P>): void {
  const list = declared.get(app) ?? [];
  declared.set(app, list);
  list.push({ method: r.method, url: r.url, operationId: r.operationId, tag: r.tag, security: r.security, summary: r.summary, query: r.query, params: r.params, response: r.response, errors: r.errors });
  app.route({
    method: r.method,
    url: r.url,
    config: r.config,
    handler: async (req, reply) => {
      let query = {} as z.output<Q>;
      if (r.query) {
        const parsed = r.query.safeParse(req.query);
        if (!parsed.success) {
          throw new AppError('invalid_query', 400, '查询参数不正确：' + parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；'));
        }
        query = parsed.data;
      }
      let params = {} as z.output<P>;
      if (r.params) {
        const parsed = r.params.safeParse(req.params);
        if (!parsed.success) throw new AppError('not_found', 404, '未找到该内容。');
        params = parsed.data;
      }
      reply.header('cache-control', 'public, max-age=60');
      return r.response.parse(await r.handler({ query, params, req }));
    },
  });
}

/** Adds a route registered by its module (a POST, say) to the OpenAPI document. */
export function documentRoute(app: FastifyInstance, d: Declared): void {
  const list = declared.get(app) ?? [];
  declared.set(app, list);
  list.push(d);
}

/** The OpenAPI 3.1 document of every route declared with apiRoute or documentRoute. */
export function openApiDocument(app: FastifyInstance) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of declared.get(app) ?? []) {
    const describe = (schema: z.ZodType | undefined, where: 'query' | 'path') =>
      schema instanceof z.ZodObject
        ? Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, s]) => ({ name, in: where, required: where === 'path' || !s.safeParse(undefined).success, schema: z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) }))
        : [];
    const params = [...describe(r.params, 'path'), ...describe(r.query, 'query')];
    const oaPath = r.url.replace(/:(\w+)/g, '{$1}');
    paths[oaPath] = {
      ...(paths[oaPath] ?? {}),
      [r.method.toLowerCase()]: {
        operationId: r.operationId,
        tags: [r.tag],
        summary: r.summary,
        security: r.security === 'public' ? [] : [{ [r.security]: [] }],
        parameters: params,
        ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) } } } } : {}),
        responses: {
          [r.status ?? 200]: { description: 'OK', content: { 'application/json': { schema: z.toJSONSchema(r.response, { unrepresentable: 'any' }) } } },
          400: { description: '参数错误', content: { 'application/json': { schema: z.toJSONSchema(ErrorOut) } } },
          404: { description: '未找到', content: { 'application/json': { schema: z.toJSONSchema(ErrorOut) } } },
          ...Object.fromEntries(Object.entries(r.errors ?? {}).map(([status, description]) => [status, { description, content: { 'application/json': { schema: z.toJSONSchema(ErrorOut) } } }])),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Gongkai 政务公开平台 API', version: '1.0.0', description: '基层政务公开标准目录等公开数据的 JSON 接口。错误统一为 { "error": { "code", "message" } }。' },
    servers: [{ url: '/' }],
    tags: Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: { securitySchemes: SECURITY_SCHEMES },
  };
}

export function registerOpenApi(app: FastifyInstance): void {
  app.get('/api/v1/openapi.json', async () => openApiDocument(app));
}
