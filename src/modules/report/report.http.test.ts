import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { login } from '../account/service.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { listAgencies } from '../org/service.js';
import type { ReportCase, ReviewRecord } from '../foi/report-data.js';
import { reportSources } from './sources.js';
import { annualReports } from './schema.js';
import { annualReportReminders } from './reminders.js';
import { errorBeside } from '../../test/form-errors.js';

/**
 * Applications and reviews come from the applications module; here they are fed in through the
 * report's data seam so the expected cells are known exactly.
 */
let CASES: ReportCase[] = [];
let REVIEWS: ReviewRecord[] = [];
const inScope = (q: { agencyIds: number[]; year: number }) => (x: { agencyId: number }) => q.agencyIds.includes(x.agencyId);

describe('annual reports over HTTP', () => {
  let t: TestApp;
  let office: Browser;
  let chengguan: Browser; // 城关镇 editor
  let chengguanReviewer: Browser;
  let hexi: Browser; // 河西乡 editor
  let ids: { county: number; chengguan: number; hexi: number };
  const original = { ...reportSources };

  before(async () => {
    t = await createTestApp();
    const all = await listAgencies(t.database.db);
    ids = { county: all.find((a) => a.kind === 'county')!.id, chengguan: all.find((a) => a.name === '城关镇')!.id, hexi: all.find((a) => a.name === '河西乡')!.id };
    reportSources.cases = async (_db, q) => CASES.filter(inScope(q)).filter((c) => c.receivedOn <= `${q.year}-12-31` && !(c.closedOn && c.closedOn < `${q.year}-01-01`));
    reportSources.reviews = async (_db, q) => REVIEWS.filter(inScope(q));
    const cg = ids.chengguan;
    CASES = [
      { agencyId: cg, applicantCategory: 'natural', receivedOn: '2024-12-20', closedOn: '2025-01-15', outcome: 'disclosed' },
      { agencyId: cg, applicantCategory: 'natural', receivedOn: '2025-03-01', closedOn: '2025-03-20', outcome: 'disclosed' },
      { agencyId: cg, applicantCategory: 'business', receivedOn: '2025-04-01', closedOn: '2025-04-21', outcome: 'partial' },
      { agencyId: cg, applicantCategory: 'natural', receivedOn: '2025-12-30', closedOn: null, outcome: null },
      { agencyId: cg, applicantCategory: 'legal_service', receivedOn: '2025-06-01', closedOn: '2025-06-10', outcome: 'rejected_repeat' },
      { agencyId: ids.hexi, applicantCategory: 'research', receivedOn: '2025-05-05', closedOn: '2025-05-25', outcome: 'unavailable_not_held' },
    ];
    REVIEWS = [{ agencyId: cg, kind: 'reconsideration', filedOn: '2025-02-01', result: 'upheld', decidedOn: '2025-04-01' }];
    office = new Browser(t.app);
    await office.login('office');
    chengguan = new Browser(t.app);
    await chengguan.login('chengguan');
    chengguanReviewer = new Browser(t.app);
    await chengguanReviewer.login('chengguan-sh');
    hexi = new Browser(t.app);
    await hexi.login('hexi');
  });
  after(async () => {
    Object.assign(reportSources, original);
    await t.close();
  });

  const create = async (b: Browser, agencyId: number, year: number) => {
    const res = await b.post('/admin/reports', { agencyId: String(agencyId), year: String(year) }, { from: '/admin/reports' });
    assert.equal(res.statusCode, 303, res.body);
    return String(res.headers.location).split('?')[0]!;
  };
  const sections = (over: Record<string, string> = {}) => ({
    overview: '2025年，城关镇认真贯彻《条例》，主动公开政府信息。\n依申请公开工作依法规范。',
    problems: '政策解读形式较单一。\n下一步将增加图解、音视频解读。',
    // As staff leave the prompt: the amount filled in, the hint “（未收取的写 0 元）” still there.
    otherMatters: '（一）信息处理费收取情况：本年度共收取信息处理费 0 元（未收取的写 0 元）。\n（二）其他事项：无。',
    feesWan: '12.5',
    ...over,
  });
  const reportRow = async (url: string) => (await t.database.db.select().from(annualReports).where(eq(annualReports.id, Number(url.split('/').pop()))))[0]!;
  const countCells = (html: string, label: string) => {
    // The seven numbers after a row label in the HTML table.
    const at = html.indexOf(`>${label}</th>`);
    assert.ok(at > 0, `row ${label} present`);
    const tail = html.slice(at, html.indexOf('</tr>', at));
    return [...tail.matchAll(/<td class="num"[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
  };

  let published = '';

  it('lets a township draft and fill its report; the office publishes it; the public sees and downloads it', async () => {
    const url = await create(chengguan, ids.chengguan, 2025);
    let page = await chengguan.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /城关镇2025年政府信息公开工作年度报告/);
    // Tables are computed on view: 一 = 2 natural, 1 business, 1 law firm; 二 = the 2024 case still open.
    assert.deepEqual(countCells(page.body, '一、本年新收政府信息公开申请数量'), ['2', '1', '0', '0', '1', '0', '4']);
    assert.deepEqual(countCells(page.body, '二、上年结转政府信息公开申请数量'), ['1', '0', '0', '0', '0', '0', '1']);
    assert.match(page.body, /“一、总体情况”尚未填写/);
    assert.match(page.body, /信息处理费/);

    assert.equal((await chengguan.post(url, sections(), { from: url })).statusCode, 303);
    page = await chengguan.get(url);
    assert.match(page.body, /各表勾稽关系校验通过/);
    assert.equal((await chengguan.post(`${url}/transition`, { action: 'submit' }, { from: url })).statusCode, 303);
    // The township's own staff cannot publish; the office can.
    const refused = await chengguanReviewer.post(`${url}/transition`, { action: 'publish' }, { from: url });
    assert.equal(refused.statusCode, 409);
    assert.equal((await reportRow(url)).state, 'submitted');
    const ok = await office.post(`${url}/transition`, { action: 'publish' }, { from: url });
    assert.equal(ok.statusCode, 303, ok.body);
    const row = await reportRow(url);
    assert.equal(row.state, 'published');
    assert.deepEqual(row.snapshot!.tables.t3.closed_total, { natural: 2, business: 1, research: 0, public_interest: 0, legal_service: 1, other_org: 0, total: 4 });
    published = `/zfxxgk/annual-reports/${row.id}`;

    const reader = new Browser(t.app);
    const list = await reader.get('/zfxxgk/annual-reports');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /2025年度/);
    assert.ok(list.body.includes(`href="${published}"`));
    const pub = await reader.get(published);
    assert.equal(pub.statusCode, 200);
    for (const h of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) assert.ok(pub.body.includes(h), h);
    assert.match(pub.body, /<th scope="rowgroup" rowspan="22">三、本年度办理结果<\/th>/);
    assert.match(pub.body, /<th scope="rowgroup" rowspan="8">（三）不予公开<\/th>/);
    assert.match(pub.body, /<th scope="colgroup" colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）<\/th>/);
    assert.deepEqual(countCells(pub.body, '四、结转下年度继续办理'), ['1', '0', '0', '0', '0', '0', '1']);
    assert.match(pub.body, /<p class="report-para">依申请公开工作依法规范。<\/p>/);
    assert.match(pub.body, /<td class="num" colspan="3">12.5<\/td>/);
    assert.ok(pub.body.includes('本年度共收取信息处理费 0 元。'), 'the sentence staff completed is published');
    assert.ok(!pub.body.includes('未收取的写'), 'the writing hint is not');

    const docx = await reader.get(`${published}/report.docx`);
    assert.equal(docx.statusCode, 200);
    assert.match(String(docx.headers['content-type']), /wordprocessingml/);
    assert.match(String(docx.headers['content-disposition']), /filename\*=UTF-8''/);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    const words = xml.replace(/<[^>]+>/g, '|');
    assert.ok(words.includes('城关镇2025年政府信息公开工作年度报告'));
    assert.ok(words.includes('依申请公开工作依法规范。'));
    assert.ok(words.includes('本年度共收取信息处理费 0 元。') && !words.includes('未收取的写'), 'the DOCX leaves the writing hint out');
    assert.ok(words.includes('|（三）不予公开|'));
    assert.ok(words.includes('|12.5|'), 'the fee amount');
    assert.match(words, /一、本年新收政府信息公开申请数量\|+2\|+1\|+0\|+0\|+1\|+0\|+4\|/);
    assert.match(xml, /<w:vMerge w:val="restart"\/>/, 'rowspans are real merged cells');

    const xlsx = await reader.get(`${published}/report.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']);
    const t3 = wb.worksheets[1]!;
    const rowOf = (label: string) => {
      let found: ExcelJS.Row | undefined;
      t3.eachRow((r) => r.values && (r.values as unknown[]).includes(label) && (found ??= r));
      assert.ok(found, label);
      return found!;
    };
    const received = rowOf('一、本年新收政府信息公开申请数量');
    assert.deepEqual([4, 5, 6, 7, 8, 9, 10].map((c) => received.getCell(c).value), [2, 1, 0, 0, 1, 0, 4]);
    assert.equal(t3.getCell('D3').value, '自然人');
    assert.equal(t3.getCell('E3').value, '法人或其他组织');
    assert.equal(t3.getCell('J3').value, '总计');
    assert.equal(t3.getCell('H4').value, '法律服务机构');
    assert.ok(t3.model.merges.includes('A7:A28'), `三、本年度办理结果 spans 22 rows: ${t3.model.merges.join(' ')}`);
    const partial = rowOf('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    assert.equal(partial.getCell(5).value, 1);
    const t4 = wb.worksheets[2]!;
    assert.equal(t4.getCell('A2').value, '行政复议');
    assert.equal(t4.getCell('F2').value, '行政诉讼');
    assert.deepEqual([1, 2, 3, 4, 5].map((c) => t4.getRow(5).getCell(c).value), [1, 0, 0, 0, 1]);
    const t2 = wb.worksheets[0]!;
    let fee: unknown;
    t2.eachRow((r) => { if (r.getCell(1).value === '行政事业性收费') fee = r.getCell(2).value; });
    assert.equal(fee, 12.5);
  });

  it('keeps a published report frozen: no edits, and later data does not change it', async () => {
    const row = (await t.database.db.select().from(annualReports).where(eq(annualReports.agencyId, ids.chengguan)))[0]!;
    const url = `/admin/reports/${row.id}`;
    const edit = await chengguan.post(url, sections({ overview: '改写' }), { csrf: /name="_csrf" value="([^"]+)"/.exec((await chengguan.get('/admin/reports')).body)![1]! });
    assert.equal(edit.statusCode, 409);
    CASES.push({ agencyId: ids.chengguan, applicantCategory: 'natural', receivedOn: '2025-07-01', closedOn: '2025-07-02', outcome: 'disclosed' });
    const pub = await new Browser(t.app).get(published);
    assert.deepEqual(countCells(pub.body, '一、本年新收政府信息公开申请数量'), ['2', '1', '0', '0', '1', '0', '4']);
    CASES.pop();
  });

  it('refuses to publish while 上年结转 differs from last year’s published 结转下年度, naming the cell', async () => {
    // 河西乡 publishes 2024 with one case still open at the end of 2024 …
    const open2024: ReportCase = { agencyId: ids.hexi, applicantCategory: 'natural', receivedOn: '2024-12-30', closedOn: '2025-01-06', outcome: 'disclosed' };
    CASES.push(open2024);
    const u2024 = await create(hexi, ids.hexi, 2024);
    await hexi.post(u2024, sections(), { from: u2024 });
    assert.equal((await office.post(`${u2024}/transition`, { action: 'publish' }, { from: u2024 })).statusCode, 303);
    // … then the record is corrected to have been received in 2025, so 2025's 上年结转 is 0.
    open2024.receivedOn = '2025-01-02';
    const u2025 = await create(hexi, ids.hexi, 2025);
    await hexi.post(u2025, sections(), { from: u2025 });
    const page = await hexi.get(u2025);
    assert.ok(page.body.includes('表三 自然人列 第二项（上年结转）：应为 1（2024年度已公布报告的“结转下年度继续办理”），实为 0'));
    const refused = await office.post(`${u2025}/transition`, { action: 'publish' }, { from: u2025 });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /提交未成功/);
    assert.ok(refused.body.includes('<li>表三 总计列 第二项（上年结转）：应为 1（2024年度已公布报告的“结转下年度继续办理”），实为 0</li>'));
    const row = await reportRow(u2025);
    assert.equal(row.state, 'draft');
    assert.equal(row.snapshot, null);
    // Also refused when a part is missing: every problem is listed at once.
    open2024.receivedOn = '2024-12-30';
    await hexi.post(u2025, sections({ otherMatters: '无。', feesWan: '' }), { from: u2025 });
    const missing = await office.post(`${u2025}/transition`, { action: 'publish' }, { from: u2025 });
    assert.equal(missing.statusCode, 409);
    assert.match(missing.body, /须说明信息处理费收取情况/);
    assert.match(missing.body, /请填写本年收费金额（万元）/);
    await hexi.post(u2025, sections(), { from: u2025 });
    assert.equal((await office.post(`${u2025}/transition`, { action: 'publish' }, { from: u2025 })).statusCode, 303);
  });

  it('aggregates the county report over every agency under the county government', async () => {
    const denied = await chengguan.post('/admin/reports', { agencyId: String(ids.county), year: '2025' }, { from: '/admin/reports' });
    assert.equal(denied.statusCode, 403);
    const url = await create(office, ids.county, 2025);
    const page = await office.get(url);
    // 城关镇's four and 河西乡's two (its 2024 case counts as carried in) applications.
    assert.deepEqual(countCells(page.body, '一、本年新收政府信息公开申请数量'), ['2', '1', '1', '0', '1', '0', '5']);
    assert.deepEqual(countCells(page.body, '二、上年结转政府信息公开申请数量'), ['2', '0', '0', '0', '0', '0', '2']);
    assert.match(page.body, /本县人民政府及所属各部门、乡镇（街道）/);
  });

  it('keeps other agencies out: a township editor cannot read, edit, create or publish another agency’s report', async () => {
    const [cg] = await t.database.db.select().from(annualReports).where(eq(annualReports.agencyId, ids.chengguan));
    const url = `/admin/reports/${cg!.id}`;
    assert.equal((await hexi.get(url)).statusCode, 404);
    const token = /name="_csrf" value="([^"]+)"/.exec((await hexi.get('/admin/reports')).body)![1]!;
    assert.equal((await hexi.post(url, sections({ overview: '篡改' }), { csrf: token })).statusCode, 404);
    assert.equal((await hexi.post(`${url}/transition`, { action: 'publish' }, { csrf: token })).statusCode, 404);
    assert.equal((await hexi.post('/admin/reports', { agencyId: String(ids.chengguan), year: '2023' }, { csrf: token })).statusCode, 403);
    assert.equal((await hexi.get(`${url}/report.docx`)).statusCode, 404);
    const after = await reportRow(url);
    assert.notEqual(after.overview, '篡改');
    // A township's own staff cannot publish even their own draft.
    const own = await create(hexi, ids.hexi, 2023);
    assert.equal((await hexi.post(`${own}/transition`, { action: 'publish' }, { from: own })).statusCode, 409);
    assert.equal((await reportRow(own)).state, 'draft');
  });

  it('escapes hostile text and refuses an oversize section without saving anything', async () => {
    const url = await create(chengguan, ids.chengguan, 2024);
    const hostile = sections({ overview: '<script>alert(1)</script><img src=x onerror=alert(2)>总体情况' });
    assert.equal((await chengguan.post(url, hostile, { from: url })).statusCode, 303);
    const page = await chengguan.get(url);
    assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;总体情况'));
    assert.ok(!page.body.includes('<script>alert'));
    assert.ok(!page.body.includes('<img src=x'));
    const before = await reportRow(url);
    const big = await chengguan.post(url, sections({ problems: '问'.repeat(20_001), feesWan: '3' }), { from: url });
    assert.equal(big.statusCode, 400);
    assert.match(big.body, /“五、存在的主要问题及改进情况”不能超过 20000 个字符（现为 20001 个）/);
    const badFee = await chengguan.post(url, sections({ feesWan: '12元' }), { from: url });
    assert.equal(badFee.statusCode, 400);
    assert.match(badFee.body, /以万元为单位的数字/);
    // Two sections wrong: both problems at once, each beside its box, what was typed kept.
    const both = await chengguan.post(url, sections({ problems: '问'.repeat(20_001), feesWan: '12元', otherMatters: '我写的其他事项' }), { from: url });
    assert.equal(both.statusCode, 400);
    assert.match(errorBeside(both.body, 's-problems') ?? '', /不能超过 20000 个字符/);
    assert.match(errorBeside(both.body, 's-feesWan') ?? '', /以万元为单位的数字/);
    assert.equal(errorBeside(both.body, 's-overview'), undefined);
    assert.match(both.body, /id="s-feesWan"[^>]*value="12元"/);
    assert.match(both.body, /<textarea id="s-otherMatters"[^>]*>我写的其他事项<\/textarea>/);
    const after = await reportRow(url);
    assert.equal(after.problems, before.problems);
    assert.equal(after.feesWan, before.feesWan);
  });

  it('asks for the return comment beside its box, and the pair already reported beside the new-report form', async () => {
    const url = await create(chengguan, ids.chengguan, 2023);
    await chengguan.post(url, sections(), { from: url });
    assert.equal((await chengguan.post(`${url}/transition`, { action: 'submit' }, { from: url })).statusCode, 303);
    const blank = await office.post(`${url}/transition`, { action: 'return', comment: '   ' }, { from: url });
    assert.equal(blank.statusCode, 400);
    assert.equal(errorBeside(blank.body, 'a-comment'), '退回时请填写修改意见。');
    assert.equal((await reportRow(url)).state, 'submitted');
    // The same agency and year again: said in the form, both boxes name it, the choice kept.
    const again = await chengguan.post('/admin/reports', { agencyId: String(ids.chengguan), year: '2023' }, { from: '/admin/reports' });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /<p class="field-error" id="n-error">城关镇2023年度的报告已经存在/);
    assert.match(again.body, /<select id="n-year"[^>]*aria-describedby="n-error"/);
    assert.match(again.body, /<option value="2023" selected>/);
  });

  it('protects every form with a CSRF token and refuses a post without one', async () => {
    const page = await office.get('/admin/reports');
    const forms = page.body.match(/<form method="post"/g)!.length;
    assert.equal(page.body.match(/name="_csrf" value="[^"]+"/g)!.length, forms);
    const [cg] = await t.database.db.select().from(annualReports).where(eq(annualReports.agencyId, ids.hexi));
    const report = await hexi.get(`/admin/reports/${cg!.id}`);
    assert.equal(report.body.match(/name="_csrf" value="[^"]+"/g)!.length, report.body.match(/<form method="post"/g)!.length);
    const before = (await t.database.db.select().from(annualReports)).length;
    const res = await office.post('/admin/reports', { agencyId: String(ids.county), year: '2022' }, { csrf: null });
    assert.equal(res.statusCode, 403);
    assert.equal((await t.database.db.select().from(annualReports)).length, before);
  });

  it('lists the agencies whose report for last year is still unpublished, with the days left', async () => {
    const r = await login(t.database.db, { username: 'office', password: DEMO_PASSWORD, address: '127.0.0.1' });
    assert.ok(r.ok);
    const rows = await annualReportReminders({ db: t.database.db, actor: r.actor }, { today: '2026-01-20' });
    assert.ok(!rows.some((x) => x.agencyId === ids.chengguan || x.agencyId === ids.hexi), 'published reports are not listed');
    const county = rows.find((x) => x.agencyId === ids.county)!;
    assert.deepEqual({ deadline: county.deadline, daysLeft: county.daysLeft, state: county.state }, { deadline: '2026-03-31', daysLeft: 70, state: 'draft' });
    const dept = rows.find((x) => x.agencyName === '县民政局')!;
    assert.deepEqual({ deadline: dept.deadline, daysLeft: dept.daysLeft, reportId: dept.reportId }, { deadline: '2026-01-31', daysLeft: 11, reportId: null });
    assert.ok(!rows.some((x) => x.agencyKind === 'village' || x.agencyKind === 'community'));
    const page = await office.get('/admin/reports');
    assert.match(page.body, /公布期限提醒/);
    assert.match(page.body, /县民政局/);
    const own = await login(t.database.db, { username: 'dongjie', password: DEMO_PASSWORD, address: '127.0.0.1' });
    assert.ok(own.ok);
    const mine = await annualReportReminders({ db: t.database.db, actor: own.actor }, { today: '2026-02-01' });
    assert.deepEqual(mine.map((x) => [x.agencyName, x.daysLeft]), [['东街街道', -1]]);
  });
});
