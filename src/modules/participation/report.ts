// The feedback report (意见采纳情况), generated from the decisions: counts by method and
// disposition, one row per opinion or group with its reason. Submitted as a snapshot, reviewed by a
// second person (the agency's reviewer or the office), then published on the consultation page.
import { eq } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, forbidden, invalid } from '../../core/errors.js';
import { toShanghaiDate } from '../../core/calendar/dates.js';
import { DISPOSITIONS, METHODS, partConsultations, partReports, type Disposition, type Method } from './schema.js';
import { articleLabel, splitArticles } from './articles.js';
import { forRunning, loadConsultation, placeOf, type ConsultationRow } from './consultations.js';
import { groupsOf, openWork, opinionsOf } from './opinions.js';
import { reviewsReport, STAFF_ROLES } from './policy.js';
import { KIND_LABELS, METHOD_LABELS } from './labels.js';

export type ReportRow = { no: number; article: string; methods: Method[]; count: number; text: string; disposition: Disposition; reason: string };
export type ReportContent = {
  title: string; kindLabel: string; period: { from: string; to: string }; methods: Method[];
  received: number; notPublished: number; total: number;
  counts: Record<Method, Record<Disposition, number>>; byDisposition: Record<Disposition, number>;
  rows: ReportRow[]; summary: string;
};

const zeroes = () => Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as Record<Disposition, number>;

/** The report as the decisions stand now (refused while some opinion has no decision). */
export async function buildReport(db: Exec, c: ConsultationRow, summary = ''): Promise<ReportContent> {
  const [opinions, groups] = await Promise.all([opinionsOf(db, c.id), groupsOf(db, c.id)]);
  const articles = splitArticles(c.draftText);
  const counts = Object.fromEntries(METHODS.map((m) => [m, zeroes()])) as Record<Method, Record<Disposition, number>>;
  const byDisposition = zeroes();
  const rows: ReportRow[] = [];
  const decided = opinions.filter((o) => o.state === 'approved');
  const groupRows = new Map<number, ReportRow>();
  for (const o of decided) {
    const g = o.groupId ? groups.find((x) => x.id === o.groupId) : undefined;
    const disposition = g ? g.disposition : o.disposition;
    if (!disposition) throw conflict('undecided', '还有意见没有作出处理，不能生成意见采纳情况。');
    counts[o.method][disposition]++;
    byDisposition[disposition]++;
    if (g) {
      const row = groupRows.get(g.id);
      if (row) {
        row.count++;
        if (!row.methods.includes(o.method)) row.methods.push(o.method);
        const label = articleLabel(articles, o.article);
        if (!row.article.split('、').includes(label)) row.article += `、${label}`;
        continue;
      }
      const r: ReportRow = { no: 0, article: articleLabel(articles, o.article), methods: [o.method], count: 1, text: g.point, disposition, reason: g.reason };
      groupRows.set(g.id, r);
      rows.push(r);
    } else rows.push({ no: 0, article: articleLabel(articles, o.article), methods: [o.method], count: 1, text: o.quote ? `（针对“${o.quote}”）${o.body}` : o.body, disposition, reason: o.reason });
  }
  rows.forEach((r, i) => (r.no = i + 1));
  const notPublished = opinions.filter((o) => o.state === 'rejected').length;
  return {
    title: c.title, kindLabel: KIND_LABELS[c.kind], period: { from: toShanghaiDate(c.startsAt), to: toShanghaiDate(c.endsAt) }, methods: c.methods,
    received: opinions.length, notPublished, total: decided.length, counts, byDisposition, rows, summary,
  };
}

