import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { createTestApp, Browser, type TestApp } from '../test/app.js';
import { ROLES, type Role } from '../core/auth/schema.js';
import type { AppDeps, RouteRegistrar } from '../core/module.js';
import { NAV_GROUPS, PUBLIC_SECTIONS } from '../core/module.js';
import { seedUser } from './account/service.js';
import { listDomains } from './catalog/queries.js';
import { listAgencies } from './org/service.js';
import { MODULES } from './index.js';
import { SEARCH_KINDS } from '../core/search/schema.js';

// Every manifest, checked against the app it builds: routes once each, navigation that leads to
// pages its roles can open, unique search kinds, jobs and API operation ids.

/** The routes one registrar adds, read off a bare Fastify instance (handlers never run). */
async function routesOf(register: RouteRegistrar, deps: AppDeps): Promise<string[]> {
  const app = Fastify();
  const seen: string[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') seen.push(`${m} ${r.url}`);
  });
  await register(app, deps, MODULES);
  await app.close();
  return seen;
}

describe('module manifests', () => {
  let t: TestApp;
  const passwordFor = 'Manifest@Test2026';
  const users = new Map<Role, string>();

  before(async () => {
    t = await createTestApp();
    const agencies = await listAgencies(t.database.db);
    const id = (name: string) => agencies.find((a) => a.name === name)!.id;
    const socialAssistance = (await listDomains(t.database.db)).find((d) => d.name === '社会救助')!.id;
    // One account per role, each holding that role alone, where a real holder of it would sit.
    const home: Record<Role, number> = { editor: id('城关镇'), reviewer: id('城关镇'), office: id('县人民政府办公室'), admin: id('县人民政府办公室'), supervisor: id('县民政局') };
    for (const role of ROLES) {
      const username = `only-${role}`;
      await seedUser(t.database.db, { username, displayName: `仅${role}`, agencyId: home[role], password: passwordFor, roles: [{ role, domainId: role === 'supervisor' ? socialAssistance : null }], mustChangePassword: false });
      users.set(role, username);
    }
  });

  after(async () => t?.close());

  it('gives every module a unique name and a Chinese label', () => {
    const names = MODULES.map((m) => m.name);
    assert.equal(new Set(names).size, names.length, `duplicate module names: ${names.join(', ')}`);
    for (const m of MODULES) assert.match(m.label, /\p{Script=Han}/u, `${m.name} has a Chinese label`);
  });

  it('registers each route exactly once, and every route a manifest declares is served by the app', async () => {
    const owner = new Map<string, string>();
    const deps = { config: t.config, db: t.database.db };
    for (const m of MODULES) {
      for (const [kind, register] of Object.entries(m.routes ?? {})) {
        if (!register) continue;
        const routes = await routesOf(register, deps);
        assert.ok(routes.length > 0, `${m.name}.routes.${kind} registers at least one route`);
        for (const r of routes) {
          assert.equal(owner.get(r), undefined, `${r} is registered by ${owner.get(r)} and again by ${m.name}.${kind}`);
          owner.set(r, `${m.name}.${kind}`);
          const [method, url] = r.split(' ') as [string, string];
          assert.ok(t.app.hasRoute({ method: method as 'GET', url }), `${r} (${m.name}) is served by the composed app`);
        }
      }
    }
    assert.ok(owner.size > 80, `all routes were seen (${owner.size})`);
  });

  it('puts every staff navigation entry in a known group and leads it to a page each of its roles can open', async () => {
    const groups = new Set<string>(NAV_GROUPS.map((g) => g.id));
    const entries = MODULES.flatMap((m) => (m.nav ?? []).map((e) => ({ ...e, module: m.name })));
    assert.ok(entries.length >= 15, 'the staff navigation comes from the manifests');
    const hrefs = entries.map((e) => e.href);
    assert.equal(new Set(hrefs).size, hrefs.length, 'no page is in the navigation twice');
    const browsers = new Map<Role, Browser>();
    for (const role of ROLES) {
      const b = new Browser(t.app);
      await b.login(users.get(role)!, passwordFor);
      browsers.set(role, b);
    }
    const refused: string[] = [];
    for (const e of entries) {
      assert.ok(groups.has(e.group), `${e.href} is in group ${e.group}`);
      assert.ok(t.app.hasRoute({ method: 'GET', url: e.href.split('?')[0]! }), `${e.href} (${e.module}) is a route`);
      for (const role of e.roles === 'any' ? ROLES : e.roles) {
        const res = await browsers.get(role)!.get(e.href);
        if (res.statusCode !== 200) refused.push(`${e.label} ${e.href} → ${res.statusCode} for ${role}`);
      }
    }
    assert.deepEqual(refused, [], 'every entry opens for every role it is shown to');
  });

  it('shows each role only the entries it can open, grouped in the fixed order, on every staff page', async () => {
    const order = NAV_GROUPS.map((g) => g.label);
    for (const role of ROLES) {
      const b = new Browser(t.app);
      await b.login(users.get(role)!, passwordFor);
      const page = (await b.get('/admin')).body;
      const nav = /<nav aria-label="后台导航"[^>]*>([\s\S]*?)<\/nav>/.exec(page)![1]!;
      const shown = [...nav.matchAll(/class="nav-group-link">([^<]+)</g)].map((m) => m[1]!);
      assert.deepEqual(shown, order.filter((l) => shown.includes(l)), `${role}: groups in the fixed order`);
      const links = [...nav.matchAll(/<ul class="nav-sub">([\s\S]*?)<\/ul>/g)].flatMap((m) => [...m[1]!.matchAll(/href="([^"]+)"/g)].map((x) => x[1]!));
      const allowed = MODULES.flatMap((m) => m.nav ?? []).filter((e) => e.roles === 'any' || e.roles.includes(role)).map((e) => e.href);
      assert.deepEqual([...links].sort(), [...allowed].sort(), `${role} sees exactly the entries of its role`);
      // A group with no entry for the role is not shown at all.
      for (const g of NAV_GROUPS) {
        const has = MODULES.flatMap((m) => m.nav ?? []).some((e) => e.group === g.id && (e.roles === 'any' || e.roles.includes(role)));
        assert.equal(shown.includes(g.label), has, `${role}: group ${g.label} ${has ? 'shown' : 'hidden'}`);
      }
    }
  });

  it('leads every public navigation entry to a public page, in the declared order, sections gathering their columns', async () => {
    const entries = MODULES.flatMap((m) => m.publicNav ?? []).sort((a, b) => a.order - b.order);
    assert.deepEqual(entries.map((e) => e.label), ['首页', '政府信息公开', '基层政务公开', '依申请公开', '办事指南', '意见征集', '听证座谈', '问卷调查', '机构概况', '留言咨询', '在线访谈', '政府开放日', '建议提案办理', '回应关切', '好差评']);
    for (const e of entries) assert.equal((await t.app.inject({ method: 'GET', url: e.href })).statusCode, 200, e.href);
    const home = (await t.app.inject({ method: 'GET', url: '/' })).body;
    const nav = /<nav aria-label="主导航"[^>]*>([\s\S]*?)<\/nav>/.exec(home)![1]!;
    const top = [...nav.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => m[2]);
    assert.deepEqual(top, ['首页', '政府信息公开', '基层政务公开', '依申请公开', '办事指南', '公众参与', '机构概况', '互动交流'], 'the section stands for its columns in the top row');
    for (const section of PUBLIC_SECTIONS) {
      const mine = entries.filter((e) => e.section === section.id);
      if (!mine.length) continue;
      const page = await t.app.inject({ method: 'GET', url: section.href });
      assert.equal(page.statusCode, 200, section.href);
      const listed = [...(/<ul class="cards">([\s\S]*?)<\/ul>/.exec(page.body)?.[1] ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual(listed, mine.map((e) => e.href), `${section.label} lists its columns in order`);
      // A column's own page counts as the section in the top row.
      const inner = (await t.app.inject({ method: 'GET', url: mine[0]!.href })).body;
      assert.match(/<nav aria-label="主导航"[\s\S]*?<\/nav>/.exec(inner)![0], new RegExp(`<a href="${section.href}" aria-current="page">${section.label}</a>`));
    }
  });

  it('declares unique search kinds, job names and API operation ids, each operation with its security', async () => {
    const kinds = MODULES.flatMap((m) => m.search ?? []).map((s) => s.kind);
    assert.deepEqual([...kinds].sort(), [...SEARCH_KINDS].sort(), 'one search source per kind of entry the index knows');
    const jobs = MODULES.flatMap((m) => m.jobs ?? []).map((j) => j.name);
    assert.equal(new Set(jobs).size, jobs.length);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>> };
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ where: `${method} ${path}`, ...op })));
    assert.ok(ops.length >= 10, `operations documented: ${ops.length}`);
    const ids = ops.map((o) => o.operationId);
    for (const o of ops) {
      assert.match(o.operationId ?? '', /^[a-z][A-Za-z]+$/, `${o.where} has a camelCase operationId`);
      assert.ok(Array.isArray(o.security), `${o.where} declares its security`);
    }
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
  });
});
