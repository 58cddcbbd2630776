import { createHash } from 'node:crypto';
import { and, asc, desc, eq, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { auditEvents } from './schema.js';
import { users } from '../auth/schema.js';
import { agencies } from '../org/schema.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { agencyInReach } from '../org/scope.js';

export type AuditActor = { userId: number | null; name: string; agencyId: number | null };
export type AuditInput = {
  action: string;
  targetType: string;
  targetId: string | number;
  before?: unknown;
  after?: unknown;
};

const GENESIS = '0'.repeat(64);

type HashFields = {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string;
  agencyId: number | null;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  prevHash: string;
};

/** Canonical JSON (sorted keys) so the hash does not depend on jsonb key order. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  const o = v as Record<string, unknown>;
  return '{' + Object.keys(o).sort().map((k) => JSON.stringify(k) + ':' + canonical(o[k])).join(',') + '}';
}

export function hashEvent(f: HashFields): string {
  return createHash('sha256').update(canonical(f)).digest('hex');
}

/** jsonb round-trips dates as strings; normalise before hashing and storing. */
const plain = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

/**
 * Appends one audit event inside the caller's transaction, so the event exists iff the change does.
 * A transaction-scoped advisory lock serialises writers so the chain stays linear across instances.
 */
export async function recordAudit(tx: Exec, actor: AuditActor, input: AuditInput): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(727274)`);
  const [last] = await tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  const fields: HashFields = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actorId: actor.userId,
    actorName: actor.name,
    agencyId: actor.agencyId,
    action: input.action,
    targetType: input.targetType,
    targetId: String(input.targetId),
    before: plain(input.before),
    after: plain(input.after),
    prevHash: last?.hash ?? GENESIS,
  };
  await tx.insert(auditEvents).values({ ...fields, at: new Date(fields.at), hash: hashEvent(fields) });
}

export type VerifyResult = { ok: true; count: number; head: string } | { ok: false; count: number; seq: number; problem: string };

/** Walks the whole chain; reports the first event whose hash, link or sequence does not hold. */
export async function verifyAuditChain(db: Db): Promise<VerifyResult> {
  let prevHash = GENESIS;
  let expected = 1;
  let count = 0;
  const pageSize = 1000;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.seq} >= ${expected}`)
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    for (const r of rows) {
      if (r.seq !== expected) return { ok: false, count, seq: expected, problem: `event ${expected} is missing` };
      if (r.prevHash !== prevHash) return { ok: false, count, seq: r.seq, problem: 'link to the previous event is broken' };
      const recomputed = hashEvent({
        seq: r.seq,
        at: r.at.toISOString(),
        actorId: r.actorId,
        actorName: r.actorName,
        agencyId: r.agencyId,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        before: r.before ?? null,
        after: r.after ?? null,
        prevHash: r.prevHash,
      });
      if (recomputed !== r.hash) return { ok: false, count, seq: r.seq, problem: 'content does not match its hash' };
      prevHash = r.hash;
      expected++;
      count++;
    }
    if (rows.length < pageSize) return { ok: true, count, head: prevHash };
  }
}

/**
 * The latest events the office and administrators may see, each with the name of what it acted on
 * where that is a person or an agency (the log shows "县民政局 陈科长", not "user #7").
 *
 * An event is seen within the reader's reach (core/org/scope.ts) of the agency of the person who
 * acted (the row records it): a county's office sees its county's events, a city's its own and
 * all its counties', nobody a sibling county's. An event with no acting person (seeding, a
 * scheduled job) goes by what it acted on when that is an account or an agency; any other is
 * seen only at the top of the tree (the installation's own government).
 */
export async function listAuditEvents(ctx: { db: Db; actor: Actor | null }, limit = 200) {
  const actor = requireRole(ctx.actor, 'admin', 'office');
  const bySystem = or(
    and(eq(auditEvents.targetType, 'user'), agencyInReach(users.agencyId, actor)),
    and(eq(auditEvents.targetType, 'agency'), agencyInReach(agencies.id, actor)),
    actor.placement.upperGovId == null ? notInArray(auditEvents.targetType, ['user', 'agency']) : sql`false`,
  );
  const rows = await ctx.db
    .select({ e: auditEvents, userName: users.displayName, agencyName: agencies.name })
    .from(auditEvents)
    .leftJoin(users, and(eq(auditEvents.targetType, 'user'), eq(sql`${users.id}::text`, auditEvents.targetId)))
    .leftJoin(agencies, and(eq(auditEvents.targetType, 'agency'), eq(sql`${agencies.id}::text`, auditEvents.targetId)))
    .where(or(agencyInReach(auditEvents.agencyId, actor), and(isNull(auditEvents.agencyId), bySystem)))
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
  return rows.map(({ e, userName, agencyName }) => ({ ...e, targetName: userName ?? agencyName ?? null }));
}
