import { hasRole } from '../../core/auth/actor.js';
import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { getSurvey, listSurveys } from './service.js';
import { SURVEY_ROLES } from './policy.js';

/** Surveys that ended and wait for their result notice, for the people who run them. */
export async function surveyWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  if (!SURVEY_ROLES.some((r) => hasRole(ctx.actor, r))) return [];
  const closed = (await listSurveys(ctx)).filter((s) => s.state === 'closed');
  const out: WorkItem[] = [];
  for (const s of closed) {
    if (!(await getSurvey(ctx, s.id)).mayRun) continue;
    out.push({ group: 'interaction', kind: '调查已结束，待公布结果', title: s.title, href: `/admin/surveys/${s.id}/results`, detail: `${s.agencyName}：收到问卷 ${s.responses} 份`, dueOn: null, urgency: 'normal' });
  }
  return out;
}
