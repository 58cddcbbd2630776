import { boolean, check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { agencies } from '../../core/org/schema.js';
import { users } from '../../core/auth/schema.js';

/**
 * Where a survey stands: written (draft), waiting for its opening time (scheduled), taking answers
 * (open), no longer taking them (closed), and its result notice (结果公告) public (published).
 * scheduled → open and open → closed are also done by the survey job when the time comes.
 */
export const SURVEY_STATES = ['draft', 'scheduled', 'open', 'closed', 'published'] as const;
export type SurveyState = (typeof SURVEY_STATES)[number];

export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** A survey (问卷调查 / 民意调查) of one agency, on its government's public site. */
export const surveys = pgTable(
  'surveys',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    state: text('state', { enum: SURVEY_STATES }).notNull().default('draft'),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    /** How many responses one network address may give to this survey. */
    maxPerAddress: integer('max_per_address').notNull().default(3),
    /** Respondents confirm a mobile number with a code sent through the SMS gateway. */
    phoneCheck: boolean('phone_check').notNull().default(false),
    /** A consultation (participation module) this survey belongs to, if any; no foreign key on purpose. */
    consultationId: integer('consultation_id'),
    /** The office's words on the result notice (结果公告). */
    resultSummary: text('result_summary').notNull().default(''),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('surveys_agency_idx').on(t.agencyId, t.state), index('surveys_state_idx').on(t.state, t.opensAt, t.closesAt), check('surveys_times', sql`${t.closesAt} > ${t.opensAt}`)],
);

/** A question of a survey, in `position` order. */
export const surveyQuestions = pgTable(
  'survey_questions',
  {
    id: serial('id').primaryKey(),
    surveyId: integer('survey_id').notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: QUESTION_KINDS }).notNull(),
    title: text('title').notNull(),
    required: boolean('required').notNull().default(true),
    /** Multiple choice: the fewest and most options one may pick (null: no bound). */
    minPicks: integer('min_picks'),
    maxPicks: integer('max_picks'),
    /** Scale: the range (e.g. 1–5) and the words at its ends. */
    scaleMin: integer('scale_min'),
    scaleMax: integer('scale_max'),
    scaleMinLabel: text('scale_min_label').notNull().default(''),
    scaleMaxLabel: text('scale_max_label').notNull().default(''),
    /** Text: the longest answer taken, in characters. */
    maxLength: integer('max_length'),
  },
  (t) => [index('survey_questions_survey_idx').on(t.surveyId, t.position)],
);

/** An option of a single- or multiple-choice question. */
export const surveyOptions = pgTable(
  'survey_options',
  {
    id: serial('id').primaryKey(),
    questionId: integer('question_id').notNull().references(() => surveyQuestions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    label: text('label').notNull(),
  },
  (t) => [index('survey_options_question_idx').on(t.questionId, t.position)],
);

/** One person's answers to a survey. No name, no raw address: the address only as a keyed hash. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: serial('id').primaryKey(),
    surveyId: integer('survey_id').notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    /** 回执编号 the respondent is shown; random. */
    receipt: text('receipt').notNull().unique(),
    /** HMAC of the network address, keyed per survey (cannot link addresses across surveys). */
    addressHash: text('address_hash').notNull(),
    /** HMAC of the confirmed mobile number, when the survey checks phones. */
    phoneHash: text('phone_hash'),
    /** The same form sent twice (a double click) carries the same key. */
    submitKey: text('submit_key'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('survey_responses_survey_idx').on(t.surveyId, t.id),
    uniqueIndex('survey_responses_submit_key').on(t.surveyId, t.submitKey),
    uniqueIndex('survey_responses_phone').on(t.surveyId, t.phoneHash),
  ],
);

/** One answer: an option picked, a point on a scale, or a text. A multiple choice gives a row per pick. */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    id: serial('id').primaryKey(),
    responseId: integer('response_id').notNull().references(() => surveyResponses.id, { onDelete: 'cascade' }),
    questionId: integer('question_id').notNull().references(() => surveyQuestions.id, { onDelete: 'cascade' }),
    optionId: integer('option_id').references(() => surveyOptions.id, { onDelete: 'cascade' }),
    scaleValue: integer('scale_value'),
    text: text('text'),
  },
  (t) => [index('survey_answers_question_idx').on(t.questionId), index('survey_answers_response_idx').on(t.responseId)],
);

/** Responses per address and survey, counted with a conditional upsert so the limit holds under races. */
export const surveyAddressCounts = pgTable(
  'survey_address_counts',
  {
    surveyId: integer('survey_id').notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    addressHash: text('address_hash').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [uniqueIndex('survey_address_counts_pk').on(t.surveyId, t.addressHash)],
);

/** Codes sent to confirm a mobile number (stored hashed, short-lived, few tries). */
export const surveyPhoneCodes = pgTable(
  'survey_phone_codes',
  {
    id: serial('id').primaryKey(),
    surveyId: integer('survey_id').notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    phoneHash: text('phone_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('survey_phone_codes_idx').on(t.surveyId, t.phoneHash, t.createdAt)],
);

/** The installation's SMS gateway for phone checks (one row, id = 1): an HTTP webhook; empty means none. */
export const surveySettings = pgTable(
  'survey_settings',
  {
    id: integer('id').primaryKey().default(1),
    smsWebhookUrl: text('sms_webhook_url').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('survey_settings_single_row', sql`${t.id} = 1`)],
);
