// Who may do what with a meeting: exactly who may with its consultation (participation's scope
// rule: the drafting agency's staff run it, the office of its government runs and supervises it,
// the offices above read it). Every service function checks the actor here first.
import { eq } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { requireRole, type Actor } from '../../core/auth/actor.js';
import { notFound } from '../../core/errors.js';
import { forReading, forRunning } from '../participation/consultations.js';
import { STAFF_ROLES } from '../participation/policy.js';
import { hearMeetings } from './schema.js';

export { STAFF_ROLES };
export type MeetingRow = typeof hearMeetings.$inferSelect;

async function load(db: Exec, id: number, lock: boolean): Promise<MeetingRow> {
  const q = db.select().from(hearMeetings).where(eq(hearMeetings.id, id));
  const [m] = lock ? await q.for('update') : await q;
  if (!m) throw notFound('会议');
  return m;
}

/** The meeting, for a person who runs its consultation (others: read-only refusal, or not found). */
export async function meetingForRunning(db: Exec, actor: Actor | null, id: number, lock = false): Promise<{ actor: Actor; m: MeetingRow }> {
  const a = requireRole(actor, ...STAFF_ROLES);
  const m = await load(db, id, lock);
  await forRunning(db, a, m.consultationId).catch((e) => { throw e?.code === 'not_found' ? notFound('会议') : e; });
  return { actor: a, m };
}

/** The meeting, for a person who may read its consultation; says whether they may also run it. */
export async function meetingForReading(db: Exec, actor: Actor | null, id: number): Promise<{ actor: Actor; m: MeetingRow; mayRun: boolean }> {
  const a = requireRole(actor, ...STAFF_ROLES);
  const m = await load(db, id, false);
  const r = await forReading(db, a, m.consultationId).catch((e) => { throw e?.code === 'not_found' ? notFound('会议') : e; });
  return { actor: a, m, mayRun: r.mayRun };
}
