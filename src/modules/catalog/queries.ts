import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { catalogItems, catalogs, catalogVersions, domains } from './schema.js';
import type { Level } from './types.js';
import { toInput, versionItems, type Domain, type Item } from './repository.js';
import { diffItems, type ItemDiff } from './diff.js';

export const listDomains = (db: Db): Promise<Domain[]> => db.select().from(domains).orderBy(asc(domains.sort), asc(domains.id));

export async function domainByCode(db: Db, code: string): Promise<Domain> {
  const [d] = await db.select().from(domains).where(eq(domains.code, code));
  if (!d) throw notFound('领域');
  return d;
}

export type PublicItem = Item & { catalogId: number; agencyId: number; agencyName: string; domainId: number; domainCode: string; domainName: string; versionNo: number; publishedAt: Date | null };

/** Items of published catalog versions only; the filter on state is in the query itself. */
/** A public site's government: only its own agencies' catalogs (null or absent: the whole installation). */
type SiteFilter = { govId?: number | null };

export async function publishedItems(db: Db, f: SiteFilter & { domainId?: number; agencyId?: number; level?: Level; itemId?: number; limit?: number; offset?: number } = {}): Promise<PublicItem[]> {
  const where: SQL[] = [eq(catalogVersions.state, 'published')];
  if (f.govId != null) where.push(eq(agencies.govId, f.govId));
  if (f.domainId) where.push(eq(catalogs.domainId, f.domainId));
  if (f.agencyId) where.push(eq(catalogs.agencyId, f.agencyId));
  if (f.itemId) where.push(eq(catalogItems.id, f.itemId));
  if (f.level) where.push(sql`${catalogItems.levels} @> ${JSON.stringify([f.level])}::jsonb`);
  const rows = await db
    .select({
      item: catalogItems,
      catalogId: catalogs.id,
      agencyId: agencies.id,
      agencyName: agencies.name,
      domainId: domains.id,
      domainCode: domains.code,
      domainName: domains.name,
      versionNo: catalogVersions.versionNo,
      publishedAt: catalogVersions.publishedAt,
    })
    .from(catalogItems)
    .innerJoin(catalogVersions, eq(catalogVersions.id, catalogItems.versionId))
    .innerJoin(catalogs, eq(catalogs.id, catalogVersions.catalogId))
    .innerJoin(agencies, eq(agencies.id, catalogs.agencyId))
    .innerJoin(domains, eq(domains.id, catalogs.domainId))
    .where(and(...where))
    .orderBy(asc(domains.sort), asc(agencies.sort), asc(agencies.id), asc(catalogItems.seq))
    .limit(f.limit ?? 1000)
    .offset(f.offset ?? 0);
  return rows.map(({ item, ...rest }) => ({ ...item, ...rest }));
}

export async function publishedItem(db: Db, id: number, govId: number | null = null): Promise<PublicItem> {
  const [item] = await publishedItems(db, { itemId: id, govId, limit: 1 });
  if (!item) throw notFound('公开事项');
  return item;
}

/** Published catalogs (agency × domain) with their item counts, for browsing. */
export async function publishedCatalogs(db: Db, f: SiteFilter & { domainId?: number; agencyId?: number } = {}) {
  const where: SQL[] = [eq(catalogVersions.state, 'published')];
  if (f.govId != null) where.push(eq(agencies.govId, f.govId));
  if (f.domainId) where.push(eq(catalogs.domainId, f.domainId));
  if (f.agencyId) where.push(eq(catalogs.agencyId, f.agencyId));
  return db
    .select({
      catalogId: catalogs.id,
      agencyId: catalogs.agencyId,
      agencyName: agencies.name,
      domainId: catalogs.domainId,
      domainName: domains.name,
      domainCode: domains.code,
      versionNo: catalogVersions.versionNo,
      publishedAt: catalogVersions.publishedAt,
      items: sql<number>`(select count(*)::int from ${catalogItems} where ${catalogItems.versionId} = ${catalogVersions.id})`,
    })
    .from(catalogVersions)
    .innerJoin(catalogs, eq(catalogs.id, catalogVersions.catalogId))
    .innerJoin(agencies, eq(agencies.id, catalogs.agencyId))
    .innerJoin(domains, eq(domains.id, catalogs.domainId))
    .where(and(...where))
    .orderBy(asc(domains.sort), asc(agencies.sort), asc(agencies.id));
}

export type HistoryEntry = { versionNo: number; publishedAt: Date | null; changeNote: string; current: boolean; diff: ItemDiff[] };

/** The public history of a catalog: every version that was published, each with its diff to the one before. */
export async function catalogHistory(db: Db, catalogId: number, govId: number | null = null): Promise<{ catalog: { id: number; agencyName: string; domainName: string; domainCode: string; agencyId: number }; entries: HistoryEntry[] }> {
  const [c] = await db
    .select({ id: catalogs.id, agencyId: agencies.id, agencyName: agencies.name, domainName: domains.name, domainCode: domains.code })
    .from(catalogs)
    .innerJoin(agencies, eq(agencies.id, catalogs.agencyId))
    .innerJoin(domains, eq(domains.id, catalogs.domainId))
    .where(and(eq(catalogs.id, catalogId), govId == null ? undefined : eq(agencies.govId, govId)));
  if (!c) throw notFound('目录');
  const versions = await db
    .select()
    .from(catalogVersions)
    .where(and(eq(catalogVersions.catalogId, catalogId), inArray(catalogVersions.state, ['published', 'superseded'])))
    .orderBy(asc(catalogVersions.versionNo));
  if (versions.length === 0) throw notFound('目录');
  const entries: HistoryEntry[] = [];
  let prev: Item[] = [];
  for (const v of versions) {
    const items = await versionItems(db, v.id);
    entries.push({ versionNo: v.versionNo, publishedAt: v.publishedAt, changeNote: v.changeNote, current: v.state === 'published', diff: diffItems(prev, items) });
    prev = items;
  }
  return { catalog: c, entries: entries.reverse() };
}

export { toInput };
