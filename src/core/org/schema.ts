import { sql } from 'drizzle-orm';
import { type AnyPgColumn, integer, pgTable, serial, text, timestamp, uniqueIndex, index } from 'drizzle-orm/pg-core';

/** Kinds that are governments (一级政府): each has its own departments, office and site. */
export const GOVERNMENT_KINDS = ['province', 'city', 'county'] as const;
export const AGENCY_KINDS = ['province', 'city', 'county', 'department', 'township', 'street', 'village', 'community'] as const;

/**
 * The whole administrative tree in one table: 省 → 地级市 → 县级 → 乡级 → 村级, each government
 * with its departments. `path`, `gov_id` and `upper_gov_id` are kept by a trigger (migration
 * 0018) from `parent_id` and `kind`, so every insert and every move keeps them true:
 * - `path`: the ids from the root down to this row, '/1/5/23/' — a subtree is `path LIKE p || '%'`;
 * - `gov_id`: the government this agency belongs to (itself for a government; a township's and a
 *   village's is their county);
 * - `upper_gov_id`: the government above that one (a county's city), null at the root.
 */
export const agencies = pgTable(
  'agencies',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: AGENCY_KINDS }).notNull(),
    /** The 区划 type shown with a government: 县, 县级市, 市辖区, 旗, 开发区 …; '' for the default of its kind. */
    division: text('division').notNull().default(''),
    parentId: integer('parent_id').references((): AnyPgColumn => agencies.id),
    path: text('path').notNull().default(''),
    govId: integer('gov_id'),
    upperGovId: integer('upper_gov_id'),
    creditCode: text('credit_code'), // 统一社会信用代码
    functions: text('functions').notNull().default(''), // 职能
    head: text('head').notNull().default(''), // 负责人
    officeHours: text('office_hours').notNull().default(''),
    address: text('address').notNull().default(''),
    phone: text('phone').notNull().default(''),
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('agencies_credit_code_uq').on(t.creditCode).where(sql`${t.creditCode} is not null`),
    uniqueIndex('agencies_parent_name_uq').on(t.parentId, t.name),
    index('agencies_parent_idx').on(t.parentId),
    index('agencies_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('agencies_gov_idx').on(t.govId),
  ],
);
