import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { hasRole } from '../../core/auth/actor.js';
import { calendarDaysNote, urgencyByDays } from '../../core/worklist.js';
import { availableActions } from './policy.js';
import { reevaluationList } from './reevaluation.js';
import { staffEditionList } from './service.js';

const WAITING = ['in_review', 'approved', 'scheduled'] as const;

const shanghaiDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);

/**
 * Information waiting for this person: editions to review, approved ones to publish, scheduled
 * ones (with their date), and the yearly re-evaluation of what is kept back (due by 31 December).
 */
export async function infoWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  const { actor } = ctx;
  if (!['editor', 'reviewer', 'office'].some((r) => hasRole(actor, r as never))) return [];
  const items: WorkItem[] = [];
  // Only what can be waiting (the list's newest edition per document, among the waiting ones).
  for (const e of await staffEditionList(ctx, 200, WAITING)) {
    const can = availableActions(actor, e);
    const href = `/admin/info/editions/${e.id}`;
    if (e.state === 'in_review' && can.includes('approve')) items.push({ group: 'info', kind: '信息待审核', title: e.title, href, dueOn: null, urgency: 'normal' });
    else if (e.state === 'approved' && e.disclosure === 'active' && can.includes('publish')) items.push({ group: 'info', kind: '信息待发布', title: e.title, href, dueOn: null, urgency: 'normal' });
    else if (e.state === 'scheduled' && e.publishAt && can.includes('unschedule')) {
      items.push({ group: 'info', kind: '定时发布', title: e.title, href, dueOn: shanghaiDate(e.publishAt), urgency: 'soon', note: `将于 ${shanghaiDate(e.publishAt)} 自动发布` });
    }
  }
  if (hasRole(actor, 'reviewer') || hasRole(actor, 'office')) {
    const year = Number(ctx.today.slice(0, 4));
    const open = (await reevaluationList(ctx, year)).filter((r) => r.decision === null);
    if (open.length) {
      const dueOn = `${year}-12-31`;
      items.push({
        group: 'info', kind: '不予公开信息年度评估', title: `${year} 年度评估：${open.length} 件依申请公开或不予公开的信息待评估`, href: `/admin/info/reevaluation?year=${year}`,
        dueOn, urgency: urgencyByDays(ctx.today, dueOn, { dueWithin: 31, soonWithin: 92 }), note: calendarDaysNote(ctx.today, dueOn),
      });
    }
  }
  return items;
}
