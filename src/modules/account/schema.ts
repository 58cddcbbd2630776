import { index, integer, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../../core/auth/schema.js';

export const THROTTLE_SCOPES = ['account_address', 'account', 'address'] as const;
export type ThrottleScope = (typeof THROTTLE_SCOPES)[number];

/**
 * Failed sign-ins counted per typed username and address, per typed username, and per address.
 * The key is a hash, so a password typed into the username box is never stored; the counter works
 * the same whether the account exists or not, so its answers reveal nothing about accounts.
 */
export const signInFailures = pgTable('sign_in_failures', {
  key: text('key').primaryKey(),
  scope: text('scope', { enum: THROTTLE_SCOPES }).notNull(),
  failures: integer('failures').notNull().default(0),
  lastFailedAt: timestamp('last_failed_at', { withTimezone: true }).notNull(),
  /** Attempts before this moment are answered 429 without looking at the password. */
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});

/** Addresses a person has signed in from with the right password: their usual places. */
export const knownAddresses = pgTable(
  'user_known_addresses',
  {
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    address: text('address').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.address] })],
);

/**
 * A run of wrong passwords against a real account that started a throttle: shown to the account
 * holder and to the administrators until each has seen it. Later failures add to the open alert.
 */
export const signInAlerts = pgTable(
  'sign_in_alerts',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    firstAt: timestamp('first_at', { withTimezone: true }).notNull().defaultNow(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull().defaultNow(),
    failures: integer('failures').notNull(),
    lastAddress: text('last_address').notNull(),
    holderSeenAt: timestamp('holder_seen_at', { withTimezone: true }),
    adminSeenAt: timestamp('admin_seen_at', { withTimezone: true }),
  },
  (t) => [index('sign_in_alerts_user_idx').on(t.userId)],
);
