import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import { auditEvents } from '../../core/audit/schema.js';
import { exeBytes, htmlBytes, pngBytes, svgBytes } from '../../core/files/fixtures.js';
import { addDays, todayInShanghai } from '../../core/calendar/dates.js';
import { searchPublished } from '../info/queries.js';
import { offlineBoards, offlinePostings } from './schema.js';
import { vgDisclosures } from '../village/schema.js';
import { staffBoards } from './boards.js';

const BASE = '/admin/offline';
const RAW_SCRIPT = /<script>alert/i;
const cookiesOf = (b: Browser) => (b as unknown as { cookieHeader(): string }).cookieHeader();

describe('offline: printing notices, boards and postings over HTTP', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  let docId: number;
  let boardId: number;
  let office: Browser;
  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0' }, { region: true, full: true });
    actors = await demoActors(t.database.db, ['office']);
    const [doc] = (await searchPublished(t.database.db, { limit: 1, count: false, govId: actors.get('office')!.placement.govId })).items;
    docId = doc!.documentId;
    boardId = (await staffBoards({ db: t.database.db, actor: actors.get('office')! })).find((b) => b.active)!.id;
    office = new Browser(t.app);
    await office.login('office');
  });
  after(async () => t?.close());
  const postings = async () => (await t.database.db.select().from(offlinePostings)).length;

  async function upload(who: Browser, from: string, url: string, name: string, bytes: Buffer) {
    const page = await who.get(from);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const boundary = '----gkbd' + Math.random().toString(16).slice(2);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookiesOf(who), accept: 'text/html' } });
    who.keep(res);
    return res;
  }

  it('prints a published document as an A4 or A3 notice with its issuer, date and a QR code to its page', async () => {
    const a4 = await office.get(`${BASE}/notices/info/${docId}?paper=A4`);
    assert.equal(a4.statusCode, 200);
    const [doc] = (await searchPublished(t.database.db, { documentIds: [docId], count: false })).items;
    for (const s of [doc!.title, doc!.agencyName, '发布日期：', '<svg', '扫码查看网上原文', `https://www.shifan.gov.cn/xxgk/${docId}`, 'notice-a4.css']) assert.ok(a4.body.includes(s), s);
    assert.ok(!/<nav class="site-nav|class="site-header/.test(a4.body), 'no site chrome on the printed sheet');
    const a3 = await office.get(`${BASE}/notices/info/${docId}?paper=A3`);
    assert.ok(a3.body.includes('notice-a3.css'));
    assert.match((await office.get(`${BASE}/print/notice-a3.css`)).body, /@page \{ size: A3 portrait/);
    assert.match((await office.get(`${BASE}/print/notice-a4.css`)).body, /@page \{ size: A4 portrait/);
    // The chooser page goes to the notice, and refuses what is not a published record in reach.
    const open = await office.get(`${BASE}/notices/open?kind=info&id=${docId}&paper=A3`);
    assert.equal(open.statusCode, 303);
    assert.equal(open.headers.location, `${BASE}/notices/info/${docId}?paper=A3`);
    for (const qs of ['kind=info&id=abc', 'kind=info&id=99999999', 'kind=%3Cscript%3E&id=1', "kind=info&id=1%20OR%201%3D1", 'kind=info&id=%C3%28', 'kind=info&id=99999999999999']) {
      const r = await office.get(`${BASE}/notices/open?${qs}`);
      assert.equal(r.statusCode, 400, qs);
      assert.match(r.body, /请选择公告内容|请填写记录编号|没有找到该编号/);
      assert.ok(!RAW_SCRIPT.test(r.body));
    }
    for (const u of [`${BASE}/notices/nope/1`, `${BASE}/notices/info/abc`, `${BASE}/notices/info/99999999`]) assert.equal((await office.get(u)).statusCode, 404, u);
  });

  it('offers a published 村(居)务公开 in the chooser and prints it with its table and 公示期', async () => {
    const [v] = await t.database.db.select().from(vgDisclosures).where(eq(vgDisclosures.state, 'published')).limit(1);
    assert.ok(v, 'the demo has a published village 公开');
    assert.match((await office.get(`${BASE}/notices`)).body, /<option value="village"[^>]*>村（居）务公开<\/option>/);
    const open = await office.get(`${BASE}/notices/open?kind=village&id=${v.id}&paper=A3`);
    assert.equal(open.statusCode, 303);
    const a3 = await office.get(open.headers.location as string);
    assert.equal(a3.statusCode, 200);
    for (const s of [v.title, '公示期至：', `/cunwu/gongkai/${v.id}`, '<svg', 'notice-a3.css']) assert.ok(a3.body.includes(s), s);
    if (v.table) assert.ok(a3.body.includes(`<td>${v.table.rows[0]!.cells[0]}</td>`), 'the table prints');
    const nx = new Browser(t.app);
    await nx.login('nx-office');
    assert.equal((await nx.get(`${BASE}/notices/village/${v.id}?paper=A3`)).statusCode, 404, 'another county cannot print it');
  });

  it('keeps printing and the register from the public, clerks and another county', async () => {
    const anon = await new Browser(t.app).get(`${BASE}/notices/info/${docId}`);
    assert.ok([302, 303, 401].includes(anon.statusCode), String(anon.statusCode));
    const clerk = new Browser(t.app);
    await clerk.login('minzheng');
    assert.equal((await clerk.get(`${BASE}/boards`)).statusCode, 403);
    const nx = new Browser(t.app);
    await nx.login('nx-office');
    assert.equal((await nx.get(`${BASE}/notices/info/${docId}`)).statusCode, 404);
    assert.equal((await nx.get(`${BASE}/boards/${boardId}`)).statusCode, 404);
    assert.ok(!(await nx.get(`${BASE}/boards`)).body.includes('县政务服务中心政务公开栏'));
  });

  it('records a posting; refuses hostile input beside its field, storing nothing', async () => {
    const url = `${BASE}/notices/info/${docId}/post`;
    const today = todayInShanghai();
    const ok = { boardId: String(boardId), fromOn: today, toOn: addDays(today, 10), paper: 'A4' };
    const before = await postings();
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...ok, boardId: '' }, /id="ps-board-error"[^>]*>请选择本级政府的公开栏/],
      [{ ...ok, boardId: '1 OR 1=1; DROP TABLE offline_postings; --' }, /id="ps-board-error"/],
      [{ ...ok, boardId: '99999999999' }, /id="ps-board-error"/],
      [{ ...ok, fromOn: '2026-02-30' }, /id="ps-from-error"[^>]*>请填写有效的张贴日期/],
      [{ ...ok, fromOn: '<script>alert(1)</script>' }, /id="ps-from-error"/],
      [{ ...ok, toOn: addDays(today, -1) }, /id="ps-to-error"[^>]*>撤下日期不能早于张贴日期/],
      [{ ...ok, toOn: addDays(today, 400) }, /id="ps-to-error"[^>]*>张贴期不超过/],
      [{ ...ok, toOn: 'x'.repeat(300) }, /id="ps-to-error"/],
      [{ ...ok, toOn: 'x'.repeat(200_000) }, /过长/],
      [{ ...ok, fromOn: '', toOn: '' }, /请填写有效的张贴日期/],
      [{ ...ok, fromOn: addDays(today, 90) }, /张贴日期应在一年内/],
    ];
    for (const [values, hint] of cases) {
      const r = await office.post(url, values, { from: url });
      assert.equal(r.statusCode, 400, JSON.stringify(values).slice(0, 80));
      assert.match(r.body, hint);
      assert.ok(!RAW_SCRIPT.test(r.body), 'escaped');
    }
    const csrf = encodeURIComponent(/name="_csrf" value="([^"]+)"/.exec((await office.get(url)).body)![1]!);
    const raw = await t.app.inject({ method: 'POST', url, payload: `_csrf=${csrf}&boardId=%C3%28&fromOn=%FF%FE&toOn=2026-01-01`, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(office), accept: 'text/html' } });
    assert.equal(raw.statusCode, 400, 'invalid UTF-8 is refused');
    const wrongType = await t.app.inject({ method: 'POST', url, payload: JSON.stringify({ boardId: [1, 2], fromOn: { a: 1 } }), headers: { 'content-type': 'application/json', cookie: cookiesOf(office), accept: 'text/html' } });
    assert.ok(wrongType.statusCode < 500 && wrongType.statusCode >= 400, String(wrongType.statusCode));
    const forged = await office.post(url, ok, { csrf: null });
    assert.ok(forged.statusCode === 403 || forged.statusCode === 400, String(forged.statusCode));
    assert.equal(await postings(), before, 'nothing stored');

    const page = await office.get(url);
    const key = /name="submitKey" value="([^"]+)"/.exec(page.body)![1]!;
    const a = await office.post(url, { ...ok, submitKey: key }, { from: url });
    const b = await office.post(url, { ...ok, submitKey: key }, { from: url });
    assert.equal(a.statusCode, 303);
    assert.equal(b.statusCode, 303);
    assert.equal(await postings(), before + 1, 'the form sent twice records one posting');
    const board = await office.get(`${BASE}/boards/${boardId}`);
    assert.ok(board.body.includes(`${today} 至 ${addDays(today, 10)}（A4）`));
  });

  it('takes a photo of the posting through the files module\'s image checks, for the office only', async () => {
    const [p] = await t.database.db.select().from(offlinePostings).where(eq(offlinePostings.boardId, boardId)).orderBy(offlinePostings.id);
    const from = `${BASE}/boards/${boardId}`;
    const url = `${BASE}/postings/${p!.id}/photo`;
    for (const [name, bytes] of [['a.exe', exeBytes()], ['a.png', htmlBytes()], ['a.svg', svgBytes()], ['empty.png', Buffer.alloc(0)]] as const) {
      const r = await upload(office, from, url, name, bytes);
      assert.equal(r.statusCode, 400, name);
      assert.match(r.body, /照片|图片|文件/);
      assert.ok(!RAW_SCRIPT.test(r.body));
    }
    const ok = await upload(office, from, url, '<script>alert(1)</script>.png', pngBytes());
    assert.equal(ok.statusCode, 303);
    const page = await office.get(from);
    const href = /href="(\/files\/[^"]+)">查看照片/.exec(page.body)?.[1];
    assert.ok(href, 'the photo is linked');
    assert.equal((await office.get(href!)).statusCode, 200);
    assert.ok([403, 404].includes((await new Browser(t.app).get(href!)).statusCode), 'not public');
    const audited = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'offline.photo_set'));
    assert.ok(audited.some((e) => e.targetId === String(p!.id)));
  });

  it('takes a posting down by hand once; registers a board and refuses hostile board input', async () => {
    const [p] = await t.database.db.select().from(offlinePostings).where(eq(offlinePostings.state, 'posted')).orderBy(offlinePostings.id);
    const from = `${BASE}/boards/${p!.boardId}`;
    assert.equal((await office.post(`${BASE}/postings/${p!.id}/take-down`, {}, { from })).statusCode, 303);
    const again = await office.post(`${BASE}/postings/${p!.id}/take-down`, {}, { from });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /已经撤下/);
    const boards = async () => (await t.database.db.select().from(offlineBoards)).length;
    const n = await boards();
    const owner = String(actors.get('office')!.agencyId);
    for (const [values, hint] of [
      [{ name: '', place: '门口', agencyId: owner }, /id="bd-name-error"[^>]*>请填写公开栏名称/],
      [{ name: '栏'.repeat(61), place: '门口', agencyId: owner }, /不超过 60 字/],
      [{ name: '<script>alert(1)</script>', place: '', agencyId: owner }, /id="bd-place-error"/],
      [{ name: '公开栏', place: '门口', agencyId: "1; DROP TABLE offline_boards" }, /id="bd-agency-error"/],
      [{ name: '李\u0000四', place: '门口', agencyId: owner }, /控制字符/],
      [{ name: '公开栏', place: 'x'.repeat(201), agencyId: owner }, /id="bd-place-error"[^>]*>设置地点不超过/],
      [{ name: '公开栏', place: 'x'.repeat(200_000), agencyId: owner }, /过长/],
    ] as const) {
      const r = await office.post(`${BASE}/boards`, values, { from: `${BASE}/boards` });
      assert.equal(r.statusCode, 400, JSON.stringify(values).slice(0, 60));
      assert.match(r.body, hint);
      assert.ok(!RAW_SCRIPT.test(r.body));
    }
    const kept = await office.post(`${BASE}/boards`, { name: '<script>alert(1)</script>', place: '', agencyId: owner }, { from: `${BASE}/boards` });
    assert.ok(kept.body.includes('value="&lt;script&gt;alert(1)&lt;/script&gt;"'), 'kept, escaped');
    assert.equal(await boards(), n);
    const made = await office.post(`${BASE}/boards`, { name: '县图书馆公开栏', place: '县图书馆一楼大厅', agencyId: owner }, { from: `${BASE}/boards` });
    assert.equal(made.statusCode, 303);
    const edit = made.headers.location as string;
    assert.match((await office.get(edit)).body, /县图书馆公开栏/);
    const boardUrl = edit.replace(/\?.*$/, '');
    const bad = await office.post(boardUrl, { name: '<script>alert(1)</script>', place: '', agencyId: owner }, { from: boardUrl });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /id="bd-place-error"[^>]*>请填写设置地点/);
    assert.ok(bad.body.includes('value="&lt;script&gt;alert(1)&lt;/script&gt;"') && !RAW_SCRIPT.test(bad.body), 'kept, escaped');
    assert.equal((await office.post(boardUrl, { name: '县图书馆公开栏', place: '县图书馆二楼', agencyId: owner }, { from: boardUrl })).statusCode, 303);
    assert.match((await office.get(boardUrl)).body, /县图书馆二楼/);
    const nx = new Browser(t.app);
    await nx.login('nx-office');
    assert.equal((await nx.post(boardUrl, { name: '改', place: '改', agencyId: owner }, { from: `${BASE}/boards` })).statusCode, 404);
  });
});
