import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { hasRole } from '../../core/auth/actor.js';
import { interviewsToModerate, STAFF_ROLES } from './interviews.js';

const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/** Questions of announced or live interviews waiting for review: before the interview starts, or now while it runs. */
export async function interviewWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  if (!STAFF_ROLES.some((r) => hasRole(ctx.actor, r))) return [];
  return (await interviewsToModerate(ctx)).map((iv) => {
    const on = day(iv.startsAt);
    const live = iv.state === 'live';
    const counts = [iv.pending ? `${iv.pending} 个待审核` : '', iv.held ? `${iv.held} 个含敏感词待复核` : ''].filter(Boolean).join('，');
    return {
      group: 'interaction' as const, href: `/admin/interview/${iv.id}`, title: iv.topic.slice(0, 60), detail: '在线访谈',
      kind: iv.held && !iv.pending ? '访谈问题待复核' : '访谈问题待审核',
      dueOn: live ? ctx.today : on,
      urgency: live || on <= ctx.today ? ('due' as const) : ('soon' as const),
      note: live ? `访谈进行中，${counts}` : `${on} 开始访谈，${counts}`,
    };
  });
}
