import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { agencies } from '../../core/org/schema.js';
import { users } from '../../core/auth/schema.js';
import type { CatalogItemInput, Level, StandardChannel } from './types.js';
import type { TimeRule } from './time-rule.js';

/** 试点领域 (26 pilot domains) and later "other domains". */
export const domains = pgTable('domains', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull().unique(),
  pilot: boolean('pilot').notNull().default(true),
  sort: integer('sort').notNull().default(0),
  guide: text('guide').notNull().default(''), // national guide title and 文号 where known
  responsibleAgencyId: integer('responsible_agency_id').references(() => agencies.id),
  /** Whether the domain's template holds the whole national guide (set when its department imports it). */
  templateComplete: boolean('template_complete').notNull().default(false),
  /** Where the template as a whole comes from, shown above it (e.g. which office imported which file). */
  templateSource: text('template_source').notNull().default(''),
});

/** The standard elements shared by template rows and agency catalog items. */
const itemColumns = () => ({
  seq: integer('seq').notNull(),
  level1: text('level1').notNull(),
  level2: text('level2').notNull(),
  level3: text('level3'),
  itemCode: text('item_code'),
  content: text('content').notNull(),
  basis: text('basis').notNull(),
  timeLimitText: text('time_limit_text').notNull(),
  subject: text('subject').notNull(),
  channels: jsonb('channels').$type<StandardChannel[]>().notNull(),
  otherChannels: jsonb('other_channels').$type<string[]>().notNull(),
  audiencePublic: boolean('audience_public').notNull(),
  audienceSpecific: boolean('audience_specific').notNull(),
  modeActive: boolean('mode_active').notNull(),
  modeOnRequest: boolean('mode_on_request').notNull(),
  levels: jsonb('levels').$type<Level[]>().notNull(),
});

/** National guide items (the templates agencies compile from). */
export const catalogTemplates = pgTable(
  'catalog_templates',
  {
    id: serial('id').primaryKey(),
    domainId: integer('domain_id')
      .notNull()
      .references(() => domains.id),
    ...itemColumns(),
    source: text('source').notNull().default(''), // where the row was taken from
    /** The transcriber's note on the row (merged cells, marks that could not be read…). */
    note: text('note').notNull().default(''),
    /** The source was cut off in this row: some of its elements are missing. */
    cut: boolean('cut').notNull().default(false),
    /** Dropped by a later template import; kept because agencies' catalogs refer to it. */
    retired: boolean('retired').notNull().default(false),
  },
  (t) => [index('catalog_templates_domain_idx').on(t.domainId, t.seq)],
);

/** One agency's catalog for one domain; its content lives in versions. */
export const catalogs = pgTable(
  'catalogs',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    domainId: integer('domain_id')
      .notNull()
      .references(() => domains.id),
  },
  (t) => [uniqueIndex('catalogs_agency_domain_uq').on(t.agencyId, t.domainId)],
);

export const CATALOG_STATES = ['draft', 'submitted', 'returned', 'approved', 'published', 'superseded'] as const;
export type CatalogState = (typeof CATALOG_STATES)[number];

export const catalogVersions = pgTable(
  'catalog_versions',
  {
    id: serial('id').primaryKey(),
    catalogId: integer('catalog_id')
      .notNull()
      .references(() => catalogs.id),
    versionNo: integer('version_no').notNull(),
    state: text('state', { enum: CATALOG_STATES }).notNull(),
    changeNote: text('change_note').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('catalog_versions_no_uq').on(t.catalogId, t.versionNo),
    // At most one version in the editing pipeline and one published per catalog.
    uniqueIndex('catalog_versions_open_uq')
      .on(t.catalogId)
      .where(sql`${t.state} in ('draft','submitted','returned','approved')`),
    uniqueIndex('catalog_versions_published_uq').on(t.catalogId).where(sql`${t.state} = 'published'`),
  ],
);

export const catalogItems = pgTable(
  'catalog_items',
  {
    id: serial('id').primaryKey(),
    versionId: integer('version_id')
      .notNull()
      .references(() => catalogVersions.id, { onDelete: 'cascade' }),
    /** Stable identity of an item across versions, for the readable diff. */
    itemKey: uuid('item_key').notNull().defaultRandom(),
    templateId: integer('template_id').references(() => catalogTemplates.id),
    origin: text('origin', { enum: ['template', 'power_list', 'service_list', 'local', 'import'] }).notNull(),
    ...itemColumns(),
    timeRule: jsonb('time_rule').$type<TimeRule>().notNull(),
    timeRuleOk: boolean('time_rule_ok').notNull(),
  },
  (t) => [index('catalog_items_version_idx').on(t.versionId, t.seq)],
);

/** Template items an agency dropped, with the reason (不适用的事项). */
export const catalogExclusions = pgTable(
  'catalog_exclusions',
  {
    id: serial('id').primaryKey(),
    versionId: integer('version_id')
      .notNull()
      .references(() => catalogVersions.id, { onDelete: 'cascade' }),
    templateId: integer('template_id')
      .notNull()
      .references(() => catalogTemplates.id),
    reason: text('reason').notNull(),
  },
  (t) => [uniqueIndex('catalog_exclusions_uq').on(t.versionId, t.templateId)],
);

/** Workflow history of a version, with the reviewer's comments (shown to the editor). */
export const catalogTransitions = pgTable(
  'catalog_transitions',
  {
    id: serial('id').primaryKey(),
    versionId: integer('version_id')
      .notNull()
      .references(() => catalogVersions.id, { onDelete: 'cascade' }),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    /** The actor's department at the time (a review is signed by a person and a department). */
    actorAgencyId: integer('actor_agency_id').references(() => agencies.id),
    comment: text('comment').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('catalog_transitions_version_idx').on(t.versionId)],
);

/**
 * Which level supervises a domain (领域指导单位): a row (G, d) means the departments of government G
 * (a city or a province) review domain d's catalogs of every government directly below G, as the
 * city's office decided (新乡 附件1: "经市政府相关对口部门分别审核把关"). No row: each government's
 * own departments review them.
 */
export const catalogSupervision = pgTable(
  'catalog_supervision',
  {
    governmentId: integer('government_id')
      .notNull()
      .references(() => agencies.id),
    domainId: integer('domain_id')
      .notNull()
      .references(() => domains.id),
    setBy: integer('set_by').references(() => users.id),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.governmentId, t.domainId] })],
);

export const IMPORT_STATES = ['pending', 'applied', 'discarded'] as const;

/**
 * An uploaded spreadsheet waiting for its uploader to confirm the preview: into an agency's draft
 * (kind catalog, versionId set) or into a domain's template (kind template). Nothing it holds
 * reaches a catalog or a template until it is applied.
 */
export const catalogImports = pgTable(
  'catalog_imports',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['catalog', 'template'] }).notNull(),
    domainId: integer('domain_id')
      .notNull()
      .references(() => domains.id),
    versionId: integer('version_id').references(() => catalogVersions.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    items: jsonb('items').$type<CatalogItemInput[]>().notNull(),
    /** What the file says about its domain and agency, or what was assumed (shown in the preview). */
    provenance: jsonb('provenance').$type<string[]>().notNull(),
    warnings: jsonb('warnings').$type<string[]>().notNull(),
    /** Fingerprint of what the import replaces, taken at preview: a change since then refuses the confirm. */
    baseHash: text('base_hash').notNull(),
    state: text('state', { enum: IMPORT_STATES }).notNull().default('pending'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('catalog_imports_owner_idx').on(t.createdBy, t.state)],
);
