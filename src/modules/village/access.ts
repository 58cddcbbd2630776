// Who reads and acts on a village's (or township's) 村务 records. A clerk is an editor placed at the
// village, the 村务监督委员会 a reviewer placed there; the township's staff read every village
// under it and enter the shared records; the office reads everything in reach.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { hasRole, requireRole, type Actor } from '../../core/auth/actor.js';
import { notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { agencyInReach, officeReads, placementColumns, type AgencyPlace } from '../../core/org/scope.js';

export const STAFF_ROLES = ['editor', 'reviewer', 'office', 'admin'] as const;
export type Place = AgencyPlace & { name: string; kind: string; parentId: number | null };
export const VILLAGE_KINDS = ['village', 'community'] as const;
export const isVillage = (p: { kind: string }) => p.kind === 'village' || p.kind === 'community';

const placeColumns = { ...placementColumns, name: agencies.name, kind: agencies.kind, parentId: agencies.parentId };

export async function placeOf(db: Exec, id: number): Promise<Place | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [a] = await db.select(placeColumns).from(agencies).where(eq(agencies.id, id));
  return a ?? null;
}

/** Whether the person reads the agency's 村务 records: their own, a township's staff for its villages, the office within reach. */
export function reads(actor: Actor, p: Place): boolean {
  if (actor.agencyId === p.id) return true;
  if ((hasRole(actor, 'editor') || hasRole(actor, 'reviewer')) && p.path.startsWith(actor.placement.agencyPath)) return true;
  return officeReads(actor, p);
}
/** The clerk of the record's agency (the village's, or for a shared record the township's editor). */
export const isClerk = (actor: Actor, agencyId: number) => actor.agencyId === agencyId && hasRole(actor, 'editor');
/** The 村务监督委员会 of the village (the township's reviewer for its shared records). */
export const isSupervisor = (actor: Actor, agencyId: number) => actor.agencyId === agencyId && hasRole(actor, 'reviewer');

/** Requires a staff person who reads the agency; others get "not found". */
export async function requirePlace(db: Exec, actorIn: Actor | null, id: number): Promise<{ actor: Actor; place: Place }> {
  const actor = requireRole(actorIn, ...STAFF_ROLES);
  const place = await placeOf(db, id);
  if (!place || !reads(actor, place)) throw notFound('村（居）');
  return { actor, place };
}

/** The villages and communities a person reads (their own, their township's, their government's in reach). */
export async function villagesInView(db: Exec, actorIn: Actor | null): Promise<Place[]> {
  const actor = requireRole(actorIn, ...STAFF_ROLES);
  const rows = await db.select(placeColumns).from(agencies)
    .where(and(inArray(agencies.kind, [...VILLAGE_KINDS]), agencyInReach(agencies.id, actor)))
    .orderBy(asc(agencies.path), asc(agencies.sort));
  return rows.filter((p) => reads(actor, p));
}

/** The villages directly under a township. */
export async function villagesOf(db: Exec, townshipId: number): Promise<Place[]> {
  return db.select(placeColumns).from(agencies).where(and(eq(agencies.parentId, townshipId), inArray(agencies.kind, [...VILLAGE_KINDS]))).orderBy(asc(agencies.sort), asc(agencies.id));
}
