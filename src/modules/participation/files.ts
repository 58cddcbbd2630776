import { sql } from 'drizzle-orm';
import type { FileReader } from '../../core/module.js';
import { hasRole } from '../../core/auth/actor.js';
import { partConsultations } from './schema.js';
import { forReading } from './consultations.js';

/** The attachments of a draft not yet published: its agency's staff and the office may read them. */
export const mayReadAttachment: FileReader = async (ctx, fileId) => {
  if (!(['editor', 'reviewer', 'office', 'admin'] as const).some((r) => hasRole(ctx.actor, r))) return false;
  const rows = await ctx.db.select({ id: partConsultations.id }).from(partConsultations).where(sql`${partConsultations.attachments} @> ${JSON.stringify([{ fileId }])}::jsonb`).limit(20);
  for (const r of rows) if (await forReading(ctx.db, ctx.actor, r.id).then(() => true, () => false)) return true;
  return false;
};
