import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { users } from '../../core/auth/schema.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { buildApp } from '../../http/server.js';
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

  it('locks an account after five wrong passwords, even against the right one, and audits it', async () => {
    const b = new Browser(t.app);
    for (let i = 0; i < 5; i++) {
      const res = await b.post('/login', { username: 'dongjie', password: 'wrong-password', next: '/admin' }, { from: '/login' });
      assert.ok(res.statusCode === 401 || res.statusCode === 423);
      assert.doesNotMatch(res.body, /wrong-password/, 'the typed password is never echoed');
    }
    const res = await b.post('/login', { username: 'dongjie', password: DEMO_PASSWORD, next: '/admin' }, { from: '/login' });
    assert.equal(res.statusCode, 423);
    assert.match(res.body, /锁定/);
    const [u] = await t.database.db.select().from(users).where(eq(users.username, 'dongjie'));
    assert.ok(u!.lockedUntil && u!.lockedUntil > new Date());
    const locked = await t.database.db.execute(sql`select count(*)::int as n from audit_events where action = 'account.locked'`);
    assert.equal((locked as unknown as { rows: { n: number }[] }).rows[0]!.n, 1);
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
});
