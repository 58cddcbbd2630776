import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { agencies } from '../../core/org/schema.js';

export type Guest = { name: string; title: string; agency: string };
/** An image stored in the core files store, with the name it was uploaded under. */
export type IvImage = { fileId: number; name: string };
export const INTERVIEW_STATES = ['draft', 'announced', 'live', 'ended'] as const;
export type InterviewState = (typeof INTERVIEW_STATES)[number];

/** An 在线访谈: guests, topic, time; the transcript (实录) published after. */
export const ivInterviews = pgTable('iv_interviews', {
  id: serial('id').primaryKey(),
  govId: integer('gov_id').notNull().references(() => agencies.id),
  topic: text('topic').notNull(),
  guests: jsonb('guests').$type<Guest[]>().notNull().default([]),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  imageFileId: integer('image_file_id'),
  /** The uploaded name of the announcement image (imageFileId, a file of the core files store). */
  imageName: text('image_name').notNull().default(''),
  /** The agency hosting it: the addressee of questions turned into messages (null: the government itself). */
  agencyId: integer('agency_id').references(() => agencies.id),
  description: text('description').notNull().default(''),
  /** Questions are taken while announced or live, unless staff closed them (set). */
  questionsClosedAt: timestamp('questions_closed_at', { withTimezone: true }),
  transcriptImages: jsonb('transcript_images').$type<IvImage[]>().notNull().default([]),
  state: text('state', { enum: INTERVIEW_STATES }).notNull().default('draft'),
  transcript: text('transcript').notNull().default(''),
  transcriptPublishedAt: timestamp('transcript_published_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('iv_interviews_gov_idx').on(t.govId, t.state)]);

/**
 * pending: awaiting moderation; held: a sensitive-word hit, for review; approved/rejected;
 * answered (live or after); transferred: not answered here, filed as a message (messageCode).
 */
export const QUESTION_STATES = ['pending', 'held', 'approved', 'rejected', 'answered', 'transferred'] as const;
export type QuestionState = (typeof QUESTION_STATES)[number];

export const ivQuestions = pgTable('iv_questions', {
  id: serial('id').primaryKey(),
  interviewId: integer('interview_id').notNull().references(() => ivInterviews.id),
  code: text('code').notNull().unique(),
  submitKey: text('submit_key').unique(),
  body: text('body').notNull(),
  /** The asker's name (optional) and phone: for the message if the question is transferred; never public. */
  name: text('name').notNull().default(''),
  phone: text('phone').notNull().default(''),
  state: text('state', { enum: QUESTION_STATES }).notNull().default('pending'),
  rejectReason: text('reject_reason').notNull().default(''),
  /** The message it was filed as, and that message's check key, shown to the asker under the FT- code. */
  messageCode: text('message_code'),
  messageCheckKey: text('message_check_key'),
  answer: text('answer').notNull().default(''),
  /** live: answered during the interview; after: 会后答复. */
  answeredWhen: text('answered_when', { enum: ['live', 'after'] }),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('iv_questions_interview_idx').on(t.interviewId, t.state)]);
