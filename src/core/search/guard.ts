import { AppError } from '../errors.js';

/** Seconds a refused search is told to wait (the `Retry-After` header). */
export const BUSY_RETRY_AFTER_SECONDS = 5;
/** Longest a search waits in the queue for a free slot before it is refused. */
export const QUEUE_WAIT_MS = 2_000;

/** A search refused because the instance is already running and queueing as many as it may. */
export class SearchBusyError extends AppError {
  readonly retryAfterSeconds = BUSY_RETRY_AFTER_SECONDS;
  constructor() {
    super('busy', 503, `当前使用搜索的人较多，系统暂时无法完成您的搜索，请 ${BUSY_RETRY_AFTER_SECONDS} 秒后再试。`);
  }
}

/** The client went away while its search waited: nobody would read the result, so it never runs. */
export const clientGone = () => new AppError('client_closed_request', 499, '请求已取消。');

type Waiter = { start: () => void; fail: (e: Error) => void };

/**
 * At most `concurrency` searches at once, at most `queue` more waiting (first come, first served)
 * for at most `waitMs` each; anything beyond is refused at once with SearchBusyError. Without this,
 * every request started its search and they all shared the database: under a flood, latency grew
 * past the clients' timeout, and the server went on working for clients that had given up.
 */
export class SearchLimiter {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly concurrency: number, private readonly queue: number, private readonly waitMs = QUEUE_WAIT_MS) {}

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /** Searches running and waiting now (for tests and the log). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(clientGone());
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.queue) return Promise.reject(new SearchBusyError());
    return new Promise((resolve, reject) => {
      const leave = (e: Error) => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(e);
      };
      const onAbort = () => leave(clientGone());
      const waiter: Waiter = {
        start: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        fail: leave,
      };
      const timer = setTimeout(() => leave(new SearchBusyError()), this.waitMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Hands the slot to the first waiter, if any (so `running` stays the same), or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next.start();
    else this.running--;
  }
}

/**
 * A small LRU of results that expire after `ttlMs`, tagged with the index version they were read
 * at: an entry from an older version is never served. Concurrent calls for the same key share one
 * computation (a burst of the same query costs one search and one slot). A failed computation is
 * not kept.
 */
export class ResultCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number; version: number }>();
  private readonly pending = new Map<string, { promise: Promise<V>; version: number }>();

  constructor(private readonly ttlMs: number, private readonly maxEntries: number, private readonly now: () => number = Date.now) {}

  /**
   * The value for `key` at index version `version()`; `keep()` says whether a freshly computed
   * value may be stored (read again once it is done, so a change during the computation counts).
   */
  async get(key: string, version: () => number, compute: () => Promise<V>, keep: () => boolean = () => true): Promise<V> {
    const v = version();
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      if (hit.version === v && hit.expires > this.now()) {
        this.entries.set(key, hit); // most recently used
        return hit.value;
      }
    }
    const shared = this.pending.get(key);
    if (shared && shared.version === v) return shared.promise;
    const promise = compute();
    this.pending.set(key, { promise, version: v });
    try {
      const value = await promise;
      if (this.ttlMs > 0 && version() === v && keep()) {
        this.entries.set(key, { value, expires: this.now() + this.ttlMs, version: v });
        if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      }
      return value;
    } finally {
      if (this.pending.get(key)?.promise === promise) this.pending.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
