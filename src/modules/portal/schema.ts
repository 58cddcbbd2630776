import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { agencies } from '../../core/org/schema.js';

/**
 * The site's identity, set by the administrator: the government's name (header, every title), the
 * footer's 主办/承办单位 and contact, the 网站标识码 and the two 备案号, and the site-wide
 * Keywords/Description of the 网页设计规范's meta tags. One row; absent until first saved (the
 * defaults come from the top agency).
 */
export const portalSite = pgTable(
  'portal_site',
  {
    id: integer('id').primaryKey().default(1),
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
  (t) => [check('portal_site_single_row', sql`${t.id} = 1`)],
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
