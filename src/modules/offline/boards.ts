// The register of 公开栏 and what is posted on them. The office of a government keeps the boards of
// its departments, townships and villages (officeActs: its own government, like the points); a
// posting names a printed notice (provider kind + record id), the board and the days it is up,
// with a photo of it on the board as evidence. A notice with a 公示 end comes down by itself.
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { requireRole, type Actor } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, FieldProblems, forbiddenAsNotFound, invalid } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { officeActs, placementColumns } from '../../core/org/scope.js';
import { addDays, isIsoDate, todayInShanghai } from '../../core/calendar/dates.js';
import { storeFile, type StoreInput } from '../../core/files/index.js';
import type { Notice } from '../../core/module.js';
import { offlineBoards, offlinePostings } from './schema.js';

export const BOARD_LIMITS = { name: 60, place: 200 } as const;
/** A posting longer than a year is a mistake in the dates, not a notice. */
export const MAX_POSTING_DAYS = 366;
/** Days after it goes up by which the photo of a posting is expected. */
export const PHOTO_DAYS = 3;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export type BoardRow = Omit<typeof offlineBoards.$inferSelect, 'submitKey'> & { agencyName: string; posted: number };
export type PostingRow = Omit<typeof offlinePostings.$inferSelect, 'submitKey'> & { boardName: string };

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const UNDECODED = /%[89a-f][0-9a-f]/i;
const KEY = /^[A-Za-z0-9_-]{8,64}$/;
const keyOf = (v: unknown) => (typeof v === 'string' && KEY.test(v) ? v : null);
const t = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const office = (ctx: Ctx) => requireRole(ctx.actor, 'office', 'admin');
const idOf = (v: unknown) => (/^[1-9]\d{0,9}$/.test(String(v ?? '')) && Number(v) <= 2147483647 ? Number(v) : null);

// ---- boards ----

/** The agencies a board may belong to: the person's own government and everything under it that it governs. */
export async function boardOwners(ctx: Ctx): Promise<{ id: number; name: string }[]> {
  const a = office(ctx);
  if (a.placement.govId == null) return [];
  return ctx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.govId, a.placement.govId)).orderBy(asc(agencies.path));
}

export type BoardInput = { name?: string; place?: string; agencyId?: string | number; submitKey?: string };

async function cleanBoard(db: Exec, a: Actor, input: BoardInput) {
  const p = new FieldProblems();
  const name = t(input.name), place = t(input.place);
  for (const [k, v] of Object.entries({ name, place })) {
    if (CONTROL.test(v)) p.add(k, '不能包含控制字符。');
    if (UNDECODED.test(v)) p.add(k, '内容含有无法识别的字符，请删除后重新提交。');
  }
  if (!name) p.add('name', '请填写公开栏名称。');
  else if (name.length > BOARD_LIMITS.name) p.add('name', `公开栏名称不超过 ${BOARD_LIMITS.name} 字。`);
  if (!place) p.add('place', '请填写设置地点。');
  else if (place.length > BOARD_LIMITS.place) p.add('place', `设置地点不超过 ${BOARD_LIMITS.place} 字。`);
  const agencyId = idOf(input.agencyId);
  const [ag] = agencyId ? await db.select(placementColumns).from(agencies).where(eq(agencies.id, agencyId)) : [];
  if (!ag || !officeActs(a, ag) || ag.govId == null) p.add('agencyId', '请选择本级政府的单位（部门、乡镇或村、社区）。');
  p.done();
  return { name, place, agencyId: agencyId!, govId: ag!.govId! };
}

/** The boards of the person's own government with how many notices are up on each; active first. */
export async function staffBoards(ctx: Ctx): Promise<BoardRow[]> {
  const a = office(ctx);
  if (a.placement.govId == null) return [];
  const posted = sql<number>`(select count(*)::int from ${offlinePostings} where ${offlinePostings.boardId} = ${offlineBoards.id} and ${offlinePostings.state} = 'posted')`;
  const rows = await ctx.db.select({ b: offlineBoards, agencyName: agencies.name, posted }).from(offlineBoards).innerJoin(agencies, eq(agencies.id, offlineBoards.agencyId))
    .where(eq(offlineBoards.govId, a.placement.govId)).orderBy(desc(offlineBoards.active), asc(agencies.path), asc(offlineBoards.id));
  return rows.map(({ b: { submitKey: _k, ...b }, agencyName, posted: n }) => ({ ...b, agencyName, posted: Number(n) }));
}

