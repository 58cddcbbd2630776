import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { activePdfs, pngBytes, pngHtmlPolyglot, htmlBytes, pdfBytes } from '../../core/files/fixtures.js';
import { listAgencies } from '../org/service.js';
import { foiApplications } from './schema.js';
import { files } from '../../core/files/schema.js';

const ID = '11010519491231002X';
const cookiesOf = (b: Browser) => (b as unknown as { cookieHeader(): string }).cookieHeader();

describe('applications for disclosure over HTTP', () => {
  let t: TestApp;
  let town = 0;
  const fields = (over: Record<string, string> = {}) => ({
    agencyId: String(town), applicantType: 'natural', name: '李四', idType: '居民身份证', idNumber: ID, phone: '13900139000',
    content: '城关镇2025年农村危房改造补助名单', form: 'electronic', delivery: 'online', ...over,
  });

  /** Submits the public form as the browser does: multipart, the CSRF token its first field. */
  async function submitForm(who: Browser, values: Record<string, string>, file?: { name: string; bytes: Buffer }) {
    const page = await who.get('/yishenqing/apply');
    const action = /<form method="post" action="(\/yishenqing\/apply)"/.exec(page.body)?.[1];
    assert.ok(action, 'the form posts to itself, with no token in its URL');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const boundary = '----gkfoi' + Math.random().toString(16).slice(2);
    const parts: Buffer[] = Object.entries({ _csrf: token, ...values }).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="proof"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await t.app.inject({ method: 'POST', url: action!, payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookiesOf(who), accept: 'text/html' } });
    who.keep(res);
    if (res.statusCode !== 303) return res;
    // As a browser does: a successful submission is answered with a redirect to its receipt.
    assert.equal(res.headers.location, '/yishenqing/receipt');
    return who.get('/yishenqing/receipt');
  }

  /** The follow-up form, posted and its redirect followed to the progress page. */
  async function followUp(who: Browser, code: string, secret: string) {
    const res = await who.post('/yishenqing/follow', { code, secret });
    if (res.statusCode !== 303) return res;
    assert.equal(res.headers.location, '/yishenqing/progress');
    return who.get('/yishenqing/progress');
  }

  before(async () => {
    t = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '40' });
    town = (await listAgencies(t.database.db)).find((a) => a.name === '城关镇')!.id;
  });
  after(async () => t.close());

  it('takes the public form with an ID proof and shows code and secret once', async () => {
    const citizen = new Browser(t.app);
    const res = await submitForm(citizen, fields(), { name: '身份证.png', bytes: pngBytes() });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    const code = /<strong class="code">(\d{4}-[A-Z0-9]{8})<\/strong>/.exec(res.body)?.[1];
    const secret = [...res.body.matchAll(/<strong class="code">([A-Z0-9]{16})<\/strong>/g)][0]?.[1];
    assert.ok(code && secret, 'code and secret on the page');
    const row = (await t.database.db.select().from(foiApplications).where(eq(foiApplications.code, code!)))[0]!;
    assert.ok(row.idProofFileId, 'the proof is stored');
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const reloaded = await citizen.get('/yishenqing/receipt');
    assert.ok(reloaded.body.includes(code!) && reloaded.body.includes(secret!), 'the receipt survives a reload');
    assert.match(reloaded.body, /政府信息公开申请回执/);
    const elsewhere = await new Browser(t.app).get('/yishenqing/receipt');
    assert.ok(!elsewhere.body.includes(code!) && !elsewhere.body.includes(secret!), 'another browser does not get the receipt');
    const follow = await followUp(citizen, code!, secret!);
    assert.equal(follow.statusCode, 200);
    assert.match((await citizen.get('/yishenqing/progress')).body, /待确认受理/, 'the progress page survives a reload');
    assert.match(follow.body, /待确认受理/);
    assert.ok(!follow.body.includes(ID) && !follow.body.includes('13900139000'));
    const forgot = await citizen.post('/yishenqing/progress/forget', {}, { from: '/yishenqing/progress' });
    assert.equal(forgot.statusCode, 303);
    assert.equal((await citizen.get('/yishenqing/progress')).statusCode, 303, 'after 结束查询 the browser holds nothing');
    const wrong = await citizen.post('/yishenqing/follow', { code: code!, secret: 'X'.repeat(16) });
    assert.equal(wrong.statusCode, 404);
    assert.match(wrong.body, /查询码或密码不正确/);
  });

  it('serves an ID proof only to the case’s handlers, never through the shared /files/ route', async () => {
    const citizen = new Browser(t.app);
    const res = await submitForm(citizen, fields({ idNumber: '110105194912310054', content: '城关镇2025年低保复核名单' }), { name: '身份证.pdf', bytes: pdfBytes(`身份证明 ${Date.now()}`) });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const code = /<strong class="code">(\d{4}-[A-Z0-9]{8})<\/strong>/.exec(res.body)![1]!;
    const row = (await t.database.db.select().from(foiApplications).where(eq(foiApplications.code, code)))[0]!;
    const [file] = await t.database.db.select().from(files).where(eq(files.id, row.idProofFileId!));
    const shared = `/files/${file!.sha256}/id.pdf`;
    const handler = new Browser(t.app);
    await handler.login('chengguan');
    const proof = await handler.get(`/admin/foi/${row.id}/proof`);
    assert.equal(proof.statusCode, 200);
    assert.equal(proof.headers['content-type'], 'application/pdf');
    assert.equal(proof.headers['cache-control'], 'private, no-store');
    assert.equal((await handler.get(shared)).statusCode, 404, 'not even the handler gets it by hash');
    const other = new Browser(t.app);
    await other.login('hexi');
    assert.equal((await other.get(shared)).statusCode, 404);
    assert.equal((await other.get(`/admin/foi/${row.id}/proof`)).statusCode, 404);
    assert.equal((await new Browser(t.app).get(shared)).statusCode, 404);
  });

  it('keeps an ID proof inert: a PDF with script is refused, a PNG that is also a web page is kept as its pixels and sent as a sandboxed download', async () => {
    const citizen = new Browser(t.app);
    const values = fields({ idNumber: '110105194912310070', content: '城关镇2025年临时救助名单' });
    const js = await submitForm(citizen, values, { name: '身份证.pdf', bytes: activePdfs()['JavaScript open action']! });
    assert.equal(js.statusCode, 400);
    assert.match(js.body, /该 PDF 文件含有脚本（JavaScript）、打开文件时自动执行的动作（OpenAction），出于安全原因不能上传/);
    const res = await submitForm(citizen, values, { name: '身份证.png', bytes: pngHtmlPolyglot() });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const code = /<strong class="code">(\d{4}-[A-Z0-9]{8})<\/strong>/.exec(res.body)![1]!;
    const row = (await t.database.db.select().from(foiApplications).where(eq(foiApplications.code, code)))[0]!;
    const handler = new Browser(t.app);
    await handler.login('chengguan');
    const proof = await handler.get(`/admin/foi/${row.id}/proof`);
    assert.equal(proof.statusCode, 200);
    assert.equal(proof.headers['content-type'], 'image/png');
    assert.match(String(proof.headers['content-disposition']), /^attachment; /);
    assert.equal(proof.headers['content-security-policy'], "default-src 'none'; sandbox");
    assert.equal(proof.headers['x-content-type-options'], 'nosniff');
    assert.ok(proof.rawPayload.subarray(0, 8).equals(pngBytes().subarray(0, 8)), 'still a PNG');
    assert.ok(!proof.rawPayload.includes('<script') && !proof.rawPayload.includes('<html'), 'no markup left in it');
  });

  it('refuses a disguised file, bad fields and a missing token with Chinese messages, escaping what was typed', async () => {
    const citizen = new Browser(t.app);
    const fake = await submitForm(citizen, fields({ content: '城关镇2025年危房改造资金明细表' }), { name: 'id.png', bytes: htmlBytes() });
    assert.equal(fake.statusCode, 400);
    assert.match(fake.body, /文件/);
    const bad = await submitForm(citizen, fields({ name: '<script>alert(1)</script>', phone: 'abc', postcode: "1' OR '1'='1" }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /联系电话应为 7–20 位数字/);
    assert.match(bad.body, /邮政编码/);
    assert.ok(bad.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;') && !bad.body.includes('<script>alert(1)'), 'the typed name comes back escaped');
    const noToken = await t.app.inject({ method: 'POST', url: '/yishenqing/apply', payload: new URLSearchParams(fields()).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });
    assert.equal(noToken.statusCode, 403);
    const before = (await t.database.db.select().from(foiApplications)).length;
    const twice = fields({ submitKey: 'same-form-1', content: '城关镇2025年危房改造验收报告' });
    assert.equal((await submitForm(citizen, twice)).statusCode, 200);
    const again = await submitForm(citizen, twice);
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /已经提交过/);
    assert.equal((await t.database.db.select().from(foiApplications)).length, before + 1, 'a double submit stores one application');
  });

  it('reports every problem of the form in one pass, each beside its own field, keeping what was typed', async () => {
    const citizen = new Browser(t.app);
    // A wrong ID checksum together with other errors: all of them come back at once.
    const res = await submitForm(citizen, fields({ idNumber: '110105194912310021', phone: '12', content: '短', delivery: 'email', address: '城关镇人民路1号' }));
    assert.equal(res.statusCode, 400);
    const beside = (id: string) => new RegExp(`<label for="${id}">[^]*?</label>(?:<p class="field-hint"[^>]*>[^<]*</p>)?<p class="field-error" id="${id}-error">([^<]+)</p>`).exec(res.body)?.[1];
    assert.equal(beside('a-id'), '居民身份证号码应为 18 位且校验位正确。');
    assert.equal(beside('a-phone'), '联系电话应为 7–20 位数字。');
    assert.equal(beside('a-content'), '所需政府信息的名称或内容描述至少 5 个字。');
    assert.equal(beside('a-email'), '选择电子邮件获取时，请填写电子邮箱。');
    assert.equal(beside('a-name'), undefined, 'a correct field carries no error');
    assert.match(res.body, /id="a-id"[^>]*aria-describedby="a-id-hint a-id-error"/, 'the control names its error for screen readers');
    assert.match(res.body, /value="城关镇人民路1号"/, 'what was typed stays in the form');
  });

  it('offers the same over the JSON API with stable error codes', async () => {
    const api = (method: 'POST' | 'GET', url: string, body?: unknown, headers: Record<string, string> = {}) =>
      t.app.inject({ method, url, payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
    const ok = await api('POST', '/api/v1/applications', { ...fields({ content: '城关镇2026年自来水价格调整听证材料' }), agencyId: town });
    assert.equal(ok.statusCode, 201, ok.body);
    const j = ok.json() as { code: string; secret: string; receivedOn: null; dueIfConfirmedToday: string };
    assert.equal(j.receivedOn, null);
    assert.match(j.dueIfConfirmedToday, /^\d{4}-\d{2}-\d{2}$/);
    const got = await api('GET', `/api/v1/applications/${j.code}`, undefined, { 'x-application-secret': j.secret });
    assert.equal(got.statusCode, 200);
    assert.equal((got.json() as { content: string }).content, '城关镇2026年自来水价格调整听证材料');
    assert.ok(!got.body.includes(ID));
    const other = await api('GET', `/api/v1/applications/${j.code}`, undefined, { 'x-application-secret': 'WRONG' });
    assert.equal(other.statusCode, 404);
    assert.equal((other.json() as { error: { code: string } }).error.code, 'not_found');
    const types = await api('POST', '/api/v1/applications', { ...fields(), agencyId: { $ne: 1 }, name: 42, content: ['x'] });
    assert.equal(types.statusCode, 400);
    const err = (types.json() as { error: { code: string; message: string; details: { fields: Record<string, string> } } }).error;
    assert.equal(err.code, 'invalid_input');
    assert.ok(err.details.fields.name && err.details.fields.content);
    assert.equal((await api('POST', '/api/v1/applications', '[1,2]')).statusCode, 400);
    assert.equal((await api('POST', '/api/v1/applications', '{"broken"')).statusCode, 400);
    const huge = await api('POST', '/api/v1/applications', { ...fields(), content: '很'.repeat(600_000) });
    assert.equal(huge.statusCode, 413);
    const doc = (await api('GET', '/api/v1/openapi.json')).json() as { paths: Record<string, { post?: { requestBody?: unknown } }> };
    assert.ok(doc.paths['/api/v1/applications']?.post?.requestBody && doc.paths['/api/v1/applications/{code}'], 'documented in OpenAPI');
  });

  it('rate-limits public submissions per client', async () => {
    const limited = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '2' });
    try {
      const post = () => limited.app.inject({ method: 'POST', url: '/api/v1/applications', payload: JSON.stringify({}), headers: { 'content-type': 'application/json' } });
      assert.equal((await post()).statusCode, 400);
      assert.equal((await post()).statusCode, 400);
      const third = await post();
      assert.equal(third.statusCode, 429);
      assert.equal((third.json() as { error: { code: string } }).error.code, 'rate_limited');
    } finally {
      await limited.close();
    }
  });

  it('lets the handling township answer, export the letter as DOCX and hides the case from other townships', async () => {
    const citizen = new Browser(t.app);
    const res = await submitForm(citizen, fields({ idNumber: '110105194912310038', content: '城关镇2026年集贸市场摊位租赁合同' }));
    const code = /<strong class="code">(\d{4}-[A-Z0-9]{8})<\/strong>/.exec(res.body)![1]!;
    const id = (await t.database.db.select().from(foiApplications).where(eq(foiApplications.code, code)))[0]!.id;
    const staff = new Browser(t.app);
    await staff.login('chengguan');
    const list = await staff.get('/admin/foi');
    assert.ok(list.body.includes(code) && list.body.includes('待确认受理'));
    const page = await staff.get(`/admin/foi/${id}`);
    assert.ok(page.body.includes('110105194912310038'), 'the handler sees the ID number');
    assert.equal((await staff.post(`/admin/foi/${id}/confirm`, {}, { from: `/admin/foi/${id}` })).statusCode, 303);
    const casePage = await staff.get(`/admin/foi/${id}`);
    const attach = /action="(\/admin\/foi\/\d+\/attach)"/.exec(casePage.body)?.[1];
    assert.ok(attach, 'the case page offers to attach files');
    const attachToken = /action="\/admin\/foi\/\d+\/attach"[^>]*><input type="hidden" name="_csrf" value="([^"]+)"/.exec(casePage.body)![1]!;
    const boundary = '----gkatt' + Math.random().toString(16).slice(2);
    const pdf = pdfBytes('摊位租赁合同');
    const up = await t.app.inject({
      method: 'POST', url: attach!, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookiesOf(staff), accept: 'text/html' },
      payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${attachToken}\r\n`), Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="租赁合同.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), pdf, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    });
    assert.equal(up.statusCode, 303, up.body.slice(0, 300));
    const draft = await staff.get(`/admin/foi/${id}?outcome=disclosed`);
    assert.match(draft.body, /随答复提供的文件：租赁合同\.pdf/);
    const text = /<textarea id="x-text" name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(draft.body)?.[1];
    assert.ok(text && text.includes('李四') && text.includes('第三十六条'), 'the standard text is filled from the case');
    const replied = await staff.post(`/admin/foi/${id}/reply`, { outcome: 'disclosed', text: text!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'") }, { from: `/admin/foi/${id}` });
    assert.equal(replied.statusCode, 303);
    const docx = await staff.get(`/admin/foi/${id}/reply.docx`);
    assert.equal(docx.statusCode, 200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    assert.ok(xml.includes('李四') && xml.includes('政府信息公开申请答复书'));
    const secret = [...res.body.matchAll(/<strong class="code">([A-Z0-9]{16})<\/strong>/g)][0]![1]!;
    const followed = await followUp(citizen, code, secret);
    const link = /<a href="(\/yishenqing\/files\/[^"]+)" download>租赁合同\.pdf<\/a>/.exec(followed.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(link, 'the applicant gets a link to the disclosed file');
    const file = await t.app.inject({ method: 'GET', url: link! });
    assert.equal(file.statusCode, 200);
    assert.ok(file.rawPayload.equals(pdf));
    assert.equal((await t.app.inject({ method: 'GET', url: link!.replace(/sig=[^&]+/, 'sig=forged') })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: link!.replace(/\/(\d+)\?/, (_m, n) => `/${Number(n) + 1}?`) })).statusCode, 404);

    const other = new Browser(t.app);
    await other.login('hexi');
    assert.equal((await other.get(`/admin/foi/${id}`)).statusCode, 404);
    assert.ok(!(await other.get('/admin/foi?state=closed')).body.includes(code));
    const office = new Browser(t.app);
    await office.login('office');
    const masked = await office.get(`/admin/foi/${id}`);
    assert.equal(masked.statusCode, 200);
    assert.ok(!masked.body.includes('110105194912310038') && masked.body.includes('李*'));
    assert.equal((await office.get(`/admin/foi/${id}/reply.docx`)).statusCode, 404, 'only handlers download the letter');
    const reg = await staff.post('/admin/foi/register', { ...fields({ idNumber: '110105194912310046', content: '城关镇2026年春节慰问物资发放名单', orgCategory: '', contactPerson: '' }), channel: 'letter', receivedOn: '2026-09-14', submitKey: 'reg-1' });
    assert.equal(reg.statusCode, 200, reg.body.slice(0, 300));
    const regCode = /已登记。查询码 (\d{4}-[A-Z0-9]{8}).*答复期限 2026-10-16/.exec(reg.body)?.[1];
    assert.ok(regCode, 'registered with the Article 31 receipt date and its due date');
    const home = await staff.get('/admin');
    assert.match(home.body, new RegExp(`<strong>已超期</strong> <a href="/admin/foi/\\d+">${regCode}</a>`), 'the overdue alarm is on the staff dashboard');
    const stats = await staff.get('/admin/foi/stats');
    assert.equal(stats.statusCode, 200);
    assert.match(stats.body, /<svg[^>]*role="img"/);
    const anon = await new Browser(t.app).get(`/admin/foi/${id}`);
    assert.equal(anon.statusCode, 302);
  });

  it('lets only the office change the fee settings, through a CSRF-protected form that refuses bad input in Chinese', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    const page = await office.get('/admin/foi/settings');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /缴费期限/);
    const bad = await office.post('/admin/foi/settings', { feesEnabled: 'on', defaultFeeRule: 'per_item', paymentWorkdays: '<script>alert(1)</script>' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /缴费期限应为 1 到 60 之间的整数/);
    assert.ok(!bad.body.includes('<script>alert(1)'), 'what was typed comes back escaped');
    const noToken = await office.post('/admin/foi/settings', { defaultFeeRule: 'per_volume', paymentWorkdays: '15' }, { csrf: null });
    assert.equal(noToken.statusCode, 403);
    const township = new Browser(t.app);
    await township.login('chengguan');
    assert.equal((await township.get('/admin/foi/settings')).statusCode, 403);
    assert.ok(!(await township.get('/admin/foi')).body.includes('/admin/foi/settings'), 'no link for those who cannot use it');
    assert.match((await office.get('/admin/foi/settings')).body, /value="20"/, 'nothing refused was saved');
    const saved = await office.post('/admin/foi/settings', { defaultFeeRule: 'per_volume', paymentWorkdays: '15' });
    assert.equal(saved.statusCode, 303);
    const after = await office.get('/admin/foi/settings');
    assert.match(after.body, /value="15"/);
    assert.match(after.body, /<option value="per_volume" selected/);
    assert.ok(!/name="feesEnabled" value="on" checked/.test(after.body), 'an unticked box turns fees off');
  });
});
