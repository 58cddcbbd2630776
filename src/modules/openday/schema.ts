import { check, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { agencies } from '../../core/org/schema.js';
import { users } from '../../core/auth/schema.js';

/** 先报名先得 (with a waiting list) or 遴选 (staff choose or draw, then a published list). */
export const OPENDAY_MODES = ['first_come', 'selection'] as const;
export type OpendayMode = (typeof OPENDAY_MODES)[number];
export const EVENT_STATES = ['draft', 'announced', 'cancelled'] as const;
export type EventState = (typeof EVENT_STATES)[number];

/** A 政府开放日 event of one government site. */
export const odEvents = pgTable('od_events', {
  id: serial('id').primaryKey(),
  govId: integer('gov_id').notNull().references(() => agencies.id),
  agencyId: integer('agency_id').notNull().references(() => agencies.id),
  theme: text('theme').notNull(),
  description: text('description').notNull().default(''),
  eligibility: text('eligibility').notNull().default(''),
  mode: text('mode', { enum: OPENDAY_MODES }).notNull(),
  regOpensAt: timestamp('reg_opens_at', { withTimezone: true }).notNull(),
  regClosesAt: timestamp('reg_closes_at', { withTimezone: true }).notNull(),
  state: text('state', { enum: EVENT_STATES }).notNull().default('draft'),
  listPublishedAt: timestamp('list_published_at', { withTimezone: true }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  cancelReason: text('cancel_reason').notNull().default(''),
  /** The office's 活动回顾 after the visit (what was visited, who took part, what was discussed). */
  summary: text('summary').notNull().default(''),
  /** Set when the 活动回顾 is published on the public page; editing keeps it published. */
  summaryPublishedAt: timestamp('summary_published_at', { withTimezone: true }),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('od_events_gov_idx').on(t.govId, t.state)]);

/** One visit of an event: time, place, capacity. */
export const odSessions = pgTable('od_sessions', {
  id: serial('id').primaryKey(),
  eventId: integer('event_id').notNull().references(() => odEvents.id),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  place: text('place').notNull(),
  capacity: integer('capacity').notNull(),
}, (t) => [index('od_sessions_event_idx').on(t.eventId)]);

/**
 * confirmed: has a place (first-come); waiting: on the waiting list; registered: awaiting selection;
 * selected / not_selected: the selection's result; cancelled: by the registrant.
 */
export const REG_STATES = ['confirmed', 'waiting', 'registered', 'selected', 'not_selected', 'cancelled'] as const;
export type RegState = (typeof REG_STATES)[number];

/** A registration. The ID number is stored masked only (1101**********0038) plus a keyed hash for duplicates. */
export const odRegistrations = pgTable('od_registrations', {
  id: serial('id').primaryKey(),
  eventId: integer('event_id').notNull().references(() => odEvents.id),
  sessionId: integer('session_id').notNull().references(() => odSessions.id),
  code: text('code').notNull().unique(),
  /** Keyed hash of the cancellation key given once with the code. */
  secretHash: text('secret_hash').notNull(),
  submitKey: text('submit_key').unique(),
  name: text('name').notNull(),
  phone: text('phone').notNull(),
  idMasked: text('id_masked').notNull(),
  idKey: text('id_key').notNull(),
  state: text('state', { enum: REG_STATES }).notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
}, (t) => [index('od_registrations_session_idx').on(t.sessionId, t.state, t.submittedAt)]);

export const OPINION_STATES = ['received', 'assigned', 'answered'] as const;
export type OpinionState = (typeof OPINION_STATES)[number];

/** An opinion collected after the visit, assigned to a unit with a working-day due date, answered. */
export const odOpinions = pgTable('od_opinions', {
  id: serial('id').primaryKey(),
  eventId: integer('event_id').notNull().references(() => odEvents.id),
  registrationId: integer('registration_id').references(() => odRegistrations.id),
  body: text('body').notNull(),
  state: text('state', { enum: OPINION_STATES }).notNull().default('received'),
  unitId: integer('unit_id').references(() => agencies.id),
  dueOn: text('due_on'),
  answer: text('answer').notNull().default(''),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('od_opinions_event_idx').on(t.eventId)]);

/** The office's rule (one row): working days a unit has to answer an opinion. */
export const odSettings = pgTable('od_settings', {
  id: integer('id').primaryKey().default(1),
  answerWorkdays: integer('answer_workdays').notNull().default(10),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('od_settings_single_row', sql`${t.id} = 1`)]);
