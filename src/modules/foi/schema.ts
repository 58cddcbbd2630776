import { boolean, check, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { agencies } from '../../core/org/schema.js';
import { users } from '../../core/auth/schema.js';

export const CHANNELS = ['online', 'letter', 'counter', 'fax', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Where a case stands. The deadline is not a state: it is computed from the event log each time
 * (see clock.ts), so a calendar correction moves every open deadline.
 */
export const CASE_STATES = ['pending_confirmation', 'in_progress', 'awaiting_supplement', 'consulting', 'awaiting_payment', 'closed', 'archived'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** An application for disclosure (依申请公开). Personal data stays in this table and never leaves the handling staff. */
export const foiApplications = pgTable(
  'foi_applications',
  {
    id: serial('id').primaryKey(),
    /** 查询码: what the applicant types to follow the case; random, not a sequence. */
    code: text('code').notNull().unique(),
    /** SHA-256 of the applicant's secret (high-entropy random text, so a plain hash is enough). */
    secretHash: text('secret_hash').notNull(),
    /** A duplicate submission of the same form (double click, resend) carries the same key. */
    submitKey: text('submit_key').unique(),
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    state: text('state', { enum: CASE_STATES }).notNull(),
    applicantCategory: text('applicant_category').notNull(),
    applicantName: text('applicant_name').notNull(),
    idType: text('id_type').notNull(),
    /** ID number, AES-256-GCM with the key from FOI_DATA_KEY (see crypto.ts). */
    idNumberEnc: text('id_number_enc').notNull(),
    /** Keyed hash of the ID number: finds the same applicant (fees per month, repeats) without decrypting. */
    applicantKey: text('applicant_key').notNull(),
    orgCode: text('org_code'), // 统一社会信用代码 of a legal person
    contactPerson: text('contact_person'),
    phone: text('phone').notNull(),
    email: text('email'),
    address: text('address'),
    postcode: text('postcode'),
    /** Article 29 (二): the information wanted — name, 文号 or other description. */
    content: text('content').notNull(),
    docNumber: text('doc_number'),
    purpose: text('purpose'),
    /** Article 29 (三): the form wanted and the channel of delivery. */
    form: text('form').notNull(), // paper | electronic
    delivery: text('delivery').notNull(), // post | email | pickup | online
    idProofFileId: integer('id_proof_file_id'),
    /** Normalised content, for repeat and popular-request detection. */
    contentKey: text('content_key').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    /** 收到申请之日 (Art. 31); null until the office confirms an online application. */
    receivedOn: date('received_on', { mode: 'string' }),
    outcome: text('outcome'),
    closedOn: date('closed_on', { mode: 'string' }),
    assigneeId: integer('assignee_id').references(() => users.id),
    createdBy: integer('created_by').references(() => users.id),
    /** Flags from pattern checks (repeat: Art. 35/36). */
    repeatOf: integer('repeat_of'),
  },
  (t) => [
    index('foi_applications_agency_idx').on(t.agencyId, t.state),
    // The open cases (a tenth of all at most): the worklists' newest first and the dashboard's overdue count.
    index('foi_applications_open_idx').on(t.id).where(sql`${t.state} in ('pending_confirmation','in_progress','awaiting_supplement','consulting','awaiting_payment')`),
    index('foi_applications_open_received_idx').on(t.receivedOn).where(sql`${t.state} in ('pending_confirmation','in_progress','awaiting_supplement','consulting','awaiting_payment')`),
    index('foi_applications_applicant_idx').on(t.applicantKey, t.receivedOn),
    index('foi_applications_content_idx').on(t.contentKey),
  ],
);

export const EVENT_KINDS = [
  'submitted', 'received', 'assigned', 'transferred', 'supplement_requested', 'supplement_received', 'supplement_expired',
  'consultation_started', 'consultation_ended', 'extended', 'fee_notice', 'fee_paid', 'fee_expired', 'replied', 'delivered', 'archived', 'note', 'flagged', 'file_attached',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The case's history; the clock is computed from it. */
export const foiEvents = pgTable(
  'foi_events',
  {
    id: serial('id').primaryKey(),
    applicationId: integer('application_id').notNull().references(() => foiApplications.id),
    kind: text('kind', { enum: EVENT_KINDS }).notNull(),
    /** The legal date of the event (Asia/Shanghai calendar day). */
    on: date('on', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: integer('actor_id').references(() => users.id),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** What the applicant sees on the follow-up page; internal notes stay empty here. */
    publicNote: text('public_note').notNull().default(''),
    visible: boolean('visible').notNull().default(true),
  },
  (t) => [index('foi_events_application_idx').on(t.applicationId, t.id), index('foi_events_replied_idx').on(t.on).where(sql`${t.kind} = 'replied'`)],
);

export const REVIEW_KINDS = ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'] as const;
export const REVIEW_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;

/** 行政复议 and 行政诉讼 about applications (annual report table 4). */
export const foiReviews = pgTable(
  'foi_reviews',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    applicationId: integer('application_id').references(() => foiApplications.id),
    kind: text('kind', { enum: REVIEW_KINDS }).notNull(),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    body: text('body').notNull().default(''), // 复议机关 / 法院
    result: text('result', { enum: REVIEW_RESULTS }).notNull().default('pending'),
    decidedOn: date('decided_on', { mode: 'string' }),
    note: text('note').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('foi_reviews_agency_idx').on(t.agencyId, t.filedOn), uniqueIndex('foi_reviews_unique').on(t.applicationId, t.kind, t.filedOn)],
);

/**
 * The office's rules for applications (one row, id = 1): whether 信息处理费 are charged at all,
 * the rule offered first on a fee notice, and the working days the applicant has to pay.
 */
export const foiSettings = pgTable(
  'foi_settings',
  {
    id: integer('id').primaryKey().default(1),
    feesEnabled: boolean('fees_enabled').notNull().default(true),
    defaultFeeRule: text('default_fee_rule').notNull().default('per_item'),
    paymentWorkdays: integer('payment_workdays').notNull().default(20),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('foi_settings_single_row', sql`${t.id} = 1`)],
);

/**
 * Who hears a review of an agency's replies, when the default is not right for it: the 行政复议机关
 * (2023 行政复议法 art. 24) and the court (行政诉讼法 arts. 14–18; some areas concentrate
 * administrative cases in designated courts). An agency without a row takes the computed default.
 */
export const foiRemedies = pgTable('foi_remedies', {
  agencyId: integer('agency_id').primaryKey().references(() => agencies.id),
  reviewBody: text('review_body').notNull().default(''),
  court: text('court').notNull().default(''),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
