import { boolean, date, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { agencies } from '../../core/org/schema.js';

/** 公开查阅点 / 政务公开专区 / 便民服务站 / 其他 (条例 Art. 25; 国办发〔2019〕54号 专区). */
export const POINT_KINDS = ['reading', 'zone', 'service_station', 'other'] as const;
export type PointKind = (typeof POINT_KINDS)[number];

/**
 * A place where the public can consult government information in person, kept by the office of
 * the government its owning agency belongs to. `gov_id` is the owning agency's government, set
 * when the point is saved, so a site lists its own points by index.
 */
export const offlinePoints = pgTable(
  'offline_points',
  {
    id: serial('id').primaryKey(),
    govId: integer('gov_id').notNull().references(() => agencies.id),
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: POINT_KINDS }).notNull(),
    address: text('address').notNull(),
    /** Opening hours as the public reads them: 周一至周五 8:30-12:00，14:30-17:30. */
    hours: text('hours').notNull(),
    /** Also open on Saturdays / Sundays (a simple structured part of the hours, for filtering and the kiosk later). */
    openSaturday: boolean('open_saturday').notNull().default(false),
    openSunday: boolean('open_sunday').notNull().default(false),
    phone: text('phone').notNull().default(''),
    /** What can be consulted there: 政府公报、政策文件汇编、依申请公开申请表 …. */
    holdings: text('holdings').notNull().default(''),
    /** 无障碍 facilities: 无障碍通道、轮椅、盲文资料 …; empty when none. */
    accessibility: text('accessibility').notNull().default(''),
    active: boolean('active').notNull().default(true),
    /** The new-point form's one-time key: the form sent twice registers one point. */
    submitKey: text('submit_key').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('offline_points_gov_idx').on(t.govId, t.active)],
);

/**
 * A 公开栏 (notice board, or an 电子屏 used as one): where a government's notices are posted, kept
 * by the office like the points. `agency_id` is who keeps it (a department, township or village);
 * `place` says where it stands, as a person finds it.
 */
export const offlineBoards = pgTable(
  'offline_boards',
  {
    id: serial('id').primaryKey(),
    govId: integer('gov_id').notNull().references(() => agencies.id),
    agencyId: integer('agency_id').notNull().references(() => agencies.id),
    name: text('name').notNull(),
    place: text('place').notNull(),
    active: boolean('active').notNull().default(true),
    submitKey: text('submit_key').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('offline_boards_gov_idx').on(t.govId, t.active)],
);

/** A posting is on the board until it is taken down: by a person, or by the job at the end of its 公示. */
export const POSTING_STATES = ['posted', 'taken_down'] as const;
export type PostingState = (typeof POSTING_STATES)[number];

/**
 * One notice posted on one board from `from_on` to `to_on` (Shanghai calendar days). The notice
 * is named by its provider's kind and the record's id; its title is kept as printed, so the
 * register still reads when the record changes. `auto_take_down`: the notice had a 公示 end
 * (`until`), so the scheduled job takes the posting down after `to_on`.
 */
export const offlinePostings = pgTable(
  'offline_postings',
  {
    id: serial('id').primaryKey(),
    boardId: integer('board_id').notNull().references(() => offlineBoards.id),
    govId: integer('gov_id').notNull().references(() => agencies.id),
    noticeKind: text('notice_kind').notNull(),
    noticeId: integer('notice_id').notNull(),
    title: text('title').notNull(),
    paper: text('paper', { enum: ['A4', 'A3'] }).notNull().default('A4'),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    toOn: date('to_on', { mode: 'string' }).notNull(),
    autoTakeDown: boolean('auto_take_down').notNull().default(false),
    state: text('state', { enum: POSTING_STATES }).notNull().default('posted'),
    /** The photo of the posted notice (files module; staff only, never public). */
    photoFileId: integer('photo_file_id'),
    takenDownOn: date('taken_down_on', { mode: 'string' }),
    /** Who took it down: a person's name, or 系统（公示期满） for the job. */
    takenDownBy: text('taken_down_by'),
    submitKey: text('submit_key').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('offline_postings_board_idx').on(t.boardId, t.state), index('offline_postings_due_idx').on(t.state, t.toOn)],
);

/**
 * The 政务公开专区 touch screen (kiosk) of a government's site: after `idle_seconds` without a touch
 * it returns to its home page and clears any form, so nothing a person typed stays for the next.
 */
export const offlineKiosk = pgTable('offline_kiosk', {
  govId: integer('gov_id').primaryKey().references(() => agencies.id),
  idleSeconds: integer('idle_seconds').notNull().default(120),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
