import { and, arrayOverlaps, desc, eq, getTableColumns, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { recordOfGovernment } from '../../core/org/scope.js';
import { infoDocuments, infoEditions } from './schema.js';
import { documentCols, documentEditions, interpretationsOf, type Edition } from './repository.js';
import { editionAttachments, type Attachment } from './attachments.js';

export type PublicEdition = Edition & { agencyName: string };

const cols = { e: infoEditions, ...documentCols, agencyName: agencies.name };

export type PublicDocument = {
  edition: PublicEdition;
  history: { editionNo: number; publishedAt: Date | null; changeNote: string; minorChange: boolean }[];
  interpretations: PublicEdition[];
  policy: PublicEdition | null;
  replacedBy: PublicEdition | null;
  attachments: Attachment[];
};

const flatPublic = ({ e, ...r }: { e: typeof infoEditions.$inferSelect } & Omit<PublicEdition, keyof typeof infoEditions.$inferSelect>): PublicEdition => ({ ...e, ...r });

/** A document's public edition, if it belongs to the site's government (null: the whole installation). */
async function publicEditionOf(db: Db, documentId: number, govId: number | null): Promise<PublicEdition | null> {
  const [row] = await db
    .select(cols)
    .from(infoEditions)
    .innerJoin(infoDocuments, eq(infoDocuments.id, infoEditions.documentId))
    .innerJoin(agencies, eq(agencies.id, infoDocuments.agencyId))
    .where(and(eq(infoEditions.documentId, documentId), inArray(infoEditions.state, ['published', 'withdrawn']), recordOfGovernment(infoEditions.govId, govId)));
  return row ? flatPublic(row) : null;
}

/**
 * The public view of a document: its current edition (withdrawn ones stay readable with their
 * notice), the edition history, and its links. Information withdrawn as published in error is gone (410).
 * On a government's site (`govId`) another government's document is not found, and links to
 * another government's documents are left out.
 */
export async function publicDocument(db: Db, documentId: number, govId: number | null = null): Promise<PublicDocument> {
  const edition = await publicEditionOf(db, documentId, govId);
  if (!edition) throw notFound('信息');
  if (edition.state === 'withdrawn' && edition.withdrawnInError) throw new AppError('gone', 410, '该信息因发布错误已撤回。');
  const all = await documentEditions(db, documentId);
  const history = all.filter((x) => x.publishedAt && ['published', 'superseded', 'withdrawn'].includes(x.state)).map((x) => ({ editionNo: x.editionNo, publishedAt: x.publishedAt, changeNote: x.changeNote, minorChange: x.minorChange }));
  const interps = (await interpretationsOf(db, documentId)).filter((i) => i.state === 'published');
  const interpretations = (await Promise.all(interps.map((i) => publicEditionOf(db, i.documentId, govId)))).filter((x): x is PublicEdition => x !== null);
  const policy = edition.interpretsId ? await publicEditionOf(db, edition.interpretsId, govId) : null;
  const replacedBy = edition.replacedById ? await publicEditionOf(db, edition.replacedById, govId) : null;
  const attachments = await editionAttachments(db, edition.id);
  return { edition, history, interpretations, policy, replacedBy, attachments };
}

/** Regulatory documents that are no longer valid: the published cleanup results (清理结果). */
export async function cleanupResults(db: Db, govId: number | null = null): Promise<PublicEdition[]> {
  const rows = await db
    .select(cols)
    .from(infoEditions)
    .innerJoin(infoDocuments, eq(infoDocuments.id, infoEditions.documentId))
    .innerJoin(agencies, eq(agencies.id, infoDocuments.agencyId))
    .where(and(eq(infoEditions.state, 'published'), eq(infoEditions.regulatory, true), inArray(infoEditions.validity, ['expired', 'abolished', 'amended']), recordOfGovernment(infoEditions.govId, govId)))
    .orderBy(desc(infoEditions.validityDate));
  return rows.map(flatPublic);
}

// ---- Public listing helpers (read-only; published state is always in the SQL) ----

/** A published document without its body: what lists, feeds and the API list need. */
export type DocSummary = Omit<PublicEdition, 'bodyHtml'>;

export type SearchFilter = {
  /** The site's government: only its own documents (null or absent: the whole installation). */
  govId?: number | null;
  /** Whether the total is wanted (a page's pager); lists that show only the newest few skip the count, the costly half. */
  count?: boolean;
  agencyId?: number; kind?: string; year?: number; validity?: string; statutoryItem?: number; catalogItemKey?: string; regulatory?: boolean; limit?: number; offset?: number;
  /** 主题分类: a first level (matches all its sub-categories) or a full `一级\二级` value. */
  theme?: string;
  /** Documents fulfilling any of these catalog item keys. */
  anyCatalogItemKeys?: string[];
  /** Only documents that are (true) or are not (false) 政策解读 of another document. */
  interpretation?: boolean;
  /** Interpretations of any of these documents. */
  interpretsIn?: number[];
  documentIds?: number[];
};

const { bodyHtml: _body, ...summaryEdition } = getTableColumns(infoEditions);
const summaryCols = { ...summaryEdition, ...documentCols, agencyName: agencies.name };

function searchWhere(f: SearchFilter): SQL[] {
  const where: SQL[] = [eq(infoEditions.state, 'published')];
  if (f.govId != null) where.push(recordOfGovernment(infoEditions.govId, f.govId));
  if (f.agencyId) where.push(eq(infoDocuments.agencyId, f.agencyId));
  if (f.kind) where.push(eq(infoEditions.kind, f.kind));
  // A first-level theme matches itself and every `一级\…` value; LIKE wildcards cannot occur in THEMES, so no escaping is needed.
  if (f.theme) where.push(f.theme.includes('\\') ? eq(infoEditions.theme, f.theme) : or(eq(infoEditions.theme, f.theme), sql`starts_with(${infoEditions.theme}, ${f.theme + '\\'})`)!);
  if (f.validity) where.push(eq(infoEditions.validity, f.validity as Edition['validity']));
  if (f.statutoryItem) where.push(eq(infoEditions.statutoryItem, f.statutoryItem));
  if (f.regulatory !== undefined) where.push(eq(infoEditions.regulatory, f.regulatory));
  if (f.catalogItemKey) where.push(sql`${f.catalogItemKey} = any(${infoEditions.catalogItemKeys})`);
  if (f.anyCatalogItemKeys) where.push(f.anyCatalogItemKeys.length ? arrayOverlaps(infoEditions.catalogItemKeys, f.anyCatalogItemKeys) : sql`false`);
  if (f.interpretation !== undefined) where.push(f.interpretation ? isNotNull(infoDocuments.interpretsId) : isNull(infoDocuments.interpretsId));
  if (f.interpretsIn) where.push(f.interpretsIn.length ? inArray(infoDocuments.interpretsId, f.interpretsIn) : sql`false`);
  if (f.documentIds) where.push(f.documentIds.length ? inArray(infoEditions.documentId, f.documentIds) : sql`false`);
  if (f.year) where.push(sql`extract(year from ${infoEditions.publishedAt} at time zone 'Asia/Shanghai') = ${f.year}`);
  return where;
}

/** Published information without bodies, newest first, with filters (first-level themes, catalog items, interpretations); limit up to 5000. */
export async function searchPublished(db: Db, f: SearchFilter = {}): Promise<{ items: DocSummary[]; total: number }> {
  const where = and(...searchWhere(f));
  const rows = await db
    .select(summaryCols)
    .from(infoEditions)
    .innerJoin(infoDocuments, eq(infoDocuments.id, infoEditions.documentId))
    .innerJoin(agencies, eq(agencies.id, infoDocuments.agencyId))
    .where(where)
    .orderBy(desc(infoEditions.publishedAt), desc(infoEditions.id))
    .limit(Math.min(f.limit ?? 20, 5000))
    .offset(f.offset ?? 0);
  if (f.count === false) return { items: rows, total: rows.length };
  // The count reads the editions alone (an index-only scan of a government's published ones) unless a filter is on the document.
  const count = db.select({ n: sql<number>`count(*)::int` }).from(infoEditions);
  const needsDocument = f.agencyId !== undefined || f.interpretation !== undefined || f.interpretsIn !== undefined;
  const [{ n } = { n: 0 }] = await (needsDocument ? count.innerJoin(infoDocuments, eq(infoDocuments.id, infoEditions.documentId)) : count).where(where);
  return { items: rows, total: n };
}

/** Published documents per Article 20 item, for the column page (of the site's government). */
export async function statutoryCounts(db: Db, govId: number | null = null): Promise<Map<number, number>> {
  const rows = await db
    .select({ item: infoEditions.statutoryItem, n: sql<number>`count(*)::int` })
    .from(infoEditions)
    .innerJoin(infoDocuments, eq(infoDocuments.id, infoEditions.documentId))
    .where(and(eq(infoEditions.state, 'published'), isNotNull(infoEditions.statutoryItem), recordOfGovernment(infoEditions.govId, govId)))
    .groupBy(infoEditions.statutoryItem);
  return new Map(rows.map((r) => [r.item!, r.n]));
}

/** Every published document's id and publication time, for the sitemap of the site's government (newest first, capped). */
export const sitemapDocuments = (db: Db, limit = 45000, govId: number | null = null) =>
  db
    .select({ id: infoEditions.documentId, publishedAt: infoEditions.publishedAt })
    .from(infoEditions)
    .innerJoin(infoDocuments, eq(infoDocuments.id, infoEditions.documentId))
    .where(and(eq(infoEditions.state, 'published'), recordOfGovernment(infoEditions.govId, govId)))
    .orderBy(desc(infoEditions.publishedAt))
    .limit(limit);
