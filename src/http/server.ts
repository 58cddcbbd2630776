import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import csrf from '@fastify/csrf-protection';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { ZodError } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Actor } from '../core/auth/actor.js';
import { AppError } from '../core/errors.js';
import { renderDocument, type SafeHtml } from '../core/render/jsx.js';
import { htmlToHant } from '../core/text/zh.js';
import { pageCtx, type PageCtx } from '../web/context.js';
import { MessagePage } from '../web/layout.js';
import { resolveActor } from '../modules/account/service.js';
import { registerRoutes } from './routes.js';
import { MODULES } from '../modules/index.js';
import type { ModuleManifest } from '../core/module.js';
import { collectWorklist, countByGroup } from '../core/worklist.js';
import { todayInShanghai } from '../core/calendar/dates.js';
import { buildNav } from '../web/nav.js';
import { defineAuditLabels } from '../core/audit/labels.js';
import { registerPublicCache } from './public-cache.js';
import { bufferMultipart } from './multipart.js';
import { DEFAULT_MAX_BYTES } from '../core/files/check.js';
import { routeIsUnder } from '../web/path.js';
import { FRAMEWORK_ERROR_HEADERS, frameworkError, registerBoundary, useChineseValidationMessages } from './boundary.js';
import { privateLoggerOptions } from '../core/log.js';
import { applySite, prefixLinks, routeForSite, withPrefix } from './sites.js';
import { identityOfGovernment, refreshSites, reserveSegment } from '../modules/portal/site.js';

import type { AppDeps } from '../core/module.js';
import '../web/fastify.js';
import { CSRF_COOKIE, csrfUserInfo, SESSION_COOKIE } from '../web/context.js';



const staticRoot = fileURLToPath(new URL('../web/static', import.meta.url));

const isApi = (req: FastifyRequest) => routeIsUnder(req, '/api');

