import type { Actor, Role } from '../../core/auth/actor.js';
import { hasRole, supervisedDomains } from '../../core/auth/actor.js';
import { officeActs, officeReads } from '../../core/org/scope.js';
import type { CatalogState } from './schema.js';

export type CatalogAction = 'submit' | 'return' | 'approve' | 'publish';

/** The explicit state machine of a catalog version: every allowed move and who makes it. */
export const TRANSITIONS: Record<CatalogAction, { from: CatalogState[]; to: CatalogState; role: Role; label: string }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', role: 'editor', label: '提交审核' },
  return: { from: ['submitted'], to: 'returned', role: 'supervisor', label: '退回修改' },
  approve: { from: ['submitted'], to: 'approved', role: 'supervisor', label: '审核通过' },
  publish: { from: ['approved'], to: 'published', role: 'office', label: '发布' },
};

export const STATE_LABELS: Record<CatalogState, string> = {
  draft: '草稿',
  submitted: '待指导单位审核',
  returned: '已退回修改',
  approved: '已审核待发布',
  published: '已发布',
  superseded: '历史版本',
};

export type VersionRef = { agencyId: number; domainId: number; state: CatalogState; agencyPath: string; agencyGovId: number | null; supervisorGovId: number | null };

const place = (v: VersionRef) => ({ id: v.agencyId, path: v.agencyPath, govId: v.agencyGovId });

/**
 * The supervising department (指导单位) of a catalog: a supervisor of its domain in the government
 * the domain's supervision sits with — the county's own department, or the city's when the city's
 * office configured the domain so (catalog_supervision). Never a sibling county's department.
 */
export const supervises = (actor: Actor, v: VersionRef): boolean =>
  supervisedDomains(actor).includes(v.domainId) && v.supervisorGovId != null && actor.placement.govId === v.supervisorGovId;

/**
 * Drafts belong to their agency: only its own staff see them until they are submitted. Then the
 * office reads them within its reach (a city's office its counties'), the supervisor those it supervises.
 */
export function canRead(actor: Actor, v: VersionRef): boolean {
  if (actor.agencyId === v.agencyId && (hasRole(actor, 'editor') || hasRole(actor, 'reviewer'))) return true;
  if (v.state === 'draft') return false;
  if (hasRole(actor, 'office') && officeReads(actor, place(v))) return true;
  return supervises(actor, v);
}

export function canEdit(actor: Actor, v: VersionRef): boolean {
  return actor.agencyId === v.agencyId && hasRole(actor, 'editor') && (v.state === 'draft' || v.state === 'returned');
}

/** Editors move their own agency's; the supervising department reviews; the office of the catalog's own government publishes. */
export function canTransition(actor: Actor, v: VersionRef, action: CatalogAction): boolean {
  const t = TRANSITIONS[action];
  if (!t.from.includes(v.state) || !hasRole(actor, t.role)) return false;
  if (t.role === 'editor') return actor.agencyId === v.agencyId;
  if (t.role === 'supervisor') return supervises(actor, v);
  return officeActs(actor, place(v));
}

/** The actions this actor can take on a version, for the views. */
export const availableActions = (actor: Actor, v: VersionRef): CatalogAction[] =>
  (Object.keys(TRANSITIONS) as CatalogAction[]).filter((a) => canTransition(actor, v, a));

/**
 * A domain's template belongs to its supervising department (指导单位): only a supervisor of that
 * domain completes or replaces it. Everyone on the staff may read it.
 */
export const canManageTemplate = (actor: Actor, domainId: number): boolean => supervisedDomains(actor).includes(domainId);
