import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from '../../core/org/schema.js';

/**
 * A government's public site (issue 12: a site per government): its identity, set by that
 * government's administrator — the name (header, every title), the footer's 主办/承办单位 and
 * contact, the 网站标识码 and the two 备案号, the Keywords/Description of the 网页设计规范's meta
 * tags — and how it is reached: by host name (`domain`, e.g. xian-a.gov.example) and/or by a path
 * prefix (`prefix`, e.g. 'nanxian' for /nanxian/…). The root government's site answers every
 * other request; absent until first saved (the defaults come from the government's agency). Row 1
 * is the single site of installations from before sites were per government.
 */
export const portalSite = pgTable(
  'portal_site',
  {
    id: integer('id').primaryKey().default(1),
    /** The government whose site this is (province, city or county agency). */
    governmentId: integer('government_id').references(() => agencies.id),
    /** The path segment the site is reached by ('' for none: the root site, or by host name only). */
    prefix: text('prefix').notNull().default(''),
    name: text('name').notNull(),
    domain: text('domain').notNull().default(''),
    idCode: text('id_code').notNull().default(''),
    icp: text('icp').notNull().default(''),
    police: text('police').notNull().default(''),
    sponsor: text('sponsor').notNull().default(''),
    organizer: text('organizer').notNull().default(''),
    address: text('address').notNull().default(''),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    keywords: text('keywords').notNull().default(''),
    description: text('description').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('portal_site_government_uq').on(t.governmentId),
    uniqueIndex('portal_site_prefix_uq').on(t.prefix).where(sql`${t.prefix} <> ''`),
    uniqueIndex('portal_site_domain_uq').on(t.domain).where(sql`${t.domain} <> ''`),
  ],
);

/**
 * Each agency's 政府信息公开指南 (part 'guide') and 政府信息公开制度 (part 'rules'): the draft staff
 * are writing and the text the public reads, as structured fields (see portal/guide.ts).
 */
export const portalDisclosureTexts = pgTable(
  'portal_disclosure_texts',
  {
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    part: text('part', { enum: ['guide', 'rules'] }).notNull(),
    draft: jsonb('draft').$type<Record<string, unknown>>().notNull(),
    draftSavedAt: timestamp('draft_saved_at', { withTimezone: true }).notNull().defaultNow(),
    draftSavedBy: text('draft_saved_by').notNull().default(''),
    published: jsonb('published').$type<Record<string, unknown>>(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: text('published_by'),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.part] })],
);
