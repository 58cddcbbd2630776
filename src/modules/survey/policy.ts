// Who may read and who may run a survey, under the platform's one scope rule (core/org/scope.ts).
// A survey belongs to the agency that made it: its staff run it; the office and the administrator
// run those of their own government and read those within reach. Nobody sees a sibling county's.
import { or, eq, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { hasRole, type Actor } from '../../core/auth/actor.js';
import { forbidden, forbiddenAsNotFound } from '../../core/errors.js';
import { agencyInReach, isOfficeLike, officeActs, officeReads, type AgencyPlace } from '../../core/org/scope.js';

export const SURVEY_ROLES = ['editor', 'reviewer', 'office', 'admin'] as const;

type Owned = { agencyId: number };

/** The agency's own staff. */
const ownStaff = (actor: Actor, s: Owned): boolean => actor.agencyId === s.agencyId && SURVEY_ROLES.some((r) => hasRole(actor, r));

/** Whether the person may change the survey: its agency's staff, or the office of its government. */
export const runsSurvey = (actor: Actor, s: Owned, place: AgencyPlace): boolean => ownStaff(actor, s) || officeActs(actor, place);

/** Whether the person may open the survey and its responses. */
export const readsSurvey = (actor: Actor, s: Owned, place: AgencyPlace): boolean => runsSurvey(actor, s, place) || officeReads(actor, place);

/** SQL: the surveys a staff list shows the person. */
export const visibleSurveys = (agencyId: AnyPgColumn, actor: Actor): SQL =>
  isOfficeLike(actor) ? or(eq(agencyId, actor.agencyId), agencyInReach(agencyId, actor))! : eq(agencyId, actor.agencyId);

/** Read-only to one who may read; not there for anyone else. */
export const refusal = (actor: Actor, s: Owned, place: AgencyPlace) =>
  readsSurvey(actor, s, place) ? forbidden('该调查由发起机关或本级政务公开办管理，您只能查看。') : forbiddenAsNotFound('调查');