/** Submits the report for review: every opinion moderated and decided, the snapshot taken now. */
export async function submitReport(ctx: Ctx, consultationId: number, summary: string): Promise<void> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  if (summary.length > 10000) throw invalid('说明不超过 10000 个字。', { fields: { summary: '说明不超过 10000 个字。' } });
  await ctx.db.transaction(async (tx) => {
    const c = await forRunning(tx, actor, consultationId, true);
    if (c.state !== 'closed') throw conflict('not_closed', '征求意见截止后才能提交意见采纳情况。');
    const [existing] = await tx.select().from(partReports).where(eq(partReports.consultationId, consultationId));
    if (existing) throw conflict('report_submitted', existing.state === 'published' ? '意见采纳情况已经发布。' : '意见采纳情况已提交审核，请等待审核。');
    const work = await openWork(tx, consultationId);
    if (work.unmoderated) throw conflict('unmoderated', `还有 ${work.unmoderated} 条网上意见没有审核，请先审核。`);
    if (work.undecided) throw conflict('undecided', `还有 ${work.undecided} 条意见没有作出处理，请逐条处理后再提交。`);
    const content = await buildReport(tx, c, summary.trim());
    await tx.insert(partReports).values({ consultationId, state: 'submitted', summary: summary.trim(), content, submittedBy: actor.userId });
    await recordAudit(tx, auditActor(actor), { action: 'participation.report_submitted', targetType: 'part_consultation', targetId: consultationId, after: { rows: content.rows.length, total: content.total } });
  });
}

/** The second person's review: publish the report as submitted, or return it for changes. */
export async function reviewReport(ctx: Ctx, consultationId: number, action: 'publish' | 'return', note = ''): Promise<void> {
  const actor = requireRole(ctx.actor, 'reviewer', 'office', 'admin');
  await ctx.db.transaction(async (tx) => {
    const c = await loadConsultation(tx, consultationId);
    const place = await placeOf(tx, c.agencyId);
    if (!reviewsReport(actor, c, place)) throw forbidden('意见采纳情况由起草单位的审核人员或政务公开办审核。');
    const [r] = await tx.select().from(partReports).where(eq(partReports.consultationId, consultationId)).for('update');
    if (!r || r.state !== 'submitted') throw conflict('not_submitted', '没有待审核的意见采纳情况。');
    if (r.submittedBy === actor.userId) throw forbidden('意见采纳情况须由提交人以外的另一人审核。');
    if (action === 'publish') await tx.update(partReports).set({ state: 'published', reviewedBy: actor.userId, publishedAt: new Date() }).where(eq(partReports.consultationId, consultationId));
    else {
      if (!note.trim()) throw invalid('退回时请说明需要修改的地方。', { fields: { note: '请说明退回理由。' } });
      await tx.delete(partReports).where(eq(partReports.consultationId, consultationId));
    }
    await recordAudit(tx, auditActor(actor), { action: action === 'publish' ? 'participation.report_published' : 'participation.report_returned', targetType: 'part_consultation', targetId: consultationId, after: { note: note.slice(0, 1000) } });
  });
}

/** Marks a consultation finished: refused until every opinion is decided and the report is published. */
export async function finishConsultation(ctx: Ctx, consultationId: number): Promise<void> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  await ctx.db.transaction(async (tx) => {
    const c = await forRunning(tx, actor, consultationId, true);
    if (c.state === 'finished') throw conflict('finished', '该征求意见已经办结。');
    if (c.state !== 'closed') throw conflict('not_closed', '征求意见尚未截止，不能办结。');
    const work = await openWork(tx, consultationId);
    if (work.unmoderated || work.undecided) throw conflict('undecided', `还有 ${work.unmoderated + work.undecided} 条意见没有审核或处理，不能办结。`);
    const [r] = await tx.select({ state: partReports.state }).from(partReports).where(eq(partReports.consultationId, consultationId));
    if (r?.state !== 'published') throw conflict('report_unpublished', '意见采纳情况发布后才能办结。');
    await tx.update(partConsultations).set({ state: 'finished', finishedAt: new Date() }).where(eq(partConsultations.id, consultationId));
    await recordAudit(tx, auditActor(actor), { action: 'participation.finished', targetType: 'part_consultation', targetId: consultationId });
  });
}

export type ReportRecord = typeof partReports.$inferSelect & { content: ReportContent };
export async function reportOf(db: Exec, consultationId: number): Promise<ReportRecord | null> {
  const [r] = await db.select().from(partReports).where(eq(partReports.consultationId, consultationId));
  return (r as ReportRecord | undefined) ?? null;
}

/** The methods that gave opinions, for the report's table (the online row always). */
export const methodsInReport = (c: ReportContent): Method[] => METHODS.filter((m) => m === 'online' || DISPOSITIONS.some((d) => c.counts[m][d] > 0));
export const methodLabels = (ms: Method[]) => ms.map((m) => METHOD_LABELS[m]).join('、');
