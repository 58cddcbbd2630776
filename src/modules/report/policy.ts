import { hasRole, type Actor } from '../../core/auth/actor.js';
import type { ReportState } from './schema.js';

export type ReportAction = 'submit' | 'return' | 'publish';

/** The explicit state machine of a report. Publication is final: it freezes the snapshot. */
export const REPORT_TRANSITIONS: Record<ReportAction, { from: ReportState[]; to: ReportState; label: string }> = {
  submit: { from: ['draft'], to: 'submitted', label: '提交政务公开办审核' },
  return: { from: ['submitted'], to: 'draft', label: '退回修改' },
  publish: { from: ['draft', 'submitted'], to: 'published', label: '审核通过并发布' },
};

export const REPORT_STATE_LABELS: Record<ReportState, string> = { draft: '草稿', submitted: '待政务公开办审核', published: '已发布' };

/** Agencies that publish a report of their own: every government, its departments, townships and streets. */
export const REPORTING_KINDS = ['province', 'city', 'county', 'department', 'township', 'street'] as const;
export const isReportingKind = (kind: string): boolean => (REPORTING_KINDS as readonly string[]).includes(kind);

type AgencyRef = { id: number; kind: string };
type ReportRef = { agencyId: number; agencyKind: string; state: ReportState };

/** The disclosure office (and administrators) act county-wide and alone handle the county's report. */
export const isOffice = (a: Actor): boolean => hasRole(a, 'office') || hasRole(a, 'admin');

const ownStaff = (a: Actor, agency: AgencyRef) => agency.kind !== 'county' && a.agencyId === agency.id && (hasRole(a, 'editor') || hasRole(a, 'reviewer'));

/** Who may start and write an agency's report: its own editors and reviewers, or the office. */
export const canDraft = (a: Actor, agency: AgencyRef): boolean => isReportingKind(agency.kind) && (isOffice(a) || ownStaff(a, agency));

export const canRead = (a: Actor, r: ReportRef): boolean => isOffice(a) || ownStaff(a, { id: r.agencyId, kind: r.agencyKind });

export const canEdit = (a: Actor, r: ReportRef): boolean => r.state === 'draft' && canDraft(a, { id: r.agencyId, kind: r.agencyKind });

export function canTransition(a: Actor, r: ReportRef, action: ReportAction): boolean {
  if (!REPORT_TRANSITIONS[action].from.includes(r.state)) return false;
  // An agency's staff hand the report to the office; the office returns or publishes.
  if (action === 'submit') return ownStaff(a, { id: r.agencyId, kind: r.agencyKind });
  return isOffice(a);
}

export const availableActions = (a: Actor, r: ReportRef): ReportAction[] => (Object.keys(REPORT_TRANSITIONS) as ReportAction[]).filter((x) => canTransition(a, r, x));
