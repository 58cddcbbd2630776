import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Exec } from '../../db/client.js';
import type { Actor, Placement } from '../auth/actor.js';
import { hasRole } from '../auth/actor.js';
import { forbidden } from '../errors.js';
import { agencies } from './schema.js';

/**
 * The one scope rule of the platform (issue 12). Every service function of every module decides
 * what a staff member may see and do from these few functions, after `requireRole`:
 *
 * - **own**: the person's own agency — editors and reviewers write and review its records;
 * - **government**: the government the person belongs to (a township's clerk and a county
 *   department belong to the county; a city department to the city). The office (政务公开办) and
 *   the administrator *act* on the records of their own government, no further;
 * - **reach**: that government and everything below it. The office and the administrator *read*
 *   there: a city's office reads all of its counties, a county's office all of its townships and
 *   villages. Nobody reaches a sibling county, nor anything above their own government.
 *
 * Supervisors (领域指导单位) are the one cross-level exception, and their rule belongs to the
 * catalog module (which level supervises which domain is its setting); it builds on `reach` too.
 *
 * The facts are carried on the Actor (loaded with the session from `agencies.path` / `gov_id`),
 * so a check is a comparison, and the SQL forms filter in the database with the path index.
 */
export type { Placement };

/** A record's agency as the scope rule needs it (select it with `placementColumns`). */
export type AgencyPlace = { id: number; path: string; govId: number | null };

/** The columns of `agencies` a check needs, for a select or a join. */
export const placementColumns = { id: agencies.id, path: agencies.path, govId: agencies.govId } as const;

/** Whether the agency is the person's own. */
export const isOwnAgency = (actor: Actor, a: { id: number }): boolean => actor.agencyId === a.id;

/** Whether the agency belongs to the person's own government (where the office acts). */
export const inOwnGovernment = (actor: Actor, a: AgencyPlace): boolean => a.govId === actor.placement.govId;

/** Whether the agency is within the person's reach: their government and below (where the office reads). */
export const inReach = (actor: Actor, a: AgencyPlace): boolean => a.path.startsWith(actor.placement.govPath);

/** The office and the administrator: they read within reach and act within their government. */
export const isOfficeLike = (actor: Actor): boolean => hasRole(actor, 'office') || hasRole(actor, 'admin');

/** Whether the person may read the agency's (non-draft) records as the office does. */
export const officeReads = (actor: Actor, a: AgencyPlace): boolean => isOfficeLike(actor) && inReach(actor, a);

/** Whether the person may act on the agency's records as the office does. */
export const officeActs = (actor: Actor, a: AgencyPlace): boolean => isOfficeLike(actor) && inOwnGovernment(actor, a);

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** SQL: the agency id column is within the person's reach (their government and below). */
export const agencyInReach = (column: AnyPgColumn | SQL, actor: Actor): SQL =>
  sql`${column} in (select ${agencies.id} from ${agencies} where ${agencies.path} like ${`${escapeLike(actor.placement.govPath)}%`})`;

/**
 * SQL: a record's government column (a `gov_id` kept by triggers from its agency, as on
 * info_editions and search_entries) is within the person's reach: the governments of their subtree,
 * read by index. A record outside any government (a tree whose root is not a government) falls back
 * to its agency's place.
 */
export const recordInReach = (govColumn: AnyPgColumn | SQL, agencyColumn: AnyPgColumn | SQL, actor: Actor): SQL =>
  sql`(${govColumn} in (${governmentsUnder(actor.placement.govPath)}) or (${govColumn} is null and ${agencyInReach(agencyColumn, actor)}))`;

/** SQL: the ids of the governments (agencies that are their own government) within the subtree of the path, for `gov_id in (…)`. */
export const governmentsUnder = (path: string): SQL =>
  sql`select ${agencies.id} from ${agencies} where ${agencies.path} like ${`${escapeLike(path)}%`} and ${agencies.govId} = ${agencies.id}`;

/**
 * SQL: a record's government column (see recordInReach) is the given government, for a public
 * site's own records. A null government (no site resolved) filters nothing.
 */
export const recordOfGovernment = (govColumn: AnyPgColumn | SQL, govId: number | null): SQL => (govId == null ? sql`true` : sql`${govColumn} = ${govId}`);

/** SQL: the agency id column belongs to the person's own government. */
export const agencyInGovernment = (column: AnyPgColumn | SQL, actor: Actor): SQL =>
  sql`${column} in (select ${agencies.id} from ${agencies} where ${agencies.govId} = ${actor.placement.govId})`;

/** SQL: the agency id column is within the subtree of the given path (a site's government, a dashboard's city). */
export const agencyUnder = (column: AnyPgColumn | SQL, path: string): SQL =>
  sql`${column} in (select ${agencies.id} from ${agencies} where ${agencies.path} like ${`${escapeLike(path)}%`})`;

/** Loads an agency's placement (for the session's Actor). An agency not yet placed is its own root. */
export async function placementOf(db: Exec, agencyId: number): Promise<Placement> {
  const gov = alias(agencies, 'gov');
  const [row] = await db
    .select({ agencyPath: agencies.path, govId: agencies.govId, upperGovId: agencies.upperGovId, govPath: gov.path })
    .from(agencies)
    .leftJoin(gov, eq(gov.id, agencies.govId))
    .where(eq(agencies.id, agencyId));
  if (!row) return { agencyPath: `/${agencyId}/`, govId: agencyId, govPath: `/${agencyId}/`, upperGovId: null };
  // An agency outside any government (a tree with no government at its root): the root is its government.
  if (row.govId == null || row.govPath == null) {
    const rootId = Number(row.agencyPath.split('/')[1] ?? agencyId);
    return { agencyPath: row.agencyPath, govId: rootId, govPath: `/${rootId}/`, upperGovId: null };
  }
  return { agencyPath: row.agencyPath, govId: row.govId, govPath: row.govPath, upperGovId: row.upperGovId };
}

/**
 * SQL: the agency id column belongs to the given government (a public site's own records: the
 * city government and its departments on the city's site; a county, its departments, townships
 * and villages on the county's). A null government (no site resolved) filters nothing.
 */
export const agencyOfGovernment = (column: AnyPgColumn | SQL, govId: number | null): SQL =>
  govId == null ? sql`true` : sql`${column} in (select ${agencies.id} from ${agencies} where ${agencies.govId} = ${govId})`;

/**
 * The agencies of a public site's government (its departments, townships and villages; the whole
 * tree when govId is null), in the tree's sort order: for a site's agency filters and lists.
 */
export const governmentAgencies = (db: Exec, govId: number | null) =>
  db.select().from(agencies).where(govId == null ? undefined : eq(agencies.govId, govId)).orderBy(asc(agencies.sort), asc(agencies.id));

/**
 * For settings that hold for the whole installation (the official calendar, the 索引号 rule, the
 * fee rules): only the office or administrator of the top government changes them — in a county
 * installed alone, the county's as before; under a city, the city's. Throws 403 with the reason.
 */
export function requireTopGovernment(actor: Actor): Actor {
  if (actor.placement.upperGovId != null) throw forbidden('本设置对全平台各级政府有效，由最上级政府的政务公开办或系统管理员设置。');
  return actor;
}
