// 行政复议 and 行政诉讼 about applications, with their results: the source of annual report table 4.
import { and, desc, eq } from 'drizzle-orm';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor } from '../../core/context.js';
import { conflict, FieldProblems, invalid, notFound } from '../../core/errors.js';
import { isIsoDate, todayInShanghai } from '../../core/calendar/dates.js';
import { foiApplications, foiReviews, REVIEW_KINDS, REVIEW_RESULTS } from './schema.js';
import { HANDLER_ROLES, type FoiCtx } from './intake.js';

export const REVIEW_KIND_LABELS = { reconsideration: '行政复议', litigation_direct: '行政诉讼（未经复议直接起诉）', litigation_after_reconsideration: '行政诉讼（复议后起诉）' } as const;
export const REVIEW_RESULT_LABELS = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' } as const;

export type ReviewRow = typeof foiReviews.$inferSelect & { code: string | null };

const date = (v: unknown, label: string, p: FieldProblems, name: string): string => {
  if (typeof v !== 'string' || !isIsoDate(v)) p.add(name, `${label}应为有效日期（年-月-日）。`);
  else if (v > todayInShanghai()) p.add(name, `${label}不能晚于今天。`);
  else return v;
  return '';
};

/** Records a review of one of the agency's cases, found by its query code. */
export async function addReview(ctx: FoiCtx, input: { code: unknown; kind: unknown; filedOn: unknown; body?: unknown; note?: unknown }): Promise<number> {
  const actor = requireRole(ctx.actor, ...HANDLER_ROLES);
  const p = new FieldProblems();
  const kind = REVIEW_KINDS.find((k) => k === input.kind);
  if (!kind) p.add('kind', '请选择类型：行政复议或行政诉讼。');
  const filedOn = date(input.filedOn, '受理（立案）日期', p, 'filedOn');
  const code = String(input.code ?? '').trim().toUpperCase().slice(0, 40);
  const [app] = code ? await ctx.db.select({ id: foiApplications.id, agencyId: foiApplications.agencyId }).from(foiApplications).where(eq(foiApplications.code, code)) : [];
  if (!app || app.agencyId !== actor.agencyId) p.add('code', code ? '未找到本机关的该申请，请核对查询码。' : '请填写申请的查询码。');
  p.done();
  if (!kind || !app) return 0;
  const body = String(input.body ?? '').trim().slice(0, 200);
  const note = String(input.note ?? '').trim().slice(0, 1000);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(foiReviews).values({ agencyId: actor.agencyId, applicationId: app.id, kind, filedOn, body, note, createdBy: actor.userId }).onConflictDoNothing().returning();
    if (!row) throw conflict('duplicate_review', '该申请的同类复议或诉讼已在同一日期登记过。');
    await recordAudit(tx, auditActor(actor), { action: 'foi.review_added', targetType: 'foi_review', targetId: row.id, after: { applicationId: app.id, kind, filedOn } });
    return row.id;
  });
}

export async function decideReview(ctx: FoiCtx, id: number, input: { result: unknown; decidedOn: unknown }): Promise<void> {
  const actor = requireRole(ctx.actor, ...HANDLER_ROLES);
  const result = REVIEW_RESULTS.find((r) => r === input.result && r !== 'pending');
  const p = new FieldProblems();
  if (!result) p.add('result', '请选择结果：维持、纠正或其他结果。');
  const decidedOn = date(input.decidedOn, '审结日期', p, 'decidedOn');
  p.done();
  if (!result) return;
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(foiReviews).where(and(eq(foiReviews.id, id), eq(foiReviews.agencyId, actor.agencyId))).for('update');
    if (!row) throw notFound('复议或诉讼记录');
    if (decidedOn < row.filedOn) throw invalid('审结日期不能早于受理日期。');
    await tx.update(foiReviews).set({ result, decidedOn }).where(eq(foiReviews.id, id));
    await recordAudit(tx, auditActor(actor), { action: 'foi.review_decided', targetType: 'foi_review', targetId: id, before: { result: row.result }, after: { result, decidedOn } });
  });
}

export async function listReviews(ctx: FoiCtx): Promise<ReviewRow[]> {
  const actor = requireRole(ctx.actor, ...HANDLER_ROLES);
  const rows = await ctx.db
    .select({ r: foiReviews, code: foiApplications.code })
    .from(foiReviews)
    .leftJoin(foiApplications, eq(foiApplications.id, foiReviews.applicationId))
    .where(eq(foiReviews.agencyId, actor.agencyId))
    .orderBy(desc(foiReviews.filedOn));
  return rows.map(({ r, code }) => ({ ...r, code }));
}
