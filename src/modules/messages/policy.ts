// Who may do what with a message, under the one scope rule (core/org/scope.ts): the handling
// agency's staff act on it and see the writer in clear; the office acts on its own government's
// messages and reads those within its reach; nobody else sees it (not found).
import { eq } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { hasRole, requireRole, type Actor } from '../../core/auth/actor.js';
import { forbidden, notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { officeActs, officeReads, placementColumns, type AgencyPlace } from '../../core/org/scope.js';
import { msgMessages } from './schema.js';

export const STAFF_ROLES = ['editor', 'reviewer', 'office', 'admin'] as const;
export type MessageRow = typeof msgMessages.$inferSelect;

export async function placeOf(db: Exec, agencyId: number): Promise<AgencyPlace | null> {
  const [a] = await db.select(placementColumns).from(agencies).where(eq(agencies.id, agencyId));
  return a ?? null;
}

export const handles = (a: Actor, m: { agencyId: number }) => a.agencyId === m.agencyId && (['editor', 'reviewer', 'office'] as const).some((r) => hasRole(a, r));

/** The message, for one who may act on it: its handling agency, or the office of its government. */
export async function messageForActing(db: Exec, actor: Actor | null, id: number): Promise<{ actor: Actor; m: MessageRow }> {
  const a = requireRole(actor, ...STAFF_ROLES);
  const [m] = await db.select().from(msgMessages).where(eq(msgMessages.id, id)).for('update');
  if (!m) throw notFound('留言');
  if (handles(a, m)) return { actor: a, m };
  const place = await placeOf(db, m.agencyId);
  if (place && officeActs(a, place)) return { actor: a, m };
  if (place && officeReads(a, place)) throw forbidden('该留言由承办单位办理，您只能查看。');
  throw notFound('留言');
}

/** The message, for one who may read it; says whether they may act. */
export async function messageForReading(db: Exec, actor: Actor | null, id: number): Promise<{ actor: Actor; m: MessageRow; mayAct: boolean }> {
  const a = requireRole(actor, ...STAFF_ROLES);
  const [m] = await db.select().from(msgMessages).where(eq(msgMessages.id, id));
  if (!m) throw notFound('留言');
  if (handles(a, m)) return { actor: a, m, mayAct: true };
  const place = await placeOf(db, m.agencyId);
  if (place && officeActs(a, place)) return { actor: a, m, mayAct: true };
  if (place && officeReads(a, place)) return { actor: a, m, mayAct: false };
  throw notFound('留言');
}
