import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../core/audit/schema.js';
import { daysBetween, todayInShanghai } from '../../core/calendar/dates.js';
import { agencies } from '../../core/org/schema.js';
import { vgDisclosures, vgMatters, vgObjections } from './schema.js';

const SCRIPT = '<script>alert(1)</script>';
const noRawScript = (html: string, where: string) => assert.ok(!/<script>alert/i.test(html), `raw script on ${where}`);
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('village affairs over HTTP: the public objection form and the staff forms under hostile input', () => {
  let t: TestApp;
  let dibao: number, chengguan: number, dongguan: number;
  let n = 0;
  const visitor = () => new Browser(t.app, `10.9.0.${++n}`);
  const good = () => ({ name: '刘某某', contact: '139 0000 0000', content: `户主王某明家庭人口与实际不符，请核实。${n}`, homepage: '' });
  const objections = async () => (await t.database.db.select().from(vgObjections).where(eq(vgObjections.disclosureId, dibao))).length;

  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0', PUBLIC_WRITE_RATE_LIMIT: '20' }, {});
    const db = t.database.db;
    chengguan = (await db.select().from(agencies).where(eq(agencies.name, '城关镇')))[0]!.id;
    dongguan = (await db.select().from(agencies).where(eq(agencies.name, '东关村')))[0]!.id;
    dibao = (await db.select().from(vgDisclosures).where(and(eq(vgDisclosures.agencyId, chengguan), eq(vgDisclosures.shared, 'dibao'))))[0]!.id;
  });
  after(async () => t?.close());

  it('a villager objects during the 公示: recorded, counted on the page, the name never public nor in the audit', async () => {
    const v = visitor();
    const page = (await v.get(`/cunwu/gongkai/${dibao}?cun=${dongguan}`)).body;
    assert.match(page, /对公示内容提出异议/);
    assert.ok(!page.includes('赵某强'), 'seen from 东关村, only its households');
    const before = await objections();
    const r = await v.post(`/cunwu/gongkai/${dibao}/yiyi`, { ...good(), name: '独特姓名甲' }, { from: `/cunwu/gongkai/${dibao}` });
    assert.equal(r.statusCode, 303);
    assert.equal(await objections(), before + 1);
    const after = (await v.get(String(r.headers.location))).body;
    assert.match(after, /异议已提交/);
    assert.match(after, new RegExp(`收到异议 ${before + 1} 件`));
    assert.ok(!after.includes('独特姓名甲'));
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'village.objection_received'));
    assert.ok(audit.length && !JSON.stringify(audit).includes('独特姓名甲') && !JSON.stringify(audit).includes('139 0000 0000'));
    // The township's clerk sees it with the contact and answers it.
    const clerk = new Browser(t.app); await clerk.login('chengguan');
    const staff = (await clerk.get(`/admin/cunwu/d/${dibao}`)).body;
    assert.match(staff, /独特姓名甲/);
    const oid = (await t.database.db.select().from(vgObjections).where(eq(vgObjections.name, '独特姓名甲')))[0]!.id;
    assert.equal((await clerk.post(`/admin/cunwu/objection/${oid}/answer`, { answer: '' }, { from: `/admin/cunwu/d/${dibao}` })).statusCode, 400);
    assert.equal((await clerk.post(`/admin/cunwu/objection/${oid}/answer`, { answer: '经核实，家庭人口无误。' }, { from: `/admin/cunwu/d/${dibao}` })).statusCode, 303);
    const agencyPage = (await v.get(`/agencies/${dongguan}`)).body;
    assert.match(agencyPage, new RegExp(`href="/cunwu/${dongguan}"`), 'the village\'s agency page links its 村务公开');
    const other = new Browser(t.app); await other.login('dongcun');
    assert.equal((await other.get(`/admin/cunwu/d/${dibao}`)).statusCode, 404, 'a village clerk does not read the township\'s objections');
  });

  it('hostile input on the objection form: oversize, wrong types, script, SQL, invalid UTF-8, duplicates, honeypot, no CSRF, closed 公示 — no 5xx, messages beside the boxes, values kept', async () => {
    const url = `/cunwu/gongkai/${dibao}/yiyi`;
    const from = { from: `/cunwu/gongkai/${dibao}` };
    const before = await objections();
    const cases: [string, Record<string, string | string[]>, RegExp][] = [
      ['oversize', { ...good(), content: 'x'.repeat(300_000) }, /内容过长/], ['long', { ...good(), content: '长'.repeat(5000) }, /5 至 2000 字/],
      ['too short', { ...good(), content: '不对' }, /5 至 2000 字/],
      ['no name', { ...good(), name: '' }, /请填写姓名/],
      ['bad phone', { ...good(), contact: "1' OR '1'='1" }, /联系电话/],
      ['array', { ...good(), contact: ['13900000000', 'x'], name: ['a', 'b'] }, /联系电话/],
      ['honeypot', { ...good(), homepage: 'http://spam.example' }, /不应填写的隐藏项/],
    ];
    for (const [label, body, msg] of cases) {
      const r = await visitor().post(url, body, from);
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${label}: ${r.statusCode}`);
      assert.match(r.body, msg, label);
      noRawScript(r.body, label);
    }
    const kept = await visitor().post(url, { ...good(), contact: 'abc', content: `保留的内容${SCRIPT}` }, from);
    assert.equal(kept.statusCode, 400);
    assert.match(kept.body, /id="o-contact-error"/);
    assert.match(kept.body, /保留的内容&lt;script&gt;/, 'the typed content is kept, escaped');
    assert.equal(await objections(), before, 'nothing stored from refused forms');

    const v = visitor();
    const ok = await v.post(url, { ...good(), content: `${SCRIPT}'; DROP TABLE vg_objections; --` }, from);
    assert.equal(ok.statusCode, 303);
    const dup = await v.post(url, { ...good(), content: `${SCRIPT}'; DROP TABLE vg_objections; --` }, from);
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /请勿重复提交/);
    assert.equal(await objections(), before + 1);
    const clerk = new Browser(t.app); await clerk.login('chengguan');
    noRawScript((await clerk.get(`/admin/cunwu/d/${dibao}`)).body, 'staff detail');

    // Invalid UTF-8 in the body.
    const w = visitor();
    const token = csrfOf((await w.get(`/cunwu/gongkai/${dibao}`)).body);
    const jar = w as unknown as { cookieHeader(): string };
    const raw = await t.app.inject({ method: 'POST', url, remoteAddress: '10.9.1.1', payload: `_csrf=${encodeURIComponent(token)}&name=%C3%28&contact=13900000001&content=%E5%BC%82%E8%AE%AE%C3%28%C3%28%C3%28`, headers: { cookie: jar.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });
    assert.ok(raw.statusCode < 500, String(raw.statusCode));
    // No CSRF token: refused; a 公开 not published or unknown: not found; a closed 公示: refused with a reason.
    assert.ok((await visitor().post(url, good(), { csrf: null })).statusCode >= 400);
    assert.equal((await visitor().post('/cunwu/gongkai/99999999/yiyi', good(), from)).statusCode, 404);
    const draft = (await t.database.db.select().from(vgDisclosures).where(eq(vgDisclosures.state, 'returned')))[0];
    if (draft) assert.equal((await visitor().get(`/cunwu/gongkai/${draft.id}`)).statusCode, 404);
    const archived = (await t.database.db.select().from(vgDisclosures).where(eq(vgDisclosures.state, 'archived')))[0]!;
    const closed = await visitor().post(`/cunwu/gongkai/${archived.id}/yiyi`, good(), from);
    assert.equal(closed.statusCode, 409);
    assert.match(closed.body, /公示期已结束/);
    for (const u of ['/cunwu/abc', '/cunwu/99999999999999', `/cunwu/gongkai/${dibao}?cun=%C3%28`, `/cunwu/gongkai/${dibao}?cun=<script>`, '/cunwu?x=%27%20OR%201=1']) {
      const r = await visitor().get(u);
      assert.ok(r.statusCode < 500, `${u}: ${r.statusCode}`);
      noRawScript(r.body, u);
    }
    // The rate limit: one address posting over and over is stopped.
    const flood = visitor();
    let last = 0;
    for (let i = 0; i < 25; i++) last = (await flood.post(url, { ...good(), content: `重复提交测试第${i}次内容` }, from)).statusCode;
    assert.equal(last, 429);
  });

  it('staff forms refuse bad drafts beside their boxes and keep what was typed', async () => {
    const db = t.database.db;
    const clerk = new Browser(t.app); await clerk.login('dongcun');
    const monthly = (await db.select().from(vgMatters).where(and(eq(vgMatters.villageId, dongguan), eq(vgMatters.cadence, 'monthly'))))[0]!;
    const form = `/admin/cunwu/new?agency=${dongguan}&matter=${monthly.id}`;
    const base = { agencyId: String(dongguan), matterId: String(monthly.id) };
    const bad = await clerk.post('/admin/cunwu/new', { ...base, period: '2026-13', body: `保留正文${SCRIPT}`, table: '项目 | 金额\n一 | 二 | 三' }, { from: form });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /id="f-period-error"/);
    assert.match(bad.body, /id="f-table-error"[^>]*>[^<]*第 2 行有 3 列/);
    assert.match(bad.body, /保留正文&lt;script&gt;/);
    noRawScript(bad.body, 'draft');
    for (const body of [{ ...base, period: ['2026-01', 'Q5'], body: 'x' }, { ...base, period: '2026-01', body: 'x'.repeat(300_000) }, { ...base, matterId: "1 OR 1=1", period: '2026-01', body: 'x' }]) {
      const r = await clerk.post('/admin/cunwu/new', body, { from: form });
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, String(r.statusCode));
    }
    const ok = await clerk.post('/admin/cunwu/new', { ...base, period: '2026-01', body: SCRIPT, table: `项目 | 金额\n${SCRIPT} | 1` }, { from: form });
    assert.equal(ok.statusCode, 303);
    const id = Number(/\/d\/(\d+)/.exec(String(ok.headers.location))![1]);
    noRawScript((await clerk.get(`/admin/cunwu/d/${id}`)).body, 'detail');
    assert.equal((await clerk.post(`/admin/cunwu/d/${id}/submit`, {}, { from: `/admin/cunwu/d/${id}` })).statusCode, 303);
    const jw = new Browser(t.app); await jw.login('dongcun-jw');
    const noReason = await jw.post(`/admin/cunwu/d/${id}/return`, { note: '' }, { from: `/admin/cunwu/d/${id}` });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /id="a-return-error"/);
    assert.equal((await jw.post(`/admin/cunwu/d/${id}/return`, { note: SCRIPT }, { from: `/admin/cunwu/d/${id}` })).statusCode, 303);
    assert.equal((await jw.post(`/admin/cunwu/d/${id}/return`, { note: '再次' }, { from: `/admin/cunwu/d/${id}` })).statusCode, 409, 'a double return is refused');
    noRawScript((await clerk.get(`/admin/cunwu/d/${id}`)).body, 'returned');
    const xi = new Browser(t.app); await xi.login('xiguan');
    assert.equal((await xi.post(`/admin/cunwu/d/${id}/answer`, { note: 'x' }, { from: '/admin/cunwu' })).statusCode, 404);
    // Templates: only the office; bad numbers refused.
    assert.equal((await clerk.get('/admin/cunwu/templates')).statusCode, 403);
    const office = new Browser(t.app); await office.login('office');
    const tb = await office.post('/admin/cunwu/templates', { category: 'finance', name: SCRIPT, cadence: 'monthly', dueDay: '45', publicityDays: 'abc' }, { from: '/admin/cunwu/templates' });
    assert.equal(tb.statusCode, 400);
    assert.match(tb.body, /id="t-due-error"/);
    noRawScript(tb.body, 'templates');
    for (const v of ['0', '31', SCRIPT, 'x'.repeat(300_000)]) {
      const r = await office.post('/admin/cunwu/settings', { answerDays: v }, { from: '/admin/cunwu/templates' });
      assert.equal(r.statusCode, 400, v.slice(0, 10));
      assert.match(r.body, /id="s-days-error"/);
      noRawScript(r.body, 'settings');
    }
    assert.equal((await clerk.post('/admin/cunwu/settings', { answerDays: '10' }, { from: '/admin/cunwu' })).statusCode, 403);
    assert.equal((await office.post('/admin/cunwu/settings', { answerDays: '10' }, { from: '/admin/cunwu/templates' })).statusCode, 303);
    // A return now gives the clerk 10 days.
    const id2 = Number(/\/d\/(\d+)/.exec(String((await clerk.post('/admin/cunwu/new', { ...base, period: '2026-02', body: '二月' }, { from: form })).headers.location))![1]);
    await clerk.post(`/admin/cunwu/d/${id2}/submit`, {}, { from: `/admin/cunwu/d/${id2}` });
    await jw.post(`/admin/cunwu/d/${id2}/return`, { note: '请补充' }, { from: `/admin/cunwu/d/${id2}` });
    const [r2] = await db.select().from(vgDisclosures).where(eq(vgDisclosures.id, id2));
    assert.equal(daysBetween(todayInShanghai(), r2!.answerDueOn!), 10);
    assert.equal((await office.get('/admin/cunwu/diff')).statusCode, 200);
    assert.match((await office.get('/admin/cunwu/diff')).body, /西关社区/);
  });
});
