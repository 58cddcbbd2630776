import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import { addDays, todayInShanghai } from '../../core/calendar/dates.js';
import { negEntries } from './schema.js';

const SCRIPT = '<script>alert(1)</script>';
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const noRawScript = (html: string, where: string) => assert.ok(!/<script>alert/i.test(html), `raw script on ${where}`);
const TIAOLI = '《中华人民共和国政府信息公开条例》';

describe('negative list over HTTP: staff pages, publishing, the public table, hostile input', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  let office: Browser;
  let editor: Browser;
  let other: Browser;
  const today = todayInShanghai();
  const good = () => ({
    agencyId: String(actors.get('minzheng')!.agencyId), category: 'art15', matter: '临时救助对象的家庭财产信息', lawName: TIAOLI, lawVersion: '2019-04-03',
    article: '第十五条', force: 'mandatory', releaseCondition: '第三方同意公开的', reviewMonths: '12', lastReviewedOn: addDays(today, -10),
  });
  const idFrom = (loc: unknown) => Number(/\/admin\/negative\/(\d+)/.exec(String(loc))![1]);

  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0' }, {});
    actors = await demoActors(t.database.db, ['office', 'minzheng', 'jiaoyu']);
    office = new Browser(t.app); await office.login('office');
    editor = new Browser(t.app); await editor.login('minzheng');
    other = new Browser(t.app); await other.login('jiaoyu');
  });
  after(async () => t?.close());

  it('the editor drafts, the office publishes; the public table shows it; a 2007 citation is warned about and refused', async () => {
    const created = await editor.post('/admin/negative/new', good());
    assert.equal(created.statusCode, 303);
    const id = idFrom(created.headers.location);
    const page = (await editor.get(`/admin/negative/${id}`)).body;
    assert.match(page, /草稿/);
    assert.ok(!page.includes(`action="/admin/negative/${id}/publish"`), 'an editor without the reviewer role is not offered publishing');
    assert.equal((await other.get(`/admin/negative/${id}`)).statusCode, 404, 'another agency cannot read it');
    assert.equal((await editor.post(`/admin/negative/${id}/publish`, {}, { from: `/admin/negative/${id}` })).statusCode, 403);
    const pub = await office.post(`/admin/negative/${id}/publish`, {}, { from: `/admin/negative/${id}` });
    assert.equal(pub.statusCode, 303);
    const pubPage = (await new Browser(t.app).get('/fumian')).body;
    assert.match(pubPage, /临时救助对象的家庭财产信息/);
    assert.match(pubPage, /政务公开负面清单/);
    assert.match((await new Browser(t.app).get('/zfxxgk')).body, /href="\/fumian"/);

    // The demo's 2007 citation: the warning on its page, and publishing refused beside the confirm box.
    const list = (await office.get('/admin/negative?flagged=1')).body;
    assert.match(list, /疑似 2007 年版编号/);
    const flaggedId = Number(/href="\/admin\/negative\/(\d+)"/.exec(list)![1]);
    const fp = (await office.get(`/admin/negative/${flaggedId}`)).body;
    assert.match(fp, /依据疑似使用 2007 年版《政府信息公开条例》的条款编号/);
    const refused = await office.post(`/admin/negative/${flaggedId}/publish`, {}, { from: `/admin/negative/${flaggedId}` });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /id="p-confirm-error"/);
    assert.ok(!(await new Browser(t.app).get('/fumian')).body.includes('殡葬、婚姻登记档案'), 'not on the public page');

    // Withdraw, review and edit from the pages.
    assert.equal((await office.post(`/admin/negative/${id}/review`, { on: today, note: '仍需不予公开' }, { from: `/admin/negative/${id}` })).statusCode, 303);
    assert.equal((await office.post(`/admin/negative/${id}/withdraw`, { reason: '经评估可以公开' }, { from: `/admin/negative/${id}` })).statusCode, 303);
    assert.ok(!(await new Browser(t.app).get('/fumian')).body.includes('临时救助对象的家庭财产信息'));
    const edit = await editor.post(`/admin/negative/${id}/edit`, { ...good(), matter: '临时救助对象的家庭收入信息' });
    assert.equal(edit.statusCode, 303);
    const [row] = await t.database.db.select().from(negEntries).where(eq(negEntries.id, id));
    assert.equal(row!.version, 2);
    assert.equal(row!.state, 'draft');
  });

  it('hostile input on every form: oversize, script tags, SQL fragments, invalid UTF-8, invalid dates, wrong types, double submit — no 5xx, no raw script, nothing lost', async () => {
    const count = async () => (await t.database.db.select().from(negEntries)).length;
    // New entry: errors beside the fields, what was typed kept.
    const bad = await editor.post('/admin/negative/new', { ...good(), matter: 'x'.repeat(300_000), lawVersion: '2026-02-30', lastReviewedOn: '31/12/2025', reviewMonths: '1e3', category: ['art14', 'art99'], force: SCRIPT });
    assert.ok(bad.statusCode >= 400 && bad.statusCode < 500, String(bad.statusCode));
    noRawScript(bad.body, 'new (refused)');
    const dates = await editor.post('/admin/negative/new', { ...good(), lawVersion: '2026-02-30', lastReviewedOn: '2999-01-01', reviewMonths: 'abc' });
    assert.equal(dates.statusCode, 400);
    for (const id of ['n-version-error', 'n-last-error', 'n-cycle-error']) assert.ok(dates.body.includes(`id="${id}"`), id);
    assert.match(dates.body, /临时救助对象的家庭财产信息/, 'the typed matter is kept');

    const before = await count();
    const s = await editor.post('/admin/negative/new', { ...good(), matter: `${SCRIPT}'; DROP TABLE neg_entries; --`, releaseCondition: SCRIPT });
    assert.equal(s.statusCode, 303);
    const sid = idFrom(s.headers.location);
    assert.equal(await count(), before + 1);
    for (const b of [editor, office]) {
      noRawScript((await b.get(`/admin/negative/${sid}`)).body, 'detail');
      noRawScript((await b.get('/admin/negative')).body, 'list');
      noRawScript((await b.get(`/admin/negative/${sid}/edit`)).body, 'edit');
    }
    assert.equal((await office.post(`/admin/negative/${sid}/publish`, {}, { from: `/admin/negative/${sid}` })).statusCode, 303);
    noRawScript((await new Browser(t.app).get('/fumian')).body, 'public');
    // Double submit of publish: the second is refused, nothing changes.
    const again = await office.post(`/admin/negative/${sid}/publish`, {}, { from: `/admin/negative/${sid}` });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /已发布/);

    // Invalid UTF-8 in a urlencoded body.
    const jar = editor as unknown as { cookieHeader(): string };
    const token = csrfOf((await editor.get('/admin/negative/new')).body);
    const raw = await t.app.inject({
      method: 'POST', url: '/admin/negative/new',
      payload: `_csrf=${encodeURIComponent(token)}&agencyId=${actors.get('minzheng')!.agencyId}&category=art16&reportRow=withheld_process&matter=%C3%28&lawName=a&lawVersion=2019-04-03&article=%E7%AC%AC16%E6%9D%A1&force=discretionary`,
      headers: { cookie: jar.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    assert.ok(raw.statusCode < 500, String(raw.statusCode));
    if (raw.statusCode === 303) assert.equal((await t.database.db.select().from(negEntries).where(eq(negEntries.id, idFrom(raw.headers.location))))[0]!.matter, '%C3%28');
    else assert.match(raw.body, /无法识别的字符/);

    // Every action form with hostile values.
    const id = idFrom((await editor.post('/admin/negative/new', good())).headers.location);
    const from = { from: `/admin/negative/${id}` };
    const forms: [string, Record<string, string | string[]>][] = [
      ['review', { on: '2026-13-45', note: SCRIPT }], ['review', { on: ['x', 'y'], note: 'n'.repeat(400_000) }], ['review', { on: "'; DELETE FROM neg_entries; --" }],
      ['publish', { confirm: 'c'.repeat(1000) }], ['withdraw', { reason: SCRIPT }], ['edit', { ...good(), lawVersion: '0000-00-00', article: 'x'.repeat(5000) }],
    ];
    for (const [path, body] of forms) {
      const r = await office.post(`/admin/negative/${id}/${path}`, body, path === 'edit' ? {} : from);
      assert.ok(r.statusCode < 500, `${path}: ${r.statusCode}`);
      noRawScript(r.body, path);
    }
    // The settings form.
    for (const v of ['0', '999', SCRIPT, 'x'.repeat(300_000)]) {
      const r = await office.post('/admin/negative/settings', { reviewMonths: v }, { from: '/admin/negative' });
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `settings ${v.slice(0, 10)}: ${r.statusCode}`);
      noRawScript(r.body, 'settings');
    }
    // Wrong ids and query strings.
    for (const u of ['/admin/negative/abc', '/admin/negative/99999999999999', '/admin/negative?agency=%C3%28&category=<script>&state=1;DROP', '/fumian?agency=%27%20OR%201=1']) {
      const r = await office.get(u);
      assert.ok(r.statusCode < 500, `${u}: ${r.statusCode}`);
      noRawScript(r.body, u);
    }
    // Without CSRF: refused.
    assert.ok((await editor.post('/admin/negative/new', good(), { csrf: null })).statusCode >= 400);
  });
});
