import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import { sensitiveWords, updateSettings } from '../participation/settings.js';
import { msgMessages } from './schema.js';

// The county's site in the region demo (the root site is 示范市).
const S = '/shifanxian/liuyan';
const codeOf = (body: string) => /class="code">(LY-[A-Z0-9]{10})</.exec(body)?.[1];
const keyOf = (body: string) => /查询密钥：<strong class="code">([A-Z0-9]{6})</.exec(body)?.[1];
const keyField = (body: string) => /name="submitKey" value="([^"]+)"/.exec(body)?.[1] ?? '';
const NAME = '欧阳某某', PHONE = '13812345678';
const noScript = (body: string) => assert.ok(!/<script>alert|<script>x/i.test(body), 'no raw script from input');

describe('messages: public and staff pages', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const idOfCode = async (code: string) => (await t.database.db.select({ id: msgMessages.id }).from(msgMessages).where(eq(msgMessages.code, code)))[0]!.id;
  const file = async (b: Browser, extra: Record<string, string> = {}) => {
    const form = await b.get(`${S}/new`);
    return b.post(`${S}/new`, { target: `ag-${actors.get('chengguan')!.agencyId}`, kind: 'complaint', isPublic: 'yes', name: NAME, phone: PHONE, title: '南街下水道堵塞', body: '南街下水道堵塞多日，污水外溢，请尽快疏通。', submitKey: keyField(form.body), ...extra }, { from: `${S}/new` });
  };

  before(async () => {
    t = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '1000', PUBLIC_CACHE_TTL: '0' }, { region: true });
    actors = await demoActors(t.database.db, ['office', 'chengguan', 'minzheng', 'nx-office']);
  });
  after(async () => t?.close());

  it('files a message, staff screen, transfer and reply, the writer sees the chain, rates 不满意 and it is reopened once', async () => {
    const b = new Browser(t.app, '192.0.2.80');
    const form = await b.get(`${S}/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /id="m-homepage"/);
    assert.ok(form.body.includes('县长信箱'), 'the leader’s mailbox is offered');
    const key = keyField(form.body);
    const fields = { target: `ag-${actors.get('chengguan')!.agencyId}`, kind: 'complaint', isPublic: 'yes', name: NAME, phone: PHONE, title: '南街下水道堵塞', body: '南街下水道堵塞多日，污水外溢，请尽快疏通。', submitKey: key };
    const r = await b.post(`${S}/new`, fields, { from: `${S}/new` });
    assert.equal(r.statusCode, 200, r.body.slice(0, 300));
    const code = codeOf(r.body)!, checkKey = keyOf(r.body)!;
    assert.ok(code && checkKey, 'code and key acknowledged');
    assert.ok(!r.body.includes(PHONE));
    assert.equal(r.headers['cache-control'], 'private, no-store');
    // Double submit: the same message, not a second one.
    const again = await b.post(`${S}/new`, fields, { from: `${S}/new` });
    assert.equal(codeOf(again.body), code);
    assert.equal((await t.database.db.select().from(msgMessages).where(eq(msgMessages.title, '南街下水道堵塞'))).length, 1);
    const id = await idOfCode(code);

    const cg = new Browser(t.app, '192.0.2.81');
    await cg.login('chengguan');
    const list = await cg.get('/admin/messages');
    assert.ok(list.body.includes(`/admin/messages/${id}`));
    const page = await cg.get(`/admin/messages/${id}`);
    assert.ok(page.body.includes(NAME) && page.body.includes(PHONE), 'the handling agency sees the writer');
    // A refused screening: the reason beside its field, in Chinese.
    const noReason = await cg.post(`/admin/messages/${id}/screen`, { result: 'petition' }, { from: `/admin/messages/${id}` });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /id="sc-reason-error"[^>]*>请填写不予受理的理由/);
    assert.equal((await cg.post(`/admin/messages/${id}/screen`, { result: 'valid' }, { from: `/admin/messages/${id}` })).statusCode, 303);
    const tr = await cg.post(`/admin/messages/${id}/transfer`, { toAgencyId: String(actors.get('minzheng')!.agencyId), note: '属民政职责' }, { from: `/admin/messages/${id}` });
    assert.equal(tr.statusCode, 303);
    assert.equal((await cg.get(`/admin/messages/${id}`)).statusCode, 404, '城关镇 lets it go after the transfer');

    const mz = new Browser(t.app, '192.0.2.82');
    await mz.login('minzheng');
    const hostile = await mz.post(`/admin/messages/${id}/reply`, { text: '<script>alert(1)</script>' + 'x'.repeat(20_000) }, { from: `/admin/messages/${id}` });
    assert.equal(hostile.statusCode, 400);
    assert.match(hostile.body, /答复内容不超过 10000 字/);
    noScript(hostile.body);
    // Invalid UTF-8 (%C3%28) in the staff reply form's urlencoded body: refused, never a 5xx.
    const page2 = await mz.get(`/admin/messages/${id}`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page2.body)![1]!;
    const cookie = (mz as unknown as { cookieHeader(): string }).cookieHeader();
    const bad = await t.app.inject({ method: 'POST', url: `/admin/messages/${id}/reply`, payload: `_csrf=${encodeURIComponent(csrf)}&text=%C3%28%FF`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    assert.ok(bad.statusCode >= 400 && bad.statusCode < 500, String(bad.statusCode));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /id="rp-text-error"[^>]*>内容含有无法识别的字符/);
    const rp = await mz.post(`/admin/messages/${id}/reply`, { text: "已联系环卫部门疏通。<script>alert(1)</script> ' OR 1=1 --" }, { from: `/admin/messages/${id}` });
    assert.equal(rp.statusCode, 303);
    // The reply form sent twice: the second is refused in Chinese, the first reply kept.
    const dup = await mz.post(`/admin/messages/${id}/reply`, { text: '第二次答复' }, { from: `/admin/messages/${id}` });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /该留言当前状态为“已答复”，不能进行此操作/);
    const staffView = await mz.get(`/admin/messages/${id}`);
    noScript(staffView.body);
    assert.ok(staffView.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'kept, escaped');

    // Public list and detail: 受理日期, 答复日期, 答复部门, 答复内容, no name or phone.
    const pub = await b.get(S);
    assert.ok(pub.body.includes(`${S}/${id}`));
    const detail = await b.get(`${S}/${id}`);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /答复部门<\/dt><dd>县民政局/);
    assert.match(detail.body, /转办：城关镇 → 县民政局/);
    noScript(detail.body);
    for (const body of [pub.body, detail.body]) assert.ok(!body.includes(NAME) && !body.includes(PHONE));

    // Status under code and key, by POST: every step with the chain and the reply.
    const wrongKey = await b.post(`${S}/status`, { code, checkKey: 'AAAAAA' }, { from: `${S}/status` });
    assert.equal(wrongKey.statusCode, 400);
    assert.match(wrongKey.body, /查询码或查询密钥不正确/);
    assert.ok(!wrongKey.body.includes('南街下水道堵塞'), 'the code alone reveals nothing');
    const st = await b.post(`${S}/status`, { code: code.toLowerCase(), checkKey, action: 'show' }, { from: `${S}/status` });
    assert.equal(st.statusCode, 200);
    assert.match(st.body, /甄别：有效/);
    assert.match(st.body, /转办：城关镇 → 县民政局：属民政职责/);
    assert.match(st.body, /答复（县民政局）/);
    assert.match(st.body, /name="rating" value="unsatisfied"/);
    assert.ok(!st.body.includes(NAME) && !st.body.includes(PHONE));
    const badRate = await b.post(`${S}/status`, { code, checkKey, action: 'rate', rating: '<script>x</script>' }, { from: `${S}/status` });
    assert.equal(badRate.statusCode, 400);
    assert.match(badRate.body, /请选择满意、基本满意或不满意/);
    noScript(badRate.body);
    const rated = await b.post(`${S}/status`, { code, checkKey, action: 'rate', rating: 'unsatisfied', comment: '仍有污水', reopen: 'yes' }, { from: `${S}/status` });
    assert.equal(rated.statusCode, 200);
    assert.match(rated.body, /留言已重新交承办单位办理（每条留言只能重新办理一次）/);
    assert.match(rated.body, /<dd>已受理<\/dd>/);
    assert.match(rated.body, /重新办理/);
    const twice = await b.post(`${S}/status`, { code, checkKey, action: 'reopen' }, { from: `${S}/status` });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /该留言当前状态为“已受理”/);
    assert.equal((await b.get(`${S}/${id}`)).statusCode, 404, 'reopened: off the public list until answered again');
  });

  it('keeps personal data out of public pages and search; a promoted FAQ is on the FAQ page, the agency page and in search as 常见问题', async () => {
    const b = new Browser(t.app, '192.0.2.83');
    const r = await file(b, { title: '城关镇如何办理居住证', body: '想问一下在城关镇办理居住证需要什么材料？', kind: 'consult' });
    const id = await idOfCode(codeOf(r.body)!);
    const cg = new Browser(t.app, '192.0.2.84');
    await cg.login('chengguan');
    await cg.post(`/admin/messages/${id}/screen`, { result: 'valid' }, { from: `/admin/messages/${id}` });
    await cg.post(`/admin/messages/${id}/reply`, { text: '居住证请携带身份证和居住证明到城关镇派出所户籍窗口办理。' }, { from: `/admin/messages/${id}` });
    assert.equal((await cg.post(`/admin/messages/${id}/faq`, { faq: 'yes' }, { from: `/admin/messages/${id}` })).statusCode, 303);
    const faq = await b.get(`${S}/faq`);
    assert.ok(faq.body.includes('城关镇如何办理居住证'));
    const agency = await b.get(`/shifanxian/agencies/${actors.get('chengguan')!.agencyId}`);
    assert.match(agency.body, /<h2[^>]*>常见问题<\/h2>[\s\S]*城关镇如何办理居住证/);
    const found = await b.get(`/shifanxian/search?q=${encodeURIComponent('居住证')}`);
    assert.equal(found.statusCode, 200);
    assert.ok(found.body.includes(`${S}/${id}`) || found.body.includes(`/liuyan/${id}`), 'the FAQ is found');
    assert.match(found.body, /常见问题/);
    for (const u of [S, `${S}/faq`, `${S}/tongji`, `${S}/${id}`, `/shifanxian/search?q=${encodeURIComponent('居住证')}`, `/shifanxian/agencies/${actors.get('chengguan')!.agencyId}`]) {
      const body = (await b.get(u)).body;
      assert.ok(!body.includes(NAME) && !body.includes(PHONE), `no personal data on ${u}`);
    }
    // The writer's name and phone find nothing (the page repeats the query, so look for hits).
    for (const q of [NAME, PHONE]) assert.ok(!(await b.get(`/shifanxian/search?q=${encodeURIComponent(q)}`)).body.includes('/liuyan/'), `nothing found for ${q}`);
    // Withdrawn from the FAQ: out of the search.
    await cg.post(`/admin/messages/${id}/faq`, { faq: 'no' }, { from: `/admin/messages/${id}` });
    const gone = await b.get(`/shifanxian/search?q=${encodeURIComponent('居住证')}`);
    assert.ok(!gone.body.includes(`/liuyan/${id}"`));
  });

  it('keeps another county out: 示范南县 cannot open 示范县’s message, the office sees the red flag, statistics download as XLSX', async () => {
    const red = (await t.database.db.select().from(msgMessages).where(eq(msgMessages.title, '低保申请一直没有结果')))[0]!;
    const nx = new Browser(t.app, '192.0.2.85');
    await nx.login('nx-office');
    assert.equal((await nx.get(`/admin/messages/${red.id}`)).statusCode, 404);
    assert.ok(!(await nx.get('/admin/messages')).body.includes('低保申请一直没有结果'));
    assert.equal((await nx.post(`/admin/messages/${red.id}/reply`, { text: '越权答复' }, { from: '/admin/messages' })).statusCode, 404);
    const office = new Browser(t.app, '192.0.2.86');
    await office.login('office');
    const flagged = await office.get('/admin/messages?flag=red');
    assert.match(flagged.body, /低保申请一直没有结果[\s\S]*红色预警/);
    const page = await office.get(`/admin/messages/${red.id}`);
    assert.match(page.body, /已超过 3 个月未答复/);
    assert.ok((await office.get('/admin')).body.includes(`/admin/messages/${red.id}`), 'on the office’s worklist');
    const stats = await office.get('/admin/messages/stats');
    assert.equal(stats.statusCode, 200);
    const month = /<option value="(\d{4}-\d{2})" selected/.exec(stats.body)![1]!;
    const x = await office.get(`/admin/messages/stats.xlsx?month=${month}`);
    assert.equal(x.statusCode, 200);
    assert.match(String(x.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.getRow(1).getCell(1).value, '单位');
    assert.equal(ws.getRow(ws.rowCount).getCell(1).value, '合计');
    const settings = await office.post('/admin/messages/settings', { limit_consult: '0', limit_complaint: '5', limit_suggestion: '5', limit_help: '5', limit_other: '5', warnMonths: '3', redMonths: '3', maxBody: '3000' }, { from: '/admin/messages/settings' });
    assert.equal(settings.statusCode, 400);
    assert.match(settings.body, /id="s-limit_consult-error"[^>]*>咨询类答复时限（工作日）应为 1 至 60 之间的整数/);
    assert.match(settings.body, /预警月数应少于红色预警月数/);
    const cg = new Browser(t.app, '192.0.2.87');
    await cg.login('chengguan');
    assert.equal((await cg.get('/admin/messages/settings')).statusCode, 403);
    assert.equal((await cg.get('/admin/messages/stats.xlsx')).statusCode, 403);
  });

  it('acknowledges a message held for a sensitive word with its code (never a silent drop); staff release it to screening', async () => {
    const words = await sensitiveWords(t.database.db);
    await updateSettings({ db: t.database.db, actor: actors.get('office')! }, { majorDecisionDays: '30', ruleDays: '30', normativeWorkdays: '7', maxCommentChars: '5000', perContactPerDay: '10', perAddressPerDay: '30', sensitiveWords: [...words, '违禁词'].join('\n') });
    const b = new Browser(t.app, '192.0.2.89');
    const r = await file(b, { title: '一条含违禁词的留言' });
    assert.equal(r.statusCode, 200);
    assert.ok(codeOf(r.body) && keyOf(r.body));
    assert.match(r.body, /含有需要人工审核的内容，已经保存/);
    const id = await idOfCode(codeOf(r.body)!);
    const cg = new Browser(t.app, '192.0.2.90');
    await cg.login('chengguan');
    const page = await cg.get(`/admin/messages/${id}`);
    assert.match(page.body, /含有敏感词“违禁词”/);
    assert.equal((await cg.post(`/admin/messages/${id}/screen`, { result: 'valid' }, { from: `/admin/messages/${id}` })).statusCode, 409, 'screening waits for the review');
    assert.equal((await cg.post(`/admin/messages/${id}/release`, {}, { from: `/admin/messages/${id}` })).statusCode, 303);
    assert.match((await cg.get(`/admin/messages/${id}?notice=released`)).body, /已审核通过，留言转入甄别[\s\S]*保存甄别结果/);
  });

  it('hostile input on the public forms: no 5xx, nothing executes, nothing stored, refusals in Chinese', async () => {
    const b = new Browser(t.app, '192.0.2.88');
    const before = (await t.database.db.select({ id: msgMessages.id }).from(msgMessages)).length;
    const bad = await file(b, { name: '<script>alert(1)</script>', phone: "1' OR '1'='1", title: '' });
    assert.equal(bad.statusCode, 400);
    noScript(bad.body);
    assert.ok(bad.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'typed text kept, escaped');
    assert.match(bad.body, /id="m-phone-error"[^>]*>联系电话格式不正确/);
    assert.match(bad.body, /id="m-title-error"[^>]*>请填写留言标题/);
    const cases: Record<string, string>[] = [
      { body: '长'.repeat(3001) },
      { body: 'x'.repeat(200_000) },
      { title: "'); DROP TABLE msg_messages; --", kind: "consult' OR 1=1" },
      { target: 'ag-999999999' },
      { target: `ag-${actors.get('nx-office')!.agencyId}` },
      { isPublic: 'maybe' },
      { homepage: 'http://spam.example' },
    ];
    for (const c of cases) {
      const r = await file(b, c);
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${r.statusCode} for ${JSON.stringify(c).slice(0, 60)}`);
      assert.match(r.body, /提交未成功/);
      noScript(r.body);
    }
    assert.match((await file(b, { body: '长'.repeat(3001) })).body, /留言内容不超过 3000 个字/);
    const nul = await file(b, { title: '标题\u0000' });
    assert.equal(nul.statusCode, 400);
    assert.match(nul.body, /控制字符/);
    assert.match((await file(b, { target: `ag-${actors.get('nx-office')!.agencyId}` })).body, /id="m-target-error"[^>]*>请选择留言对象/);
    // Invalid UTF-8 in a urlencoded body, and a body that is not a form at all.
    const form = await b.get(`${S}/new`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    for (const payload of [`_csrf=${encodeURIComponent(csrf)}&target=ag-${actors.get('chengguan')!.agencyId}&kind=consult&isPublic=yes&name=%C3%28&phone=13800000000&title=%C3%28%FF&body=%C3%28`, `_csrf=${encodeURIComponent(csrf)}&name[]=x&name[a]=y`]) {
      const raw = await t.app.inject({ method: 'POST', url: `${S}/new`, payload, remoteAddress: '192.0.2.88', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: (b as unknown as { cookieHeader(): string }).cookieHeader() } });
      assert.equal(raw.statusCode, 400, raw.body.slice(0, 200));
      assert.match(raw.body, payload.includes('%C3%28') ? /id="m-name-error"[^>]*>内容含有无法识别的字符/ : /提交未成功/);
    }
    for (const u of [`${S}/abc`, `${S}/99999999`, `${S}/1%00`, `${S}?page=-1`, `${S}?page=99999`, `${S}/tongji?month=<script>`, `${S}/new?to=<script>`]) {
      const r = await b.get(u);
      assert.ok(r.statusCode < 500, u);
      noScript(r.body);
    }
    const st = await b.post(`${S}/status`, { code: "<script>x</script>' OR 1=1", checkKey: "' OR 1=1 --" }, { from: `${S}/status` });
    assert.equal(st.statusCode, 400);
    assert.match(st.body, /查询码或查询密钥不正确/);
    noScript(st.body);
    assert.equal((await b.post(`${S}/status`, { code: 'x'.repeat(300) }, { from: `${S}/status` })).statusCode, 400);
    const forged = await b.post(`${S}/new`, { title: 'x' }, { csrf: null });
    assert.ok(forged.statusCode === 403 || forged.statusCode === 400, String(forged.statusCode));
    assert.equal((await t.database.db.select({ id: msgMessages.id }).from(msgMessages)).length, before, 'nothing stored');
  });
});
