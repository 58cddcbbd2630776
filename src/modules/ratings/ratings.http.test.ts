import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { desc, eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { listPublishedGuides, publishedGuideByCode } from '../guides/public.js';
import { ratingOrders, ratings, ratingWindows } from './schema.js';

const SITE = '/shifanxian';
const SCRIPT = '<script>alert(1)</script>';
const noRawScript = (body: string, where: string) => assert.ok(!/<script>alert/i.test(body), `no raw script on ${where}`);

describe('ratings: 好差评 pages', () => {
  let t: TestApp;
  let code: string;
  let guideName: string;
  let windowId: number;
  let logs: string[];
  before(async () => {
    logs = [];
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0', PUBLIC_WRITE_RATE_LIMIT: '1000', LOG_LEVEL: 'info' }, { region: true });
    // Every log line the app writes, to check a phone never reaches the log.
    const orig = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => { logs.push(String(chunk)); return (orig as (...a: unknown[]) => boolean)(chunk, ...rest); }) as typeof process.stdout.write;
    const office = (await t.database.db.select().from(ratingWindows).orderBy(ratingWindows.id))[0]!;
    windowId = office.id;
    const guides = await listPublishedGuides(t.database.db, office.govId);
    const g = guides.find((x) => x.agencyName === '县民政局')!;
    code = g.code;
    form = `${SITE}/haocha?code=${code}`;
    guideName = (await publishedGuideByCode(t.database.db, office.govId, code))!.name;
  });
  after(async () => t?.close());
  const count = async () => (await t.database.db.select().from(ratings)).length;
  let form = '';

  it('rates a guide by its 实施编码 and a window from its QR link; a 差评 goes to the handling unit', async () => {
    const b = new Browser(t.app, '192.0.2.10');
    const chooser = await b.get(`${SITE}/haocha`);
    assert.equal(chooser.statusCode, 200);
    assert.ok(chooser.body.includes(guideName));
    const page = await b.get(`${SITE}/haocha?code=${code}`);
    assert.equal(page.statusCode, 200);
    for (const s of ['非常满意', '满意', '基本满意', '不满意', '非常不满意', '县民政局', code]) assert.ok(page.body.includes(s), s);
    const ok = await b.post(`${SITE}/haocha`, { code, level: '5', body: '办得快' }, { from: `${SITE}/haocha?code=${code}` });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /评价已提交/);
    const win = await b.get(`${SITE}/haocha?window=${windowId}`);
    assert.equal(win.statusCode, 200);
    assert.match(win.body, /社会救助窗口/);
    const bad = await b.post(`${SITE}/haocha`, { window: String(windowId), level: '1', tags: ['服务态度不好'], phone: '13612345678' }, { from: `${SITE}/haocha?window=${windowId}` });
    assert.equal(bad.statusCode, 200);
    assert.match(bad.body, /转交县民政局办理/);
    const [last] = await t.database.db.select().from(ratings).orderBy(desc(ratings.id)).limit(1);
    const [order] = await t.database.db.select().from(ratingOrders).where(eq(ratingOrders.ratingId, last!.id));
    assert.equal(order?.state, 'open');
    // Another county's site knows neither the item nor the window.
    assert.equal((await b.get(`/nanxian/haocha?code=${code}`)).statusCode, 404);
    assert.equal((await b.get(`/nanxian/haocha?window=${windowId}`)).statusCode, 404);
  });

  it('keeps the phone out of every public page and the log; staff see it masked, the handling unit in full', async () => {
    const phone = '13587654321';
    const b = new Browser(t.app, '192.0.2.11');
    const r = await b.post(`${SITE}/haocha`, { code, level: '2', body: '窗口人员不在岗', phone }, { from: form });
    assert.equal(r.statusCode, 200);
    assert.ok(!r.body.includes(phone));
    for (const u of [`${SITE}/haocha`, `${SITE}/haocha/tongji`, form, `${SITE}/hudong`]) {
      const p = await new Browser(t.app).get(u);
      assert.ok(p.statusCode < 400, u);
      assert.ok(!p.body.includes(phone) && !p.body.includes('135****4321'), `no phone on ${u}`);
    }
    assert.ok(!logs.join('').includes(phone), 'the phone is never logged');
    const [row] = await t.database.db.select().from(ratings).orderBy(desc(ratings.id)).limit(1);
    const [order] = await t.database.db.select().from(ratingOrders).where(eq(ratingOrders.ratingId, row!.id));
    const office = new Browser(t.app);
    await office.login('office');
    const list = await office.get('/admin/ratings');
    assert.ok(list.body.includes('135****4321') && !list.body.includes(phone));
    const asOffice = await office.get(`/admin/ratings/orders/${order!.id}`);
    assert.ok(asOffice.body.includes('135****4321') && !asOffice.body.includes(phone));
    const unit = new Browser(t.app);
    await unit.login('minzheng');
    const asUnit = await unit.get(`/admin/ratings/orders/${order!.id}`);
    assert.equal(asUnit.statusCode, 200);
    assert.ok(asUnit.body.includes(phone), 'the handling unit sees the number to call back');
    const other = new Browser(t.app);
    await other.login('jiaoyu');
    assert.equal((await other.get(`/admin/ratings/orders/${order!.id}`)).statusCode, 404);
    // The unit handles it through the pages.
    const from = { from: `/admin/ratings/orders/${order!.id}` };
    const early = await unit.post(`/admin/ratings/orders/${order!.id}/feedback`, { note: '已反馈' }, from);
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /先登记回访/);
    assert.equal((await unit.post(`/admin/ratings/orders/${order!.id}/callback`, { note: '已电话回访' }, from)).statusCode, 303);
    assert.equal((await unit.post(`/admin/ratings/orders/${order!.id}/rectify`, { note: '落实首问负责' }, from)).statusCode, 303);
    assert.equal((await unit.post(`/admin/ratings/orders/${order!.id}/feedback`, { note: '已告知' }, from)).statusCode, 303);
    assert.match((await unit.get(`/admin/ratings/orders/${order!.id}`)).body, /已办结/);
  });

  it('refuses hostile input on the public form with the message beside the field: no 5xx, nothing executes, nothing stored', async () => {
    const b = new Browser(t.app, '192.0.2.12');
    const before = await count();
    const cases: [Record<string, string | string[]>, RegExp][] = [
      [{ code, level: '' }, /请选择满意程度/],
      [{ code, level: '9' }, /请选择满意程度/],
      [{ code, level: ['1', '5', 'x'] }, /请选择满意程度/],
      [{ code, level: '1' }, /至少选择一个标签或填写具体情况/],
      [{ code, level: '2', tags: [SCRIPT] }, /请从列出的标签中选择/],
      [{ code, level: '3', body: '长'.repeat(501) }, /不超过 500 字/],
      [{ code, level: '3', body: 'x'.repeat(200_000) }, /过长/],
      [{ code, level: '4', phone: "138' OR '1'='1" }, /联系电话格式不正确/],
      [{ code, level: '4', body: '坏\u0000字' }, /控制字符|无法识别的字符/],
      [{ code, level: '5', homepage: 'http://spam.example' }, /./],
    ];
    for (const [values, hint] of cases) {
      const r = await b.post(`${SITE}/haocha`, values, { from: form });
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${JSON.stringify(values).slice(0, 60)}: ${r.statusCode}`);
      assert.match(r.body, hint);
      noRawScript(r.body, 'refused form');
    }
    const kept = await b.post(`${SITE}/haocha`, { code, level: '1', body: '', phone: '13800000000' }, { from: form });
    assert.match(kept.body, /value="13800000000"/, 'the typed phone is kept for the rater to correct');
    assert.match(kept.body, /value="1" checked/, 'the chosen level is kept');
    assert.equal(await count(), before, 'nothing stored');
    // Text with a script and SQL is stored as typed and shown escaped.
    const s = await b.post(`${SITE}/haocha`, { code, level: '2', body: `${SCRIPT}'; DROP TABLE ratings; --` }, { from: form });
    assert.equal(s.statusCode, 200);
    assert.equal(await count(), before + 1);
    const office = new Browser(t.app);
    await office.login('office');
    noRawScript((await office.get('/admin/ratings')).body, 'staff list');
    // A duplicate is refused with a clear message.
    const dup = await b.post(`${SITE}/haocha`, { code, level: '3' }, { from: form });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /分钟内已经评价过/);
    // Unknown or hostile targets fall back to the chooser; invalid UTF-8 and no CSRF are refused.
    for (const v of [{ code: "' OR 1=1 --", level: '5' } as Record<string, string>, { window: '-1', level: '5' }, { window: '99999999999', level: '5' }, { code: SCRIPT, level: '5' }]) {
      const r = await b.post(`${SITE}/haocha`, v, { from: form });
      assert.equal(r.statusCode, 404);
      noRawScript(r.body, 'unknown target');
    }
    for (const u of [`${SITE}/haocha?code=%C3%28`, `${SITE}/haocha?window=1%20OR%201=1`, `${SITE}/haocha?code=${encodeURIComponent(SCRIPT)}`]) {
      const r = await b.get(u);
      assert.ok(r.statusCode < 500, u);
      noRawScript(r.body, u);
    }
    const jar = b as unknown as { cookieHeader(): string };
    const token = /name="_csrf" value="([^"]+)"/.exec((await b.get(form)).body)![1]!;
    const raw = await t.app.inject({ method: 'POST', url: `${SITE}/haocha`, remoteAddress: '192.0.2.13', payload: `_csrf=${encodeURIComponent(token)}&code=${code}&level=2&body=%C3%28`, headers: { cookie: jar.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });
    assert.ok(raw.statusCode < 500, String(raw.statusCode));
    assert.ok((await b.post(`${SITE}/haocha`, { code, level: '5' }, { csrf: null })).statusCode >= 400);
  });

  it('publishes the aggregates per agency and item; staff filter them by period and refuse a bad date', async () => {
    const pub = await new Browser(t.app).get(`${SITE}/haocha/tongji`);
    assert.equal(pub.statusCode, 200);
    for (const s of ['按单位统计', '县民政局', '满意及以上', '整改率', guideName]) assert.ok(pub.body.includes(s), s);
    assert.ok(!(await new Browser(t.app).get('/nanxian/haocha/tongji')).body.includes(guideName), 'another county publishes none of these');
    const office = new Browser(t.app);
    await office.login('office');
    const old = await office.get('/admin/ratings?from=2020-01-01&to=2020-01-31');
    assert.equal(old.statusCode, 200);
    assert.match(old.body, /暂无评价/);
    assert.ok(!old.body.includes('按单位统计'), 'no figures for a period without ratings');
    const bad = await office.get('/admin/ratings?from=2026-02-30');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /起始日期格式不正确/);
  });

  it('the office registers windows with a QR code to the rating form and sets the deadline and tags', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    const page = await office.get('/admin/ratings/windows');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<svg/);
    const card = await office.get(`/admin/ratings/windows/${windowId}/qr`);
    assert.equal(card.statusCode, 200);
    assert.match(card.body, /<svg width="280"/);
    // Printed, so on the county site's own domain (the host staff print from may be an intranet address).
    assert.ok(card.body.includes(`https://www.shifan.gov.cn/haocha?window=${windowId}`), 'the QR link opens the county site\'s form');
    assert.equal((await office.get('/admin/ratings/windows/99999/qr')).statusCode, 404);
    const agencyId = /<option value="(\d+)"[^>]*>县民政局<\/option>/.exec(page.body)![1]!;
    assert.equal((await office.post('/admin/ratings/windows', { agencyId, hall: '县政务服务中心二楼', number: 'B01', name: '综合窗口' })).statusCode, 303);
    const dup = await office.post('/admin/ratings/windows', { agencyId, hall: '县政务服务中心二楼', number: 'B01', name: '又一个' });
    assert.equal(dup.statusCode, 409);
    const hostile = await office.post('/admin/ratings/windows', { agencyId: '1 OR 1=1', hall: SCRIPT, number: '', name: 'x'.repeat(300_000) });
    assert.equal(hostile.statusCode, 400);
    noRawScript(hostile.body, 'windows');
    assert.equal((await office.post('/admin/ratings/settings', { workDays: '0', tags: '' })).statusCode, 400);
    assert.equal((await office.post('/admin/ratings/settings', { workDays: '7', tags: '等候时间过长\n一次性告知不到位' })).statusCode, 303);
    const f = await new Browser(t.app, '192.0.2.20').get(form);
    assert.ok(f.body.includes('一次性告知不到位'), 'the new tag is offered to raters');
    const unit = new Browser(t.app);
    await unit.login('minzheng');
    assert.ok((await unit.get('/admin/ratings/windows')).statusCode >= 400, 'a unit does not manage windows');
  });
});
