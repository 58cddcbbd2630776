import { boolean, integer, pgTable, serial, text, timestamp, unique, index } from 'drizzle-orm/pg-core';
import { agencies } from '../org/schema.js';

export const ROLES = ['editor', 'reviewer', 'office', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  agencyId: integer('agency_id')
    .notNull()
    .references(() => agencies.id),
  mustChangePassword: boolean('must_change_password').notNull().default(true),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A role held by a user; supervisors hold it per domain (指导单位 for given domains). */
export const userRoles = pgTable(
  'user_roles',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    domainId: integer('domain_id'),
  },
  (t) => [unique('user_roles_uq').on(t.userId, t.role, t.domainId).nullsNotDistinct()],
);

/** Server-side sessions in the database so that any app instance can serve any request. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(), // sha256 of the cookie token; the token itself is never stored
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfSecret: text('csrf_secret').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
