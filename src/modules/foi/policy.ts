// Who may read and who may act on an application, under the platform's one scope rule
// (core/org/scope.ts). An application belongs to the agency it is addressed to (transferred to):
// that agency's handling staff act on it and see the applicant in clear. The office and the
// administrator read the applications of their reach, masked (a city's office reads its counties'),
// and supervise (督办) those of their own government; nobody sees a sibling county's.
import { or, eq, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { hasRole, type Actor } from '../../core/auth/actor.js';
import { forbidden, forbiddenAsNotFound } from '../../core/errors.js';
import { agencyInReach, isOfficeLike, officeActs, officeReads, type AgencyPlace } from '../../core/org/scope.js';

export const HANDLER_ROLES = ['editor', 'reviewer', 'office'] as const;

type Owned = { agencyId: number };

/** The agency's handling staff: they act on its applications and see the applicant in clear. */
export const handles = (actor: Actor, c: Owned): boolean => actor.agencyId === c.agencyId && HANDLER_ROLES.some((r) => hasRole(actor, r));

/** Whether the person may open the application: its handlers, and the office or administrator within reach. */
export const canReadCase = (actor: Actor, c: Owned, place: AgencyPlace): boolean => handles(actor, c) || officeReads(actor, place);

/** Whether the office supervises (督办) the application: its own government's, not a lower government's. */
export const supervisesCase = (actor: Actor, c: Owned, place: AgencyPlace): boolean => !handles(actor, c) && officeActs(actor, place);

/** SQL: the applications a staff list shows the person — their agency's, and for the office everything within reach. */
export const visibleCases = (agencyId: AnyPgColumn, actor: Actor): SQL =>
  isOfficeLike(actor) ? or(eq(agencyId, actor.agencyId), agencyInReach(agencyId, actor))! : eq(agencyId, actor.agencyId);

/**
 * Why an action is refused to someone who does not handle the application: one who may read it
 * (the office above, or beside, the handling agency) is told it is read-only; anyone else is told
 * it does not exist.
 */
export const refusal = (actor: Actor, c: Owned, place: AgencyPlace) =>
  canReadCase(actor, c, place) ? forbidden('该申请由承办机关办理，您只能查看。') : forbiddenAsNotFound('申请');
