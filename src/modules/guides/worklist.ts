import { hasRole } from '../../core/auth/actor.js';
import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { calendarDaysNote, urgencyByDays } from '../../core/worklist.js';
import { pendingChanges, STAFF_ROLES, VERSION_STATE_LABELS } from './service.js';

/**
 * Changes to guides not yet published, for the item's agency and the office of its government:
 * overdue once past 20 working days from the change, due within 5 days of it. Submitted versions
 * also wait for the reviewer.
 */
export async function guidesWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  if (!STAFF_ROLES.some((r) => hasRole(ctx.actor, r))) return [];
  const office = hasRole(ctx.actor, 'office') || hasRole(ctx.actor, 'admin');
  const items: WorkItem[] = [];
  for (const i of await pendingChanges(ctx)) {
    if (i.agencyId !== ctx.actor.agencyId && !(office && i.govId === ctx.actor.placement.govId)) continue;
    const urgency = urgencyByDays(ctx.today, i.publishDue, { dueWithin: 5, soonWithin: 30 });
    items.push({
      group: 'services', href: `/admin/banshi/${i.id}`, title: i.name, detail: `${i.agencyName} · ${i.code} · 第 ${i.latestVersion} 版${VERSION_STATE_LABELS[i.latestState]}`,
      kind: urgency === 'overdue' ? '办事指南逾期未发布' : i.latestState === 'submitted' ? '办事指南待审核' : '办事指南待发布',
      dueOn: i.publishDue, urgency, note: `应于 ${i.publishDue} 前发布（变更之日起 20 个工作日），${calendarDaysNote(ctx.today, i.publishDue)}`,
    });
  }
  return items;
}
