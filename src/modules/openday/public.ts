// What the public pages of 政府开放日 show: announced (or cancelled) events of one government site,
// sessions with places left, the published list of masked names, and the 回顾 (the office's published
// text and the answered opinions).
// No name, phone or ID number leaves this file except masked names in a published list.
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { odEvents, odRegistrations, odSessions } from './schema.js';
import { publicSummary, publishedList, publishedSummaryText, type EventRow, type SessionRow } from './events.js';

export type PublicSession = SessionRow & { taken: number; left: number };
export type PublicEventView = {
  e: EventRow; host: string; sessions: PublicSession[];
  list: { sessionId: number; name: string }[]; summary: Awaited<ReturnType<typeof publicSummary>>;
  regStatus: 'not_open' | 'open' | 'closed' | 'cancelled';
};

const visible = ['announced', 'cancelled'] as const;

/** Announced and cancelled events of a government site, the newest first (drafts never). */
export async function publicEvents(db: Exec, govId: number | null) {
  const where = govId === null ? inArray(odEvents.state, [...visible]) : and(eq(odEvents.govId, govId), inArray(odEvents.state, [...visible]));
  const rows = await db.select({ e: odEvents, host: agencies.name }).from(odEvents).innerJoin(agencies, eq(agencies.id, odEvents.agencyId)).where(where).orderBy(desc(odEvents.regOpensAt), desc(odEvents.id));
  const ids = rows.map((r) => r.e.id);
  const sessions = ids.length ? await db.select().from(odSessions).where(inArray(odSessions.eventId, ids)).orderBy(asc(odSessions.startsAt), asc(odSessions.id)) : [];
  return rows.map((r) => ({ ...r.e, host: r.host, sessions: sessions.filter((s) => s.eventId === r.e.id) }));
}

export const regStatusOf = (e: EventRow, now = new Date()): PublicEventView['regStatus'] =>
  e.state === 'cancelled' ? 'cancelled' : now < e.regOpensAt ? 'not_open' : now >= e.regClosesAt ? 'closed' : 'open';

/** One public event of this site (a draft or another government's event: not found). */
export async function publicEvent(db: Exec, id: number, govId: number | null, now = new Date()): Promise<PublicEventView> {
  const [r] = await db.select({ e: odEvents, host: agencies.name }).from(odEvents).innerJoin(agencies, eq(agencies.id, odEvents.agencyId)).where(eq(odEvents.id, id));
  if (!r || r.e.state === 'draft' || (govId !== null && r.e.govId !== govId)) throw notFound('开放日活动');
  const sessions = await db.select().from(odSessions).where(eq(odSessions.eventId, id)).orderBy(asc(odSessions.startsAt), asc(odSessions.id));
  const holdingStates = r.e.mode === 'first_come' ? ['confirmed' as const] : ['selected' as const];
  const taken = sessions.length ? await db.select({ sessionId: odRegistrations.sessionId, n: count() }).from(odRegistrations).where(and(inArray(odRegistrations.sessionId, sessions.map((s) => s.id)), inArray(odRegistrations.state, holdingStates))).groupBy(odRegistrations.sessionId) : [];
  const [list, summary] = await Promise.all([publishedList(db, id), publicSummary(db, id)]);
  return {
    // The office's 活动回顾 text only once published: a saved draft never leaves the staff pages.
    e: { ...r.e, summary: publishedSummaryText(r.e) }, host: r.host, list, summary, regStatus: regStatusOf(r.e, now),
    sessions: sessions.map((s) => { const n = taken.find((t) => t.sessionId === s.id)?.n ?? 0; return { ...s, taken: n, left: Math.max(0, s.capacity - n) }; }),
  };
}
