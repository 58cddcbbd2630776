import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import { propItems } from './schema.js';

const LEAD_PHONE = '13912345678';
const CO_PHONE = '0373-5230001';
const SCRIPT = '<script>alert(1)</script>';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const noRawScript = (html: string, where: string) => assert.ok(!/<script>alert/i.test(html), `raw script on ${where}`);

describe('proposals over HTTP: staff flow, public column, search, scope, hostile input, export', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  let office: Browser;
  let host: Browser;
  let co: Browser;
  let id = 0;
  const today = new Date().toISOString().slice(0, 10);
  const ago = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0' }, { region: true });
    actors = await demoActors(t.database.db, ['office', 'minzheng', 'jiaoyu', 'nx-office']);
    office = new Browser(t.app); await office.login('office');
    host = new Browser(t.app); await host.login('minzheng');
    co = new Browser(t.app); await co.login('jiaoyu');
  });
  after(async () => t?.close());

  it('registers, takes the co-handler’s view, the reply, and publishes it with the phones removed; the public page and search show it', async () => {
    const form = (await office.get('/admin/proposals/new')).body;
    assert.match(form, /交办建议提案/);
    assert.ok(form.includes(`value="${actors.get('minzheng')!.agencyId}"`), 'the county’s departments are offered as host');
    const created = await office.post('/admin/proposals/new', {
      kind: 'npc', session: '县第十八届人民代表大会第三次会议', number: '12', title: '关于改善城关镇养老服务设施的建议',
      leadName: '王某某', leadPhone: LEAD_PHONE, coAuthors: `李某某 ${CO_PHONE}\n张某某`,
      hostAgencyId: String(actors.get('minzheng')!.agencyId), coAgencyIds: [String(actors.get('jiaoyu')!.agencyId)], assignedOn: ago(30),
    });
    assert.equal(created.statusCode, 303);
    id = Number(/\/admin\/proposals\/(\d+)/.exec(created.headers.location as string)![1]);
    const [row] = await t.database.db.select().from(propItems).where(eq(propItems.id, id));
    assert.deepEqual(row!.coAuthors, [{ name: '李某某', phone: CO_PHONE }, { name: '张某某', phone: '' }]);

    // Double submit of the same item: refused in Chinese, nothing added.
    const again = await office.post('/admin/proposals/new', { kind: 'npc', session: '县第十八届人民代表大会第三次会议', number: '12', title: '重复', leadName: '王某某', hostAgencyId: String(actors.get('minzheng')!.agencyId), assignedOn: ago(30) });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /已登记/);

    // The register lists it; the host and the co-handler reach it from the register.
    for (const b of [office, host, co]) assert.ok((await b.get('/admin/proposals')).body.includes(`href="/admin/proposals/${id}"`));
    const coPage = (await co.get(`/admin/proposals/${id}`)).body;
    assert.match(coPage, /协办意见/);
    assert.ok(!coPage.includes('action="/admin/proposals/' + id + '/reply"'), 'a co-handler cannot reply');

    const view = await co.post(`/admin/proposals/${id}/view`, { agencyId: String(actors.get('jiaoyu')!.agencyId), text: '县教育局支持利用学校闲置教室开设老年学堂。', on: ago(20) }, { from: `/admin/proposals/${id}` });
    assert.equal(view.statusCode, 303);
    assert.match((await host.get(`/admin/proposals/${id}`)).body, /县教育局支持利用学校闲置教室开设老年学堂。/);
    const coReply = await co.post(`/admin/proposals/${id}/reply`, { replyClass: 'A', replyOn: today, text: '答复' }, { from: `/admin/proposals/${id}` });
    assert.equal(coReply.statusCode, 403);
    assert.match(coReply.body, /只有主办单位或本级政务公开办可以办理/);

    const replied = await host.post(`/admin/proposals/${id}/reply`, { replyClass: 'A', replyOn: ago(2), text: `王某某代表：\n您的建议已采纳。如有疑问请联系 ${LEAD_PHONE} 或 ${CO_PHONE}，邮箱 wang@example.com。` }, { from: `/admin/proposals/${id}` });
    assert.equal(replied.statusCode, 303);
    const before = (await host.get(`/admin/proposals/${id}`)).body;
    assert.match(before, /将公开的答复内容[\s\S]*〔联系方式已删除〕/, 'the redacted text is shown before publishing');
    assert.match(before, /公开期限/);
    const sat = await host.post(`/admin/proposals/${id}/satisfaction`, { satisfaction: 'satisfied', note: '' }, { from: `/admin/proposals/${id}` });
    assert.equal(sat.statusCode, 303);
    const pub = await host.post(`/admin/proposals/${id}/publish`, { mode: 'full', on: today }, { from: `/admin/proposals/${id}` });
    assert.equal(pub.statusCode, 303);
    const twice = await host.post(`/admin/proposals/${id}/publish`, { mode: 'full', on: today }, { from: `/admin/proposals/${id}` });
    assert.equal(twice.statusCode, 409, 'a double publish is refused');
    assert.match(twice.body, /当前状态为“已公开”/);

    const anon = new Browser(t.app);
    const list = (await anon.get('/shifanxian/jianyi')).body;
    assert.ok(list.includes(`href="/shifanxian/jianyi/${id}"`), 'listed in the column');
    assert.match(list, /关于改善城关镇养老服务设施的建议/);
    const pageRes = await anon.get(`/shifanxian/jianyi/${id}`);
    assert.equal(pageRes.statusCode, 200);
    assert.match(pageRes.body, /人大代表建议/);
    assert.match(pageRes.body, /县民政局/);
    assert.match(pageRes.body, /您的建议已采纳/);
    assert.match(pageRes.body, /〔联系方式已删除〕/);
    const filtered = (await anon.get('/shifanxian/jianyi?kind=cppcc')).body;
    assert.ok(!filtered.includes('关于改善城关镇养老服务设施的建议'), 'the kind filter works');
    const found = (await anon.get(`/shifanxian/search?q=${encodeURIComponent('养老服务设施')}`)).body;
    assert.ok(found.includes(`href="/shifanxian/jianyi/${id}"`), 'search finds the published reply');
    assert.match(found, /<p class="muted">建议提案 · 县民政局/, 'the kind is labelled in Chinese');
    for (const body of [list, pageRes.body, found, (await anon.get(`/shifanxian/search?q=${encodeURIComponent('采纳')}`)).body]) {
      for (const secret of [LEAD_PHONE, '139 1234 5678', '5230001', 'wang@example.com']) assert.ok(!body.includes(secret), `${secret} on a public page`);
    }
    // The audit log names the actions in Chinese.
    const audit = (await office.get('/admin/audit')).body;
    assert.match(audit, /公开建议提案办理结果|答复建议提案/);
  });

  it('an item past its 3 months is on the host’s and the office’s 工作台, and the link opens the item', async () => {
    const { registerProposal } = await import('./items.js');
    const late = await registerProposal({ db: t.database.db, actor: actors.get('office')! }, {
      kind: 'cppcc', session: '县政协第十二届委员会第三次会议', number: '77', title: '关于超期未答复的提案', leadAuthor: { name: '钱某某', phone: '' },
      hostAgencyId: actors.get('minzheng')!.agencyId, assignedOn: ago(120),
    });
    for (const b of [office, host]) {
      const desk = (await b.get('/admin')).body;
      assert.ok(desk.includes(`href="/admin/proposals/${late}"`), 'on the worklist');
      assert.match(desk, /建议提案答复超期/);
      const r = await b.get(`/admin/proposals/${late}`);
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /答复超期：答复期限为/);
    }
    assert.match((await office.get('/admin/proposals?overdue=1')).body, /关于超期未答复的提案/);
    // Extended to 6 months with its approval record: no longer overdue; a second extension is refused.
    const ext = await office.post(`/admin/proposals/${late}/extend`, { approver: '县人大常委会选举联络工作委员会', approvedOn: ago(100), reason: '涉及跨部门协调，需延期办理。' }, { from: `/admin/proposals/${late}` });
    assert.equal(ext.statusCode, 303);
    const page = (await office.get(`/admin/proposals/${late}`)).body;
    assert.match(page, /<dt>批准人<\/dt><dd>县人大常委会选举联络工作委员会<\/dd>/);
    assert.match(page, /经批准延期，原期限/);
    assert.ok(!page.includes('答复超期：答复期限为'));
    assert.ok(!(await office.get('/admin/proposals?overdue=1')).body.includes('关于超期未答复的提案'));
    const again = await office.post(`/admin/proposals/${late}/extend`, { approver: '某某', approvedOn: ago(1), reason: '再次延期' }, { from: `/admin/proposals/${late}` });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /已经延期，不能再次延期/);
  });

  it('another county’s staff can neither see nor act on the item', async () => {
    const nx = new Browser(t.app); await nx.login('nx-office');
    assert.ok(!(await nx.get('/admin/proposals')).body.includes(`/admin/proposals/${id}"`));
    assert.equal((await nx.get(`/admin/proposals/${id}`)).statusCode, 404);
    const r = await nx.post(`/admin/proposals/${id}/follow-up`, { on: today, text: '越权' }, { from: '/admin/proposals' });
    assert.equal(r.statusCode, 404);
    // An unpublished item of this county is not on the other county's public column either.
    assert.equal((await new Browser(t.app).get(`/nanxian/jianyi/${id}`)).statusCode, 404);
  });

  it('hostile input on every staff form: no 5xx, no raw script anywhere, refusals in Chinese beside the fields', async () => {
    const hostId = String(actors.get('minzheng')!.agencyId);
    const base = { kind: 'cppcc', session: '县政协第十二届委员会第三次会议', number: '45', title: '关于加强农村学校建设的提案', leadName: '赵某某', leadPhone: '13700001111', hostAgencyId: hostId, assignedOn: ago(10) };
    const bad = await office.post('/admin/proposals/new', { ...base, title: SCRIPT, leadName: '', leadPhone: "1' OR '1'='1", assignedOn: '2026-02-30' });
    assert.equal(bad.statusCode, 400);
    noRawScript(bad.body, 'new form');
    assert.ok(bad.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'what was typed is kept, escaped');
    assert.match(bad.body, /id="p-assigned-error"[^>]*>[^<]*请填写正确的交办日期/);
    assert.match(bad.body, /id="p-lead-error"[^>]*>[^<]*请填写代表或委员姓名/);
    const cases: Record<string, string | string[]>[] = [
      { ...base, title: 'x'.repeat(300_000) },
      { ...base, title: 'y'.repeat(201) },
      { ...base, number: "45'; DROP TABLE prop_items; -- and more" },
      { ...base, kind: 'other', hostAgencyId: 'abc', coAgencyIds: ['1 OR 1=1', '-5'] },
      { ...base, hostAgencyId: String(actors.get('nx-office')!.agencyId) },
      { ...base, assignedOn: '2026-13-01' },
      { ...base, title: '李\u0000四' },
    ];
    for (const f of cases) {
      const r = await office.post('/admin/proposals/new', f, { from: '/admin/proposals/new' });
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${r.statusCode} for ${JSON.stringify(f).slice(0, 80)}`);
      noRawScript(r.body, 'new form');
    }
    // A SQL fragment as a title is just a title.
    const sqlTitle = await office.post('/admin/proposals/new', { ...base, number: '46', title: "'; DELETE FROM prop_items; --" });
    assert.equal(sqlTitle.statusCode, 303);
    const sqlId = Number(/\/admin\/proposals\/(\d+)/.exec(sqlTitle.headers.location as string)![1]);
    assert.ok((await t.database.db.select().from(propItems)).length >= 2);

    // Invalid UTF-8 (%C3%28) in a urlencoded body: refused with a message, not stored.
    const jar = office as unknown as { cookieHeader(): string };
    const token = csrfOf((await office.get('/admin/proposals/new')).body);
    const raw = await t.app.inject({
      method: 'POST', url: '/admin/proposals/new',
      payload: `_csrf=${encodeURIComponent(token)}&kind=npc&session=S&number=99&title=%C3%28&leadName=a&hostAgencyId=${hostId}&assignedOn=${ago(3)}`,
      headers: { cookie: jar.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    // The body parser keeps an undecodable escape as typed: either refused, or stored exactly as sent.
    assert.ok(raw.statusCode < 500, String(raw.statusCode));
    const stored = await t.database.db.select().from(propItems).where(eq(propItems.number, '99'));
    if (raw.statusCode === 303) assert.equal(stored[0]!.title, '%C3%28');
    else { assert.match(raw.body, /无法识别的字符/); assert.equal(stored.length, 0); }

    // Every action form of the item page.
    const url = `/admin/proposals/${sqlId}`;
    const actions: [string, Record<string, string>, RegExp][] = [
      ['extend', { approver: SCRIPT, approvedOn: 'not-a-date', reason: '' }, /请填写正确的批准日期/],
      ['extend', { approver: 'a'.repeat(51), approvedOn: ago(1), reason: 'r' }, /批准人/],
      ['reply', { replyClass: "A' OR 1=1", replyOn: '2026-02-31', text: SCRIPT }, /请选择答复类别/],
      ['reply', { replyClass: 'A', replyOn: ago(1), text: 'z'.repeat(300_000) }, /内容过长/],
      ['reply', { replyClass: 'A', replyOn: ago(400), text: '早于交办' }, /答复日期不能早于交办日期/],
      ['satisfaction', { satisfaction: SCRIPT }, /尚未答复/],
      ['follow-up', { on: ago(1), text: SCRIPT }, /只有答复类别需要跟踪落实/],
      ['publish', { mode: 'full', on: today }, /当前状态为“办理中”/],
      ['view', { agencyId: 'abc', text: SCRIPT, on: 'x' }, /./],
    ];
    for (const [path, f, message] of actions) {
      const r = await office.post(`${url}/${path}`, f, { from: url });
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${path}: ${r.statusCode}`);
      assert.match(r.body, message, path);
      noRawScript(r.body, path);
    }
    // The item after a good reply: satisfaction, follow-up and publish forms with hostile input.
    assert.equal((await office.post(`${url}/reply`, { replyClass: 'B', replyOn: ago(1), text: `列入计划。${SCRIPT}` }, { from: url })).statusCode, 303);
    const after: [string, Record<string, string>, RegExp][] = [
      ['satisfaction', { satisfaction: 'very', note: 'n'.repeat(3000) }, /请选择满意、基本满意或不满意/],
      ['follow-up', { on: '2026-99-99', text: '' }, /请填写正确的跟踪日期/],
      ['publish', { mode: 'summary', summary: '', reason: SCRIPT, on: 'tomorrow' }, /摘要公开时请填写答复摘要/],
      ['publish', { mode: "full'--", on: today }, /请选择全文公开或摘要公开/],
    ];
    for (const [path, f, message] of after) {
      const r = await office.post(`${url}/${path}`, f, { from: url });
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${path}: ${r.statusCode}`);
      assert.match(r.body, message, path);
      noRawScript(r.body, path);
    }
    assert.equal((await office.post(`${url}/follow-up`, { on: today, text: `已落实${SCRIPT}` }, { from: url })).statusCode, 303);
    const detail = (await office.get(url)).body;
    noRawScript(detail, 'item page');
    assert.ok(detail.includes('&lt;script&gt;'), 'stored text shown escaped');
    // Settings (office of the top government: the city here) and the county office's read-only view.
    const settingsCounty = await office.post('/admin/proposals/settings', { replyMonths: '3', extendedMonths: '6', viewsMonths: '1', publishWorkdays: '20', warnWorkdays: '5', classes: 'A 已解决' }, { from: '/admin/proposals/settings' });
    assert.equal(settingsCounty.statusCode, 403);
    assert.match(settingsCounty.body, /由最上级政府的政务公开办或系统管理员设置/);
    const city = new Browser(t.app); await city.login('shi-office');
    const sbad = await city.post('/admin/proposals/settings', { replyMonths: "3' OR 1=1", extendedMonths: '1', viewsMonths: '99', publishWorkdays: 'x'.repeat(300_000), warnWorkdays: '-1', classes: SCRIPT }, { from: '/admin/proposals/settings' });
    assert.equal(sbad.statusCode, 400);
    noRawScript(sbad.body, 'settings');
    const sbad2 = await city.post('/admin/proposals/settings', { replyMonths: "3' OR 1=1", extendedMonths: '1', viewsMonths: '99', publishWorkdays: '20', warnWorkdays: '-1', classes: SCRIPT }, { from: '/admin/proposals/settings' });
    assert.equal(sbad2.statusCode, 400);
    assert.match(sbad2.body, /id="s-replyMonths-error"[^>]*>[^<]*答复期限（月）应为 1 至 12 之间的整数/);
    assert.match(sbad2.body, /id="s-classes-error"/);
    noRawScript(sbad2.body, 'settings');
    const sok = await city.post('/admin/proposals/settings', { replyMonths: '3', extendedMonths: '6', viewsMonths: '1', publishWorkdays: '20', warnWorkdays: '5', classes: 'A 已解决或采纳\nB 列入计划 *\nC 留作参考 *' }, { from: '/admin/proposals/settings' });
    assert.equal(sok.statusCode, 303);
    assert.match((await city.get('/admin/proposals/settings')).body, /B 列入计划 \*/);

    for (const u of ['/admin/proposals/abc', '/admin/proposals/99999999', '/admin/proposals?kind=<script>&state=%00&q=%27%20OR%201%3D1', '/shifanxian/jianyi?kind=x&year=abcd&session=%3Cscript%3E', '/shifanxian/jianyi/abc', '/shifanxian/jianyi/99999']) {
      const r = await office.get(u);
      assert.ok(r.statusCode < 500, `${u}: ${r.statusCode}`);
      noRawScript(r.body, u);
    }
    for (const u of ['/admin/proposals', `/admin/proposals/${id}`]) noRawScript((await office.get(u)).body, u);
    // Without a CSRF token: refused.
    const forged = await office.post(`${url}/follow-up`, { on: today, text: '伪造' }, { csrf: null });
    assert.ok(forged.statusCode === 403 || forged.statusCode === 400, String(forged.statusCode));
  });

  it('exports the register as a workbook that opens and holds the rows, without the authors’ phones', async () => {
    const r = await office.get('/admin/proposals/export.xlsx');
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('建议提案办理')!;
    const texts: string[] = [];
    ws.eachRow((row) => texts.push((row.values as unknown[]).map(String).join('|')));
    assert.match(texts[1]!, /类别\|届次会次\|编号\|标题/);
    assert.ok(texts.some((l) => l.includes('关于改善城关镇养老服务设施的建议') && l.includes('县民政局') && l.includes('已公开')));
    assert.ok(texts.some((l) => l.includes("'; DELETE FROM prop_items; --") && l.includes('政协委员提案')), 'a title that looks like SQL is a plain cell');
    assert.ok(!texts.join('\n').includes(LEAD_PHONE));
    const only = await office.get('/admin/proposals/export.xlsx?kind=cppcc');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(only.rawPayload as unknown as ArrayBuffer);
    const rows2: string[] = [];
    wb2.getWorksheet('建议提案办理')!.eachRow((row) => rows2.push((row.values as unknown[]).map(String).join('|')));
    assert.ok(rows2.length >= 3, rows2.join('\n'));
    assert.ok(rows2.slice(2).every((l) => l.includes('政协委员提案')), rows2.join('\n'));
    // Another county's staff get an export without this county's items.
    const nx = new Browser(t.app); await nx.login('nx-office');
    const theirs = new ExcelJS.Workbook();
    await theirs.xlsx.load((await nx.get('/admin/proposals/export.xlsx')).rawPayload as unknown as ArrayBuffer);
    let n = 0;
    theirs.getWorksheet('建议提案办理')!.eachRow(() => n++);
    assert.equal(n, 2, 'title and header only');
  });
});
