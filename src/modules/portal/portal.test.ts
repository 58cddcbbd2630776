import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../core/auth/actor.js';
import { AppError } from '../../core/errors.js';
import { loadConfig } from '../../config.js';
import { createTestDatabase } from '../../db/testing.js';
import { buildApp } from '../../http/server.js';
import { agencies } from '../../core/org/schema.js';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { login } from '../account/service.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { listAgencies } from '../org/service.js';
import { createDraft, transition } from '../info/service.js';
import type { DraftInput } from '../info/validate.js';
import { listAuditEvents } from '../../core/audit/service.js';
import { auditActionLabel } from '../../core/audit/labels.js';
import { checkIdentity } from './site.js';
import { savePart } from './guide.js';

const meta = (html: string, name: string): string | undefined => new RegExp(`<meta name="${name}" content="([^"]*)"`).exec(html)?.[1];
const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
/** The label of the main navigation's current link (exactly one, or the test fails). */
const currentNav = (html: string): string => {
  const nav = /<nav aria-label="主导航"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  const hits = [...nav.matchAll(/<a href="[^"]*" aria-current="page">([^<]*)<\/a>/g)].map((m) => m[1]!);
  assert.equal(hits.length, 1, `one current section, got: ${hits.join(', ') || 'none'}`);
  return hits[0]!;
};
const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

const draft = (over: Partial<DraftInput> = {}): DraftInput => ({
  title: '城关镇关于做好2026年春耕生产工作的通知', kind: '通知', theme: '农业、林业、水利\\农业、畜牧业、渔业', assembly: '业务工作',
  docNumber: '城政〔2026〕1号', writtenDate: '2026-03-02', formedDate: '2026-03-02', regulatory: false, body: '第一条 正文。',
  disclosure: 'active', disclosureGround: '', catalogItemKeys: [], changeNote: '', minorChange: false, ...over,
});

/** Public pages a visitor reaches from the home page; none may be a placeholder. */
const PUBLIC_PAGES = ['/', '/zfxxgk', '/zfxxgk/guide', '/zfxxgk/rules', '/zfxxgk/statutory', '/zfxxgk/annual-reports', '/sitemap', '/accessibility', '/xxgk', '/catalog', '/agencies', '/yishenqing', '/yishenqing/apply'];

describe('the demo site: identity, meta tags, home page, navigation, guides', () => {
  let t: TestApp;
  const actors = new Map<string, Actor>();
  const as = (u: string) => ({ db: t.database.db, actor: actors.get(u)! });
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
  let docId = 0;
  let chengguanId = 0;
  let hexiId = 0;

  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0' });
    for (const u of ['chengguan', 'chengguan-sh', 'hexi', 'office', 'admin']) {
      const r = await login(t.database.db, { username: u, password: DEMO_PASSWORD, address: "127.0.0.1" });
      assert.ok(r.ok, `login ${u}`);
      actors.set(u, r.actor);
    }
    const all = await listAgencies(t.database.db);
    chengguanId = all.find((a) => a.name === '城关镇')!.id;
    hexiId = all.find((a) => a.name === '河西乡')!.id;
    const d = await createDraft(as('chengguan'), draft({ title: '城关镇关于<script>x</script>春耕的通知' }));
    await transition(as('chengguan'), d.editionId, 'submit');
    await transition(as('chengguan-sh'), d.editionId, 'approve', { secrecyConclusion: '不涉及国家秘密' });
    await transition(as('chengguan-sh'), d.editionId, 'publish');
    docId = d.documentId;
  });
  after(() => t.close());

  it('names the government in the header, the title, the meta tags and the footer', async () => {
    const res = await get('/');
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.equal(title(html), '示范县人民政府');
    assert.match(html, /<div class="brand">\s*<a href="\/">示范县人民政府<\/a>/);
    assert.doesNotMatch(html, /政务公开平台/);
    assert.equal(meta(html, 'SiteName'), '示范县人民政府');
    assert.equal(meta(html, 'SiteDomain'), 'www.shifan.gov.cn');
    assert.equal(meta(html, 'SiteIDCode'), '4199010001');
    assert.equal(meta(html, 'ColumnName'), '首页');
    assert.match(meta(html, 'Keywords') ?? '', /政务公开/);
    assert.match(meta(html, 'Description') ?? '', /示范县人民政府/);
    assert.equal(meta(html, 'ArticleTitle'), undefined, 'the home page is not an article');
    const footer = /<footer[\s\S]*<\/footer>/.exec(html)![0];
    for (const text of ['主办单位：示范县人民政府', '承办单位：示范县人民政府办公室', '联系电话：0373-1234510', 'zwgk@shifan.gov.cn', '网站标识码：4199010001', '豫ICP备19000001号-1', '豫公网安备 41990102000001号']) assert.ok(footer.includes(text), `footer has ${text}`);
    assert.match(footer, /<a href="\/sitemap">网站地图<\/a>/);
    assert.match(footer, /<a href="\/accessibility">无障碍声明<\/a>/);
    assert.match(footer, /href="https:\/\/beian\.mps\.gov\.cn\/#\/query\/webSearch\?code=41990102000001"/);
    assert.match(html, /<link rel="icon" href="\/favicon.ico"/);
    // Staff pages carry the same name.
    const b = new Browser(t.app);
    await b.login('office');
    const admin = await b.get('/admin');
    assert.match(title(admin.body) ?? '', / - 示范县人民政府$/);
    assert.equal(meta(admin.body, 'SiteName'), '示范县人民政府');
  });

  it('serves a real favicon', async () => {
    const ico = await t.app.inject({ method: 'GET', url: '/favicon.ico' });
    assert.equal(ico.statusCode, 200);
    assert.match(String(ico.headers['content-type']), /^image\/(x-icon|vnd\.microsoft\.icon)/);
    assert.deepEqual([...ico.rawPayload.subarray(0, 4)], [0, 0, 1, 0], 'an ICO header');
    const svg = await t.app.inject({ method: 'GET', url: '/static/favicon.svg' });
    assert.equal(svg.statusCode, 200);
    assert.match(svg.body, /^<svg /);
  });

  it('gives a document page the article meta tags with its title, time and publisher', async () => {
    const res = await get(`/xxgk/${docId}`);
    assert.equal(res.statusCode, 200);
    assert.equal(meta(res.body, 'ArticleTitle'), '城关镇关于&lt;script&gt;x&lt;/script&gt;春耕的通知');
    assert.match(meta(res.body, 'PubDate') ?? '', /^20\d\d-\d\d-\d\d \d\d:\d\d$/);
    assert.equal(meta(res.body, 'ContentSource'), '城关镇');
    assert.equal(meta(res.body, 'ColumnName'), '政府信息公开');
    assert.equal(meta(res.body, 'SiteName'), '示范县人民政府');
    assert.match(meta(res.body, 'Keywords') ?? '', /通知/);
    assert.match(meta(res.body, 'Description') ?? '', /城政〔2026〕1号/);
    assert.doesNotMatch(res.body, /<script>x/);
  });

  it('shows the latest information, 通知公告 and the ways to apply on the home page', async () => {
    const html = (await get('/')).body;
    const section = (id: string) => new RegExp(`<section aria-labelledby="${id}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
    assert.ok(section('latest-h').includes(`href="/xxgk/${docId}"`), 'the new document is among the latest');
    assert.ok(section('notices-h').includes(`href="/xxgk/${docId}"`), 'a 通知 is among 通知公告');
    assert.match(section('ysq-h'), /href="\/yishenqing\/apply"/);
    assert.match(section('ysq-h'), /href="\/yishenqing\/follow"/);
  });

  it('marks the current section of the navigation on deep pages', async () => {
    const cases: [string, string][] = [
      ['/', '首页'], ['/zfxxgk/guide', '政府信息公开'], [`/zfxxgk/guide/${chengguanId}`, '政府信息公开'], [`/xxgk/${docId}`, '政府信息公开'], ['/xxgk', '政府信息公开'],
      ['/catalog/domains/social-assistance', '基层政务公开'], ['/yishenqing/apply', '依申请公开'], ['/yishenqing/follow', '依申请公开'], [`/agencies/${chengguanId}`, '机构概况'],
    ];
    for (const [url, label] of cases) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.equal(currentNav(res.body), label, url);
    }
  });

  it('has no placeholder page', async () => {
    for (const url of [...PUBLIC_PAGES, `/zfxxgk/guide/${hexiId}`, `/zfxxgk/rules/${hexiId}`]) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /建设中/, url);
    }
  });

  it('lets only the administrator set the identity, and shows it at once, escaped', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    assert.equal((await office.get('/admin/site')).statusCode, 403);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await office.get('/admin')).body)![1]!;
    assert.equal((await office.post('/admin/site', { name: '篡改' }, { csrf })).statusCode, 403);
    const anon = await t.app.inject({ method: 'GET', url: '/admin/site', headers: { accept: 'text/html' } });
    assert.equal(anon.statusCode, 302);

    const admin = new Browser(t.app);
    await admin.login('admin');
    const form = await admin.get('/admin/site');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="示范县人民政府"/);
    const base = { name: '示范县人民政府', domain: 'www.shifan.gov.cn', idCode: '4199010001', icp: '豫ICP备19000001号-1', police: '豫公网安备 41990102000001号', sponsor: '示范县人民政府', organizer: '示范县人民政府办公室', address: '示范县人民路10号', phone: '0373-1234510', email: 'zwgk@shifan.gov.cn', keywords: '', description: '' };

    // Every problem at once, each beside its field, and what was typed kept.
    const bad = await admin.post('/admin/site', { ...base, name: '县'.repeat(61), icp: 'ICP12345', idCode: '12345', police: '公网安备123', email: 'not-an-email' });
    assert.equal(bad.statusCode, 400);
    for (const m of ['网站名称（政府名称）不能超过 60 个字符', 'ICP备案号的格式如', '网站标识码为 10 位', '公安机关备案号的格式如', '电子邮箱格式不正确']) assert.ok(bad.body.includes(m), m);
    assert.match(bad.body, /id="site-icp-error"/);
    assert.match(bad.body, /value="ICP12345"/);
    assert.equal(title((await get('/')).body), '示范县人民政府', 'nothing saved');

    const ok = await admin.post('/admin/site', { ...base, name: '示范县<script>alert(1)</script>人民政府', organizer: '县政府办"公室' });
    assert.equal(ok.statusCode, 303);
    const home = (await get('/')).body;
    assert.equal(title(home), '示范县&lt;script&gt;alert(1)&lt;/script&gt;人民政府');
    assert.equal(meta(home, 'SiteName'), '示范县&lt;script&gt;alert(1)&lt;/script&gt;人民政府');
    assert.doesNotMatch(home, /<script>alert/);
    assert.match(home, /承办单位：县政府办&quot;公室/);

    const events = await listAuditEvents(as('admin'));
    const e = events.find((x) => x.action === 'portal.site_updated');
    assert.ok(e, 'the save is audited');
    assert.equal(auditActionLabel(e.action), '修改网站标识');
    assert.equal((e.before as { name: string }).name, '示范县人民政府');

    // Put the demo's name back for the other tests.
    assert.equal((await admin.post('/admin/site', base)).statusCode, 303);
    assert.equal(title((await get('/')).body), '示范县人民政府');
  });

  it('checks the identity field by field', () => {
    assert.ok('identity' in checkIdentity({ name: '某某县人民政府', idCode: 'bm07000001', icp: '京ICP备05070218号', police: '京公网安备11010202000001号' }), 'a valid identity passes');
    const r = checkIdentity({ name: ' ', domain: 'http://x.gov.cn/', phone: 'abc' });
    assert.ok('problems' in r, 'an invalid identity is refused');
    assert.deepEqual(Object.keys(r.problems).sort(), ['domain', 'name', 'phone']);
  });

  it('shows each agency its guide prefilled from its facts, with the parts Article 12 requires', async () => {
    const html = (await get(`/zfxxgk/guide/${chengguanId}`)).body;
    assert.match(title(html) ?? '', /^城关镇政府信息公开指南 - /);
    for (const part of ['政府信息的分类和编排体系', '主动公开', '依申请公开', '政府信息公开工作机构', '办公地址', '办公时间', '联系电话', '传真号码', '电子邮箱', '邮政编码', '监督和救济', '在线申请', '信函申请', '当面申请']) assert.ok(html.includes(part), part);
    assert.ok(html.includes('示范县城关镇政府路1号'), "the agency's address");
    assert.ok(html.includes('0373-2234500'), "the agency's phone");
    assert.match(html, /根据城关镇登记的机构信息/);
    // The column's page is the county's, answered by its general office, with every agency listed.
    const column = (await get('/zfxxgk/guide')).body;
    assert.match(column, /<h1>示范县人民政府信息公开指南<\/h1>/);
    assert.ok(column.includes('县人民政府办公室（政务公开办公室）'), 'the county guide names its general office');
    assert.ok(column.includes(`href="/zfxxgk/guide/${hexiId}"`), 'every agency is listed');
    // Villages keep no guide.
    const village = (await listAgencies(t.database.db)).find((a) => a.kind === 'village')!;
    assert.equal((await get(`/zfxxgk/guide/${village.id}`)).statusCode, 404);
  });

  it('lets the agency write its guide and its reviewer or the office publish it, audited', async () => {
    const editor = new Browser(t.app);
    await editor.login('chengguan');
    const page = await editor.get(`/admin/guides/${chengguanId}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('示范县城关镇政府路1号'), 'the editor starts from the prefilled guide');
    assert.doesNotMatch(page.body, /name="action" value="publish"/, 'an editor cannot publish');
    const form = Object.fromEntries([...page.body.matchAll(/<input id="g-(\w+)" name="(\w+)"[^>]*value="([^"]*)"/g)].map((m) => [m[2]!, m[3]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&')]));
    const areas = Object.fromEntries([...page.body.matchAll(/<textarea id="g-(\w+)" name="(\w+)"[^>]*>([^<]*)<\/textarea>/g)].map((m) => [m[2]!, m[3]!]));
    const guide = { ...form, ...areas, fax: '0373-2234599', email: 'cgz@shifan.gov.cn', postcode: '419901', officeName: '城关镇党政综合办公室<b>' };

    const missing = await editor.post(`/admin/guides/${chengguanId}/guide`, { ...guide, address: ' ', postcode: '12', action: 'save' });
    assert.equal(missing.statusCode, 400);
    assert.ok(missing.body.includes('请填写办公地址'), 'a missing address is named');
    assert.ok(missing.body.includes('邮政编码为 6 位数字'), 'a bad postcode is named');
    assert.match(missing.body, /value="12"/, 'what was typed is kept');

    assert.equal((await editor.post(`/admin/guides/${chengguanId}/guide`, { ...guide, action: 'save' })).statusCode, 303);
    assert.equal((await editor.post(`/admin/guides/${chengguanId}/guide`, { ...guide, action: 'publish' })).statusCode, 403);
    let pub = (await get(`/zfxxgk/guide/${chengguanId}`)).body;
    assert.doesNotMatch(pub, /党政综合办公室/, 'a draft is not public');

    // Another agency's editor cannot open it; the reviewer sees it waiting and publishes it.
    const other = new Browser(t.app);
    await other.login('hexi');
    assert.equal((await other.get(`/admin/guides/${chengguanId}`)).statusCode, 404);
    const reviewer = new Browser(t.app);
    await reviewer.login('chengguan-sh');
    assert.match((await reviewer.get('/admin')).body, /公开指南待发布/);
    assert.equal((await reviewer.post(`/admin/guides/${chengguanId}/guide`, { ...guide, action: 'publish' })).statusCode, 303);
    pub = (await get(`/zfxxgk/guide/${chengguanId}`)).body;
    assert.ok(pub.includes('城关镇党政综合办公室&lt;b&gt;'), 'published, escaped');
    assert.ok(pub.includes('0373-2234599') && pub.includes('419901') && pub.includes('mailto:cgz@shifan.gov.cn'), 'fax, postcode and email are public');
    assert.match(pub, /城关镇发布，发布日期：/);
    assert.doesNotMatch((await reviewer.get('/admin')).body, /公开指南待发布/);

    const events = await listAuditEvents(as('office'));
    const labels = events.filter((e) => e.action.startsWith('portal.guide')).map((e) => auditActionLabel(e.action));
    assert.ok(labels.includes('保存政府信息公开指南') && labels.includes('发布政府信息公开指南'), labels.join());
    assert.ok(events.some((e) => e.action === 'portal.guide_published' && e.actorName === '城关镇 钱审核'), 'the publication names the reviewer');
  });

  it('publishes 制度 written by the office for any agency, dropping empty rows', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    assert.match((await office.get('/admin/guides')).body, /河西乡/);
    const res = await office.post(`/admin/guides/${hexiId}/rules`, { title: ['河西乡政府信息公开保密审查办法', '', ''], body: ['第一条 <script>x</script>信息发布前须经保密审查。', '', ''], action: 'publish' });
    assert.equal(res.statusCode, 303);
    const pub = (await get(`/zfxxgk/rules/${hexiId}`)).body;
    assert.ok(pub.includes('1. 河西乡政府信息公开保密审查办法'), 'the 制度 is public');
    assert.ok(pub.includes('第一条 &lt;script&gt;x&lt;/script&gt;信息发布前须经保密审查。'), 'its text is escaped');
    assert.doesNotMatch(pub, /政策解读制度/, 'the prefilled list is replaced');
    const half = await office.post(`/admin/guides/${hexiId}/rules`, { title: ['只有名称'], body: [''], action: 'save' });
    assert.equal(half.statusCode, 400);
    assert.ok(half.body.includes('第 1 项制度缺少内容'), 'a 制度 without text is refused');
    // The service refuses the same for the JSON-free path, with a stable code.
    await assert.rejects(savePart(as('hexi'), chengguanId, 'rules', [{ title: 'a', body: 'b' }]), (e) => code(e) === 'not_found');
    await assert.rejects(savePart(as('admin'), chengguanId, 'rules', [{ title: 'a', body: 'b' }]), (e) => code(e) === 'forbidden');
  });
});

