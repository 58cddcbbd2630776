import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { hasRole } from '../../core/auth/actor.js';
import { urgencyByDays } from '../../core/worklist.js';
import { annualReportReminders, daysLeftText, type ReportReminder } from './reminders.js';

const urgencyOf = (today: string, deadline: string) => urgencyByDays(today, deadline, { dueWithin: 15, soonWithin: 60 });

/**
 * Last year's annual reports not yet published — 1月31日 for departments and townships, 3月31日
 * for a government: county, city or province (条例 arts. 49–50) — however long overdue. Staff see their own agency's; the
 * office also its government's, and one supervision item per deadline for every other agency of
 * its government (not a lower government's: that one's office supervises it).
 */
export async function reportWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  const { actor, today } = ctx;
  if (!['editor', 'reviewer', 'office'].some((r) => hasRole(actor, r as never))) return [];
  const pending = await annualReportReminders(ctx, { today });
  const office = hasRole(actor, 'office');
  // The office's own: its government's report (the county's, or the city's for a city's office).
  const own = (r: ReportReminder) => r.agencyId === actor.agencyId || (office && r.agencyId === actor.placement.govId);
  const items: WorkItem[] = pending.filter(own).map((r) => ({
    group: 'supervision',
    kind: r.state === 'submitted' ? '年度报告待发布' : '年度报告待编制',
    title: `${r.agencyName} ${r.year} 年政府信息公开工作年度报告`,
    href: r.reportId ? `/admin/reports/${r.reportId}` : '/admin/reports',
    dueOn: r.deadline,
    urgency: urgencyOf(today, r.deadline),
    note: `${r.deadline} 前发布，${daysLeftText(r.daysLeft)}`,
  }));
  if (office) {
    const others = new Map<string, ReportReminder[]>();
    for (const r of pending.filter((x) => !own(x))) others.set(r.deadline, [...(others.get(r.deadline) ?? []), r]);
    for (const [deadline, list] of others) {
      const names = list.map((r) => r.agencyName);
      const submitted = list.filter((r) => r.state === 'submitted').length;
      items.push({
        group: 'supervision',
        kind: '年度报告督办',
        title: `${list[0]!.year} 年度报告：${list.length} 个机构尚未发布`,
        href: '/admin/reports',
        detail: `${names.slice(0, 5).join('、')}${names.length > 5 ? ` 等 ${names.length} 个` : ''}${submitted ? `；其中 ${submitted} 份已报送待发布` : ''}`,
        dueOn: deadline,
        urgency: urgencyOf(today, deadline),
        note: `${deadline} 前发布，${daysLeftText(list[0]!.daysLeft)}`,
      });
    }
  }
  return items;
}
