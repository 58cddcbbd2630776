import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { infoDocuments, infoEditions } from '../info/schema.js';
import { createConsultation, linkDocument, localDateTime, publishConsultation, runSchedule } from './consultations.js';
import { decideOpinion, moderate, opinionsOf } from './opinions.js';
import { reviewReport, submitReport } from './report.js';
import { partConsultations, partOpinions } from './schema.js';

const DRAFT = '某某办法（征求意见稿）\n第一条 为了规范工作，制定本办法。\n第二条 本办法适用于本县。\n第三条 申请人应当提交书面申请。\n第四条 本办法自发布之日起施行。';
const SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const SQL = "'; DROP TABLE part_opinions; --";

/** No page may carry markup that came from the public: no script tag, no injected handler. */
function assertInert(html: string): void {
  assert.ok(!html.includes('<script>alert'), 'no injected script tag');
  assert.ok(!/<img src=x/i.test(html), 'no injected element');
}

describe('participation over HTTP', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  let open = 0;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });
  const HOUR = 3600_000;

  before(async () => {
    t = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '200' });
    actors = await demoActors(t.database.db, ['minzheng', 'office', 'jiaoyu']);
    open = await createConsultation(as('minzheng'), { title: '关于某某办法公开征求意见', kind: 'normative', draftText: DRAFT, methods: ['online'], startsAt: localDateTime(new Date(Date.now() - HOUR)), endsAt: localDateTime(new Date(Date.now() + 20 * 24 * HOUR)) });
    await publishConsultation(as('minzheng'), open);
  });
  after(async () => t.close());

  const comment = (who: Browser, form: Record<string, string>, id = open) => who.post(`/zhengqiu/${id}/comment`, form, { from: `/zhengqiu/${id}` });
  const keyOf = async (who: Browser, id = open) => /name="submitKey" value="([^"]+)"/.exec((await who.get(`/zhengqiu/${id}`)).body)![1]!;

  it('lists the open consultation with days remaining and offers 第几条 without JavaScript', async () => {
    const list = await new Browser(t.app).get('/zhengqiu');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /关于某某办法公开征求意见/);
    assert.match(list.body, /剩余 20 天/);
    const page = await new Browser(t.app).get(`/zhengqiu/${open}`);
    assert.match(page.body, /<option value="3">第三条<\/option>/);
    assert.match(page.body, /id="art-3"/);
    for (const tab of ['closed', 'finished']) assert.equal((await new Browser(t.app).get(`/zhengqiu?tab=${tab}`)).statusCode, 200);
    assert.equal((await new Browser(t.app).get('/zhengqiu?tab=<script>')).statusCode, 200);
  });

  it('acknowledges a comment on 第三条 with a query code, keeps name and contact private, publishes it after approval', async () => {
    const b = new Browser(t.app, '198.51.100.1');
    const res = await comment(b, { article: '3', quote: '书面申请', body: '建议允许网上申请。', name: '李四', contact: '13900139000', submitKey: await keyOf(b) });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const code = /<strong class="code">(YJ-[A-Z0-9]{12})<\/strong>/.exec(res.body)?.[1];
    assert.ok(code, 'a query code on the receipt');
    const status = await b.post('/zhengqiu/status', { code: code! }, { from: '/zhengqiu/status' });
    assert.ok(!status.body.includes('status?code='), 'the code is never put in a link');
    assert.match(status.body, /待审核/);
    const row = (await opinionsOf(t.database.db, open)).find((o) => o.code === code)!;
    await moderate(as('minzheng'), row.id, { action: 'approve' });
    const page = (await new Browser(t.app).get(`/zhengqiu/${open}`)).body;
    assert.match(page, /建议允许网上申请。/);
    assert.match(page, /引用原文：“书面申请”/);
    assert.ok(!page.includes('李四') && !page.includes('13900139000'), 'no name or contact on the public page');
  });

  it('takes hostile text as text: stored exactly, escaped on public and staff pages', async () => {
    const b = new Browser(t.app, '198.51.100.2');
    const res = await comment(b, { article: '0', quote: SCRIPT, body: `${SCRIPT}\n${SQL}`, name: '<script>alert(1)</script>', contact: SQL, submitKey: await keyOf(b) });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const code = /<strong class="code">(YJ-[A-Z0-9]{12})<\/strong>/.exec(res.body)![1]!;
    const row = (await opinionsOf(t.database.db, open)).find((o) => o.code === code)!;
    assert.equal(row.body, `${SCRIPT}\n${SQL}`, 'nothing altered');
    assert.equal(row.contact, SQL);
    const staff = new Browser(t.app);
    await staff.login('minzheng');
    const adminPage = await staff.get(`/admin/participation/${open}`);
    assert.equal(adminPage.statusCode, 200);
    assertInert(adminPage.body);
    assert.ok(adminPage.body.includes('&lt;script&gt;'), 'shown escaped to staff');
    await moderate(as('minzheng'), row.id, { action: 'approve' });
    const page = (await new Browser(t.app).get(`/zhengqiu/${open}`)).body;
    assertInert(page);
    assert.ok(page.includes('&lt;script&gt;alert'), 'shown escaped to the public');
    assert.ok((await t.database.db.select().from(partOpinions)).length > 0, 'the table is still there');
  });

  it('refuses with a clear Chinese reason, keeping what was typed: oversize, honeypot, bad article, no contact', async () => {
    const b = new Browser(t.app, '198.51.100.3');
    const long = '长'.repeat(5001);
    const big = await comment(b, { body: long, contact: '13900000001', submitKey: await keyOf(b) });
    assert.equal(big.statusCode, 400);
    assert.match(big.body, /意见内容最多 5000 个字，本次 5001 个字/);
    assert.ok(big.body.includes(long), 'the text typed is in the form again');
    const huge = await comment(b, { body: 'a'.repeat(200_001), contact: '13900000001' });
    assert.equal(huge.statusCode, 400);
    assert.match(huge.body, /提交的内容过长/);
    const over = await comment(b, { body: '长'.repeat(400_000), contact: '13900000001' });
    assert.equal(over.statusCode, 413, 'above the body limit of the whole app');
    assert.match(over.body, /提交的内容或文件过大/);
    const pot = await comment(b, { body: '正常意见', contact: '13900000001', homepage: 'http://spam.example' });
    assert.equal(pot.statusCode, 400);
    assert.match(pot.body, /隐藏项被填写/);
    const art = await comment(b, { body: '正常意见', contact: '13900000001', article: "3' OR '1'='1" });
    assert.equal(art.statusCode, 400);
    assert.match(art.body, /所选条款不在草案中/);
    const none = await comment(b, { body: '正常意见', contact: '' });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /请填写联系方式/);
    assert.ok(none.body.includes('正常意见'));
    const noCsrf = await b.post(`/zhengqiu/${open}/comment`, { body: '意见', contact: '1' }, { csrf: null });
    assert.ok(noCsrf.statusCode >= 400 && noCsrf.statusCode < 500, `refused without a token (${noCsrf.statusCode})`);
    const count = (await opinionsOf(t.database.db, open)).filter((o) => o.body === '正常意见').length;
    assert.equal(count, 0, 'nothing refused was stored');
  });

  it('survives invalid UTF-8, odd ids and double submits without a 5xx', async () => {
    const b = new Browser(t.app, '198.51.100.4');
    const token = /name="_csrf" value="([^"]+)"/.exec((await b.get(`/zhengqiu/${open}`)).body)![1]!;
    const cookie = (b as unknown as { cookieHeader(): string }).cookieHeader();
    const bad = await t.app.inject({ method: 'POST', url: `/zhengqiu/${open}/comment`, remoteAddress: '198.51.100.4', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: Buffer.concat([Buffer.from(`_csrf=${encodeURIComponent(token)}&contact=1390000&body=`), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('%FF%FE')]) });
    assert.ok(bad.statusCode < 500, `no 5xx for invalid UTF-8 (${bad.statusCode})`);
    for (const url of ['/zhengqiu/999999999999', '/zhengqiu/abc', '/zhengqiu/0', '/zhengqiu/1%00', '/juece/99999', `/zhengqiu/${open}/feedback.docx`, '/zhengqiu/status?code=%3Cscript%3E']) {
      const r = await b.get(url);
      assert.ok(r.statusCode < 500, `${url}: ${r.statusCode}`);
      assertInert(r.body);
    }
    for (const code of ['<script>alert(1)</script>', "' OR 1=1 --", 'YJ-AAAAAAAAAAAA', 'x'.repeat(5000)]) {
      const r = await b.post('/zhengqiu/status', { code }, { from: '/zhengqiu/status' });
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `status lookup of ${code.slice(0, 20)}: ${r.statusCode}`);
      assert.match(r.body, /查询码/);
      assertInert(r.body);
    }
    const key = await keyOf(b);
    const first = await comment(b, { body: '只提交一次的意见', contact: '13900000044', submitKey: key });
    const second = await comment(b, { body: '只提交一次的意见', contact: '13900000044', submitKey: key });
    const code = (r: { body: string }) => /<strong class="code">(YJ-[A-Z0-9]{12})<\/strong>/.exec(r.body)?.[1];
    assert.ok(code(first));
    assert.equal(code(second), code(first), 'the second submission shows the first code');
    assert.equal((await opinionsOf(t.database.db, open)).filter((o) => o.body === '只提交一次的意见').length, 1);
  });

  it('holds a comment with a sensitive word and says so on the receipt', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    const res = await office.post('/admin/participation/settings', { majorDecisionDays: '30', ruleDays: '30', normativeWorkdays: '7', maxCommentChars: '5000', perContactPerDay: '10', perAddressPerDay: '30', sensitiveWords: '特定词语\n<b>' });
    assert.equal(res.statusCode, 303);
    const b = new Browser(t.app, '198.51.100.5');
    const r = await comment(b, { body: '这条意见含有特定词语。', contact: '13900000055', submitKey: await keyOf(b) });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /需经人工复核/);
    const code = /<strong class="code">(YJ-[A-Z0-9]{12})<\/strong>/.exec(r.body)![1]!;
    assert.match((await b.post('/zhengqiu/status', { code }, { from: '/zhengqiu/status' })).body, /待人工复核/);
    const settings = await office.get('/admin/participation/settings');
    assertInert(settings.body);
    await office.post('/admin/participation/settings', { majorDecisionDays: '30', ruleDays: '30', normativeWorkdays: '7', maxCommentChars: '5000', perContactPerDay: '10', perAddressPerDay: '30', sensitiveWords: '' });
    const refused = await office.post('/admin/participation/settings', { majorDecisionDays: 'abc', ruleDays: '30', normativeWorkdays: '7', maxCommentChars: '5000', perContactPerDay: '10', perAddressPerDay: '30', sensitiveWords: '' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /重大行政决策最短征求意见期限应为 1 至 365 之间的整数/);
  });

  it('refuses a short 规范性文件 period without a reason on the staff form, and bad dates with a message', async () => {
    const staff = new Browser(t.app);
    await staff.login('minzheng');
    const created = await staff.post('/admin/participation/new', { title: `${SCRIPT}办法`, kind: 'normative', draftText: DRAFT, methods: 'online', startsAt: '2027-03-01T09:00', endsAt: '2027-03-05T18:00' });
    assert.equal(created.statusCode, 303);
    const id = Number(/\/admin\/participation\/(\d+)/.exec(created.headers.location as string)![1]);
    const pub = await staff.post(`/admin/participation/${id}/publish`, {}, { from: `/admin/participation/${id}` });
    assert.equal(pub.statusCode, 400);
    assert.match(pub.body, /不少于 7 个工作日，本次为 5 个工作日/);
    assertInert(pub.body);
    const badDates = await staff.post('/admin/participation/new', { title: '办法', kind: 'normative', draftText: DRAFT, methods: 'online', startsAt: '2027-02-30T09:00', endsAt: 'tomorrow' });
    assert.equal(badDates.statusCode, 400);
    assert.match(badDates.body, /开始时间格式不正确/);
    assert.match(badDates.body, /截止时间格式不正确/);
    const list = await staff.get('/admin/participation');
    assertInert(list.body);
    // Another agency's clerk does not see it.
    const other = new Browser(t.app);
    await other.login('jiaoyu');
    assert.equal((await other.get(`/admin/participation/${id}`)).statusCode, 404);
    assert.equal((await other.get(`/admin/participation/${id}/export.xlsx`)).statusCode, 404);
  });

  it('exports every comment to XLSX for staff, and publishes the feedback report as a page and a DOCX', async () => {
    const id = await createConsultation(as('minzheng'), { title: '已截止的征求意见', kind: 'other', draftText: DRAFT, methods: ['online'], startsAt: localDateTime(new Date(Date.now() - 2 * HOUR)), endsAt: localDateTime(new Date(Date.now() + 20 * 24 * HOUR)) });
    await publishConsultation(as('minzheng'), id);
    const b = new Browser(t.app, '198.51.100.6');
    await comment(b, { article: '2', body: '第二条应当写明适用范围。', contact: '13900000066', name: '王五', submitKey: await keyOf(b, id) }, id);
    const [o] = await opinionsOf(t.database.db, id);
    await moderate(as('minzheng'), o!.id, { action: 'approve' });
    await t.database.db.update(partConsultations).set({ endsAt: new Date(Date.now() - HOUR) }).where(eq(partConsultations.id, id));
    await runSchedule(t.database.db);
    const staff = new Browser(t.app);
    await staff.login('minzheng');
    // Refused finish, shown on the page with its reason.
    const early = await staff.post(`/admin/participation/${id}/finish`, {}, { from: `/admin/participation/${id}` });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /没有审核或处理，不能办结/);
    const noReason = await staff.post(`/admin/participation/${id}/opinions/${o!.id}/decide`, { disposition: 'not_adopted', reason: '' }, { from: `/admin/participation/${id}` });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /除“采纳”外，须填写理由/);
    assert.equal((await staff.post(`/admin/participation/${id}/opinions/${o!.id}/decide`, { disposition: 'partly', reason: '在第二条中增加适用范围。' }, { from: `/admin/participation/${id}` })).statusCode, 303);
    const x = await staff.get(`/admin/participation/${id}/export.xlsx`);
    assert.equal(x.statusCode, 200);
    assert.match(String(x.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const ws = wb.getWorksheet('意见')!;
    assert.equal(ws.getRow(2).getCell(8).value, '意见内容');
    assert.equal(ws.getRow(3).getCell(6).value, '第二条');
    assert.equal(ws.getRow(3).getCell(8).value, '第二条应当写明适用范围。');
    assert.equal(ws.getRow(3).getCell(9).value, '王五');
    assert.equal(ws.getRow(3).getCell(14).value, '部分采纳');
    assert.equal(ws.getRow(3).getCell(15).value, '在第二条中增加适用范围。');
    await submitReport(as('minzheng'), id, '');
    assert.equal((await new Browser(t.app).get(`/zhengqiu/${id}/feedback.docx`)).statusCode, 404, 'not before review');
    await reviewReport(as('office'), id, 'publish');
    const page = await new Browser(t.app).get(`/zhengqiu/${id}`);
    assert.match(page.body, /意见采纳情况/);
    assert.match(page.body, /在第二条中增加适用范围。/);
    const docx = await new Browser(t.app).get(`/zhengqiu/${id}/feedback.docx`);
    assert.equal(docx.statusCode, 200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    assert.ok(xml.replace(/<[^>]+>/g, '').includes('在第二条中增加适用范围。'));
    assert.equal((await staff.post(`/admin/participation/${id}/finish`, {}, { from: `/admin/participation/${id}` })).statusCode, 303);
    assert.match((await new Browser(t.app).get('/zhengqiu?tab=finished')).body, /已截止的征求意见/);

    // The document it led to shows 公众参与情况 linking back.
    const agencyId = actors.get('minzheng')!.agencyId;
    const [d] = await t.database.db.insert(infoDocuments).values({ agencyId }).returning();
    await t.database.db.insert(infoEditions).values({ documentId: d!.id, editionNo: 1, state: 'published', title: '某某办法', kind: '通知', theme: '其他', assembly: '其他', writtenDate: '2026-01-01', formedDate: '2026-01-01', bodyHtml: '<p>正文</p>', disclosure: 'active', publishedAt: new Date() });
    await linkDocument(as('minzheng'), id, d!.id);
    const doc = await new Browser(t.app).get(`/xxgk/${d!.id}`);
    assert.equal(doc.statusCode, 200);
    assert.match(doc.body, /公众参与情况/);
    assert.ok(doc.body.includes(`href="/zhengqiu/${id}"`));
    void decideOpinion;
  });

  it('records an opinion gathered by letter through the staff form: counted under its method in the report, refused clearly when bad', async () => {
    const id = await createConsultation(as('minzheng'), { title: '书面征求意见的办法', kind: 'other', draftText: DRAFT, methods: ['online', 'written'], startsAt: localDateTime(new Date(Date.now() - 2 * HOUR)), endsAt: localDateTime(new Date(Date.now() + 20 * 24 * HOUR)) });
    await publishConsultation(as('minzheng'), id);
    const staff = new Browser(t.app);
    await staff.login('minzheng');
    const from = { from: `/admin/participation/${id}` };
    const form = (await staff.get(`/admin/participation/${id}`)).body;
    assert.match(form, /录入其他方式收集的意见/);
    assert.ok(!/<select id="r-method"[^>]*>[\s\S]*?value="online"[\s\S]*?<\/select>/.test(form), 'online comments come only from the public form');
    // Refused with a Chinese reason, nothing stored.
    for (const [bad, message] of [
      [{ method: 'online', body: '意见' }, /请选择意见来源方式/],
      [{ method: 'written', body: '  ' }, /意见内容不能为空/],
      [{ method: 'written', body: '意见', article: '1 or 1=1' }, /条款选择不正确/],
      [{ method: 'written', body: '意见', source: '来'.repeat(201) }, /来源说明不超过 200 个字，本次 201 个字/],
      [{ method: 'written', body: 'x'.repeat(20001) }, /不超过 20000 个字/],
    ] as const) {
      const r = await staff.post(`/admin/participation/${id}/opinions/record`, bad, from);
      assert.equal(r.statusCode, 400, JSON.stringify(bad).slice(0, 80));
      assert.match(r.body, message);
    }
    assert.equal((await opinionsOf(t.database.db, id)).length, 0);
    // Another agency's staff cannot record into it.
    const other = new Browser(t.app);
    await other.login('jiaoyu');
    assert.equal((await other.post(`/admin/participation/${id}/opinions/record`, { method: 'written', body: '越权录入' }, from)).statusCode, 404);
    const ok = await staff.post(`/admin/participation/${id}/opinions/record`, { method: 'written', article: '3', source: '县人大常委会来函', name: '县人大常委会办公室', body: `第三条宜允许口头申请。${SCRIPT}` }, from);
    assert.equal(ok.statusCode, 303);
    const [o] = await opinionsOf(t.database.db, id);
    assert.equal(o!.method, 'written');
    assert.equal(o!.article, 3);
    assert.equal(o!.body, `第三条宜允许口头申请。${SCRIPT}`, 'stored exactly as typed');
    assertInert((await staff.get(`/admin/participation/${id}`)).body);
    // Decided and reported like an online comment, counted under 书面征求意见; the writer's name stays off the public page.
    await t.database.db.update(partConsultations).set({ endsAt: new Date(Date.now() - HOUR) }).where(eq(partConsultations.id, id));
    await runSchedule(t.database.db);
    await decideOpinion(as('minzheng'), o!.id, { disposition: 'adopted' });
    await submitReport(as('minzheng'), id, '');
    await reviewReport(as('office'), id, 'publish');
    const page = (await new Browser(t.app).get(`/zhengqiu/${id}`)).body;
    assert.match(page, /<th[^>]*>书面征求意见<\/th>\s*<td>1<\/td>/, 'one adopted opinion under 书面征求意见');
    assert.ok(page.includes('第三条宜允许口头申请。'));
    assert.ok(!page.includes('县人大常委会办公室'), 'the name stays private');
    assertInert(page);
  });

  it('keeps the catalog: hostile and invalid input refused or escaped, versions visible publicly', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    const form = await office.get('/admin/participation/matters');
    const undertaker = /<option value="(\d+)">县民政局<\/option>/.exec(form.body)![1]!;
    const bad = await office.post('/admin/participation/matters', { year: '2026', title: SCRIPT, category: 'planning', undertakerId: undertaker, partyAgreedOn: '2026-13-40', publishedOn: '2026-01-02' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /党委同意日期格式不正确/);
    assertInert(bad.body);
    const noParty = await office.post('/admin/participation/matters', { year: '2026', title: '事项', category: 'planning', undertakerId: undertaker, publishedOn: '2026-01-02' });
    assert.equal(noParty.statusCode, 400);
    assert.match(noParty.body, /经同级党委同意后才能公布/);
    const ok = await office.post('/admin/participation/matters', { year: '2026', title: `养老规划${SCRIPT}`, category: 'planning', undertakerId: undertaker, hearingRequired: 'on', partyAgreedOn: '2026-01-10', publishedOn: '2026-01-12' });
    assert.equal(ok.statusCode, 303);
    const list = await office.get('/admin/participation/matters');
    const id = /\/admin\/participation\/matters\/(\d+)/.exec(list.body)![1]!;
    const noNote = await office.post(`/admin/participation/matters/${id}`, { title: '养老规划（调整）', category: 'planning', undertakerId: undertaker, partyAgreedOn: '2026-06-10', publishedOn: '2026-06-12' });
    assert.equal(noNote.statusCode, 400);
    assert.match(noNote.body, /请说明调整的内容和理由/);
    assert.equal((await office.post(`/admin/participation/matters/${id}`, { title: '养老规划（调整）', category: 'planning', undertakerId: undertaker, partyAgreedOn: '2026-06-10', publishedOn: '2026-06-12', changeNote: '承办单位意见调整名称' })).statusCode, 303);
    const pub = await new Browser(t.app).get(`/juece/${id}`);
    assert.equal(pub.statusCode, 200);
    assertInert(pub.body);
    assert.match(pub.body, /第1版/);
    assert.match(pub.body, /第2版/);
    assert.match(pub.body, /承办单位意见调整名称/);
    const cat = await new Browser(t.app).get('/juece?year=2026');
    assert.match(cat.body, /养老规划（调整）/);
    assert.match(cat.body, /已调整/);
    // A clerk may not keep the catalog.
    const clerk = new Browser(t.app);
    await clerk.login('minzheng');
    assert.equal((await clerk.post('/admin/participation/matters', { year: '2026', title: '事项', category: 'planning', undertakerId: undertaker })).statusCode, 403);
  });
});
