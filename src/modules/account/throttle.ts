import { createHash } from 'node:crypto';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { knownAddresses, signInFailures, type ThrottleScope } from './schema.js';

/**
 * Failed sign-ins slow down the one who fails, not the account holder: counters per typed
 * username and address, per typed username (attempts from many addresses) and per address
 * (one address trying many usernames). Past its free attempts a counter makes the next attempt
 * wait 2, 4, 8 … seconds, up to 15 minutes; it is forgotten a day after its last failure.
 * A person signing in from an address they have signed in from before is never held back.
 */
export const THROTTLE: Record<ThrottleScope, { free: number }> = {
  account_address: { free: 5 },
  account: { free: 10 },
  address: { free: 30 },
};
export const MAX_WAIT_SECONDS = 15 * 60;
export const FORGET_MS = 24 * 60 * 60 * 1000;

/** Seconds to wait after the `failures`-th failure of a counter with `free` free attempts (0 = none). */
export const waitSeconds = (failures: number, free: number): number => (failures < free ? 0 : Math.min(2 ** (failures - free + 1), MAX_WAIT_SECONDS));

const digest = (s: string) => createHash('sha256').update(s).digest('hex');

/** The counters one attempt counts towards. Usernames are compared case-insensitively. */
export function throttleKeys(username: string, address: string): { scope: ThrottleScope; key: string }[] {
  const u = username.toLowerCase();
  return [
    { scope: 'account_address', key: digest(`account_address\n${u}\n${address}`) },
    { scope: 'account', key: digest(`account\n${u}`) },
    { scope: 'address', key: digest(`address\n${address}`) },
  ];
}

/** Seconds until the keys let an attempt through (0 when none of them holds it back). */
export async function blockedFor(db: Db, keys: { key: string }[], now = new Date()): Promise<number> {
  const rows = await db.select({ until: signInFailures.blockedUntil }).from(signInFailures).where(inArray(signInFailures.key, keys.map((k) => k.key)));
  const ms = Math.max(0, ...rows.map((r) => (r.until ? r.until.getTime() - now.getTime() : 0)));
  return Math.ceil(ms / 1000);
}

/**
 * Counts one failure towards each key. Returns, per scope, the new count and whether this failure
 * is the one that started holding attempts back.
 */
export async function countFailure(tx: Exec, keys: { scope: ThrottleScope; key: string }[], now = new Date()): Promise<{ scope: ThrottleScope; failures: number; started: boolean; wait: number }[]> {
  const forgetBefore = new Date(now.getTime() - FORGET_MS);
  const out = [];
  for (const k of keys) {
    const [row] = await tx
      .insert(signInFailures)
      .values({ key: k.key, scope: k.scope, failures: 1, lastFailedAt: now })
      .onConflictDoUpdate({
        target: signInFailures.key,
        set: { failures: sql`case when ${signInFailures.lastFailedAt} < ${forgetBefore} then 1 else ${signInFailures.failures} + 1 end`, lastFailedAt: now },
      })
      .returning({ failures: signInFailures.failures });
    const failures = row!.failures;
    const wait = waitSeconds(failures, THROTTLE[k.scope].free);
    if (wait > 0) await tx.update(signInFailures).set({ blockedUntil: new Date(now.getTime() + wait * 1000) }).where(eq(signInFailures.key, k.key));
    out.push({ scope: k.scope, failures, started: failures === THROTTLE[k.scope].free, wait });
  }
  return out;
}

/** After the right password: this username from this address starts afresh, and the address is known. */
export async function rememberSuccess(tx: Exec, userId: number, keys: { scope: ThrottleScope; key: string }[], address: string, now = new Date()): Promise<void> {
  const pair = keys.find((k) => k.scope === 'account_address')!;
  await tx.delete(signInFailures).where(eq(signInFailures.key, pair.key));
  await tx.delete(signInFailures).where(lt(signInFailures.lastFailedAt, new Date(now.getTime() - FORGET_MS)));
  await tx
    .insert(knownAddresses)
    .values({ userId, address, firstSeenAt: now, lastSeenAt: now })
    .onConflictDoUpdate({ target: [knownAddresses.userId, knownAddresses.address], set: { lastSeenAt: now } });
  // The 20 most recent places are enough to recognise a person's usual ones.
  await tx.execute(sql`delete from ${knownAddresses} where ${knownAddresses.userId} = ${userId} and ${knownAddresses.address} not in (
    select address from ${knownAddresses} where ${knownAddresses.userId} = ${userId} order by ${knownAddresses.lastSeenAt} desc limit 20)`);
}

export async function isKnownAddress(db: Db, userId: number, address: string): Promise<boolean> {
  const rows = await db.select({ a: knownAddresses.address }).from(knownAddresses).where(and(eq(knownAddresses.userId, userId), eq(knownAddresses.address, address)));
  return rows.length > 0;
}

export async function listKnownAddresses(db: Db, userId: number) {
  return db.select().from(knownAddresses).where(eq(knownAddresses.userId, userId)).orderBy(sql`${knownAddresses.lastSeenAt} desc`);
}
