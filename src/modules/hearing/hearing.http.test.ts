import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { createConsultation, publishConsultation, runSchedule, localDateTime } from '../participation/consultations.js';
import { decideOpinion } from '../participation/opinions.js';
import { reportOf, reviewReport, submitReport } from '../participation/report.js';
import { announceMeeting, createMeeting } from './meetings.js';
import { publishList, registrationsOf } from './registrations.js';
import { addMeetingOpinion, publishMinutes, recordMinutes } from './records.js';

const DRAFT = `某某办法（征求意见稿）\n第一条 为了规范某项工作，制定本办法。\n第二条 本办法适用于本县。\n第三条 申请人应当提交书面申请。`;
const DAY = 86_400_000;

async function refused(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e) => e instanceof AppError && e.code === code);
}

describe('hearing: registration to capacity, participant list, minutes, opinion in the feedback report', () => {
  let t: TestApp;
  let as: (u: string) => Ctx;
  let consultation = 0;
  let meeting = 0;
  let roomy = 0;
  before(async () => {
    t = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '1000', PUBLIC_CACHE_TTL: '0' });
    const actors = await demoActors(t.database.db, ['minzheng', 'office', 'jiaoyu']);
    as = (u) => ({ db: t.database.db, actor: actors.get(u)! });
    const now = Date.now();
    consultation = await createConsultation(as('minzheng'), { title: '关于某某办法公开征求意见', kind: 'other', draftText: DRAFT, methods: ['online', 'hearing'], startsAt: localDateTime(new Date(now - DAY)), endsAt: localDateTime(new Date(now + 30 * DAY)) });
    await publishConsultation(as('minzheng'), consultation);
    meeting = await createMeeting(as('minzheng'), consultation, {
      kind: 'hearing', title: '某某办法听证会', startsAt: localDateTime(new Date(now + 10 * DAY)), place: '县政府第一会议室', announcement: '定于近期举行听证会。',
      rule: 'first_come', regOpensAt: localDateTime(new Date(now - DAY)), regClosesAt: localDateTime(new Date(now + 5 * DAY)), capacity: '2', categories: ['affected', 'public'],
    });
    await announceMeeting(as('minzheng'), meeting);
    roomy = await createMeeting(as('minzheng'), consultation, {
      kind: 'symposium', title: '某某办法座谈会', startsAt: localDateTime(new Date(now + 10 * DAY)), place: '县政府第二会议室', announcement: '定于近期举行座谈会。',
      rule: 'category', ruleText: '按类别遴选。', seats: '5', regOpensAt: localDateTime(new Date(now - DAY)), regClosesAt: localDateTime(new Date(now + 5 * DAY)), capacity: '50', categories: ['expert', 'public'],
    });
    await announceMeeting(as('minzheng'), roomy);
  });
  after(async () => t?.close());

  it('is linked from its consultation\'s public page, with its kind and time; a draft meeting is not', async () => {
    const page = (await new Browser(t.app).get(`/zhengqiu/${consultation}`)).body;
    assert.match(page, /<h2[^>]*>听证会 · 座谈会<\/h2>/);
    assert.ok(page.includes(`href="/tingzheng/${meeting}"`) && page.includes(`href="/tingzheng/${roomy}"`));
    assert.match(page, /某某办法听证会<\/a>（听证会 · \d{4}\/\d{2}\/\d{2}/);
    const draft = await createMeeting(as('minzheng'), consultation, {
      kind: 'symposium', title: '尚未发布的座谈会', startsAt: localDateTime(new Date(Date.now() + 12 * DAY)), place: '县政府第三会议室', announcement: '草稿。',
      rule: 'first_come', regOpensAt: localDateTime(new Date(Date.now() - DAY)), regClosesAt: localDateTime(new Date(Date.now() + 5 * DAY)), capacity: '5', categories: ['public'],
    });
    const after = (await new Browser(t.app).get(`/zhengqiu/${consultation}`)).body;
    assert.ok(!after.includes('尚未发布的座谈会') && !after.includes(`/tingzheng/${draft}"`));
  });

  it('fills to capacity, refuses the next, publishes a list without phones, records minutes, and the opinion reaches the feedback report', async () => {
    const b = new Browser(t.app, '192.0.2.50');
    const url = `/tingzheng/${meeting}`;
    const r1 = await b.post(`${url}/register`, { name: '张三', phone: '13800000001', category: 'affected', reason: '本人是救助对象', submitKey: 'key-one-12345' }, { from: url });
    assert.equal(r1.statusCode, 200);
    assert.match(r1.body, /TZ-[A-Z0-9]{12}/);
    // Double submit: the same code again, nothing added.
    const again = await b.post(`${url}/register`, { name: '张三', phone: '13800000001', category: 'affected', submitKey: 'key-one-12345' }, { from: url });
    assert.equal(/TZ-[A-Z0-9]{12}/.exec(again.body)?.[0], /TZ-[A-Z0-9]{12}/.exec(r1.body)?.[0]);
    // The receipt links to the status form without the code; the code is posted, never in a URL.
    assert.ok(!r1.body.includes('status?code='));
    const code = /TZ-[A-Z0-9]{12}/.exec(r1.body)![0];
    const status = await b.post('/tingzheng/status', { code }, { from: '/tingzheng/status' });
    assert.equal(status.statusCode, 200);
    assert.match(status.body, /报名状态/);
    assert.ok(status.body.includes('某某办法听证会'));
    const unknown = await b.post('/tingzheng/status', { code: "TZ-' OR 1=1 --" }, { from: '/tingzheng/status' });
    assert.ok(unknown.statusCode >= 400 && unknown.statusCode < 500 && !unknown.body.includes('某某办法听证会'));
    const tokenOf = /name="_csrf" value="([^"]+)"/.exec((await b.get(url)).body)?.[1];
    const r2 = await b.post(`${url}/register`, { name: '李四', phone: '13800000002', category: 'public' }, { from: url });
    assert.equal(r2.statusCode, 200);
    const token = /name="_csrf" value="([^"]+)"/.exec(r2.body)?.[1] ?? /name="_csrf" value="([^"]+)"/.exec(r1.body)?.[1];
    const r3 = await b.post(`${url}/register`, { name: '王五', phone: '13800000003', category: 'public' }, { csrf: tokenOf ?? token ?? null });
    assert.equal(r3.statusCode, 409);
    assert.match(r3.body, /报名人数已满/);
    assert.equal((await registrationsOf(t.database.db, meeting)).length, 2);
    assert.match((await b.get(url)).body, /报名人数已满/);

    await publishList(as('minzheng'), meeting);
    const page = (await b.get(url)).body;
    assert.ok(page.includes('张三') && page.includes('李四') && page.includes('利害关系人代表'));
    assert.ok(!page.includes('13800000001') && !page.includes('13800000002'), 'no phone on the public page');

    const held = new Date(Date.now() + 11 * DAY);
    await recordMinutes(as('minzheng'), meeting, '主持人宣布听证会开始。张三发言……', null, held);
    await publishMinutes(as('minzheng'), meeting, held);
    assert.match((await b.get(url)).body, /主持人宣布听证会开始/);
    const op = await addMeetingOpinion(as('minzheng'), meeting, { category: 'affected', article: '3', body: '建议允许网上提交申请。' }, held);

    await runSchedule(t.database.db, new Date(Date.now() + 31 * DAY));
    await decideOpinion(as('minzheng'), op, { disposition: 'adopted' });
    await submitReport(as('minzheng'), consultation, '');
    await reviewReport(as('office'), consultation, 'publish');
    const rep = (await reportOf(t.database.db, consultation))!.content;
    assert.equal(rep.counts.hearing.adopted, 1);
    assert.ok(rep.rows.some((r) => r.text === '建议允许网上提交申请。' && r.methods.includes('hearing') && r.article === '第三条'));
  });

  it('takes hostile input without a 5xx or executing anything, and keeps out another agency', async () => {
    const b = new Browser(t.app, '192.0.2.60');
    const url = `/tingzheng/${roomy}`;
    for (const form of [
      { name: '<script>alert(1)</script>', phone: '13800000009', category: 'public' },
      { name: "x'; drop table hear_registrations; --", phone: "1' or '1'='1", category: 'public' },
      { name: 'a'.repeat(300_000), phone: '1', category: 'public' },
      { name: '\udc80\ud800', phone: '138', category: 'nonsense' },
    ]) {
      const r = await b.post(`${url}/register`, form, { from: url });
      assert.ok(r.statusCode < 500 && r.statusCode !== 403, `no 5xx, the form was taken (${r.statusCode})`);
      assert.ok(!r.body.includes('<script>alert(1)</script>'));
    }
    const raw = await t.app.inject({ method: 'POST', url: `${url}/register`, payload: Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xff, 0xfe]), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.ok(raw.statusCode < 500);
    // The script and SQL names are stored as typed (escaped on every page); the bad ones refused with a reason.
    const regs = await registrationsOf(t.database.db, roomy);
    assert.ok(regs.some((r) => r.name === '<script>alert(1)</script>'), 'script text kept as text');
    assert.ok(regs.length <= 2);
    const staffPage = new Browser(t.app);
    await staffPage.login('minzheng');
    const sp = (await staffPage.get(`/admin/hearing/${roomy}`)).body;
    assert.ok(!sp.includes('<script>alert(1)</script>') && sp.includes('&lt;script&gt;'), 'escaped on the staff page');
    await refused(publishList(as('jiaoyu'), meeting), 'not_found');
    const staff = new Browser(t.app);
    await staff.login('jiaoyu');
    assert.equal((await staff.get(`/admin/hearing/${meeting}`)).statusCode, 404);
  });

  it('cancels an announced meeting with a public reason: registration stops, registrations are kept, another agency cannot', async () => {
    const now = Date.now();
    const id = await createMeeting(as('minzheng'), consultation, {
      kind: 'symposium', title: '将要取消的座谈会', startsAt: localDateTime(new Date(now + 15 * DAY)), place: '县政府第四会议室', announcement: '公告。',
      rule: 'first_come', regOpensAt: localDateTime(new Date(now - DAY)), regClosesAt: localDateTime(new Date(now + 5 * DAY)), capacity: '5', categories: ['public'],
    });
    await announceMeeting(as('minzheng'), id);
    const url = `/tingzheng/${id}`;
    const citizen = new Browser(t.app, '192.0.2.77');
    assert.equal((await citizen.post(`${url}/register`, { name: '赵六', phone: '13800000077', category: 'public', submitKey: 'cancel-key-1234' }, { from: url })).statusCode, 200);
    // Someone with the form open while staff cancel it.
    const lateComer = new Browser(t.app, '192.0.2.78');
    const lateToken = /name="_csrf" value="([^"]+)"/.exec((await lateComer.get(url)).body)![1]!;
    const staff = new Browser(t.app);
    await staff.login('minzheng');
    const from = { from: `/admin/hearing/${id}` };
    const empty = await staff.post(`/admin/hearing/${id}/cancel`, { cancelReason: '  ' }, from);
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /请填写取消原因/);
    assert.match(empty.body, /<details class="cancel-meeting" open/, 'the refused form is shown open');
    const other = new Browser(t.app);
    await other.login('jiaoyu');
    assert.equal((await other.post(`/admin/hearing/${id}/cancel`, { cancelReason: '越权' }, from)).statusCode, 404);
    assert.equal((await staff.post(`/admin/hearing/${id}/cancel`, { cancelReason: '草案需要重大修改，座谈会改期另行公告。<script>alert(1)</script>' }, from)).statusCode, 303);
    const page = (await new Browser(t.app).get(url)).body;
    assert.match(page, /已取消/);
    assert.ok(page.includes('草案需要重大修改，座谈会改期另行公告。&lt;script&gt;'), 'the reason, escaped');
    const late = await lateComer.post(`${url}/register`, { name: '钱七', phone: '13800000078', category: 'public', submitKey: 'cancel-key-5678' }, { csrf: lateToken });
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /该会议已取消/);
    assert.equal((await registrationsOf(t.database.db, id)).length, 1, 'the registration before it is kept');
    assert.equal((await staff.post(`/admin/hearing/${id}/cancel`, { cancelReason: '再次取消' }, from)).statusCode, 409);
    assert.match((await new Browser(t.app).get(`/zhengqiu/${consultation}`)).body, /将要取消的座谈会<\/a>（座谈会 · [^）]*已取消）/);
  });
});
