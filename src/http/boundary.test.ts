import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../test/app.js';
import { listAgencies } from '../modules/org/service.js';
import { infoDocuments, infoEditions } from '../modules/info/schema.js';

const cookiesOf = (b: Browser) => (b as unknown as { cookieHeader(): string }).cookieHeader();
/** Chinese, and none of zod's or Fastify's English. */
const chinese = (s: string) => /[\u4e00-\u9fff]/.test(s) && !/Invalid input|expected|Bad Request|FST_|Internal Server Error/.test(s);

/** Every route of the app, from Fastify's route tree: [method, path]. */
function routeTable(printed: string): [string, string][] {
  const stack: string[] = [];
  const out: [string, string][] = [];
  for (const line of printed.split('\n')) {
    const at = line.indexOf('── ');
    if (at === -1) continue;
    const depth = (at - 1) / 4;
    const m = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(at + 3))!;
    stack[depth] = (depth ? stack[depth - 1]! : '') + m[1]!;
    stack.length = depth + 1;
    for (const method of m[2]?.split(', ') ?? []) out.push([method, stack[depth]!.replace(/^\/\//, '/')]);
  }
  return out;
}

describe('hostile input is a 4xx with a Chinese message, never a 5xx', () => {
  let t: TestApp;
  let town = 0;
  before(async () => {
    t = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '1000' }, { full: true });
    town = (await listAgencies(t.database.db)).find((a) => a.name === '城关镇')!.id;
  });
  after(() => t.close());

  const application = (over: Record<string, unknown> = {}) => ({
    agencyId: town, applicantType: 'natural', name: '李四', idType: '居民身份证', idNumber: '11010519491231002X', phone: '13900139000',
    content: '城关镇2025年农村危房改造补助名单', form: 'electronic', delivery: 'online', ...over,
  });

  it('answers a request too large to parse (oversize cookies) or malformed with a Chinese page, not English JSON', async () => {
    // Only a real socket goes through Node's HTTP parser, where these are refused before Fastify routes.
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const raw = (text: string) => new Promise<string>((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => s.end(text));
      let got = '';
      s.setEncoding('utf8').on('data', (c) => { got += c; }).on('end', () => resolve(got)).on('error', reject);
    });
    const big = await raw(`GET / HTTP/1.1\r\nHost: x\r\nCookie: a=${'x'.repeat(40_000)}\r\n\r\n`);
    assert.match(big, /^HTTP\/1\.1 431 /);
    assert.ok(chinese(big.split('\r\n\r\n')[1]!) && big.includes('Cookie'), big.slice(0, 300));
    const garbled = await raw('GARBAGE\r\n\r\n');
    assert.match(garbled, /^HTTP\/1\.1 400 /);
    assert.ok(chinese(garbled.split('\r\n\r\n')[1]!));
  });

  it('refuses a NUL in the body, query or path of every route in the route table, before the route runs', async () => {
    const routes = routeTable(t.app.printRoutes({ commonPrefix: false }));
    assert.ok(routes.length > 80, 'the route table was read');
    const concrete = (p: string) => p.replace(/:[A-Za-z]+/g, '1').replace(/\*$/, 'x');
    for (const [method, path] of routes) {
      if (method !== 'GET' && method !== 'POST') continue;
      const url = concrete(path);
      const res = method === 'POST'
        ? await t.app.inject({ method, url, payload: 'title=a%00b&text=x', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } })
        : await t.app.inject({ method, url: `${url}?q=a%00b`, headers: { accept: 'text/html' } });
      assert.equal(res.statusCode, 400, `${method} ${url}`);
      assert.ok(chinese(res.body), `${method} ${url}: ${res.body.slice(0, 200)}`);
    }
    for (const url of ['/catalog/domains/a%00b', '/agencies/1%00', '/xxgk/1%01']) {
      const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
      assert.equal(res.statusCode, 400, url);
      assert.match(res.body, /控制字符/);
    }
  });

  it('refuses NUL in the JSON API, the login form and the follow-up with the one error code', async () => {
    const api = await t.app.inject({ method: 'POST', url: '/api/v1/applications', payload: application({ name: '李\u0000四', address: 'x\u0000' }) });
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.code, 'invalid_characters');
    assert.ok(chinese(api.json().error.message));
    const nested = await t.app.inject({ method: 'POST', url: '/api/v1/applications', payload: application({ extra: { deep: ['ok', 'x\u0007'] } }) });
    assert.equal(nested.statusCode, 400);
    const b = new Browser(t.app);
    for (const [url, form] of [['/login', { username: 'adm\u0000in', password: 'x', next: '/admin' }], ['/yishenqing/follow', { code: '2026-\u0000', secret: 'x' }]] as const) {
      const res = await b.post(url, form, { from: url === '/login' ? '/login' : '/yishenqing/follow' });
      assert.equal(res.statusCode, 400, url);
      assert.match(res.body, /控制字符/, url);
    }
    // A multi-line text keeps its line breaks and tabs.
    const lines = await t.app.inject({ method: 'POST', url: '/api/v1/applications', payload: application({ content: '第一行\r\n\t第二行：城关镇2025年农村危房改造补助名单' }) });
    assert.equal(lines.statusCode, 201, lines.body);
  });

  it('answers broken multipart bodies on the public form with 400', async () => {
    const b = new Browser(t.app);
    const page = await b.get('/yishenqing/apply');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const post = (payload: string, contentType: string) =>
      t.app.inject({ method: 'POST', url: '/yishenqing/apply', payload, headers: { 'content-type': contentType, cookie: cookiesOf(b), accept: 'text/html' } });
    const part = (name: string, value: string) => `--XyZ\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const cases: [string, string, string][] = [
      ['truncated', part('_csrf', token) + '--XyZ\r\nContent-Disposition: form-data; name="name"\r\n\r\n李', 'multipart/form-data; boundary=XyZ'],
      ['no boundary', part('_csrf', token) + '--XyZ--\r\n', 'multipart/form-data'],
      ['NUL in a field', part('_csrf', token) + part('name', '李\u0000四') + '--XyZ--\r\n', 'multipart/form-data; boundary=XyZ'],
      ['NUL in a file name', part('_csrf', token) + '--XyZ\r\nContent-Disposition: form-data; name="proof"; filename="a\u0000.png"\r\nContent-Type: image/png\r\n\r\nx\r\n--XyZ--\r\n', 'multipart/form-data; boundary=XyZ'],
    ];
    for (const [label, payload, type] of cases) {
      const res = await post(payload, type);
      assert.equal(res.statusCode, 400, `${label}: ${res.body.slice(0, 300)}`);
      assert.ok(chinese(res.body), label);
    }
  });

  it('gives zod\'s own messages in Chinese (a wrong-typed submitKey)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/applications', payload: application({ submitKey: 5, form: ['x'] }) });
    assert.equal(res.statusCode, 400);
    const err = res.json().error as { code: string; message: string; details: { fields: Record<string, string> } };
    assert.equal(err.code, 'invalid_input');
    for (const m of [err.message, ...Object.values(err.details.fields)]) assert.ok(chinese(m), m);
  });

  it('answers a path the router cannot decode, or an over-long one, with the site\'s Chinese answer', async () => {
    const page = await t.app.inject({ url: '/xxgk/%FF', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 400);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(page.body, /网址格式不正确/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'/);
    const api = await t.app.inject({ url: '/api/v1/catalog/%FF' });
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.code, 'bad_url');
    const long = await t.app.inject({ url: '/catalog/domains/' + 'a'.repeat(300), headers: { accept: 'text/html' } });
    assert.equal(long.statusCode, 414);
    assert.match(long.body, /网址过长/);
    const longApi = await t.app.inject({ url: '/api/v1/applications/' + 'a'.repeat(300) });
    assert.equal(longApi.statusCode, 414);
    assert.equal(longApi.json().error.code, 'uri_too_long');
  });

  it('treats prototype names, unknown actions, out-of-range ids and impossible dates as the user\'s error', async () => {
    const editor = new Browser(t.app);
    await editor.login('chengguan');
    const list = await editor.get('/admin/catalogs');
    const versionUrl = /href="(\/admin\/catalogs\/versions\/\d+)"/.exec(list.body)![1]!;
    for (const action of ['toString', 'hasOwnProperty', 'constructor', '__proto__']) {
      const res = await editor.post(`${versionUrl}/transition`, { action, comment: '' }, { from: versionUrl });
      assert.equal(res.statusCode, 400, action);
      assert.match(res.body, /未知的操作/, action);
    }
    for (const notice of ['constructor', 'toString']) {
      const page = await editor.get(`${versionUrl}?notice=${notice}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /native code|function /, notice);
    }
    for (const action of ['constructor', 'toString', '__proto__', 'nope']) {
      const res = await editor.post(`/admin/foi/170/${action}`, {}, { from: '/admin/foi' });
      assert.equal(res.statusCode, 404, action);
    }
    for (const domain of ['99999', '999999999999', '-1', 'x']) {
      assert.equal((await editor.get(`/admin/catalogs/new?domain=${domain}`)).statusCode, 404, domain);
      const compiled = await editor.post(`/admin/catalogs/new?domain=${domain}`, { subject: '城关镇人民政府' }, { from: '/admin/catalogs' });
      assert.equal(compiled.statusCode, 404, domain);
    }

    const [doc] = await t.database.db.select({ id: infoDocuments.id, editionId: infoEditions.id }).from(infoDocuments)
      .innerJoin(infoEditions, eq(infoEditions.documentId, infoDocuments.id))
      .where(and(eq(infoDocuments.agencyId, town), eq(infoEditions.state, 'published'))).limit(1);
    assert.ok(doc, 'a published document of 城关镇');
    const from = `/admin/info/editions/${doc.editionId}`;
    const badDate = await editor.post(`/admin/info/documents/${doc.id}/validity`, { validity: 'abolished', date: '2026-99-99', replacedById: '' }, { from });
    assert.equal(badDate.statusCode, 400);
    assert.match(badDate.body, /有效的失效（废止、修订）日期/);
    for (const replacedById of ['999999999999', '2147483648', '0', '-5']) {
      const res = await editor.post(`/admin/info/documents/${doc.id}/validity`, { validity: 'amended', date: '2026-03-01', replacedById }, { from });
      assert.equal(res.statusCode, 400, replacedById);
      assert.match(res.body, /替代文件须是另一份已发布的文件/, replacedById);
    }
  });
});
