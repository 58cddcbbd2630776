import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const SEARCH_KINDS = ['catalog_item', 'agency', 'document', 'faq', 'proposal_reply'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * The search index: one row per published thing (never a draft), rebuilt from the owning tables by
 * `reindexAll`. The tsvector column `tsv` (generated from `norm`) and its GIN index are created in
 * the custom migration `search_fts`, because they need the SQL tokeniser function defined there.
 */
export const searchEntries = pgTable(
  'search_entries',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: SEARCH_KINDS }).notNull(),
    refId: integer('ref_id').notNull(),
    url: text('url').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    agencyId: integer('agency_id'),
    /** The government of the agency (agencies.gov_id), kept by triggers (migration 0022): a site's search filters by it with an index. */
    govId: integer('gov_id'),
    domainId: integer('domain_id'),
    theme: text('theme'), // 主题分类
    docKind: text('doc_kind'), // 公文种类
    year: integer('year'),
    validity: text('validity'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    docNumber: text('doc_number'), // 文号
    indexNumber: text('index_number'), // 索引号
    docNumberKey: text('doc_number_key'),
    indexNumberKey: text('index_number_key'),
    /** normalise(title) + '\n' + normalise(body): normalise never leaves a newline, so '\n' splits them. */
    norm: text('norm').notNull(),
  },
  (t) => [
    uniqueIndex('search_entries_ref_uq').on(t.kind, t.refId),
    index('search_entries_published_idx').on(t.publishedAt, t.id),
    index('search_entries_agency_idx').on(t.agencyId),
    index('search_entries_gov_published_idx').on(t.govId, t.publishedAt, t.id),
    index('search_entries_domain_idx').on(t.domainId),
    index('search_entries_doc_number_idx').on(t.docNumberKey),
    index('search_entries_index_number_idx').on(t.indexNumberKey),
  ],
);
