import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import { todayInShanghai, yearOf } from '../../core/calendar/dates.js';
import { DEMO_GUIDES } from './demo.js';
import type { GuideData } from './elements.js';
import { guideItems, guideNotices } from './schema.js';
import { issueNotice } from './notices.js';
import { listPublishedGuides } from './public.js';

const SCRIPT = '<script>alert(1)</script>';
const noRawScript = (html: string, where: string) => assert.ok(!/<script>alert/i.test(html), `raw script on ${where}`);
const lowbao = DEMO_GUIDES[0]!;

/** A guide's elements as the staff form posts them. */
function formOf(d: GuideData): Record<string, string | string[]> {
  const f: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(d)) {
    if (typeof v === 'string' || typeof v === 'number') f[k] = String(v);
    else if (Array.isArray(v) && (v.length === 0 || typeof v[0] === 'string')) f[k] = v as string[];
    else if (Array.isArray(v)) (v as Record<string, unknown>[]).forEach((row, i) => { for (const [c, x] of Object.entries(row)) if (x !== false && x != null) f[`${k}.${i}.${c}`] = x === true ? '1' : String(x); });
    else for (const [c, x] of Object.entries(v as Record<string, unknown>)) f[`${k}.${c}`] = String(x);
  }
  return f;
}

describe('guides over HTTP: public pages, the staff form, the 一次性告知单, hostile input', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  let office: Browser, editor: Browser, other: Browser;
  const idFrom = (loc: unknown) => Number(/\/admin\/banshi\/(\d+)/.exec(String(loc))![1]);

  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0' }, {});
    actors = await demoActors(t.database.db, ['office', 'minzheng', 'jiaoyu']);
    office = new Browser(t.app); await office.login('office');
    editor = new Browser(t.app); await editor.login('minzheng');
    other = new Browser(t.app); await other.login('jiaoyu');
  });
  after(async () => t?.close());

  it('the public browses by department, theme and 一件事, reads every element, and gets a 简版 with a QR code', async () => {
    const pub = new Browser(t.app);
    const index = (await pub.get('/banshi')).body;
    for (const s of ['县民政局', '县教育局', '县人力资源和社会保障局', '最低生活保障审核确认', '失业人员就业创业一件事', '生育收养', '开办企业']) assert.ok(index.includes(s), s);
    assert.ok(index.includes('href="/banshi/yibentong"'), 'the guides index leads to the 一本通');
    const theme = (await pub.get(`/banshi?theme=${encodeURIComponent('就业创业')}`)).body;
    assert.match(theme, /主题：就业创业/);
    assert.match(theme, /创业担保贷款申请/);
    const page = (await pub.get(`/banshi/${lowbao.code}`)).body;
    for (const s of ['社会救助暂行办法', '家庭经济状况核对授权书', '容缺后补', '30 个工作日', '20 个工作日', '公示', '不计入', '12345政务服务便民热线', '示范县人民法院', '没有本县户籍的可以申请吗']) assert.ok(page.includes(s), s);
    // The guide page leads to its 好差评 form, which names the same item.
    const rate = /href="([^"]*\/haocha\?code=[^"]+)"/.exec(page)?.[1];
    assert.ok(rate, 'the guide page links to its rating form');
    const form = await pub.get(rate!.replace(/&amp;/g, '&'));
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /评价：最低生活保障审核确认/);
    const brief = await pub.get(`/banshi/${lowbao.code}/jianban`);
    assert.equal(brief.statusCode, 200);
    assert.match(brief.body, /<svg/);
    assert.match(brief.body, /最低生活保障审核确认/);
    assert.match(brief.body, /jianban\.css/);
    const css = await pub.get('/banshi/jianban.css');
    assert.match(String(css.headers['content-type']), /text\/css/);
    assert.match(css.body, /size: A4/);
    const yjs = /href="\/banshi\/yijianshi\/(\d+)"/.exec(index)![1];
    const bundle = (await pub.get(`/banshi/yijianshi/${yjs}`)).body;
    assert.match(bundle, /牵头部门/);
    assert.equal(bundle.match(/<td>居民身份证<\/td>/g)?.length, 1, 'the ID card is listed once');
    // Unpublished and unknown codes are 404; hostile paths and queries never 5xx.
    for (const u of ['/banshi/NOPE', '/banshi/%3Cscript%3E', `/banshi/${'9'.repeat(100)}`, '/banshi/yijianshi/abc', '/banshi/yijianshi/99999999999', `/banshi?theme=${encodeURIComponent(SCRIPT)}`, "/banshi?agency=' OR 1=1", '/banshi?theme=%C3%28', `/banshi/${lowbao.code}/jianban?x=${encodeURIComponent(SCRIPT)}`]) {
      const r = await pub.get(u);
      assert.ok(r.statusCode < 500, `${u}: ${r.statusCode}`);
      noRawScript(r.body, u);
    }
    assert.equal((await pub.get('/banshi/NOPE')).statusCode, 404);
  });

  it('the office composes a 一件事 from published items; bad input is refused beside its box; editors cannot', async () => {
    const page = (await office.get('/admin/banshi/yijianshi')).body;
    assert.match(page, /失业人员就业创业一件事/);
    const lead = /<option value="(\d+)"[^>]*>县民政局<\/option>/.exec(page)![1]!;
    const good = { name: '困难群众救助一件事', audience: 'person', description: '', leadAgencyId: lead, codes: '000718006000-411101\n000718008000-411101' };
    const from = { from: '/admin/banshi/yijianshi' };
    assert.equal((await editor.post('/admin/banshi/yijianshi', good, from)).statusCode, 403);
    for (const body of [{ ...good, codes: '000718006000-411101' }, { ...good, codes: `${SCRIPT}\n' OR 1=1 --` }, { ...good, name: 'n'.repeat(300_000) }, { ...good, leadAgencyId: '99999' }, { ...good, audience: SCRIPT }, { ...good, cooperating: ['abc', '-1'] }]) {
      const r = await office.post('/admin/banshi/yijianshi', body as Record<string, string>, from);
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${JSON.stringify(body).slice(0, 80)}: ${r.statusCode}`);
      noRawScript(r.body, 'bundle form');
    }
    const bad = await office.post('/admin/banshi/yijianshi', { ...good, codes: 'NOPE-1\n000718006000-411101' }, from);
    assert.match(bad.body, /不是本级政府已发布的事项：NOPE-1/);
    assert.match(bad.body, /困难群众救助一件事/, 'the name typed is kept');
    assert.equal((await office.post('/admin/banshi/yijianshi', good, from)).statusCode, 303);
    const pub = (await new Browser(t.app).get('/banshi')).body;
    assert.match(pub, /困难群众救助一件事/);
  });

  it('a catalog\'s 办事指南 row links to the guides of its domain', async () => {
    const pub = new Browser(t.app);
    const domainPage = (await pub.get('/catalog/domains/social-assistance')).body;
    const rows = [...domainPage.matchAll(/<a href="\/catalog\/items\/(\d+)">([^<]*)<\/a>/g)].filter((m) => m[2]!.includes('办事指南'));
    assert.ok(rows.length > 0, 'the demo publishes a 社会救助 catalog with a 办事指南 row');
    const item = (await pub.get(`/catalog/items/${rows[0]![1]}`)).body;
    assert.match(item, /href="\/banshi\?domain=social-assistance"/);
    const list = (await pub.get('/banshi?domain=social-assistance')).body;
    assert.match(list, /社会救助领域的办事指南/);
    assert.match(list, /最低生活保障审核确认/);
    assert.ok(!list.includes('义务教育阶段学生转学'), 'another domain\'s guide is not listed');
  });

  it('the staff form: errors beside the boxes with the values kept, then draft → review → publish → public', async () => {
    const base = { ...formOf({ ...lowbao.data, name: '临时测试事项' }), agencyId: String(actors.get('minzheng')!.agencyId), code: 'H-1', level: 'main' };
    const bad = await editor.post('/admin/banshi/new', { ...base, 'promisedLimit.value': '99', visits: '2', visitsReason: '', 'materials.0.necessity': 'x', name: '' });
    assert.equal(bad.statusCode, 400);
    for (const id of ['g-name-error', 'g-promisedLimit-error', 'g-visitsReason-error', 'g-materials-0-necessity-error']) assert.ok(bad.body.includes(`id="${id}"`), id);
    const huge = await editor.post('/admin/banshi/new', { ...base, name: 'n'.repeat(300_000) });
    assert.equal(huge.statusCode, 400);
    assert.match(huge.body, /id="g-name-error"/);
    assert.match(bad.body, /家庭经济状况核对授权书/, 'typed rows are kept');
    const cmp = await editor.post('/admin/banshi/new', { ...base, 'promisedLimit.value': '99' });
    assert.match(cmp.body, /不能长于法定办结时限/);
    const ok = await editor.post('/admin/banshi/new', base);
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
    const id = idFrom(ok.headers.location);
    assert.equal((await other.get(`/admin/banshi/${id}`)).statusCode, 404, 'another agency cannot read it');
    assert.equal((await new Browser(t.app).get('/banshi/H-1')).statusCode, 404, 'a draft is not public');
    const from = { from: `/admin/banshi/${id}` };
    assert.equal((await editor.post(`/admin/banshi/${id}/submit`, {}, from)).statusCode, 303);
    assert.equal((await editor.post(`/admin/banshi/${id}/approve`, {}, from)).statusCode, 403);
    assert.equal((await office.post(`/admin/banshi/${id}/approve`, {}, from)).statusCode, 303);
    assert.equal((await office.post(`/admin/banshi/${id}/publish`, {}, from)).statusCode, 303);
    assert.equal((await office.post(`/admin/banshi/${id}/publish`, {}, from)).statusCode, 409, 'a double submit is refused');
    assert.match((await new Browser(t.app).get('/banshi/H-1')).body, /临时测试事项/);
    // Hostile values on every staff form.
    const hostileNew = await editor.post('/admin/banshi/new', { ...base, code: 'H-2', name: `${SCRIPT}'; DROP TABLE guide_items; --`, consult: SCRIPT, 'faqs.0.question': SCRIPT, 'faqs.0.answer': SCRIPT });
    assert.equal(hostileNew.statusCode, 303, /field-error[^>]*>([^<]+)/.exec(hostileNew.body)?.[1]);
    const sid = idFrom(hostileNew.headers.location);
    for (const u of [`/admin/banshi/${sid}`, `/admin/banshi/${sid}/edit`, '/admin/banshi']) noRawScript((await editor.get(u)).body, u);
    for (const [path, body] of [['edit', { ...base, 'legalLimit.value': '-1', 'legalLimit.unit': '月' }], ['edit', { ...base, changedOn: '2026-02-30' }], ['return', { reason: 'r'.repeat(300_000) }], ['submit', { x: SCRIPT }], ['edit', { ...base, name: '\uFFFD' }]] as const) {
      const r = await office.post(`/admin/banshi/${sid}/${path}`, body as Record<string, string>, path === 'edit' ? {} : { from: `/admin/banshi/${sid}` });
      assert.ok(r.statusCode < 500, `${path}: ${r.statusCode}`);
      noRawScript(r.body, path);
    }
    for (const u of ['/admin/banshi/abc', '/admin/banshi/99999999999', '/admin/banshi/1/gaozhi?x=%C3%28', '/admin/banshi/gaozhi/abc']) assert.ok((await office.get(u)).statusCode < 500, u);
    assert.ok((await editor.post('/admin/banshi/new', base, { csrf: null })).statusCode >= 400, 'no CSRF token, refused');
  });

  it('a 告知单 lists exactly the unticked materials, is numbered per government and year, and can be reopened', async () => {
    const gov = actors.get('office')!.placement.govId;
    const g = (await listPublishedGuides(t.database.db, gov)).find((x) => x.code === lowbao.code)!;
    const names = lowbao.data.materials.map((m) => m.name);
    const brought = [names[0]!, names[2]!];
    const form = (await editor.get(`/admin/banshi/${g.id}/gaozhi`)).body;
    for (const n of names) assert.ok(form.includes(`value="${n}"`), n);
    const r = await editor.post(`/admin/banshi/${g.id}/gaozhi`, { brought, note: '' }, { from: `/admin/banshi/${g.id}/gaozhi` });
    assert.equal(r.statusCode, 303);
    const page = (await editor.get(String(r.headers.location))).body;
    const missing = [...page.matchAll(/<li><strong>([^<]+)<\/strong>/g)].map((m) => m[1]);
    assert.deepEqual(missing, names.filter((n) => !brought.includes(n)));
    const year = yearOf(todayInShanghai());
    assert.match(page, new RegExp(`示范县告〔${year}〕\\d{4}号`));
    assert.match(page, /30 个工作日/);
    assert.match(page, /县民政局社会救助股/);
    assert.equal((await other.get(String(r.headers.location))).statusCode, 404, 'another agency cannot open it');
    // Everything brought: nothing to tell; a name not in the list: refused.
    assert.equal((await editor.post(`/admin/banshi/${g.id}/gaozhi`, { brought: names }, { from: `/admin/banshi/${g.id}/gaozhi` })).statusCode, 400);
    const hostile = await editor.post(`/admin/banshi/${g.id}/gaozhi`, { brought: [SCRIPT, "'; DROP TABLE guide_notices; --"], note: SCRIPT }, { from: `/admin/banshi/${g.id}/gaozhi` });
    assert.equal(hostile.statusCode, 400);
    noRawScript(hostile.body, 'gaozhi');
    assert.equal((await other.post(`/admin/banshi/${g.id}/gaozhi`, { brought: [] }, { from: `/admin/banshi/${g.id}/gaozhi` })).statusCode, 404);

    // Twelve issued at once: numbers 1…n without gaps or repeats.
    const ctx = { db: t.database.db, actor: actors.get('minzheng')! };
    await Promise.all(Array.from({ length: 12 }, () => issueNotice(ctx, g.id, { brought: [] })));
    const seqs = (await t.database.db.select({ seq: guideNotices.seq }).from(guideNotices).where(eq(guideNotices.govId, gov))).map((x) => x.seq).sort((a, b) => a - b);
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1));
    assert.ok((await t.database.db.select().from(guideItems)).length > 0);
  });
});
