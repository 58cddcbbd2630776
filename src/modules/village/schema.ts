import { check, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, boolean } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { agencies } from '../../core/org/schema.js';
import { users } from '../../core/auth/schema.js';

/** The four buckets of 村(居)务公开: 党务 / 村(居)务 / 事务 / 财务. */
export const VG_CATEGORIES = ['party', 'village', 'affairs', 'finance'] as const;
export type VgCategory = (typeof VG_CATEGORIES)[number];
/**
 * quarterly: 一般事项至少每季度公布一次 (due on `dueDay` of the quarter's following month);
 * monthly: 财务收支每月公布 (due on `dueDay` of the following month); asNeeded: 重大事项随时公布;
 * afterApproval: within `afterDays` of the 批复 (陕西: 5 days).
 */
export const VG_CADENCES = ['quarterly', 'monthly', 'asNeeded', 'afterApproval'] as const;
export type VgCadence = (typeof VG_CADENCES)[number];
/** Matters the government catalog also lists: one record entered by the township, shown on every village's page. */
export const VG_SHARED = ['dibao', 'disability', 'agri', 'land'] as const;
export type VgShared = (typeof VG_SHARED)[number];
/** draft → review → (returned → review)* → signed → published → archived. */
export const VG_STATES = ['draft', 'review', 'returned', 'signed', 'published', 'archived'] as const;
export type VgState = (typeof VG_STATES)[number];
/** The steps of 四议两公开, in order. */
export const VG_STEPS = ['proposal', 'consult', 'partyReview', 'resolution', 'resolutionPublic', 'resultPublic'] as const;
export type VgStep = (typeof VG_STEPS)[number];

/** The province's list of matters (the template each village's list is made from), edited by the top government's office. */
export const vgTemplates = pgTable('vg_templates', {
  id: serial('id').primaryKey(),
  category: text('category', { enum: VG_CATEGORIES }).notNull(),
  name: text('name').notNull(),
  basis: text('basis').notNull().default(''),
  cadence: text('cadence', { enum: VG_CADENCES }).notNull(),
  /** quarterly / monthly: the day of the following month it is due (e.g. 20: 每季度首月20日). */
  dueDay: integer('due_day').notNull().default(20),
  /** afterApproval: days after the 批复. */
  afterDays: integer('after_days').notNull().default(5),
  publicityDays: integer('publicity_days').notNull().default(7),
  shared: text('shared', { enum: VG_SHARED }),
  active: boolean('active').notNull().default(true),
  sort: integer('sort').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A village's (community's) own list, made from the template; its rules are copied so a later template change does not rewrite history. */
export const vgMatters = pgTable('vg_matters', {
  id: serial('id').primaryKey(),
  villageId: integer('village_id').notNull().references(() => agencies.id),
  templateId: integer('template_id').notNull().references(() => vgTemplates.id),
  category: text('category', { enum: VG_CATEGORIES }).notNull(),
  name: text('name').notNull(),
  cadence: text('cadence', { enum: VG_CADENCES }).notNull(),
  dueDay: integer('due_day').notNull(),
  afterDays: integer('after_days').notNull(),
  publicityDays: integer('publicity_days').notNull(),
  shared: text('shared', { enum: VG_SHARED }),
  /** The first period the village answers for (YYYY-MM-DD): periods before the list existed are not overdue. */
  startsOn: text('starts_on').notNull(),
  active: boolean('active').notNull().default(true),
}, (t) => [uniqueIndex('vg_matters_village_template').on(t.villageId, t.templateId)]);

export type VgTable = { head: string[]; rows: { villageId: number | null; cells: string[] }[] };

/**
 * One 公开: a village's (its clerk's) or, for a shared matter, the township's record. `period` is
 * `2026-Q3`, `2026-09`, or '' (随时 / after an approval). The township's shared record has no
 * matterId; its table rows name the village each belongs to.
 */
export const vgDisclosures = pgTable('vg_disclosures', {
  id: serial('id').primaryKey(),
  agencyId: integer('agency_id').notNull().references(() => agencies.id),
  matterId: integer('matter_id').references(() => vgMatters.id),
  templateId: integer('template_id').notNull().references(() => vgTemplates.id),
  category: text('category', { enum: VG_CATEGORIES }).notNull(),
  shared: text('shared', { enum: VG_SHARED }),
  period: text('period').notNull().default(''),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  table: jsonb('table').$type<VgTable>(),
  approvalOn: text('approval_on'),
  publicityDays: integer('publicity_days').notNull(),
  state: text('state', { enum: VG_STATES }).notNull().default('draft'),
  returnReason: text('return_reason').notNull().default(''),
  answerDueOn: text('answer_due_on'),
  clerkAnswer: text('clerk_answer').notNull().default(''),
  signedBy: text('signed_by').notNull().default(''),
  signedOn: text('signed_on'),
  publishedOn: text('published_on'),
  publicityUntil: text('publicity_until'),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('vg_disclosures_agency_idx').on(t.agencyId, t.state), index('vg_disclosures_shared_idx').on(t.shared, t.period)]);

/** Every review step of a 公开 (submitted, returned with a reason, answered, signed), for its history. */
export const vgReviews = pgTable('vg_reviews', {
  id: serial('id').primaryKey(),
  disclosureId: integer('disclosure_id').notNull().references(() => vgDisclosures.id),
  action: text('action').notNull(),
  note: text('note').notNull().default(''),
  userName: text('user_name').notNull(),
  on: text('on').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('vg_reviews_disclosure_idx').on(t.disclosureId)]);

/** A villager's objection during the 公示 period; name and contact are personal data, never public. */
export const vgObjections = pgTable('vg_objections', {
  id: serial('id').primaryKey(),
  disclosureId: integer('disclosure_id').notNull().references(() => vgDisclosures.id),
  name: text('name').notNull(),
  contact: text('contact').notNull(),
  content: text('content').notNull(),
  answer: text('answer').notNull().default(''),
  answeredOn: text('answered_on'),
  receivedOn: text('received_on').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('vg_objections_disclosure_idx').on(t.disclosureId)]);

/** A 四议两公开 case of a village. */
export const vgCases = pgTable('vg_cases', {
  id: serial('id').primaryKey(),
  villageId: integer('village_id').notNull().references(() => agencies.id),
  title: text('title').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One step of a case, recorded in order with its date (and, for the meetings, attendance and votes). */
export const vgCaseSteps = pgTable('vg_case_steps', {
  id: serial('id').primaryKey(),
  caseId: integer('case_id').notNull().references(() => vgCases.id),
  step: text('step', { enum: VG_STEPS }).notNull(),
  on: text('on').notNull(),
  attendees: integer('attendees'),
  eligible: integer('eligible'),
  votesFor: integer('votes_for'),
  votesAgainst: integer('votes_against'),
  abstentions: integer('abstentions'),
  note: text('note').notNull().default(''),
}, (t) => [uniqueIndex('vg_case_steps_unique').on(t.caseId, t.step)]);

/** Installation settings (one row): days the clerk has to answer a return (1 week; some places 10 days). */
export const vgSettings = pgTable('vg_settings', {
  id: integer('id').primaryKey().default(1),
  answerDays: integer('answer_days').notNull().default(7),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('vg_settings_single_row', sql`${t.id} = 1`)]);
