// What information and applications need from the negative list: the published entries a
// record's agency may cite (its own and its government's), one entry checked by id, and the
// ground text built from it. Other modules call these; they never read the tables.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { requireRole, type Actor } from '../../core/auth/actor.js';
import { invalid, notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { inReach, placementColumns } from '../../core/org/scope.js';
import { CATEGORY_SHORT, FORCE_LABELS, STAFF_ROLES } from './entries.js';
import { ROW_LABELS, rowReportLabel } from './rows.js';
import { negEntries, type NegCategory, type NegForce, type NegRow } from './schema.js';

export type CitableEntry = {
  id: number; agencyId: number; agencyName: string; category: NegCategory; reportRow: NegRow; matter: string;
  lawName: string; lawVersion: string; article: string; force: NegForce;
};

const columns = {
  id: negEntries.id, agencyId: negEntries.agencyId, agencyName: agencies.name, category: negEntries.category, reportRow: negEntries.reportRow,
  matter: negEntries.matter, lawName: negEntries.lawName, lawVersion: negEntries.lawVersion, article: negEntries.article, force: negEntries.force,
};

/** The agency a record belongs to and its government, when the person may act within reach of it. */
async function citingAgencies(db: Exec, actorIn: Actor | null, agencyId: number): Promise<number[]> {
  const actor = requireRole(actorIn, ...STAFF_ROLES);
  const [a] = Number.isSafeInteger(agencyId) ? await db.select(placementColumns).from(agencies).where(eq(agencies.id, agencyId)) : [];
  if (!a || (actor.agencyId !== a.id && !inReach(actor, a))) throw notFound('单位');
  return a.govId != null && a.govId !== a.id ? [a.id, a.govId] : [a.id];
}

/** The published entries staff handling a record of `agencyId` may cite: the agency's own, then its government's. */
export async function negEntriesFor(db: Exec, actor: Actor | null, agencyId: number): Promise<CitableEntry[]> {
  const ids = await citingAgencies(db, actor, agencyId);
  const rows = await db.select(columns).from(negEntries).innerJoin(agencies, eq(agencies.id, negEntries.agencyId))
    .where(and(eq(negEntries.state, 'published'), inArray(negEntries.agencyId, ids))).orderBy(asc(negEntries.category), asc(negEntries.id));
  return rows.sort((x, y) => ids.indexOf(x.agencyId) - ids.indexOf(y.agencyId));
}

export const NO_ENTRY = '请从负面清单中选择不予公开所依据的事项。';
export const BAD_ENTRY = '所选负面清单事项不存在、尚未发布或不属于本单位及本级政府的负面清单，请重新选择。';

/**
 * The entry a record of `agencyId` cites, by its id as typed or posted: it must be published and
 * belong to the agency or its government. Refused as invalid_input on `field` otherwise.
 */
export async function negEntry(db: Exec, actor: Actor | null, agencyId: number, raw: unknown, field = 'negEntryId'): Promise<CitableEntry> {
  const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!s) throw invalid(NO_ENTRY, { fields: { [field]: NO_ENTRY } });
  const id = /^\d{1,9}$/.test(s) ? Number(s) : 0;
  if (!id) throw invalid(BAD_ENTRY, { fields: { [field]: BAD_ENTRY } });
  const ids = await citingAgencies(db, actor, agencyId);
  const [e] = await db.select(columns).from(negEntries).innerJoin(agencies, eq(agencies.id, negEntries.agencyId))
    .where(and(eq(negEntries.id, id), eq(negEntries.state, 'published'), inArray(negEntries.agencyId, ids)));
  if (!e) throw invalid(BAD_ENTRY, { fields: { [field]: BAD_ENTRY } });
  return e;
}

/** The article cited: the entry's own unless staff name a narrower one (第十六条第二款). */
export function citedArticle(e: Pick<CitableEntry, 'article'>, raw: unknown, field = 'negArticle'): string {
  const s = typeof raw === 'string' ? raw.replace(/\u0000/g, '').trim() : '';
  if (s.length > 100) throw invalid('所引条款不能超过 100 字。', { fields: { [field]: '所引条款不能超过 100 字。' } });
  return s || e.article;
}

/** The ground as written on a record: 依据《条例》第十五条，属于…负面清单事项“…”（…） */
export function groundText(e: CitableEntry, article = e.article): string {
  return `依据${e.lawName}${article}，属于${e.agencyName}政务公开负面清单事项“${e.matter}”（${CATEGORY_SHORT[e.category]}；${FORCE_LABELS[e.force]}；年度报告计入“${ROW_LABELS[e.reportRow]}”）`;
}

/** One line for a select: [第十五条 商业秘密、个人隐私] 事项… — 年报：保护第三方合法权益 */
export const entryOptionLabel = (e: CitableEntry): string => `${e.agencyName}｜${e.article}｜${e.matter.length > 40 ? `${e.matter.slice(0, 40)}…` : e.matter}｜${rowReportLabel(e.reportRow)}`;
