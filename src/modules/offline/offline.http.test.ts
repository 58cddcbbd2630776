import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import { offlinePoints } from './schema.js';

const BASE = '/admin/offline';
const RAW_SCRIPT = /<script>alert/i;
const cookiesOf = (b: Browser) => (b as unknown as { cookieHeader(): string }).cookieHeader();

describe('offline: 公开查阅点 pages', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  let owner: string;
  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0' }, { region: true });
    actors = await demoActors(t.database.db, ['office']);
    owner = String(actors.get('office')!.agencyId);
  });
  after(async () => t?.close());
  const count = async () => (await t.database.db.select().from(offlinePoints)).length;
  const form = (over: Record<string, string> = {}) => ({ name: '县图书馆查阅点', kind: 'reading', agencyId: owner, address: '示范县文化路8号', hours: '周二至周日 9:00-17:00', phone: '0373-1234577', holdings: '政府公报', accessibility: '无障碍通道', ...over });

  it('lists the county\'s active points on its site, linked from 政府信息公开, and none of another county\'s', async () => {
    const b = new Browser(t.app);
    const page = await b.get('/shifanxian/chayuedian');
    assert.equal(page.statusCode, 200);
    for (const s of ['县政务服务中心政务公开专区', '县档案馆查阅点', '城关镇便民服务中心', '示范县文化路6号', '0373-2234500', '政务公开专区']) assert.ok(page.body.includes(s), s);
    assert.ok(!(await b.get('/nanxian/chayuedian')).body.includes('县档案馆查阅点'), '示范南县\'s site does not list 示范县\'s points');
    assert.ok((await b.get('/shifanxian/zfxxgk')).body.includes('/chayuedian"'), 'linked from the 政府信息公开 index');
  });

  it('the office registers, edits and deactivates a point; the public page follows', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    const list = await office.get(BASE);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /县档案馆查阅点/);
    assert.equal((await office.get(`${BASE}/new`)).statusCode, 200);
    const made = await office.post(BASE, form(), { from: `${BASE}/new` });
    assert.equal(made.statusCode, 303);
    const p = (await t.database.db.select().from(offlinePoints).where(eq(offlinePoints.name, '县图书馆查阅点')))[0]!;
    const edit = await office.get(`${BASE}/${p.id}`);
    assert.equal(edit.statusCode, 200);
    assert.ok(edit.body.includes('value="示范县文化路8号"'));
    assert.equal((await office.post(`${BASE}/${p.id}`, form({ hours: '周一至周五 9:00-18:00', openSaturday: 'yes' }), { from: `${BASE}/${p.id}` })).statusCode, 303);
    assert.match((await new Browser(t.app).get('/shifanxian/chayuedian')).body, /周一至周五 9:00-18:00（周六开放）/);
    assert.equal((await office.post(`${BASE}/${p.id}/deactivate`, {}, { from: BASE })).statusCode, 303);
    assert.ok(!(await new Browser(t.app).get('/shifanxian/chayuedian')).body.includes('县图书馆查阅点'));
    const again = await office.post(`${BASE}/${p.id}/deactivate`, {}, { from: BASE });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /已经停用/);
    assert.equal((await office.post(`${BASE}/${p.id}/reactivate`, {}, { from: BASE })).statusCode, 303);
  });

  it('refuses hostile input on the new and edit forms beside the field: no 5xx, nothing executes, nothing stored', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    const before = await count();
    const p = (await t.database.db.select().from(offlinePoints).where(eq(offlinePoints.name, '县档案馆查阅点')))[0]!;
    for (const url of [BASE, `${BASE}/${p.id}`]) {
      const from = url === BASE ? `${BASE}/new` : url;
      const cases: [Record<string, string>, RegExp][] = [
        [form({ name: '' }), /id="pt-name-error"[^>]*>请填写查阅点名称/],
        [form({ name: '名'.repeat(61) }), /id="pt-name-error"[^>]*>查阅点名称不超过 60 字/],
        [form({ address: 'x'.repeat(200_000) }), /过长|不超过/],
        [form({ holdings: '资'.repeat(1001) }), /id="pt-holdings-error"[^>]*>可查阅内容不超过/],
        [form({ name: '<script>alert(1)</script>', kind: 'bogus' }), /id="pt-kind-error"[^>]*>请选择类型/],
        [form({ agencyId: "1 OR 1=1; DROP TABLE offline_points; --" }), /id="pt-agency-error"[^>]*>请选择本级政府的单位/],
        [form({ phone: "0373' OR '1'='1" }), /id="pt-phone-error"/],
        [form({ hours: '', address: '<script>alert(2)</script>' }), /id="pt-hours-error"[^>]*>请填写开放时间/],
        [form({ name: '李\u0000四' }), /控制字符/],
        [form({ agencyId: '99999999999' }), /请选择本级政府的单位/],
      ];
      for (const [values, hint] of cases) {
        const r = await office.post(url, values, { from });
        assert.equal(r.statusCode, 400, `${url} ${JSON.stringify(values).slice(0, 80)}`);
        assert.match(r.body, hint);
        assert.ok(!RAW_SCRIPT.test(r.body), 'escaped');
      }
      const kept = await office.post(url, form({ name: '<script>alert(1)</script>', kind: 'bogus' }), { from });
      assert.ok(kept.body.includes('value="&lt;script&gt;alert(1)&lt;/script&gt;"'), 'what was typed is kept, escaped');
      const csrf = encodeURIComponent(/name="_csrf" value="([^"]+)"/.exec((await office.get(from)).body)![1]!);
      const raw = await t.app.inject({ method: 'POST', url, payload: `_csrf=${csrf}&name=%C3%28&kind=reading&agencyId=${owner}&address=%C3%28&hours=%FF%FE`, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(office), accept: 'text/html' } });
      assert.ok(raw.statusCode < 500, `${url} invalid UTF-8: ${raw.statusCode}`);
      assert.equal(raw.statusCode, 400, 'the parser, not the CSRF check, met the bytes; refused');
      assert.match(raw.body, /无法识别的字符/);
      const wrongType = await t.app.inject({ method: 'POST', url, payload: JSON.stringify({ name: ['a', 'b'], agencyId: 1 }), headers: { 'content-type': 'application/json', cookie: cookiesOf(office), accept: 'text/html' } });
      assert.ok(wrongType.statusCode < 500, `${url} wrong type: ${wrongType.statusCode}`);
      const forged = await office.post(url, form({ name: '伪造' }), { csrf: null });
      assert.ok(forged.statusCode === 403 || forged.statusCode === 400, String(forged.statusCode));
    }
    assert.equal(await count(), before, 'nothing stored');
    assert.equal((await t.database.db.select().from(offlinePoints).where(eq(offlinePoints.id, p.id)))[0]!.name, '县档案馆查阅点', 'unchanged');
    for (const u of [`${BASE}/abc`, `${BASE}/99999999`, `${BASE}/1%00`, '/shifanxian/chayuedian?x=%C3%28']) assert.ok((await office.get(u)).statusCode < 500, u);
    assert.equal((await office.post(`${BASE}/abc/deactivate`, {}, { from: BASE })).statusCode, 404);
  });

  it('a double submit of the new form registers one point; script typed into a saved point never runs', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    const page = await office.get(`${BASE}/new`);
    const key = /name="submitKey" value="([^"]+)"/.exec(page.body)![1]!;
    const values = form({ name: '<script>alert(3)</script>查阅点', submitKey: key });
    const a = await office.post(BASE, values, { from: `${BASE}/new` });
    const b = await office.post(BASE, values, { from: `${BASE}/new` });
    assert.equal(a.statusCode, 303);
    assert.equal(b.statusCode, 303);
    assert.equal((await t.database.db.select().from(offlinePoints).where(eq(offlinePoints.name, '<script>alert(3)</script>查阅点'))).length, 1);
    for (const u of [BASE, '/shifanxian/chayuedian']) {
      const r = await office.get(u);
      assert.ok(r.body.includes('&lt;script&gt;alert(3)'), u);
      assert.ok(!RAW_SCRIPT.test(r.body), u);
    }
  });

  it('keeps staff pages from the public and other staff', async () => {
    const anon = new Browser(t.app);
    const r = await anon.get(BASE);
    assert.ok([302, 303, 401].includes(r.statusCode), String(r.statusCode));
    const clerk = new Browser(t.app);
    await clerk.login('minzheng');
    assert.equal((await clerk.get(BASE)).statusCode, 403);
    const other = new Browser(t.app);
    await other.login('nx-office');
    const p = (await t.database.db.select().from(offlinePoints).where(eq(offlinePoints.name, '县档案馆查阅点')))[0]!;
    assert.equal((await other.get(`${BASE}/${p.id}`)).statusCode, 404);
    assert.equal((await other.post(`${BASE}/${p.id}/deactivate`, {}, { from: BASE })).statusCode, 404);
    assert.ok(!(await other.get(BASE)).body.includes('县档案馆查阅点'));
  });
});
