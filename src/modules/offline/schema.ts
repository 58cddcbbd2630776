import { boolean, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
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
