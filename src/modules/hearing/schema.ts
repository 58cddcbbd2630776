import { check, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { agencies } from '../../core/org/schema.js';
import { users } from '../../core/auth/schema.js';

/** 听证会 and 座谈会: the participation methods a meeting records opinions under (participation's METHODS). */
export const MEETING_KINDS = ['hearing', 'symposium'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
/** How participants are chosen from those who register: 先报名先得, 随机抽选, 按类别遴选. */
export const SELECTION_RULES = ['first_come', 'random', 'category'] as const;
export type SelectionRule = (typeof SELECTION_RULES)[number];
/** Who a participant is; 利害关系人代表 (affected) is the one a 听证会 must not be without. */
export const PARTICIPANT_CATEGORIES = ['affected', 'expert', 'npc', 'cppcc', 'public', 'other'] as const;
export type ParticipantCategory = (typeof PARTICIPANT_CATEGORIES)[number];
/** draft: staff only; announced: the announcement is public (registration by its window). */
export const MEETING_STATES = ['draft', 'announced', 'cancelled'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

export type FileRef = { fileId: number; name: string };

/** A 听证会 or 座谈会 held for a consultation; run by the staff who run the consultation. */
export const hearMeetings = pgTable(
  'hear_meetings',
  {
    id: serial('id').primaryKey(),
    /** The participation module's consultation (no foreign key across modules: it is reached through its services). */
    consultationId: integer('consultation_id').notNull(),
    /** The consultation's drafting agency and government, copied for the site's lists. */
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    govId: integer('gov_id').notNull().references(() => agencies.id),
    kind: text('kind', { enum: MEETING_KINDS }).notNull(),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    announcement: text('announcement').notNull(),
    rule: text('rule', { enum: SELECTION_RULES }).notNull(),
    ruleText: text('rule_text').notNull().default(''),
    regOpensAt: timestamp('reg_opens_at', { withTimezone: true }).notNull(),
    regClosesAt: timestamp('reg_closes_at', { withTimezone: true }).notNull(),
    /** Registrations accepted at most; the next one is refused. */
    capacity: integer('capacity').notNull(),
    /** Participants chosen (for 先报名先得 equal to the capacity). */
    seats: integer('seats').notNull(),
    categories: jsonb('categories').$type<ParticipantCategory[]>().notNull().default([]),
    state: text('state', { enum: MEETING_STATES }).notNull().default('draft'),
    announcedAt: timestamp('announced_at', { withTimezone: true }),
    listPublishedAt: timestamp('list_published_at', { withTimezone: true }),
    materials: jsonb('materials').$type<FileRef[]>().notNull().default([]),
    materialsPublishedAt: timestamp('materials_published_at', { withTimezone: true }),
    minutesText: text('minutes_text').notNull().default(''),
    minutesFile: jsonb('minutes_file').$type<FileRef | null>(),
    minutesAt: timestamp('minutes_at', { withTimezone: true }),
    minutesPublishedAt: timestamp('minutes_published_at', { withTimezone: true }),
    reportText: text('report_text').notNull().default(''),
    reportPublishedAt: timestamp('report_published_at', { withTimezone: true }),
    /** A cancelled meeting keeps its page, with when and why (shown publicly). */
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('hear_meetings_consultation_idx').on(t.consultationId), index('hear_meetings_gov_idx').on(t.govId, t.state, t.startsAt)],
);

/** registered: waiting for selection; selected: a participant; not_selected: not chosen. */
export const REGISTRATION_STATES = ['registered', 'selected', 'not_selected'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

/** One person's registration; name and phone never leave staff pages (the list shows name and category). */
export const hearRegistrations = pgTable(
  'hear_registrations',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id').notNull().references(() => hearMeetings.id),
    /** 查询码 (TZ-…): the only key to the status page. */
    code: text('code').notNull().unique(),
    submitKey: text('submit_key').unique(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    /** Keyed hash of the normalised phone: one registration per phone per meeting. */
    phoneKey: text('phone_key').notNull(),
    addressKey: text('address_key').notNull().default(''),
    category: text('category', { enum: PARTICIPANT_CATEGORIES }).notNull(),
    reason: text('reason').notNull().default(''),
    state: text('state', { enum: REGISTRATION_STATES }).notNull().default('registered'),
    selectedBy: integer('selected_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('hear_registrations_phone_uq').on(t.meetingId, t.phoneKey), index('hear_registrations_address_idx').on(t.addressKey, t.submittedAt)],
);

/** An opinion raised at the meeting: its speaker's category, and the participation opinion it became. */
export const hearOpinions = pgTable('hear_opinions', {
  opinionId: integer('opinion_id').primaryKey(),
  meetingId: integer('meeting_id').notNull().references(() => hearMeetings.id),
  category: text('category', { enum: PARTICIPANT_CATEGORIES }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('hear_opinions_meeting_idx').on(t.meetingId)]);

/** The office's rule (one row): materials reach participants at least this many days before. */
export const hearSettings = pgTable(
  'hear_settings',
  {
    id: integer('id').primaryKey().default(1),
    materialsDays: integer('materials_days').notNull().default(7),
    perAddressPerDay: integer('per_address_per_day').notNull().default(20),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('hear_settings_single_row', sql`${t.id} = 1`)],
);
