import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { htmlBytes, pngBytes } from '../../core/files/fixtures.js';
import { listAgencies } from '../org/service.js';
import { todayInShanghai } from '../../core/calendar/dates.js';
import { foiApplications } from './schema.js';
import { caseDetail } from './queries.js';
import { demoActors } from '../../test/actors.js';
import { confirmReceipt, submitApplication, type FoiCtx } from './intake.js';
import { requestSupplement, recordSupplement } from './handling.js';
import { addDays } from '../../core/calendar/dates.js';

const DUE = addDays(todayInShanghai(), 30);

const cookiesOf = (b: Browser) => (b as unknown as { cookieHeader(): string }).cookieHeader();

describe('补正 online from the follow-up page', () => {
  let t: TestApp;
  let town = 0;
  let ctx: (username: string | null) => FoiCtx;

  before(async () => {
    t = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '100' });
    town = (await listAgencies(t.database.db)).find((a) => a.name === '城关镇')!.id;
    const actors = await demoActors(t.database.db, ['chengguan']);
    ctx = (u) => ({ db: t.database.db, actor: u ? actors.get(u)! : null, key: t.config.foiDataKey, countStartDay: t.config.deadlineCountStartDay });
  });
  after(async () => t.close());

  /** An online application, confirmed and asked for a 补正 by 城关镇's clerk; returns code, secret and id. */
  async function awaitingSupplement(content: string) {
    const s = await submitApplication(ctx(null), { agencyId: town, applicantType: 'natural', name: '王五', idType: '居民身份证', idNumber: '11010519491231002X', phone: '13900139001', content, form: 'electronic', delivery: 'online' });
    const [row] = await t.database.db.select().from(foiApplications).where(eq(foiApplications.code, s.code));
    await confirmReceipt(ctx('chengguan'), row!.id);
    await requestSupplement(ctx('chengguan'), row!.id, { items: '请说明所需合同的签订年份和<b>摊位编号</b>。', dueOn: DUE });
    return { code: s.code, secret: s.secret, id: row!.id };
  }

  async function follow(who: Browser, code: string, secret: string) {
    assert.equal((await who.post('/yishenqing/follow', { code, secret })).statusCode, 303);
    return who.get('/yishenqing/progress');
  }

  /** Posts the 补正 form as a browser does: multipart, the page's CSRF token first. */
  async function supply(who: Browser, text: string, files: { name: string; bytes: Buffer }[] = []) {
    const page = await who.get('/yishenqing/progress');
    const token = /action="\/yishenqing\/progress\/supplement"[^>]*><input type="hidden" name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(token, 'the progress page offers the 补正 form');
    const boundary = '----gksupp' + Math.random().toString(16).slice(2);
    const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\n${text}\r\n`)];
    for (const f of files) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.bytes, Buffer.from('\r\n'));
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await t.app.inject({ method: 'POST', url: '/yishenqing/progress/supplement', payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookiesOf(who), accept: 'text/html' } });
    who.keep(res);
    return res;
  }

  it('shows what to supply and by when, takes text and files, and restarts the clock the day it arrives', async () => {
    const { code, secret, id } = await awaitingSupplement('城关镇集贸市场摊位租赁合同（补正测试一）');
    const citizen = new Browser(t.app);
    const page = await follow(citizen, code, secret);
    assert.match(page.body, /补正（待您补正）/);
    assert.ok(page.body.includes('请说明所需合同的签订年份和&lt;b&gt;摊位编号&lt;/b&gt;。'), 'the staff’s text, escaped');
    assert.match(page.body, new RegExp(`请于 <strong>${DUE}</strong> 前补正`));

    const res = await supply(citizen, '2024年签订，摊位编号 A-17。', [{ name: '摊位照片.png', bytes: pngBytes() }]);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/yishenqing/progress?notice=supplied');
    const after = await citizen.get('/yishenqing/progress?notice=supplied');
    assert.match(after.body, /补正已提交/);
    assert.match(after.body, /已于 \d{4}-\d{2}-\d{2} 在线提交补正/);
    assert.ok(!after.body.includes('action="/yishenqing/progress/supplement"'), 'the form is gone once supplied');

    const d = await caseDetail(ctx('chengguan'), id);
    assert.equal(d.row.state, 'in_progress');
    assert.equal(d.clock.startOn, todayInShanghai(), 'the 20 working days run from the day the supplement arrived');
    assert.equal(d.clock.restarted, true);

    // Whoever writes the reply sees the citizen's text and file, on the case and in its log.
    const staff = new Browser(t.app);
    await staff.login('chengguan');
    const casePage = await staff.get(`/admin/foi/${id}`);
    assert.match(casePage.body, /申请人在线提交/);
    assert.ok(casePage.body.includes('2024年签订，摊位编号 A-17。'));
    assert.match(casePage.body, /（补正内容：2024年签订，摊位编号 A-17。）（文件：摊位照片\.png）/);
    const link = /href="(\/admin\/foi\/\d+\/supplement-files\/\d+)">摊位照片\.png/.exec(casePage.body)?.[1];
    assert.ok(link, 'the supplied file is linked for the handler');
    const file = await staff.get(link!);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'image/png');
    assert.ok(file.rawPayload.subarray(0, 8).equals(pngBytes().subarray(0, 8)), 'the PNG, re-encoded (issue 11, item 10)');
    assert.match(String(file.headers['content-disposition']), /^attachment; /);
    assert.equal(file.headers['content-security-policy'], "default-src 'none'; sandbox");
    // Not public, and not for another township's clerk.
    assert.equal((await new Browser(t.app).get(link!)).statusCode === 200, false);
    const other = new Browser(t.app);
    await other.login('hexi');
    assert.equal((await other.get(link!)).statusCode, 404);
  });

  it('refuses an empty, oversize or disguised 补正 in Chinese and leaves the case waiting', async () => {
    const { code, secret, id } = await awaitingSupplement('城关镇集贸市场摊位租赁合同（补正测试二）');
    const citizen = new Browser(t.app);
    await follow(citizen, code, secret);
    const empty = await supply(citizen, '   ');
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /<p class="field-error" id="s-text-error">请填写补正内容或上传补正材料。<\/p>/);
    const long = await supply(citizen, '长'.repeat(2001));
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /补正说明不能超过 2000 个字/);
    const fake = await supply(citizen, '<script>alert(1)</script>', [{ name: '合同.png', bytes: htmlBytes() }]);
    assert.equal(fake.statusCode, 400);
    assert.match(fake.body, /合同\.png/);
    assert.ok(fake.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;') && !fake.body.includes('<script>alert(1)'), 'what was typed comes back escaped, kept in the box');
    const d = await caseDetail(ctx('chengguan'), id);
    assert.equal(d.row.state, 'awaiting_supplement');
    assert.ok(!d.events.some((e) => e.kind === 'supplement_received'));
    // Without the follow-up cookie there is no one to supply for.
    const stranger = new Browser(t.app);
    await stranger.get('/yishenqing/follow');
    const res = await stranger.post('/yishenqing/progress/supplement', { text: '冒充' }, { from: '/yishenqing/follow' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/yishenqing/follow');
  });

  it('keeps a 补正 by letter registered by staff, with the note they typed, and takes no second one online', async () => {
    const { code, secret, id } = await awaitingSupplement('城关镇集贸市场摊位租赁合同（补正测试三）');
    await recordSupplement(ctx('chengguan'), id, { note: '申请人邮寄补正说明一页：2023年合同。' });
    const staff = new Browser(t.app);
    await staff.login('chengguan');
    const casePage = await staff.get(`/admin/foi/${id}`);
    assert.match(casePage.body, /工作人员登记（信函或当面）/);
    assert.match(casePage.body, /（补正内容：申请人邮寄补正说明一页：2023年合同。）/);
    const citizen = new Browser(t.app);
    const page = await follow(citizen, code, secret);
    assert.match(page.body, /向受理机关提交补正/);
    assert.ok(!page.body.includes('申请人邮寄补正说明一页'), 'the staff’s internal note is not shown to the public');
    assert.ok(!page.body.includes('action="/yishenqing/progress/supplement"'));
  });
});
