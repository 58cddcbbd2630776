import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, numeric, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from '../../core/org/schema.js';
import { users } from '../../core/auth/schema.js';
import type { ReportSnapshot } from './content.js';

export const REPORT_STATES = ['draft', 'submitted', 'published'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/**
 * A 政府信息公开工作年度报告 of one agency for one year (the county's own report aggregates every
 * agency under it). Until publication the tables are computed on view; publishing freezes them
 * with the sections into `snapshot`, which is then the only thing the public sees.
 */
export const annualReports = pgTable(
  'annual_reports',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    year: integer('year').notNull(),
    state: text('state', { enum: REPORT_STATES }).notNull().default('draft'),
    /** 一、总体情况 */
    overview: text('overview').notNull().default(''),
    /** 五、存在的主要问题及改进情况 */
    problems: text('problems').notNull().default(''),
    /** 六、其他需要报告的事项 (including 信息处理费 收取情况) */
    otherMatters: text('other_matters').notNull().default(''),
    /** 表二 行政事业性收费 本年收费金额（万元）: entered by staff, there being no fee register. */
    feesWan: numeric('fees_wan', { precision: 14, scale: 4 }),
    /** The office's comment when it last returned the report for changes. */
    reviewNote: text('review_note').notNull().default(''),
    snapshot: jsonb('snapshot').$type<ReportSnapshot>(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: integer('published_by').references(() => users.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('annual_reports_agency_year_uq').on(t.agencyId, t.year),
    index('annual_reports_published_idx').on(t.state, t.year),
    check('annual_reports_snapshot_when_published', sql`(${t.state} = 'published') = (${t.snapshot} is not null)`),
  ],
);
