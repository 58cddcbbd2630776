import { hasRole } from '../../core/auth/actor.js';
import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { clocksDue } from './items.js';

const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/** Open public-opinion items whose response clock is in its last quarter or past due. */
export async function opinionWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  if (!hasRole(ctx.actor, 'office') && !hasRole(ctx.actor, 'admin')) return [];
  const rows = await clocksDue({ db: ctx.db, actor: ctx.actor });
  return rows.map(({ item, clock }) => {
    const m = Math.round(Math.abs(clock.remainingMs) / 60_000);
    const span = `${Math.floor(m / 60)} 小时 ${m % 60} 分`;
    return {
      group: 'interaction' as const, href: `/admin/opinion/${item.id}`, title: item.summary.slice(0, 60), detail: '政务舆情回应',
      kind: clock.status === 'overdue' ? `舆情${clock.label}超时` : `舆情${clock.label}临近时限`, dueOn: day(clock.dueAt),
      urgency: clock.status === 'overdue' ? ('overdue' as const) : ('soon' as const),
      note: clock.status === 'overdue' ? `已超时 ${span}` : `还剩 ${span}`,
    };
  });
}
