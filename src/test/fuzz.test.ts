import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { raw } from '../core/render/jsx.js';
import type { ModuleManifest } from '../core/module.js';
import { MODULES } from '../modules/index.js';
import { Browser } from './app.js';
import { createLoggedApp, type LoggedApp } from './fuzz-app.js';
import { formatFindings, formsOf, routeTable, runFuzz } from './fuzz.js';

/** A module with one flaw of each kind the fuzzer looks for, to show that it finds them. */
const flawed: ModuleManifest = {
  name: 'flawed', label: '测试缺陷',
  routes: {
    public: (app: FastifyInstance) => {
      app.get('/flawed', async (_req, reply) => reply.page((ctx) => raw(
        `<form method="get" action="/flawed/echo"><input name="q"></form>` +
        `<form method="post" action="/flawed/note"><input type="hidden" name="_csrf" value="${ctx.csrf()}"><textarea name="note"></textarea></form>` +
        `<a href="/flawed/items/5">5</a>`,
      )));
      // Reflects the query unescaped.
      app.get('/flawed/echo', async (req, reply) => reply.type('text/html; charset=utf-8').send(`<p>${String((req.query as { q?: unknown }).q ?? '')}</p>`));
      // Fails on anything but digits.
      app.get('/flawed/items/:id', async (req) => {
        const id = (req.params as { id: string }).id;
        if (!/^\d+$/.test(id)) throw new Error('not a number');
        return { id };
      });
      // Logs what was typed.
      app.post('/flawed/note', async (req) => {
        req.log.info({ note: (req.body as { note?: unknown }).note }, 'note received');
        return { ok: true };
      });
    },
  },
};

describe('npm run fuzz', () => {
  let t: LoggedApp;
  before(async () => {
    t = await createLoggedApp({}, { modules: [...MODULES, flawed] });
  });
  after(async () => t?.close());

  it('reads the route table and the fields of a page’s forms', () => {
    const routes = routeTable(t.app.printRoutes({ commonPrefix: false }));
    for (const r of ['GET /yishenqing/apply', 'POST /yishenqing/apply', 'POST /api/v1/applications', 'GET /admin/foi/:id', 'POST /admin/foi/:id/:action', 'GET /catalog/catalogs/:id/export.:format', 'GET /static/*']) {
      assert.ok(routes.some((x) => `${x.method} ${x.url}` === r), `${r} is in the route table`);
    }
    const [form] = formsOf('<form method="post" action="/a?x=1" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="t"><input name="n" value="a &amp; b">'
      + '<select name="s"><option value="">请选择</option><option value="2">二</option></select><textarea name="body">x</textarea><input type="file" name="f"><button name="action" value="submit">提交</button></form>', '/p');
    assert.deepEqual({ ...form!, fields: Object.fromEntries(form!.fields), types: undefined, buttons: Object.fromEntries(form!.buttons) },
      { method: 'post', action: '/a?x=1', multipart: true, fields: { _csrf: ['t'], n: ['a & b'], s: ['2'], body: ['x'] }, types: undefined, buttons: { action: ['submit'] }, files: ['f'] });
  });

  it('finds a 5xx, markup reflected unescaped and a submitted value in the log', async () => {
    const r = await runFuzz(t, { budget: 400, seed: 1, roles: [], only: /^\/flawed/ });
    const kinds = (k: string) => r.findings.filter((f) => f.kind === k);
    assert.ok(kinds('5xx').some((f) => f.url.startsWith('/flawed/items/') && f.field === 'path :id' && f.status === 500), formatFindings(r.findings));
    assert.ok(kinds('reflected markup').some((f) => f.url.startsWith('/flawed/echo') && f.field === 'query q'), formatFindings(r.findings));
    assert.ok(kinds('value in log').some((f) => f.url === '/flawed/note'), formatFindings(r.findings));
    assert.deepEqual(r.findings.filter((f) => !f.url.startsWith('/flawed')), [], 'nothing else is blamed');
  });

  it('a short pass over the real routes, as a visitor and as 城关镇’s clerk, finds nothing', async () => {
    const r = await runFuzz(t, { budget: 250, seed: 7, roles: ['chengguan'], only: /^(?!\/flawed)/ });
    assert.deepEqual(formatFindings(r.findings), '');
    assert.equal(r.requests, 250);
  });

  it('a staff registration sent twice is refused, not a 500 (found by the fuzzer)', async () => {
    const clerk = new Browser(t.app);
    await clerk.login('chengguan');
    const page = await clerk.get('/admin/foi/register');
    const form = formsOf(page.body, '/admin/foi/register').find((f) => f.method === 'post' && f.action === '/admin/foi/register')!;
    const values = Object.fromEntries([...form.fields].filter(([k]) => k !== '_csrf').map(([k, v]) => [k, v[0] ?? '']));
    Object.assign(values, { name: '赵六', idNumber: '11010519491231002X', phone: '13900139000', content: '城关镇2025年道路维修计划', channel: 'letter' });
    assert.equal((await clerk.post('/admin/foi/register', values)).statusCode, 200);
    const again = await clerk.post('/admin/foi/register', values);
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /已经登记过了/);
  });
});
