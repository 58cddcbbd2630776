import { boolean, customType, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../auth/schema.js';

/** PostgreSQL bytea. PGlite hands back a Uint8Array and node-postgres a Buffer: always a Buffer here. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (v) => v,
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength)),
});

/**
 * The bytes of each distinct file, keyed by content hash, so an attachment uploaded twice (or
 * attached to several documents) is stored once. Kept apart from `files` so that listing and
 * permission checks never read the bytes. See docs/decisions/0003-files-in-the-database.md.
 */
export const fileBlobs = pgTable('file_blobs', {
  sha256: text('sha256').primaryKey(),
  bytes: bytea('bytes').notNull(),
});

/**
 * One row per distinct content. The original file name is not kept here: the same bytes can be
 * attached under different names, so the attaching module stores the name with its reference.
 */
export const files = pgTable('files', {
  id: serial('id').primaryKey(),
  sha256: text('sha256').notNull().unique().references(() => fileBlobs.sha256),
  size: integer('size').notNull(),
  /** The sniffed type, never the one the browser claimed. */
  mime: text('mime').notNull(),
  ext: text('ext').notNull(),
  /** Set when a published document uses the file; until then only staff can fetch it. */
  publicAt: timestamp('public_at', { withTimezone: true }),
  /**
   * Personal data (an applicant's ID proof): `/files/` never serves it to staff at large; only the
   * module that owns it does, to the people it allows. Public once published, like any file
   * (publishing the same bytes elsewhere means they are no longer anyone's secret).
   */
  restricted: boolean('restricted').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: integer('created_by').references(() => users.id),
});

export type FileRow = typeof files.$inferSelect;
