import { hasRole } from '../../core/auth/actor.js';
import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { daysBetween, toShanghaiDate } from '../../core/calendar/dates.js';
import { staffMeetings } from './meetings.js';
import { meetingForRunning } from './policy.js';
import { getHearSettings } from './settings.js';
import { KIND_LABELS } from './labels.js';

/**
 * For the staff who run a meeting: a meeting within the materials window (the office's number of
 * days) whose materials or participant list are not yet published, and a meeting held without
 * its minutes, with how long ago it was.
 */
export async function hearingWorklist(ctx: WorklistCtx, now = new Date()): Promise<WorkItem[]> {
  if (!(['editor', 'reviewer', 'office', 'admin'] as const).some((r) => hasRole(ctx.actor, r))) return [];
  const rows = (await staffMeetings(ctx)).filter((m) => m.state === 'announced' && !m.minutesAt);
  if (!rows.length) return [];
  const { materialsDays } = await getHearSettings(ctx.db);
  const items: WorkItem[] = [];
  for (const m of rows) {
    if (!(await meetingForRunning(ctx.db, ctx.actor, m.id).then(() => true, () => false))) continue;
    const on = toShanghaiDate(m.startsAt);
    const left = daysBetween(ctx.today, on);
    const base = { group: 'interaction' as const, href: `/admin/hearing/${m.id}`, title: m.title, detail: `${KIND_LABELS[m.kind]} · ${m.consultationTitle}` };
    if (m.startsAt <= now) {
      items.push({ ...base, kind: '会议笔录未录入', dueOn: on, urgency: -left > 3 ? 'overdue' : 'due', note: `会议已于 ${-left} 天前召开，尚未录入笔录` });
      continue;
    }
    if (left > materialsDays) continue;
    const missing = [m.materialsPublishedAt ? '' : '会议材料', m.listPublishedAt ? '' : '参加人名单'].filter(Boolean);
    if (missing.length) items.push({ ...base, kind: '会议材料或名单未发布', dueOn: on, urgency: 'due', note: `距会议 ${left} 天，${missing.join('、')}尚未发布（应于会前 ${materialsDays} 天送达）` });
  }
  return items;
}
