import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { agencies } from '../../core/org/schema.js';

export type Guest = { name: string; title: string; agency: string };
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
  state: text('state', { enum: INTERVIEW_STATES }).notNull().default('draft'),
  transcript: text('transcript').notNull().default(''),
  transcriptPublishedAt: timestamp('transcript_published_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('iv_interviews_gov_idx').on(t.govId, t.state)]);

/** pending: awaiting moderation; held: a sensitive-word hit, for review; approved/rejected; answered (live or after). */
export const QUESTION_STATES = ['pending', 'held', 'approved', 'rejected', 'answered'] as const;
export type QuestionState = (typeof QUESTION_STATES)[number];

export const ivQuestions = pgTable('iv_questions', {
  id: serial('id').primaryKey(),
  interviewId: integer('interview_id').notNull().references(() => ivInterviews.id),
  code: text('code').notNull().unique(),
  submitKey: text('submit_key').unique(),
  body: text('body').notNull(),
  state: text('state', { enum: QUESTION_STATES }).notNull().default('pending'),
  answer: text('answer').notNull().default(''),
  /** live: answered during the interview; after: 会后答复. */
  answeredWhen: text('answered_when', { enum: ['live', 'after'] }),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('iv_questions_interview_idx').on(t.interviewId, t.state)]);
