import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import type { Notice } from '../../core/module.js';
import { AppError } from '../../core/errors.js';
import { auditEvents } from '../../core/audit/schema.js';
import { addDays, todayInShanghai } from '../../core/calendar/dates.js';
import { MODULES } from '../index.js';
import { searchPublished } from '../info/queries.js';
import { publishedItems } from '../catalog/queries.js';
import { boardOwners, boardPostings, createBoard, createPosting, setBoardActive, staffBoard, staffBoards, takeDown, takeDownEnded, updateBoard } from './boards.js';
import { loadNotice, noticeProviders, noticeUrl } from './notices.js';
import { offlinePostings } from './schema.js';
import { offlineWorklist } from './worklist.js';

const status = (n: number) => (e: unknown) => e instanceof AppError && e.status === n;
/** Noon in Shanghai on a day: the job's "today" on a fixed clock, whatever hour the test runs. */
const shanghaiNoon = (d: string) => new Date(`${d}T12:00:00+08:00`);

describe('offline: notices, boards and postings', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });
  const providers = noticeProviders(MODULES);
  let docId: number;
  let itemId: number;
  before(async () => {
    t = await createTestApp({}, { region: true, full: true });
    actors = await demoActors(t.database.db, ['office', 'minzheng', 'nx-office', 'shi-office']);
    const [doc] = (await searchPublished(t.database.db, { limit: 1, count: false, govId: actors.get('office')!.placement.govId })).items;
    docId = doc!.documentId;
    const [item] = await publishedItems(t.database.db, { limit: 1, govId: actors.get('office')!.placement.govId });
    itemId = item!.id;
  });
  after(async () => t?.close());

  it('collects the info and catalog notice providers from the manifests', () => {
    assert.ok(providers.has('info'));
    assert.ok(providers.has('catalog'));
  });

  it('gives a published document as a notice with its issuer, date and body as plain text', async () => {
    const n = (await loadNotice(as('office'), providers, 'info', docId))!;
    const [doc] = (await searchPublished(t.database.db, { documentIds: [docId], count: false })).items;
    assert.equal(n.title, doc!.title);
    assert.equal(n.issuer, doc!.agencyName);
    assert.equal(n.path, `/xxgk/${docId}`);
    assert.match(n.publishedOn, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(n.paragraphs.length >= 2);
    assert.ok(n.paragraphs.every((p) => !/<[a-z/]/i.test(p)), 'no HTML tags in the printed text');
    // 示范南县's office cannot print 示范县's document; nor can anyone signed out.
    assert.equal(await loadNotice(as('nx-office'), providers, 'info', docId), null);
    assert.equal(await loadNotice({ db: t.database.db, actor: null }, providers, 'info', docId), null);
    assert.equal(await loadNotice(as('office'), providers, 'info', 999999), null);
  });

  it('gives a catalog item as a notice listing what is disclosed and how', async () => {
    const n = (await loadNotice(as('office'), providers, 'catalog', itemId))!;
    assert.ok(n.paragraphs.some((p) => p.startsWith('公开内容：')));
    assert.ok(n.paragraphs.some((p) => p.startsWith('公开依据：')));
    assert.equal(n.path, `/catalog/items/${itemId}`);
    assert.equal(await loadNotice(as('nx-office'), providers, 'catalog', itemId), null);
  });

  it('links the QR code to the record on its own government\'s site: its own domain, else the path prefix', async () => {
    const n = (await loadNotice(as('office'), providers, 'info', docId))!;
    const nx = actors.get('nx-office')!;
    const url = await noticeUrl(as('office'), n, 'http://gk.example');
    assert.equal(url, `https://www.shifan.gov.cn/xxgk/${docId}`, '示范县\'s site has its own domain');
    const other = await noticeUrl(as('office'), { govId: nx.placement.govId, path: '/xxgk/1' }, 'http://gk.example');
    assert.equal(other, 'http://gk.example/nanxian/xxgk/1');
  });

  it('registers a board for a village in the county; another county can neither see nor use it', async () => {
    const hx = (await boardOwners(as('office'))).find((o) => o.name === '河西村')!.id;
    const id = await createBoard(as('office'), { name: '河西村村务公开栏', place: '河西村村委会门口', agencyId: hx, submitKey: 'board-key-0001' });
    assert.equal(await createBoard(as('office'), { name: '河西村村务公开栏', place: '河西村村委会门口', agencyId: hx, submitKey: 'board-key-0001' }), id, 'sent twice, one board');
    assert.ok((await staffBoards(as('office'))).some((b) => b.id === id && b.agencyName === '河西村'));
    assert.ok(!(await staffBoards(as('nx-office'))).some((b) => b.id === id));
    await assert.rejects(staffBoard(as('nx-office'), id), status(404));
    await assert.rejects(staffBoards(as('minzheng')), status(403));
    await assert.rejects(createBoard(as('office'), { name: '', place: '', agencyId: nxAgency() }), (e: unknown) => {
      const f = (e as AppError).details as { fields: Record<string, string> };
      return status(400)(e) && !!f.fields.name && !!f.fields.place && !!f.fields.agencyId;
    });
    function nxAgency() { return actors.get('nx-office')!.agencyId; }
    const audited = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'offline.board_created'), eq(auditEvents.targetId, String(id))));
    assert.equal(audited.length, 1);
    await updateBoard(as('office'), id, { name: '河西村村务公开栏（新）', place: '河西村文化广场', agencyId: hx });
    assert.equal((await staffBoard(as('office'), id)).place, '河西村文化广场');
    await assert.rejects(updateBoard(as('nx-office'), id, { name: '改名', place: '某处', agencyId: hx }), status(404));
    const [ev] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'offline.board_updated'), eq(auditEvents.targetId, String(id))));
    assert.deepEqual((ev!.before as { place: string }).place, '河西村村委会门口', 'audited with what it was');
  });

  it('takes down a notice with a 公示 end on the day after it, on a fixed clock, and audits it as the system', async () => {
    const board = (await staffBoards(as('office')))[0]!;
    const start = todayInShanghai();
    const until = addDays(start, 7);
    const notice: Notice = { title: '2026年第三季度城乡低保名单公示', issuer: '城关镇人民政府', govId: board.govId, path: '/xxgk/1', publishedOn: start, until, paragraphs: ['名单如下。'] };
    await assert.rejects(createPosting(as('office'), { kind: 'info', id: 1, notice }, { boardId: board.id, fromOn: start, toOn: addDays(until, 1) }), status(400), 'not past the 公示 end');
    const id = await createPosting(as('office'), { kind: 'info', id: 1, notice }, { boardId: board.id, fromOn: start });
    const [p] = await t.database.db.select().from(offlinePostings).where(eq(offlinePostings.id, id));
    assert.equal(p!.toOn, until, 'the 公示 end is the default last day');
    assert.equal(p!.autoTakeDown, true);
    assert.deepEqual(await takeDownEnded(t.database.db, shanghaiNoon(until)), [], 'still up on its last day');
    assert.equal((await boardPostings(as('office'), board.id)).find((x) => x.id === id)!.state, 'posted');
    assert.ok((await takeDownEnded(t.database.db, shanghaiNoon(addDays(until, 1)))).includes(id));
    const after = (await boardPostings(as('office'), board.id)).find((x) => x.id === id)!;
    assert.equal(after.state, 'taken_down');
    assert.equal(after.takenDownOn, addDays(until, 1));
    assert.deepEqual(await takeDownEnded(t.database.db, shanghaiNoon(addDays(until, 2))), [], 'once');
    const [ev] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'offline.auto_taken_down'), eq(auditEvents.targetId, String(id))));
    assert.ok(ev);
  });

  it('puts a notice past its last day and one without a photo on the office\'s worklist; a person takes it down', async () => {
    const board = (await staffBoards(as('office')))[0]!;
    const n = (await loadNotice(as('office'), providers, 'info', docId))!;
    const from = addDays(todayInShanghai(), -10);
    const id = await createPosting(as('office'), { kind: 'info', id: docId, notice: n }, { boardId: board.id, fromOn: from, toOn: addDays(from, 5) });
    const today = todayInShanghai();
    const items = await offlineWorklist({ ...as('office'), actor: actors.get('office')!, config: t.config, today });
    const mine = items.filter((i) => i.href.endsWith(`#posting-${id}`));
    assert.deepEqual(mine.map((i) => i.kind).sort(), ['公告逾期未撤下', '张贴照片逾期未上传'].sort());
    assert.ok(mine.every((i) => i.urgency === 'overdue'));
    assert.equal((await offlineWorklist({ ...as('nx-office'), actor: actors.get('nx-office')!, config: t.config, today })).filter((i) => i.href.endsWith(`#posting-${id}`)).length, 0);
    await assert.rejects(setBoardActive(as('office'), board.id, false), status(409), 'a board with notices up is not retired');
    await assert.rejects(takeDown(as('nx-office'), id), status(404));
    await takeDown(as('office'), id);
    await assert.rejects(takeDown(as('office'), id), status(409));
    const left = await offlineWorklist({ ...as('office'), actor: actors.get('office')!, config: t.config, today });
    assert.equal(left.filter((i) => i.href.endsWith(`#posting-${id}`)).length, 0);
  });
});
