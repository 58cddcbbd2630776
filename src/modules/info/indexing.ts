import { eq } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { indexEntry, removeEntries } from '../../core/search/index.js';
import { VALIDITY_LABELS } from './metadata.js';
import { findEdition } from './repository.js';
import { infoDocuments, infoEditions } from './schema.js';
import type { SearchEntry } from '../../core/search/types.js';
import type { SearchSource } from '../../core/module.js';

/** Text of the sanitised body for the search index: tags dropped, entities decoded. */
export function plainText(html: string): string {
  return html
    .replace(/<\/(p|h[2-4]|li|tr|blockquote)>/gi, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Puts the document's public edition in the search index (called in the publishing transaction). */
export async function indexDocument(tx: Exec, editionId: number): Promise<void> {
  const entry = await documentEntry(tx, editionId);
  if (entry) await indexEntry(tx, entry);
}

/** The index entry of a published edition (null for any other state). */
async function documentEntry(tx: Exec, editionId: number): Promise<SearchEntry | null> {
  const e = await findEdition(tx, editionId);
  if (e.state !== 'published' || !e.publishedAt) return null;
  const [doc] = await tx.select({ indexNumber: infoDocuments.indexNumber }).from(infoDocuments).where(eq(infoDocuments.id, e.documentId));
  return {
    kind: 'document',
    refId: e.documentId,
    url: `/xxgk/${e.documentId}`,
    title: e.title,
    body: plainText(e.bodyHtml),
    publishedAt: e.publishedAt,
    agencyId: e.agencyId,
    theme: e.theme,
    docKind: e.kind,
    year: Number(e.writtenDate.slice(0, 4)),
    validity: VALIDITY_LABELS[e.validity],
    docNumber: e.docNumber,
    indexNumber: doc?.indexNumber ?? null,
  };
}

/** Withdrawn information leaves the index. */
export const unindexDocument = (tx: Exec, documentId: number): Promise<void> => removeEntries(tx, 'document', documentId);

/** Every published document, for a rebuild of the index. */
export const documentSearchSource: SearchSource = {
  kind: 'document',
  label: '政府信息',
  entries: async (db) => {
    const rows = await db.select({ id: infoEditions.id }).from(infoEditions).where(eq(infoEditions.state, 'published'));
    const out: SearchEntry[] = [];
    for (const r of rows) {
      const entry = await documentEntry(db, r.id);
      if (entry) out.push(entry);
    }
    return out;
  },
};
