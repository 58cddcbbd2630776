// What the public sees of the register: only responses the office marked public that lead to a
// published document or a public URL — their title, kind, time and link. Never the summary,
// severity, category, 会商 or evaluation.
import { and, desc, eq, isNotNull, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { DocumentPanel } from '../../core/module.js';
import { publicDocument } from '../info/queries.js';
import { opItems, opResponses, type ResponseKind } from './schema.js';
import { RESPONSE_LABELS } from './labels.js';

export type PublicResponse = { id: number; kind: ResponseKind; kindLabel: string; title: string; respondedAt: Date; href: string };

async function isPublished(db: Db, documentId: number, govId: number): Promise<boolean> {
  return publicDocument(db, documentId, govId).then((d) => d.edition.state === 'published', () => false);
}

/** A site's public responses, newest first (a response whose document is no longer published falls back to its link, or is left out). */
export async function publicResponses(db: Db, govId: number | null, limit = 200): Promise<PublicResponse[]> {
  const rows = await db
    .select({ id: opResponses.id, kind: opResponses.kind, title: opResponses.title, respondedAt: opResponses.respondedAt, link: opResponses.link, documentId: opResponses.documentId, govId: opItems.govId })
    .from(opResponses)
    .innerJoin(opItems, eq(opItems.id, opResponses.itemId))
    .where(and(eq(opResponses.isPublic, true), or(isNotNull(opResponses.documentId), ne(opResponses.link, '')), govId == null ? undefined : eq(opItems.govId, govId)))
    .orderBy(desc(opResponses.respondedAt), desc(opResponses.id))
    .limit(Math.min(limit, 500));
  const out: PublicResponse[] = [];
  for (const r of rows) {
    const href = r.documentId != null && (await isPublished(db, r.documentId, r.govId)) ? `/xxgk/${r.documentId}` : r.link;
    if (href) out.push({ id: r.id, kind: r.kind, kindLabel: RESPONSE_LABELS[r.kind], title: r.title, respondedAt: r.respondedAt, href });
  }
  return out;
}

/** The 回应关切 panel on a published document's page: the public responses it carries, linking to the 回应关切 list. */
export async function responsesPanel(db: Db, documentId: number): Promise<DocumentPanel | null> {
  const rows = await db
    .select({ id: opResponses.id, kind: opResponses.kind, title: opResponses.title, respondedAt: opResponses.respondedAt })
    .from(opResponses)
    .where(and(eq(opResponses.documentId, documentId), eq(opResponses.isPublic, true)))
    .orderBy(desc(opResponses.respondedAt), desc(opResponses.id));
  if (!rows.length) return null;
  const at = (d: Date) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return { title: '回应关切', links: rows.map((r) => ({ href: `/huiying#r${r.id}`, label: r.title, note: `${RESPONSE_LABELS[r.kind]} · ${at(r.respondedAt)}` })) };
}
