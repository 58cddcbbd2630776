import type { Actor, Role } from '../../core/auth/actor.js';
import { hasRole, supervisedDomains } from '../../core/auth/actor.js';
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

export type VersionRef = { agencyId: number; domainId: number; state: CatalogState };

/** Drafts belong to their agency: only its own staff see them until they are submitted. */
export function canRead(actor: Actor, v: VersionRef): boolean {
  if (actor.agencyId === v.agencyId && (hasRole(actor, 'editor') || hasRole(actor, 'reviewer'))) return true;
  if (v.state === 'draft') return false;
  if (hasRole(actor, 'office')) return true;
  return supervisedDomains(actor).includes(v.domainId);
}

export function canEdit(actor: Actor, v: VersionRef): boolean {
  return actor.agencyId === v.agencyId && hasRole(actor, 'editor') && (v.state === 'draft' || v.state === 'returned');
}

export function canTransition(actor: Actor, v: VersionRef, action: CatalogAction): boolean {
  const t = TRANSITIONS[action];
  if (!t.from.includes(v.state) || !hasRole(actor, t.role)) return false;
  if (t.role === 'editor') return actor.agencyId === v.agencyId;
  if (t.role === 'supervisor') return supervisedDomains(actor).includes(v.domainId);
  return true;
}

/** The actions this actor can take on a version, for the views. */
export const availableActions = (actor: Actor, v: VersionRef): CatalogAction[] =>
  (Object.keys(TRANSITIONS) as CatalogAction[]).filter((a) => canTransition(actor, v, a));

/**
 * A domain's template belongs to its supervising department (指导单位): only a supervisor of that
 * domain completes or replaces it. Everyone on the staff may read it.
 */
export const canManageTemplate = (actor: Actor, domainId: number): boolean => supervisedDomains(actor).includes(domainId);
