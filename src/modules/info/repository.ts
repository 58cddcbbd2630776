import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { infoDocuments, infoEditions, infoIndexCounters, infoTransitions } from './schema.js';
import { formatIndexNumber, getInfoSettings } from './settings.js';

/**
 * An edition with its document's facts, and where the publishing agency sits in the government
 * tree (`agencyPath`, `agencyGovId`): what the scope rule needs to decide who may read and act.
 */
export type Edition = typeof infoEditions.$inferSelect & { agencyId: number; indexNumber: string | null; interpretsId: number | null; agencyPath: string; agencyGovId: number | null };

/** The columns of an Edition besides the edition's own (join infoDocuments and agencies). */
export const documentCols = { agencyId: infoDocuments.agencyId, indexNumber: infoDocuments.indexNumber, interpretsId: infoDocuments.interpretsId, agencyPath: agencies.path, agencyGovId: agencies.govId };
const editionCols = { e: infoEditions, ...documentCols };
type Row = { e: typeof infoEditions.$inferSelect; agencyName?: string } & Omit<Edition, keyof typeof infoEditions.$inferSelect>;
const flat = ({ e, agencyName: _n, ...r }: Row): Edition => ({ ...e, ...r });

/** The edition's publishing agency as the scope rule reads it. */
export const placeOf = (e: Pick<Edition, 'agencyId' | 'agencyPath' | 'agencyGovId'>) => ({ id: e.agencyId, path: e.agencyPath, govId: e.agencyGovId });

/** Editions with their document and agency (its place and name): what staff queries of editions start from. */
export const editionsFrom = (db: Exec) =>
  db.select({ ...editionCols, agencyName: agencies.name }).from(infoEditions).innerJoin(infoDocuments, eq(infoDocuments.id, infoEditions.documentId)).innerJoin(agencies, eq(agencies.id, infoDocuments.agencyId));

export async function findEdition(db: Exec, id: number, lock = false): Promise<Edition> {
  const q = editionsFrom(db).where(eq(infoEditions.id, id));
  const [row] = lock ? await q.for('update', { of: infoEditions }) : await q;
  if (!row) throw notFound('信息');
  return flat(row);
}

export async function documentEditions(db: Exec, documentId: number): Promise<Edition[]> {
  const rows = await editionsFrom(db).where(eq(infoEditions.documentId, documentId)).orderBy(desc(infoEditions.editionNo));
  return rows.map(flat);
}

/** Interpretations (政策解读 documents) of a policy, with their newest edition. */
export async function interpretationsOf(db: Exec, documentId: number): Promise<Edition[]> {
  const rows = await editionsFrom(db)
    .where(and(eq(infoDocuments.interpretsId, documentId), inArray(infoEditions.state, ['draft', 'in_review', 'approved', 'scheduled', 'published'])))
    .orderBy(desc(infoEditions.id));
  return rows.map(flat);
}

export const editionTransitions = (db: Exec, editionId: number) => db.select().from(infoTransitions).where(eq(infoTransitions.editionId, editionId)).orderBy(infoTransitions.id);

/**
 * The next 索引号 for an agency in a year. The counter row is updated in the caller's transaction,
 * so a number is never handed out twice, and a rolled-back publication does not consume one.
 */
export async function nextIndexNumber(tx: Exec, agencyId: number, year: number): Promise<string> {
  const [agency] = await tx.select({ code: agencies.creditCode }).from(agencies).where(eq(agencies.id, agencyId));
  // Agencies without a registered code still get a unique, stable prefix.
  const code = agency?.code ?? `GK${String(agencyId).padStart(7, '0')}`;
  const { indexRule } = await getInfoSettings(tx);
  // After the office changes the rule, a new number could spell an old one: skip it, never reuse.
  for (;;) {
    const [row] = await tx
      .insert(infoIndexCounters)
      .values({ agencyId, year, last: 1 })
      .onConflictDoUpdate({ target: [infoIndexCounters.agencyId, infoIndexCounters.year], set: { last: sql`${infoIndexCounters.last} + 1` } })
      .returning({ last: infoIndexCounters.last });
    const candidate = formatIndexNumber(indexRule, code, year, row!.last);
    const [taken] = await tx.select({ id: infoDocuments.id }).from(infoDocuments).where(eq(infoDocuments.indexNumber, candidate));
    if (!taken) return candidate;
  }
}
