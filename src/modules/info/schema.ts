import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from '../../core/org/schema.js';
import { users } from '../../core/auth/schema.js';

/** A piece of government information: a stable identity whose content lives in editions. */
export const infoDocuments = pgTable(
  'info_documents',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    /** 索引号: assigned at first publication, never changed or reused. */
    indexNumber: text('index_number').unique(),
    /** For 政策解读: the policy document it interprets (三同步). */
    interpretsId: integer('interprets_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('info_documents_agency_idx').on(t.agencyId), index('info_documents_interprets_idx').on(t.interpretsId)],
);

/** Per agency and year, the last 索引号 serial handed out. */
export const infoIndexCounters = pgTable(
  'info_index_counters',
  {
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year] })],
);

export const EDITION_STATES = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'superseded', 'withdrawn'] as const;
export type EditionState = (typeof EDITION_STATES)[number];

export const infoEditions = pgTable(
  'info_editions',
  {
    id: serial('id').primaryKey(),
    documentId: integer('document_id').notNull().references(() => infoDocuments.id),
    /**
     * The government of the document's agency (agencies.gov_id), kept by triggers (migration 0022)
     * on insert and whenever the document's agency or that agency's government changes: a site's
     * and a government's lists read their editions by index instead of probing every document.
     */
    govId: integer('gov_id'),
    editionNo: integer('edition_no').notNull(),
    state: text('state', { enum: EDITION_STATES }).notNull(),
    title: text('title').notNull(),
    kind: text('kind').notNull(), // 公文种类 or genre
    theme: text('theme').notNull(), // 主题分类 一级\二级
    assembly: text('assembly').notNull(), // 组配分类
    docNumber: text('doc_number'), // 文号
    writtenDate: date('written_date', { mode: 'string' }).notNull(), // 成文日期
    formedDate: date('formed_date', { mode: 'string' }).notNull(), // 信息形成（变更）日期, for timeliness
    regulatory: boolean('regulatory').notNull().default(false), // 行政规范性文件
    /** Which item (1–15) of Article 20 of the regulation this information falls under, if any. */
    statutoryItem: integer('statutory_item'),
    bodyHtml: text('body_html').notNull(),
    disclosure: text('disclosure', { enum: ['active', 'on_request', 'not_public'] }).notNull(),
    disclosureGround: text('disclosure_ground').notNull().default(''),
    /**
     * 不予公开: the entry of the negative list (negative module, by id: modules meet through
     * services, not foreign keys) and the article cited; the ground text above is built from them.
     */
    negEntryId: integer('neg_entry_id'),
    negArticle: text('neg_article').notNull().default(''),
    secrecyReviewer: text('secrecy_reviewer'), // 保密审查: who, when, conclusion
    secrecyReviewedAt: timestamp('secrecy_reviewed_at', { withTimezone: true }),
    validity: text('validity', { enum: ['valid', 'expired', 'abolished', 'amended'] }).notNull().default('valid'),
    validityDate: date('validity_date', { mode: 'string' }),
    replacedById: integer('replaced_by_id'),
    changeNote: text('change_note').notNull().default(''),
    minorChange: boolean('minor_change').notNull().default(false),
    publishAt: timestamp('publish_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnReason: text('withdrawn_reason'),
    withdrawnInError: boolean('withdrawn_in_error').notNull().default(false),
    /** 政策解读 only: 简明问答 pairs and a link to an audio/video explanation (图解 images are attachments). */
    qa: jsonb('qa').$type<{ q: string; a: string }[]>().notNull().default(sql`'[]'::jsonb`),
    mediaUrl: text('media_url'),
    /** Stable identity used by the catalog: the catalog item keys this information fulfils. */
    catalogItemKeys: text('catalog_item_keys').array().notNull().default(sql`'{}'::text[]`),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('info_editions_no_uq').on(t.documentId, t.editionNo),
    // One edition in the pipeline and one public (published or withdrawn) per document.
    uniqueIndex('info_editions_open_uq').on(t.documentId).where(sql`${t.state} in ('draft','in_review','approved','scheduled')`),
    uniqueIndex('info_editions_public_uq').on(t.documentId).where(sql`${t.state} in ('published','withdrawn')`),
    index('info_editions_due_idx').on(t.publishAt).where(sql`${t.state} = 'scheduled'`),
    index('info_editions_state_idx').on(t.state, t.publishedAt),
    // A government's published information, newest first (home columns, /xxgk, feeds) and per kind (its counts).
    index('info_editions_gov_published_idx').on(t.govId, t.publishedAt, t.id).where(sql`${t.state} = 'published'`),
    index('info_editions_gov_kind_idx').on(t.govId, t.kind, t.publishedAt).where(sql`${t.state} = 'published'`),
    // The newest editions of a government (staff worklists and lists).
    index('info_editions_gov_id_idx').on(t.govId, t.id),
    // The editions waiting for someone (the worklists): few, newest first.
    index('info_editions_waiting_idx').on(t.id).where(sql`${t.state} in ('in_review','approved','scheduled')`),
    // A government's first publications by date (the region dashboard's timeliness per year).
    index('info_editions_gov_first_idx').on(t.govId, t.publishedAt).where(sql`${t.editionNo} = 1`),
  ],
);

/** Workflow history of an edition with the reviewer's comments. */
export const infoTransitions = pgTable(
  'info_transitions',
  {
    id: serial('id').primaryKey(),
    editionId: integer('edition_id').notNull().references(() => infoEditions.id),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    actorId: integer('actor_id'),
    comment: text('comment').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('info_transitions_edition_idx').on(t.editionId)],
);


/** The yearly re-evaluation of information not disclosed proactively (依申请公开 / 不予公开). */
export const infoReevaluations = pgTable(
  'info_reevaluations',
  {
    id: serial('id').primaryKey(),
    documentId: integer('document_id').notNull().references(() => infoDocuments.id),
    year: integer('year').notNull(),
    decision: text('decision', { enum: ['keep', 'disclose'] }).notNull(),
    reason: text('reason').notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('info_reevaluations_uq').on(t.documentId, t.year)],
);

/** Files attached to an edition (stored once by content in core/files), with the name shown to readers. */
export const infoAttachments = pgTable(
  'info_attachments',
  {
    id: serial('id').primaryKey(),
    editionId: integer('edition_id').notNull().references(() => infoEditions.id),
    fileId: integer('file_id').notNull(),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('info_attachments_edition_idx').on(t.editionId)],
);

/**
 * Site-wide rules of the disclosure office (one row, id = 1): the 索引号 pattern, the 组配分类 list,
 * and the document kinds that may not be published without an interpretation (三同步).
 */
export const infoSettings = pgTable(
  'info_settings',
  {
    id: integer('id').primaryKey().default(1),
    indexRule: text('index_rule').notNull(),
    assemblies: text('assemblies').array().notNull(),
    interpretationKinds: text('interpretation_kinds').array().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('info_settings_single_row', sql`${t.id} = 1`)],
);
