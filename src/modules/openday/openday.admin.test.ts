import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { announceEvent, createEvent, register } from './events.js';
import { odEvents, odOpinions, odRegistrations, odSessions } from './schema.js';

const DAY = 86_400_000;
/** 示范县's public site under the city's (region demo). */
const P = '/shifanxian';
const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
const local = (d: Date) => { const s = new Date(d.getTime() + 8 * 3600_000).toISOString(); return `${s.slice(0, 10)}T${s.slice(11, 16)}`; };
const IDS = ['110101199003070038', '110101199003070011', '11010119900307002X', '110101199003070054'];

/** A raw urlencoded body (bytes as given, e.g. invalid UTF-8) with the browser's cookies and a page's CSRF token. */
async function rawPost(t: TestApp, b: Browser, from: string, url: string, tail: Buffer) {
  const page = await b.get(from);
  const cookie = (b as unknown as { cookieHeader(): string }).cookieHeader();
  return t.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: Buffer.concat([Buffer.from(`_csrf=${encodeURIComponent(csrfOf(page.body))}&`), tail]) });
}
const noRawScript = (body: string, what: string) => assert.ok(!/<script>alert|<script>x|<img src=x onerror/i.test(body), `raw script on ${what}`);

describe('open days: staff pages', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });
  const pub = () => ({ db: t.database.db, key: t.config.foiDataKey });
  const now = Date.now();
  let staff: Browser;
  let selId = 0;
  let heldId = 0;
  let heldCode = '', heldSecret = '';
  const sessionsOf = async (id: number) => (await t.database.db.select().from(odSessions).where(eq(odSessions.eventId, id))).sort((a, b) => a.id - b.id);

  before(async () => {
    t = await createTestApp({ PUBLIC_WRITE_RATE_LIMIT: '1000', PUBLIC_CACHE_TTL: '0' }, { region: true });
    actors = await demoActors(t.database.db, ['office', 'nx-office']);
    staff = new Browser(t.app, '192.0.2.90');
    await staff.login('office');
    // An event already held (first-come), one registrant with a place: for the opinions after the visit.
    heldId = await createEvent(as('office'), { theme: '走进县行政审批局', mode: 'first_come', regOpensAt: new Date(now - 20 * DAY), regClosesAt: new Date(now - 15 * DAY), sessions: [{ startsAt: new Date(now - 10 * DAY), place: '县行政审批局', capacity: 5 }] });
    await announceEvent(as('office'), heldId);
    const [hs] = await sessionsOf(heldId);
    const r = await register(pub(), hs!.id, { name: '孙悟净', phone: '13700009999', idNumber: IDS[3]! }, new Date(now - 18 * DAY));
    heldCode = r.code; heldSecret = r.secret;
  });
  after(async () => t?.close());

  it('creates an event with two sessions, announces it; hand choice beyond capacity is refused; the list is published masked', async () => {
    const form = await staff.get('/admin/openday/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="sessionStartsAt"/);
    const res = await staff.post('/admin/openday/new', {
      theme: '走进县医疗保障局', description: '参观医保服务大厅。', eligibility: '本县参保群众', mode: 'selection',
      regOpensAt: local(new Date(now - DAY)), regClosesAt: local(new Date(now + 5 * DAY)),
      sessionStartsAt: [local(new Date(now + 10 * DAY)), local(new Date(now + 11 * DAY)), '', ''], sessionPlace: ['医保服务大厅', '医保局三楼会议室', '', ''], sessionCapacity: ['1', '2', '', ''],
    }, { from: '/admin/openday/new' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    selId = Number(/\/admin\/openday\/(\d+)\?notice=created/.exec(String(res.headers.location))![1]);
    const ss = await sessionsOf(selId);
    assert.deepEqual(ss.map((s) => s.capacity), [1, 2]);
    // A draft is not public.
    assert.equal((await new Browser(t.app).get(`${P}/kaifangri/${selId}`)).statusCode, 404);
    assert.equal((await staff.post(`/admin/openday/${selId}/announce`, {}, { from: `/admin/openday/${selId}` })).statusCode, 303);
    assert.equal((await new Browser(t.app).get(`${P}/kaifangri/${selId}`)).statusCode, 200);

    // Three registrants for the first session (one place) through the public form.
    const pb = new Browser(t.app, '192.0.2.91');
    for (const [i, name] of ['周一', '吴二', '郑三'].entries()) {
      const url = `${P}/kaifangri/${selId}/baoming/${ss[0]!.id}`;
      assert.equal((await pb.post(url, { name, phone: `1390000000${i}`, idNumber: IDS[i]! }, { from: url })).statusCode, 200);
    }
    const page = await staff.get(`/admin/openday/${selId}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`/shifanxian/kaifangri/${selId}"`), 'the public page on the county\'s own site');
    assert.ok(page.body.includes('周一') && page.body.includes('13900000000'), 'name and phone for staff');
    assert.match(page.body, /1101\*+0038/);
    for (const id of IDS) assert.ok(!page.body.includes(id), 'never the full ID number');
    const regs = await t.database.db.select().from(odRegistrations).where(eq(odRegistrations.eventId, selId));
    const over = await staff.post(`/admin/openday/${selId}/selection`, { action: 'select', ids: regs.slice(0, 2).map((r) => String(r.id)) }, { from: `/admin/openday/${selId}` });
    assert.equal(over.statusCode, 409);
    assert.match(over.body, /名额 1 人，已确定 0 人，只能再确定 1 人/);
    assert.equal((await t.database.db.select().from(odRegistrations).where(eq(odRegistrations.eventId, selId))).filter((r) => r.state === 'selected').length, 0, 'nothing chosen');
    assert.equal((await staff.post(`/admin/openday/${selId}/selection`, { action: 'select', ids: [String(regs[0]!.id)] }, { from: `/admin/openday/${selId}` })).statusCode, 303);
    const full = await staff.post(`/admin/openday/${selId}/selection`, { action: 'select', ids: [String(regs[1]!.id)] }, { from: `/admin/openday/${selId}` });
    assert.equal(full.statusCode, 409);
    assert.match(full.body, /名额已满/);
    assert.equal((await staff.post(`/admin/openday/${selId}/list`, {}, { from: `/admin/openday/${selId}` })).statusCode, 303);
    const pubPage = (await new Browser(t.app).get(`${P}/kaifangri/${selId}`)).body;
    assert.match(pubPage, /<td>周\*<\/td>/);
    assert.ok(!pubPage.includes('周一') && !pubPage.includes('13900000000'));
    assert.equal((pubPage.match(/活动场次/g) ?? []).length, 1, 'the sessions heading is not repeated as a caption');
    // The list shows places taken and left.
    const list = (await staff.get('/admin/openday')).body;
    assert.match(list, /走进县医疗保障局[\s\S]*已选 1 \/ 1，余 0，待遴选 2/);
  });

  it('exports a session\'s registrants as XLSX that opens, with the masked ID only; not for the public', async () => {
    const [s1] = await sessionsOf(selId);
    const x = await staff.get(`/admin/openday/${selId}/registrations.xlsx?session=${s1!.id}`);
    assert.equal(x.statusCode, 200);
    assert.match(String(x.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const cells = ws.getSheetValues().flat().map(String).join('|');
    assert.ok(cells.includes('周一') && cells.includes('吴二'));
    assert.match(cells, /1101\*+0038/);
    for (const id of IDS) assert.ok(!cells.includes(id));
    assert.equal(ws.rowCount, 5, 'title, header and three registrants');
    assert.equal((await new Browser(t.app).get(`/admin/openday/${selId}/registrations.xlsx`)).statusCode, 302, 'not for the public');
    assert.equal((await staff.get(`/admin/openday/${selId}/registrations.xlsx?session=999999`)).statusCode, 404);
  });

  it('a registrant sends an opinion after the visit; staff assign it to a unit and answer it; the answer is public and under the code', async () => {
    const pb = new Browser(t.app, '192.0.2.92');
    const url = `${P}/kaifangri/${heldId}`;
    const ev = await pb.get(url);
    assert.match(ev.body, /参加人意见建议/);
    assert.match(ev.body, /id="o-homepage"/);
    const wrong = await pb.post(`${url}/yijian`, { code: heldCode, secret: 'WRONGWRONG', body: '建议延长开放时间。' }, { from: url });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /id="o-code-error"[^>]*>[^<]*查询码或取消密钥不正确/);
    assert.ok(wrong.body.includes('建议延长开放时间。'), 'the text typed is kept');
    const ok = await pb.post(`${url}/yijian`, { code: heldCode, secret: heldSecret, body: '建议延长开放时间。' }, { from: url });
    assert.equal(ok.statusCode, 200, ok.body.slice(0, 300));
    assert.match(ok.body, /意见已提交/);
    const again = await pb.post(`${url}/yijian`, { code: heldCode, secret: heldSecret, body: '建议延长开放时间。' }, { from: url });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /请勿重复提交/);
    const bot = await pb.post(`${url}/yijian`, { code: heldCode, secret: heldSecret, body: '另一条', homepage: 'http://spam.example' }, { from: url });
    assert.equal(bot.statusCode, 400);
    const ops = await t.database.db.select().from(odOpinions).where(eq(odOpinions.eventId, heldId));
    assert.equal(ops.length, 1);
    // A registrant of an event not yet held cannot.
    const notYet = await pb.post(`${P}/kaifangri/${selId}/yijian`, { code: heldCode, secret: heldSecret, body: '提前的意见' }, { from: url });
    assert.equal(notYet.statusCode, 400);

    const page = await staff.get(`/admin/openday/${heldId}`);
    assert.match(page.body, /建议延长开放时间。[\s\S]*参加人网上提交/);
    const opId = ops[0]!.id;
    const office = actors.get('office')!;
    const foreign = await staff.post(`/admin/openday/${heldId}/opinions/${opId}/assign`, { unitId: String(actors.get('nx-office')!.agencyId) }, { from: `/admin/openday/${heldId}` });
    assert.equal(foreign.statusCode, 400);
    assert.match(foreign.body, new RegExp(`id="a-${opId}-unit-error"[^>]*>[^<]*本级政府所属的承办单位`));
    const badDate = await staff.post(`/admin/openday/${heldId}/opinions/${opId}/assign`, { unitId: String(office.agencyId), dueOn: '2020-13-45' }, { from: `/admin/openday/${heldId}` });
    assert.equal(badDate.statusCode, 400);
    assert.match(badDate.body, new RegExp(`id="a-${opId}-due-error"`));
    const early = await staff.post(`/admin/openday/${heldId}/opinions/${opId}/answer`, { answer: '先答复' }, { from: `/admin/openday/${heldId}` });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /请先将意见交办承办单位/);
    const due = new Date(now + 30 * DAY).toISOString().slice(0, 10);
    assert.equal((await staff.post(`/admin/openday/${heldId}/opinions/${opId}/assign`, { unitId: String(office.agencyId), dueOn: due }, { from: `/admin/openday/${heldId}` })).statusCode, 303);
    assert.match((await staff.get(`/admin/openday/${heldId}`)).body, new RegExp(`应于 ${due} 前答复`));
    const emptyAnswer = await staff.post(`/admin/openday/${heldId}/opinions/${opId}/answer`, { answer: '   ' }, { from: `/admin/openday/${heldId}` });
    assert.equal(emptyAnswer.statusCode, 400);
    assert.match(emptyAnswer.body, new RegExp(`id="w-${opId}-error"[^>]*>[^<]*答复内容必填`));
    assert.equal((await staff.post(`/admin/openday/${heldId}/opinions/${opId}/answer`, { answer: '自下月起每周六上午开放。' }, { from: `/admin/openday/${heldId}` })).statusCode, 303);
    // Staff enter one collected at the visit.
    assert.equal((await staff.post(`/admin/openday/${heldId}/opinions`, { body: '座谈会上提出：希望增加停车位。' }, { from: `/admin/openday/${heldId}` })).statusCode, 303);
    assert.match((await staff.get(`/admin/openday/${heldId}`)).body, /希望增加停车位。[\s\S]*工作人员录入[\s\S]*待交办/);

    const pubPage = (await new Browser(t.app).get(url)).body;
    assert.match(pubPage, /活动回顾[\s\S]*建议延长开放时间。[\s\S]*自下月起每周六上午开放。/);
    assert.ok(!pubPage.includes('希望增加停车位'), 'unanswered opinions are not public');
    assert.ok(!pubPage.includes('孙悟净') && !pubPage.includes('13700009999'));
    const st = await pb.post(`${P}/kaifangri/status`, { code: heldCode, action: 'show' }, { from: `${P}/kaifangri/status` });
    assert.match(st.body, /您提出的意见建议[\s\S]*建议延长开放时间。[\s\S]*答复：[\s\S]*自下月起每周六上午开放。/);
  });

  it('cancels with a reason shown publicly; an empty reason is refused beside the field', async () => {
    const id = await createEvent(as('office'), { theme: '走进县自然资源局', mode: 'first_come', regOpensAt: new Date(now - DAY), regClosesAt: new Date(now + DAY), sessions: [{ startsAt: new Date(now + 3 * DAY), place: '县自然资源局', capacity: 5 }] });
    await announceEvent(as('office'), id);
    const empty = await staff.post(`/admin/openday/${id}/cancel`, { cancelReason: '' }, { from: `/admin/openday/${id}` });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /id="e-cancel-error"[^>]*>[^<]*请填写取消原因/);
    assert.equal((await staff.post(`/admin/openday/${id}/cancel`, { cancelReason: '场馆改造，活动延期。' }, { from: `/admin/openday/${id}` })).statusCode, 303);
    assert.match((await new Browser(t.app).get(`${P}/kaifangri/${id}`)).body, /原因：场馆改造，活动延期。/);
  });

  it('another county\'s office (示范南县) neither sees nor acts on 示范县\'s events', async () => {
    const nx = new Browser(t.app, '192.0.2.93');
    await nx.login('nx-office');
    const list = await nx.get('/admin/openday');
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes('走进县医疗保障局') && !list.body.includes('走进县行政审批局'));
    assert.equal((await nx.get(`/admin/openday/${selId}`)).statusCode, 404);
    assert.equal((await nx.get(`/admin/openday/${selId}/registrations.xlsx`)).statusCode, 404);
    const [op] = await t.database.db.select().from(odOpinions).where(eq(odOpinions.eventId, heldId));
    const before = await t.database.db.select().from(odEvents).where(eq(odEvents.id, selId));
    for (const [path, form] of [
      ['/cancel', { cancelReason: '越权取消' }], ['/list', {}], ['/draw', {}], ['/selection', { action: 'unselect', ids: ['1'] }], ['/opinions', { body: '越权意见' }],
    ] as const) {
      const r = await nx.post(`/admin/openday/${selId}${path}`, form as Record<string, string | string[]>, { from: '/admin/openday' });
      assert.equal(r.statusCode, 404, path);
    }
    assert.equal((await nx.post(`/admin/openday/${heldId}/opinions/${op!.id}/answer`, { answer: '越权答复' }, { from: '/admin/openday' })).statusCode, 404);
    assert.deepEqual(await t.database.db.select().from(odEvents).where(eq(odEvents.id, selId)), before);
    // The settings are the top government's: the county office sees them, cannot change them.
    const s = await nx.get('/admin/openday/settings');
    assert.equal(s.statusCode, 200);
    assert.ok(!s.body.includes('name="answerWorkdays"'));
    assert.equal((await nx.post('/admin/openday/settings', { answerWorkdays: '3' }, { from: '/admin/openday' })).statusCode, 403);
    const city = new Browser(t.app, '192.0.2.95');
    await city.login('shi-office');
    const bad = await city.post('/admin/openday/settings', { answerWorkdays: '0' }, { from: '/admin/openday/settings' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /id="s-days-error"[^>]*>[^<]*1 至 60/);
    assert.equal((await city.post('/admin/openday/settings', { answerWorkdays: '7' }, { from: '/admin/openday/settings' })).statusCode, 303);
    assert.match((await nx.get('/admin/openday/settings')).body, /7 个工作日/);
  });

  it('hostile input on every staff form and the opinion form: no 5xx, nothing executes, field errors beside the fields', async () => {
    const xss = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    const base = {
      theme: '走进县司法局', description: '介绍', eligibility: '居民', mode: 'first_come',
      regOpensAt: local(new Date(now - DAY)), regClosesAt: local(new Date(now + 5 * DAY)), sessionStartsAt: [local(new Date(now + 9 * DAY))], sessionPlace: ['县司法局'], sessionCapacity: ['10'],
    };
    const cases: [string, Record<string, string | string[]>, RegExp | null][] = [
      ['invalid dates', { ...base, regOpensAt: '2026-13-45T99:99', regClosesAt: 'abc' }, /id="e-regOpensAt-error"[^>]*>[^<]*报名开始时间/],
      ['session before the window closes', { ...base, sessionStartsAt: [local(new Date(now + DAY))] }, /id="e-s0-at-error"[^>]*>[^<]*晚于报名截止时间/],
      ['no session', { ...base, sessionStartsAt: [''], sessionPlace: [''], sessionCapacity: [''] }, /id="e-sessions-error"[^>]*>[^<]*至少安排一个场次/],
      ['capacity not a number', { ...base, sessionCapacity: ["1; DROP TABLE od_events; --"] }, /id="e-s0-cap-error"[^>]*>[^<]*名额应为/],
      ['no mode', { ...base, mode: 'lottery' }, /请选择报名方式/],
      ['no theme, no place', { ...base, theme: ' ', sessionPlace: [''] }, /id="e-theme-error"[^>]*>[^<]*请填写活动主题[\s\S]*id="e-s0-place-error"[^>]*>[^<]*请填写地点/],
      ['window backwards', { ...base, regOpensAt: local(new Date(now + 6 * DAY)) }, /id="e-regClosesAt-error"[^>]*>[^<]*晚于开始时间/],
      ['oversize theme', { ...base, theme: 'x'.repeat(300_000) }, null],
      ['long theme', { ...base, theme: '长'.repeat(201) }, /id="e-theme-error"[^>]*>[^<]*不超过 200 个字/],
      ['NUL (refused at the boundary)', { ...base, theme: '司法\u0000局' }, null],
      ['wrong types', { ...base, theme: ['a', 'b'], sessionCapacity: ['-1'] }, null],
      ['another county\'s host unit', { ...base, agencyId: String(actors.get('nx-office')!.agencyId) }, /id="e-agency-error"[^>]*>[^<]*本级政府所属的主办单位/],
      ['host unit not an id', { ...base, agencyId: "1 OR 1=1" }, /id="e-agency-error"/],
    ];
    const count = async () => (await t.database.db.select().from(odEvents)).length;
    const n = await count();
    for (const [what, form, re] of cases) {
      const r = await staff.post('/admin/openday/new', form, { from: '/admin/openday/new' });
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${what}: ${r.statusCode}`);
      if (re) assert.match(r.body, re, what);
      noRawScript(r.body, what);
    }
    assert.equal(await count(), n, 'nothing stored');
    // Script tags and SQL are stored as text and shown escaped.
    const ok = await staff.post('/admin/openday/new', { ...base, theme: `${xss}' OR 1=1 --`, description: xss, eligibility: xss, sessionPlace: [xss] }, { from: '/admin/openday/new' });
    assert.equal(ok.statusCode, 303);
    const id = Number(/\/admin\/openday\/(\d+)/.exec(String(ok.headers.location))![1]);
    // Double submits: the same draft twice, announcing twice.
    const twice = await staff.post('/admin/openday/new', { ...base, theme: `${xss}' OR 1=1 --`, description: xss, eligibility: xss, sessionPlace: [xss] }, { from: '/admin/openday/new' });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /已有主题相同的活动草稿/);
    noRawScript(twice.body, 'the refused second draft');
    assert.equal(await count(), n + 1);
    assert.equal((await staff.post(`/admin/openday/${id}/announce`, {}, { from: `/admin/openday/${id}` })).statusCode, 303);
    const again = await staff.post(`/admin/openday/${id}/announce`, {}, { from: `/admin/openday/${id}` });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /只有草稿状态的活动可以发布/);
    const rawBad = await rawPost(t, staff, '/admin/openday/new', '/admin/openday/new', Buffer.concat([Buffer.from('theme='), Buffer.from('%C3%28'), Buffer.from('&mode=first_come&description='), Buffer.from([0xff, 0xfe, 0xc3, 0x28])]));
    assert.ok(rawBad.statusCode < 500, `invalid UTF-8 on the new form: ${rawBad.statusCode}`);
    for (const [path, body] of [['/cancel', 'cancelReason='], ['/opinions', 'body='], ['/selection', 'action=select&ids=']] as const) {
      const r = await rawPost(t, staff, `/admin/openday/${id}`, `/admin/openday/${id}${path}`, Buffer.concat([Buffer.from(body), Buffer.from('%C3%28%FF'), Buffer.from([0xff, 0xfe])]));
      assert.ok(r.statusCode < 500, `invalid UTF-8 on ${path}: ${r.statusCode}`);
    }
    // Opinions, selection, assignment with hostile values.
    for (const [path, form] of [
      ['/opinions', { body: xss }], ['/opinions', { body: 'y'.repeat(3000) }], ['/opinions', { body: '\u0000' }], ['/opinions', { body: 'z'.repeat(300_000) }],
      ['/selection', { action: 'select', ids: ["1' OR 1=1 --", '99999999999'] }], ['/selection', { action: '<script>', ids: ['1'] }],
      ['/cancel', { cancelReason: 'r'.repeat(600) }], ['/cancel', { cancelReason: 'a\u0000b' }],
      ['/opinions/99999999/assign', { unitId: '1' }], ['/opinions/abc/answer', { answer: 'x' }],
    ] as const) {
      const r = await staff.post(`/admin/openday/${id}${path}`, form as Record<string, string | string[]>, { from: `/admin/openday/${id}` });
      assert.ok(r.statusCode < 500, `${path} ${JSON.stringify(form).slice(0, 40)}: ${r.statusCode}`);
      noRawScript(r.body, path);
    }
    // Double submit of the new form: two presses, two drafts is what staff see (no key) — but the opinion text twice is refused for registrants.
    const [op] = await t.database.db.select().from(odOpinions).where(eq(odOpinions.eventId, id));
    assert.ok(op, 'the script opinion is stored as text');
    for (const form of [{ unitId: "1 OR 1=1", dueOn: "" }, { unitId: String(actors.get('office')!.agencyId), dueOn: "'; DROP TABLE od_opinions; --" }, { unitId: String(actors.get('office')!.agencyId), dueOn: '2020-01-01' }]) {
      const r = await staff.post(`/admin/openday/${id}/opinions/${op!.id}/assign`, form, { from: `/admin/openday/${id}` });
      assert.equal(r.statusCode, 400, JSON.stringify(form));
    }
    assert.equal((await staff.post(`/admin/openday/${id}/opinions/${op!.id}/assign`, { unitId: String(actors.get('office')!.agencyId) }, { from: `/admin/openday/${id}` })).statusCode, 303);
    for (const answer of ['', 'w'.repeat(6000), 'a\u0000', xss]) {
      const r = await staff.post(`/admin/openday/${id}/opinions/${op!.id}/answer`, { answer }, { from: `/admin/openday/${id}` });
      assert.ok(r.statusCode < 500, `answer: ${r.statusCode}`);
    }
    const answeredTwice = await staff.post(`/admin/openday/${id}/opinions/${op!.id}/answer`, { answer: '第二次答复' }, { from: `/admin/openday/${id}` });
    assert.equal(answeredTwice.statusCode, 409);
    assert.match(answeredTwice.body, /该意见已经答复/);
    // Settings.
    for (const v of ['0', '61', 'abc', "1' OR '1'='1", xss, '9'.repeat(200)]) {
      const r = await staff.post('/admin/openday/settings', { answerWorkdays: v }, { from: '/admin/openday/settings' });
      assert.ok(r.statusCode === 400 || r.statusCode === 403, `settings ${v.slice(0, 10)}: ${r.statusCode}`);
      noRawScript(r.body, 'settings');
    }
    // The public opinion form.
    const pb = new Browser(t.app, '192.0.2.94');
    const url = `${P}/kaifangri/${heldId}`;
    for (const form of [
      { code: xss, secret: xss, body: xss }, { code: heldCode, secret: heldSecret, body: 'b'.repeat(2500) }, { code: heldCode, secret: heldSecret, body: '' },
      { code: "KF-' OR 1=1 --", secret: "' OR '1'='1", body: '注入' }, { code: heldCode, secret: heldSecret, body: 'x\u0000y' }, { code: 'c'.repeat(200_000), secret: '', body: '' },
    ]) {
      const r = await pb.post(`${url}/yijian`, form, { from: url });
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `opinion ${JSON.stringify(form).slice(0, 50)}: ${r.statusCode}`);
      noRawScript(r.body, 'opinion form');
    }
    // Repeated fields: the last value counts, as for every form.
    const rep = await pb.post(`${url}/yijian`, { code: [heldCode, heldCode], secret: [heldSecret], body: ['一', '二'] }, { from: url });
    assert.equal(rep.statusCode, 200);
    const rawPub = await rawPost(t, pb, url, `${url}/yijian`, Buffer.concat([Buffer.from(`code=${heldCode}&secret=${heldSecret}&body=`), Buffer.from('%C3%28'), Buffer.from([0xff, 0xfe])]));
    assert.ok(rawPub.statusCode < 500, `invalid UTF-8 opinion: ${rawPub.statusCode}`);
    assert.ok((await pb.post(`${P}/kaifangri/99999999/yijian`, { code: heldCode, secret: heldSecret, body: 'x' }, { from: url })).statusCode === 404);
    // No raw script on any page, staff pages included.
    for (const u of ['/admin/openday', `/admin/openday/${id}`, `/admin/openday/${heldId}`, '/admin/openday/settings', '/admin/openday/new', `${P}/kaifangri/${id}`, `${P}/kaifangri`, `${P}/kaifangri/${heldId}`]) {
      const r = u.startsWith('/admin') ? await staff.get(u) : await pb.get(u);
      assert.equal(r.statusCode, 200, u);
      noRawScript(r.body, u);
    }
    for (const u of ['/admin/openday/abc', '/admin/openday/99999999999', '/admin/openday/1%00', `/admin/openday/${id}/registrations.xlsx?session=abc`]) assert.ok((await staff.get(u)).statusCode < 500, u);
  });
});
