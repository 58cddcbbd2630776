import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { SearchSource } from '../module.js';
import { indexEntry } from './index.js';
import { searchEntries } from './schema.js';

/**
 * Rebuilds the entries of the given sources (each module declares its own in its manifest) from
 * their tables, in one transaction so readers never see a half-built index.
 */
export async function reindexAll(db: Db, sources: readonly SearchSource[]): Promise<Record<string, number>> {
  const built = await Promise.all(sources.map(async (s) => [s, await s.entries(db)] as const));
  await db.transaction(async (tx) => {
    if (sources.length) await tx.delete(searchEntries).where(inArray(searchEntries.kind, sources.map((s) => s.kind)));
    for (const [, entries] of built) await indexEntry(tx, entries);
  });
  return Object.fromEntries(built.map(([s, entries]) => [s.kind, entries.length]));
}

/**
 * At start-up: rebuilds each source whose kind has no entry at all (a new installation, or data
 * that was seeded or restored around the services). Otherwise the services keep the index current.
 */
export async function ensureSearchIndex(db: Db, sources: readonly SearchSource[]): Promise<void> {
  const empty: SearchSource[] = [];
  for (const s of sources) {
    const [row] = await db.select({ one: sql`1` }).from(searchEntries).where(eq(searchEntries.kind, s.kind)).limit(1);
    if (!row) empty.push(s);
  }
  if (empty.length) await reindexAll(db, empty);
}
