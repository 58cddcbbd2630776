import { boolean, check, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { agencies } from '../../core/org/schema.js';
import { users } from '../../core/auth/schema.js';

/** 咨询 / 投诉 / 建议 / 求助 / 其他. */
export const MESSAGE_KINDS = ['consult', 'complaint', 'suggestion', 'help', 'other'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
/**
 * held: a sensitive word, waits for staff (never dropped); received: waits for screening;
 * accepted: screened valid, the clock runs; replied: answered, waits for rating;
 * closed: rated or left; screened_out: 无效/重复/转信访/转纪检, with where to turn.
 */
export const MESSAGE_STATES = ['held', 'received', 'accepted', 'replied', 'closed', 'screened_out'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];
export const SCREEN_RESULTS = ['valid', 'invalid', 'duplicate', 'petition', 'discipline'] as const;
export type ScreenResult = (typeof SCREEN_RESULTS)[number];
export const RATINGS = ['satisfied', 'basically', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export type MessageOrigin = { type: string; id: number | string };

/** 领导信箱: a mailbox the office configures (县长信箱), owned by an agency. */
export const msgMailboxes = pgTable('msg_mailboxes', {
  id: serial('id').primaryKey(),
  govId: integer('gov_id').notNull().references(() => agencies.id),
  agencyId: integer('agency_id').notNull().references(() => agencies.id),
  name: text('name').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A message from the public; name and phone never leave staff pages. */
export const msgMessages = pgTable(
  'msg_messages',
  {
    id: serial('id').primaryKey(),
    /** 查询码 (LY-…) and the check key that must go with it. */
    code: text('code').notNull().unique(),
    checkKey: text('check_key').notNull(),
    submitKey: text('submit_key').unique(),
    govId: integer('gov_id').notNull().references(() => agencies.id),
    /** The agency handling it now (after transfers). */
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    mailboxId: integer('mailbox_id').references(() => msgMailboxes.id),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
    isPublic: boolean('is_public').notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    state: text('state', { enum: MESSAGE_STATES }).notNull(),
    heldWords: jsonb('held_words').$type<string[]>().notNull().default([]),
    screenResult: text('screen_result', { enum: SCREEN_RESULTS }),
    screenReason: text('screen_reason').notNull().default(''),
    turnTo: text('turn_to').notNull().default(''),
    assigneeId: integer('assignee_id').references(() => users.id),
    /** Shanghai date of acceptance (screened valid), the day the clock starts. */
    acceptedOn: text('accepted_on'),
    dueOn: text('due_on'),
    replyText: text('reply_text').notNull().default(''),
    replyAgencyId: integer('reply_agency_id').references(() => agencies.id),
    repliedOn: text('replied_on'),
    /** Working days from acceptance to the (first) reply, for the statistics. */
    replyWorkdays: integer('reply_workdays'),
    /** Whether the first reply came by the due date. */
    onTime: boolean('on_time'),
    rating: text('rating', { enum: RATINGS }),
    ratingComment: text('rating_comment').notNull().default(''),
    reopenCount: integer('reopen_count').notNull().default(0),
    faq: boolean('faq').notNull().default(false),
    origin: jsonb('origin').$type<MessageOrigin | null>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('msg_messages_agency_idx').on(t.agencyId, t.state), index('msg_messages_gov_idx').on(t.govId, t.state, t.createdAt)],
);

/** Every step the citizen sees under the code: received, screened, assigned, transferred, replied, rated, reopened. */
export const msgEvents = pgTable(
  'msg_events',
  {
    id: serial('id').primaryKey(),
    messageId: integer('message_id').notNull().references(() => msgMessages.id),
    step: text('step').notNull(),
    fromAgencyId: integer('from_agency_id').references(() => agencies.id),
    toAgencyId: integer('to_agency_id').references(() => agencies.id),
    note: text('note').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('msg_events_message_idx').on(t.messageId, t.id)],
);

/** The office's limits (one row). */
export const msgSettings = pgTable(
  'msg_settings',
  {
    id: integer('id').primaryKey().default(1),
    /** Working days to reply, per kind. */
    limits: jsonb('limits').$type<Record<MessageKind, number>>().notNull(),
    warnMonths: integer('warn_months').notNull().default(2),
    redMonths: integer('red_months').notNull().default(3),
    maxBody: integer('max_body').notNull().default(3000),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('msg_settings_single_row', sql`${t.id} = 1`)],
);
