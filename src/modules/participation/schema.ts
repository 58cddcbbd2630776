import { boolean, check, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { agencies } from '../../core/org/schema.js';
import { users } from '../../core/auth/schema.js';

/** 国务院令第713号 第三条: the five kinds of 重大行政决策事项. */
export const MATTER_CATEGORIES = ['public_service', 'planning', 'resources', 'major_project', 'other_major'] as const;
export type MatterCategory = (typeof MATTER_CATEGORIES)[number];

/** A matter of a government's 重大行政决策事项目录 of one year; its content lives in versions. */
export const partMatters = pgTable(
  'part_matters',
  {
    id: serial('id').primaryKey(),
    /** The government whose catalog it is in. */
    govId: integer('gov_id').notNull().references(() => agencies.id),
    year: integer('year').notNull(),
    /** The published decision in the information module, when there is one. */
    documentId: integer('document_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('part_matters_gov_idx').on(t.govId, t.year), index('part_matters_document_idx').on(t.documentId)],
);

/** A version of a matter: the first entry, then each adjustment (调整) as a new version with its reason. */
export const partMatterVersions = pgTable(
  'part_matter_versions',
  {
    id: serial('id').primaryKey(),
    matterId: integer('matter_id').notNull().references(() => partMatters.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    category: text('category', { enum: MATTER_CATEGORIES }).notNull(),
    /** 承办单位: an agency of the org tree. */
    undertakerId: integer('undertaker_id').notNull().references(() => agencies.id),
    hearingRequired: boolean('hearing_required').notNull().default(false),
    riskAssessmentRequired: boolean('risk_assessment_required').notNull().default(false),
    /** The date the Party committee agreed to the catalog (or to this adjustment). */
    partyAgreedOn: date('party_agreed_on', { mode: 'string' }),
    publishedOn: date('published_on', { mode: 'string' }),
    /** Why this version differs from the one before ('' for the first). */
    changeNote: text('change_note').notNull().default(''),
    withdrawn: boolean('withdrawn').notNull().default(false),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('part_matter_versions_uq').on(t.matterId, t.version)],
);

export const CONSULTATION_KINDS = ['major_decision', 'rule', 'normative', 'other'] as const;
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];
export const METHODS = ['online', 'symposium', 'hearing', 'visit', 'written', 'questionnaire', 'poll'] as const;
export type Method = (typeof METHODS)[number];
/**
 * draft: being written, staff only; scheduled: published, waiting for its start; open: taking
 * comments; closed: past its end, decisions and feedback being made; finished: feedback published.
 */
export const CONSULTATION_STATES = ['draft', 'scheduled', 'open', 'closed', 'finished'] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];

/** A consultation (征求意见) on a draft. */
export const partConsultations = pgTable(
  'part_consultations',
  {
    id: serial('id').primaryKey(),
    /** The drafting agency: its staff run the consultation. */
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    govId: integer('gov_id').notNull().references(() => agencies.id),
    matterId: integer('matter_id').references(() => partMatters.id),
    /** The document finally published from this draft (information module), when there is one. */
    documentId: integer('document_id'),
    title: text('title').notNull(),
    kind: text('kind', { enum: CONSULTATION_KINDS }).notNull(),
    draftText: text('draft_text').notNull(),
    explanation: text('explanation').notNull().default(''),
    /** File ids of the attachments (core files). */
    attachments: jsonb('attachments').$type<{ fileId: number; name: string }[]>().notNull().default([]),
    methods: jsonb('methods').$type<Method[]>().notNull().default(['online']),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** Why the period is shorter than the minimum for the kind (shown publicly); '' when it is not. */
    shortReason: text('short_reason').notNull().default(''),
    state: text('state', { enum: CONSULTATION_STATES }).notNull().default('draft'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('part_consultations_state_idx').on(t.state, t.startsAt, t.endsAt), index('part_consultations_gov_idx').on(t.govId, t.state), index('part_consultations_document_idx').on(t.documentId)],
);

export const OPINION_STATES = ['pending', 'held', 'approved', 'rejected'] as const;
export type OpinionState = (typeof OPINION_STATES)[number];
export const DISPOSITIONS = ['adopted', 'partly', 'not_adopted', 'existing', 'out_of_scope'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Opinions that share a point, decided together. */
export const partGroups = pgTable('part_groups', {
  id: serial('id').primaryKey(),
  consultationId: integer('consultation_id').notNull().references(() => partConsultations.id),
  point: text('point').notNull(),
  disposition: text('disposition', { enum: DISPOSITIONS }),
  reason: text('reason').notNull().default(''),
  decidedBy: integer('decided_by').references(() => users.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
});

/**
 * One opinion, whatever way it came: online comments from the public (method 'online'), and
 * later opinions from meetings, visits and letters (method and `source`, e.g. 'hearing:12'),
 * all in the one list every opinion gets a decision in. Name and contact never leave staff pages.
 */
export const partOpinions = pgTable(
  'part_opinions',
  {
    id: serial('id').primaryKey(),
    consultationId: integer('consultation_id').notNull().references(() => partConsultations.id),
    method: text('method', { enum: METHODS }).notNull().default('online'),
    /** Where a non-online opinion came from (a meeting record, a letter); '' for online comments. */
    source: text('source').notNull().default(''),
    /** 查询码: random, what the citizen types to see the status. */
    code: text('code').notNull().unique(),
    submitKey: text('submit_key').unique(),
    name: text('name').notNull().default(''),
    contact: text('contact').notNull().default(''),
    /** Keyed hash of the normalised contact, for the per-contact limit. */
    contactKey: text('contact_key').notNull().default(''),
    addressKey: text('address_key').notNull().default(''),
    /** 0: the whole draft; n: 第n条. */
    article: integer('article').notNull().default(0),
    quote: text('quote').notNull().default(''),
    body: text('body').notNull(),
    state: text('state', { enum: OPINION_STATES }).notNull().default('pending'),
    /** Sensitive words that held it for review. */
    heldWords: jsonb('held_words').$type<string[]>().notNull().default([]),
    rejectReason: text('reject_reason'),
    rejectText: text('reject_text').notNull().default(''),
    moderatedBy: integer('moderated_by').references(() => users.id),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
    groupId: integer('group_id').references(() => partGroups.id),
    disposition: text('disposition', { enum: DISPOSITIONS }),
    reason: text('reason').notNull().default(''),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('part_opinions_consultation_idx').on(t.consultationId, t.state), index('part_opinions_contact_idx').on(t.contactKey, t.submittedAt), index('part_opinions_address_idx').on(t.addressKey, t.submittedAt)],
);

export const REPORT_STATES = ['submitted', 'published'] as const;

/** The feedback report (意见采纳情况): a snapshot of the decisions, reviewed by a second person, then published. */
export const partReports = pgTable('part_reports', {
  consultationId: integer('consultation_id').primaryKey().references(() => partConsultations.id),
  state: text('state', { enum: REPORT_STATES }).notNull(),
  summary: text('summary').notNull().default(''),
  content: jsonb('content').$type<unknown>().notNull(),
  submittedBy: integer('submitted_by').references(() => users.id),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  reviewedBy: integer('reviewed_by').references(() => users.id),
  publishedAt: timestamp('published_at', { withTimezone: true }),
});

/** The office's rules (one row, id = 1): minimum periods and the abuse limits. */
export const partSettings = pgTable(
  'part_settings',
  {
    id: integer('id').primaryKey().default(1),
    majorDecisionDays: integer('major_decision_days').notNull().default(30),
    ruleDays: integer('rule_days').notNull().default(30),
    normativeWorkdays: integer('normative_workdays').notNull().default(7),
    maxCommentChars: integer('max_comment_chars').notNull().default(5000),
    perContactPerDay: integer('per_contact_per_day').notNull().default(10),
    perAddressPerDay: integer('per_address_per_day').notNull().default(30),
    sensitiveWords: jsonb('sensitive_words').$type<string[]>().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('part_settings_single_row', sql`${t.id} = 1`)],
);
