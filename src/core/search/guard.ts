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

  constructor(private readonly concurrency: number, private readonly queue: number, private readonly waitMs = QUEUE_WAIT_MS, private readonly lagging: () => boolean = () => false) {}

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      // The slot is taken; the work starts only after the event loop has read what arrived
      // meanwhile (see ioTurn), so those requests see the slot taken.
      await ioTurn();
      if (signal?.aborted) throw clientGone();
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
    // A lagging event loop means requests already waited unread on their sockets: queueing them
    // longer only helps the backlog grow, so beyond the bound they are refused at once.
    if (this.waiting.length >= this.queue || this.lagging()) return Promise.reject(new SearchBusyError());
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
 * One turn of the event loop, so that the requests waiting on their sockets are read and answered
 * before more database work starts. PGlite runs in this thread and answers through promises only:
 * search after search would otherwise run in one unbroken chain of microtasks, no socket would be
 * read meanwhile, and a flood would never even reach the bound (measured: event loop stalls of
 * 1.6 s with at most one search running, and every client beyond the first few timing out).
 */
const ioTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The event loop counts as lagging when a 100 ms timer fired this much late within the last second. */
export const LAG_LIMIT_MS = 500;
let lagSampler: { lagging: () => boolean } | null = null;
/** Whether this process's event loop is behind (one sampler per process, started on first use). */
export function eventLoopLagging(): boolean {
  if (!lagSampler) {
    const recent: number[] = [];
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      recent.push(now - last - 100);
      if (recent.length > 10) recent.shift();
      last = now;
    }, 100).unref();
    lagSampler = { lagging: () => recent.some((x) => x > LAG_LIMIT_MS) };
  }
  return lagSampler.lagging();
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
