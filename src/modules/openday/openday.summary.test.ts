import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { auditEvents } from '../../core/audit/schema.js';
import { addOpinion, announceEvent, answerOpinion, assignOpinion, cancelEvent, createEvent, saveSummary } from './events.js';
import { odEvents } from './schema.js';

const DAY = 86_400_000;
/** 示范县's public site under the city's (region demo). */
const P = '/shifanxian';
const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
const noRawScript = (body: string, what: string) => assert.ok(!/<script>alert|<img src=x onerror/i.test(body), `raw script on ${what}`);
/** The text of the 活动回顾 section of a public event page ('' when there is none). */
const summaryOf = (body: string) => /<section aria-labelledby="sum-h">([\s\S]*?)<\/section>/.exec(body)?.[1] ?? '';

describe('open days: the 活动回顾 written and published by staff', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });
  const now = Date.now();
  let staff: Browser;
  let heldId = 0, futureId = 0;
  const eventRow = async (id: number) => (await t.database.db.select().from(odEvents).where(eq(odEvents.id, id)))[0]!;
  const audits = async (id: number) => t.database.db.select().from(auditEvents).where(and(eq(auditEvents.targetType, 'od_event'), eq(auditEvents.targetId, String(id)), inArray(auditEvents.action, ['openday.summary_saved', 'openday.summary_published']))).orderBy(auditEvents.seq);
  const postSummary = (b: Browser, id: number, form: Record<string, string | string[]>) => b.post(`/admin/openday/${id}/summary`, form, { from: `/admin/openday/${id}` });

  before(async () => {
    t = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '1000', PUBLIC_CACHE_TTL: '0' }, { region: true });
    actors = await demoActors(t.database.db, ['office', 'nx-office']);
    staff = new Browser(t.app, '192.0.2.120');
    await staff.login('office');
    heldId = await createEvent(as('office'), { theme: '走进县档案馆', mode: 'first_come', regOpensAt: new Date(now - 20 * DAY), regClosesAt: new Date(now - 15 * DAY), sessions: [{ startsAt: new Date(now - 10 * DAY), place: '县档案馆', capacity: 10 }, { startsAt: new Date(now + 5 * DAY), place: '县档案馆', capacity: 10 }] });
    await announceEvent(as('office'), heldId);
    const o = await addOpinion(as('office'), heldId, '建议开放档案查阅预约。', new Date(now - 10 * DAY));
    await assignOpinion(as('office'), o, actors.get('office')!.agencyId, new Date(now - 9 * DAY));
    await answerOpinion(as('office'), o, '已开通网上预约查阅。', new Date(now - 5 * DAY));
    futureId = await createEvent(as('office'), { theme: '走进县气象局', mode: 'first_come', regOpensAt: new Date(now - DAY), regClosesAt: new Date(now + 2 * DAY), sessions: [{ startsAt: new Date(now + 5 * DAY), place: '县气象局', capacity: 10 }] });
    await announceEvent(as('office'), futureId);
  });
  after(async () => t?.close());

  it('is refused before the first session has started, for a draft and for a cancelled event', async () => {
    const page = await staff.get(`/admin/openday/${futureId}`);
    assert.match(page.body, /活动开始后，可以在这里撰写活动回顾/);
    assert.ok(!page.body.includes('name="summary"'), 'no form before the visit');
    const early = await postSummary(staff, futureId, { summary: '提前写好的回顾。', publish: '1' });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /class="error-box"[\s\S]*开始后才能撰写活动回顾/);
    const e = await eventRow(futureId);
    assert.equal(e.summary, '');
    assert.equal(e.summaryPublishedAt, null);
    const draft = await createEvent(as('office'), { theme: '走进县水利局', mode: 'first_come', regOpensAt: new Date(now - 20 * DAY), regClosesAt: new Date(now - 15 * DAY), sessions: [{ startsAt: new Date(now - 10 * DAY), place: '县水利局', capacity: 5 }] });
    await assert.rejects(saveSummary(as('office'), draft, { summary: '草稿', publish: true }), (x: unknown) => x instanceof AppError && x.status === 409);
    const cancelled = await createEvent(as('office'), { theme: '走进县林业局', mode: 'first_come', regOpensAt: new Date(now - 20 * DAY), regClosesAt: new Date(now - 15 * DAY), sessions: [{ startsAt: new Date(now - 10 * DAY), place: '县林业局', capacity: 5 }] });
    await announceEvent(as('office'), cancelled);
    await cancelEvent(as('office'), cancelled, '场馆维修。');
    await assert.rejects(saveSummary(as('office'), cancelled, { summary: '回顾', publish: true }), (x: unknown) => x instanceof AppError && x.status === 409 && /已经取消/.test(x.message));
    assert.match((await staff.get(`/admin/openday/${cancelled}`)).body, /活动已取消，不撰写活动回顾/);
  });

  it('保存 keeps it off the public page; 保存并公开 shows it above the answered opinions; editing keeps it published; audited', async () => {
    const pub = new Browser(t.app, '192.0.2.121');
    const url = `${P}/kaifangri/${heldId}`;
    const text = '本次开放日共有 8 人参加。\r\n\r\n参观了档案查阅大厅和库房。\n座谈中，参加人关心档案查阅预约。';
    const saved = await postSummary(staff, heldId, { summary: text, publish: '0' });
    assert.equal(saved.statusCode, 303);
    const page = await staff.get(String(saved.headers.location));
    assert.match(page.body, /活动回顾已保存，尚未公开/);
    assert.match(page.body, /<textarea id="sum-text"[^>]*>本次开放日共有 8 人参加。/);
    assert.match(page.body, /保存并公开/);
    let e = await eventRow(heldId);
    assert.equal(e.summary, '本次开放日共有 8 人参加。\n\n参观了档案查阅大厅和库房。\n座谈中，参加人关心档案查阅预约。', 'line breaks normalised, ends trimmed');
    assert.equal(e.summaryPublishedAt, null);
    const before = (await pub.get(url)).body;
    assert.ok(!before.includes('本次开放日共有 8 人参加'), 'a saved summary is not public');
    assert.match(summaryOf(before), /建议开放档案查阅预约。/, 'the answered opinions are still shown');

    const published = await postSummary(staff, heldId, { summary: text, publish: '1' });
    assert.equal(published.statusCode, 303);
    assert.match((await staff.get(String(published.headers.location))).body, /活动回顾已公开/);
    e = await eventRow(heldId);
    assert.ok(e.summaryPublishedAt, 'published');
    const firstPublished = e.summaryPublishedAt!.getTime();
    const body = (await pub.get(url)).body;
    const sec = summaryOf(body);
    assert.match(sec, /<p>本次开放日共有 8 人参加。<\/p><p>参观了档案查阅大厅和库房。<\/p><p>座谈中，参加人关心档案查阅预约。<\/p>[\s\S]*意见建议及答复[\s\S]*建议开放档案查阅预约。[\s\S]*已开通网上预约查阅。/, 'paragraphs above the answered opinions');

    // Editing: the 保存修改 button; the public text follows, the publication date stays.
    const form = (await staff.get(`/admin/openday/${heldId}`)).body;
    assert.match(form, /已于 [^<]* 公开/);
    assert.match(form, /保存修改/);
    assert.ok(!form.includes('保存并公开'));
    const edited = await postSummary(staff, heldId, { summary: '本次开放日共有 9 人参加。', publish: '0' });
    assert.equal(edited.statusCode, 303);
    assert.match((await staff.get(String(edited.headers.location))).body, /活动回顾已修改，公开页面同步更新/);
    e = await eventRow(heldId);
    assert.equal(e.summary, '本次开放日共有 9 人参加。');
    assert.equal(e.summaryPublishedAt?.getTime(), firstPublished, 'still published, same date');
    const after = (await pub.get(url)).body;
    assert.match(summaryOf(after), /本次开放日共有 9 人参加。/);
    assert.ok(!after.includes('8 人参加'));

    // Double submit of the same text: nothing changes, nothing more audited.
    const twice = await postSummary(staff, heldId, { summary: '本次开放日共有 9 人参加。', publish: '1' });
    assert.equal(twice.statusCode, 303);
    assert.match(String(twice.headers.location), /notice=summary_unchanged/);

    const log = await audits(heldId);
    assert.deepEqual(log.map((a) => a.action), ['openday.summary_saved', 'openday.summary_published', 'openday.summary_saved']);
    assert.deepEqual(log[2]!.before, { summary: text.replace(/\r\n/g, '\n'), published: true });
    assert.deepEqual(log[2]!.after, { summary: '本次开放日共有 9 人参加。', published: true });
    // The audit page names the actions in Chinese.
    const auditPage = await staff.get('/admin/audit');
    if (auditPage.statusCode === 200) assert.ok(!auditPage.body.includes('openday.summary_'), 'audit labels in Chinese');
  });

  it('the demo\'s held event has a published 活动回顾 on its public page', async () => {
    const [demo] = await t.database.db.select().from(odEvents).where(eq(odEvents.theme, '走进城关镇便民服务中心'));
    assert.ok(demo?.summaryPublishedAt);
    const sec = summaryOf((await new Browser(t.app).get(`${P}/kaifangri/${demo!.id}`)).body);
    assert.match(sec, /共有 3 名城关镇居民参加[\s\S]*意见建议及答复[\s\S]*中午轮班/);
  });

  it('another county\'s staff (示范南县) get 404 and change nothing', async () => {
    const nx = new Browser(t.app, '192.0.2.122');
    await nx.login('nx-office');
    const before = await eventRow(heldId);
    const r = await postSummary(nx, heldId, { summary: '越权回顾', publish: '1' });
    assert.equal(r.statusCode, 404);
    await assert.rejects(saveSummary(as('nx-office'), heldId, { summary: '越权回顾', publish: true }), (x: unknown) => x instanceof AppError && x.status === 404);
    assert.deepEqual(await eventRow(heldId), before);
    // The public, not signed in: sent to sign in, nothing changed.
    const anon = await new Browser(t.app).post(`/admin/openday/${heldId}/summary`, { summary: '匿名', publish: '1' }, { from: `${P}/kaifangri/${heldId}` });
    assert.ok(anon.statusCode >= 300 && anon.statusCode < 500, `anonymous: ${anon.statusCode}`);
    assert.deepEqual(await eventRow(heldId), before);
  });

  it('hostile input: no 5xx, errors beside the field with the text kept, script tags and SQL shown as text', async () => {
    const id = await createEvent(as('office'), { theme: '走进县统计局', mode: 'first_come', regOpensAt: new Date(now - 20 * DAY), regClosesAt: new Date(now - 15 * DAY), sessions: [{ startsAt: new Date(now - 10 * DAY), place: '县统计局', capacity: 5 }] });
    await announceEvent(as('office'), id);
    const xss = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    const cases: [string, Record<string, string | string[]>, RegExp][] = [
      ['empty', { summary: '  \n ', publish: '1' }, /请填写活动回顾/],
      ['over 5000', { summary: '长'.repeat(5001), publish: '1' }, /不超过 5000 个字（现有 5001 个字）/],
      ['oversize', { summary: 'x'.repeat(300_000), publish: '0' }, /不超过 5000 个字/],
    ];
    for (const [what, form, re] of cases) {
      const r = await postSummary(staff, id, form);
      assert.equal(r.statusCode, 400, what);
      assert.match(r.body, new RegExp(`id="sum-text-error"[^>]*>[^<]*${re.source}`), what);
      noRawScript(r.body, what);
    }
    // NUL is refused at the boundary for every form (400, nothing stored).
    for (const c of ['\u0000', '\u0007']) assert.equal((await postSummary(staff, id, { summary: `回顾${c}内容`, publish: '1' })).statusCode, 400);
    const long = await postSummary(staff, id, { summary: '长'.repeat(5001), publish: '1' });
    assert.ok(long.body.includes('长'.repeat(5001)), 'the refused text stays in the box');
    assert.equal((await eventRow(id)).summary, '', 'nothing stored');

    // Invalid UTF-8 in a urlencoded body.
    const page = await staff.get(`/admin/openday/${id}`);
    const cookie = (staff as unknown as { cookieHeader(): string }).cookieHeader();
    const raw = await t.app.inject({ method: 'POST', url: `/admin/openday/${id}/summary`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: Buffer.concat([Buffer.from(`_csrf=${encodeURIComponent(csrfOf(page.body))}&publish=1&summary=`), Buffer.from('%C3%28'), Buffer.from([0xff, 0xfe])]) });
    assert.equal(raw.statusCode, 400, `invalid UTF-8: ${raw.statusCode}`);
    assert.match(raw.body, /id="sum-text-error"[^>]*>[^<]*无法识别的控制字符/);
    assert.equal((await eventRow(id)).summary, '');

    // Wrong types: repeated fields (the last counts), a strange publish value (not published).
    const rep = await postSummary(staff, id, { summary: ['一', '二'], publish: ['1', '<script>'] });
    assert.equal(rep.statusCode, 303);
    let e = await eventRow(id);
    assert.equal(e.summary, '二');
    assert.equal(e.summaryPublishedAt, null);
    assert.ok((await postSummary(staff, id, {})).statusCode === 400);
    // Without the CSRF token: refused.
    const noCsrf = await t.app.inject({ method: 'POST', url: `/admin/openday/${id}/summary`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'summary=x&publish=1' });
    assert.ok(noCsrf.statusCode === 403 || noCsrf.statusCode === 400, `no CSRF: ${noCsrf.statusCode}`);
    assert.equal((await eventRow(id)).summary, '二');

    // Script tags and SQL are stored as typed and shown as text on the staff and public pages.
    const sqlText = "'; DROP TABLE od_events; -- 1' OR '1'='1";
    const ok = await postSummary(staff, id, { summary: `${xss}\n${sqlText}`, publish: '1' });
    assert.equal(ok.statusCode, 303);
    e = await eventRow(id);
    assert.equal(e.summary, `${xss}\n${sqlText}`);
    const staffPage = (await staff.get(`/admin/openday/${id}`)).body;
    noRawScript(staffPage, 'the staff page');
    assert.ok(staffPage.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    const pubPage = (await new Browser(t.app).get(`${P}/kaifangri/${id}`)).body;
    noRawScript(pubPage, 'the public page');
    const sec = summaryOf(pubPage);
    assert.ok(sec.includes('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;'), 'shown as text');
    assert.ok(sec.includes('DROP TABLE od_events'));
    assert.ok((await t.database.db.select().from(odEvents)).length > 0, 'the table is still there');
    for (const u of [`/admin/openday/${id}/summary`, '/admin/openday/abc/summary', '/admin/openday/99999999999/summary']) {
      const x = await staff.post(u, { summary: 'x', publish: '1' }, { from: `/admin/openday/${id}` });
      assert.ok(x.statusCode < 500, `${u}: ${x.statusCode}`);
    }
  });
});
