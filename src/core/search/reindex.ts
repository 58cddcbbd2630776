import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { publishedItems } from '../../modules/catalog/queries.js';
import { listAgencies } from '../../modules/org/service.js';
import { indexEntry } from './index.js';
import { searchEntries } from './schema.js';
import { agencyEntry, catalogItemEntry } from './sources.js';

/**
 * Rebuilds the catalog items (current published versions) and agencies from their tables, in
 * one transaction so readers never see a half-built index. Documents belong to the info module,
 * which rebuilds its own kind.
 */
export async function reindexAll(db: Db): Promise<{ catalogItems: number; agencies: number }> {
  const byId = new Map<number, Awaited<ReturnType<typeof publishedItems>>[number]>();
  for (let offset = 0; ; offset += 5000) {
    const page = await publishedItems(db, { limit: 5000, offset });
    for (const i of page) byId.set(i.id, i);
    if (page.length < 5000) break;
  }
  const items = [...byId.values()];
  const orgs = await listAgencies(db);
  await db.transaction(async (tx) => {
    await tx.delete(searchEntries).where(sql`${searchEntries.kind} in ('catalog_item', 'agency')`);
    await indexEntry(tx, items.map(catalogItemEntry));
    await indexEntry(tx, orgs.map(agencyEntry));
  });
  return { catalogItems: items.length, agencies: orgs.length };
}

/**
 * At start-up: builds the index when it holds no catalog items or no agencies (a new installation,
 * or data that was seeded or restored around the services). Otherwise the services keep it current.
 */
export async function ensureSearchIndex(db: Db): Promise<void> {
  const has = async (kind: 'agency' | 'catalog_item') =>
    (await db.select({ one: sql`1` }).from(searchEntries).where(eq(searchEntries.kind, kind)).limit(1)).length > 0;
  if (!(await has('agency')) || !(await has('catalog_item'))) await reindexAll(db);
}
