import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Ctx } from '../../core/context.js';
import { addOpinion, announceEvent, answerOpinion, assignOpinion, cancelEvent, createEvent, publishList, setSelection, registrationsOf } from './events.js';
import { odRegistrations, odSessions } from './schema.js';

const DAY = 86_400_000;
const code = (body: string) => /class="code">(KF-[A-Z0-9]+)</.exec(body)?.[1];
const secret = (body: string) => [...body.matchAll(/class="code">([A-Z0-9]{10})</g)][0]?.[1];

describe('open days: public pages', () => {
  let t: TestApp;
  let as: (u: string) => Ctx;
  let open = 0, session = 0, full = 0;
  const now = Date.now();
  const ev = async (theme: string, capacity: number, extra: Partial<Parameters<typeof createEvent>[1]> = {}) => {
    const id = await createEvent(as('office'), { theme, mode: 'first_come', eligibility: '本县居民', description: '参观政务服务中心。', regOpensAt: new Date(now - DAY), regClosesAt: new Date(now + 5 * DAY), sessions: [{ startsAt: new Date(now + 10 * DAY), place: '县政务服务中心', capacity }, { startsAt: new Date(now + 11 * DAY), place: '县政务服务中心二楼', capacity }], ...extra });
    await announceEvent(as('office'), id);
    const ss = await t.database.db.select().from(odSessions).where(eq(odSessions.eventId, id));
    return { id, session: ss.sort((a, b) => a.id - b.id)[0]!.id };
  };

  before(async () => {
    t = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '1000', PUBLIC_CACHE_TTL: '0' });
    const actors = await demoActors(t.database.db, ['office']);
    as = (u) => ({ db: t.database.db, actor: actors.get(u)! });
    ({ id: open, session } = await ev('走进县政务服务中心', 1));
    full = open;
    await createEvent(as('office'), { theme: '尚未发布的开放日', mode: 'first_come', regOpensAt: new Date(now - DAY), regClosesAt: new Date(now + DAY), sessions: [{ startsAt: new Date(now + 3 * DAY), place: '某地', capacity: 5 }] });
  });
  after(async () => t?.close());

  it('lists announced events, not drafts, and shows sessions with places left', async () => {
    const b = new Browser(t.app, '192.0.2.70');
    const list = await b.get('/kaifangri');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes('走进县政务服务中心') && !list.body.includes('尚未发布的开放日'));
    const page = await b.get(`/kaifangri/${open}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /参加对象<\/dt><dd>本县居民/);
    assert.ok(page.body.includes(`/kaifangri/${open}/baoming/${session}`));
  });

  it('registers, shows the code and key once, checks the status by POST and cancels', async () => {
    const b = new Browser(t.app, '192.0.2.71');
    const url = `/kaifangri/${open}/baoming/${session}`;
    const form = await b.get(url);
    const key = /name="submitKey" value="([^"]+)"/.exec(form.body)![1]!;
    const r = await b.post(url, { name: '张三丰', phone: '13800001111', idNumber: '110101199003070038', submitKey: key }, { from: url });
    assert.equal(r.statusCode, 200, r.body.slice(0, 500));
    const c = code(r.body)!, s = secret(r.body)!;
    assert.ok(c && s, 'code and key shown');
    assert.match(r.body, /报名成功，已获得名额/);
    assert.ok(!r.body.includes('13800001111') && !r.body.includes('110101199003070038'));
    // Double submit: refused with the first code, nothing new stored.
    const again = await b.post(url, { name: '张三丰', phone: '13800001111', idNumber: '110101199003070038', submitKey: key }, { from: url });
    assert.equal(again.statusCode, 409);
    assert.ok(again.body.includes(c));
    assert.equal((await t.database.db.select().from(odRegistrations).where(eq(odRegistrations.eventId, open))).length, 1);
    // The session is now full: places left 0.
    assert.match((await b.get(`/kaifangri/${open}`)).body, /已满（可报名候补）/);
    // Status by POST (never in the URL); wrong key refuses cancellation.
    const st = await b.post('/kaifangri/status', { code: c.toLowerCase(), action: 'show' }, { from: '/kaifangri/status' });
    assert.equal(st.statusCode, 200);
    assert.match(st.body, /报名成功，已获得名额/);
    assert.match(st.body, /1101\*+0038/);
    assert.ok(!st.body.includes('张三丰') && !st.body.includes('13800001111'));
    const noKey = await b.post('/kaifangri/status', { code: c, action: 'cancel' }, { from: '/kaifangri/status' });
    assert.equal(noKey.statusCode, 400);
    assert.match(noKey.body, /取消报名须填写取消密钥/);
    const wrong = await b.post('/kaifangri/status', { code: c, secret: 'WRONGWRONG', action: 'cancel' }, { from: '/kaifangri/status' });
    assert.equal(wrong.statusCode, 404);
    const ok = await b.post('/kaifangri/status', { code: c, secret: s, action: 'cancel' }, { from: '/kaifangri/status' });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /已取消报名/);
    assert.match(ok.body, /<dd>已取消报名<\/dd>/);
    // Without the CSRF token: refused.
    const forged = await b.post('/kaifangri/status', { code: c, secret: s, action: 'cancel' }, { csrf: null });
    assert.ok(forged.statusCode === 403 || forged.statusCode === 400, String(forged.statusCode));
  });

  it('keeps typed text with the message beside the field; hostile input: no 5xx, nothing executes, nothing stored', async () => {
    const b = new Browser(t.app, '192.0.2.72');
    const e = await ev('走进县应急管理局', 5);
    const url = `/kaifangri/${e.id}/baoming/${e.session}`;
    const bad = await b.post(url, { name: '<script>alert(1)</script>', phone: "1' OR '1'='1", idNumber: '123' }, { from: url });
    assert.equal(bad.statusCode, 400);
    assert.ok(!bad.body.includes('<script>alert(1)</script>') && bad.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'escaped, kept');
    assert.match(bad.body, /id="r-phone-error"[^>]*>[^<]*联系电话格式不正确/);
    assert.match(bad.body, /id="r-id-error"[^>]*>[^<]*身份证号码应为 18 位/);
    const cases: Record<string, string>[] = [
      { name: 'x'.repeat(200_000), phone: '13800000000', idNumber: '110101199003070011' },
      { name: '李\u0000四', phone: '13800000000', idNumber: '110101199003070011' },
      { name: "'); DROP TABLE od_registrations; --", phone: '13800000000', idNumber: "1' OR 1=1 --" },
      { name: '王五', phone: '13800000000', idNumber: '110101199003070011', homepage: 'http://spam.example' },
    ];
    for (const f of cases) {
      const r = await b.post(url, f, { from: url });
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${r.statusCode} for ${JSON.stringify(f).slice(0, 60)}`);
    }
    const raw = await t.app.inject({ method: 'POST', url, payload: Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xff, 0xfe, 0x00]), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.ok(raw.statusCode < 500, String(raw.statusCode));
    for (const u of ['/kaifangri/abc', '/kaifangri/99999999', `/kaifangri/${e.id}/baoming/999999`, '/kaifangri/1%00']) assert.ok((await b.get(u)).statusCode < 500, u);
    const st = await b.post('/kaifangri/status', { code: "<script>x</script>' OR 1=1", action: 'show' }, { from: '/kaifangri/status' });
    assert.equal(st.statusCode, 404);
    assert.ok(!st.body.includes('<script>x</script>'));
    assert.equal((await t.database.db.select().from(odRegistrations).where(eq(odRegistrations.eventId, e.id))).length, 0);
  });

  it('a cancelled event shows its reason; a published list shows masked names only; the 回顾 shows answered opinions', async () => {
    const b = new Browser(t.app, '192.0.2.73');
    const e = await ev('走进县市场监管局', 5, { mode: 'selection' });
    const url = `/kaifangri/${e.id}/baoming/${e.session}`;
    const r = await b.post(url, { name: '欧阳娜娜', phone: '13900002222', idNumber: '11010119900307002X' }, { from: url });
    assert.equal(r.statusCode, 200);
    const regs = await registrationsOf(as('office'), e.id);
    await setSelection(as('office'), e.id, regs.map((x) => x.id), true);
    await publishList(as('office'), e.id);
    const o = await addOpinion(as('office'), e.id, '建议增加周末场次。');
    await assignOpinion(as('office'), o, as('office').actor!.placement.govId);
    await answerOpinion(as('office'), o, '下次活动将安排周六场次。');
    const page = (await b.get(`/kaifangri/${e.id}`)).body;
    assert.match(page, /<td>欧\*\*\*<\/td>/);
    assert.match(page, /建议增加周末场次。[\s\S]*下次活动将安排周六场次。/);
    await cancelEvent(as('office'), e.id, '场馆维修，活动延期举办。');
    const cancelled = (await b.get(`/kaifangri/${e.id}`)).body;
    assert.match(cancelled, /本次活动已取消[^<]*原因：场馆维修，活动延期举办。/);
    assert.ok(!cancelled.includes(url), 'no registration link after cancellation');
    // No name, phone or ID on any public page.
    for (const u of ['/kaifangri', `/kaifangri/${e.id}`, `/kaifangri/${full}`, '/kaifangri/status']) {
      const body = (await b.get(u)).body;
      for (const secretText of ['欧阳娜娜', '13900002222', '11010119900307002X', '13800001111', '110101199003070038', '张三丰']) assert.ok(!body.includes(secretText), `${secretText} on ${u}`);
    }
  });
});
