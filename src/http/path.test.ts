import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../test/app.js';
import { buildApp } from './server.js';
import { loadConfig } from '../config.js';
import { users } from '../core/auth/schema.js';
import { listAgencies } from '../modules/org/service.js';
import { isUnder, routePath } from '../web/path.js';

describe('guards see the path the router sees', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '3' })));
  after(() => t.close());

  it('decodes a path as the router does', () => {
    assert.equal(routePath({ url: '/%61dmin/info/new?x=%61' }), '/admin/info/new');
    assert.equal(routePath({ url: '/%79ishenqing/apply' }), '/yishenqing/apply');
    assert.equal(routePath({ url: '/a%2Fb%25c' }), '/a%2Fb%25c', 'encoded reserved characters stay encoded, as for the router');
    assert.equal(routePath({ url: '/%61pi/%FF' }), '/api/%FF', 'an undecodable path still shows its ASCII prefix');
    assert.ok(isUnder('/admin', '/admin') && isUnder('/admin/x', '/admin') && !isUnder('/administer', '/admin'));
  });

  it('sends an account that must change its password to the form, however /admin is spelled', async () => {
    await t.database.db.update(users).set({ mustChangePassword: true }).where(eq(users.username, 'jiaoyu'));
    const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_MODE: 'false', LOGIN_RATE_LIMIT: '1000' }), db: t.database.db });
    try {
      const b = new Browser(app);
      await b.login('jiaoyu');
      for (const url of ['/%61dmin', '/%61dmin/info/new', '/admin/%69nfo/new', '/%61%64%6d%69%6e/catalogs']) {
        const res = await b.get(url);
        assert.equal(res.statusCode, 302, url);
        assert.equal(res.headers.location, '/admin/password', url);
      }
      const draft = await b.post('/%61dmin/info/new', { title: '绕过改密的草稿', body: 'x' }, { from: '/admin/password' });
      assert.equal(draft.statusCode, 302, 'no draft is created before the password is changed');
      assert.equal(draft.headers.location, '/admin/password');
      const anonymous = await new Browser(app).get('/%61dmin/info/new');
      assert.equal(anonymous.statusCode, 302);
      assert.match(String(anonymous.headers.location), /^\/login\?next=/);
    } finally {
      await app.close();
      await t.database.db.update(users).set({ mustChangePassword: false }).where(eq(users.username, 'jiaoyu'));
    }
  });

  it('never caches a page with this visitor\'s CSRF token and submit key, nor an answer read with a secret', async () => {
    // A visitor who already holds a CSRF cookie gets a token made from it, and no Set-Cookie.
    const first = new Browser(t.app);
    await first.get('/login');
    for (const url of ['/%79ishenqing/apply', '/yishenqing/apply']) {
      const mine = await first.get(url);
      assert.equal(mine.statusCode, 200);
      assert.equal(mine.headers['cache-control'], 'private, no-store', url);
      const token = /name="_csrf" value="([^"]+)"/.exec(mine.body)![1]!;
      const submitKey = /name="submitKey" value="([^"]+)"/.exec(mine.body)![1]!;
      const other = await t.app.inject({ url, headers: { accept: 'text/html' } });
      assert.equal(other.headers['x-cache'], undefined, url);
      assert.ok(!other.body.includes(token) && !other.body.includes(submitKey), `${url}: another visitor never gets this visitor's token or submit key`);
    }

    const town = (await listAgencies(t.database.db)).find((a) => a.name === '城关镇')!.id;
    const submitted = await t.app.inject({
      method: 'POST', url: '/api/v1/applications',
      payload: { agencyId: town, applicantType: 'natural', name: '李四', idType: '居民身份证', idNumber: '11010519491231002X', phone: '13900139000', content: '城关镇2025年农村危房改造补助名单', form: 'electronic', delivery: 'online' },
    });
    const { code, secret } = submitted.json() as { code: string; secret: string };
    for (const url of [`/%61pi/v1/applications/${code}?secret=${secret}`, `/api/v1/applications/${code}?secret=${secret}`]) {
      const own = await t.app.inject({ url });
      assert.equal(own.statusCode, 200);
      assert.equal(own.headers['cache-control'], 'private, no-store', url);
      const again = await t.app.inject({ url });
      assert.equal(again.headers['x-cache'], undefined, url);
    }
    const withoutSecret = await t.app.inject({ url: `/%61pi/v1/applications/${code}` });
    assert.equal(withoutSecret.statusCode, 404);
    // A secret in the query of any other path is this holder's too.
    await t.app.inject({ url: '/catalog?secret=abc' });
    const shared = await t.app.inject({ url: '/catalog?secret=abc' });
    assert.equal(shared.headers['x-cache'], undefined);
    assert.equal(shared.headers['cache-control'], 'private, no-store');
  });

  it('still caches the public pages that are the same for everyone', async () => {
    await t.app.inject({ url: '/%63atalog' });
    const hit = await t.app.inject({ url: '/catalog' });
    assert.equal(hit.headers['x-cache'], 'hit', 'one page, one entry, however it is spelled');
    assert.notEqual(hit.headers['cache-control'], 'private, no-store');
  });

  it('counts an encoded path against the same rate limit as the plain one', async () => {
    const results: number[] = [];
    for (const url of ['/api/v1/applications', '/%61pi/v1/applications', '/api/v1/%61pplications', '/%61pi/v1/applications']) {
      results.push((await t.app.inject({ method: 'POST', url, payload: {}, remoteAddress: '10.9.9.9' })).statusCode);
    }
    assert.deepEqual(results, [400, 400, 400, 429], 'three a minute, however the path is spelled');
  });

  it('answers an error under an encoded /api/ path as JSON', async () => {
    const api = await t.app.inject({ url: '/%61pi/v1/nope', headers: { accept: 'text/html' } });
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error.code, 'not_found');
  });
});
