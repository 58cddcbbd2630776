import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Ctx } from '../../core/context.js';
import { agencies } from '../../core/org/schema.js';
import { createDraft, transition } from '../info/service.js';
import { listItems } from './items.js';
import { opinionWorklist } from './worklist.js';
import { loadConfig } from '../../config.js';

const HOUR = 3_600_000;
/** Beijing-time "YYYY-MM-DDTHH:mm" `hours` ago. */
const ago = (hours: number) => new Date(Date.now() - hours * HOUR + 8 * HOUR).toISOString().slice(0, 16);
const noRawScript = (body: string) => assert.ok(!/<script>alert/i.test(body), 'no raw script from input');

describe('opinion: staff pages over HTTP and the 回应关切 page', () => {
  let t: TestApp;
  let as: (u: string) => Ctx;
  let office: Browser;
  let itemUrl = '';
  let documentId = 0;
  const agencyId = async (name: string) => (await t.database.db.select().from(agencies).where(eq(agencies.name, name)))[0]!.id;
  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0' }, { region: true });
    const actors = await demoActors(t.database.db, ['office', 'nx-office', 'chengguan', 'chengguan-sh', 'minzheng']);
    as = (u) => ({ db: t.database.db, actor: actors.get(u)! });
    office = new Browser(t.app);
    await office.login('office');
    const d = await createDraft(as('chengguan'), {
      title: '关于城关镇某小区燃气泄漏处置情况的通报', kind: '通知', theme: '农业、林业、水利\\农业、畜牧业、渔业', assembly: '业务工作',
      docNumber: '', writtenDate: '2026-11-02', formedDate: '2026-11-02', regulatory: false, body: '已妥善处置。',
      disclosure: 'active', disclosureGround: '', catalogItemKeys: [], changeNote: '', minorChange: false,
    });
    await transition(as('chengguan'), d.editionId, 'submit');
    await transition(as('chengguan-sh'), d.editionId, 'approve', { secrecyConclusion: '不涉及国家秘密' });
    await transition(as('chengguan-sh'), d.editionId, 'publish');
    documentId = d.documentId;
  });
  after(async () => t?.close());

  it('registers with the proposed agency, links a response to a published document, stops the clock, and the document shows the box', async () => {
    const chengguan = await agencyId('城关镇');
    const form = { source: 'weibo', link: 'https://weibo.com/1/abc', summary: '城关镇某小区突发燃气泄漏引发网民关注（内部摘要）', firstSeenAt: ago(4), category: 'emergency_disaster', severity: 'major', emergency: 'yes', placeAgencyId: String(chengguan), agencyId: '' };
    const proposed = await office.post('/admin/opinion/new', { ...form, action: 'propose' });
    assert.equal(proposed.statusCode, 200);
    assert.match(proposed.body, /平台建议：<strong>城关镇<\/strong>。发生在城关镇，属地管理。/);
    assert.match(proposed.body, new RegExp(`<option value="${chengguan}" selected>城关镇</option>`));
    const r = await office.post('/admin/opinion/new', { ...form, action: 'register' });
    assert.equal(r.statusCode, 303);
    itemUrl = r.headers.location!.split('?')[0]!;
    assert.match(itemUrl, /^\/admin\/opinion\/\d+$/);
    // a double submit of the same registration gives the same item
    const again = await office.post('/admin/opinion/new', { ...form, action: 'register' });
    assert.equal(again.headers.location!.split('?')[0], itemUrl);
    assert.equal((await listItems(as('office'))).length, 1);

    let page = (await office.get(itemUrl)).body;
    assert.match(page, /发布权威信息：时限 [^，]+，还剩 \d+ 小时/);
    assert.match(page, /举行新闻发布会：时限/);
    assert.match(page, /平台建议：城关镇/);
    // the office's worklist links reach the item page (the 5 h clock is in its last quarter... or not yet: either way the link opens)
    const wl = await opinionWorklist({ db: t.database.db, actor: (await demoActors(t.database.db, ['office'])).get('office')!, config: loadConfig({}), today: ago(0).slice(0, 10) });
    for (const w of wl) assert.equal((await office.get(w.href)).statusCode, 200, w.href);
    const list = (await office.get('/admin/opinion')).body;
    assert.ok(list.includes(`href="${itemUrl}"`) && list.includes('突发'));

    const res = await office.post(`${itemUrl}/respond`, { kind: 'authoritative', title: '处置情况通报', respondedAt: ago(2), documentId: String(documentId), link: '' }, { from: itemUrl });
    assert.equal(res.statusCode, 303);
    page = (await office.get(itemUrl)).body;
    assert.match(page, /发布权威信息：已于 [^（]+完成（按时/);
    assert.match(page, /按时完成/);
    // The document is on the county's site: from the city's host the link carries the county's prefix.
    assert.match(page, new RegExp(`href="(?:https?://[^/"]+)?/shifanxian/xxgk/${documentId}"`), 'the item links to the document on its own site');
    assert.match(page, /已回应/);
    const doc = (await new Browser(t.app).get(`/shifanxian/xxgk/${documentId}`)).body;
    assert.match(doc, /回应关切/);
    assert.match(doc, /权威信息发布：处置情况通报/);
    assert.ok(!doc.includes('内部摘要'));

    // 会商, evaluation, closure; a second evaluation is refused in Chinese
    const mz = await agencyId('县民政局');
    assert.equal((await office.post(`${itemUrl}/consult`, { agencyIds: [String(chengguan), String(mz)], heldAt: ago(3), conclusion: '城关镇发布处置情况' }, { from: itemUrl })).statusCode, 303);
    assert.equal((await office.post(`${itemUrl}/agency`, { agencyId: String(mz) }, { from: itemUrl })).statusCode, 303);
    assert.equal((await office.post(`${itemUrl}/evaluate`, { grade: 'good', evaluation: '回应及时' }, { from: itemUrl })).statusCode, 303);
    const twice = await office.post(`${itemUrl}/evaluate`, { grade: 'good', evaluation: '回应及时' }, { from: itemUrl });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /舆情当前为“已评估”状态/);
    assert.ok(!/“evaluated”/.test(twice.body));
    page = (await office.get(itemUrl)).body;
    for (const step of ['首次发现', '登记', '会商', '调整第一责任单位', '回应：权威信息发布', '评估']) assert.ok(page.includes(step), step);

    // /huiying: the response, linking to the document; no internal field
    const pub = (await new Browser(t.app).get('/shifanxian/huiying')).body;
    assert.ok(pub.includes('处置情况通报') && pub.includes(`/xxgk/${documentId}`));
    for (const internal of ['内部摘要', '重大', '城关镇发布处置情况', '回应及时', 'weibo.com/1/abc']) assert.ok(!pub.includes(internal), internal);
  });

  it('another county’s office cannot see or act on the item; other staff are refused', async () => {
    const nx = new Browser(t.app);
    await nx.login('nx-office');
    assert.equal((await nx.get(itemUrl)).statusCode, 404);
    const tok = /name="_csrf" value="([^"]+)"/.exec((await nx.get('/admin/opinion/new')).body)?.[1] ?? null;
    const r = await nx.post(`${itemUrl}/respond`, { kind: 'other', title: '越权', respondedAt: ago(1) }, { csrf: tok });
    assert.equal(r.statusCode, 404);
    assert.ok(!(await nx.get('/admin/opinion')).body.includes(itemUrl));
    const mz = new Browser(t.app);
    await mz.login('minzheng');
    assert.equal((await mz.get('/admin/opinion')).statusCode, 403);
    assert.equal((await mz.get(itemUrl)).statusCode, 403);
  });

  it('hostile input on every staff form: no 5xx, no raw script, refusals in Chinese beside the fields', async () => {
    const base = { source: 'weibo', link: '', summary: '正常摘要', firstSeenAt: ago(3), category: 'other', severity: 'general', action: 'register' };
    const cases: [string, Record<string, string | string[]>, RegExp][] = [
      ['/admin/opinion/new', { ...base, summary: 'x'.repeat(2001) }, /舆情摘要不超过 2000 个字/],
      ['/admin/opinion/new', { ...base, firstSeenAt: '2026-02-30T09:00' }, /请填写正确的首次发现时间/],
      ['/admin/opinion/new', { ...base, firstSeenAt: "'; DROP TABLE op_items; --" }, /请填写正确的首次发现时间/],
      ['/admin/opinion/new', { ...base, link: 'javascript:alert(1)' }, /链接应以 http/],
      ['/admin/opinion/new', { ...base, severity: '<script>alert(1)</script>', category: "1' OR '1'='1" }, /请选择舆情级别/],
      ['/admin/opinion/new', { ...base, placeAgencyId: '99999999999999' }, /请选择发生地/],
      ['/admin/opinion/new', { ...base, summary: 'x'.repeat(200_001) }, /过长/],
      [`${itemUrl}/agency`, { agencyId: "1; DROP TABLE agencies" }, /请选择第一责任单位/],
      [`${itemUrl}/consult`, { agencyIds: ['<script>alert(1)</script>'], heldAt: '2026-04-31T10:00', conclusion: '<script>alert(1)</script>' }, /请填写正确的会商时间/],
      ['/admin/opinion/settings', { authHours: '<script>alert(1)</script>', pressHours: '24', firstHours: '99999' }, /1 至 720 之间的整数/],
    ];
    for (const [url, form, message] of cases) {
      const r = await office.post(url, form, { from: url.endsWith('/agency') || url.endsWith('/consult') ? itemUrl : url });
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${url} ${r.statusCode}`);
      assert.match(r.body, message, url);
      noRawScript(r.body);
    }
    // a script in the summary is kept as text and shown escaped
    const s = await office.post('/admin/opinion/new', { ...base, summary: '<script>alert(1)</script> 网民反映' });
    assert.equal(s.statusCode, 303);
    const shown = (await office.get(s.headers.location!.split('?')[0]!)).body;
    assert.ok(shown.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    noRawScript(shown);
    noRawScript((await office.get('/admin/opinion')).body);
    noRawScript((await office.get('/admin/opinion/stats')).body);
    const fresh = s.headers.location!.split('?')[0]!;
    for (const [path, form, message] of [
      ['/respond', { kind: 'authoritative', title: '<script>alert(1)</script>', respondedAt: '2026-02-30T10:00', documentId: "1 OR 1=1" }, /请填写正确的回应时间/],
      ['/respond', { kind: 'press_conference', title: 'x'.repeat(201), respondedAt: ago(1) }, /回应标题不超过 200 个字/],
      ['/respond', { kind: 'authoritative', title: '未发布的信息', respondedAt: ago(1), documentId: '987654' }, /尚未公开发布/],
      ['/evaluate', { grade: 'good', evaluation: 'x' }, /舆情当前为“已登记”状态/],
      ['/close', { closeNote: 'x'.repeat(1001) }, /关闭说明不超过 1000 个字|舆情当前为/],
    ] as [string, Record<string, string>, RegExp][]) {
      const r = await office.post(`${fresh}${path}`, form, { from: fresh });
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${path} ${r.statusCode}`);
      assert.match(r.body, message, path);
      noRawScript(r.body);
    }
    // invalid UTF-8 in a urlencoded body: refused, never a 5xx
    const tok = /name="_csrf" value="([^"]+)"/.exec((await office.get('/admin/opinion/new')).body)?.[1] ?? '';
    const jar = (office as unknown as { cookies: Map<string, string> }).cookies;
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    for (const url of ['/admin/opinion/new', `${fresh}/respond`, `${fresh}/consult`, '/admin/opinion/settings']) {
      const r = await t.app.inject({ method: 'POST', url, payload: `_csrf=${encodeURIComponent(tok)}&summary=%C3%28&title=%C3%28&conclusion=%C3%28&authHours=%C3%28`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });
      assert.ok(r.statusCode === 400 || r.statusCode === 409, `${url} ${r.statusCode}`);
      assert.match(r.body, /无法识别|请填写|请选择|应为|不能/, url);
      noRawScript(r.body);
    }
    // wrong types: repeated fields, a JSON body
    const rep = await office.post('/admin/opinion/new', { ...base, severity: ['general', 'major', '{"$gt":""}'], category: ['other', 'other'] });
    assert.equal(rep.statusCode, 400);
    assert.match(rep.body, /请选择舆情级别/);
    const json = await t.app.inject({ method: 'POST', url: '/admin/opinion/new', payload: JSON.stringify({ _csrf: tok, summary: 123, severity: ['x'], source: { a: 1 } }), headers: { cookie, 'content-type': 'application/json', accept: 'text/html' } });
    assert.ok(json.statusCode >= 400 && json.statusCode < 500, `json ${json.statusCode}`);
    // a bad stats period is refused in Chinese; an id that is not one is a 404
    const st = await office.get('/admin/opinion/stats?from=2026-02-30&to=x');
    assert.equal(st.statusCode, 400);
    assert.match(st.body, /请填写正确的开始日期/);
    assert.equal((await office.get('/admin/opinion/99999999999')).statusCode, 404);
    assert.equal((await office.get('/admin/opinion/abc')).statusCode, 404);
    // a double submit of a response records it once
    const once = { kind: 'interview', title: '接受采访', respondedAt: ago(1), link: 'https://example.gov.cn/a' };
    await office.post(`${fresh}/respond`, once, { from: fresh });
    await office.post(`${fresh}/respond`, once, { from: fresh });
    assert.equal((await office.get(fresh)).body.split('接受采访：接受采访').length - 1, 1);
  });

  it('settings change the clocks; statistics per item, category and severity; the XLSX opens', async () => {
    // an item past its 48 h clock is on the worklist, and its link opens the item
    const late = await office.post('/admin/opinion/new', { source: 'website', summary: '逾期未回应的舆情', firstSeenAt: ago(50), category: 'other', severity: 'general' });
    const lateUrl = late.headers.location!.split('?')[0]!;
    const wl = await opinionWorklist({ db: t.database.db, actor: (await demoActors(t.database.db, ['office'])).get('office')!, config: loadConfig({}), today: ago(0).slice(0, 10) });
    const w = wl.find((x) => x.href === lateUrl);
    assert.equal(w?.urgency, 'overdue');
    assert.equal((await office.get(w!.href)).statusCode, 200);
    assert.match((await office.get('/admin/opinion?clock=overdue')).body, /逾期未回应的舆情/);
    assert.ok(!(await office.get('/admin/opinion?clock=overdue')).body.includes('城关镇某小区突发燃气泄漏'), 'an item on time is filtered out');
    const r = await office.post('/admin/opinion/settings', { authHours: '4', pressHours: '20', firstHours: '36' });
    assert.equal(r.statusCode, 303);
    assert.match((await office.get('/admin/opinion/settings')).body, /value="36"/);
    await office.post('/admin/opinion/settings', { authHours: '5', pressHours: '24', firstHours: '48' });
    const page = (await office.get('/admin/opinion/stats')).body;
    assert.match(page, /按级别汇总（平均用时单位：小时）/);
    assert.match(page, /<th scope="row">重大<\/th><td>1<\/td><td>1<\/td><td>(1\.9\d|2|2\.0\d)<\/td>/);
    const x = await office.get('/admin/opinion/stats.xlsx');
    assert.equal(x.statusCode, 200);
    assert.match(String(x.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const items = wb.getWorksheet('逐条统计')!;
    const rows: string[] = [];
    items.eachRow((row) => rows.push(JSON.stringify(row.values)));
    assert.ok(rows.some((s) => s.includes('城关镇某小区突发燃气泄漏') && s.includes('时限未到')), rows.join('\n'));
    const groups = wb.getWorksheet('分类汇总')!;
    let total: unknown[] = [];
    groups.eachRow((row) => { if (row.getCell(1).value === '合计') total = row.values as unknown[]; });
    assert.equal(total[3], 3, 'three items registered');
    const nx = new Browser(t.app);
    await nx.login('nx-office');
    const other = (await nx.get('/admin/opinion/stats')).body;
    assert.ok(!other.includes('燃气泄漏'));
  });
});
