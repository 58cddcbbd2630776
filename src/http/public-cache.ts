import type { FastifyInstance, FastifyRequest } from 'fastify';
import { routePath } from '../web/path.js';

/**
 * In-memory cache of public GET responses for visitors who are not signed in.
 *
 * Public pages are the same for every anonymous reader with the same script (简/繁) and font
 * size, and building one costs several database round trips; serving it from memory is what lets
 * a county portal absorb a rush of readers. Concurrent readers of a page that is not cached wait
 * for one render instead of each starting their own. Any successful write through this instance
 * empties the cache once it has completed (after its transaction committed), a render that
 * overlapped a write is not kept, and entries expire after `ttlMs`, which bounds how long another
 * app instance can serve a page older than a write.
 */
type Entry = { body: Buffer; type: string; expires: number; generation: number };
type Pending = { promise: Promise<Entry | null>; resolve: (e: Entry | null) => void };

declare module 'fastify' {
  interface FastifyRequest {
    /** Cache key of a cacheable request, with the generation its render started in. */
    publicCache: { key: string; generation: number; renders: boolean } | null;
  }
}

const MAX_ENTRIES = 5000;
const MAX_BODY = 512 * 1024;
/**
 * Writes that change nothing the public sees: applications for disclosure and their follow-up, and
 * survey responses (results become public only when staff publish them, which clears the cache).
 */
const PRIVATE_WRITES = /^\/(?:yishenqing|diaocha|api\/v1\/applications)(?:\/|$)/;
/**
 * Paths whose answers are one person's: staff pages, sign-in, reading settings, an application
 * (its form carries this visitor's CSRF token and submit key, its progress is read with a secret).
 */
const PRIVATE_PATHS = /^\/(?:admin|login|logout|prefs|yishenqing|api\/v1\/applications)(?:\/|$)/;
/** Files: served with their own headers, too large or too many to keep. */
const NOT_KEPT = /^\/(?:static|files)\//;
/** A query or header that carries a secret makes the answer that holder's alone. */
const SECRET_PARAMS = ['secret', 'sig', 'token', '_csrf'];
const SECRET_HEADERS = ['authorization', 'x-application-secret', 'x-csrf-token'];

/**
 * Whether the answer to a request depends on who asks: a private path (on the path as the router
 * reads it: `/%79ishenqing/apply` is `/yishenqing/apply`), a session, or a secret in the query or
 * a header. Such an answer is never kept here and tells every other cache not to keep it either.
 */
export function isPrivateRequest(req: FastifyRequest, sessionCookie: string): boolean {
  if (PRIVATE_PATHS.test(routePath(req)) || req.cookies[sessionCookie]) return true;
  if (SECRET_HEADERS.some((h) => req.headers[h] !== undefined)) return true;
  const q = req.query;
  return !!q && typeof q === 'object' && SECRET_PARAMS.some((p) => Object.hasOwn(q, p));
}

export type PublicCache = { clear: () => void; size: () => number };

export function registerPublicCache(app: FastifyInstance, opts: { ttlMs: number; sessionCookie: string }): PublicCache {
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Pending>();
  let generation = 0;
  const clear = () => {
    generation++;
    entries.clear();
  };
  const settle = (key: string, entry: Entry | null) => {
    const p = pending.get(key);
    if (!p) return;
    pending.delete(key);
    p.resolve(entry);
  };
  app.decorateRequest('publicCache', null);

  // A write that succeeded may have changed what the public sees.
  app.addHook('onResponse', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      if (reply.statusCode < 400 && !PRIVATE_WRITES.test(routePath(req))) clear();
    } else if (req.publicCache?.renders) settle(req.publicCache.key, null); // a render that never reached onSend
  });
  // One person's answer says so, for the browser's and any proxy's cache (a route may say more,
  // e.g. 'private, max-age=…'; files under /static/ and /files/ carry their own headers).
  app.addHook('onSend', async (req, reply, payload) => {
    if (NOT_KEPT.test(routePath(req)) || !isPrivateRequest(req, opts.sessionCookie)) return payload;
    if (!/private/.test(String(reply.getHeader('cache-control') ?? ''))) reply.header('cache-control', 'private, no-store');
    return payload;
  });
  if (opts.ttlMs <= 0) return { clear, size: () => 0 };

  app.addHook('onRequest', async (req, reply) => {
    const path = routePath(req);
    if (req.method !== 'GET' || NOT_KEPT.test(path) || isPrivateRequest(req, opts.sessionCookie)) return;
    const accept = req.headers.accept?.includes('text/html') ? 'h' : 'x';
    const query = req.url.indexOf('?');
    // Each government's site answers the same path differently: the host and the site are in the key (pages carry absolute links).
    const site = `${req.host}|${req.siteScope?.govId ?? ''}${req.siteScope?.prefix ?? ''}`;
    const key = `${site}|${req.cookies['gk_script'] === 'hant' ? 't' : 's'}|${req.cookies['gk_font'] ?? ''}|${accept}|${path}${query === -1 ? '' : req.url.slice(query)}`;
    let hit = entries.get(key);
    if (hit && (hit.expires < Date.now() || hit.generation !== generation)) {
      entries.delete(key);
      hit = undefined;
    }
    if (!hit) {
      const inFlight = pending.get(key);
      if (!inFlight) {
        let resolve!: (e: Entry | null) => void;
        const promise = new Promise<Entry | null>((r) => (resolve = r));
        pending.set(key, { promise, resolve });
        req.publicCache = { key, generation, renders: true };
        return;
      }
      const shared = await inFlight.promise;
      if (!shared) {
        req.publicCache = { key, generation, renders: false }; // not cacheable: render our own
        return;
      }
      hit = shared;
    }
    reply.header('x-cache', 'hit');
    return reply.type(hit.type).send(hit.body);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const c = req.publicCache;
    if (!c) return payload;
    const cacheable =
      c.generation === generation &&
      reply.statusCode === 200 &&
      !reply.hasHeader('set-cookie') &&
      !/private|no-store/.test(String(reply.getHeader('cache-control') ?? '')) &&
      (typeof payload === 'string' || Buffer.isBuffer(payload)) &&
      payload.length <= MAX_BODY;
    if (!cacheable) {
      if (c.renders) settle(c.key, null);
      return payload;
    }
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    // Kept as bytes: a string would be UTF-8 encoded again for every reader.
    const body = typeof payload === 'string' ? Buffer.from(payload) : (payload as Buffer);
    const entry: Entry = { body, type: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'), expires: Date.now() + opts.ttlMs, generation };
    entries.set(c.key, entry);
    if (c.renders) settle(c.key, entry);
    return payload;
  });

  return { clear, size: () => entries.size };
}

