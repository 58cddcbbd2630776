import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { hasRole, requireRole, type Actor } from '../../core/auth/actor.js';
import { agencyInGovernment } from '../../core/org/scope.js';
import { agencies } from '../../core/org/schema.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, forbiddenAsNotFound, invalid } from '../../core/errors.js';
import { infoDocuments, infoEditions, infoReevaluations } from './schema.js';

/** The documents a person evaluates: their own agency's, and the office its government's. */
const whose = (actor: Actor) => {
  const own = eq(infoDocuments.agencyId, actor.agencyId);
  return hasRole(actor, 'office') ? or(own, agencyInGovernment(infoDocuments.agencyId, actor)) : own;
};

export type ReevaluationRow = { documentId: number; editionId: number; agencyId: number; title: string; disclosure: 'on_request' | 'not_public'; ground: string; decision: 'keep' | 'disclose' | null; reason: string | null };

/**
 * Information kept back from proactive disclosure, with this year's decision if one was made
 * (seed 000 二(二)1: 每年度对不予公开的政府信息进行评估). Reviewers see their agency's; the office
 * its own government's (a county's office the county's, incl. townships; never another county's).
 */
export async function reevaluationList(ctx: Ctx, year: number): Promise<ReevaluationRow[]> {
  const actor = requireRole(ctx.actor, 'reviewer', 'office');
  const rows = await ctx.db
    .select({ e: infoEditions, agencyId: infoDocuments.agencyId })
    .from(infoEditions)
    .innerJoin(infoDocuments, eq(infoDocuments.id, infoEditions.documentId))
    .where(and(inArray(infoEditions.disclosure, ['on_request', 'not_public']), inArray(infoEditions.state, ['approved', 'in_review', 'draft']), whose(actor)))
    .orderBy(desc(infoEditions.id));
  const decisions = await ctx.db.select().from(infoReevaluations).where(eq(infoReevaluations.year, year));
  return rows.map(({ e, agencyId }) => {
    const d = decisions.find((x) => x.documentId === e.documentId);
    return { documentId: e.documentId, editionId: e.id, agencyId, title: e.title, disclosure: e.disclosure as 'on_request' | 'not_public', ground: e.disclosureGround, decision: d?.decision ?? null, reason: d?.reason ?? null };
  });
}

/** Records this year's decision; "now disclose" turns the edition into 主动公开 so it can be published. */
export async function recordReevaluation(ctx: Ctx, input: { documentId: number; year: number; decision: 'keep' | 'disclose'; reason: string }): Promise<void> {
  const actor = requireRole(ctx.actor, 'reviewer', 'office');
  const reason = input.reason.trim();
  const problems: { field: string; message: string }[] = [];
  if (input.decision !== 'keep' && input.decision !== 'disclose') problems.push({ field: 'decision', message: '评估结论不正确。' });
  if (!reason) problems.push({ field: 'reason', message: '请写明评估理由。' });
  else if (reason.length > 1000) problems.push({ field: 'reason', message: '评估理由不能超过 1000 个字符。' });
  if (problems.length) throw invalid(problems.map((x) => x.message).join('；'), problems);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ e: infoEditions, agencyId: infoDocuments.agencyId })
      .from(infoEditions)
      .innerJoin(infoDocuments, eq(infoDocuments.id, infoEditions.documentId))
      .where(and(eq(infoEditions.documentId, input.documentId), inArray(infoEditions.state, ['approved', 'in_review', 'draft']), whose(actor)))
      .for('update', { of: infoEditions });
    if (!row) throw forbiddenAsNotFound('信息');
    if (row.e.disclosure === 'active') throw conflict('already_active', '该信息已是主动公开。');
    const done = await tx.insert(infoReevaluations).values({ documentId: input.documentId, year: input.year, decision: input.decision, reason, decidedBy: actor.userId }).onConflictDoNothing().returning();
    if (!done.length) throw conflict('already_decided', `该信息 ${input.year} 年度已评估。`);
    if (input.decision === 'disclose') {
      await tx.update(infoEditions).set({ disclosure: 'active', disclosureGround: '', negEntryId: null, negArticle: '' }).where(eq(infoEditions.id, row.e.id));
    }
    await recordAudit(tx, auditActor(actor), { action: 'info.reevaluated', targetType: 'info_document', targetId: input.documentId, before: { disclosure: row.e.disclosure }, after: { year: input.year, decision: input.decision, reason } });
  });
}
