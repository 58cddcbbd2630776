import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { login } from '../account/service.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import type { Ctx } from '../../core/context.js';
import { addQuestion, createSurvey, getSurvey, transitionSurvey, updateSurveySettings } from './service.js';
import { surveyResponses } from './schema.js';
import { q, surveyInput } from './testing.js';

// The region demo: 示范市 (root site) above 示范县 (/shifanxian) and 示范南县 (/nanxian).
describe('surveys on a site per government, and the phone check through the form', () => {
  let t: TestApp;
  const as = async (username: string): Promise<Ctx> => {
    const r = await login(t.database.db, { username, password: DEMO_PASSWORD, address: '127.0.0.1' });
    assert.ok(r.ok);
    return { db: t.database.db, actor: r.actor };
  };
  const open = async (ctx: Ctx, title: string, over = {}) => {
    const id = await createSurvey(ctx, surveyInput({ title, ...over }));
    await addQuestion(ctx, id, q({ options: '是\n否' }));
    await transitionSurvey(ctx, id, 'schedule');
    return getSurvey(ctx, id);
  };
  const count = async (id: number) => (await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id))).length;

  before(async () => {
    t = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '200' }, { region: true });
  });
  after(async () => t.close());

  it("lists and takes a site's own government's surveys only", async () => {
    const county = await open(await as('office'), '示范县的调查');
    const south = await open(await as('nx-office'), '南县的调查');
    const b = new Browser(t.app);
    const nan = (await b.get('/nanxian/diaocha')).body;
    assert.ok(nan.includes('南县的调查') && !nan.includes('示范县的调查'));
    const shifan = (await b.get('/shifanxian/diaocha')).body;
    assert.ok(shifan.includes('示范县的调查') && !shifan.includes('南县的调查'));
    const city = (await b.get('/diaocha')).body;
    assert.ok(!city.includes('示范县的调查') && !city.includes('南县的调查'), 'the city’s site shows neither county’s');
    assert.equal((await b.get(`/shifanxian/diaocha/${south.id}`)).statusCode, 404);
    const answer = { [`q${south.questions[0]!.id}`]: String(south.questions[0]!.options[0]!.id) };
    const wrongSite = await new Browser(t.app, '203.0.113.40').post(`/shifanxian/diaocha/${south.id}`, answer, { from: `/shifanxian/diaocha/${county.id}` });
    assert.equal(wrongSite.statusCode, 404);
    assert.equal(await count(south.id), 0);
    const right = await new Browser(t.app, '203.0.113.41').post(`/nanxian/diaocha/${south.id}`, answer);
    assert.equal(right.statusCode, 303);
    assert.equal(right.headers.location, `/nanxian/diaocha/${south.id}/thanks`);
    assert.equal(await count(south.id), 1);
  });

  it('sends a code to the phone through the webhook and takes the form with it, once per number', async () => {
    const received: { phone: string; text: string }[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const top = await as('shi-office'); // the gateway is an installation setting: the top government's
      await assert.rejects(updateSurveySettings(await as('office'), { smsWebhookUrl: 'http://127.0.0.1:1/' }), /最上级政府/);
      await updateSurveySettings(top, { smsWebhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms` });
      const s = await open(await as('office'), '手机核验', { phoneCheck: true });
      const answer = { [`q${s.questions[0]!.id}`]: String(s.questions[0]!.options[1]!.id) };
      const b = new Browser(t.app, '203.0.113.50');
      const page = await b.get(`/shifanxian/diaocha/${s.id}`);
      assert.match(page.body, /获取验证码/);
      const badPhone = await b.post(`/shifanxian/diaocha/${s.id}/code`, { phone: '<script>1</script>' }, { from: `/shifanxian/diaocha/${s.id}` });
      assert.equal(badPhone.statusCode, 400);
      assert.match(badPhone.body, /请填写 11 位手机号码/);
      assert.equal(received.length, 0);
      const noCode = await b.post(`/shifanxian/diaocha/${s.id}`, answer);
      assert.equal(noCode.statusCode, 400);
      assert.match(noCode.body, /请先验证手机号码/);
      const sent = await b.post(`/shifanxian/diaocha/${s.id}/code`, { phone: '139 0013 9000' }, { from: `/shifanxian/diaocha/${s.id}` });
      assert.equal(sent.statusCode, 200);
      assert.match(sent.body, /验证码已发送/);
      assert.equal(received.length, 1);
      const code = /验证码为 (\d{6})/.exec(received[0]!.text)![1]!;
      const wrong = await b.post(`/shifanxian/diaocha/${s.id}`, { ...answer, code: code === '123456' ? '654321' : '123456' });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /手机验证码不正确或已过期/);
      assert.match(wrong.body, new RegExp(`value="${s.questions[0]!.options[1]!.id}" checked`), 'the answer is kept');
      const ok = await b.post(`/shifanxian/diaocha/${s.id}`, { ...answer, code });
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
      // Another browser and address, the same number: refused before any code is sent.
      const other = new Browser(t.app, '203.0.113.51');
      const again = await other.post(`/shifanxian/diaocha/${s.id}/code`, { phone: '13900139000' }, { from: `/shifanxian/diaocha/${s.id}` });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /该手机号码已参加过本次调查/);
      assert.equal(received.length, 1);
      assert.equal(await count(s.id), 1);
    } finally {
      server.close();
    }
  });
});
