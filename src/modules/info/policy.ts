import type { Actor, Role } from '../../core/auth/actor.js';
import { hasRole } from '../../core/auth/actor.js';
import { officeActs, officeReads, type AgencyPlace } from '../../core/org/scope.js';
import type { EditionState } from './schema.js';

export type EditionAction = 'submit' | 'return' | 'approve' | 'schedule' | 'unschedule' | 'publish' | 'withdraw';

/** The explicit state machine of an edition (after GOV.UK Whitehall's), and who moves it. */
export const TRANSITIONS: Record<EditionAction, { from: EditionState[]; to: EditionState; roles: Role[]; label: string }> = {
  submit: { from: ['draft'], to: 'in_review', roles: ['editor'], label: '提交审核' },
  return: { from: ['in_review'], to: 'draft', roles: ['reviewer'], label: '退回修改' },
  approve: { from: ['in_review'], to: 'approved', roles: ['reviewer'], label: '审核通过（含保密审查）' },
  schedule: { from: ['approved'], to: 'scheduled', roles: ['reviewer', 'office'], label: '定时发布' },
  unschedule: { from: ['scheduled'], to: 'approved', roles: ['reviewer', 'office'], label: '取消定时' },
  publish: { from: ['approved'], to: 'published', roles: ['reviewer', 'office'], label: '立即发布' },
  withdraw: { from: ['published'], to: 'withdrawn', roles: ['reviewer', 'office'], label: '撤回' },
};

export const STATE_LABELS: Record<EditionState, string> = {
  draft: '草稿',
  in_review: '待审核',
  approved: '已审核待发布',
  scheduled: '定时发布',
  published: '已发布',
  superseded: '历史版本',
  withdrawn: '已撤回',
};

/** An edition as the rules need it: its state and where its publishing agency sits. */
type Ref = { agencyId: number; agencyPath: string; agencyGovId: number | null; state: EditionState };

const place = (e: Ref): AgencyPlace => ({ id: e.agencyId, path: e.agencyPath, govId: e.agencyGovId });
const ownStaff = (actor: Actor, e: Ref) => actor.agencyId === e.agencyId && (hasRole(actor, 'editor') || hasRole(actor, 'reviewer'));
/** The disclosure office where it acts: its own government's agencies (a county's include its townships). */
const officeHere = (actor: Actor, e: Ref) => hasRole(actor, 'office') && officeActs(actor, place(e));

/**
 * An agency's information stays with its own staff until it is submitted; the office then reads
 * it within its reach (a city's office reads its counties' too, without acting on them).
 */
export function canRead(actor: Actor, e: Ref): boolean {
  if (ownStaff(actor, e)) return true;
  return hasRole(actor, 'office') && officeReads(actor, place(e)) && e.state !== 'draft';
}

export const canEdit = (actor: Actor, e: Ref): boolean => actor.agencyId === e.agencyId && hasRole(actor, 'editor') && e.state === 'draft';

export function canTransition(actor: Actor, e: Ref, action: EditionAction): boolean {
  const t = TRANSITIONS[action];
  if (!t.from.includes(e.state) || !t.roles.some((r) => hasRole(actor, r))) return false;
  // The office acts on its own government's information; everyone else only within their own agency.
  return (t.roles.includes('office') && officeHere(actor, e)) || (actor.agencyId === e.agencyId && t.roles.some((r) => r !== 'office' && hasRole(actor, r)));
}

export const availableActions = (actor: Actor, e: Ref): EditionAction[] =>
  (Object.keys(TRANSITIONS) as EditionAction[]).filter((a) => canTransition(actor, e, a));

/** Who may mark a published document 失效/废止/已修订: its agency's editors and reviewers, or its government's office. */
export const canSetValidity = (actor: Actor, e: Ref): boolean => e.state === 'published' && (ownStaff(actor, e) || officeHere(actor, e));
