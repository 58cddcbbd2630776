import { hasRole } from '../../core/auth/actor.js';
import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { calendarDaysNote, urgencyByDays } from '../../core/worklist.js';
import { staffEntries, STAFF_ROLES } from './entries.js';

/**
 * Published entries whose 评估审查 is due (last review + cycle) or within 30 days of it: for the
 * agency's own staff and the office of its government. Drafts with a 2007-numbering flag, for the
 * same people, so they are fixed before anyone tries to publish.
 */
export async function negativeWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  if (!STAFF_ROLES.some((r) => hasRole(ctx.actor, r))) return [];
  const office = hasRole(ctx.actor, 'office') || hasRole(ctx.actor, 'admin');
  const rows = await staffEntries(ctx, {}, ctx.today);
  const items: WorkItem[] = [];
  for (const e of rows) {
    const acts = e.agencyId === ctx.actor.agencyId || office;
    if (!acts) continue;
    const base = { group: 'info' as const, href: `/admin/negative/${e.id}`, title: e.matter.length > 60 ? `${e.matter.slice(0, 60)}…` : e.matter, detail: e.agencyName };
    if (e.state === 'published') {
      const urgency = urgencyByDays(ctx.today, e.reviewDue, { dueWithin: 0, soonWithin: 30 });
      if (urgency === 'normal') continue;
      items.push({ ...base, kind: urgency === 'overdue' ? '负面清单逾期未评估' : '负面清单待评估审查', dueOn: e.reviewDue, urgency, note: `评估审查${calendarDaysNote(ctx.today, e.reviewDue)}` });
    } else if (e.state === 'draft' && e.flags.length && !e.citationConfirmed) {
      items.push({ ...base, kind: '负面清单依据待更正', dueOn: null, urgency: 'normal', note: '依据疑似使用 2007 年版条例条款编号' });
    }
  }
  return items;
}
