import { and, eq, inArray, sql } from 'drizzle-orm';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, invalid } from '../../core/errors.js';
import { agencies, GOVERNMENT_KINDS } from '../../core/org/schema.js';
import { listDomains } from './queries.js';
import { catalogSupervision } from './schema.js';

export type SupervisionRow = { domainId: number; name: string; pilot: boolean; byUpperLevel: boolean };
export type SupervisionSettings = {
  government: { id: number; name: string };
  /** The governments directly below, whose catalogs the setting concerns (none: nothing to configure). */
  lower: { id: number; name: string }[];
  domains: SupervisionRow[];
};

async function governmentOf(ctx: Ctx) {
  const actor = requireRole(ctx.actor, 'office', 'admin');
  const govId = actor.placement.govId;
  const [gov] = await ctx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.id, govId));
  const lower = await ctx.db
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(and(eq(agencies.upperGovId, govId), inArray(agencies.kind, [...GOVERNMENT_KINDS]), sql`${agencies.govId} = ${agencies.id}`))
    .orderBy(agencies.sort, agencies.id);
  return { actor, government: gov ?? { id: govId, name: '' }, lower };
}

/**
 * Which level supervises each domain's catalogs of the governments below this office's (领域指导单位,
 * 新乡 附件1): the office (or administrator) of a city or province reads its own government's setting.
 */
export async function supervisionSettings(ctx: Ctx): Promise<SupervisionSettings> {
  const { government, lower } = await governmentOf(ctx);
  const [domains, rows] = await Promise.all([listDomains(ctx.db), ctx.db.select({ domainId: catalogSupervision.domainId }).from(catalogSupervision).where(eq(catalogSupervision.governmentId, government.id))]);
  const upper = new Set(rows.map((r) => r.domainId));
  return { government, lower, domains: domains.map((d) => ({ domainId: d.id, name: d.name, pilot: d.pilot, byUpperLevel: upper.has(d.id) })) };
}

/**
 * Sets the domains whose catalogs this government's own departments review for every government
 * directly below it; every other domain is reviewed by each lower government's own department.
 * Catalogs already waiting for review move to the new supervisor's queue at once. Audited.
 */
export async function setSupervision(ctx: Ctx, upperLevelDomainIds: number[]): Promise<void> {
  const { actor, government, lower } = await governmentOf(ctx);
  if (!lower.length) throw conflict('no_lower_governments', '本级政府下没有县（市、区）等下级政府，无需设置跨层级指导。');
  const known = new Set((await listDomains(ctx.db)).map((d) => d.id));
  const wanted = new Set(upperLevelDomainIds);
  if ([...wanted].some((id) => !known.has(id))) throw invalid('所选领域不存在，请刷新页面后重试。');
  await ctx.db.transaction(async (tx) => {
    const before = new Set((await tx.select({ domainId: catalogSupervision.domainId }).from(catalogSupervision).where(eq(catalogSupervision.governmentId, government.id)).for('update')).map((r) => r.domainId));
    const added = [...wanted].filter((d) => !before.has(d));
    const removed = [...before].filter((d) => !wanted.has(d));
    if (!added.length && !removed.length) return;
    if (removed.length) await tx.delete(catalogSupervision).where(and(eq(catalogSupervision.governmentId, government.id), inArray(catalogSupervision.domainId, removed)));
    if (added.length) await tx.insert(catalogSupervision).values(added.map((domainId) => ({ governmentId: government.id, domainId, setBy: actor.userId })));
    await recordAudit(tx, auditActor(actor), { action: 'catalog.supervision_set', targetType: 'government', targetId: government.id, before: { upperLevel: [...before].sort((a, b) => a - b) }, after: { upperLevel: [...wanted].sort((a, b) => a - b), added, removed } });
  });
}
