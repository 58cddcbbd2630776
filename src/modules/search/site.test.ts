import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../config.js';
import { buildApp } from '../../http/server.js';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import { agencies } from '../../core/org/schema.js';
import { indexEntry } from '../../core/search/index.js';
import { ensureSearchIndex } from '../../core/search/reindex.js';
import { searchEntries } from '../../core/search/schema.js';
import { MODULES } from '../index.js';
import { DEMO_CITY, DEMO_COUNTY, DEMO_SOUTH_COUNTY } from '../org/seed.js';

// The region demo: 示范市 (root site, /) above 示范县 (/shifanxian) and 示范南县 (/nanxian).
// Each site searches its own government's entries; the city's offers its counties too (scope=all).
describe('search: a site per government', () => {
  let app: FastifyInstance;
  let database: Database;
  const gov = new Map<string, number>();
  let liuhe: number; // 柳河乡, a township of 示范南县
  let southItems: number[]; // 示范南县's published catalog items
  let southDept: number;
  const page = (url: string) => app.inject({ url, headers: { accept: 'text/html' } });
  const enc = encodeURIComponent;

  before(async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_MODE: 'true', PUBLIC_CACHE_TTL: '0' });
    database = await createTestDatabase({ demo: true, full: true, region: true, config });
    const db = database.db;
    await ensureSearchIndex(db, MODULES.flatMap((m) => m.search ?? []));
    app = await buildApp({ config, db });
    await app.ready();
    for (const a of await db.select().from(agencies).where(inArray(agencies.name, [DEMO_CITY, DEMO_COUNTY, DEMO_SOUTH_COUNTY]))) gov.set(a.name, a.id);
    const south = gov.get(DEMO_SOUTH_COUNTY)!;
    [{ id: liuhe }] = (await db.select({ id: agencies.id }).from(agencies).where(and(eq(agencies.name, '柳河乡'), eq(agencies.govId, south)))) as [{ id: number }];
    southItems = (await db.select({ id: searchEntries.refId }).from(searchEntries).where(and(eq(searchEntries.kind, 'catalog_item'), eq(searchEntries.agencyId, liuhe)))).map((r) => r.id);
    assert.ok(southItems.length > 0, '示范南县 has published catalog items in the index');
    [{ id: southDept }] = (await db.select({ id: agencies.id }).from(agencies).where(and(eq(agencies.govId, south), eq(agencies.kind, 'department'))).limit(1)) as [{ id: number }];
    // A document of 示范南县 as the info module indexes it on publication.
    await indexEntry(db, { kind: 'document', refId: 990001, url: '/xxgk/990001', title: '示范南县甲辰专项整治通知', body: '关于开展甲辰专项整治的通知。', publishedAt: new Date('2025-01-02'), agencyId: southDept, docNumber: '南政〔2025〕9号', year: 2025 });
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  const itemLinks = (body: string) => southItems.filter((id) => body.includes(`/catalog/items/${id}"`));

  it('finds a document of 示范南县 on its own site and on the city site with scope=all only', async () => {
    const q = enc('甲辰专项整治');
    const nan = await page(`/nanxian/search?q=${q}`);
    assert.equal(nan.statusCode, 200);
    assert.match(nan.body, /href="\/nanxian\/xxgk\/990001"/);
    assert.doesNotMatch(nan.body, /name="scope"/, 'a county with no government below it offers no scope choice');

    const shifan = await page(`/shifanxian/search?q=${q}`);
    assert.equal(shifan.statusCode, 200);
    assert.doesNotMatch(shifan.body, /990001/);
    assert.match(shifan.body, /没有找到相关内容/);

    const city = await page(`/search?q=${q}`);
    assert.doesNotMatch(city.body, /990001/, "the city's own level does not list a county's document");
    assert.match(city.body, /<select id="s-scope" name="scope">/);
    assert.match(city.body, /<option value="" selected>本级<\/option>/);
    assert.match(city.body, /全市（含各县区）/);

    const all = await page(`/search?q=${q}&scope=all`);
    assert.match(all.body, /href="http:\/\/localhost(:\d+)?\/nanxian\/xxgk\/990001"/, "a county's hit links to the county's own site, where the record is shown");
    assert.match(all.body, /<option value="all" selected>全市（含各县区）<\/option>/);
    assert.match(all.body, /示范南县人民政府 · 政府信息/, 'a hit on the wide scope names its county');
  });

  it('finds 示范南县 catalog items and agencies only where its site or the whole city is searched', async () => {
    const q = enc('政府预算');
    assert.ok(itemLinks((await page(`/nanxian/search?q=${q}&kind=catalog_item`)).body).length > 0);
    assert.deepEqual(itemLinks((await page(`/shifanxian/search?q=${q}&kind=catalog_item`)).body), []);
    assert.deepEqual(itemLinks((await page(`/search?q=${q}&kind=catalog_item`)).body), []);
    assert.ok(itemLinks((await page(`/search?q=${q}&kind=catalog_item&scope=all`)).body).length > 0);
    // Paging on the wide scope keeps it.
    const wide = await page(`/search?q=${enc('公开')}&scope=all`);
    if (/rel="next"/.test(wide.body)) assert.match(wide.body, /href="\/search\?q=[^"]*scope=all[^"]*page=2"/);

    const agency = enc('柳河乡');
    assert.match((await page(`/nanxian/search?q=${agency}&kind=agency`)).body, new RegExp(`href="/nanxian/agencies/${liuhe}"`));
    assert.doesNotMatch((await page(`/shifanxian/search?q=${agency}&kind=agency`)).body, new RegExp(`/agencies/${liuhe}"`));
  });

  it('offers only the site’s own agencies as filter choices (the subtree’s with scope=all)', async () => {
    const db = database.db;
    const options = (body: string) => [...body.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1]));
    const agencyBox = (body: string) => /<select id="s-agency" name="agency">([\s\S]*?)<\/select>/.exec(body)![1]!;
    const govOf = new Map((await db.select({ id: agencies.id, govId: agencies.govId }).from(agencies)).map((a) => [a.id, a.govId]));
    const nan = options(agencyBox((await page('/nanxian/search')).body));
    assert.ok(nan.includes(liuhe));
    assert.ok(nan.every((id) => govOf.get(id) === gov.get(DEMO_SOUTH_COUNTY)), 'a county site lists its own agencies only');
    const city = options(agencyBox((await page('/search')).body));
    assert.ok(city.length > 0 && city.every((id) => govOf.get(id) === gov.get(DEMO_CITY)), "the city's own level lists the city's agencies");
    const all = options(agencyBox((await page('/search?scope=all')).body));
    assert.ok(all.includes(liuhe) && all.some((id) => govOf.get(id) === gov.get(DEMO_COUNTY)) && all.some((id) => govOf.get(id) === gov.get(DEMO_CITY)));
    // Another county's agency as a filter finds nothing there.
    assert.doesNotMatch((await page(`/shifanxian/search?q=${enc('政府预算')}&agency=${liuhe}`)).body, /\/catalog\/items\//);
  });

  it('scopes the JSON API the same way and names each hit’s government', async () => {
    const api = (url: string) => app.inject({ url });
    const q = enc('甲辰专项整治');
    assert.equal((await api(`/shifanxian/api/v1/search?q=${q}`)).json().total, 0);
    assert.equal((await api(`/api/v1/search?q=${q}`)).json().total, 0);
    const nan = (await api(`/nanxian/api/v1/search?q=${q}`)).json();
    assert.equal(nan.total, 1);
    assert.equal(nan.results[0].govName, DEMO_SOUTH_COUNTY);
    const all = (await api(`/api/v1/search?q=${q}&scope=all`)).json();
    assert.deepEqual(all.results.map((x: { refId: number }) => x.refId), [990001]);
    // The 文号 exact match keeps to the site too.
    assert.equal((await api(`/shifanxian/api/v1/search?q=${enc('南政〔2025〕9号')}`)).json().exact, null);
    assert.equal((await api(`/nanxian/api/v1/search?q=${enc('南政〔2025〕9号')}`)).json().exact?.refId, 990001);
    const doc = (await api('/api/v1/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/search'].get.parameters.some((p: { name: string }) => p.name === 'scope'));
  });

  it('refuses a hostile scope with a Chinese 400, on the page and the API', async () => {
    for (const s of ['everything', "all' or 1=1 --", 'ALL', '<script>', 'all&scope=own', '/1/']) {
      const qs = `q=${enc('政府预算')}&scope=${s.includes('&') ? s : enc(s)}`;
      const p = await page(`/search?${qs}`);
      assert.equal(p.statusCode, 400, s);
      assert.match(p.body, /搜索范围不正确/);
      assert.doesNotMatch(p.body, /<script>/);
      const a = await app.inject({ url: `/nanxian/api/v1/search?${qs}` });
      assert.equal(a.statusCode, 400, s);
      assert.equal(a.json().error.code, 'invalid_scope');
      assert.match(a.json().error.message, /搜索范围不正确/);
    }
    assert.equal((await page(`/search?q=${enc('政府预算')}&scope=own`)).statusCode, 200);
    assert.equal((await page(`/search?q=${enc('政府预算')}&scope=`)).statusCode, 200);
  });
});
