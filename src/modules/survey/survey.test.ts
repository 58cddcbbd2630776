import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import { login } from '../account/service.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { auditEvents } from '../../core/audit/schema.js';
import type { Ctx } from '../../core/context.js';
import {
  addQuestion, createSurvey, getSurvey, listSurveys, localTimeOf, requestPhoneCode, responseSheet, runSurveyClock, staffResults, submitResponse, transitionSurvey,
  updateSurvey, updateSurveySettings, type SurveyCtx, type SurveyInput,
} from './service.js';
import { HOUR, q, surveyInput } from './testing.js';
import { surveyAnswers, surveyResponses, surveys } from './schema.js';
import { responsesXlsx } from './export-xlsx.js';
import { WebhookSmsGateway } from './sms.js';

describe('surveys: results, clock, export, scope, phone check', () => {
  let database: Database;
  let office: Ctx;
  let hexi: Ctx;
  let pub: SurveyCtx;
  const as = async (username: string): Promise<Ctx> => {
    const r = await login(database.db, { username, password: DEMO_PASSWORD, address: '127.0.0.1' });
    assert.ok(r.ok);
    return { db: database.db, actor: r.actor };
  };

  before(async () => {
    database = await createTestDatabase({ demo: true });
    office = await as('office');
    hexi = await as('hexi');
    pub = { db: database.db, actor: null, secret: 'test-secret' };
  });
  after(async () => database.close());

  /** An open survey: Q1 single (A/B/C), Q2 multiple (W/X/Y/Z, optional, at most 3), Q3 scale 1–5, Q4 text (optional). */
  async function fixtureSurvey(over: Partial<SurveyInput> = {}) {
    const id = await createSurvey(office, surveyInput({ title: '手工核对调查', maxPerAddress: '100', ...over }));
    await addQuestion(office, id, q({ title: '选一项', options: 'A\nB\nC' }));
    await addQuestion(office, id, q({ kind: 'multiple', title: '选多项', options: 'W\nX\nY\nZ', maxPicks: '3', required: false }));
    await addQuestion(office, id, q({ kind: 'scale', title: '打分', scaleMinLabel: '很差', scaleMaxLabel: '很好' }));
    await addQuestion(office, id, q({ kind: 'text', title: '意见', required: false }));
    assert.equal(await transitionSurvey(office, id, 'schedule'), 'open');
    const s = await getSurvey(office, id);
    const [q1, q2, q3, q4] = s.questions as [typeof s.questions[0], typeof s.questions[0], typeof s.questions[0], typeof s.questions[0]];
    const optionId = (qq: typeof q1, label: string) => String(qq.options.find((o) => o.label === label)!.id);
    /** One response given as labels, posted as the form would post it. */
    const answer = (r: { one: string; many: string[]; score: number; text: string }, ip: string) =>
      submitResponse(pub, {
        surveyId: id, govId: null, ip, submitKey: '', answeredBefore: false,
        answers: { [`q${q1.id}`]: [optionId(q1, r.one)], [`q${q2.id}`]: r.many.map((l) => optionId(q2, l)), [`q${q3.id}`]: [String(r.score)], [`q${q4.id}`]: [r.text] },
      });
    return { id, q1, q2, q3, q4, answer, optionId };
  }

  it('survey results equal a hand count on a fixture of responses', async () => {
    const f = await fixtureSurvey();
    const fixture = [
      { one: 'A', many: ['W', 'X'], score: 5, text: '很好' },
      { one: 'B', many: ['X'], score: 4, text: '' },
      { one: 'A', many: ['W', 'Y', 'Z'], score: 3, text: '' },
      { one: 'C', many: [], score: 2, text: '' },
      { one: 'A', many: ['X', 'Z'], score: 5, text: '<script>alert(1)</script>' },
      { one: 'B', many: ['W'], score: 1, text: '' },
      { one: 'A', many: ['X', 'Y'], score: 4, text: '建议增加停车位' },
      { one: 'C', many: ['Z'], score: 3, text: '' },
      { one: 'B', many: ['W', 'X', 'Y'], score: 5, text: '' },
      { one: 'A', many: ['Y'], score: 4, text: '' },
    ];
    for (const [i, r] of fixture.entries()) await f.answer(r, `10.1.0.${i}`);
    const r = await staffResults(office, f.id);
    assert.equal(r.responses, 10);
    const counts = (n: number) => Object.fromEntries(r.tallies[n]!.counts.map((c) => [c.label, c.count]));
    // Counted by hand from the list above.
    assert.deepEqual(counts(0), { A: 5, B: 3, C: 2 });
    assert.equal(r.tallies[0]!.answered, 10);
    assert.deepEqual(counts(1), { W: 4, X: 5, Y: 4, Z: 3 });
    assert.equal(r.tallies[1]!.answered, 9, 'the fourth response picked nothing in the optional multiple choice');
    assert.deepEqual(counts(2), { 1: 1, 2: 1, 3: 2, 4: 3, 5: 3 });
    assert.equal(r.tallies[2]!.mean, 3.6);
    assert.deepEqual(r.tallies[3]!.texts.map((t) => t.text), ['很好', '<script>alert(1)</script>', '建议增加停车位']);
    assert.equal(r.tallies[3]!.answered, 3);
  });

  it('exports every response as a row and every question as a column', async () => {
    const f = await fixtureSurvey({ title: '导出调查' });
    await f.answer({ one: 'B', many: ['X', 'Z'], score: 2, text: '=HYPERLINK("http://x")' }, '10.2.0.1');
    await f.answer({ one: 'C', many: [], score: 5, text: '' }, '10.2.0.2');
    const buf = await responsesXlsx(await responseSheet(office, f.id));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('全部问卷')!;
    assert.equal(ws.rowCount, 3, 'a header row and two responses');
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1).map((v) => (v == null ? '' : v));
    assert.deepEqual(row(1), ['回执编号', '提交时间', '1. 选一项', '2. 选多项', '3. 打分', '4. 意见']);
    const receipts = (await database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, f.id))).map((x) => x.receipt);
    assert.deepEqual([row(2)[0], row(3)[0]], receipts);
    assert.deepEqual(row(2).slice(2), ['B', 'X；Z', 2, `'=HYPERLINK("http://x")`], 'a formula typed into an answer stays text');
    assert.deepEqual(row(3).slice(2, 5), ['C', '', 5]);
    assert.equal(typeof ws.getRow(2).getCell(6).value, 'string');
  });

  it('opens and closes surveys on their times, once each when several instances run the job', async () => {
    const t0 = Date.now();
    const id = await createSurvey(office, surveyInput({ title: '定时调查', opensAt: localTimeOf(new Date(t0 + 2 * HOUR)), closesAt: localTimeOf(new Date(t0 + 5 * HOUR)) }));
    await addQuestion(office, id, q({ options: '是\n否' }));
    assert.equal(await transitionSurvey(office, id, 'schedule'), 'scheduled');
    const state = async () => (await database.db.select().from(surveys).where(eq(surveys.id, id)))[0]!.state;
    assert.deepEqual((await runSurveyClock(database.db, new Date(t0))).opened.filter((x) => x === id), []);
    assert.equal(await state(), 'scheduled');
    const s = await getSurvey(office, id);
    await assert.rejects(submitResponse(pub, { surveyId: id, govId: null, ip: '10.3.0.1', submitKey: '', answeredBefore: false, answers: { [`q${s.questions[0]!.id}`]: [String(s.questions[0]!.options[0]!.id)] } }), /not_found|未找到/);
    const at = new Date(opensAtOf(s.opensAt) + 60_000);
    const runs = await Promise.all([runSurveyClock(database.db, at), runSurveyClock(database.db, at), runSurveyClock(database.db, at)]);
    assert.equal(runs.flatMap((r) => r.opened).filter((x) => x === id).length, 1, 'one instance opened it');
    assert.equal(await state(), 'open');
    const audits = async (action: string) => (await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, String(id))))).length;
    assert.equal(await audits('survey.opened'), 1);
    const inside = new Date(opensAtOf(s.opensAt) + HOUR);
    await submitResponse(pub, { surveyId: id, govId: null, ip: '10.3.0.1', submitKey: '', answeredBefore: false, answers: { [`q${s.questions[0]!.id}`]: [String(s.questions[0]!.options[0]!.id)] } }, inside);
    const end = new Date(s.closesAt.getTime() + 1000);
    const closing = await Promise.all([runSurveyClock(database.db, end), runSurveyClock(database.db, end)]);
    assert.equal(closing.flatMap((r) => r.closed).filter((x) => x === id).length, 1);
    assert.equal(await state(), 'closed');
    assert.equal(await audits('survey.closed'), 1);
    await assert.rejects(
      submitResponse(pub, { surveyId: id, govId: null, ip: '10.3.0.2', submitKey: '', answeredBefore: false, answers: { [`q${s.questions[0]!.id}`]: [String(s.questions[0]!.options[0]!.id)] } }, end),
      (e: { code?: string }) => e.code === 'survey_closed',
    );
    await transitionSurvey(office, id, 'publish', { summary: '多数赞成。' });
    assert.equal(await state(), 'published');
    assert.equal(await audits('survey.results_published'), 1);
  });

  it('keeps surveys to their agency and the office above it', async () => {
    const id = await createSurvey(office, surveyInput({ title: '县里的调查' }));
    assert.ok(!(await listSurveys(hexi)).some((s) => s.id === id), 'a township clerk does not list the county office’s survey');
    await assert.rejects(getSurvey(hexi, id), (e: { status?: number }) => e.status === 404);
    await assert.rejects(addQuestion(hexi, id, q({ options: 'a\nb' })), (e: { status?: number }) => e.status === 404);
    const own = await createSurvey(hexi, surveyInput({ title: '乡里的调查' }));
    const seen = await getSurvey(office, own);
    assert.equal(seen.mayRun, true, 'the office runs its own government’s surveys');
  });

  it('refuses the phone check without a gateway, and sends the code through the configured webhook', async () => {
    await assert.rejects(createSurvey(office, surveyInput({ phoneCheck: true })), (e: { details?: { fields?: Record<string, string> } }) => /尚未配置短信网关/.test(e.details?.fields?.phoneCheck ?? ''));
    const received: { phone: string; text: string }[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
      await assert.rejects(updateSurveySettings(office, { smsWebhookUrl: 'javascript:alert(1)' }), /短信网关地址/);
      await updateSurveySettings(office, { smsWebhookUrl: url });
      const id = await createSurvey(office, surveyInput({ title: '手机核验调查', phoneCheck: true }));
      await addQuestion(office, id, q({ options: '是\n否' }));
      await transitionSurvey(office, id, 'schedule');
      const s = await getSurvey(office, id);
      const answers = { [`q${s.questions[0]!.id}`]: [String(s.questions[0]!.options[1]!.id)] };
      const phoneHash = await requestPhoneCode(pub, new WebhookSmsGateway(url), null, id, '13800138000');
      assert.equal(received.length, 1);
      assert.equal(received[0]!.phone, '13800138000');
      const code = /验证码为 (\d{6})/.exec(received[0]!.text)?.[1];
      assert.ok(code, received[0]!.text);
      const wrong = code === '000000' ? '111111' : '000000';
      await assert.rejects(submitResponse(pub, { surveyId: id, govId: null, ip: '10.4.0.1', submitKey: '', answeredBefore: false, answers, phoneHash, code: wrong }), /验证码不正确/);
      assert.equal((await database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id))).length, 0);
      await submitResponse(pub, { surveyId: id, govId: null, ip: '10.4.0.1', submitKey: '', answeredBefore: false, answers, phoneHash, code });
      // The same number again, from another browser and address: refused before a code is even sent.
      await assert.rejects(requestPhoneCode(pub, new WebhookSmsGateway(url), null, id, '13800138000'), /该手机号码已参加过本次调查/);
      assert.equal(received.length, 1);
      await assert.rejects(submitResponse(pub, { surveyId: id, govId: null, ip: '10.4.0.2', submitKey: '', answeredBefore: false, answers, phoneHash, code }), /验证码不正确|已参加过/);
      assert.equal((await database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id))).length, 1);
      const stored = (await database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id)))[0]!;
      assert.ok(!JSON.stringify(stored).includes('13800138000') && !JSON.stringify(stored).includes('10.4.0.1'), 'neither number nor address stored raw');
      // With the gateway removed, a draft can no longer switch the check on.
      await updateSurveySettings(office, { smsWebhookUrl: '' });
      const draft = await createSurvey(office, surveyInput({ title: '无网关' }));
      await assert.rejects(updateSurvey(office, draft, surveyInput({ title: '无网关', phoneCheck: true })), /尚未配置短信网关/);
    } finally {
      server.close();
    }
  });

  it('refuses answers that do not fit their question, storing nothing', async () => {
    const f = await fixtureSurvey({ title: '校验调查' });
    const other = await fixtureSurvey({ title: '另一调查' });
    const base = { surveyId: f.id, govId: null, ip: '10.5.0.1', submitKey: '', answeredBefore: false };
    const good = { [`q${f.q1.id}`]: [f.optionId(f.q1, 'A')], [`q${f.q3.id}`]: ['3'] };
    const cases: [string, Record<string, string[]>, RegExp][] = [
      ['an option of another question', { ...good, [`q${f.q1.id}`]: [f.optionId(f.q2, 'W')] }, /选项无效/],
      ['an option of another survey', { ...good, [`q${f.q1.id}`]: [other.optionId(other.q1, 'A')] }, /选项无效/],
      ['two picks in a single choice', { ...good, [`q${f.q1.id}`]: [f.optionId(f.q1, 'A'), f.optionId(f.q1, 'B')] }, /只能选择一项/],
      ['four picks where three is the most', { ...good, [`q${f.q2.id}`]: ['W', 'X', 'Y', 'Z'].map((l) => f.optionId(f.q2, l)) }, /最多选择 3 项/],
      ['a point off the scale', { ...good, [`q${f.q3.id}`]: ['6'] }, /分值应在 1 至 5/],
      ['SQL in a scale', { ...good, [`q${f.q3.id}`]: ["3; DROP TABLE survey_answers; --"] }, /分值应在/],
      ['a text too long', { ...good, [`q${f.q4.id}`]: ['字'.repeat(201)] }, /不能超过 200 个字/],
      ['a missing required answer', { [`q${f.q3.id}`]: ['3'] }, /第 1 题为必答题/],
      ['an id past int4', { ...good, [`q${f.q1.id}`]: ['99999999999'] }, /选项无效/],
    ];
    for (const [what, answers, message] of cases) await assert.rejects(submitResponse(pub, { ...base, answers }), message, what);
    assert.equal((await database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, f.id))).length, 0);
    assert.equal((await database.db.select().from(surveyAnswers).where(eq(surveyAnswers.questionId, f.q1.id))).length, 0);
  });
});

const opensAtOf = (d: Date) => d.getTime();
