import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, createTestApp, type TestApp } from '../../test/app.js';
import { SESSION_COOKIE } from '../../web/context.js';
import { resolveActor } from '../account/service.js';
import type { Actor } from '../../core/auth/actor.js';
import { ensureSearchIndex } from '../../core/search/reindex.js';
import { useSearchIndex } from '../../core/search/index.js';
import { pgSearchIndex } from '../../core/search/pg.js';
import { SETTLE_MS } from '../../core/search/bounded.js';
import type { SearchParams } from '../../core/search/types.js';
import { MODULES } from '../index.js';
import { createDraft, transition } from '../info/service.js';

/**
 * Search under load: one search at a time and none waiting (SEARCH_CONCURRENCY=1,
 * SEARCH_QUEUE=0), a low per-address limit, and the public page cache off so every request reaches
 * the search. The engine is wrapped to count the searches that reach it and to hold one open.
 */
describe('search holds under load', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const calls: string[] = [];
  let hold: { entered: () => void; gate: Promise<void> } | null = null;
  let address = 0;
  /** Each test is its own client address, so the rate limit of one does not reach another. */
  const client = () => {
    const remoteAddress = `10.0.0.${++address}`;
    return (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, remoteAddress, headers: { accept: 'text/html', ...headers } });
  };
  const q = (s: string) => encodeURIComponent(s);

  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0', SEARCH_CONCURRENCY: '1', SEARCH_QUEUE: '0', SEARCH_RATE_LIMIT: '12', SEARCH_CACHE_TTL: '60' });
    await ensureSearchIndex(t.database.db, MODULES.flatMap((m) => m.search ?? []));
    actors = new Map();
    for (const u of ['chengguan', 'chengguan-sh']) {
      const token = (await new Browser(t.app).login(u)).cookies.find((c) => c.name === SESSION_COOKIE)!.value;
      actors.set(u, (await resolveActor(t.database.db, token))!.actor);
    }
    useSearchIndex({
      ...pgSearchIndex,
      search: async (db, p: SearchParams) => {
        calls.push(p.q);
        const h = hold;
        if (h) {
          hold = null;
          h.entered();
          await h.gate;
        }
        return pgSearchIndex.search(db, p);
      },
    });
    // Results read right after the index changed are not kept (bounded.ts): let the seeding settle.
    await new Promise((r) => setTimeout(r, SETTLE_MS + 50));
  });
  afterEach(() => void (calls.length = 0));
  after(async () => {
    useSearchIndex(pgSearchIndex);
    await t.close();
  });

  it('answers a search beyond the bound with 503, Retry-After and a Chinese page (JSON under /api/), and serves the held one', async () => {
    const get = client();
    let entered!: () => void;
    let release!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    hold = { entered, gate: new Promise((r) => (release = r)) };
    const first = get('/search?q=' + q('社会救助'));
    await inside; // the one slot is taken

    const page = await get('/search?q=' + q('最低生活保障') + '&kind=catalog_item');
    assert.equal(page.statusCode, 503);
    assert.equal(page.headers['retry-after'], '5');
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(page.body, /<p role="alert">当前使用搜索的人较多，系统暂时无法完成您的搜索，请 5 秒后再试。 <a href="\/search\?q=%E6%9C%80%E4%BD%8E%E7%94%9F%E6%B4%BB%E4%BF%9D%E9%9A%9C&amp;kind=catalog_item">重新搜索<\/a><\/p>/);
    assert.match(page.body, /<input id="s-q" type="search" name="q" value="最低生活保障"/, 'the query is kept in the form');
    assert.doesNotMatch(page.body, /条结果/);

    const api = await get('/api/v1/search?q=' + q('最低生活保障'), { accept: 'application/json' });
    assert.equal(api.statusCode, 503);
    assert.equal(api.headers['retry-after'], '5');
    assert.equal(api.headers['cache-control'], 'no-store');
    assert.equal(api.json().error.code, 'busy');
    assert.match(api.json().error.message, /请 5 秒后再试/);
    assert.deepEqual(calls, ['社会救助'], 'the refused searches never reached the database');

    release();
    const held = await first;
    assert.equal(held.statusCode, 200);
    assert.match(held.body, /<mark>社会救助<\/mark>/);
    assert.equal((await get('/search?q=' + q('最低生活保障'))).statusCode, 200, 'served once the slot is free');
  });

  it('serves a repeated search from the cache, whatever its script, spacing or door (page or API)', async () => {
    const get = client();
    const first = await get('/api/v1/search?q=' + q('城关镇'), { accept: 'application/json' });
    assert.equal(first.statusCode, 200);
    assert.ok(first.json().total > 0);
    const again = await get('/api/v1/search?q=' + q('城关镇'), { accept: 'application/json' });
    assert.deepEqual(again.json(), first.json());
    const hant = await get('/api/v1/search?q=' + q('  城關鎮 '), { accept: 'application/json' });
    assert.equal(hant.json().q, '城關鎮', 'the answer names the query as it was asked');
    assert.deepEqual(hant.json().results, first.json().results);
    const page = await get('/search?q=' + q('城关镇'));
    assert.match(page.body, /<mark>城关镇<\/mark>/);
    assert.deepEqual(calls, ['城关镇'], 'one search reached the database for four requests');

    await get('/api/v1/search?q=' + q('城关镇') + '&page=2&pageSize=1', { accept: 'application/json' });
    await get('/api/v1/search?q=' + q('城关镇') + '&kind=agency', { accept: 'application/json' });
    assert.equal(calls.length, 3, 'another page or filter is another search');
  });

  it('limits searches per client address with 429, Retry-After and a Chinese message', async () => {
    const get = client();
    for (let i = 0; i < 12; i++) assert.equal((await get('/search?q=' + q('救助' + i))).statusCode, 200, `search ${i + 1}`);
    const page = await get('/search?q=' + q('救助'));
    assert.equal(page.statusCode, 429);
    assert.ok(Number(page.headers['retry-after']) > 0);
    assert.match(page.body, /操作过于频繁，请稍后再试。/);
    for (let i = 0; i < 12; i++) await get('/api/v1/search?q=' + q('救助' + i), { accept: 'application/json' });
    const api = await get('/api/v1/search?q=' + q('救助'), { accept: 'application/json' });
    assert.equal(api.statusCode, 429);
    assert.ok(Number(api.headers['retry-after']) > 0);
    assert.equal(api.json().error.code, 'rate_limited');
    assert.equal((await client()('/search?q=' + q('救助'))).statusCode, 200, 'another address is not limited');
  });

  it('finds a new publication at once although the same search was cached just before', async () => {
    const get = client();
    const api = async () => (await get('/api/v1/search?q=' + q('饮水安全排查'), { accept: 'application/json' })).json();
    assert.equal((await api()).total, 0);
    assert.equal((await api()).total, 0);
    assert.equal(calls.length, 1, 'cached');
    const as = (u: string) => ({ db: t.database.db, actor: actors.get(u)! });
    const { documentId, editionId } = await createDraft(as('chengguan'), {
      title: '城关镇关于开展农村饮水安全排查的通知', kind: '通知', theme: '民政、扶贫、救灾\\社会福利', assembly: '政策法规', docNumber: '城政〔2026〕78号',
      writtenDate: '2026-03-02', formedDate: '2026-03-02', regulatory: false, body: '各村：请于四月底前完成饮水安全排查。', disclosure: 'active',
      disclosureGround: '', catalogItemKeys: [], changeNote: '', minorChange: false,
    });
    await transition(as('chengguan'), editionId, 'submit');
    await transition(as('chengguan-sh'), editionId, 'approve', { secrecyConclusion: '同意' });
    await transition(as('chengguan-sh'), editionId, 'publish');
    const after = await api();
    assert.deepEqual(after.results.map((r: { url: string }) => r.url), [`/xxgk/${documentId}`]);
  });
});
