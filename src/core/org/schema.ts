import { sql } from 'drizzle-orm';
import { type AnyPgColumn, integer, pgTable, serial, text, timestamp, uniqueIndex, index } from 'drizzle-orm/pg-core';

/** 县/区 government, its departments, 乡镇/街道, and 村/社区 — one tree. */
export const agencies = pgTable(
  'agencies',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['county', 'department', 'township', 'street', 'village', 'community'] }).notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => agencies.id),
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
  ],
);
