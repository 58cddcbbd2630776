// Typed reads and the one way events are appended. Service functions check permissions first;
// nothing here does, so nothing here is exported beyond the module.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { placementColumns, type AgencyPlace } from '../../core/org/scope.js';
import { computeClock, type Clock } from './clock.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { foiApplications, foiEvents, type CaseState, type EventKind } from './schema.js';

export type CaseRow = typeof foiApplications.$inferSelect;
export type EventRow = typeof foiEvents.$inferSelect;

export async function caseById(db: Exec, id: number): Promise<CaseRow> {
  const [row] = await db.select().from(foiApplications).where(eq(foiApplications.id, id));
  if (!row) throw notFound('申请');
  return row;
}

/** Where a case's agency sits in the government tree, and its name: what the scope rule reads. */
export async function placeOfAgency(db: Exec, agencyId: number): Promise<AgencyPlace & { name: string }> {
  const [row] = await db.select({ ...placementColumns, name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId));
  if (!row) throw notFound('申请');
  return row;
}

export async function caseIdByCode(db: Exec, code: string): Promise<number> {
  const [row] = await db.select({ id: foiApplications.id }).from(foiApplications).where(eq(foiApplications.code, code));
  if (!row) throw notFound('申请');
  return row.id;
}

/** Locks the case row for the rest of the transaction, so two clerks cannot act on it at once. */
export async function lockCase(tx: Exec, id: number): Promise<CaseRow> {
  const [row] = await tx.select().from(foiApplications).where(eq(foiApplications.id, id)).for('update');
  if (!row) throw notFound('申请');
  return row;
}

export const eventsOf = (db: Exec, applicationId: number): Promise<EventRow[]> =>
  db.select().from(foiEvents).where(eq(foiEvents.applicationId, applicationId)).orderBy(asc(foiEvents.id));

export async function eventsFor(db: Exec, ids: number[]): Promise<Map<number, EventRow[]>> {
  const out = new Map<number, EventRow[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = await db.select().from(foiEvents).where(inArray(foiEvents.applicationId, ids)).orderBy(asc(foiEvents.id));
  for (const r of rows) out.get(r.applicationId)!.push(r);
  return out;
}

export type NewEvent = { kind: EventKind; on: string; actorId?: number | null; data?: Record<string, unknown>; publicNote?: string; visible?: boolean };

export async function appendEvent(tx: Exec, applicationId: number, e: NewEvent): Promise<EventRow> {
  const [row] = await tx
    .insert(foiEvents)
    .values({ applicationId, kind: e.kind, on: e.on, actorId: e.actorId ?? null, data: e.data ?? {}, publicNote: e.publicNote ?? '', visible: e.visible ?? true })
    .returning();
  return row!;
}

export async function setState(tx: Exec, id: number, state: CaseState, extra: Partial<CaseRow> = {}): Promise<void> {
  await tx.update(foiApplications).set({ ...extra, state }).where(eq(foiApplications.id, id));
}

export async function clockOf(db: Db, events: EventRow[], countStartDay: boolean): Promise<Clock> {
  return computeClock(await loadCalendar(db), events, { countStartDay });
}

export const openStates: CaseState[] = ['pending_confirmation', 'in_progress', 'awaiting_supplement', 'consulting', 'awaiting_payment'];
export const byAgencies = (ids: number[]) => (ids.length ? inArray(foiApplications.agencyId, ids) : eq(foiApplications.id, -1));
export const openIn = (ids: number[]) => and(byAgencies(ids), inArray(foiApplications.state, openStates));
