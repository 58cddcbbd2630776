import { forbidden, unauthenticated } from '../errors.js';

export type Role = 'editor' | 'reviewer' | 'office' | 'supervisor' | 'admin';
export type RoleGrant = { role: Role; domainId: number | null };

/** Where a person's agency sits in the government tree (see core/org/scope.ts, the scope rule). */
export type Placement = {
  /** '/1/5/23/' — the agency's place in the tree. */
  agencyPath: string;
  /** The government the agency belongs to, and its path. */
  govId: number;
  govPath: string;
  /** The government above it (a county's city), or null at the root. */
  upperGovId: number | null;
};

/** The signed-in staff member a service function acts for. */
export type Actor = {
  userId: number;
  username: string;
  name: string;
  agencyId: number;
  /** Where the person's agency sits in the government tree: what the scope rule reads (core/org/scope.ts). */
  placement: Placement;
  roles: RoleGrant[];
  mustChangePassword: boolean;
};

export const hasRole = (a: Actor, role: Role): boolean => a.roles.some((g) => g.role === role);

/** Domains this actor supervises (指导单位). */
export const supervisedDomains = (a: Actor): number[] =>
  a.roles.filter((g) => g.role === 'supervisor' && g.domainId != null).map((g) => g.domainId!);

/** The first line of every staff service function: signed in, and holding one of the roles. */
export function requireRole(actor: Actor | null, ...roles: Role[]): Actor {
  if (!actor) throw unauthenticated();
  if (!roles.some((r) => hasRole(actor, r))) throw forbidden();
  return actor;
}

export const ROLE_LABELS: Record<Role, string> = {
  editor: '信息编辑',
  reviewer: '信息审核',
  office: '政务公开办',
  supervisor: '领域指导单位',
  admin: '系统管理员',
};
