import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { exeBytes, pdfBytes } from '../../core/files/fixtures.js';

const form = (over: Record<string, string | string[]> = {}) => ({
  title: '城关镇人民政府关于做好2026年春季防汛工作的通知', kind: '通知', theme: '综合政务\\应急管理', assembly: '应急管理', docNumber: '城政〔2026〕5号',
  writtenDate: '2026-03-02', formedDate: '2026-03-02', statutoryItem: '12', body: '各村（社区）：\n\n现就做好防汛工作通知如下。', disclosure: 'active', disclosureGround: '', ...over,
});

describe('government information back office over HTTP', () => {
  let t: TestApp;
  let editor: Browser;
  let reviewer: Browser;
  before(async () => {
    t = await createTestApp();
    editor = new Browser(t.app);
    await editor.login('chengguan');
    reviewer = new Browser(t.app);
    await reviewer.login('chengguan-sh');
  });
  after(() => t.close());

  it('refuses a malformed 文号 and an invalid date, keeping what was typed', async () => {
    const res = await editor.post('/admin/info/new', form({ docNumber: '城政[2026]第05号', writtenDate: '2026-13-01' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /六角括号/);
    assert.match(res.body, /成文日期不是有效日期/);
    assert.match(res.body, /value="城政\[2026\]第05号"/);
  });

  it('takes a document from draft to published through the pages, with the 保密审查 recorded', async () => {
    const created = await editor.post('/admin/info/new', form());
    assert.equal(created.statusCode, 303);
    const url = String(created.headers.location).split('?')[0]!;
    assert.equal((await editor.post(`${url}/transition`, { action: 'submit' }, { from: url })).statusCode, 303);
    const other = new Browser(t.app);
    await other.login('hexi');
    assert.equal((await other.get(url)).statusCode, 404, 'another township cannot see it');
    const noReview = await reviewer.post(`${url}/transition`, { action: 'approve', secrecyConclusion: '' }, { from: url });
    assert.equal(noReview.statusCode, 400);
    assert.match(noReview.body, /保密审查/);
    assert.equal((await reviewer.post(`${url}/transition`, { action: 'approve', secrecyConclusion: '不涉密' }, { from: url })).statusCode, 303);
    assert.equal((await reviewer.post(`${url}/transition`, { action: 'publish' }, { from: url })).statusCode, 303);
    const page = await reviewer.get(url);
    assert.match(page.body, /已发布/);
    assert.match(page.body, /城关镇 钱审核：不涉密/);
    assert.match(page.body, /索引号<\/dt><dd>[0-9A-Z]{18}\/\d{4}-\d{5}/);
    assert.match(page.body, /此件公开发布/);
  });

  it('stores the body sanitised and shows hostile titles escaped', async () => {
    const created = await editor.post('/admin/info/new', form({ title: '<script>alert(1)</script>通知', docNumber: '', body: '<p>正文</p><img src=x onerror=alert(1)><script>alert(2)</script>' }));
    assert.equal(created.statusCode, 303);
    const page = await editor.get(String(created.headers.location));
    assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;通知'));
    assert.ok(!page.body.includes('<script>alert'));
    assert.ok(!page.body.includes('onerror'));
  });

  it('schedules publication in Beijing time and refuses a time in the past', async () => {
    const created = await editor.post('/admin/info/new', form({ title: '定时发布测试', docNumber: '' }));
    const url = String(created.headers.location).split('?')[0]!;
    await editor.post(`${url}/transition`, { action: 'submit' }, { from: url });
    await reviewer.post(`${url}/transition`, { action: 'approve', secrecyConclusion: '不涉密' }, { from: url });
    const past = await reviewer.post(`${url}/transition`, { action: 'schedule', publishAt: '2020-01-01T09:00' }, { from: url });
    assert.equal(past.statusCode, 400);
    const ok = await reviewer.post(`${url}/transition`, { action: 'schedule', publishAt: '2099-01-01T09:00' }, { from: url });
    assert.equal(ok.statusCode, 303);
    assert.match((await reviewer.get(url)).body, /定于 2099\/01\/01 09:00 发布/);
  });

  it('attaches a PDF to a draft, refuses a disguised file, and opens the PDF to the public only once published', async () => {
    const created = await editor.post('/admin/info/new', form({ title: '附件测试通知', docNumber: '' }));
    const url = String(created.headers.location).split('?')[0]!;
    const upload = async (buf: Buffer, name: string) => {
      const page = await editor.get(url);
      // The form's first field is its CSRF token; its URL carries none.
      const [, action, token] = /action="([^"]*\/attachments)"[^>]*><input type="hidden" name="_csrf" value="([^"]+)"/.exec(page.body)!;
      const boundary = '----gk' + Date.now();
      const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`), Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), buf, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      return t.app.inject({ method: 'POST', url: action!, payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: (editor as unknown as { cookieHeader(): string }).cookieHeader(), accept: 'text/html' } });
    };
    const disguised = await upload(exeBytes(), '实施方案.pdf');
    assert.equal(disguised.statusCode, 400);
    assert.match(disguised.body, /PDF/);
    assert.equal((await upload(pdfBytes('attachment'), '实施方案.pdf')).statusCode, 303);
    const fileUrl = /href="(\/files\/[0-9a-f]{64}\/[^"]+)"/.exec((await editor.get(url)).body)![1]!;
    assert.equal((await t.app.inject({ url: fileUrl })).statusCode, 404, 'not public while a draft');
    await editor.post(`${url}/transition`, { action: 'submit' }, { from: url });
    await reviewer.post(`${url}/transition`, { action: 'approve', secrecyConclusion: '不涉密' }, { from: url });
    await reviewer.post(`${url}/transition`, { action: 'publish' }, { from: url });
    const res = await t.app.inject({ url: fileUrl });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.deepEqual(res.rawPayload, pdfBytes('attachment'));
  });
});
