import { hasRole } from '../../core/auth/actor.js';
import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { addWorkdays, workdaysBetween } from '../../core/calendar/calendar.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { calendarDaysNote, urgencyByDays } from '../../core/worklist.js';
import { effectiveDue, KIND_LABELS, staffProposals, STAFF_ROLES } from './items.js';
import { getPropSettings } from './settings.js';

/**
 * For the host unit and the office: replies due or overdue (3 months, 6 when extended); for the
 * co-handling unit and the office: views due or overdue (1 month); for the host and the office:
 * replies not published within 20 working days (the official calendar), or about to pass it.
 */
export async function proposalsWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  if (!STAFF_ROLES.some((r) => hasRole(ctx.actor, r))) return [];
  const rows = await staffProposals(ctx);
  if (!rows.length) return [];
  const office = hasRole(ctx.actor, 'office') || hasRole(ctx.actor, 'admin');
  const [cal, s] = await Promise.all([loadCalendar(ctx.db), getPropSettings(ctx.db)]);
  const items: WorkItem[] = [];
  for (const r of rows) {
    const acts = r.hostAgencyId === ctx.actor.agencyId || (office && r.govId === ctx.actor.placement.govId);
    const base = { group: 'interaction' as const, href: `/admin/proposals/${r.id}`, title: `${r.session}第${r.number}号 ${r.title}`, detail: `${KIND_LABELS[r.kind]} · 主办：${r.hostName}` };
    if (r.state === 'handling') {
      if (acts) {
        const due = effectiveDue(r);
        const urgency = urgencyByDays(ctx.today, due, { dueWithin: 14, soonWithin: 30 });
        if (urgency !== 'normal') items.push({ ...base, kind: urgency === 'overdue' ? '建议提案答复超期' : '建议提案待答复', dueOn: due, urgency, note: `答复期限${r.extension ? '（已延期）' : ''}${calendarDaysNote(ctx.today, due)}` });
      }
      for (const c of r.coHandlers) {
        if (c.viewOn || !(acts || c.agencyId === ctx.actor.agencyId)) continue;
        const urgency = urgencyByDays(ctx.today, r.viewsDueOn, { dueWithin: 7, soonWithin: 14 });
        if (urgency === 'normal') continue;
        items.push({ ...base, kind: urgency === 'overdue' ? '协办意见超期' : '协办意见待提交', detail: `${base.detail} · 协办：${c.agencyName}`, dueOn: r.viewsDueOn, urgency, note: `协办意见${calendarDaysNote(ctx.today, r.viewsDueOn)}` });
      }
    } else if (r.state === 'replied' && acts && r.replyOn) {
      const due = addWorkdays(cal, r.replyOn, s.publishWorkdays);
      const left = workdaysBetween(cal, ctx.today, due);
      if (left < 0) items.push({ ...base, kind: '答复超期未公开', dueOn: due, urgency: 'overdue', note: `答复后 ${s.publishWorkdays} 个工作日内应公开，已逾期 ${-left} 个工作日` });
      else if (left <= s.warnWorkdays) items.push({ ...base, kind: '答复待公开', dueOn: due, urgency: 'due', note: `还剩 ${left} 个工作日公开` });
    }
  }
  return items;
}
