import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResultCache, SearchBusyError, SearchLimiter } from './guard.js';

/** A piece of work that runs until released, recording that it started. */
function held() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const w = { started: false, release, work: async () => ((w.started = true), await gate, 'done') };
  return w;
}
const code = (e: unknown) => (e as { code?: string }).code;

describe('search limiter', () => {
  it('runs up to the bound, queues up to the queue, refuses the rest at once with busy, first come first served', async () => {
    const limiter = new SearchLimiter(1, 1, 60_000);
    const [a, b, c] = [held(), held(), held()];
    const ra = limiter.run(a.work);
    const rb = limiter.run(b.work);
    await assert.rejects(limiter.run(c.work), (e) => e instanceof SearchBusyError && e.status === 503 && e.retryAfterSeconds > 0 && /请 \d+ 秒后再试/.test(e.message));
    assert.deepEqual(limiter.load, { running: 1, waiting: 1 });
    assert.equal(b.started, false, 'the queued search waits for the slot');
    assert.equal(c.started, false, 'a refused search never runs');
    a.release();
    assert.equal(await ra, 'done');
    b.release();
    assert.equal(await rb, 'done');
    assert.ok(b.started);
    assert.deepEqual(limiter.load, { running: 0, waiting: 0 });
  });

  it('refuses a search that waited too long, and drops one whose client left without running it', async () => {
    const limiter = new SearchLimiter(1, 5, 1);
    const a = held();
    const ra = limiter.run(a.work);
    const late = held();
    await assert.rejects(limiter.run(late.work), (e) => e instanceof SearchBusyError);
    const gone = new AbortController();
    const left = held();
    const rl = limiter.run(left.work, gone.signal);
    gone.abort();
    await assert.rejects(rl, (e) => code(e) === 'client_closed_request');
    await assert.rejects(limiter.run(held().work, gone.signal), (e) => code(e) === 'client_closed_request');
    assert.deepEqual(limiter.load, { running: 1, waiting: 0 });
    a.release();
    await ra;
    assert.equal(late.started || left.started, false);
    assert.deepEqual(limiter.load, { running: 0, waiting: 0 });
  });

  it('refuses instead of queueing while the event loop lags, but never a search that finds a free slot', async () => {
    let lagging = true;
    const limiter = new SearchLimiter(1, 5, 60_000, () => lagging);
    const a = held();
    const ra = limiter.run(a.work);
    await assert.rejects(limiter.run(held().work), (e) => e instanceof SearchBusyError);
    lagging = false;
    const b = held();
    const rb = limiter.run(b.work);
    assert.deepEqual(limiter.load, { running: 1, waiting: 1 });
    a.release();
    b.release();
    await Promise.all([ra, rb]);
  });

  it('frees the slot when a search fails', async () => {
    const limiter = new SearchLimiter(1, 0);
    await assert.rejects(limiter.run(async () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(await limiter.run(async () => 'next'), 'next');
  });
});

describe('result cache', () => {
  it('computes once per key and version, shares a computation in flight, expires, and keeps no failure', async () => {
    let now = 0;
    let version = 1;
    let calls = 0;
    const cache = new ResultCache<string>(1000, 2, () => now);
    const get = (key: string) => cache.get(key, () => version, async () => `${key}#${++calls}`);
    assert.deepEqual(await Promise.all([get('a'), get('a')]), ['a#1', 'a#1'], 'concurrent calls share one computation');
    assert.equal(await get('a'), 'a#1');
    version++;
    assert.equal(await get('a'), 'a#2', 'a changed index is never served from before');
    now += 1001;
    assert.equal(await get('a'), 'a#3', 'expired');
    await get('b');
    await get('c');
    assert.equal(cache.size, 2, 'bounded');
    assert.equal(await get('a'), 'a#6', 'the least recently used went first');
    await assert.rejects(cache.get('d', () => version, async () => Promise.reject(new Error('x'))));
    assert.equal(await cache.get('d', () => version, async () => 'd ok'), 'd ok');
    assert.equal(await cache.get('e', () => version, async () => 'e1', () => false), 'e1');
    assert.equal(await cache.get('e', () => version, async () => 'e2'), 'e2', 'not kept when keep() says no');
  });
});
