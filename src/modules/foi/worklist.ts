import { hasRole } from '../../core/auth/actor.js';
import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { HANDLER_ROLES } from './policy.js';
import { listCases, type CaseListItem } from './queries.js';

const past = (today: string, d: string) => d < today;

/** One item per open case: what the case waits for and by when. */
function itemOf(c: CaseListItem, today: string): WorkItem | null {
  const base = { group: 'foi' as const, href: `/admin/foi/${c.id}`, title: c.code, detail: `${c.agencyName}：${c.content}` };
  if (!c.mine) {
    // The office supervises its own government's other agencies' cases: only the ones about to miss,
    // or past, their date. A lower government's cases it only reads: they are that government's to chase.
    if (!c.supervised) return null;
    if (c.urgency === 'overdue') return { ...base, kind: '申请已超期（督办）', dueOn: c.dueOn, urgency: 'overdue', note: `答复期限 ${c.dueOn}` };
    if (c.urgency === 'due_soon') return { ...base, kind: '申请即将到期（督办）', dueOn: c.dueOn, urgency: 'due', note: `答复期限 ${c.dueOn}` };
    return null;
  }
  if (c.state === 'pending_confirmation') return { ...base, kind: '网上申请待确认受理', dueOn: null, urgency: 'due', note: '确认之日为收到申请之日' };
  if (c.supplementDueOn) {
    return past(today, c.supplementDueOn)
      ? { ...base, kind: '补正期限已过', dueOn: c.supplementDueOn, urgency: 'overdue', note: `补正期限 ${c.supplementDueOn}，可按逾期不补正结案` }
      : { ...base, kind: '等待申请人补正', dueOn: c.supplementDueOn, urgency: 'soon', note: `补正期限 ${c.supplementDueOn}` };
  }
  const consultation = [...c.consultationsDue].sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
  if (consultation) {
    return past(today, consultation.dueOn)
      ? { ...base, kind: '征求意见答复已逾期', dueOn: consultation.dueOn, urgency: 'overdue', note: `${consultation.party}应于 ${consultation.dueOn} 前答复` }
      : { ...base, kind: '等待征求意见答复', dueOn: consultation.dueOn, urgency: 'soon', note: `${consultation.party}应于 ${consultation.dueOn} 前答复` };
  }
  if (c.paymentDueOn) return { ...base, kind: '等待申请人缴费', dueOn: c.paymentDueOn, urgency: past(today, c.paymentDueOn) ? 'overdue' : 'soon', note: `缴费期限 ${c.paymentDueOn}` };
  if (c.urgency === 'overdue') return { ...base, kind: '申请已超期', dueOn: c.dueOn, urgency: 'overdue', note: `答复期限 ${c.dueOn}` };
  if (c.urgency === 'due_soon') return { ...base, kind: '申请即将到期', dueOn: c.dueOn, urgency: 'due', note: `答复期限 ${c.dueOn}（3 个工作日内）` };
  if (c.dueOn) return { ...base, kind: '申请待答复', dueOn: c.dueOn, urgency: 'soon', note: `答复期限 ${c.dueOn}` };
  return null;
}

/** Applications on the statutory clock for their handlers; overdue and due ones for the office too. */
export async function foiWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  if (!HANDLER_ROLES.some((r) => hasRole(ctx.actor, r))) return [];
  const cases = await listCases({ ...ctx, key: ctx.config.foiDataKey, countStartDay: ctx.config.deadlineCountStartDay }, { state: 'open', limit: 500 });
  return cases.map((c) => itemOf(c, ctx.today)).filter((x): x is WorkItem => x !== null);
}
