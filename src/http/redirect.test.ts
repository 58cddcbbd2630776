import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Browser, type TestApp } from '../test/app.js';
import { DEMO_PASSWORD } from '../seed/demo.js';
import { safeBack } from '../web/form.js';

/** Where a browser goes for a Location header on this site (what Chromium does with tab and backslash included). */
const landsOn = (location: string) => new URL(location.replace(/[\t\n\r]/g, ''), 'https://gongkai.example/');

describe('no open redirect', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.close());

  const HOSTILE = ['%2F%09%2Fevil.example', '%2F%0A%2Fevil.example', '%2F%0D%2Fevil.example', '//evil.example', '%2F%5Cevil.example', '/%5C%5Cevil.example', '/%2F/evil.example', '/%2F%2Fevil.example', 'https://evil.example/', 'javascript:alert(1)', '%20/evil'];

  it('accepts only same-site paths, judged after decoding', () => {
    for (const v of ['/', '/xxgk?page=2', '/catalog/domains/social-assistance#x', '/search?q=%E4%B8%AD']) assert.equal(safeBack(v), v, v);
    for (const v of ['//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', '/%2F/evil.example', '/%5Cevil.example', 'https://evil.example', 'evil', '/%E4%B8', '/' + 'a'.repeat(600)]) {
      assert.equal(safeBack(v, '/home'), '/home', JSON.stringify(v));
    }
    assert.equal(safeBack('/中文 路径'), '/%E4%B8%AD%E6%96%87%20%E8%B7%AF%E5%BE%84');
    assert.equal(safeBack('/\ud800'), '/', 'a lone surrogate cannot be encoded');
  });

  it('sends /prefs back home for anything but a local path, and encodes a Chinese one', async () => {
    for (const back of HOSTILE) {
      const res = await t.app.inject({ url: `/prefs?script=hant&back=${back}` });
      assert.equal(res.statusCode, 303, back);
      assert.equal(res.headers.location, '/', back);
      assert.equal(landsOn(String(res.headers.location)).host, 'gongkai.example', back);
    }
    const chinese = await t.app.inject({ url: '/prefs?font=large&back=/%E4%B8%AD%E6%96%87' });
    assert.equal(chinese.statusCode, 303);
    assert.equal(chinese.headers.location, '/%E4%B8%AD%E6%96%87');
    const raw = await t.app.inject({ url: '/prefs?font=large&back=/中文?q=公开' });
    assert.equal(raw.statusCode, 303);
    assert.equal(decodeURIComponent(String(raw.headers.location)), '/中文?q=公开');
  });

  it('never sends a signed-in person to another site after login, nor fails on a newline', async () => {
    for (const next of ['/\t/evil.example', '/\n/evil.example', '/\\evil.example', '/%2F/evil.example', '/admin\n/x']) {
      const b = new Browser(t.app);
      const form = await b.get(`/login?next=${encodeURIComponent(next)}`);
      assert.equal(form.statusCode, 200, next);
      assert.match(form.body, /name="next" value="\/admin"/, `${JSON.stringify(next)}: the form carries the safe target`);
      const res = await b.post('/login', { username: 'office', password: DEMO_PASSWORD, next }, { from: '/login' });
      assert.equal(res.statusCode, 303, next);
      assert.equal(res.headers.location, '/admin', next);
    }
    const b = new Browser(t.app);
    const res = await b.post('/login', { username: 'office', password: DEMO_PASSWORD, next: '/admin/info?q=中文' }, { from: '/login' });
    assert.equal(res.headers.location, '/admin/info?q=%E4%B8%AD%E6%96%87');
  });
});
