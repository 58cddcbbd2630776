import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { htmlBytes, pngBytes } from '../../core/files/fixtures.js';
import { messageStatus } from '../messages/service.js';
import { demoActors } from '../../test/actors.js';
import { updateSettings } from '../participation/settings.js';
import { createInterview, setInterviewState } from './interviews.js';
import { ivInterviews, ivQuestions } from './schema.js';

const cookiesOf = (b: Browser) => (b as unknown as { cookieHeader(): string }).cookieHeader();
const codeOf = (body: string) => /class="code">(FT-[A-Z0-9]{10})</.exec(body)?.[1];
const RAW_SCRIPT = /<script>alert/i;
const PUB = '/shifanxian/fangtan';

describe('online interviews: public and staff pages', () => {
  let t: TestApp;
  let staff: Browser;
  let id = 0;
  const pagesSeen: string[] = [];
  const seen = (body: string) => { pagesSeen.push(body); return body; };

  /** Posts a file as the browser does: multipart, the page's CSRF token first. */
  async function upload(who: Browser, from: string, url: string, name: string, bytes: Buffer) {
    const page = await who.get(from);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const boundary = '----gkiv' + Math.random().toString(16).slice(2);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookiesOf(who), accept: 'text/html' } });
    who.keep(res);
    return res;
  }
  const form = (over: Record<string, string> = {}) => ({ topic: '聊聊县城养老服务', startsAt: '2030-06-01T09:30', g1Name: '李四', g1Title: '局长', g1Agency: '县民政局', description: '围绕养老服务补贴与网友交流。', ...over });

  before(async () => {
    t = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '1000', PUBLIC_CACHE_TTL: '0' }, { region: true });
    staff = new Browser(t.app);
    await staff.login('office');
  });
  after(async () => t?.close());

  it('staff create an interview; bad input on the form is refused in Chinese beside its box, never a 5xx', async () => {
    const bad: Record<string, string>[] = [
      form({ startsAt: '2030-13-45T25:99' }), form({ startsAt: "'; DROP TABLE iv_interviews; --" }), form({ topic: 'x'.repeat(300) }),
      form({ topic: 'x'.repeat(200_000) }), form({ g1Name: '' }), form({ agencyId: '999999999999' }), form({ agencyId: "1 OR 1=1" }),
    ];
    for (const f of bad) {
      const r = await staff.post('/admin/interview/new', f, { from: '/admin/interview/new' });
      assert.equal(r.statusCode, 400, `${r.statusCode} for ${JSON.stringify(f).slice(0, 80)}`);
      assert.match(r.body, /class="field-error"[^>]*>[^<]*[\u4e00-\u9fff]/, 'the refusal is beside the box, in Chinese');
      seen(r.body);
    }
    const nul = await staff.post('/admin/interview/new', form({ topic: '坏\u0000字' }), { from: '/admin/interview/new' });
    assert.equal(nul.statusCode, 400);
    assert.match(nul.body, /控制字符/);
    const date = await staff.post('/admin/interview/new', form({ startsAt: 'tomorrow' }), { from: '/admin/interview/new' });
    assert.match(date.body, /id="f-startsAt-error"[^>]*>请填写访谈时间/);
    const raw = await t.app.inject({ method: 'POST', url: '/admin/interview/new', payload: 'topic=%C3%28&startsAt=2030-06-01T09%3A30&g1Name=%C3%28', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(staff), accept: 'text/html' } });
    assert.ok(raw.statusCode < 500, String(raw.statusCode));
    const ok = await staff.post('/admin/interview/new', form({ topic: '<script>alert(1)</script>聊聊县城养老服务' }), { from: '/admin/interview/new' });
    assert.equal(ok.statusCode, 303);
    id = Number(/\/admin\/interview\/(\d+)/.exec(ok.headers.location as string)![1]);
    const twice = await staff.post('/admin/interview/new', form({ topic: '<script>alert(1)</script>聊聊县城养老服务' }), { from: '/admin/interview/new' });
    assert.equal(twice.headers.location, ok.headers.location, 'the form sent twice makes one interview');
    const page = seen((await staff.get(`/admin/interview/${id}`)).body);
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;聊聊县城养老服务'));
    const edit = await staff.post(`/admin/interview/${id}/edit`, form({ topic: '聊聊县城养老服务' }), { from: `/admin/interview/${id}/edit` });
    assert.equal(edit.statusCode, 303);
    assert.equal((await t.database.db.select().from(ivInterviews).where(eq(ivInterviews.id, id)))[0]!.topic, '聊聊县城养老服务');
  });

  it('a non-image upload is refused; a PNG is stored in the files store and shown once announced', async () => {
    const html = await upload(staff, `/admin/interview/${id}`, `/admin/interview/${id}/image`, 'evil.png', htmlBytes());
    assert.equal(html.statusCode, 400);
    assert.match(html.body, /只能上传 JPG 或 PNG 格式的图片/);
    seen(html.body);
    const pdfAsImg = await upload(staff, `/admin/interview/${id}`, `/admin/interview/${id}/image`, 'a.pdf', Buffer.from('%PDF-1.4\n'));
    assert.equal(pdfAsImg.statusCode, 400);
    const png = await upload(staff, `/admin/interview/${id}`, `/admin/interview/${id}/image`, '预告图.png', pngBytes());
    assert.equal(png.statusCode, 303, png.body.slice(0, 300));
    assert.equal((await new Browser(t.app).get(`${PUB}/${id}`)).statusCode, 404, 'a draft is not public');
    assert.equal((await staff.post(`/admin/interview/${id}/announce`, {}, { from: `/admin/interview/${id}` })).statusCode, 303);
    const page = (await new Browser(t.app).get(`${PUB}/${id}`)).body;
    const src = /<img[^>]* src="((?:\/shifanxian)?\/files\/[^"]+)"/.exec(page)?.[1];
    assert.ok(src, 'the public page shows the image');
    assert.equal((await new Browser(t.app).get(src!.replace(/&amp;/g, '&'))).statusCode, 200, 'and anyone may load it');
  });

  it('a citizen asks before the interview; hostile input is refused, nothing executes, a double submit makes one question', async () => {
    const b = new Browser(t.app, '192.0.2.80');
    const url = `${PUB}/${id}`;
    const list = seen((await b.get(PUB)).body);
    assert.ok(list.includes('聊聊县城养老服务') && list.includes('李四'));
    const first = await b.get(url);
    const key = /name="submitKey" value="([^"]+)"/.exec(first.body)![1]!;
    const r = await b.post(`${url}/ask`, { body: '养老服务补贴怎么申请？', name: '张三', phone: '13800000001', submitKey: key }, { from: url });
    assert.equal(r.statusCode, 200);
    const c1 = codeOf(r.body)!;
    assert.ok(c1);
    const again = await b.post(`${url}/ask`, { body: '养老服务补贴怎么申请？', name: '张三', phone: '13800000001', submitKey: key }, { from: url });
    assert.equal(codeOf(again.body), c1, 'the same form twice is one question');
    const r2 = await b.post(`${url}/ask`, { body: '高龄津贴每月多少？', phone: '0755-12345678' }, { from: url });
    const r3 = await b.post(`${url}/ask`, { body: "<script>alert('x')</script>'; DROP TABLE iv_questions; --", phone: '13800000003' }, { from: url });
    assert.equal(r2.statusCode, 200);
    assert.equal(r3.statusCode, 200);
    const cases: Record<string, string>[] = [
      { body: 'x'.repeat(1001), phone: '13800000000' }, { body: 'x'.repeat(200_000), phone: '13800000000' }, { body: '问\u0000题', phone: '13800000000' },
      { body: '没有电话' }, { body: '电话不对', phone: "1' OR '1'='1" }, { body: '机器人', phone: '13800000000', homepage: 'http://spam.example' }, { body: '', phone: '13800000000' },
    ];
    for (const f of cases) {
      const res = await b.post(`${url}/ask`, f, { from: url });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode} for ${JSON.stringify(f).slice(0, 60)}`);
      assert.match(res.body, /role="alert"[^>]*>[\s\S]{0,200}?[\u4e00-\u9fff]/, 'refused in Chinese');
      assert.ok(!RAW_SCRIPT.test(res.body));
    }
    const noPhone = await b.post(`${url}/ask`, { body: '没有电话' }, { from: url });
    assert.match(noPhone.body, /id="q-phone-error"[^>]*>请填写联系电话/);
    assert.ok(noPhone.body.includes('没有电话'), 'what was typed is kept');
    const raw = await t.app.inject({ method: 'POST', url: `${url}/ask`, payload: 'body=%C3%28&phone=13800000000', remoteAddress: '192.0.2.80', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(b), accept: 'text/html' } });
    assert.ok(raw.statusCode < 500, String(raw.statusCode));
    const wrongType = await t.app.inject({ method: 'POST', url: `${url}/ask`, payload: JSON.stringify({ body: ['a', 'b'], phone: 1 }), headers: { 'content-type': 'application/json', cookie: cookiesOf(b), accept: 'text/html' } });
    assert.ok(wrongType.statusCode < 500, String(wrongType.statusCode));
    const forged = await b.post(`${url}/ask`, { body: '伪造', phone: '13800000000' }, { csrf: null });
    assert.ok(forged.statusCode === 403 || forged.statusCode === 400, String(forged.statusCode));
    const qs = await t.database.db.select().from(ivQuestions).where(eq(ivQuestions.interviewId, id));
    assert.equal(qs.length, 3, 'only the three accepted questions are stored');
    for (const u of [`${PUB}/abc`, `${PUB}/99999999`, `${PUB}/1%00`, `/fangtan/${id}`]) assert.ok((await b.get(u)).statusCode < 500, u);
    const st = await b.post(`${PUB}/status`, { code: c1.toLowerCase() }, { from: `${PUB}/status` });
    assert.equal(st.statusCode, 200);
    assert.match(st.body, /已收到，等待审核/);
    const badCode = await b.post(`${PUB}/status`, { code: "<script>alert(1)</script>' OR 1=1" }, { from: `${PUB}/status` });
    assert.equal(badCode.statusCode, 404);
    assert.ok(!RAW_SCRIPT.test(badCode.body) && /没有找到/.test(badCode.body));
    const longCode = await b.post(`${PUB}/status`, { code: 'F'.repeat(5000) }, { from: `${PUB}/status` });
    assert.ok(longCode.statusCode >= 400 && longCode.statusCode < 500);
  });

  it('staff publish and answer live, reject with a reason; at the end the unanswered question becomes a message with its LY- code', async () => {
    const admin = `/admin/interview/${id}`;
    const page = seen((await staff.get(admin)).body);
    assert.ok(!RAW_SCRIPT.test(page), 'the staff page escapes the question');
    assert.ok(!page.includes('13800000001') && !page.includes('张三'), 'the asker is not shown even to staff');
    const qs = (await t.database.db.select().from(ivQuestions).where(eq(ivQuestions.interviewId, id))).sort((a, b) => a.id - b.id);
    const [q1, q2, q3] = qs;
    const noReason = await staff.post(`${admin}/questions/${q3!.id}/reject`, { reason: '' }, { from: admin });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, new RegExp(`id="rj-${q3!.id}-error"[^>]*>请填写不采用的理由`));
    assert.equal((await staff.post(`${admin}/questions/${q3!.id}/reject`, { reason: 'x'.repeat(600) }, { from: admin })).statusCode, 400);
    assert.equal((await staff.post(`${admin}/questions/${q3!.id}/reject`, { reason: '与本次访谈主题无关。' }, { from: admin })).statusCode, 303);
    for (const q of [q1!, q2!]) assert.equal((await staff.post(`${admin}/questions/${q.id}/approve`, {}, { from: admin })).statusCode, 303);
    assert.equal((await staff.post(`${admin}/questions/999999/approve`, {}, { from: admin })).statusCode, 400);
    assert.equal((await staff.post(`${admin}/live`, {}, { from: admin })).statusCode, 303);
    const empty = await staff.post(`${admin}/questions/${q1!.id}/answer`, { answer: '  ' }, { from: admin });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /答复内容必填/);
    assert.equal((await staff.post(`${admin}/questions/${q1!.id}/answer`, { answer: '可到乡镇便民服务中心申请。<script>alert(2)</script>' }, { from: admin })).statusCode, 303);
    const twice = await staff.post(`${admin}/questions/${q1!.id}/answer`, { answer: '第二次' }, { from: admin });
    assert.equal(twice.statusCode, 409, 'a double submit of the answer is refused, the first kept');
    const ended = await staff.post(`${admin}/end`, {}, { from: admin });
    assert.equal(ended.statusCode, 303);
    const [t2] = await t.database.db.select().from(ivQuestions).where(eq(ivQuestions.id, q2!.id));
    assert.equal(t2!.state, 'transferred');
    assert.match(t2!.messageCode!, /^LY-[A-Z0-9]{10}$/);
    const m = await messageStatus(t.database.db, t2!.messageCode!, t2!.messageCheckKey!);
    assert.equal(m.body, '高龄津贴每月多少？');
    const afterEnd = seen((await staff.get(admin)).body);
    assert.ok(afterEnd.includes(t2!.messageCode!), 'the staff page shows the LY- code');
    // The asker finds the message's code and check key under the FT- code (posted, never in a URL).
    const b = new Browser(t.app, '192.0.2.81');
    const st = await b.post(`${PUB}/status`, { code: t2!.code }, { from: `${PUB}/status` });
    assert.match(st.body, /已转为留言办理/);
    assert.ok(st.body.includes(t2!.messageCode!) && st.body.includes(t2!.messageCheckKey!));
    assert.match(st.body, /留言查询码[\s\S]*留言查询密钥/, 'named as the messages page names them');
    // The link to the messages status page, on the county's site even when the FT- code is looked up on the city's.
    const onRoot = await b.post('/fangtan/status', { code: t2!.code }, { from: '/fangtan/status' });
    for (const body of [st.body, onRoot.body]) {
      const href = /<a class="button" href="([^"]+)">查询留言办理情况<\/a>/.exec(body)?.[1];
      assert.ok(href, 'the status page links to the messages status page');
      const path = href.replace(/^https?:\/\/[^/]+/, '');
      assert.equal(path, '/shifanxian/liuyan/status');
      const ly = await b.get(path);
      assert.equal(ly.statusCode, 200);
      const checked = await b.post(path, { code: t2!.messageCode!, checkKey: t2!.messageCheckKey! }, { from: path });
      assert.equal(checked.statusCode, 200);
      assert.ok(checked.body.includes(t2!.messageCode!) && /在线访谈“[^”]+”网友提问/.test(checked.body), 'the code and key shown open the message');
    }
    const rej = await b.post(`${PUB}/status`, { code: q3!.code }, { from: `${PUB}/status` });
    assert.match(rej.body, /未采用[\s\S]*与本次访谈主题无关。/);
    assert.ok(!RAW_SCRIPT.test(rej.body));
  });

  it('the transcript with an image is published; the public page shows answers, the LY- code and the images, and no personal data', async () => {
    const admin = `/admin/interview/${id}`;
    const bad = await upload(staff, admin, `${admin}/images`, 'x.jpg', Buffer.from('not an image at all'));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /id="tx-image-error"[^>]*>只能上传 JPG 或 PNG/);
    const png = Buffer.concat([pngBytes(), Buffer.from([0])]); // other bytes than the announcement image
    assert.equal((await upload(staff, admin, `${admin}/images`, '访谈现场.png', png)).statusCode, 303);
    const tooLong = await staff.post(`${admin}/transcript`, { transcript: 'x'.repeat(500_000), action: 'publish' }, { from: admin });
    assert.equal(tooLong.statusCode, 400);
    const script = await staff.post(`${admin}/transcript`, { transcript: '', action: 'publish' }, { from: admin });
    assert.equal(script.statusCode, 400);
    assert.match(script.body, /id="tx-text-error"[^>]*>请填写访谈实录/);
    assert.equal((await staff.post(`${admin}/transcript`, { transcript: '主持人：各位网友好。\n李四：<script>alert(3)</script>大家好。', action: 'publish' }, { from: admin })).statusCode, 303);
    const b = new Browser(t.app);
    const page = seen((await b.get(`${PUB}/${id}`)).body);
    assert.match(page, /访谈中答复的问题（1）[\s\S]*养老服务补贴怎么申请？[\s\S]*可到乡镇便民服务中心申请。/);
    assert.match(page, /转为留言办理的问题（1）[\s\S]*高龄津贴每月多少？[\s\S]*LY-[A-Z0-9]{10}/);
    assert.match(page, /访谈实录[\s\S]*主持人：各位网友好。/);
    const imgs = [...page.matchAll(/<img[^>]* src="((?:\/shifanxian)?\/files\/[^"]+)"/g)].map((x) => x[1]!.replace(/&amp;/g, '&'));
    assert.equal(imgs.length, 2, 'the announcement image and the transcript image');
    for (const src of imgs) assert.equal((await b.get(src)).statusCode, 200);
    assert.ok(!page.includes('与本次访谈主题无关') && !page.includes("DROP TABLE"), 'a rejected question is not public');
    // Answered afterwards: a question published after the end is a 会后答复.
    for (const u of [PUB, `${PUB}/${id}`, `${PUB}/status`]) {
      const body = seen((await b.get(u)).body);
      for (const secretText of ['13800000001', '0755-12345678', '13800000003', '张三']) assert.ok(!body.includes(secretText), `${secretText} on ${u}`);
    }
    const asking = await b.post(`${PUB}/${id}/ask`, { body: '结束后还能问吗', phone: '13800000000' }, { from: `${PUB}/status` });
    assert.equal(asking.statusCode, 409);
    for (const body of pagesSeen) assert.ok(!RAW_SCRIPT.test(body), 'no raw script on any page');
  });

  it('示范南县 staff cannot see or act on 示范县\'s interview, nor its public page from their site', async () => {
    const nx = new Browser(t.app);
    await nx.login('nx-office');
    const admin = `/admin/interview/${id}`;
    assert.equal((await nx.get(admin)).statusCode, 404);
    assert.equal((await nx.get(`${admin}/edit`)).statusCode, 404);
    assert.ok(!(await nx.get('/admin/interview')).body.includes('聊聊县城养老服务'));
    const token = /name="_csrf" value="([^"]+)"/.exec((await nx.get('/admin/interview')).body)![1]!;
    const [q] = await t.database.db.select().from(ivQuestions).where(eq(ivQuestions.interviewId, id));
    for (const [path, f] of [['/edit', form({ topic: '被改了' })], ['/transfer', {}], ['/transcript', { transcript: '被改了', action: 'publish' }], [`/questions/${q!.id}/approve`, {}], [`/questions/${q!.id}/answer`, { answer: '被改了' }]] as const) {
      const r = await nx.post(`${admin}${path}`, f as Record<string, string>, { csrf: token });
      assert.equal(r.statusCode, 404, `${path}: ${r.statusCode}`);
    }
    const [iv] = await t.database.db.select().from(ivInterviews).where(eq(ivInterviews.id, id));
    assert.equal(iv!.topic, '聊聊县城养老服务');
    assert.ok(!iv!.transcript.includes('被改了'));
    assert.equal((await new Browser(t.app).get(`/nanxian/fangtan/${id}`)).statusCode, 404);
  });

  it('a question with a sensitive word is held for review and the asker is told so, never dropped', async () => {
    const actors = await demoActors(t.database.db, ['office']);
    const office = { db: t.database.db, actor: actors.get('office')! };
    await updateSettings(office, { majorDecisionDays: '30', ruleDays: '30', normativeWorkdays: '7', maxCommentChars: '5000', perContactPerDay: '10', perAddressPerDay: '30', sensitiveWords: '违禁词' });
    const other = await createInterview(office, { topic: '聊聊义务教育招生', guests: [{ name: '赵六', title: '局长', agency: '县教育局' }], startsAt: new Date(Date.now() + 86_400_000) });
    await setInterviewState(office, other, 'announced');
    const b = new Browser(t.app, '192.0.2.82');
    const r = await b.post(`${PUB}/${other}/ask`, { body: '这里有违禁词吗', phone: '13800000009' }, { from: `${PUB}/${other}` });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /需要人工复核[\s\S]*不会被丢弃/);
    assert.ok(codeOf(r.body));
    const page = (await staff.get(`/admin/interview/${other}`)).body;
    assert.match(page, /这里有违禁词吗[\s\S]*含敏感词，待复核/);
    assert.ok(!(await b.get(`${PUB}/${other}`)).body.includes('这里有违禁词吗'), 'not public before review');
  });
});
