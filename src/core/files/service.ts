import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import type { Ctx } from '../context.js';
import { auditActor } from '../context.js';
import { requireRole, type Role } from '../auth/actor.js';
import { recordAudit } from '../audit/service.js';
import { checkFile, DEFAULT_MAX_BYTES, PUBLIC_UPLOAD_TYPES, type CheckedFile } from './check.js';
import { fileBlobs, files, type FileRow } from './schema.js';

/** Who may upload: everyone who prepares or approves information (supervisors only review catalogs). */
export const UPLOAD_ROLES: readonly Role[] = ['editor', 'reviewer', 'office', 'admin'];

export type StoreInput = { buffer: Buffer; filename: string };
export type StoredFile = { id: number; sha256: string; size: number; mime: string; ext: string; reused: boolean };
export type FileOptions = { maxBytes?: number };

/**
 * Checks an upload by its content and stores it once per distinct content. The same bytes
 * uploaded again return the existing row (`reused: true`) without writing the bytes again.
 * Every upload, new or reused, is audited with the name it arrived under.
 */
export async function storeFile(ctx: Ctx, input: StoreInput, opts: FileOptions = {}): Promise<StoredFile> {
  const actor = requireRole(ctx.actor, ...UPLOAD_ROLES);
  const checked = await checkFile(input.buffer, input.filename, { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES });
  return ctx.db.transaction(async (tx) => {
    const stored = await insertChecked(tx, checked, actor.userId);
    const { id, sha256, size, mime, ext, reused } = stored;
    await recordAudit(tx, auditActor(actor), {
      action: 'file.uploaded',
      targetType: 'file',
      targetId: id,
      after: { sha256, size, mime, ext, name: input.filename.slice(0, 255), reused },
    });
    return stored;
  });
}

/**
 * A file sent by a member of the public with an application (ID proof, 补正 material): the same
 * content checks, limited to PDF, JPEG and PNG. Run it before the transaction that stores the
 * file: re-encoding a photo takes seconds, and no transaction should stay open that long.
 */
export function checkPublicUpload(input: StoreInput, opts: FileOptions = {}): Promise<CheckedFile> {
  return checkFile(input.buffer, input.filename, { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES, types: PUBLIC_UPLOAD_TYPES });
}

/**
 * Stores a checked public upload private and restricted (`/files/` never serves it to staff; the
 * calling module serves it to whom it allows), inside the caller's transaction. The calling
 * module records it in its own log.
 */
export async function storePublicUpload(tx: Exec, checked: CheckedFile): Promise<StoredFile> {
  return insertChecked(tx, checked, null, true);
}

/**
 * Stores a file the platform generated itself (a compiled handbook), inside the caller's
 * transaction: checked by content like any upload, with no uploader (a background job makes it).
 * The calling module audits its own action and marks the file public when it publishes it.
 */
export async function storeGeneratedFile(tx: Exec, input: StoreInput, opts: FileOptions = {}): Promise<StoredFile> {
  const checked = await checkFile(input.buffer, input.filename, { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES });
  return insertChecked(tx, checked, null);
}

async function insertChecked(tx: Exec, checked: CheckedFile, createdBy: number | null, restricted = false): Promise<StoredFile> {
  let row = await findBySha(tx, checked.sha256);
  const reused = !!row;
  if (!row) {
    // ON CONFLICT: a concurrent upload of the same bytes may have won; theirs is as good as ours.
    await tx.insert(fileBlobs).values({ sha256: checked.sha256, bytes: checked.bytes }).onConflictDoNothing();
    [row] = await tx
      .insert(files)
      .values({ sha256: checked.sha256, size: checked.size, mime: checked.mime, ext: checked.ext, createdBy, restricted })
      .onConflictDoNothing()
      .returning();
    row ??= await findBySha(tx, checked.sha256);
  }
  const { id, sha256, size, mime, ext } = row!;
  return { id, sha256, size, mime, ext, reused };
}

async function findBySha(db: Exec, sha256: string): Promise<FileRow | undefined> {
  const [row] = await db.select().from(files).where(eq(files.sha256, sha256));
  return row;
}

/**
 * Makes files readable by the public. Called inside the publishing transaction of the module that
 * attaches them, so a file becomes public exactly when its document does. Already public files
 * keep their original `public_at`.
 */
export async function markFilesPublic(tx: Exec, fileIds: number[]): Promise<void> {
  if (fileIds.length === 0) return;
  await tx.update(files).set({ publicAt: sql`now()` }).where(and(inArray(files.id, fileIds), isNull(files.publicAt)));
}

/**
 * Hides files from the public again (withdrawal). Because identical bytes share one row, the
 * caller must pass only files that no other published document still uses.
 * Public responses were sent with a one-year immutable cache lifetime, so copies already held by
 * browsers or a CDN are not recalled by this.
 */
export async function markFilesPrivate(tx: Exec, fileIds: number[]): Promise<void> {
  if (fileIds.length === 0) return;
  await tx.update(files).set({ publicAt: null }).where(and(inArray(files.id, fileIds), isNotNull(files.publicAt)));
}

export const SHA256_RE = /^[0-9a-f]{64}$/;

/** File metadata by content hash, without the bytes; null for anything malformed or unknown. */
export async function findFile(db: Exec, sha256: string): Promise<FileRow | null> {
  if (!SHA256_RE.test(sha256)) return null;
  return (await findBySha(db, sha256)) ?? null;
}

export async function getFileById(db: Exec, id: number): Promise<FileRow | null> {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row ?? null;
}

/** The stored bytes. Kept behind this function so an object store can take over later. */
export async function readFileBytes(db: Exec, sha256: string): Promise<Buffer | null> {
  const [row] = await db.select({ bytes: fileBlobs.bytes }).from(fileBlobs).where(eq(fileBlobs.sha256, sha256));
  return row?.bytes ?? null;
}

/** Where a file is served; `name` only sets the download name. */
export const fileUrl = (sha256: string, name: string): string => `/files/${sha256}/${encodeURIComponent(name)}`;
