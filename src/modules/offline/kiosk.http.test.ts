import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import { auditEvents } from '../../core/audit/schema.js';
import { foiApplications } from '../foi/schema.js';
import { searchPublished } from '../info/queries.js';
import { listDomains, publishedItems } from '../catalog/queries.js';

const K = '/shifanxian/kiosk';
const RAW_SCRIPT = /<script>alert/i;
const ID = '11010519491231002X';

describe('offline: the 政务公开专区 kiosk', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  let town: number;
  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0', PUBLIC_WRITE_RATE_LIMIT: '1000' }, { region: true, full: true });
    actors = await demoActors(t.database.db, ['office', 'chengguan', 'nx-office']);
    town = actors.get('chengguan')!.agencyId;
  });
  after(async () => t?.close());
  const apps = async () => (await t.database.db.select({ id: foiApplications.id }).from(foiApplications)).length;
  const form = (over: Record<string, string> = {}) => ({
    agencyId: String(town), applicantType: 'natural', name: '王五', idType: '居民身份证', idNumber: ID, phone: '13900139000',
    content: '城关镇2026年农村危房改造补助名单', form: 'paper', delivery: 'pickup', ...over,
  });

  it('opens without a login in large type, with the county\'s information, catalog and a link to the service guides', async () => {
    const b = new Browser(t.app);
    const home = await b.get(K);
    assert.equal(home.statusCode, 200);
    for (const s of ['data-idle="120"', `data-home="${K}"`, `href="${K}/xxgk"`, `href="${K}/catalog"`, `href="${K}/apply"`, `${K}/assets/kiosk.css`, `href="${K}/banshi"`]) assert.ok(home.body.includes(s), s);
    assert.ok(!home.body.includes('class="site-header"'), 'no site chrome or login link');
    assert.ok(!home.body.includes('href="/shifanxian/banshi"'), 'the guides tile stays in kiosk mode');
    const css = await b.get(`${K}/assets/kiosk.css`);
    assert.match(String(css.headers['content-type']), /text\/css/);
    assert.match(css.body, /min-height: 72px/);
    assert.match((await b.get(`${K}/assets/kiosk.js`)).body, /location\.replace\(home\)/);
    const govId = actors.get('office')!.placement.govId;
    const [doc] = (await searchPublished(t.database.db, { limit: 1, count: false, govId })).items;
    const list = await b.get(`${K}/xxgk`);
    assert.ok(list.body.includes(doc!.title));
    const page = await b.get(`${K}/xxgk/${doc!.documentId}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(doc!.title) && page.body.includes('data-print'));
    const nxGov = actors.get('nx-office')!.placement.govId;
    const [nxDoc] = (await searchPublished(t.database.db, { limit: 1, count: false, govId: nxGov })).items;
    if (nxDoc) assert.equal((await b.get(`${K}/xxgk/${nxDoc.documentId}`)).statusCode, 404, 'another county\'s document is not on this kiosk');
    const [item] = await publishedItems(t.database.db, { limit: 1, govId });
    const catalog = (await b.get(`${K}/catalog`)).body;
    assert.ok(catalog.includes(`${K}/catalog/${item!.domainCode}"`));
    const withItems = new Set((await publishedItems(t.database.db, { govId, limit: 10_000 })).map((i) => i.domainCode));
    const empty = (await listDomains(t.database.db)).filter((d) => !withItems.has(d.code));
    for (const d of empty) assert.ok(!catalog.includes(`${K}/catalog/${d.code}"`), `no dead end: ${d.code}`);
    assert.ok((await b.get(`${K}/catalog/${item!.domainCode}`)).body.includes(`${K}/catalog/items/${item!.id}`));
    assert.ok((await b.get(`${K}/catalog/items/${item!.id}`)).body.includes(item!.level2));
    for (const u of [`${K}/xxgk?page=%C3%28`, `${K}/xxgk?page=-1`]) assert.equal((await b.get(u)).statusCode, 200, u);
    for (const u of [`${K}/xxgk/abc`, `${K}/xxgk/99999999`, `${K}/catalog/%3Cscript%3Ealert(1)%3C%2Fscript%3E`, `${K}/catalog/items/0`, `${K}/catalog/items/99999999`]) {
      const r = await b.get(u);
      assert.equal(r.statusCode, 404, u);
      assert.ok(r.body.includes('页面不存在') && r.body.includes('data-idle="120"'), `${u}: a Chinese 404 inside the kiosk`);
      assert.ok(!RAW_SCRIPT.test(r.body));
    }
    assert.ok((await b.get(`${K}/points`)).body.includes('县档案馆查阅点'));
  });

  it('takes an application with help beside each field and shows its code without keeping it in the browser', async () => {
    const b = new Browser(t.app);
    const page = await b.get(`${K}/apply`);
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['cache-control']), /no-store/);
    for (const s of ['id="k-idNumber-help"', '18 位身份证号码', 'aria-describedby="k-content-help"', '城关镇']) assert.ok(page.body.includes(s), s);
    const before = await apps();
    const key = /name="submitKey" value="([^"]+)"/.exec(page.body)![1]!;
    const r = await b.post(`${K}/apply`, form({ submitKey: key }), { from: `${K}/apply` });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /查询码<\/dt><dd>\d{4}-[A-Z0-9]{8}<\/dd>/);
    assert.ok(!(r.headers['set-cookie'] ?? []).toString().includes('gk_receipt'), 'no receipt cookie stays on the shared screen');
    assert.match(String(r.headers['cache-control']), /no-store/);
    assert.equal(await apps(), before + 1);
    const again = await b.post(`${K}/apply`, form({ submitKey: key }), { from: `${K}/apply` });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /已经提交过了/);
    assert.equal(await apps(), before + 1, 'sent twice, one application');
  });

  it('refuses hostile input on the application form beside the field, stores nothing, runs nothing', async () => {
    const b = new Browser(t.app);
    const before = await apps();
    const nxAgency = actors.get('nx-office')!.agencyId;
    const cases: [Record<string, string>, RegExp][] = [
      [form({ name: '' }), /id="k-name-error"/],
      [form({ idNumber: '110105194912310021' }), /id="k-idNumber-error"[^>]*>居民身份证号码应为 18 位且校验位正确/],
      [form({ phone: "0373' OR '1'='1" }), /id="k-phone-error"/],
      [form({ agencyId: String(nxAgency) }), /id="k-agencyId-error"[^>]*>请在列表中选择本级的受理机关/],
      [form({ agencyId: '1; DROP TABLE foi_applications; --' }), /id="k-agencyId-error"/],
      [form({ content: '<script>alert(1)</script>', name: '<script>alert(2)</script>', applicantType: 'robot' }), /id="k-applicantType-error"/],
      [form({ content: '短' }), /id="k-content-error"/],
      [form({ content: '长'.repeat(2001) }), /id="k-content-error"[^>]*>所需信息的名称或内容描述不能超过 2000 个字/],
      [form({ delivery: 'email', email: 'not-an-email' }), /id="k-email-error"/],
      [form({ postcode: '12345x' }), /id="k-postcode-error"/],
    ];
    for (const [values, hint] of cases) {
      const r = await b.post(`${K}/apply`, values, { from: `${K}/apply` });
      assert.equal(r.statusCode, 400, JSON.stringify(values).slice(0, 80));
      assert.match(r.body, hint);
      assert.ok(!RAW_SCRIPT.test(r.body), 'escaped');
    }
    const kept = await b.post(`${K}/apply`, form({ name: '<script>alert(2)</script>', applicantType: 'robot' }), { from: `${K}/apply` });
    assert.ok(kept.body.includes('value="&lt;script&gt;alert(2)&lt;/script&gt;"'), 'kept, escaped');
    const csrf = encodeURIComponent(/name="_csrf" value="([^"]+)"/.exec((await b.get(`${K}/apply`)).body)![1]!);
    const cookie = (b as unknown as { cookieHeader(): string }).cookieHeader();
    const raw = await t.app.inject({ method: 'POST', url: `${K}/apply`, payload: `_csrf=${csrf}&name=%C3%28&content=%FF%FE`, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, accept: 'text/html' } });
    assert.ok(raw.statusCode >= 400 && raw.statusCode < 500, `invalid UTF-8: ${raw.statusCode}`);
    const json = await t.app.inject({ method: 'POST', url: `${K}/apply`, payload: JSON.stringify({ name: ['a'], agencyId: { x: 1 } }), headers: { 'content-type': 'application/json', cookie, accept: 'text/html' } });
    assert.ok(json.statusCode >= 400 && json.statusCode < 500, `wrong types: ${json.statusCode}`);
    const huge = await b.post(`${K}/apply`, form({ address: 'x'.repeat(200_000) }), { from: `${K}/apply` });
    assert.ok(huge.statusCode >= 400 && huge.statusCode < 500, `oversize: ${huge.statusCode}`);
    const forged = await b.post(`${K}/apply`, form(), { csrf: null });
    assert.ok(forged.statusCode === 403 || forged.statusCode === 400, String(forged.statusCode));
    assert.equal(await apps(), before, 'nothing stored');
  });

  it('lets the office set the idle timeout of its own county\'s kiosk; refuses nonsense; audited', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    for (const v of ['', '2', '99999', 'abc', '<script>alert(1)</script>', '30; DROP TABLE offline_kiosk']) {
      const r = await office.post('/admin/offline/kiosk', { idleSeconds: v }, { from: '/admin/offline/kiosk' });
      assert.equal(r.statusCode, 400, v);
      assert.match(r.body, /id="ks-idle-error"[^>]*>请填写 5–1800 之间的整数秒数/);
      assert.ok(!RAW_SCRIPT.test(r.body));
    }
    assert.equal((await office.post('/admin/offline/kiosk', { idleSeconds: '45' }, { from: '/admin/offline/kiosk' })).statusCode, 303);
    assert.ok((await new Browser(t.app).get(K)).body.includes('data-idle="45"'));
    assert.ok((await new Browser(t.app).get('/nanxian/kiosk')).body.includes('data-idle="120"'), 'another county\'s kiosk keeps its own');
    const ev = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'offline.kiosk_updated'));
    assert.equal(ev.length, 1);
    const clerk = new Browser(t.app);
    await clerk.login('chengguan');
    assert.equal((await clerk.get('/admin/offline/kiosk')).statusCode, 403);
  });

  it('rate-limits applications from the kiosk like the site\'s own form', async () => {
    const limited = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '2' });
    try {
      const b = new Browser(limited.app);
      const send = () => b.post('/kiosk/apply', { name: '' }, { from: '/kiosk/apply' });
      assert.equal((await send()).statusCode, 400);
      assert.equal((await send()).statusCode, 400);
      assert.equal((await send()).statusCode, 429);
    } finally {
      await limited.close();
    }
  });
});
