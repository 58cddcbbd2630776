import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';

describe('public catalog pages and API', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  it('lists the 26 pilot domains with their codes', async () => {
    const res = await get('/api/v1/domains');
    assert.equal(res.statusCode, 200);
    const names = res.json().data.map((d: { name: string }) => d.name);
    assert.equal(names.length, 26);
    for (const n of ['城乡规划', '社会救助', '义务教育', '市政服务', '户籍管理']) assert.ok(names.includes(n), n);
  });

  it('leads from the catalog page to the village affairs and the negative list, both open to the public', async () => {
    const page = (await get('/catalog')).body;
    for (const href of ['/cunwu', '/fumian']) {
      assert.ok(page.includes(`href="${href}"`), href);
      assert.equal((await get(href)).statusCode, 200, href);
    }
  });

  it('lists agencies as a tree with the public facts', async () => {
    const data = (await get('/api/v1/agencies')).json().data as { id: number; kind: string; parentId: number | null; creditCode: string | null; phone: string }[];
    const county = data.find((a) => a.kind === 'county')!;
    assert.equal(county.parentId, null);
    assert.ok(data.some((a) => a.kind === 'township' && a.parentId === county.id));
    assert.ok(data.some((a) => a.kind === 'village'));
    assert.match(county.creditCode!, /^[0-9A-Z]{18}$/);
  });

  it('serves published items with every element and the parsed time rule, filtered by domain, agency and level', async () => {
    const all = (await get('/api/v1/catalog/items?domain=social-assistance')).json();
    assert.ok(all.data.length > 0);
    const item = all.data[0];
    for (const k of ['level1', 'level2', 'content', 'basis', 'subject', 'channels', 'otherChannels', 'audience', 'mode', 'levels']) assert.ok(k in item, k);
    assert.equal(item.timeLimit.text, '制定或获取信息之日起10个工作日内');
    assert.deepEqual(item.timeLimit.rule, { kind: 'period', unit: 'workday', n: 10, event: 'made_or_obtained' });
    assert.ok(all.data.every((i: { domain: { code: string } }) => i.domain.code === 'social-assistance'));
    const county = (await get('/api/v1/catalog/items?domain=social-assistance&level=county')).json().data;
    assert.ok(county.length < all.data.length && county.every((i: { levels: string[] }) => i.levels.includes('county')));
    const other = (await get(`/api/v1/catalog/items?agency=${item.agency.id}`)).json().data;
    assert.ok(other.every((i: { agency: { id: number } }) => i.agency.id === item.agency.id));
  });

  it('answers bad API input with a stable error code and a Chinese message', async () => {
    for (const url of ['/api/v1/catalog/items?level=<script>', '/api/v1/catalog/items?agency=1%27%20OR%201=1--', '/api/v1/catalog/items?limit=-5', '/api/v1/catalog/items?agency=99999999999999']) {
      const res = await get(url);
      assert.equal(res.statusCode, 400, url);
      assert.equal(res.json().error.code, 'invalid_query');
      assert.doesNotMatch(res.body, /<script>/);
    }
    const missing = await get('/api/v1/nope');
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(Object.keys(missing.json().error).sort(), ['code', 'message']);
    assert.equal((await get("/api/v1/catalog/items?domain=' OR 1=1--")).json().data.length, 0);
  });

  it('publishes an OpenAPI document describing the routes and their parameters', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    const items = doc.paths['/api/v1/catalog/items'].get;
    assert.deepEqual(items.parameters.map((p: { name: string }) => p.name).sort(), ['agency', 'domain', 'level', 'limit', 'offset']);
    assert.ok(doc.paths['/api/v1/domains'] && doc.paths['/api/v1/agencies']);
  });

  it('shows the domain page with the items, and the item page with every element', async () => {
    const page = await get('/catalog/domains/social-assistance');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /社会救助领域基层政务公开标准目录/);
    assert.match(page.body, /河西乡人民政府/);
    const link = /href="(\/catalog\/items\/\d+)"/.exec(page.body)![1]!;
    const item = await get(link);
    for (const label of ['一级事项', '二级事项', '公开内容（要素）', '公开依据', '公开时限', '公开主体', '公开渠道和载体', '公开对象', '公开方式', '公开层级']) assert.match(item.body, new RegExp(label));
  });

  it('renders pages in 繁體 when the reader chooses it, without breaking links', async () => {
    const b = new Browser(t.app);
    const toggle = await b.get('/prefs?script=hant&back=%2Fcatalog%2Fdomains%2Fsocial-assistance');
    assert.equal(toggle.statusCode, 303);
    assert.equal(toggle.headers.location, '/catalog/domains/social-assistance');
    const page = await b.get('/catalog/domains/social-assistance');
    assert.match(page.body, /社會救助領域基層政務公開標準目錄/);
    assert.match(page.body, /lang="zh-Hant"/);
    assert.match(page.body, /href="\/catalog\/domains\/social-assistance\?agency=|href="\/catalog\/items\/\d+"/);
    await b.get('/prefs?script=hans&back=/');
    assert.match((await b.get('/catalog/domains/social-assistance')).body, /社会救助领域/);
  });

  it('never follows a reading-preference link off the site', async () => {
    for (const back of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
      const res = await get(`/prefs?font=large&back=${encodeURIComponent(back)}`);
      assert.equal(res.headers.location, '/');
    }
  });

  it('exports a published catalog as XLSX, CSV and JSON that match the page', async () => {
    const page = await get('/catalog/domains/social-assistance');
    const href = /href="(\/catalog\/catalogs\/\d+)\/export\.xlsx"/.exec(page.body)![1]!;
    const xlsx = await get(`${href}/export.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    assert.match(text, /一级事项/);
    assert.match(text, /最低生活保障/);
    const json = (await get(`${href}/export.json`)).json();
    assert.ok(Array.isArray(json) && json.length > 0 && json[0].level1);
    const csv = await get(`${href}/export.csv`);
    assert.match(csv.body, /^\uFEFF/);
    assert.equal((await get(`${href}/export.exe`)).statusCode, 400);
  });

  it('treats unknown and malformed ids as not found or bad input, never a server error', async () => {
    for (const url of ['/catalog/items/999999', '/catalog/items/abc', '/catalog/items/1%27', '/catalog/domains/%3Cscript%3E', '/catalog/catalogs/999/history', '/agencies/0', '/catalog/domains/social-assistance?level=x']) {
      const res = await get(url, { accept: 'text/html' });
      assert.ok([400, 404].includes(res.statusCode), `${url} → ${res.statusCode}`);
      assert.doesNotMatch(res.body, /<script>/);
    }
  });

  it('sends security headers on every page', async () => {
    const res = await get('/');
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['x-frame-options']), /SAMEORIGIN|DENY/);
  });
});