/** One board, for the office that keeps it (anything else: not found). */
export async function staffBoard(ctx: Ctx, id: number): Promise<BoardRow> {
  const a = office(ctx);
  const [r] = await ctx.db.select({ b: offlineBoards, ag: placementColumns, agencyName: agencies.name }).from(offlineBoards).innerJoin(agencies, eq(agencies.id, offlineBoards.agencyId)).where(eq(offlineBoards.id, id));
  if (!r || !officeActs(a, r.ag)) throw forbiddenAsNotFound('公开栏');
  const { submitKey: _k, ...b } = r.b;
  const [n] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(offlinePostings).where(and(eq(offlinePostings.boardId, id), eq(offlinePostings.state, 'posted')));
  return { ...b, agencyName: r.agencyName, posted: Number(n?.n ?? 0) };
}

/** Registers a board; the form sent twice registers one. Audited. */
export async function createBoard(ctx: Ctx, input: BoardInput): Promise<number> {
  const a = office(ctx);
  const v = await cleanBoard(ctx.db, a, input);
  const key = keyOf(input.submitKey);
  return ctx.db.transaction(async (tx) => {
    if (key) {
      const [done] = await tx.select({ id: offlineBoards.id }).from(offlineBoards).where(eq(offlineBoards.submitKey, key));
      if (done) return done.id;
    }
    const [row] = await tx.insert(offlineBoards).values({ ...v, submitKey: key }).returning({ id: offlineBoards.id });
    await recordAudit(tx, auditActor(a), { action: 'offline.board_created', targetType: 'offline_board', targetId: row!.id, after: v });
    return row!.id;
  });
}

/** Changes a board's name, place or keeper; audited with what it was. */
export async function updateBoard(ctx: Ctx, id: number, input: BoardInput): Promise<void> {
  const a = office(ctx);
  await ctx.db.transaction(async (tx) => {
    const before = await staffBoard({ db: tx, actor: a }, id);
    const v = await cleanBoard(tx, a, input);
    await tx.update(offlineBoards).set({ ...v, updatedAt: new Date() }).where(eq(offlineBoards.id, id));
    await recordAudit(tx, auditActor(a), { action: 'offline.board_updated', targetType: 'offline_board', targetId: id, before: { name: before.name, place: before.place, agencyId: before.agencyId }, after: v });
  });
}

/** Retires a board (removed, replaced) or puts it back; a board with notices up cannot be retired. Audited. */
export async function setBoardActive(ctx: Ctx, id: number, active: boolean): Promise<void> {
  const a = office(ctx);
  await ctx.db.transaction(async (tx) => {
    const b = await staffBoard({ db: tx, actor: a }, id);
    if (b.active === active) throw conflict('unchanged', active ? '该公开栏已在使用。' : '该公开栏已经停用。');
    if (!active && b.posted > 0) throw conflict('board_in_use', `该公开栏上还有 ${b.posted} 份张贴中的公告，请先撤下再停用。`);
    await tx.update(offlineBoards).set({ active, updatedAt: new Date() }).where(eq(offlineBoards.id, id));
    await recordAudit(tx, auditActor(a), { action: active ? 'offline.board_reactivated' : 'offline.board_deactivated', targetType: 'offline_board', targetId: id, before: { active: !active }, after: { active } });
  });
}

// ---- postings ----

export type PostingInput = { boardId?: string | number; fromOn?: string; toOn?: string; paper?: string; submitKey?: string };

/**
 * Records that a notice was posted. The dates default to the notice's 公示 period: a notice with
 * `until` is posted until then at the latest, and comes down by itself after that day.
 */
