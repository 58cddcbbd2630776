// What the public sees: a site's consultations by state, one consultation with its approved
// comments and published feedback, and the "公众参与情况" panel on an information document.
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { notFound } from '../../core/errors.js';
import type { DocumentPanel } from '../../core/module.js';
import { partConsultations, partMatters, partMatterVersions, type ConsultationState } from './schema.js';
import { commentCounts, publicOpinions } from './opinions.js';
import { reportOf } from './report.js';
import { STATE_LABELS } from './labels.js';

export type PublicTab = 'open' | 'closed' | 'finished';
export const TABS: { id: PublicTab; label: string }[] = [{ id: 'open', label: '正在征集' }, { id: 'closed', label: '已结束待反馈' }, { id: 'finished', label: '已反馈' }];

/** Days left until the end, counted up (a few hours left is 1 day). */
export const daysLeft = (endsAt: Date, now = new Date()): number => Math.max(0, Math.ceil((endsAt.getTime() - now.getTime()) / 86_400_000));

export async function publicList(db: Db, govId: number | null, tab: PublicTab) {
  const states: ConsultationState[] = tab === 'open' ? ['open', 'scheduled'] : [tab];
  const rows = await db.select().from(partConsultations)
    .where(and(inArray(partConsultations.state, states), govId == null ? undefined : eq(partConsultations.govId, govId)))
    .orderBy(tab === 'open' ? asc(partConsultations.endsAt) : desc(partConsultations.endsAt)).limit(200);
  const counts = await commentCounts(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, comments: counts.get(r.id) ?? 0 }));
}

/** A consultation as the public sees it (never a draft; only the site's government's). */
export async function publicConsultation(db: Db, id: number, govId: number | null) {
  const [c] = await db.select().from(partConsultations).where(eq(partConsultations.id, id));
  if (!c || c.state === 'draft' || (govId != null && c.govId !== govId)) throw notFound('征求意见');
  const [opinions, report, matter] = await Promise.all([
    publicOpinions(db, id), reportOf(db, id),
    c.matterId ? db.select({ id: partMatterVersions.matterId, title: partMatterVersions.title }).from(partMatterVersions).where(eq(partMatterVersions.matterId, c.matterId)).orderBy(desc(partMatterVersions.version)).limit(1).then((r) => r[0] ?? null) : null,
  ]);
  const counts = await commentCounts(db, [id]);
  return { c, opinions, report: report?.state === 'published' ? report : null, matter, comments: counts.get(id) ?? 0 };
}

/** The box an information document's public page shows when a decision matter or a consultation points at it. */
export async function participationPanel(db: Db, documentId: number): Promise<DocumentPanel | null> {
  const [matters, consultations] = await Promise.all([
    db.select({ id: partMatters.id, year: partMatters.year }).from(partMatters).where(eq(partMatters.documentId, documentId)),
    db.select({ id: partConsultations.id, title: partConsultations.title, state: partConsultations.state, matterId: partConsultations.matterId }).from(partConsultations)
      .where(and(inArray(partConsultations.state, ['scheduled', 'open', 'closed', 'finished']), or(eq(partConsultations.documentId, documentId), matteredBy(documentId)))),
  ]);
  if (!matters.length && !consultations.length) return null;
  const titles = matters.length ? await db.select({ id: partMatterVersions.matterId, title: partMatterVersions.title, version: partMatterVersions.version }).from(partMatterVersions).where(inArray(partMatterVersions.matterId, matters.map((m) => m.id))).orderBy(desc(partMatterVersions.version)) : [];
  const links = [
    ...matters.map((m) => ({ href: `/juece/${m.id}`, label: `${m.year}年重大行政决策事项：${titles.find((t) => t.id === m.id)?.title ?? ''}` })),
    ...consultations.map((c) => ({ href: `/zhengqiu/${c.id}`, label: `征求意见：${c.title}`, note: c.state === 'finished' ? '已公布意见采纳情况' : STATE_LABELS[c.state] })),
  ];
  return { title: '公众参与情况', links };
}

const matteredBy = (documentId: number) => sql`${partConsultations.matterId} in (select ${partMatters.id} from ${partMatters} where ${partMatters.documentId} = ${documentId})`;