/** Builds the app from the modules' manifests (all of them unless a test passes its own list). */
export async function buildApp(deps: AppDeps, modules: readonly ModuleManifest[] = MODULES, opts: { logStream?: { write(msg: string): void } } = {}): Promise<FastifyInstance> {
  const { config } = deps;
  useChineseValidationMessages();
  const app = Fastify({
    // Never a value in the log: no body, cookie, query or path, and errors without their
    // messages (a failed query's lists its parameters); see core/log.ts. Tests pass a stream.
    logger: config.logLevel === 'silent' ? false : privateLoggerOptions(config.logLevel, opts.logStream),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // A path the router cannot read (bad percent-encoding, an over-long parameter) gets the
    // site's own answer, not Fastify's English JSON; no hook has run, so cookies are read here.
    // A site per government (issue 12): the site is resolved from the host name or the path's
    // first segment once per request, before routing; a path prefix such as /nanxian is cut here,
    // so every route serves every site, and put back on every link and redirect (sites.ts).
    rewriteUrl: (raw) => routeForSite(deps.db, raw),
    // A request Node cannot even parse (headers over the limit — often a pile of cookies — or a
    // malformed request line) never reaches a route; it gets a short Chinese page, not English JSON.
    clientErrorHandler: (err, socket) => {
      if (!socket.writable) return socket.destroy();
      const tooLarge = (err as NodeJS.ErrnoException).code === 'HPE_HEADER_OVERFLOW';
      const body = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${tooLarge ? '请求头过大' : '请求无法识别'}</title><p>${tooLarge ? '请求头过大（常见原因是浏览器保存的 Cookie 过多）。请清除本站的 Cookie 后重试。' : '请求无法识别，请检查网址后重试。'}</p></html>`;
      socket.end(`HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    },
    frameworkErrors: (err, req, reply) => {
      req.cookies ??= app.parseCookie(req.headers.cookie ?? '');
      reply.headers(FRAMEWORK_ERROR_HEADERS);
      return answerError(req, reply, frameworkError(err));
    },
  });

  app.decorateRequest('site', null);
  app.decorateRequest('siteScope', null);
  // A prefix must never shadow a page: every route's first segment is reserved.
  app.addHook('onRoute', (r) => reserveSegment(String(r.url).split('/')[1] ?? ''));
  app.addHook('onRequest', async (req) => applySite(deps.db, req));
  // Redirects stay on the site they were made for.
  app.addHook('onSend', async (req, reply, payload) => {
    const prefix = req.siteScope?.prefix;
    const to = reply.getHeader('location');
    if (prefix && typeof to === 'string') reply.header('location', withPrefix(to, prefix));
    return payload;
  });
  await refreshSites(deps.db).catch((err) => app.log.error({ name: (err as { name?: unknown })?.name }, 'sites could not be read'));

  await app.register(cookie, { secret: config.cookieSecret });
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  await app.register(multipart, { limits: { fileSize: DEFAULT_MAX_BYTES, files: 5, fields: 60 } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.production ? [] : null,
      },
    },
    hsts: config.production,
  });
  await app.register(rateLimit, { global: false });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: config.production },
    // Each token is an HMAC over the session it was made for, so a token from before sign-in, from
    // another session or from another person never passes; the secret cookie is renewed at
    // sign-in and sign-out (account routes).
    getUserInfo: csrfUserInfo,
    csrfOpts: { hmacKey: createHmac('sha256', config.cookieSecret).update('gongkai csrf token').digest() },
    // Every form carries its token in the body, multipart ones included (see bufferMultipart):
    // never in a URL, where it would reach the address bar, history and logs.
    getToken: (req) => {
      const body = req.body as { _csrf?: unknown } | undefined;
      if (typeof body?._csrf === 'string') return body._csrf;
      const h = req.headers['x-csrf-token'];
      return typeof h === 'string' ? h : undefined;
    },
  });
  await app.register(fastifyStatic, { root: staticRoot, prefix: '/static/', maxAge: config.production ? '1d' : 0 });

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('worklist', null);
  app.decorateRequest('worklistFailed', null);
  app.decorateReply('page', function (this: FastifyReply, render: (ctx: PageCtx) => SafeHtml) {
    return sendPage(this, render);
  });
  function sendPage(reply: FastifyReply, render: (ctx: PageCtx) => SafeHtml) {
    const req = reply.request;
    const nav = buildNav(modules, req.actor, req.worklist ? countByGroup(req.worklist) : undefined);
    const ctx = pageCtx(req, reply, nav);
    // Staff pages carry the person's own government's name (a county's clerk on the city's root).
    if (req.actor && routeIsUnder(req, '/admin')) ctx.site = identityOfGovernment(deps.db, req.actor.placement.govId) ?? ctx.site;
    // A page with a form token is this visitor's own: never cached, here or on the way.
    const csrf = ctx.csrf;
    ctx.csrf = () => {
      reply.header('cache-control', 'private, no-store');
      return csrf();
    };
    const html = prefixLinks(renderDocument(render(ctx)), ctx.scope.prefix);
    return reply.type('text/html; charset=utf-8').send(ctx.hant ? htmlToHant(html) : html);
  }

  // Only requests that carry a session cookie cost a database read.
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await resolveActor(deps.db, token);
    if (found) {
      req.actor = found.actor;
      req.sessionId = found.sessionId;
    }
  });

  registerBoundary(app);
  registerPublicCache(app, { ttlMs: config.publicCacheTtlSeconds * 1000, sessionCookie: SESSION_COOKIE });

  // Every browser form is CSRF-protected; the JSON API is cookie-less and needs no token.
  // A multipart body is read whole first (only when the CSRF cookie is there), so its _csrf field
  // is checked like any other form's before the route sees a byte of it.
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || isApi(req)) return done();
    if (!req.isMultipart()) return app.csrfProtection(req, reply, done);
    if (!req.cookies['gk_csrf']) return done(Object.assign(new Error('Missing csrf secret'), { code: 'FST_CSRF_MISSING_SECRET', statusCode: 403 }));
    // A route may allow more parts (a long form with a file box per row) in its config.multipart.
    const lim = (req.routeOptions.config as { multipart?: { maxFiles?: number; maxFields?: number } } | undefined)?.multipart;
    bufferMultipart(req, { maxFileBytes: DEFAULT_MAX_BYTES, maxFiles: Math.min(lim?.maxFiles ?? 5, 200), maxFields: Math.min(lim?.maxFields ?? 60, 3000) }).then(() => app.csrfProtection(req, reply, done), done);
  });

  // A staff page shows how much waits in each navigation group: the person's worklist, from every
  // module's provider, is read before the page's handler runs (the 工作台 lists it whole).
  app.addHook('preHandler', async (req) => {
    if (req.method !== 'GET' || !req.actor || !(req.routeOptions.url ?? '').startsWith('/admin')) return;
    const list = await collectWorklist(modules, { db: deps.db, actor: req.actor, config, today: todayInShanghai() });
    // The error's name and code only: a failed query's message carries its parameters.
    for (const f of list.failed) req.log.error({ module: f.module, name: (f.error as { name?: unknown })?.name, code: (f.error as { code?: unknown })?.code }, 'worklist provider failed');
    req.worklist = list.items;
    req.worklistFailed = list.failed.map((f) => f.label);
  });

  app.setErrorHandler((err, req, reply) => {
    const e = toAppError(err);
    if (e.status >= 500) req.log.error({ err }, 'unhandled error');
    if (e.code === 'unauthenticated' && !isApi(req) && acceptsHtml(req)) return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`);
    return answerError(req, reply, e);
  });

  /** An error as JSON under /api/ (and for clients that want no HTML), otherwise as the site's page. */
  function answerError(req: FastifyRequest, reply: FastifyReply, e: AppError) {
    reply.status(e.status);
    if (isApi(req) || !acceptsHtml(req)) {
      return reply.send({ error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } });
    }
    // sendPage, not reply.page: an answer given before routing has a bare reply (frameworkErrors).
    return sendPage(reply, (ctx) => MessagePage({ ctx, title: e.status === 404 ? '页面不存在' : '无法完成操作', message: e.message, admin: routeIsUnder(req, '/admin') }));
  }

  app.setNotFoundHandler((req, reply) => {
    const e = new AppError('not_found', 404, '您访问的页面不存在。');
    reply.status(404);
    if (isApi(req)) return reply.send({ error: { code: e.code, message: e.message } });
    return reply.page((ctx) => MessagePage({ ctx, title: '页面不存在', message: e.message }));
  });

  for (const m of modules) if (m.audit) defineAuditLabels(m.audit);
  await registerRoutes(app, deps, modules);
  return app;
}

function acceptsHtml(req: FastifyRequest): boolean {
  const accept = req.headers.accept ?? '';
  return accept === '' || accept.includes('text/html') || accept.includes('*/*');
}

/** Maps anything thrown to the one error type, without leaking internals. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    const details = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return new AppError('invalid_input', 400, '提交的内容格式不正确：' + details.map((d) => d.path || '请求').join('、'), details);
  }
  const e = err as { statusCode?: number; code?: string };
  if (e.code === 'FST_CSRF_INVALID_TOKEN' || e.code === 'FST_CSRF_MISSING_SECRET') {
    return new AppError('csrf_invalid', 403, '页面已过期或来源不明，请刷新页面后重新提交。');
  }
  if (e.statusCode === 429) return new AppError('rate_limited', 429, '操作过于频繁，请稍后再试。');
  if (e.statusCode === 413 || e.code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('too_large', 413, '提交的内容或文件过大。');
  if (e.statusCode === 415) return new AppError('unsupported_media_type', 415, '不支持的提交格式。');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new AppError('bad_request', e.statusCode, '请求格式不正确。');
  return new AppError('internal', 500, '系统繁忙，请稍后再试。');
}