export async function createPosting(ctx: Ctx, notice: { kind: string; id: number; notice: Notice }, input: PostingInput, today = todayInShanghai()): Promise<number> {
  const a = office(ctx);
  const p = new FieldProblems();
  const boardId = idOf(input.boardId);
  const board = boardId ? await staffBoard(ctx, boardId).catch(() => null) : null;
  if (!board) p.add('boardId', '请选择本级政府的公开栏。');
  else if (!board.active) p.add('boardId', '该公开栏已停用，请选择其他公开栏。');
  const fromOn = t(input.fromOn), toOn = t(input.toOn) || notice.notice.until || '';
  if (!isIsoDate(fromOn)) p.add('fromOn', '请填写有效的张贴日期，如 2026-09-01。');
  else if (fromOn > addDays(today, 30) || fromOn < addDays(today, -MAX_POSTING_DAYS)) p.add('fromOn', '张贴日期应在一年内（最晚为 30 天后）。');
  if (!isIsoDate(toOn)) p.add('toOn', '请填写有效的撤下日期，如 2026-09-08。');
  else if (isIsoDate(fromOn) && toOn < fromOn) p.add('toOn', '撤下日期不能早于张贴日期。');
  else if (isIsoDate(fromOn) && toOn > addDays(fromOn, MAX_POSTING_DAYS)) p.add('toOn', `张贴期不超过 ${MAX_POSTING_DAYS} 天。`);
  else if (notice.notice.until && toOn > notice.notice.until) p.add('toOn', `公示期到 ${notice.notice.until} 结束，撤下日期不能晚于这一天。`);
  const paper = t(input.paper) === 'A3' ? 'A3' : 'A4';
  p.done();
  const key = keyOf(input.submitKey);
  return ctx.db.transaction(async (tx) => {
    if (key) {
      const [done] = await tx.select({ id: offlinePostings.id }).from(offlinePostings).where(eq(offlinePostings.submitKey, key));
      if (done) return done.id;
    }
    const v = { boardId: board!.id, govId: board!.govId, noticeKind: notice.kind, noticeId: notice.id, title: notice.notice.title.slice(0, 500), paper, fromOn, toOn, autoTakeDown: notice.notice.until != null } as const;
    const [row] = await tx.insert(offlinePostings).values({ ...v, submitKey: key }).returning({ id: offlinePostings.id });
    await recordAudit(tx, auditActor(a), { action: 'offline.posted', targetType: 'offline_posting', targetId: row!.id, after: v });
    return row!.id;
  });
}

const postingCols = { p: offlinePostings, boardName: offlineBoards.name, ag: placementColumns };
const flat = (r: { p: typeof offlinePostings.$inferSelect; boardName: string }): PostingRow => {
  const { submitKey: _k, ...p } = r.p;
  return { ...p, boardName: r.boardName };
};

/** One posting, for the office that keeps its board. */
export async function staffPosting(ctx: Ctx, id: number): Promise<PostingRow> {
  const a = office(ctx);
  const [r] = await ctx.db.select(postingCols).from(offlinePostings).innerJoin(offlineBoards, eq(offlineBoards.id, offlinePostings.boardId))
    .innerJoin(agencies, eq(agencies.id, offlineBoards.agencyId)).where(eq(offlinePostings.id, id));
  if (!r || !officeActs(a, r.ag)) throw forbiddenAsNotFound('张贴记录');
  return flat(r);
}

/** The postings of a board, those up first, newest first. */
export async function boardPostings(ctx: Ctx, boardId: number): Promise<PostingRow[]> {
  await staffBoard(ctx, boardId);
  const rows = await ctx.db.select(postingCols).from(offlinePostings).innerJoin(offlineBoards, eq(offlineBoards.id, offlinePostings.boardId))
    .innerJoin(agencies, eq(agencies.id, offlineBoards.agencyId)).where(eq(offlinePostings.boardId, boardId))
    .orderBy(asc(offlinePostings.state), desc(offlinePostings.fromOn), desc(offlinePostings.id)).limit(500);
  return rows.map(flat);
}

/** Postings up on the boards of the person's own government (for the worklist). */
export async function postedInGovernment(ctx: Ctx): Promise<PostingRow[]> {
  const a = office(ctx);
  if (a.placement.govId == null) return [];
  const rows = await ctx.db.select(postingCols).from(offlinePostings).innerJoin(offlineBoards, eq(offlineBoards.id, offlinePostings.boardId))
    .innerJoin(agencies, eq(agencies.id, offlineBoards.agencyId)).where(and(eq(offlinePostings.govId, a.placement.govId), eq(offlinePostings.state, 'posted')))
    .orderBy(asc(offlinePostings.toOn)).limit(500);
  return rows.map(flat);
}

