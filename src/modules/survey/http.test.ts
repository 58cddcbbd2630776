import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { asc, eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { login } from '../account/service.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import type { Ctx } from '../../core/context.js';
import { auditEvents } from '../../core/audit/schema.js';
import { addQuestion, createSurvey, getSurvey, transitionSurvey } from './service.js';
import { surveyAnswers, surveyResponses } from './schema.js';
import { q, surveyInput } from './testing.js';

const count = async (t: TestApp, id: number) => (await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id))).length;
const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
const keyOf = (body: string) => /name="submitKey" value="([^"]+)"/.exec(body)?.[1] ?? '';

describe('surveys over HTTP', () => {
  let t: TestApp;
  let office: Ctx;

  before(async () => {
    t = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '200' });
    const r = await login(t.database.db, { username: 'office', password: DEMO_PASSWORD, address: '127.0.0.1' });
    assert.ok(r.ok);
    office = { db: t.database.db, actor: r.actor };
  });
  after(async () => t.close());

  async function openSurvey(title: string, maxPerAddress = '3') {
    const id = await createSurvey(office, surveyInput({ title, maxPerAddress }));
    await addQuestion(office, id, q({ title: '您是否赞成？', options: '赞成\n反对\n无所谓' }));
    await addQuestion(office, id, q({ kind: 'multiple', title: '关心哪些方面', options: '交通\n教育\n医疗', required: false }));
    await addQuestion(office, id, q({ kind: 'scale', title: '满意程度', scaleMinLabel: '很不满意', scaleMaxLabel: '非常满意' }));
    await addQuestion(office, id, q({ kind: 'text', title: '其他意见', required: false, maxLength: '100' }));
    await transitionSurvey(office, id, 'schedule');
    const s = await getSurvey(office, id);
    const [yn, topics, scale, text] = s.questions as [typeof s.questions[0], typeof s.questions[0], typeof s.questions[0], typeof s.questions[0]];
    const form = (over: Record<string, string | string[]> = {}) => ({ [`q${yn.id}`]: String(yn.options[0]!.id), [`q${scale.id}`]: '4', ...over });
    return { id, yn, topics, scale, text, form };
  }

  it('takes a response from the plain HTML form, shows a receipt, and refuses a second one from the same browser', async () => {
    const s = await openSurvey('公交线路调整意见调查');
    const list = await new Browser(t.app).get('/diaocha');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /公交线路调整意见调查/);
    const citizen = new Browser(t.app, '203.0.113.1');
    const page = await citizen.get(`/diaocha/${s.id}`);
    assert.match(page.body, new RegExp(`<form method="post" action="/diaocha/${s.id}"`));
    assert.match(page.body, new RegExp(`type="radio" name="q${s.yn.id}"`));
    const res = await citizen.post(`/diaocha/${s.id}`, { ...s.form({ [`q${s.topics.id}`]: [String(s.topics.options[0]!.id), String(s.topics.options[2]!.id)] }), submitKey: keyOf(page.body) }, { csrf: csrfOf(page.body) });
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    assert.equal(res.headers.location, `/diaocha/${s.id}/thanks`);
    const thanks = await citizen.get(`/diaocha/${s.id}/thanks`);
    const receipt = /<strong class="code">(DC[A-Z0-9]+)<\/strong>/.exec(thanks.body)?.[1];
    assert.ok(receipt, 'a receipt code on the acknowledgement');
    const [row] = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.receipt, receipt!));
    assert.ok(row);
    assert.notEqual(row!.addressHash, '203.0.113.1');
    assert.match(row!.addressHash, /^[0-9a-f]{64}$/);
    const again = await citizen.get(`/diaocha/${s.id}`);
    assert.match(again.body, /您已参加过本次调查/);
    assert.ok(!again.body.includes(`name="q${s.yn.id}"`), 'no form for a browser that answered');
    // The back button: the old form, its token, sent again.
    const second = await citizen.post(`/diaocha/${s.id}`, { ...s.form(), submitKey: 'another-key-123' }, { csrf: csrfOf(page.body) });
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /您已参加过本次调查（回执编号 <strong class="code">DC[A-Z0-9]+<\/strong>），每人只能提交一次/);
    assert.equal(await count(t, s.id), 1);
    // A forged cookie is not the app's signature: it counts for nothing.
    const forger = new Browser(t.app, '203.0.113.2');
    const fp = await forger.get(`/diaocha/${s.id}`);
    const forged = await t.app.inject({ method: 'GET', url: `/diaocha/${s.id}/thanks`, headers: { cookie: `gk_sv${s.id}=DCFAKE.bad`, accept: 'text/html' } });
    assert.match(forged.body, /没有找到您的提交记录/);
    assert.ok(csrfOf(fp.body));
  });

  it('limits responses per network address, counting each address separately', async () => {
    const s = await openSurvey('地址限制调查', '2');
    const from = (ip: string) => new Browser(t.app, ip).post(`/diaocha/${s.id}`, s.form());
    assert.equal((await from('198.51.100.7')).statusCode, 303);
    assert.equal((await from('198.51.100.7')).statusCode, 303);
    const third = await from('198.51.100.7');
    assert.equal(third.statusCode, 429);
    assert.match(third.body, /同一网络地址对本次调查最多可提交 2 份/);
    assert.equal((await from('198.51.100.8')).statusCode, 303, 'another address is not affected');
    assert.equal(await count(t, s.id), 3);
  });

  it('survives hostile input on the public form: no 5xx, nothing stored wrongly, nothing executes', async () => {
    const s = await openSurvey('恶意输入调查', '100');
    let n = 0;
    const fresh = () => new Browser(t.app, `192.0.2.${++n}`);
    // Wrong types: an option of another question, kept on the re-rendered form with a clear message.
    const b = fresh();
    const wrong = await b.post(`/diaocha/${s.id}`, s.form({ [`q${s.yn.id}`]: String(s.topics.options[0]!.id), [`q${s.text.id}`]: '我的意见' }));
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /第 1 题的选项无效，请重新选择/);
    assert.match(wrong.body, new RegExp(`name="q${s.scale.id}" value="4" checked`), 'the answers typed are kept');
    assert.match(wrong.body, />我的意见<\/textarea>/);
    for (const [what, form] of [
      ['SQL in an option', s.form({ [`q${s.yn.id}`]: "1 OR 1=1; DELETE FROM survey_answers; --" })],
      ['an object where a value goes', { ...s.form(), [`q${s.scale.id}[x]`]: '1' }],
      ['a scale as text', s.form({ [`q${s.scale.id}`]: 'five' })],
      ['oversize text', s.form({ [`q${s.text.id}`]: 'x'.repeat(101) })],
      ['a huge option id', s.form({ [`q${s.yn.id}`]: '9'.repeat(40) })],
    ] as const) {
      const res = await fresh().post(`/diaocha/${s.id}`, form as Record<string, string>);
      assert.ok(res.statusCode < 500, `${what}: ${res.statusCode}`);
      if (what !== 'an object where a value goes') assert.equal(res.statusCode, 400, what);
    }
    // A body far past the form limit.
    const big = await fresh().post(`/diaocha/${s.id}`, s.form({ [`q${s.text.id}`]: 'y'.repeat(1_200_000) }));
    assert.ok(big.statusCode >= 400 && big.statusCode < 500, `oversize body: ${big.statusCode}`);
    // Invalid UTF-8 in the urlencoded body.
    const raw = fresh();
    const rp = await raw.get(`/diaocha/${s.id}`);
    const cookie = (rp.cookies as { name: string; value: string }[]).map((c) => `${c.name}=${c.value}`).join('; ');
    const bad = await t.app.inject({
      method: 'POST', url: `/diaocha/${s.id}`, remoteAddress: '192.0.2.200', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: Buffer.concat([Buffer.from(`_csrf=${encodeURIComponent(csrfOf(rp.body))}&q${s.yn.id}=${s.yn.options[0]!.id}&q${s.scale.id}=3&q${s.text.id}=`), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x25, 0x46, 0x46])]),
    });
    assert.ok(bad.statusCode < 500, `invalid UTF-8: ${bad.statusCode}`);
    // Script tags are stored as text and shown escaped to the staff.
    const xss = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    assert.equal((await fresh().post(`/diaocha/${s.id}`, s.form({ [`q${s.text.id}`]: xss }))).statusCode, 303);
    // The honeypot: filled in, nothing is stored.
    const before = await count(t, s.id);
    const bot = await fresh().post(`/diaocha/${s.id}`, { ...s.form(), website: 'http://spam.example' });
    assert.equal(bot.statusCode, 400);
    assert.equal(await count(t, s.id), before);
    // No CSRF token: refused.
    const nocsrf = await fresh().post(`/diaocha/${s.id}`, s.form(), { csrf: null });
    assert.equal(nocsrf.statusCode, 403);
    // A double submit (the same form twice before the cookie arrives): stored once.
    const dbl = fresh();
    const page = await dbl.get(`/diaocha/${s.id}`);
    const once = { ...s.form(), submitKey: keyOf(page.body) };
    const r1 = await dbl.post(`/diaocha/${s.id}`, once, { csrf: csrfOf(page.body) });
    assert.equal(r1.statusCode, 303);
    const replay = await t.app.inject({
      method: 'POST', url: `/diaocha/${s.id}`, remoteAddress: '192.0.2.250',
      headers: { cookie: (page.cookies as { name: string; value: string }[]).map((c) => `${c.name}=${c.value}`).join('; '), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: csrfOf(page.body), ...once }).toString(),
    });
    assert.equal(replay.statusCode, 409);
    assert.match(replay.body, /这份问卷已经提交过了/);
    const stored = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id));
    // Stored: the one with an unknown extra field (ignored), the invalid UTF-8 one, the script one, the first of the double submit.
    assert.equal(stored.length, 4);
    const answersOf = async (responseId: number) => (await t.database.db.select().from(surveyAnswers).where(eq(surveyAnswers.responseId, responseId))).length;
    for (const r of stored) assert.ok((await answersOf(r.id)) >= 2, 'each stored response holds its valid answers');
    const texts = (await t.database.db.select().from(surveyAnswers).where(eq(surveyAnswers.questionId, s.text.id))).map((a) => a.text);
    assert.ok(texts.includes(xss), 'stored as typed');
    // Staff results list the text, escaped.
    const staff = new Browser(t.app);
    await staff.login('office');
    const results = await staff.get(`/admin/surveys/${s.id}/results`);
    assert.equal(results.statusCode, 200);
    assert.ok(!results.body.includes('<script>alert("x")') && !results.body.includes('<img src=x'), 'nothing executes');
    assert.ok(results.body.includes('&lt;script&gt;alert('));
  });

  it('publishes the result notice with server-rendered charts, keeps text answers to staff, and exports XLSX', async () => {
    const s = await openSurvey('结果公告调查');
    for (const [i, pick] of [0, 0, 1].entries()) await new Browser(t.app, `100.64.0.${i}`).post(`/diaocha/${s.id}`, s.form({ [`q${s.yn.id}`]: String(s.yn.options[pick]!.id), [`q${s.text.id}`]: `私下的意见${i}` }));
    assert.equal((await new Browser(t.app).get(`/diaocha/${s.id}/results`)).statusCode, 404, 'no results before they are published');
    const staff = new Browser(t.app);
    await staff.login('office');
    assert.equal((await staff.post(`/admin/surveys/${s.id}/close`, {}, { from: `/admin/surveys/${s.id}` })).statusCode, 303);
    const refused = await staff.post(`/admin/surveys/${s.id}/publish`, { summary: '说'.repeat(5001) }, { from: `/admin/surveys/${s.id}/results` });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /结果说明不能超过 5000 个字/);
    const pub = await staff.post(`/admin/surveys/${s.id}/publish`, { summary: '多数居民赞成调整。' }, { from: `/admin/surveys/${s.id}/results` });
    assert.equal(pub.statusCode, 303);
    const [audit] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'survey.results_published'));
    assert.ok(audit);
    const notice = await new Browser(t.app).get(`/diaocha/${s.id}/results`);
    assert.equal(notice.statusCode, 200);
    assert.match(notice.body, /多数居民赞成调整。/);
    assert.match(notice.body, /<svg[^>]*role="img"/);
    assert.match(notice.body, /<th scope="row">赞成<\/th><td>2<\/td>/);
    assert.ok(!notice.body.includes('私下的意见'), 'text answers stay with the staff');
    const list = await new Browser(t.app).get('/diaocha');
    assert.match(list.body, new RegExp(`/diaocha/${s.id}/results`));
    const xlsx = await staff.get(`/admin/surveys/${s.id}/responses.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.rowCount, 4);
    assert.deepEqual([2, 3, 4].map((r) => ws.getRow(r).getCell(3).value), ['赞成', '赞成', '反对']);
    assert.deepEqual([2, 3, 4].map((r) => ws.getRow(r).getCell(6).value), ['私下的意见0', '私下的意见1', '私下的意见2']);
    assert.equal((await new Browser(t.app).get(`/admin/surveys/${s.id}/responses.xlsx`)).statusCode, 302, 'not for the public');
  });

  it('lets staff write a survey in the editor, with clear errors on bad input, and audits each step', async () => {
    const staff = new Browser(t.app);
    await staff.login('office');
    const bad = await staff.post('/admin/surveys/new', { title: '编辑器调查', description: '', opensAt: '2026-13-01T09:00', closesAt: '2026-01-01T09:00', maxPerAddress: '0', consultationId: 'abc' }, { from: '/admin/surveys/new' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /开始时间格式不正确/);
    assert.match(bad.body, /同一网络地址可提交的份数应为 1 至 1000/);
    assert.match(bad.body, /关联的意见征集编号应为正整数/);
    assert.match(bad.body, /value="编辑器调查"/, 'what was typed is kept');
    const gw = await staff.post('/admin/surveys/new', { title: '编辑器调查', opensAt: '2026-01-01T09:00', closesAt: '2099-01-01T09:00', maxPerAddress: '3', phoneCheck: '1' }, { from: '/admin/surveys/new' });
    assert.equal(gw.statusCode, 400);
    assert.match(gw.body, /尚未配置短信网关，不能开启手机验证码核验/);
    const ok = await staff.post('/admin/surveys/new', { title: '编辑器调查', opensAt: '2026-01-01T09:00', closesAt: '2099-01-01T09:00', maxPerAddress: '3', consultationId: '12' }, { from: '/admin/surveys/new' });
    assert.equal(ok.statusCode, 303);
    const id = Number(/\/admin\/surveys\/(\d+)/.exec(String(ok.headers.location))![1]);
    const noOpts = await staff.post(`/admin/surveys/${id}/questions`, { kind: 'single', title: '只有一个选项', options: '唯一', required: '1' }, { from: `/admin/surveys/${id}` });
    assert.equal(noOpts.statusCode, 400);
    assert.match(noOpts.body, /选择题至少需要 2 个选项/);
    assert.match(noOpts.body, /value="只有一个选项"/);
    assert.equal((await staff.post(`/admin/surveys/${id}/questions`, { kind: 'single', title: '第一题', options: '甲\n乙', required: '1' }, { from: `/admin/surveys/${id}` })).statusCode, 303);
    assert.equal((await staff.post(`/admin/surveys/${id}/questions`, { kind: 'scale', title: '第二题', scaleMin: '1', scaleMax: '5', required: '1' }, { from: `/admin/surveys/${id}` })).statusCode, 303);
    const s = await getSurvey(office, id);
    assert.equal(s.consultationId, 12);
    assert.equal((await staff.post(`/admin/surveys/${id}/questions/${s.questions[1]!.id}/up`, {}, { from: `/admin/surveys/${id}` })).statusCode, 303);
    assert.deepEqual((await getSurvey(office, id)).questions.map((x) => x.title), ['第二题', '第一题']);
    assert.equal((await staff.post(`/admin/surveys/${id}/schedule`, {}, { from: `/admin/surveys/${id}` })).statusCode, 303);
    assert.equal((await getSurvey(office, id)).state, 'open');
    const late = await staff.post(`/admin/surveys/${id}/questions`, { kind: 'text', title: '晚加的题', maxLength: '100' }, { from: `/admin/surveys/${id}` });
    assert.equal(late.statusCode, 409, 'questions are fixed once the survey is out');
    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.targetId, String(id))).orderBy(asc(auditEvents.seq))).filter((a) => a.targetType === 'survey').map((a) => a.action);
    assert.deepEqual(actions, ['survey.created', 'survey.question_added', 'survey.question_added', 'survey.question_moved', 'survey.opened']);
    const clerk = new Browser(t.app);
    await clerk.login('hexi');
    assert.equal((await clerk.get(`/admin/surveys/${id}`)).statusCode, 404, 'another agency’s clerk does not see it');
  });
});
