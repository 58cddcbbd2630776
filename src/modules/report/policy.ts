import { hasRole, type Actor } from '../../core/auth/actor.js';
import { GOVERNMENT_KINDS } from '../../core/org/schema.js';
import { isOfficeLike, isOwnAgency, officeActs, officeReads, type AgencyPlace } from '../../core/org/scope.js';
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

/** An agency as the rules need it: its kind, and where it sits in the government tree (core/org/scope.ts). */
type AgencyRef = AgencyPlace & { kind: string };
/** A report as the rules need it: its state and its agency. */
type ReportRef = { agency: AgencyRef; state: ReportState };

/** The disclosure office and administrators: they alone handle a government's own report. */
export const isOffice = (a: Actor): boolean => isOfficeLike(a);

/** A government's own report (县/市/省人民政府) is the office's; every other agency writes its own. */
const isGovernment = (kind: string) => (GOVERNMENT_KINDS as readonly string[]).includes(kind);
const ownStaff = (a: Actor, agency: AgencyRef) => !isGovernment(agency.kind) && isOwnAgency(a, agency) && (hasRole(a, 'editor') || hasRole(a, 'reviewer'));

/**
 * Who may start and write an agency's report: its own editors and reviewers, or the office of the
 * government it belongs to (a city's office writes the city's reports, not its counties').
 */
export const canDraft = (a: Actor, agency: AgencyRef): boolean => isReportingKind(agency.kind) && (officeActs(a, agency) || ownStaff(a, agency));

/** Who may read a report: its agency's staff, and the office within its reach (a city's office reads its counties', read-only). */
export const canRead = (a: Actor, r: ReportRef): boolean => officeReads(a, r.agency) || ownStaff(a, r.agency);

export const canEdit = (a: Actor, r: ReportRef): boolean => r.state === 'draft' && canDraft(a, r.agency);

export function canTransition(a: Actor, r: ReportRef, action: ReportAction): boolean {
  if (!REPORT_TRANSITIONS[action].from.includes(r.state)) return false;
  // An agency's staff hand the report to the office; the office of its government returns or publishes.
  if (action === 'submit') return ownStaff(a, r.agency);
  return officeActs(a, r.agency);
}

export const availableActions = (a: Actor, r: ReportRef): ReportAction[] => (Object.keys(REPORT_TRANSITIONS) as ReportAction[]).filter((x) => canTransition(a, r, x));