/** A person takes a posting down (on its end day, or early when the notice was replaced). Audited. */
export async function takeDown(ctx: Ctx, id: number, today = todayInShanghai()): Promise<void> {
  const a = office(ctx);
  await ctx.db.transaction(async (tx) => {
    const p = await staffPosting({ db: tx, actor: a }, id);
    if (p.state !== 'posted') throw conflict('unchanged', '该公告已经撤下。');
    const [done] = await tx.update(offlinePostings).set({ state: 'taken_down', takenDownOn: today, takenDownBy: a.name })
      .where(and(eq(offlinePostings.id, id), eq(offlinePostings.state, 'posted'))).returning({ id: offlinePostings.id });
    if (!done) throw conflict('unchanged', '该公告已经撤下。');
    await recordAudit(tx, auditActor(a), { action: 'offline.taken_down', targetType: 'offline_posting', targetId: id, before: { state: 'posted' }, after: { state: 'taken_down', on: today } });
  });
}

const JPEG = [0xff, 0xd8, 0xff], PNG = [0x89, 0x50, 0x4e, 0x47];
const photoProblem = (msg: string) => invalid(msg, { fields: { photo: msg } });

/** The photo of the notice on its board, checked and re-encoded by the files module (staff only). Audited. */
export async function setPostingPhoto(ctx: Ctx, id: number, file: StoreInput): Promise<void> {
  await staffPosting(ctx, id);
  const starts = (sig: number[]) => sig.every((b, i) => file.buffer[i] === b);
  if (!/\.(jpe?g|png)$/i.test(file.filename) || !(starts(JPEG) || starts(PNG))) throw photoProblem('只能上传 JPG 或 PNG 格式的照片。');
  if (file.buffer.length > MAX_PHOTO_BYTES) throw photoProblem('照片不能超过 10 MB。');
  let stored;
  try {
    stored = await storeFile(ctx, file, { maxBytes: MAX_PHOTO_BYTES });
  } catch (e) {
    if (e instanceof Error && 'status' in e && (e as { status: number }).status === 400) throw photoProblem((e as Error).message);
    throw e;
  }
  await ctx.db.transaction(async (tx) => {
    const a = office(ctx);
    const p = await staffPosting({ db: tx, actor: a }, id);
    await tx.update(offlinePostings).set({ photoFileId: stored.id }).where(eq(offlinePostings.id, id));
    await recordAudit(tx, auditActor(a), { action: 'offline.photo_set', targetType: 'offline_posting', targetId: id, before: { fileId: p.photoFileId }, after: { fileId: stored.id } });
  });
}

/** Whether the person may see a stored photo: it is a posting's on a board their office keeps. */
export async function mayReadPostingPhoto(ctx: Ctx & { actor: Actor }, fileId: number): Promise<boolean> {
  const rows = await ctx.db.select({ ag: placementColumns }).from(offlinePostings).innerJoin(offlineBoards, eq(offlineBoards.id, offlinePostings.boardId))
    .innerJoin(agencies, eq(agencies.id, offlineBoards.agencyId)).where(eq(offlinePostings.photoFileId, fileId)).limit(50);
  return rows.some((r) => officeActs(ctx.actor, r.ag));
}

/**
 * The scheduled take-down: every posting whose notice had a 公示 end and whose last day is past
 * (Shanghai calendar) comes down, recorded and audited as done by the system. Safe in several
 * instances at once: the update only takes rows still posted.
 */
export async function takeDownEnded(db: Db, now = new Date()): Promise<number[]> {
  const today = todayInShanghai(now);
  return db.transaction(async (tx) => {
    const due = await tx.select({ id: offlinePostings.id }).from(offlinePostings)
      .where(and(eq(offlinePostings.state, 'posted'), eq(offlinePostings.autoTakeDown, true), lt(offlinePostings.toOn, today))).limit(500).for('update', { skipLocked: true });
    if (!due.length) return [];
    const ids = due.map((d) => d.id);
    const done = await tx.update(offlinePostings).set({ state: 'taken_down', takenDownOn: today, takenDownBy: '系统（公示期满）' })
      .where(and(inArray(offlinePostings.id, ids), eq(offlinePostings.state, 'posted'))).returning({ id: offlinePostings.id });
    for (const d of done) await recordAudit(tx, auditActor(null), { action: 'offline.auto_taken_down', targetType: 'offline_posting', targetId: d.id, before: { state: 'posted' }, after: { state: 'taken_down', on: today } });
    return done.map((d) => d.id);
  });
}
