import { boolean, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { agencies } from '../../core/org/schema.js';
import { users } from '../../core/auth/schema.js';

/** Where the opinion was seen. */
export const SOURCES = ['website', 'weibo', 'wechat', 'short_video', 'press', 'tv', 'other'] as const;
export type Source = (typeof SOURCES)[number];
/** What 国办发〔2016〕61号 says must be answered. */
export const CATEGORIES = ['policy_misread', 'public_interest', 'moral_baseline', 'emergency_disaster', 'upper_request', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const SEVERITIES = ['especially_major', 'major', 'larger', 'general'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** 收集 → 会商/研判 → 回应 → 评估 → 关闭 (80号's order: 收集、会商、研判、回应、评估). */
export const ITEM_STATES = ['registered', 'consulting', 'responded', 'evaluated', 'closed'] as const;
export type ItemState = (typeof ITEM_STATES)[number];
export const RESPONSE_KINDS = ['authoritative', 'press_conference', 'briefing', 'interview', 'other'] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];
export const GRADES = ['good', 'fair', 'poor'] as const;
export type Grade = (typeof GRADES)[number];

/** One public-opinion item of a government's register (staff only; the public sees only responses marked public). */
export const opItems = pgTable(
  'op_items',
  {
    id: serial('id').primaryKey(),
    govId: integer('gov_id').notNull().references(() => agencies.id),
    source: text('source', { enum: SOURCES }).notNull(),
    link: text('link').notNull().default(''),
    summary: text('summary').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    category: text('category', { enum: CATEGORIES }).notNull(),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    emergency: boolean('emergency').notNull().default(false),
    /** The township (or street) where it happened, if local: 属地管理. */
    placeAgencyId: integer('place_agency_id').references(() => agencies.id),
    /** The platform's proposal of the 第一责任主体 and why; the office may choose another. */
    proposedAgencyId: integer('proposed_agency_id').references(() => agencies.id),
    proposalReason: text('proposal_reason').notNull().default(''),
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    state: text('state', { enum: ITEM_STATES }).notNull().default('registered'),
    evaluation: text('evaluation').notNull().default(''),
    grade: text('grade', { enum: GRADES }),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeNote: text('close_note').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('op_items_gov_idx').on(t.govId, t.state, t.firstSeenAt)],
);

/** A 会商 with other agencies: who took part, when, and what they concluded. */
export const opConsultations = pgTable(
  'op_consultations',
  {
    id: serial('id').primaryKey(),
    itemId: integer('item_id').notNull().references(() => opItems.id),
    agencyIds: integer('agency_ids').array().notNull(),
    heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
    conclusion: text('conclusion').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('op_consultations_item_idx').on(t.itemId)],
);

/** A response; public only when the office marks it so and it has a published document or a public URL. */
export const opResponses = pgTable(
  'op_responses',
  {
    id: serial('id').primaryKey(),
    itemId: integer('item_id').notNull().references(() => opItems.id),
    kind: text('kind', { enum: RESPONSE_KINDS }).notNull(),
    title: text('title').notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }).notNull(),
    link: text('link').notNull().default(''),
    /** A published document of the info module (reached through its services; no foreign key across modules). */
    documentId: integer('document_id'),
    isPublic: boolean('is_public').notNull().default(false),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('op_responses_item_idx').on(t.itemId), index('op_responses_document_idx').on(t.documentId)],
);

/** The response clocks in hours (one row, id 1). */
export const opSettings = pgTable('op_settings', {
  id: integer('id').primaryKey(),
  authHours: integer('auth_hours').notNull(),
  pressHours: integer('press_hours').notNull(),
  firstHours: integer('first_hours').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
