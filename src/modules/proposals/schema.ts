import { date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from '../../core/org/schema.js';
import { users } from '../../core/auth/schema.js';

/** 人大代表建议 or 政协委员提案. */
export const PROPOSAL_KINDS = ['npc', 'cppcc'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
/** handling: 办理中; replied: 已答复 (not yet public); published: 已公开. */
export const PROPOSAL_STATES = ['handling', 'replied', 'published'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];
/** 代表委员对答复的满意度. */
export const SATISFACTIONS = ['satisfied', 'basically', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const PUBLISH_MODES = ['full', 'summary'] as const;
export type PublishMode = (typeof PUBLISH_MODES)[number];

/** A lead author or co-author; the phone is a contact field, never in a public view. */
export type Author = { name: string; phone: string };
/** The approval of an extension to the longer limit (批准人, 批准日期, 理由). */
export type Extension = { approver: string; approvedOn: string; reason: string; dueOn: string };

/** One suggestion or proposal assigned (交办) to a host unit of a government. */
export const propItems = pgTable(
  'prop_items',
  {
    id: serial('id').primaryKey(),
    govId: integer('gov_id').notNull().references(() => agencies.id),
    kind: text('kind', { enum: PROPOSAL_KINDS }).notNull(),
    /** 届次/会次 as written, e.g. 县第十八届人大第三次会议. */
    session: text('session').notNull(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    leadAuthor: jsonb('lead_author').$type<Author>().notNull(),
    coAuthors: jsonb('co_authors').$type<Author[]>().notNull().default([]),
    hostAgencyId: integer('host_agency_id').notNull().references(() => agencies.id),
    assignedOn: date('assigned_on', { mode: 'string' }).notNull(),
    /** assigned + the reply limit (months, a setting), fixed at registration. */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    extension: jsonb('extension').$type<Extension | null>(),
    /** assigned + the co-handlers' limit (months). */
    viewsDueOn: date('views_due_on', { mode: 'string' }).notNull(),
    state: text('state', { enum: PROPOSAL_STATES }).notNull().default('handling'),
    replyClass: text('reply_class'),
    replyOn: date('reply_on', { mode: 'string' }),
    replyText: text('reply_text').notNull().default(''),
    satisfaction: text('satisfaction', { enum: SATISFACTIONS }),
    satisfactionNote: text('satisfaction_note').notNull().default(''),
    publishMode: text('publish_mode', { enum: PUBLISH_MODES }),
    summaryReason: text('summary_reason').notNull().default(''),
    /** The text the public sees: the reply or the summary, with contact details removed. */
    publishedText: text('published_text').notNull().default(''),
    publishedOn: date('published_on', { mode: 'string' }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('prop_items_number_uq').on(t.govId, t.kind, t.session, t.number),
    index('prop_items_host_idx').on(t.hostAgencyId, t.state),
    index('prop_items_gov_idx').on(t.govId, t.state),
  ],
);

/** A co-handling unit (协办单位) of an item and its written view to the host unit. */
export const propCoHandlers = pgTable(
  'prop_co_handlers',
  {
    id: serial('id').primaryKey(),
    itemId: integer('item_id').notNull().references(() => propItems.id),
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    viewText: text('view_text').notNull().default(''),
    viewOn: date('view_on', { mode: 'string' }),
    recordedBy: integer('recorded_by').references(() => users.id),
  },
  (t) => [uniqueIndex('prop_co_handlers_uq').on(t.itemId, t.agencyId), index('prop_co_handlers_agency_idx').on(t.agencyId)],
);

/** Follow-up (跟踪落实) of a B or C reply. */
export const propFollowUps = pgTable(
  'prop_follow_ups',
  {
    id: serial('id').primaryKey(),
    itemId: integer('item_id').notNull().references(() => propItems.id),
    on: date('on', { mode: 'string' }).notNull(),
    text: text('text').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('prop_follow_ups_item_idx').on(t.itemId)],
);

export type ReplyClass = { code: string; label: string; followUp: boolean };

/** The office's limits (one row, id 1). */
export const propSettings = pgTable('prop_settings', {
  id: integer('id').primaryKey(),
  replyMonths: integer('reply_months').notNull(),
  extendedMonths: integer('extended_months').notNull(),
  viewsMonths: integer('views_months').notNull(),
  publishWorkdays: integer('publish_workdays').notNull(),
  warnWorkdays: integer('warn_workdays').notNull(),
  classes: jsonb('classes').$type<ReplyClass[]>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
