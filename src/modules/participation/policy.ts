// Who may do what with consultations, under the platform's scope rule (core/org/scope.ts): the
// drafting agency's staff run their consultations; the office runs and supervises those of its own
// government and reads those within its reach. A feedback report is reviewed by a second person:
// a reviewer of the agency or the office, never the one who submitted it.
import { hasRole, type Actor } from '../../core/auth/actor.js';
import { forbidden, forbiddenAsNotFound } from '../../core/errors.js';
import { isOfficeLike, officeActs, officeReads, type AgencyPlace } from '../../core/org/scope.js';

export const STAFF_ROLES = ['editor', 'reviewer', 'office', 'admin'] as const;

type Owned = { agencyId: number };

/** The drafting agency's staff. */
export const ofAgency = (actor: Actor, c: Owned): boolean => actor.agencyId === c.agencyId && (['editor', 'reviewer', 'office'] as const).some((r) => hasRole(actor, r));

export const runs = (actor: Actor, c: Owned, place: AgencyPlace): boolean => ofAgency(actor, c) || officeActs(actor, place);
export const reads = (actor: Actor, c: Owned, place: AgencyPlace): boolean => runs(actor, c, place) || officeReads(actor, place);

/** Whether the person may review (publish or return) a submitted feedback report. */
export const reviewsReport = (actor: Actor, c: Owned, place: AgencyPlace): boolean =>
  (actor.agencyId === c.agencyId && (hasRole(actor, 'reviewer') || hasRole(actor, 'office'))) || officeActs(actor, place);

export const refusal = (actor: Actor, c: Owned, place: AgencyPlace) => (reads(actor, c, place) ? forbidden('该征求意见由起草单位办理，您只能查看。') : forbiddenAsNotFound('征求意见'));

/** The catalog of 重大行政决策事项 is kept by the office of its government. */
export const keepsCatalog = (actor: Actor, govId: number): boolean => isOfficeLike(actor) && actor.placement.govId === govId;
