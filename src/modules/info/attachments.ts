import { and, asc, eq, inArray, ne, or } from 'drizzle-orm';
import { requireRole, type Actor } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, forbiddenAsNotFound, invalid } from '../../core/errors.js';
import type { Exec } from '../../db/client.js';
import { downloadName, fileUrl, files, markFilesPrivate, markFilesPublic, storeFile } from '../../core/files/index.js';
import { agencies } from '../../core/org/schema.js';
import { canEdit, canRead } from './policy.js';
import { findEdition } from './repository.js';
import { infoAttachments, infoDocuments, infoEditions } from './schema.js';

export type Attachment = { id: number; name: string; url: string; size: number; mime: string };

export async function editionAttachments(db: Exec, editionId: number): Promise<Attachment[]> {
  const rows = await db
    .select({ id: infoAttachments.id, name: infoAttachments.name, sha: files.sha256, size: files.size, mime: files.mime })
    .from(infoAttachments)
    .innerJoin(files, eq(files.id, infoAttachments.fileId))
    .where(eq(infoAttachments.editionId, editionId))
    .orderBy(asc(infoAttachments.sort), asc(infoAttachments.id));
  return rows.map((r) => ({ id: r.id, name: r.name, url: fileUrl(r.sha, r.name), size: r.size, mime: r.mime }));
}

/**
 * The files module's question (FileReader): may this person read an edition that attaches the
 * file? The same rule as the editions themselves (canRead): a draft only within its agency, the
 * office within its reach.
 */
export async function mayReadAttachedFile(ctx: { db: Exec; actor: Actor }, fileId: number): Promise<boolean> {
  const rows = await ctx.db
    .select({ agencyId: infoDocuments.agencyId, agencyPath: agencies.path, agencyGovId: agencies.govId, state: infoEditions.state })
    .from(infoAttachments)
    .innerJoin(infoEditions, eq(infoEditions.id, infoAttachments.editionId))
    .innerJoin(infoDocuments, eq(infoDocuments.id, infoEditions.documentId))
    .innerJoin(agencies, eq(agencies.id, infoDocuments.agencyId))
    .where(eq(infoAttachments.fileId, fileId));
  return rows.some((e) => canRead(ctx.actor, e));
}

/** Attaches an uploaded file to a draft; the file is checked by content and stored once. */
export async function attachFile(ctx: Ctx, editionId: number, upload: { buffer: Buffer; filename: string }): Promise<number> {
  const actor = requireRole(ctx.actor, 'editor');
  const e = await findEdition(ctx.db, editionId);
  if (!canRead(actor, e)) throw forbiddenAsNotFound('信息');
  if (!canEdit(actor, e)) throw conflict('not_editable', '只有草稿可以添加附件。');
  const stored = await storeFile(ctx, upload);
  const name = downloadName(upload.filename, stored.ext);
  return ctx.db.transaction(async (tx) => {
    const count = (await editionAttachments(tx, editionId)).length;
    if (count >= 30) throw invalid('每份信息最多 30 个附件。');
    const [row] = await tx.insert(infoAttachments).values({ editionId, fileId: stored.id, name, sort: count }).returning();
    await recordAudit(tx, auditActor(actor), { action: 'info.attachment_added', targetType: 'info_edition', targetId: editionId, after: { name, sha256: stored.sha256 } });
    return row!.id;
  });
}

export async function removeAttachment(ctx: Ctx, attachmentId: number): Promise<number> {
  const actor = requireRole(ctx.actor, 'editor');
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx.select().from(infoAttachments).where(eq(infoAttachments.id, attachmentId));
    if (!a) throw forbiddenAsNotFound('附件');
    const e = await findEdition(tx, a.editionId);
    if (!canRead(actor, e) || !canEdit(actor, e)) throw forbiddenAsNotFound('附件');
    await tx.delete(infoAttachments).where(eq(infoAttachments.id, attachmentId));
    await recordAudit(tx, auditActor(actor), { action: 'info.attachment_removed', targetType: 'info_edition', targetId: a.editionId, before: { name: a.name } });
    return a.editionId;
  });
}

/** Called in the publishing transaction: the edition's files become downloadable by the public. */
export async function publishAttachments(tx: Exec, editionId: number): Promise<void> {
  const rows = await tx.select({ fileId: infoAttachments.fileId }).from(infoAttachments).where(eq(infoAttachments.editionId, editionId));
  if (rows.length) await markFilesPublic(tx, rows.map((r) => r.fileId));
}

/**
 * Called when an edition is withdrawn as published in error: its files stop being downloadable,
 * except those another readable edition (published, or withdrawn with a notice) still attaches.
 */
export async function unpublishAttachments(tx: Exec, editionId: number): Promise<void> {
  const mine = (await tx.select({ fileId: infoAttachments.fileId }).from(infoAttachments).where(eq(infoAttachments.editionId, editionId))).map((r) => r.fileId);
  if (!mine.length) return;
  const stillPublic = await tx
    .select({ fileId: infoAttachments.fileId })
    .from(infoAttachments)
    .innerJoin(infoEditions, eq(infoEditions.id, infoAttachments.editionId))
    .where(and(inArray(infoAttachments.fileId, mine), ne(infoEditions.id, editionId), or(eq(infoEditions.state, 'published'), and(eq(infoEditions.state, 'withdrawn'), eq(infoEditions.withdrawnInError, false)))));
  const keep = new Set(stillPublic.map((r) => r.fileId));
  await markFilesPrivate(tx, mine.filter((id) => !keep.has(id)));
}

/** A new edition starts with the attachments of the one it revises. */
export async function copyAttachments(tx: Exec, fromEditionId: number, toEditionId: number): Promise<void> {
  const rows = await tx.select().from(infoAttachments).where(inArray(infoAttachments.editionId, [fromEditionId]));
  if (rows.length) await tx.insert(infoAttachments).values(rows.map(({ id: _id, editionId: _e, ...r }) => ({ ...r, editionId: toEditionId })));
}
