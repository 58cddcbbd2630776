import type { FastifyInstance, FastifyRequest } from 'fastify';

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
// Pages with forms carry a per-visitor CSRF token, and an application is answered per secret: never shared.
/** Writes that change nothing the public sees (applications for disclosure and their follow-up). */
const PRIVATE_WRITES = /^\/(?:yishenqing|api\/v1\/applications)/;
const SKIP = /^\/(?:admin|login|logout|prefs|static\/|files\/|yishenqing|api\/v1\/applications)/;

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
      if (reply.statusCode < 400 && !PRIVATE_WRITES.test(req.url)) clear();
    } else if (req.publicCache?.renders) settle(req.publicCache.key, null); // a render that never reached onSend
  });
  if (opts.ttlMs <= 0) return { clear, size: () => 0 };


  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' || SKIP.test(req.url) || req.cookies[opts.sessionCookie]) return;
    const accept = req.headers.accept?.includes('text/html') ? 'h' : 'x';
    const key = `${req.cookies['gk_script'] === 'hant' ? 't' : 's'}|${req.cookies['gk_font'] ?? ''}|${accept}|${req.url}`;
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

