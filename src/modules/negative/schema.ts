import { check, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { agencies } from '../../core/org/schema.js';
import { users } from '../../core/auth/schema.js';

/**
 * The exemption grounds of the 2019 条例 (国务院令第711号): art14 国家秘密、法律行政法规禁止公开、
 * 危及三安全一稳定; art15 商业秘密、个人隐私 (third party); art16 内部事务、过程性信息、行政执法案卷.
 */
export const NEG_CATEGORIES = ['art14', 'art15', 'art16'] as const;
export type NegCategory = (typeof NEG_CATEGORIES)[number];
/** mandatory: 应当不予公开 (Art. 14, 15); discretionary: 可以不予公开 (Art. 16). */
export const NEG_FORCES = ['mandatory', 'discretionary'] as const;
export type NegForce = (typeof NEG_FORCES)[number];
export const NEG_STATES = ['draft', 'published', 'withdrawn'] as const;
/**
 * The annual-report table-3 row (三、本年度办理结果 （三）不予公开 1–7) a refusal citing the entry
 * counts under; the codes are the foi module's outcome codes, so the report reads the same list.
 */
export const NEG_ROWS = ['withheld_state_secret', 'withheld_law_prohibited', 'withheld_security_stability', 'withheld_third_party', 'withheld_internal_affairs', 'withheld_process', 'withheld_enforcement_file'] as const;
export type NegRow = (typeof NEG_ROWS)[number];
export type NegState = (typeof NEG_STATES)[number];

/** One entry of an agency's 负面清单. */
export const negEntries = pgTable(
  'neg_entries',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    category: text('category', { enum: NEG_CATEGORIES }).notNull(),
    /** Which table-3 row it counts under; one of its category's rows (rows.ts). */
    reportRow: text('report_row', { enum: NEG_ROWS }).notNull(),
    matter: text('matter').notNull(),
    /** The legal basis: the law's name, the version date (YYYY-MM-DD) and the article cited. */
    lawName: text('law_name').notNull(),
    lawVersion: text('law_version').notNull(),
    article: text('article').notNull(),
    force: text('force', { enum: NEG_FORCES }).notNull(),
    /** When it may be released after all (权利人同意、公共利益需要、决定作出后…). */
    releaseCondition: text('release_condition').notNull().default(''),
    reviewMonths: integer('review_months').notNull(),
    lastReviewedOn: text('last_reviewed_on').notNull(),
    state: text('state', { enum: NEG_STATES }).notNull().default('draft'),
    /** Staff confirmed that a citation flagged as 2007 numbering is right (who, why). */
    citationConfirmed: text('citation_confirmed').notNull().default(''),
    version: integer('version').notNull().default(1),
    publishedOn: text('published_on'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('neg_entries_agency_idx').on(t.agencyId, t.state)],
);

/** Each saved version of an entry, for its history (the audit log holds who did what). */
export const negVersions = pgTable(
  'neg_versions',
  {
    id: serial('id').primaryKey(),
    entryId: integer('entry_id').notNull().references(() => negEntries.id),
    version: integer('version').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    userId: integer('user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('neg_versions_entry_idx').on(t.entryId, t.version)],
);

/** The office's default review cycle (one row). */
export const negSettings = pgTable(
  'neg_settings',
  {
    id: integer('id').primaryKey().default(1),
    reviewMonths: integer('review_months').notNull().default(12),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('neg_settings_single_row', sql`${t.id} = 1`)],
);
