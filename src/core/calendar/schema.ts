import { check, date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * The office's corrections to the published holiday arrangement (chinese-days): extra days off,
 * 调休 working days, or arrangements for a year the package does not cover yet. One row per day.
 */
export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    date: date('date', { mode: 'string' }).primaryKey(),
    kind: text('kind', { enum: ['workday', 'holiday'] }).notNull(), // 调休上班 / 放假
    name: text('name').notNull().default(''), // e.g. 春节
    note: text('note').notNull().default(''),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('calendar_overrides_kind_ck', sql`${t.kind} in ('workday', 'holiday')`)],
);
