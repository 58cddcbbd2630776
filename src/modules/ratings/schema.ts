import { boolean, check, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { agencies } from '../../core/org/schema.js';
import { users } from '../../core/auth/schema.js';

/** A service window (窗口) of a hall: rated from its QR code; its agency handles its 差评. */
export const ratingWindows = pgTable(
  'rating_windows',
  {
    id: serial('id').primaryKey(),
    /** The agency staffing the window (the handling unit for its 差评). */
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    /** The government whose site rates it (the agency's government, kept at creation). */
    govId: integer('gov_id').notNull().references(() => agencies.id),
    hall: text('hall').notNull(),
    number: text('number').notNull(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rating_windows_gov_idx').on(t.govId, t.active)],
);

/** A government's 好差评 settings: the work-order deadline in working days and the 差评 tags. */
export const ratingSettings = pgTable('rating_settings', {
  govId: integer('gov_id').primaryKey().references(() => agencies.id),
  workDays: integer('work_days').notNull().default(5),
  tags: jsonb('tags').$type<string[]>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const RATING_TARGETS = ['item', 'window'] as const;
export type RatingTarget = (typeof RATING_TARGETS)[number];

/**
 * One rating: level 5 非常满意 … 1 非常不满意. The rater's phone is kept encrypted (and masked for
 * staff lists); `raterKey` is a keyed hash (phone, or the address without one) to refuse repeats.
 */
export const ratings = pgTable(
  'ratings',
  {
    id: serial('id').primaryKey(),
    govId: integer('gov_id').notNull().references(() => agencies.id),
    target: text('target', { enum: RATING_TARGETS }).notNull(),
    /** 实施编码 of the guide rated (target item). */
    guideCode: text('guide_code'),
    windowId: integer('window_id').references(() => ratingWindows.id),
    /** The name rated, as it was then (the item's or the window's). */
    targetName: text('target_name').notNull(),
    /** The handling unit: the item's 实施主体 or the window's agency. */
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    level: integer('level').notNull(),
    tags: jsonb('tags').$type<string[]>().notNull(),
    body: text('body').notNull().default(''),
    phoneSealed: text('phone_sealed').notNull().default(''),
    phoneMasked: text('phone_masked').notNull().default(''),
    raterKey: text('rater_key').notNull(),
    /** An accepted appeal (误评/恶意差评) takes the rating out of every aggregate. */
    excluded: boolean('excluded').notNull().default(false),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('ratings_level_range', sql`${t.level} between 1 and 5`),
    index('ratings_gov_idx').on(t.govId, t.submittedAt),
    index('ratings_agency_idx').on(t.agencyId, t.submittedAt),
    index('ratings_rater_idx').on(t.raterKey, t.submittedAt),
  ],
);

/**
 * A 差评 work order: open → (回访, 整改 recorded) → closed by the feedback to the rater; or
 * open → appealed by the unit → excluded (appeal accepted) or back to open (rejected).
 */
export const ORDER_STATES = ['open', 'appealed', 'closed', 'excluded'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const ratingOrders = pgTable(
  'rating_orders',
  {
    id: serial('id').primaryKey(),
    ratingId: integer('rating_id').notNull().references(() => ratings.id),
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    state: text('state', { enum: ORDER_STATES }).notNull().default('open'),
    openedOn: text('opened_on').notNull(),
    dueOn: text('due_on').notNull(),
    callbackNote: text('callback_note').notNull().default(''),
    calledBackOn: text('called_back_on'),
    rectifyNote: text('rectify_note').notNull().default(''),
    rectifiedOn: text('rectified_on'),
    feedbackNote: text('feedback_note').notNull().default(''),
    feedbackOn: text('feedback_on'),
    appealReason: text('appeal_reason').notNull().default(''),
    decisionNote: text('decision_note').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rating_orders_rating_idx').on(t.ratingId), index('rating_orders_agency_idx').on(t.agencyId, t.state)],
);

/** Each step taken on a work order, for its page (the audit log holds the same with hashes). */
export const ratingOrderEvents = pgTable(
  'rating_order_events',
  {
    id: serial('id').primaryKey(),
    orderId: integer('order_id').notNull().references(() => ratingOrders.id),
    kind: text('kind').notNull(),
    note: text('note').notNull().default(''),
    userId: integer('user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rating_order_events_order_idx').on(t.orderId)],
);
