import { index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from '../../core/org/schema.js';
import { users } from '../../core/auth/schema.js';
import type { GuideData } from './elements.js';

/** 主项 → 子项 → 业务办理项 (split by 层级/对象…, then by 新设/变更/延续/注销). */
export const GUIDE_LEVELS = ['main', 'sub', 'handle'] as const;
export type GuideLevel = (typeof GUIDE_LEVELS)[number];
/** provincial: claimed from the province's list, whose fields are master; local: compiled here. */
export const GUIDE_SOURCES = ['local', 'provincial'] as const;
export type GuideSource = (typeof GUIDE_SOURCES)[number];
/** A version's life: drafted, submitted for review, approved (or returned to draft), published, then superseded by the next published one. */
export const VERSION_STATES = ['draft', 'submitted', 'approved', 'published', 'superseded'] as const;
export type VersionState = (typeof VERSION_STATES)[number];

/** A service item of a government's 实施清单, keyed by 实施编码 within the government. */
export const guideItems = pgTable(
  'guide_items',
  {
    id: serial('id').primaryKey(),
    govId: integer('gov_id').notNull().references(() => agencies.id),
    /** 实施主体 (the agency that carries the item out). */
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    code: text('code').notNull(),
    parentCode: text('parent_code'),
    level: text('level', { enum: GUIDE_LEVELS }).notNull().default('main'),
    source: text('source', { enum: GUIDE_SOURCES }).notNull().default('local'),
    /** The catalog domain (domains.code) whose 办事指南 row links here; '' for none. */
    domainCode: text('domain_code').notNull().default(''),
    /** The version the public sees, or null before the first publication. */
    publishedVersion: integer('published_version'),
    publishedOn: text('published_on'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('guide_items_gov_code_uq').on(t.govId, t.code), index('guide_items_agency_idx').on(t.agencyId)],
);

/** Each version of an item's guide: the full element set as validated JSON, and its review path. */
export const guideVersions = pgTable(
  'guide_versions',
  {
    id: serial('id').primaryKey(),
    itemId: integer('item_id').notNull().references(() => guideItems.id),
    version: integer('version').notNull(),
    state: text('state', { enum: VERSION_STATES }).notNull().default('draft'),
    data: jsonb('data').$type<GuideData>().notNull(),
    /** The day the information was formed or changed: the 20-working-day publication clock starts here. */
    changedOn: text('changed_on').notNull(),
    publishDue: text('publish_due').notNull(),
    returnReason: text('return_reason').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    publishedOn: text('published_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('guide_versions_item_uq').on(t.itemId, t.version), index('guide_versions_state_idx').on(t.state)],
);

/** "一件事" bundles: an ordered set of items with a lead and cooperating departments. */
export const guideBundles = pgTable(
  'guide_bundles',
  {
    id: serial('id').primaryKey(),
    govId: integer('gov_id').notNull().references(() => agencies.id),
    name: text('name').notNull(),
    /** person (个人) or enterprise (法人) life event. */
    audience: text('audience', { enum: ['person', 'enterprise'] }).notNull(),
    description: text('description').notNull().default(''),
    leadAgencyId: integer('lead_agency_id').notNull().references(() => agencies.id),
    cooperating: jsonb('cooperating').$type<number[]>().notNull().default([]),
    /** 实施编码 of the items, in the order they are handled. */
    codes: jsonb('codes').$type<string[]>().notNull().default([]),
    published: integer('published').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('guide_bundles_gov_idx').on(t.govId)],
);

/** A numbered 一次性告知单 as printed at the window (a frozen copy). */
export const guideNotices = pgTable(
  'guide_notices',
  {
    id: serial('id').primaryKey(),
    govId: integer('gov_id').notNull().references(() => agencies.id),
    itemId: integer('item_id').notNull().references(() => guideItems.id),
    version: integer('version').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    issuedOn: text('issued_on').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('guide_notices_seq_uq').on(t.govId, t.year, t.seq), index('guide_notices_item_idx').on(t.itemId)],
);

/** The last 告知单 number per government and year; bumped inside the issuing transaction, so numbers have no gaps. */
export const guideNoticeCounters = pgTable(
  'guide_notice_counters',
  { govId: integer('gov_id').notNull().references(() => agencies.id), year: integer('year').notNull(), last: integer('last').notNull().default(0) },
  (t) => [primaryKey({ columns: [t.govId, t.year] })],
);
