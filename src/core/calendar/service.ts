import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { requireTopGovernment } from '../org/scope.js';
import { requireRole } from '../auth/actor.js';
import { recordAudit } from '../audit/service.js';
import { auditActor, type Ctx } from '../context.js';
import { AppError, invalid, notFound } from '../errors.js';
import { addWorkdays, buildCalendar, noDataWarning, yearsWithoutData, type Calendar, type Override, type OverrideKind } from './calendar.js';
import { MAX_YEAR, MIN_YEAR, parseIsoDate, type IsoDate } from './dates.js';
import { entryProblems, kindFromWord, parseImport } from './import.js';
import { calendarOverrides } from './schema.js';

export type OverrideRow = typeof calendarOverrides.$inferSelect;

/**
 * Overrides change a few times a year and every deadline reads them, so they are kept in memory
 * per database. A change through this instance empties the cache after it commits; the TTL bounds
 * how long another app instance can count with a calendar older than a change made elsewhere.
 */
const CACHE_TTL_MS = 60_000;
const cache = new WeakMap<Db, { cal: Calendar; at: number }>();
const generation = new WeakMap<Db, number>();

const toOverride = (r: OverrideRow): Override => ({ date: r.date, kind: r.kind, name: r.name, note: r.note });

export async function loadCalendar(db: Db): Promise<Calendar> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.cal;
  const gen = generation.get(db) ?? 0;
  const rows = await db.select().from(calendarOverrides);
  const cal = buildCalendar(rows.map(toOverride));
  // A load that overlapped a change may have read the old rows: use it, but do not keep it.
  if ((generation.get(db) ?? 0) === gen) cache.set(db, { cal, at: Date.now() });
  return cal;
}

export function invalidateCalendar(db: Db): void {
  generation.set(db, (generation.get(db) ?? 0) + 1);
  cache.delete(db);
}

export type Deadline = { start: IsoDate; workdays: number; due: IsoDate; countStartDay: boolean; warnings: string[] };

/** The due date of "within N working days from start", with loud warnings where the calendar is unknown. */
export async function computeDeadline(db: Db, input: { start: string; workdays: number; countStartDay?: boolean }): Promise<Deadline> {
  const start = parseIsoDate(input.start, '起算日期');
  const countStartDay = input.countStartDay ?? false;
  const cal = await loadCalendar(db);
  const due = addWorkdays(cal, start, input.workdays, { countStartDay });
  return { start, workdays: input.workdays, due, countStartDay, warnings: yearsWithoutData(cal, start, due).map(noDataWarning) };
}

function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw invalid(`年份应为 ${MIN_YEAR} 到 ${MAX_YEAR} 之间的整数。`);
  return year;
}

/** The office's entries, for a year or all. Public information (it is the official calendar), so no role check. */
export async function listOverrides(src: Ctx | Db, year?: number): Promise<OverrideRow[]> {
  const db = 'actor' in src ? src.db : src;
  const q = db.select().from(calendarOverrides);
  if (year === undefined) return q.orderBy(asc(calendarOverrides.date));
  checkYear(year);
  return q.where(and(gte(calendarOverrides.date, `${year}-01-01`), lte(calendarOverrides.date, `${year}-12-31`))).orderBy(asc(calendarOverrides.date));
}

export type OverrideInput = { date: string; kind: string; name?: string; note?: string };

function checkEntry(input: OverrideInput): Override {
  const e = { date: input.date, kind: input.kind, name: (input.name ?? '').trim(), note: (input.note ?? '').trim() };
  const problems = entryProblems(e);
  if (problems.length) {
    const onlyDate = problems.every((p) => p.startsWith('日期'));
    throw new AppError(onlyDate ? 'invalid_date' : 'invalid_input', 400, problems.join('；') + '。');
  }
  return { ...e, kind: kindFromWord(e.kind) as OverrideKind };
}

async function upsert(tx: Exec, o: Override, userId: number): Promise<OverrideRow> {
  const [row] = await tx
    .insert(calendarOverrides)
    .values({ ...o, createdBy: userId })
    .onConflictDoUpdate({ target: calendarOverrides.date, set: { kind: o.kind, name: o.name, note: o.note, createdBy: userId, createdAt: new Date() } })
    .returning();
  return row!;
}

/** Declares one day a working day or a day off (insert or replace). */
export async function setOverride(ctx: Ctx, input: OverrideInput): Promise<OverrideRow> {
  const actor = requireTopGovernment(requireRole(ctx.actor, 'office', 'admin'));
  const o = checkEntry(input);
  const row = await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarOverrides).where(eq(calendarOverrides.date, o.date));
    const after = await upsert(tx, o, actor.userId);
    await recordAudit(tx, auditActor(actor), { action: 'calendar.override_set', targetType: 'calendar_override', targetId: o.date, before: before ?? null, after });
    return after;
  });
  invalidateCalendar(ctx.db);
  return row;
}

export async function removeOverride(ctx: Ctx, date: string): Promise<void> {
  const actor = requireTopGovernment(requireRole(ctx.actor, 'office', 'admin'));
  const d = parseIsoDate(date);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.delete(calendarOverrides).where(eq(calendarOverrides.date, d)).returning();
    if (!before) throw notFound('日历调整');
    await recordAudit(tx, auditActor(actor), { action: 'calendar.override_removed', targetType: 'calendar_override', targetId: d, before });
  });
  invalidateCalendar(ctx.db);
}

/** Imports a list (see parseImport): every line is saved, or none is. One audit event lists them all. */
export async function importOverrides(ctx: Ctx, text: string): Promise<Override[]> {
  const actor = requireTopGovernment(requireRole(ctx.actor, 'office', 'admin'));
  const entries = parseImport(text);
  await ctx.db.transaction(async (tx) => {
    const dates = entries.map((e) => e.date);
    const before = await tx.select().from(calendarOverrides).where(inArray(calendarOverrides.date, dates)).orderBy(asc(calendarOverrides.date));
    for (const e of entries) await upsert(tx, e, actor.userId);
    await recordAudit(tx, auditActor(actor), {
      action: 'calendar.imported', targetType: 'calendar_override', targetId: `${dates[0]}..${dates.at(-1)}`,
      before: before.map(toOverride), after: { count: entries.length, entries },
    });
  });
  invalidateCalendar(ctx.db);
  return entries;
}
