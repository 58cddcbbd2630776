import { hasRole } from '../../core/auth/actor.js';
import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { calendarDaysNote, urgencyByDays } from '../../core/worklist.js';
import { isOfficeLike } from '../../core/org/scope.js';
import { LEVEL_LABELS, STAFF_ROLES } from './ratings.js';
import { staffOrders } from './orders.js';
import { ADMIN_BASE } from './views/admin.js';

/**
 * 差评 work orders: the handling unit's staff see their open orders by deadline; the office sees
 * the overdue ones within its government and the appeals waiting for its decision.
 */
export async function ratingsWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  if (!STAFF_ROLES.some((r) => hasRole(ctx.actor, r))) return [];
  const office = isOfficeLike(ctx.actor);
  const rows = await staffOrders(ctx, {}, ctx.today);
  const items: WorkItem[] = [];
  for (const o of rows) {
    const own = o.agencyId === ctx.actor.agencyId && !office;
    const base = { group: 'services' as const, href: `${ADMIN_BASE}/orders/${o.id}`, title: `${o.targetName}（${LEVEL_LABELS[o.level]}）`, detail: o.agencyName };
    if (o.state === 'appealed' && office) {
      items.push({ ...base, kind: '差评申诉待审核', dueOn: null, urgency: 'normal', note: '承办单位提出申诉，请审核' });
    } else if (o.state === 'open') {
      const urgency = urgencyByDays(ctx.today, o.dueOn, { dueWithin: 1, soonWithin: 30 });
      if (!own && urgency !== 'overdue') continue;
      items.push({ ...base, kind: urgency === 'overdue' ? '差评工单已超期' : '差评工单待办理', dueOn: o.dueOn, urgency, note: `办理期限${calendarDaysNote(ctx.today, o.dueOn)}` });
    }
  }
  return items;
}
