import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../core/auth/actor.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { login } from '../account/service.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { listAgencies } from '../org/service.js';
import { listDomains, publishedItems } from '../catalog/queries.js';
import { createDraft, newEdition, setValidity, transition, updateDraft } from './service.js';
import type { DraftInput } from './validate.js';
import { currentYear } from './routes.public.js';

/** A small strict check of XML well-formedness: balanced tags, quoted attributes, only the five entities. */
function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, '').trim();
  const stack: string[] = [];
  let roots = 0;
  const re = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  const badAmp = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    assert.ok(!m[6], `stray "<" near: ${body.slice(m.index, m.index + 40)}`);
    if (m[5] !== undefined) {
      assert.ok(!badAmp.test(m[5]) && !m[5].includes(']]>'), `bad text: ${m[5]}`);
      continue;
    }
    assert.ok(!badAmp.test(m[3] ?? ''), `bad attribute: ${m[3]}`);
    if (m[1]) assert.equal(stack.pop(), m[2], `mismatched </${m[2]}>`);
    else if (!m[4]) {
      if (stack.length === 0) roots++;
      stack.push(m[2]!);
    } else if (stack.length === 0) roots++;
  }
  assert.deepEqual(stack, [], 'unclosed elements');
  assert.equal(roots, 1, 'one root element');
}

const HOSTILE_TITLE = '关于<b>示范</b>&“]]>”字样的通知';

const draft = (over: Partial<DraftInput> = {}): DraftInput => ({
  title: '城关镇关于做好2026年春耕生产工作的通知', kind: '通知', theme: '农业、林业、水利\\农业、畜牧业、渔业', assembly: '业务工作',
  docNumber: '城政〔2026〕1号', writtenDate: '2026-03-02', formedDate: '2026-03-02', regulatory: false, body: '第一条 正文。',
  disclosure: 'active', disclosureGround: '', catalogItemKeys: [], changeNote: '', minorChange: false, ...over,
});

