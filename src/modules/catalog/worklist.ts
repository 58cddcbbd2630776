import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { hasRole } from '../../core/auth/actor.js';
import { agencyNames } from '../org/service.js';
import { availableActions } from './policy.js';
import { listDomains } from './queries.js';
import { staffCatalogList } from './service.js';

const KINDS = { submitted: '目录待审核', approved: '目录待发布', returned: '目录退回待修改' } as const;

/** Catalog versions that wait for this person: to review and approve, to publish, or to fix after a return. */
export async function catalogWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  if (!['editor', 'reviewer', 'supervisor', 'office'].some((r) => hasRole(ctx.actor, r as never))) return [];
  const list = await staffCatalogList(ctx);
  const waiting = list.filter((v) => (v.state === 'submitted' || v.state === 'approved' || v.state === 'returned') && availableActions(ctx.actor, v).length > 0);
  if (!waiting.length) return [];
  const named = waiting.flatMap((v) => (v.agencyGovId != null ? [v.agencyId, v.agencyGovId] : [v.agencyId]));
  const [domains, agency] = await Promise.all([listDomains(ctx.db), agencyNames(ctx.db, named)]);
  const domain = new Map(domains.map((d) => [d.id, d.name]));
  return waiting.map((v) => ({
    group: 'catalog',
    kind: KINDS[v.state as keyof typeof KINDS],
    // Another government's catalog (in a city department's queue) names its government first.
    title: `${v.agencyGovId != null && v.agencyGovId !== ctx.actor.placement.govId ? `${agency.get(v.agencyGovId)} ` : ''}${agency.get(v.agencyId)} · ${domain.get(v.domainId)}目录 第 ${v.versionNo} 版`,
    href: `/admin/catalogs/versions/${v.id}`,
    dueOn: null,
    urgency: 'normal',
  }));
}
