import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../core/auth/actor.js';
import { forbiddenAsNotFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { officeReads, type AgencyPlace } from '../../core/org/scope.js';

/**
 * What a per-government aggregate is asked (the region dashboard, issue 12 item 5): the
 * government whose tree it covers, and whether to count per government below it (`gov`: one
 * row per `agencies.gov_id`, a city's counties) or per agency (`agency`: a county's drill-down).
 * Each module answers it with one GROUP BY over its own tables joined to `agencies`.
 */
export type RegionQuery = { gov: AgencyPlace; by: 'gov' | 'agency' };

/** The column a region aggregate groups by (`agencies` must be in the FROM under its own name). */
export const regionKey = (by: RegionQuery['by']): SQL => (by === 'gov' ? sql`${agencies.govId}` : sql`${agencies.id}`);

/** SQL: the joined agency is in the government's tree (paths are digits and slashes: nothing to escape). */
export const inRegion = (gov: AgencyPlace): SQL => sql`${agencies.path} like ${`${gov.path}%`}`;

/** The rows of a raw `db.execute` on either driver (PGlite and node-postgres both answer `{ rows }`). */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** The office's (and administrator's) read of a government's tree: within reach, or "not found". */
export function requireOfficeRead(actor: Actor, gov: AgencyPlace): void {
  if (!officeReads(actor, gov)) throw forbiddenAsNotFound('县区情况');
}

/** A Postgres array literal of integers, for `= any($1::int[])` with one parameter. */
export const intArray = (ids: readonly number[]): string => `{${ids.map((n) => Math.trunc(n)).join(',')}}`;
