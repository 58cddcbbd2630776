import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Browser, type TestApp } from '../test/app.js';

describe('public response cache', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.close());

  it('serves a repeated anonymous page from memory, separately for 简体 and 繁體', async () => {
    const first = await t.app.inject({ url: '/catalog/domains/social-assistance' });
    const second = await t.app.inject({ url: '/catalog/domains/social-assistance' });
    assert.equal(first.headers['x-cache'], undefined);
    assert.equal(second.headers['x-cache'], 'hit');
    assert.equal(second.body, first.body);
    assert.match(String(second.headers['content-security-policy']), /script-src 'self'/, 'security headers stay on cached responses');
    const hant = await t.app.inject({ url: '/catalog/domains/social-assistance', cookies: { gk_script: 'hant' } });
    assert.match(hant.body, /社會救助/);
  });

  it('lets concurrent readers of an uncached page share one render', async () => {
    const url = '/catalog/domains/compulsory-education?level=county';
    const responses = await Promise.all(Array.from({ length: 12 }, () => t.app.inject({ url })));
    assert.ok(responses.every((r) => r.statusCode === 200 && r.body === responses[0]!.body));
    assert.equal(responses.filter((r) => r.headers['x-cache'] !== 'hit').length, 1);
  });

  it('never serves cached pages to signed-in staff, nor caches pages that set cookies', async () => {
    const b = new Browser(t.app);
    await b.login('hexi');
    await b.get('/');
    const again = await b.get('/');
    assert.equal(again.headers['x-cache'], undefined);
    assert.match(again.body, /河西乡 冯干事/);
    await t.app.inject({ url: '/login' });
    assert.equal((await t.app.inject({ url: '/login' })).headers['x-cache'], undefined, 'the login form sets a CSRF cookie');
  });

  it('shows a newly published catalog at once on the instance that published it', async () => {
    const before = (await t.app.inject({ url: '/catalog/domains/social-assistance' })).body;
    assert.doesNotMatch(before, /<h2>城关镇<\/h2>/);
    const editor = new Browser(t.app);
    await editor.login('chengguan');
    const form = await editor.get('/admin/catalogs/new?domain=20');
    const adopt = [...form.body.matchAll(/name="adopt" value="(\d+)"/g)].map((m) => m[1]!);
    const compiled = await editor.post('/admin/catalogs/new?domain=20', { subject: '城关镇人民政府', adopt });
    const versionUrl = String(compiled.headers.location).split('?')[0]!;
    await editor.post(`${versionUrl}/transition`, { action: 'submit' }, { from: versionUrl });
    const supervisor = new Browser(t.app);
    await supervisor.login('minzheng');
    await supervisor.post(`${versionUrl}/transition`, { action: 'approve', comment: '' }, { from: versionUrl });
    const office = new Browser(t.app);
    await office.login('office');
    const published = await office.post(`${versionUrl}/transition`, { action: 'publish' }, { from: versionUrl });
    assert.equal(published.statusCode, 303);
    const after = await t.app.inject({ url: '/catalog/domains/social-assistance' });
    assert.equal(after.headers['x-cache'], undefined);
    assert.match(after.body, /<h2>城关镇<\/h2>/);
  });
});
