import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import { listPublishedGuides, publishedGuideByCode } from '../guides/public.js';
import { approveVersion, createItem, publishVersion, submitVersion } from '../guides/service.js';
import { DEMO_GUIDES } from '../guides/demo.js';

const K = '/shifanxian/kiosk';
const RAW_SCRIPT = /<script>alert/i;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('offline: 办事指南 on the 政务公开专区 kiosk', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  let govId: number;
  const NX_CODE = 'NX-KIOSK-0001';
  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0' }, { region: true, full: true });
    actors = await demoActors(t.database.db, ['office', 'nx-office']);
    govId = actors.get('office')!.placement.govId!;
    // A guide of 南县, published by its own office, to show it never appears on 示范县's screen.
    const nx = { db: t.database.db, actor: actors.get('nx-office')! };
    const id = await createItem(nx, { agencyId: actors.get('nx-office')!.agencyId, code: NX_CODE, domainCode: DEMO_GUIDES[0]!.domainCode, data: { ...DEMO_GUIDES[0]!.data, name: '南县居民最低生活保障审核确认' } });
    await submitVersion(nx, id);
    await approveVersion(nx, id);
    await publishVersion(nx, id);
  });
  after(async () => t?.close());

  it('lists every published guide of the county, by department and by theme, inside the kiosk shell', async () => {
    const b = new Browser(t.app);
    const all = await listPublishedGuides(t.database.db, govId);
    assert.ok(all.length >= 5, 'the demo county has published guides');
    const page = await b.get(`${K}/banshi`);
    assert.equal(page.statusCode, 200);
    for (const s of ['data-idle="120"', `data-home="${K}"`, `${K}/assets/kiosk.css`, '按部门查找', '按主题查找']) assert.ok(page.body.includes(s), s);
    assert.ok(!page.body.includes('class="site-header"'), 'no site chrome');
    for (const g of all) {
      assert.ok(page.body.includes(`href="${K}/banshi/${encodeURIComponent(g.code)}"`), g.code);
      assert.ok(page.body.includes(esc(g.name)), g.name);
      assert.ok(page.body.includes(esc(g.agencyName)), g.agencyName);
    }
    const linked = new Set([...page.body.matchAll(new RegExp(`href="${K}/banshi/([^"?#]+)"`, 'g'))].map((m) => decodeURIComponent(m[1]!)));
    assert.deepEqual([...linked].sort(), all.map((g) => g.code).sort(), 'exactly the county\'s published guides');
    // A theme narrows the list to its guides.
    const theme = all.flatMap((g) => g.personThemes)[0]!;
    const themed = await b.get(`${K}/banshi?theme=${encodeURIComponent(theme)}`);
    assert.equal(themed.statusCode, 200);
    for (const g of all) assert.equal(themed.body.includes(`${K}/banshi/${encodeURIComponent(g.code)}"`), g.personThemes.includes(theme) || g.enterpriseThemes.includes(theme), `${theme}: ${g.name}`);
    assert.equal((await b.get(`${K}/banshi?theme=%3Cscript%3Ealert(1)%3C/script%3E`)).statusCode, 200, 'an unknown theme shows the whole list');
  });

  it('shows a guide\'s materials with their necessity, limits, fees, place and contacts, a print button and a QR code to the full guide', async () => {
    const all = await listPublishedGuides(t.database.db, govId);
    const withFee = (await Promise.all(all.map((g) => publishedGuideByCode(t.database.db, govId, g.code)))).filter((g) => g && g.data.materials.length > 1);
    const g = withFee[0]!;
    const page = await new Browser(t.app).get(`${K}/banshi/${encodeURIComponent(g.code)}`);
    assert.equal(page.statusCode, 200);
    for (const m of g.data.materials) {
      assert.ok(page.body.includes(esc(m.name)), m.name);
      assert.match(page.body, new RegExp(`${esc(m.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</span><span class="k-tag [a-z-]+">${m.necessity}<`), `${m.name}: ${m.necessity}`);
    }
    for (const s of [esc(g.data.conditions.split('\n')[0]!), String(g.data.promisedLimit.value), esc(g.data.hours), esc(g.data.place.split('\n')[0]!), esc(g.data.consult.split('\n')[0]!), 'data-print', '<svg', `/banshi/${encodeURIComponent(g.code)}`, 'data-idle="120"']) assert.ok(page.body.includes(s), s);
    assert.ok(page.body.includes(g.data.fees.length ? esc(g.data.fees[0]!.standard) : '不收费'));
  });

  it('answers an unknown or hostile guide code with a Chinese 404 inside the kiosk, never a 500', async () => {
    const b = new Browser(t.app);
    const codes = ['ZZ-000000', encodeURIComponent('<script>alert(1)</script>'), encodeURIComponent("1' OR '1'='1"), encodeURIComponent('1; DROP TABLE guide_items; --'), 'a'.repeat(500), 'a/b', `${'a'.repeat(300)}/b`];
    for (const c of codes) {
      const r = await b.get(`${K}/banshi/${c}`);
      assert.equal(r.statusCode, 404, c.slice(0, 40));
      assert.match(r.body, /页面不存在/);
      assert.match(r.body, /未找到该办事指南/);
      assert.ok(r.body.includes('data-idle="120"'), 'still the kiosk shell with its idle timer');
      assert.ok(!RAW_SCRIPT.test(r.body), 'escaped');
    }
    // An invalid UTF-8 escape in the path is refused by the router before any route (the platform's
    // answer for every URL): a Chinese 400 page, not a 500.
    for (const [c, m] of [['%C3%28', /网址格式不正确/], ['%FF%FE', /网址格式不正确/], ['%00', /“code”含有不允许的控制字符/]] as const) {
      const r = await b.get(`${K}/banshi/${c}`);
      assert.equal(r.statusCode, 400, c);
      assert.match(r.body, m);
    }
  });

  it('never shows another county\'s guide on this county\'s kiosk', async () => {
    const b = new Browser(t.app);
    assert.ok(!(await b.get(`${K}/banshi`)).body.includes(NX_CODE));
    const r = await b.get(`${K}/banshi/${NX_CODE}`);
    assert.equal(r.statusCode, 404);
    assert.ok(!r.body.includes('南县居民最低生活保障审核确认'));
    const own = await b.get(`/nanxian/kiosk/banshi/${NX_CODE}`);
    assert.equal(own.statusCode, 200, 'it is on its own county\'s kiosk');
    assert.ok(own.body.includes('南县居民最低生活保障审核确认'));
    assert.ok((await b.get('/nanxian/kiosk/banshi')).body.includes(`/nanxian/kiosk/banshi/${NX_CODE}`));
  });
});
