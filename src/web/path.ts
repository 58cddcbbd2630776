import type { FastifyRequest } from 'fastify';

/**
 * The request's path as the router matched it: without the query, percent-decoded the way the
 * router (find-my-way) decodes it — `decodeURI`, so `/%61dmin` is `/admin`, while an encoded
 * reserved character such as `%2F` stays encoded, as it does for the router. Every path-based rule
 * (the staff-page guard, the public cache's exclusions, API-or-page error answers) reads this,
 * never `req.url`, so no spelling of a path can reach a route while passing its guard.
 *
 * A path the router could not decode (bad percent-encoding, answered by `frameworkErrors`) has
 * its ASCII escapes decoded only: enough to tell `/%61pi/…` is under `/api`.
 */
export function routePath(req: Pick<FastifyRequest, 'url'>): string {
  const raw = req.url;
  const end = raw.search(/[?#]/);
  const path = end === -1 ? raw : raw.slice(0, end);
  if (!path.includes('%')) return path;
  try {
    // Like the router, a '%25' stays '%25' (decodeURI alone would make it a bare '%').
    return decodeURI(path.replace(/%25/g, '%2525'));
  } catch {
    return path.replace(/%([0-7][0-9A-Fa-f])/g, (s, hex: string) => {
      const c = String.fromCharCode(parseInt(hex, 16));
      return /[#$&+,/:;=?@%]/.test(c) ? s : c;
    });
  }
}

/** Whether a path is `prefix` itself or below it: '/admin' covers '/admin' and '/admin/…', not '/administer'. */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : prefix + '/');
}

/** Whether the request's route lies under `prefix` (see routePath). */
export const routeIsUnder = (req: Pick<FastifyRequest, 'url'>, prefix: string): boolean => isUnder(routePath(req), prefix);
