import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { agencies } from '../../../core/org/schema.js';
import { users } from '../../../core/auth/schema.js';
import { files } from '../../../core/files/schema.js';

/** How the handbook is arranged: by 实施主体 (department) or by 主题 (life event). */
export const HANDBOOK_ARRANGEMENTS = ['department', 'theme'] as const;
export type HandbookArrangement = (typeof HANDBOOK_ARRANGEMENTS)[number];
/** An edition's life: queued, being built (progress counted), done (files stored) or failed. */
export const EDITION_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type EditionState = (typeof EDITION_STATES)[number];
/** Why it was built: a staff request, or the guides changed since the last edition. */
export const EDITION_REASONS = ['manual', 'stale'] as const;
export type EditionReason = (typeof EDITION_REASONS)[number];

/**
 * One edition of a government's 办事一本通: a background build job (its progress is items done of
 * total) and, when done, the PDF and DOCX it produced. `fingerprint` names the published guide
 * versions it was built from, so a later publication makes it stale.
 */
export const handbookEditions = pgTable(
  'handbook_editions',
  {
    id: serial('id').primaryKey(),
    govId: integer('gov_id').notNull().references(() => agencies.id),
    arrangement: text('arrangement', { enum: HANDBOOK_ARRANGEMENTS }).notNull(),
    state: text('state', { enum: EDITION_STATES }).notNull().default('queued'),
    reason: text('reason', { enum: EDITION_REASONS }).notNull().default('manual'),
    /** The published guide versions when it was queued (id:version, sorted): compared to detect staleness. */
    fingerprint: text('fingerprint').notNull(),
    /** The public site's origin the QR codes point to (a request's, or the previous edition's). */
    origin: text('origin').notNull(),
    /** The edition's number among its government's done editions of this arrangement (set when done). */
    number: integer('number').notNull().default(0),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    pdfFileId: integer('pdf_file_id').references(() => files.id),
    docxFileId: integer('docx_file_id').references(() => files.id),
    error: text('error').notNull().default(''),
    requestedBy: integer('requested_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('handbook_editions_gov_idx').on(t.govId, t.arrangement, t.id), index('handbook_editions_state_idx').on(t.state)],
);
export type EditionRow = typeof handbookEditions.$inferSelect;