describe('public government information', () => {
  let t: TestApp;
  const actors = new Map<string, Actor>();
  const as = (u: string) => ({ db: t.database.db, actor: actors.get(u)! });
  const ids: Record<string, number> = {};
  let chengguanId = 0;
  let hexiId = 0;
  let domainCode = '';

  const create = async (over: Partial<DraftInput> = {}, interpretsId?: number) => createDraft(as('chengguan'), { ...draft(over), interpretsId });
  const approve = async (editionId: number) => {
    await transition(as('chengguan'), editionId, 'submit');
    await transition(as('chengguan-sh'), editionId, 'approve', { secrecyConclusion: '不涉及国家秘密' });
  };
  const publish = async (over: Partial<DraftInput> = {}) => {
    const d = await create(over);
    await approve(d.editionId);
    await transition(as('chengguan-sh'), d.editionId, 'publish');
    return d;
  };
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });
  const api = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });

  before(async () => {
    // The public cache is not emptied by service calls, so it is off for these tests.
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0' });
    for (const u of ['chengguan', 'chengguan-sh']) {
      const r = await login(t.database.db, { username: u, password: DEMO_PASSWORD, address: "127.0.0.1" });
      assert.ok(r.ok);
      actors.set(u, r.actor);
    }
    const agencies = await listAgencies(t.database.db);
    chengguanId = agencies.find((a) => a.name === '城关镇')!.id;
    hexiId = agencies.find((a) => a.name === '河西乡')!.id;
    const domain = (await listDomains(t.database.db)).find((d) => d.name === '社会救助')!;
    domainCode = domain.code;
    const item = (await publishedItems(t.database.db, { domainId: domain.id, agencyId: hexiId }))[0]!;

    // A regulatory policy with its interpretation (三同步), later abolished in favour of a replacement.
    const policy = await create({ regulatory: true, statutoryItem: 1, title: HOSTILE_TITLE, docNumber: '城政〔2026〕3号', body: '<p>正文<script>alert(1)</script><a href="javascript:alert(2)">链接</a></p>' });
    await approve(policy.editionId);
    const interp = await create({ kind: '政策解读', title: '《城关镇宅基地管理办法》政策解读', docNumber: '' }, policy.documentId);
    await approve(interp.editionId);
    await transition(as('chengguan-sh'), policy.editionId, 'publish');
    const replacement = await publish({ title: '城关镇宅基地管理办法（2027年修订）', docNumber: '城政〔2026〕9号', statutoryItem: 1 });
    await setValidity(as('chengguan'), policy.documentId, { validity: 'abolished', date: '2026-12-01', replacedById: replacement.documentId });
    Object.assign(ids, { policy: policy.documentId, interp: interp.documentId, replacement: replacement.documentId });

    const withdrawn = await publish({ title: '城关镇2025年防汛值班安排', docNumber: '' });
    await transition(as('chengguan-sh'), withdrawn.editionId, 'withdraw', { reason: '值班安排已调整', inError: false });
    const inError = await publish({ title: '误发的名单', docNumber: '' });
    await transition(as('chengguan-sh'), inError.editionId, 'withdraw', { reason: '含个人信息，误发', inError: true });
    ids.withdrawn = withdrawn.documentId;
    ids.inError = inError.documentId;

    ids.draft = (await create({ title: '草稿不应公开' })).documentId;
    const review = await create({ title: '待审核不应公开' });
    await transition(as('chengguan'), review.editionId, 'submit');
    const approved = await create({ title: '已审核未发布不应公开' });
    await approve(approved.editionId);
    ids.review = review.documentId;
    ids.approved = approved.documentId;

    const listing = { title: '河西乡最低生活保障对象名单公示', docNumber: '', kind: '其他', theme: '民政、扶贫、救灾\\社会福利', statutoryItem: 11, catalogItemKeys: [item.itemKey] };
    ids.catalog = (await publish(listing)).documentId;
    // A second edition (a minor correction) and a third (with a change note), for the edition history.
    for (const change of [{ minorChange: true }, { changeNote: '更正第3户保障金额' }]) {
      const next = await newEdition(as('chengguan'), ids.catalog);
      await updateDraft(as('chengguan'), next, draft({ ...listing, ...change }));
      await approve(next);
      await transition(as('chengguan-sh'), next, 'publish');
    }
    for (let i = 1; i <= 21; i++) await publish({ title: `城关镇第${i}号财政信息`, docNumber: `城政〔2026〕${100 + i}号`, kind: '公告', theme: '财政、金融、审计\\财政', statutoryItem: 7 });
  });
  after(() => t.close());

  const HIDDEN = ['草稿不应公开', '待审核不应公开', '已审核未发布不应公开', '误发的名单'];

  it('shows the metadata block, marking and sanitised body of a document', async () => {
    const r = await get(`/xxgk/${ids.policy}`);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /<dt>索引号<\/dt><dd>[0-9A-Z]{18}\/\d{4}-\d{5}<\/dd>/);
    for (const label of ['发布机构', '组配分类', '主题分类', '名称', '文号', '成文日期', '发布日期', '有效性', '公文种类']) assert.ok(r.body.includes(`<dt>${label}</dt>`), label);
    assert.match(r.body, /<dd>城政〔2026〕3号<\/dd>/);
    assert.match(r.body, /<dd>城关镇<\/dd>/);
    assert.ok(r.body.includes('<dd>农业、林业、水利 › 农业、畜牧业、渔业</dd>'));
    assert.ok(r.body.includes('此件公开发布'));
    assert.ok(r.body.includes('关于&lt;b&gt;示范&lt;/b&gt;&amp;“]]&gt;”字样的通知'), 'the title is escaped');
    assert.ok(!r.body.includes('<b>示范'));
    assert.ok(!/<script>alert|javascript:alert/.test(r.body), 'stored script never reaches the page');
  });

  it('links a policy and its interpretation both ways, and marks the abolished policy with its replacement', async () => {
    const policy = (await get(`/xxgk/${ids.policy}`)).body;
    assert.match(policy, new RegExp(`政策解读：<a href="/xxgk/${ids.interp}">《城关镇宅基地管理办法》政策解读</a>`));
    assert.match(policy, /本文件已废止<\/strong>（废止日期：2026-12-01）/);
    assert.match(policy, new RegExp(`现行文件：<a href="/xxgk/${ids.replacement}">城关镇宅基地管理办法（2027年修订）</a>`));
    assert.match(policy, /<dd class="wide">废止（2026-12-01）<\/dd>/);
    const interp = (await get(`/xxgk/${ids.interp}`)).body;
    assert.match(interp, new RegExp(`本解读对应的文件：<a href="/xxgk/${ids.policy}">`));
    assert.match(policy, /版本记录[\s\S]*第 1 版（当前）/);
  });

  it('keeps a withdrawn document readable with a dated notice, and answers 410 for one published in error', async () => {
    const w = await get(`/xxgk/${ids.withdrawn}`);
    assert.equal(w.statusCode, 200);
    assert.match(w.body, /本信息已于 \d{4}-\d{2}-\d{2} 撤回/);
    assert.ok(w.body.includes('撤回理由：值班安排已调整'));
    const g = await get(`/xxgk/${ids.inError}`);
    assert.equal(g.statusCode, 410);
    assert.ok(g.body.includes('信息已撤回') && g.body.includes('发布错误'));
    assert.ok(!g.body.includes('含个人信息'), 'neither the content nor the reason is shown');
  });

  it('never shows drafts, documents in review or approved but unpublished ones', async () => {
    for (const id of [ids.draft, ids.review, ids.approved]) {
      assert.equal((await get(`/xxgk/${id}`)).statusCode, 404);
      assert.equal((await api(`/api/v1/documents/${id}`)).statusCode, 404);
    }
    for (const url of ['/xxgk?page=1', '/xxgk?page=2', '/xxgk/statutory', '/xxgk/regulatory', '/xxgk/cleanup', '/feeds/all.atom', '/feeds/all.rss', `/feeds/agency/${chengguanId}.atom`, '/sitemap.xml', '/api/v1/documents?limit=200']) {
      const body = (await get(url)).body;
      for (const title of HIDDEN) assert.ok(!body.includes(title), `${title} on ${url}`);
    }
    const sitemap = (await get('/sitemap.xml')).body;
    for (const id of [ids.draft, ids.review, ids.approved, ids.inError, ids.withdrawn]) assert.ok(!sitemap.includes(`/xxgk/${id}<`), `document ${id} in sitemap`);
    assert.ok(sitemap.includes(`/xxgk/${ids.policy}</loc><lastmod>`));
    assertWellFormedXml(sitemap);
  });

  it('lists newest first with filters and paging', async () => {
    const p1 = await get('/xxgk');
    assert.ok(p1.body.includes('共 25 条，第 1/2 页'));
    assert.ok(p1.body.indexOf('城关镇第21号财政信息') < p1.body.indexOf('城关镇第20号财政信息'), 'newest first');
    assert.match(p1.body, /<a href="\/xxgk\?page=2" rel="next">下一页<\/a>/);
    const p2 = await get('/xxgk?page=2');
    assert.match(p2.body, /<a href="\/xxgk" rel="prev">上一页<\/a>/);
    assert.ok(p2.body.includes(HOSTILE_TITLE.replace('<b>', '&lt;b&gt;').replace('</b>', '&lt;/b&gt;').replace('&“]]>', '&amp;“]]&gt;')));
    const kind = await get(`/xxgk?kind=${encodeURIComponent('公告')}&agency=${chengguanId}&theme=${encodeURIComponent('财政、金融、审计')}`);
    assert.ok(kind.body.includes('共 21 条，第 1/2 页'));
    assert.match(kind.body, /href="\/xxgk\?agency=\d+&amp;kind=%E5%85%AC%E5%91%8A&amp;theme=[^"]+&amp;page=2" rel="next"/);
    assert.ok((await get('/xxgk?validity=abolished')).body.includes('共 1 条'));
    assert.ok((await get(`/xxgk?year=${currentYear()}`)).body.includes('共 25 条'));
    assert.ok((await get('/xxgk?year=2010')).body.includes('暂无符合条件的信息'));
    assert.ok((await get(`/xxgk?agency=${hexiId}`)).body.includes('共 0 条'));
    for (const bad of ['kind=%3Cscript%3E', 'theme=x', 'year=20x6', 'validity=all', 'agency=-1', 'page=0', 'statutoryItem=16', 'kind=a&kind=b']) {
      assert.equal((await get(`/xxgk?${bad}`)).statusCode, 400, bad);
    }
  });

  it('groups statutory information by the items of Article 20, and the column page links there', async () => {
    const r = await get('/xxgk/statutory');
    assert.equal(r.statusCode, 200);
    const section = (n: number) => r.body.slice(r.body.indexOf(`<section id="item-${n}"`), r.body.indexOf('</section>', r.body.indexOf(`<section id="item-${n}"`)));
    assert.ok(section(1).includes('城关镇宅基地管理办法（2027年修订）'));
    assert.ok(section(7).includes('城关镇第21号财政信息') && !section(7).includes('城关镇第1号财政信息'), 'latest five only');
    assert.match(section(7), /<a href="\/xxgk\?statutoryItem=7">更多（共 21 条）<\/a>/);
    assert.ok(section(2).includes('暂无'));
    assert.ok(section(11).includes('河西乡最低生活保障对象名单公示'));
    const col = (await get('/zfxxgk/statutory')).body;
    assert.match(col, /<a href="\/xxgk\/statutory#item-7">财政预算、决算信息<\/a> <span class="muted">（21 条）<\/span>/);
    assert.ok(col.includes('href="/xxgk/regulatory"') && col.includes('href="/xxgk/cleanup"'));
    assert.ok((await get(`/xxgk?statutoryItem=7`)).body.includes('共 21 条'));
  });

  it('lists regulatory documents with their interpretation, and the cleanup results', async () => {
    const reg = (await get('/xxgk/regulatory')).body;
    assert.ok(reg.includes('城政〔2026〕3号') && reg.includes('<td data-label="发文日期">2026-03-02</td>') && reg.includes('废止（2026-12-01）'));
    assert.match(reg, new RegExp(`<td data-label="政策解读"><a href="/xxgk/${ids.interp}">`));
    const cleanup = (await get('/xxgk/cleanup')).body;
    assert.ok(cleanup.includes('<td data-label="清理结果">废止</td>') && cleanup.includes('<td data-label="日期">2026-12-01</td>'));
    assert.match(cleanup, new RegExp(`<a href="/xxgk/${ids.replacement}">城关镇宅基地管理办法（2027年修订）</a>`));
  });

  it("groups an agency's information under its catalog items, with 暂无 for the rest", async () => {
    const r = await get(`/xxgk/by-catalog?agency=${hexiId}`);
    assert.equal(r.statusCode, 200);
    assert.ok(r.body.includes('社会救助领域') && r.body.includes('河西乡最低生活保障对象名单公示') && r.body.includes('暂无'));
    assert.equal((await get('/xxgk/by-catalog?agency=abc')).statusCode, 400);
  });

  it('shows the edition history with change notes and minor changes marked', async () => {
    const r = (await get(`/xxgk/${ids.catalog}`)).body;
    const history = r.slice(r.indexOf('版本记录'));
    assert.match(history, /第 3 版（当前）<\/th><td>\d{4}-\d{2}-\d{2}<\/td><td>更正第3户保障金额<\/td>/);
    assert.match(history, /第 2 版<\/th><td>[\d-]+<\/td><td>—<span class="tag">细微修改<\/span><\/td>/);
    assert.match(history, /第 1 版<\/th><td>[\d-]+<\/td><td>首次发布<\/td>/);
    const d = (await api(`/api/v1/documents/${ids.catalog}`)).json();
    assert.deepEqual(d.history.map((x: { edition: number; minorChange: boolean }) => [x.edition, x.minorChange]), [[3, false], [2, true], [1, false]]);
    assert.equal(d.edition, 3);
  });

  it('serves well-formed Atom and RSS feeds with escaped titles and absolute links', async () => {
    const headers = { host: 'gk.example.gov.cn', accept: 'application/atom+xml' };
    const all = await get('/feeds/all.atom', headers);
    assert.equal(all.statusCode, 200);
    assert.match(String(all.headers['content-type']), /application\/atom\+xml/);
    assertWellFormedXml(all.body);
    assert.ok(all.body.includes('关于&lt;b&gt;示范&lt;/b&gt;&amp;“]]&gt;”字样的通知'));
    assert.ok(all.body.includes(`<id>http://gk.example.gov.cn/xxgk/${ids.policy}</id>`));
    assert.match(all.body, /<updated>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z<\/updated>/);
    assert.equal(all.body.match(/<entry>/g)!.length, 25);
    const rss = await get('/feeds/all.rss', headers);
    assertWellFormedXml(rss.body);
    assert.match(rss.body, /<pubDate>[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT<\/pubDate>/);
    assert.ok(rss.body.includes(`<link>http://gk.example.gov.cn/xxgk/${ids.policy}</link>`));
    const domain = await get(`/feeds/domain/${domainCode}.atom`, headers);
    assertWellFormedXml(domain.body);
    assert.equal(domain.body.match(/<entry>/g)?.length, 1);
    assert.ok(domain.body.includes('河西乡最低生活保障对象名单公示'));
    const agency = await get(`/feeds/agency/${hexiId}.rss`, headers);
    assertWellFormedXml(agency.body);
    assert.ok(!agency.body.includes('<item>'));
    const forged = await get('/feeds/all.atom', { host: 'evil"><x', accept: 'application/atom+xml' });
    assert.ok(!forged.body.includes('evil'), 'a malformed Host is not used');
    for (const bad of ['/feeds/agency/999999.atom', '/feeds/agency/x.atom', '/feeds/all.json', '/feeds/domain/nope.rss']) assert.equal((await get(bad)).statusCode, 404, bad);
    const list = (await get(`/xxgk?agency=${chengguanId}`)).body;
    assert.ok(list.includes('href="/feeds/all.atom"') && list.includes(`href="/feeds/agency/${chengguanId}.rss"`));
  });

  it('serves the documents API with metadata, links, history and stable errors', async () => {
    const list = await api(`/api/v1/documents?statutoryItem=7&limit=5&offset=5`);
    assert.equal(list.statusCode, 200);
    const body = list.json();
    assert.deepEqual(body.paging, { limit: 5, offset: 5, total: 21 });
    assert.equal(body.data.length, 5);
    assert.equal(body.data[0].title, '城关镇第16号财政信息');
    assert.ok(!('bodyHtml' in body.data[0]));
    const d = (await api(`/api/v1/documents/${ids.policy}`)).json();
    assert.equal(d.docNumber, '城政〔2026〕3号');
    assert.equal(d.validity, 'abolished');
    assert.equal(d.marking, '此件公开发布');
    assert.deepEqual(d.interpretations.map((x: { id: number }) => x.id), [ids.interp]);
    assert.equal(d.replacedBy.id, ids.replacement);
    assert.equal(d.history[0].edition, 1);
    assert.ok(!d.bodyHtml.includes('<script'));
    assert.equal((await api(`/api/v1/documents/${ids.interp}`)).json().policy.id, ids.policy);
    assert.match((await api(`/api/v1/documents/${ids.withdrawn}`)).json().withdrawn.reason, /值班安排/);
    assert.deepEqual((await api(`/api/v1/documents/${ids.inError}`)).json().error.code, 'gone');
    assert.equal((await api(`/api/v1/documents/${ids.inError}`)).statusCode, 410);
    assert.equal((await api('/api/v1/documents/abc')).json().error.code, 'not_found');
    for (const bad of ['limit=0', 'limit=201', 'offset=-1', 'kind=%3Cx%3E', 'year=abc', 'validity=x', 'agency=1%20or%201=1', 'theme=nope', 'kind=通知&kind=公告']) {
      const r = await api(`/api/v1/documents?${bad}`);
      assert.equal(r.statusCode, 400, bad);
      assert.equal(r.json().error.code, 'invalid_query', bad);
    }
    const oa = (await api('/api/v1/openapi.json')).json();
    assert.ok(oa.paths['/api/v1/documents'].get);
    const one = oa.paths['/api/v1/documents/{id}'].get;
    assert.deepEqual(one.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`), ['path:id']);
    assert.ok(one.responses['410']);
  });
});
