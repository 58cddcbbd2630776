import { users } from '../../core/auth/schema.js';
import { agencies } from '../../core/org/schema.js';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { notFound } from '../../core/errors.js';
import { catalogExclusions, catalogItems, catalogs, catalogSupervision, catalogTemplates, catalogTransitions, catalogVersions, domains } from './schema.js';
import { parseTimeLimit, type TimeRule } from './time-rule.js';
import type { CatalogItemInput } from './types.js';

/**
 * A catalog version with its catalog's agency and domain, where the agency sits in the government
 * tree, and which government's departments supervise it (`supervisorGovId`: the government above
 * when its office gave the domain to its own departments in catalog_supervision, else the
 * catalog's own government) — what the policy needs to decide who reads, reviews and publishes.
 */
export type Version = typeof catalogVersions.$inferSelect & { agencyId: number; domainId: number; agencyPath: string; agencyGovId: number | null; supervisorGovId: number | null };
export type Item = typeof catalogItems.$inferSelect;
export type Template = typeof catalogTemplates.$inferSelect;
export type Domain = typeof domains.$inferSelect;

/** The government whose departments review a catalog of this agency and domain (see Version). */
export const supervisorGovSql = sql<number | null>`coalesce(${catalogSupervision.governmentId}, ${agencies.govId})`;

/** catalog_versions joined to what Version carries; add `.where(...)`. */
export const versionsFrom = (db: Exec) =>
  db
    .select({ v: catalogVersions, agencyId: catalogs.agencyId, domainId: catalogs.domainId, agencyPath: agencies.path, agencyGovId: agencies.govId, supervisorGovId: supervisorGovSql })
    .from(catalogVersions)
    .innerJoin(catalogs, eq(catalogs.id, catalogVersions.catalogId))
    .innerJoin(agencies, eq(agencies.id, catalogs.agencyId))
    .leftJoin(catalogSupervision, and(eq(catalogSupervision.governmentId, agencies.upperGovId), eq(catalogSupervision.domainId, catalogs.domainId)));

type VersionRow = { v: typeof catalogVersions.$inferSelect } & Omit<Version, keyof typeof catalogVersions.$inferSelect>;
export const flatVersion = ({ v, ...r }: VersionRow): Version => ({ ...v, ...r });

export async function findVersion(db: Exec, versionId: number): Promise<Version> {
  const [row] = await versionsFrom(db).where(eq(catalogVersions.id, versionId));
  if (!row) throw notFound('目录');
  return flatVersion(row);
}

export const versionItems = (db: Exec, versionId: number): Promise<Item[]> =>
  db.select().from(catalogItems).where(eq(catalogItems.versionId, versionId)).orderBy(asc(catalogItems.seq), asc(catalogItems.id));

export const versionExclusions = (db: Exec, versionId: number) =>
  db
    .select({ id: catalogExclusions.id, templateId: catalogExclusions.templateId, reason: catalogExclusions.reason, level1: catalogTemplates.level1, level2: catalogTemplates.level2 })
    .from(catalogExclusions)
    .innerJoin(catalogTemplates, eq(catalogTemplates.id, catalogExclusions.templateId))
    .where(eq(catalogExclusions.versionId, versionId))
    .orderBy(asc(catalogTemplates.seq));

/** A version's review history, each step with who took it and their agency (审核记录 names the reviewer). */
export const versionTransitions = async (db: Exec, versionId: number) =>
  (
    await db
      .select({ t: catalogTransitions, actorName: users.displayName, actorAgency: agencies.name })
      .from(catalogTransitions)
      .leftJoin(users, eq(users.id, catalogTransitions.actorId))
      // The department recorded with the step (older steps: the person's department when migrated).
      .leftJoin(agencies, eq(agencies.id, sql`coalesce(${catalogTransitions.actorAgencyId}, ${users.agencyId})`))
      .where(eq(catalogTransitions.versionId, versionId))
      .orderBy(asc(catalogTransitions.id))
  ).map(({ t, actorName, actorAgency }) => ({ ...t, actorName, actorAgency }));

/** A domain's current template rows (rows a later import dropped stay in the table for the catalogs that used them). */
export const domainTemplates = (db: Exec, domainId: number): Promise<Template[]> =>
  db.select().from(catalogTemplates).where(and(eq(catalogTemplates.domainId, domainId), eq(catalogTemplates.retired, false))).orderBy(asc(catalogTemplates.seq), asc(catalogTemplates.id));

export const templatesByIds = (db: Exec, ids: number[]): Promise<Template[]> =>
  ids.length ? db.select().from(catalogTemplates).where(inArray(catalogTemplates.id, ids)) : Promise.resolve([]);

export async function findCatalog(db: Exec, agencyId: number, domainId: number) {
  const [c] = await db.select().from(catalogs).where(and(eq(catalogs.agencyId, agencyId), eq(catalogs.domainId, domainId)));
  return c ?? null;
}

/**
 * Resolves the machine rule for an item: "同上" takes the rule of the item before it, so the
 * original text is kept while the rule stays usable.
 */
export function ruleFor(text: string, previous: TimeRule | null): { timeRule: TimeRule; timeRuleOk: boolean } {
  const parsed = parseTimeLimit(text);
  if (parsed.rule.kind === 'same_as_above') {
    return previous ? { timeRule: previous, timeRuleOk: previous.kind !== 'unparsed' } : { timeRule: { kind: 'unparsed' }, timeRuleOk: false };
  }
  return { timeRule: parsed.rule, timeRuleOk: parsed.ok };
}

/** Rows for inserting items in order, with their parsed time rules. */
export function itemRows(
  versionId: number,
  items: (CatalogItemInput & { origin: Item['origin']; templateId?: number | null; itemKey?: string })[],
  firstSeq = 1,
  previous: TimeRule | null = null,
) {
  let prev = previous;
  return items.map((it, i) => {
    const r = ruleFor(it.timeLimitText, prev);
    prev = r.timeRule;
    return { ...it, versionId, seq: firstSeq + i, templateId: it.templateId ?? null, ...r };
  });
}

export const toInput = (i: Item | Template): CatalogItemInput => ({
  level1: i.level1,
  level2: i.level2,
  level3: i.level3,
  itemCode: i.itemCode,
  content: i.content,
  basis: i.basis,
  timeLimitText: i.timeLimitText,
  subject: i.subject,
  channels: i.channels,
  otherChannels: i.otherChannels,
  audiencePublic: i.audiencePublic,
  audienceSpecific: i.audienceSpecific,
  modeActive: i.modeActive,
  modeOnRequest: i.modeOnRequest,
  levels: i.levels,
});
