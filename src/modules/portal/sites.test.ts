import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import { Browser, createTestApp, type TestApp } from '../../test/app.js';
import { agencies } from '../../core/org/schema.js';
import { infoDocuments, infoEditions } from '../info/schema.js';
import { catalogs, catalogVersions } from '../catalog/schema.js';
import { prefixLinks, withPrefix } from '../../http/sites.js';

const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

// The region demo: 示范市 (root site at /), 示范县 at /shifanxian (and its host www.shifan.gov.cn), 示范南县 at /nanxian.
describe('a site per government', () => {
  let t: TestApp;
  let countyDoc: number;
  let southCatalog: number;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });

  before(async () => {
    t = await createTestApp({}, { full: true, region: true });
    const db = t.database.db;
    const [county] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.name, '示范县人民政府'));
    const [doc] = await db
      .select({ id: infoDocuments.id })
      .from(infoDocuments)
      .innerJoin(infoEditions, eq(infoEditions.documentId, infoDocuments.id))
      .innerJoin(agencies, eq(agencies.id, infoDocuments.agencyId))
      .where(and(eq(agencies.govId, county!.id), eq(infoEditions.state, 'published')))
      .limit(1);
    countyDoc = doc!.id;
    const [south] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.name, '柳河乡'));
    const [c] = await db.select({ id: catalogs.id }).from(catalogs).innerJoin(catalogVersions, eq(catalogVersions.catalogId, catalogs.id)).where(and(eq(catalogs.agencyId, south!.id), inArray(catalogVersions.state, ['published'])));
    southCatalog = c!.id;
  });
  after(() => t.close());

  it("gives each government its own name, and keeps a prefixed site's links on that site", async () => {
    assert.equal(title((await get('/')).body), '示范市人民政府');
    const county = await get('/shifanxian/');
    assert.equal(county.statusCode, 200);
    assert.equal(title(county.body), '示范县人民政府');
    const south = await get('/nanxian');
    assert.equal(title(south.body), '示范南县人民政府');
    assert.match(south.body, /href="\/nanxian\/xxgk"/);
    assert.match(south.body, /href="\/static\//, 'static files are shared by every site');
    assert.doesNotMatch(south.body, /href="\/(?!nanxian\/|static\/|\/)/, 'no link leaves the site');
    assert.match(south.body, /<meta name="SiteIDCode" content="4199020001"/);
  });

  it('answers a host name bound to a site with that site, unprefixed', async () => {
    const res = await get('/', { host: 'www.shifan.gov.cn' });
    assert.equal(title(res.body), '示范县人民政府');
    assert.match(res.body, /href="\/xxgk"/);
  });

  it("shows a county's information and catalogs on its own site only", async () => {
    assert.equal((await get(`/shifanxian/xxgk/${countyDoc}`)).statusCode, 200);
    assert.equal((await get(`/nanxian/xxgk/${countyDoc}`)).statusCode, 404);
    assert.equal((await get(`/xxgk/${countyDoc}`)).statusCode, 404, "the city's own site holds the city's records");
    assert.equal((await get(`/nanxian/catalog/catalogs/${southCatalog}/history`)).statusCode, 200);
    assert.equal((await get(`/shifanxian/catalog/catalogs/${southCatalog}/history`)).statusCode, 404);
    const list = await get('/nanxian/xxgk');
    assert.doesNotMatch(list.body, new RegExp(`/xxgk/${countyDoc}"`));
    const home = await get('/nanxian/');
    assert.match(home.body, /柳河乡 · 财政预决算领域目录/);
    assert.doesNotMatch((await get('/shifanxian/')).body, /柳河乡/);
  });

  it("lists each site's own pages in its sitemap and feeds, with its prefix", async () => {
    const xml = (await get('/nanxian/sitemap.xml')).body;
    assert.match(xml, /<loc>http:\/\/localhost(:\d+)?\/nanxian\/xxgk<\/loc>/);
    assert.doesNotMatch(xml, new RegExp(`/xxgk/${countyDoc}<`));
    assert.match((await get('/shifanxian/sitemap.xml')).body, new RegExp(`/shifanxian/xxgk/${countyDoc}<`));
    const feed = (await get('/shifanxian/feeds/all.atom')).body;
    assert.match(feed, /<title>示范县人民政府 政府信息公开<\/title>/);
    assert.match(feed, /\/shifanxian\/xxgk\//);
  });

  it('keeps redirects on the site', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/nanxian/admin', headers: { accept: 'text/html' } });
    assert.equal(res.statusCode, 302);
    assert.match(String(res.headers.location), /^\/nanxian\/login\?next=/);
  });

  it("lets a county's administrator set its site's path, refusing a page's path or another site's", async () => {
    const admin = new Browser(t.app);
    await admin.login('nx-admin');
    const page = await admin.get('/admin/site');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="nanxian"/);
    assert.match(page.body, /<title>[^<]*示范南县人民政府<\/title>/, "staff pages carry the person's own government's name");
    const form = (prefix: string) => ({ name: '示范南县人民政府', prefix, domain: '', idCode: '4199020001', icp: '', police: '', sponsor: '示范南县人民政府', organizer: '', address: '', phone: '', email: '', keywords: '', description: '' });
    for (const [prefix, message] of [['admin', /已被平台的页面使用/], ['xxgk', /已被平台的页面使用/], ['shifanxian', /已被另一个网站使用/], ['Nan Xian<script>', /只能由小写字母/], ['', /请填写访问路径或网站域名/]] as const) {
      const res = await admin.post('/admin/site', form(prefix));
      assert.equal(res.statusCode, 400, prefix);
      assert.match(res.body, message);
      assert.doesNotMatch(res.body, /<script>/);
    }
    assert.equal(title((await get('/nanxian/')).body), '示范南县人民政府', 'nothing changed by the refused saves');
    assert.equal((await admin.post('/admin/site', form('nan-xian'))).statusCode, 303);
    assert.equal(title((await get('/nan-xian/')).body), '示范南县人民政府');
    assert.equal((await get('/nanxian/')).statusCode, 404);
    // The city's site is the root: no path to set.
    const city = new Browser(t.app);
    await city.login('shi-admin');
    assert.match((await city.get('/admin/site')).body, /本网站是平台的主站/);
  });

  it('prefixes root-relative links and redirects only', () => {
    assert.equal(prefixLinks('<a href="/x">a</a><a href="//cdn/x">b</a><img src="/static/a.png"><form action="/y">', '/p'), '<a href="/p/x">a</a><a href="//cdn/x">b</a><img src="/static/a.png"><form action="/p/y">');
    assert.equal(withPrefix('/login?next=%2Fadmin', '/p'), '/p/login?next=%2Fadmin');
    assert.equal(withPrefix('https://example.org/', '/p'), 'https://example.org/');
    assert.equal(withPrefix('/p/already', '/p'), '/p/already');
  });
});
