import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/app.js';
import type { Actor } from '../../core/auth/actor.js';
import { demoActors } from '../../test/actors.js';
import { publishedCatalogs, publishedItems } from '../catalog/queries.js';
import { versionItems, toInput } from '../catalog/repository.js';
import { startNewVersion, transition, updateItem } from '../catalog/service.js';
import { createAgency, listAgencies, updateAgency } from '../org/service.js';
import { ensureSearchIndex } from '../../core/search/reindex.js';
import { MODULES } from '../index.js';
import { search } from '../../core/search/index.js';
import { searchEntries } from '../../core/search/schema.js';

describe('search: publishing, page and API', () => {
  let t: TestApp;
  const actors = new Map<string, Actor>();
  const as = (u: string) => ({ db: t.database.db, actor: actors.get(u)! });
  const api = (qs: string) => t.app.inject({ url: `/api/v1/search?${qs}` });

  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0' });
    await ensureSearchIndex(t.database.db, MODULES.flatMap((m) => m.search ?? [])); // as at start-up: the seeded agencies are not indexed yet
    for (const [u, a] of await demoActors(t.database.db, ['hexi', 'minzheng', 'office', 'admin'])) actors.set(u, a);
  });
  after(() => t.close());

  it('indexes a published catalog version and drops the version it supersedes, never a draft', async () => {
    const db = t.database.db;
    const hexi = (await listAgencies(db)).find((a) => a.name === '河西乡')!;
    const [catalog] = await publishedCatalogs(db, { agencyId: hexi.id });
    const oldIds = (await publishedItems(db, { agencyId: hexi.id, domainId: catalog!.domainId })).map((i) => i.id);
    const indexed = async () => (await db.select({ id: searchEntries.refId }).from(searchEntries).where(and(eq(searchEntries.kind, 'catalog_item'), eq(searchEntries.agencyId, hexi.id)))).map((r) => r.id).sort((a, b) => a - b);
    assert.deepEqual(await indexed(), [...oldIds].sort((a, b) => a - b));

    const vid = await startNewVersion(as('hexi'), catalog!.catalogId, '测试搜索索引');
    const first = (await versionItems(db, vid))[0]!;
    await updateItem(as('hexi'), first.id, { ...toInput(first), content: first.content + ' 丙午丁未专项公开' });
    assert.equal((await search(db, { q: '丙午丁未' })).total, 0, 'a draft is not searchable');
    await transition(as('hexi'), vid, 'submit');
    await transition(as('minzheng'), vid, 'approve', '同意。');
    assert.equal((await search(db, { q: '丙午丁未' })).total, 0, 'an approved version is not searchable');
    await transition(as('office'), vid, 'publish');

    const r = await search(db, { q: '丙午丁未' });
    assert.deepEqual(r.results.map((x) => [x.kind, x.refId, x.url]), [['catalog_item', first.id, `/catalog/items/${first.id}`]]);
    const newIds = (await versionItems(db, vid)).map((i) => i.id).sort((a, b) => a - b);
    assert.deepEqual(await indexed(), newIds);
    assert.ok(oldIds.every((id) => !newIds.includes(id)));
    const page = await t.app.inject({ url: '/search?q=' + encodeURIComponent('丙午丁未') });
    assert.match(page.body, new RegExp(`href="/catalog/items/${first.id}"`));
    assert.match(page.body, /<mark>丙午丁未<\/mark>/);
  });

  it('indexes agencies when they are created or updated', async () => {
    const db = t.database.db;
    assert.ok((await search(db, { q: '城关镇', kind: 'agency' })).results.some((x) => x.title === '城关镇'), 'seeded agencies indexed at start-up');
    const county = (await listAgencies(db)).find((a) => a.kind === 'county')!;
    const id = await createAgency(as('admin'), { kind: 'department', parentId: county.id, name: '县壬寅测试局', creditCode: '', functions: '负责壬寅事务。', head: '', officeHours: '', address: '', phone: '' });
    assert.deepEqual((await search(db, { q: '壬寅' })).results.map((x) => x.url), [`/agencies/${id}`]);
    await updateAgency(as('admin'), id, { name: '县癸卯测试局', creditCode: '', functions: '负责癸卯事务。', head: '', officeHours: '', address: '', phone: '' });
    assert.equal((await search(db, { q: '壬寅' })).total, 0);
    assert.deepEqual((await search(db, { q: '癸卯测试局' })).results.map((x) => x.title), ['县癸卯测试局']);
  });

  it('has an accessible search box in the header of public pages that works without JavaScript', async () => {
    const home = await t.app.inject({ url: '/' });
    assert.match(home.body, /<form method="get" action="\/search" role="search" aria-label="站内搜索"[^>]*>\s*<label for="site-q">站内搜索<\/label>\s*<input id="site-q" type="search" name="q"/);
  });

  it('shows results with highlighted snippets, filters and a helpful empty result', async () => {
    const page = await t.app.inject({ url: '/search?q=' + encodeURIComponent('社会救助') });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /找到 \d+ 条结果/);
    assert.match(page.body, /<mark>社会救助<\/mark>/);
    for (const name of ['kind', 'agency', 'domain', 'year']) assert.match(page.body, new RegExp(`name="${name}"`));
    const none = await t.app.inject({ url: '/search?q=' + encodeURIComponent('魑魅魍魉') });
    assert.match(none.body, /没有找到相关内容/);
    assert.match(none.body, /简体、繁體都可以搜索/);
    assert.match(none.body, /href="\/catalog"/);
    const empty = await t.app.inject({ url: '/search' });
    assert.equal(empty.statusCode, 200);
    assert.doesNotMatch(empty.body, /条结果/);
  });

  it('works for 繁體 readers: a 繁體 query finds 简体 text, and the page is shown in 繁體', async () => {
    const page = await t.app.inject({ url: '/search?q=' + encodeURIComponent('社會救助'), cookies: { gk_script: 'hant' } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<mark>社會救助<\/mark>/);
    assert.match(page.body, /value="社會救助"/);
    const r = await search(t.database.db, { q: '社會救助' });
    assert.equal(r.total, (await search(t.database.db, { q: '社会救助' })).total);
  });

  it('escapes hostile queries on the page and never fails', async () => {
    const raw = ['%ED%A0%80', '%E6%95', '%', '%00', '%C0%AF']; // a lone surrogate, cut UTF-8, NUL, overlong
    for (const q of ['<script>alert(1)</script>', "' or 1=1 --", ':*', '&|!()', '%', '"><img src=x>', ...raw]) {
      const page = await t.app.inject({ url: '/search?q=' + (raw.includes(q) ? q : encodeURIComponent(q)) });
      // A control character is refused at the boundary for every route (issue 11), with a Chinese message.
      assert.equal(page.statusCode, q === '%00' ? 400 : 200, q);
      assert.doesNotMatch(page.body, /<script>alert|<img src=x>/);
    }
    const long = await t.app.inject({ url: '/search?q=' + 'x'.repeat(10_000) });
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /搜索内容不能超过 100 个字/);
  });

  it('answers the JSON API with the same results, and errors as {error:{code,message}}', async () => {
    const res = await api('q=' + encodeURIComponent('社会救助') + '&pageSize=5');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    const direct = await search(t.database.db, { q: '社会救助', pageSize: 5 });
    assert.equal(body.total, direct.total);
    assert.deepEqual(body.results.map((x: { url: string }) => x.url), direct.results.map((x) => x.url));
    assert.match(body.results[0].snippetHtml, /<mark>社会救助<\/mark>/);
    assert.equal(body.exact, null);
    for (const [qs, code] of [['', 'invalid_query'], ['q=', 'query_required'], ['q=' + 'x'.repeat(10_000), 'query_too_long'], ['q=a&page=0', 'invalid_query'], ['q=a&kind=draft', 'invalid_query'], ['q=' + 'x'.repeat(20_000), 'invalid_query']] as const) {
      const e = await api(qs);
      assert.equal(e.statusCode, 400, qs.slice(0, 20));
      assert.equal(e.json().error.code, code);
      assert.equal(typeof e.json().error.message, 'string');
    }
    for (const q of ["'; drop table search_entries; --", '&|!()', ':*', '<script>', '\\']) assert.equal((await api('q=' + encodeURIComponent(q))).statusCode, 200, q);
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    assert.ok(doc.paths['/api/v1/search']);
  });
});
