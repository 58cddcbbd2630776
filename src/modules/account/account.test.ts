import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { users } from '../../core/auth/schema.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { buildApp } from '../../http/server.js';
import { dummyHash, hashPassword } from '../../core/auth/password.js';
import { listDomains } from '../catalog/queries.js';
import { loadConfig } from '../../config.js';

describe('staff accounts over HTTP', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.close());

  it('signs in with the right password and reaches the back office', async () => {
    const b = new Browser(t.app);
    const res = await b.login('chengguan');
    assert.equal(res.headers.location, '/admin');
    const page = await b.get('/admin');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /城关镇 孙干事/);
  });

  it('sends anonymous visitors of staff pages to the login page', async () => {
    const res = await new Browser(t.app).get('/admin/catalogs');
    assert.equal(res.statusCode, 302);
    assert.match(String(res.headers.location), /^\/login\?next=%2Fadmin%2Fcatalogs/);
  });

  it('refuses a form posted without its CSRF token, even with a valid session', async () => {
    const b = new Browser(t.app);
    await b.login('hexi');
    const res = await b.post('/logout', {}, { csrf: null });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /页面已过期/);
    const forged = await b.post('/logout', {}, { csrf: 'forged-token' });
    assert.equal(forged.statusCode, 403);
    assert.equal((await b.get('/admin')).statusCode, 200, 'still signed in');
  });

  const wrong = (b: Browser, username: string) => b.post('/login', { username, password: 'wrong-password', next: '/admin' }, { from: '/login' });
  const message = (body: string) => /<div class="error-box"[\s\S]*?<\/div>/.exec(body)?.[0].replace(/\d+/g, 'N');

  it('answers an unknown account and a real one held back by wrong passwords the same way, without locking it', async () => {
    const real = new Browser(t.app, '10.1.0.1');
    const unknown = new Browser(t.app, '10.1.0.2');
    const realCodes: number[] = [];
    const unknownCodes: number[] = [];
    const bodies: [string | undefined, string | undefined][] = [];
    for (let i = 0; i < 6; i++) {
      const a = await wrong(real, 'hexi');
      const b = await wrong(unknown, 'no-such-clerk');
      realCodes.push(a.statusCode);
      unknownCodes.push(b.statusCode);
      bodies.push([message(a.body), message(b.body)]);
      assert.doesNotMatch(a.body, /wrong-password/, 'the typed password is never echoed');
      if (a.statusCode === 429) assert.match(String(a.headers['retry-after']), /^\d+$/);
      if (b.statusCode === 429) assert.match(String(b.headers['retry-after']), /^\d+$/);
    }
    assert.deepEqual(realCodes, [401, 401, 401, 401, 429, 429], 'the fifth wrong password makes the next attempt wait');
    assert.deepEqual(unknownCodes, realCodes, 'an unknown account is answered exactly like a real one');
    for (const [a, b] of bodies) assert.equal(a, b);
    assert.match(bodies[5]![0]!, /登录尝试过于频繁，请 N 秒后再试/);
    assert.doesNotMatch(bodies.map((x) => x[0]).join(''), /锁定/);
  });

  it('verifies unknown accounts against a dummy hash made with the same argon2 parameters as real ones', async () => {
    const params = (h: string) => h.split('$').slice(1, 4).join('$');
    assert.equal(params(await dummyHash()), params(await hashPassword('any-password-at-all')));
    assert.match(params(await dummyHash()), /^argon2id\$v=19\$m=19456,t=2,p=1$/);
  });

  it('never refuses the right password from the usual address while strangers are held back, and tells the holder and the administrator', async () => {
    const usual = new Browser(t.app, '10.2.0.1');
    assert.equal((await usual.login('dongjie')).statusCode, 303);
    await usual.post('/logout', {}, { from: '/admin' });
    // Wrong passwords from three other addresses, four each: the account as a whole is held back.
    const codes: number[] = [];
    for (const address of ['10.2.1.1', '10.2.1.2', '10.2.1.3']) {
      const attacker = new Browser(t.app, address);
      for (let i = 0; i < 4; i++) codes.push((await wrong(attacker, 'dongjie')).statusCode);
    }
    assert.deepEqual(codes.slice(-3), [429, 429, 429]);
    const stranger = await new Browser(t.app, '10.2.1.4').post('/login', { username: 'dongjie', password: DEMO_PASSWORD, next: '/admin' }, { from: '/login' });
    assert.equal(stranger.statusCode, 429, 'a new address waits, even with the right password');
    const again = await usual.post('/login', { username: 'dongjie', password: DEMO_PASSWORD, next: '/admin' }, { from: '/login' });
    assert.equal(again.statusCode, 303, 'the usual address gets in at once');

    const home = await usual.get('/admin');
    assert.match(home.body, /您的账号有多次密码错误的登录尝试/);
    const security = await usual.get('/admin/security');
    assert.match(security.body, /10\.2\.1\.\d/);
    assert.match(security.body, /10\.2\.0\.1/, 'the usual address is listed');
    assert.equal((await usual.post('/admin/security/seen', {}, { from: '/admin/security' })).statusCode, 303);
    assert.doesNotMatch((await usual.get('/admin')).body, /您的账号有多次密码错误的登录尝试/);

    const admin = new Browser(t.app);
    await admin.login('admin');
    assert.match((await admin.get('/admin')).body, /账号“东街街道 何干事”（dongjie）有多次密码错误的登录尝试/);
    const users = await admin.get('/admin/users');
    const action = /（dongjie）<\/td>(?:(?!<\/tr>)[\s\S])*?action="(\/admin\/users\/alerts\/\d+\/handled)"/.exec(users.body)?.[1];
    assert.ok(action, 'the alert is on the accounts page');
    assert.equal((await admin.post(action, {}, { from: '/admin/users' })).statusCode, 303);
    assert.doesNotMatch((await admin.get('/admin')).body, /（dongjie）有多次密码错误/);
    const audited = await t.database.db.execute(sql`select action from audit_events where action in ('account.sign_in_alert', 'account.sign_in_alert_handled') and target_id = (select id::text from users where username = 'dongjie') order by seq`);
    assert.deepEqual((audited as unknown as { rows: { action: string }[] }).rows.map((r) => r.action), ['account.sign_in_alert', 'account.sign_in_alert_handled']);
    const log = await admin.get('/admin/audit');
    assert.match(log.body, /多次密码错误，登录受限并提醒/);
  });

  it('binds every CSRF token to its session and renews the secret at sign-in', async () => {
    const b = new Browser(t.app);
    const page = await b.get('/login');
    const before = page.cookies.find((c) => c.name === 'gk_csrf')!.value;
    const tokenBefore = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await b.login('chengguan-sh');
    const cleared = res.cookies.find((c) => c.name === 'gk_csrf');
    assert.ok(cleared && (cleared.value === '' || (cleared.expires && cleared.expires.getTime() < Date.now())), 'the old secret is cleared at sign-in');
    const sid = res.cookies.find((c) => c.name === 'gk_sid')!.value;
    const raw = (cookie: string, token: string) => t.app.inject({ method: 'POST', url: '/logout', payload: `_csrf=${encodeURIComponent(token)}`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });
    // The token and secret from before sign-in, replayed inside the new session, are refused.
    assert.equal((await raw(`gk_sid=${sid}; gk_csrf=${before}`, tokenBefore)).statusCode, 403);
    // A token made for one session does not pass in another, even with the same secret cookie.
    const admin = await b.get('/admin');
    const secret = admin.cookies.find((c) => c.name === 'gk_csrf')!.value;
    assert.notEqual(secret, before, 'a new secret after sign-in');
    const token = /name="_csrf" value="([^"]+)"/.exec(admin.body)![1]!;
    const other = await new Browser(t.app).login('hexi');
    const otherSid = other.cookies.find((c) => c.name === 'gk_sid')!.value;
    assert.equal((await raw(`gk_sid=${otherSid}; gk_csrf=${secret}`, token)).statusCode, 403);
    assert.equal((await raw(`gk_sid=${sid}; gk_csrf=${secret}`, token)).statusCode, 303, 'its own session accepts it');
  });

  it('rate-limits login attempts from one address', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '3' });
    const app = await buildApp({ config, db: t.database.db });
    try {
      const b = new Browser(app);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await b.post('/login', { username: 'nobody', password: 'x', next: '/admin' }, { from: '/login' })).statusCode);
      assert.deepEqual(codes, [401, 401, 401, 429, 429]);
      const last = await b.post('/login', { username: 'nobody', password: 'x', next: '/admin' }, { from: '/login' });
      assert.match(last.body, /操作过于频繁/);
    } finally {
      await app.close();
    }
  });

  it('answers an unknown user and a wrong password with the same message', async () => {
    const b = new Browser(t.app);
    const a = await b.post('/login', { username: 'nobody', password: 'x', next: '/admin' }, { from: '/login' });
    const c = await b.post('/login', { username: 'office', password: 'x', next: '/admin' }, { from: '/login' });
    assert.equal(a.statusCode, 401);
    assert.equal(c.statusCode, 401);
    assert.match(a.body, /用户名或密码不正确/);
    assert.match(c.body, /用户名或密码不正确/);
  });

  it('never redirects to another site after login', async () => {
    const b = new Browser(t.app);
    const res = await b.post('/login', { username: 'office', password: DEMO_PASSWORD, next: '//evil.example/' }, { from: '/login' });
    assert.equal(res.headers.location, '/admin');
  });

  it('outside demo mode forces a seeded account to change its password before anything else', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_MODE: 'false' });
    await t.database.db.update(users).set({ mustChangePassword: true }).where(eq(users.username, 'jiaoyu'));
    const app = await buildApp({ config, db: t.database.db });
    try {
      const b = new Browser(app);
      const res = await b.login('jiaoyu');
      assert.equal(res.headers.location, '/admin/password');
      const blocked = await b.get('/admin/catalogs');
      assert.equal(blocked.statusCode, 302);
      assert.equal(blocked.headers.location, '/admin/password');
      const weak = await b.post('/admin/password', { current: DEMO_PASSWORD, next: 'short' });
      assert.equal(weak.statusCode, 400);
      assert.match(weak.body, /至少需要 10 个字符/);
      const ok = await b.post('/admin/password', { current: DEMO_PASSWORD, next: 'New-Passw0rd-2026' });
      assert.equal(ok.statusCode, 303);
      assert.equal((await b.get('/admin/catalogs')).statusCode, 200);
    } finally {
      await app.close();
    }
  });

  it('lets only administrators create accounts, validating the input', async () => {
    const editor = new Browser(t.app);
    await editor.login('chengguan');
    assert.equal((await editor.get('/admin/users')).statusCode, 403);
    const admin = new Browser(t.app);
    await admin.login('admin');
    const bad = await admin.post('/admin/users', { username: '<script>', displayName: 'x', agencyId: '1', password: 'Abcdefgh-123', roles: 'editor' });
    assert.equal(bad.statusCode, 400);
    assert.doesNotMatch(bad.body, /<script>/);
    const ok = await admin.post('/admin/users', { username: 'newclerk', displayName: '新 干事', agencyId: '1', password: 'Abcdefgh-123', roles: 'editor' });
    assert.equal(ok.statusCode, 303);
    const dup = await admin.post('/admin/users', { username: 'newclerk', displayName: '新 干事', agencyId: '1', password: 'Abcdefgh-123', roles: 'editor' });
    assert.equal(dup.statusCode, 409);
    const [u] = await t.database.db.select().from(users).where(eq(users.username, 'newclerk'));
    assert.equal(u!.mustChangePassword, true);
  });

  it('refuses common and patterned passwords, saying why beside the field, with every field checked at once', async () => {
    const b = new Browser(t.app);
    await b.login('caizheng');
    for (const weak of ['Password123', '1234567890aA', 'Qwerty123456!', 'caizheng-2026!']) {
      const res = await b.post('/admin/password', { current: DEMO_PASSWORD, next: weak });
      assert.equal(res.statusCode, 400, weak);
      assert.match(res.body, /<p class="field-error" id="next-error">密码(太容易被猜中|不能包含用户名)/, weak);
      assert.match(res.body, /id="next"[^>]*aria-describedby="next-hint next-error"/);
    }
    const both = await b.post('/admin/password', { current: 'not-my-password', next: 'Password123' });
    assert.equal(both.statusCode, 400);
    assert.match(both.body, /id="current-error">当前密码不正确/);
    assert.match(both.body, /id="next-error">密码太容易被猜中/);
  });

  it('checks every field of a new account in one pass and keeps what was typed', async () => {
    const admin = new Browser(t.app);
    await admin.login('admin');
    const res = await admin.post('/admin/users', { username: 'a', displayName: '新 科员', agencyId: '1', password: 'Password123' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="nu-username-error">用户名须为/);
    assert.match(res.body, /id="nu-roles-error">请至少选择一个角色/);
    assert.match(res.body, /id="nu-password-error">密码太容易被猜中/);
    assert.match(res.body, /id="nu-name"[^>]*value="新 科员"/);
  });

  it('refuses a supervisor role for a domain that does not exist', async () => {
    const admin = new Browser(t.app);
    await admin.login('admin');
    const form = { username: 'zhidao', displayName: '县卫健委 王科长', agencyId: '1', password: 'Lan-Shui-Qiao-2026', roles: 'supervisor' };
    const missing = await admin.post('/admin/users', { ...form, domains: '99999' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /id="nu-domains-error">所选的指导领域不存在/);
    const none = await admin.post('/admin/users', form);
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /领域指导单位须至少选择一个指导的领域/);
    assert.equal((await t.database.db.select().from(users).where(eq(users.username, 'zhidao'))).length, 0);
    const domain = (await listDomains(t.database.db)).find((d) => d.name === '社会救助')!;
    const ok = await admin.post('/admin/users', { ...form, domains: String(domain.id) });
    assert.equal(ok.statusCode, 303);
    const list = await admin.get('/admin/users');
    assert.match(list.body, /<td>zhidao<\/td><td>县卫健委 王科长<\/td><td>[^<]*<\/td><td>领域指导单位（社会救助）<\/td>/);
    assert.doesNotMatch(list.body, /undefined/);
  });
});
