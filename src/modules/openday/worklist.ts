import { hasRole } from '../../core/auth/actor.js';
import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { overdueOpinions } from './events.js';

/** Open-day opinions assigned to a unit and not answered by their working-day due date. */
export async function opendayWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  if (!(['editor', 'reviewer', 'office', 'admin'] as const).some((r) => hasRole(ctx.actor, r))) return [];
  const rows = await overdueOpinions({ db: ctx.db, actor: ctx.actor }, ctx.today);
  return rows.map((o) => ({ group: 'interaction' as const, href: `/admin/openday/${o.eventId}`, title: o.theme, detail: '政府开放日意见', kind: '开放日意见答复逾期', dueOn: o.dueOn!, urgency: 'overdue' as const, note: `应于 ${o.dueOn} 前答复` }));
}
