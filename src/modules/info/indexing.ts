import { eq } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { indexEntry, removeEntries } from '../../core/search/index.js';
import { VALIDITY_LABELS } from './metadata.js';
import { findEdition } from './repository.js';
import { infoDocuments } from './schema.js';

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
  const e = await findEdition(tx, editionId);
  if (e.state !== 'published' || !e.publishedAt) return;
  const [doc] = await tx.select({ indexNumber: infoDocuments.indexNumber }).from(infoDocuments).where(eq(infoDocuments.id, e.documentId));
  await indexEntry(tx, {
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
  });
}

/** Withdrawn information leaves the index. */
export const unindexDocument = (tx: Exec, documentId: number): Promise<void> => removeEntries(tx, 'document', documentId);
