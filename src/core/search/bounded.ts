import type { Exec } from '../../db/client.js';
import { normalise } from '../text/normalise.js';
import { indexChangedWithin, indexVersion, search } from './index.js';
import { checkQuery } from './pg.js';
import { eventLoopLagging, QUEUE_WAIT_MS, ResultCache, SearchLimiter } from './guard.js';
import type { SearchParams, SearchResponse } from './types.js';

/** Results kept at most (a page of 20 is about 10 KB). */
const CACHE_ENTRIES = 1_000;
/**
 * A result read within this long after the index changed is not kept: the change becomes visible
 * when its transaction commits, which the index does not see (a publishing transaction takes
 * milliseconds; this is far longer).
 */
export const SETTLE_MS = 1_000;

export type SearchGuardOptions = { concurrency: number; queue: number; cacheTtlSeconds: number };

export type BoundedSearch = {
  /** search() through the cache and the limiter; `signal` aborts when the client has gone. */
  search: (db: Exec, params: SearchParams, signal?: AbortSignal) => Promise<SearchResponse>;
  limiter: SearchLimiter;
  cache: ResultCache<SearchResponse>;
};

/**
 * The key of a search: the query as the index reads it (NFKC, 繁→简, case and spacing folded, so
 * 社會救助 and 社会救助 share one entry), the site's scope (government and subtree), the filters and
 * the page. The reader's script is not in it: results are the same for both, and a 繁體 page is
 * converted after rendering.
 */
function cacheKey(q: string, p: SearchParams): string {
  return JSON.stringify([normalise(q), p.govId ?? null, p.under ?? null, p.kind, p.agencyId, p.domainId, p.theme, p.docKind, p.year, p.validity, p.page ?? 1, p.pageSize ?? 20]);
}

/** One instance's searches: cached briefly, and bounded in how many run and wait at once. */
export function boundedSearch(opts: SearchGuardOptions): BoundedSearch {
  const limiter = new SearchLimiter(opts.concurrency, opts.queue, QUEUE_WAIT_MS, eventLoopLagging);
  const cache = new ResultCache<SearchResponse>(opts.cacheTtlSeconds * 1000, CACHE_ENTRIES);
  const keep = () => !indexChangedWithin(SETTLE_MS);
  return {
    limiter,
    cache,
    async search(db, p, signal) {
      const q = checkQuery(p.q); // a query that cannot run costs nothing and takes no slot
      const key = cacheKey(q, p);
      for (;;) {
        try {
          const r = await cache.get(key, indexVersion, () => limiter.run(() => search(db, p), signal), keep);
          return r.q === q ? r : { ...r, q };
        } catch (e) {
          // A shared search whose first caller left before it started: run our own.
          if ((e as { code?: string }).code === 'client_closed_request' && !signal?.aborted) continue;
          throw e;
        }
      }
    },
  };
}