describe('a fresh installation (no demo data)', () => {
  it('shows the top agency as the site, and its guide prefilled, with no placeholder', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_CACHE_TTL: '0' });
    const database = await createTestDatabase({ demo: false });
    const app = await buildApp({ config, db: database.db });
    await app.ready();
    try {
      const get = (url: string) => app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      // Before any agency exists, pages still render.
      assert.equal((await get('/zfxxgk/guide')).statusCode, 200);
      const [county] = await database.db.insert(agencies).values({ name: '某某县人民政府', kind: 'county', address: '某某县府前路1号', phone: '0371-1111111', officeHours: '工作日 9:00-17:00' }).returning();
      await database.db.insert(agencies).values({ name: '县人民政府办公室', kind: 'department', parentId: county!.id, address: '某某县府前路2号', phone: '0371-2222222', officeHours: '工作日 8:30-17:30' });
      const home = (await get('/')).body;
      assert.equal(title(home), '某某县人民政府');
      assert.equal(meta(home, 'SiteName'), '某某县人民政府');
      assert.match(home, /主办单位：某某县人民政府/);
      assert.match(home, /承办单位：县人民政府办公室/);
      const guide = (await get('/zfxxgk/guide')).body;
      for (const part of ['政府信息的分类和编排体系', '获取政府信息的方式', '依申请公开', '县人民政府办公室（政务公开办公室）', '某某县府前路2号', '工作日 8:30-17:30', '0371-2222222', '传真号码', '电子邮箱', '监督和救济']) assert.ok(guide.includes(part), part);
      for (const url of PUBLIC_PAGES) {
        const res = await get(url);
        assert.equal(res.statusCode, 200, url);
        assert.doesNotMatch(res.body, /建设中/, url);
      }
    } finally {
      await app.close();
      await database.close();
    }
  });
});
