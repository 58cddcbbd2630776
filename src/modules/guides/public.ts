// What the public (and other modules: the 一本通, the kiosk, notice boards) read of the guides:
// published versions only, filtered in the query. No ctx: nothing here is private.
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { agencies } from '../../core/org/schema.js';
import type { GuideData } from './elements.js';
import { guideItems, guideVersions, type GuideLevel, type GuideSource } from './schema.js';

/** One published guide in a list (no elements beyond what lists and indexes show). */
export type GuideSummary = {
  id: number; govId: number; code: string; parentCode: string | null; level: GuideLevel; source: GuideSource; domainCode: string;
  agencyId: number; agencyName: string; name: string; itemType: GuideData['itemType']; serviceObject: GuideData['serviceObject'];
  personThemes: string[]; enterpriseThemes: string[]; version: number; publishedOn: string;
};
/** A published guide with every element, its parent and children (for its page, the 简版, the 一本通). */
export type GuideView = GuideSummary & { data: GuideData; parent: { code: string; name: string } | null; children: { id: number; code: string; name: string; level: GuideLevel }[] };

const columns = {
  id: guideItems.id, govId: guideItems.govId, code: guideItems.code, parentCode: guideItems.parentCode, level: guideItems.level, source: guideItems.source,
  domainCode: guideItems.domainCode, agencyId: guideItems.agencyId, agencyName: agencies.name, version: guideVersions.version, publishedOn: guideItems.publishedOn, data: guideVersions.data, sort: agencies.sort,
};
type Row = { id: number; govId: number; code: string; parentCode: string | null; level: GuideLevel; source: GuideSource; domainCode: string; agencyId: number; agencyName: string; version: number; publishedOn: string | null; data: GuideData };

function published(db: Exec) {
  return db.select(columns).from(guideItems)
    .innerJoin(guideVersions, and(eq(guideVersions.itemId, guideItems.id), eq(guideVersions.version, guideItems.publishedVersion)))
    .innerJoin(agencies, eq(agencies.id, guideItems.agencyId));
}
const summary = (r: Row): GuideSummary => ({
  id: r.id, govId: r.govId, code: r.code, parentCode: r.parentCode, level: r.level, source: r.source, domainCode: r.domainCode, agencyId: r.agencyId, agencyName: r.agencyName,
  name: r.data.name, itemType: r.data.itemType, serviceObject: r.data.serviceObject, personThemes: r.data.personThemes, enterpriseThemes: r.data.enterpriseThemes,
  version: r.version, publishedOn: r.publishedOn ?? '',
});

/** The published guides of a government (null: the whole installation), by agency order then 实施编码. */
export async function listPublishedGuides(db: Db | Exec, govId: number | null): Promise<GuideSummary[]> {
  const rows = await published(db).where(and(isNotNull(guideItems.publishedVersion), govId == null ? undefined : eq(guideItems.govId, govId)))
    .orderBy(asc(agencies.sort), asc(agencies.id), asc(guideItems.code));
  return rows.map(summary);
}

async function view(db: Db | Exec, r: Row | undefined): Promise<GuideView | null> {
  if (!r) return null;
  const all = await listPublishedGuides(db, r.govId);
  const parent = r.parentCode ? all.find((g) => g.code === r.parentCode) : undefined;
  return { ...summary(r), data: r.data, parent: parent ? { code: parent.code, name: parent.name } : null, children: all.filter((g) => g.parentCode === r.code).map((g) => ({ id: g.id, code: g.code, name: g.name, level: g.level })) };
}

/** A government's published guide by 实施编码, or null. */
export async function publishedGuideByCode(db: Db | Exec, govId: number, code: string): Promise<GuideView | null> {
  const [r] = await published(db).where(and(isNotNull(guideItems.publishedVersion), eq(guideItems.govId, govId), eq(guideItems.code, code)));
  return view(db, r);
}

/** A published guide by id, or null when it does not exist or is not published. */
export async function publishedGuide(db: Db | Exec, id: number): Promise<GuideView | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [r] = await published(db).where(and(isNotNull(guideItems.publishedVersion), eq(guideItems.id, id)));
  return view(db, r);
}
