import { hasRole } from '../../core/auth/actor.js';
import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { daysBetween, toShanghaiDate } from '../../core/calendar/dates.js';
import { staffConsultations } from './consultations.js';
import { reportOf } from './report.js';
import { unmoderatedIn } from './opinions.js';
import { placeOf } from './consultations.js';
import { reviewsReport, runs } from './policy.js';

/**
 * For the staff who run a consultation: comments waiting for moderation, and a closed
 * consultation without published feedback, with how long it has waited. For a second person
 * (reviewer or office): a feedback report waiting for review. The office sees, within its own
 * government, every closed consultation left without feedback.
 */
export async function participationWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  if (!(['editor', 'reviewer', 'office', 'admin'] as const).some((r) => hasRole(ctx.actor, r))) return [];
  const rows = (await staffConsultations(ctx)).filter((c) => c.state === 'open' || c.state === 'closed');
  if (!rows.length) return [];
  const pending = new Map((await unmoderatedIn(ctx.db, rows.map((r) => r.id))).map((r) => [r.id, r.n]));
  const items: WorkItem[] = [];
  for (const c of rows) {
    const place = await placeOf(ctx.db, c.agencyId);
    const mine = runs(ctx.actor, c, place);
    if (!mine) continue;
    const base = { group: 'interaction' as const, href: `/admin/participation/${c.id}`, title: c.title, detail: c.agencyName };
    const n = pending.get(c.id) ?? 0;
    if (n) items.push({ ...base, kind: '征求意见待审核', dueOn: null, urgency: 'due', note: `${n} 条网上意见待审核` });
    if (c.state !== 'closed') continue;
    const report = await reportOf(ctx.db, c.id);
    if (report?.state === 'published') continue;
    const closedOn = toShanghaiDate(c.closedAt ?? c.endsAt);
    const age = daysBetween(closedOn, ctx.today);
    if (report?.state === 'submitted') {
      if (reviewsReport(ctx.actor, c, place) && report.submittedBy !== ctx.actor.userId) items.push({ ...base, kind: '意见采纳情况待审核', dueOn: null, urgency: 'due', note: `已结束 ${age} 天` });
      continue;
    }
    items.push({ ...base, kind: '征求意见已结束未反馈', dueOn: closedOn, urgency: age > 30 ? 'overdue' : 'soon', note: `已结束 ${age} 天，尚未公布意见采纳情况` });
  }
  return items;
}
