// 领导信箱: the office of a government keeps its leaders' mailboxes (县长信箱 …): opens one owned
// by an agency of its government (messages to it are handled there), closes it to new messages
// and opens it again. Messages already sent to a closed mailbox stay and are handled as before.
import { and, asc, eq } from 'drizzle-orm';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, forbiddenAsNotFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { officeActs } from '../../core/org/scope.js';
import { msgMailboxes } from './schema.js';
import { placeOf } from './policy.js';

export type MailboxRow = { id: number; name: string; agencyId: number; agencyName: string; active: boolean; createdAt: Date };

/** The mailboxes of the person's own government, open ones first; for the office and the administrator. */
export async function staffMailboxes(ctx: Ctx): Promise<MailboxRow[]> {
  const a = requireRole(ctx.actor, 'office', 'admin');
  if (a.placement.govId == null) return [];
  return ctx.db.select({ id: msgMailboxes.id, name: msgMailboxes.name, agencyId: msgMailboxes.agencyId, agencyName: agencies.name, active: msgMailboxes.active, createdAt: msgMailboxes.createdAt })
    .from(msgMailboxes).innerJoin(agencies, eq(agencies.id, msgMailboxes.agencyId))
    .where(eq(msgMailboxes.govId, a.placement.govId)).orderBy(asc(msgMailboxes.id));
}

/** The agencies of the person's own government a mailbox can belong to. */
export async function mailboxOwners(ctx: Ctx): Promise<{ id: number; name: string }[]> {
  const a = requireRole(ctx.actor, 'office', 'admin');
  if (a.placement.govId == null) return [];
  return ctx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.govId, a.placement.govId)).orderBy(asc(agencies.path));
}

/** Closes a mailbox to new messages, or opens it again; audited. */
export async function setMailboxActive(ctx: Ctx, id: number, active: boolean): Promise<void> {
  const a = requireRole(ctx.actor, 'office', 'admin');
  await ctx.db.transaction(async (tx) => {
    const [mb] = await tx.select().from(msgMailboxes).where(eq(msgMailboxes.id, id)).for('update');
    const place = mb ? await placeOf(tx, mb.agencyId) : null;
    if (!mb || !place || !officeActs(a, place)) throw forbiddenAsNotFound('领导信箱');
    if (mb.active === active) throw conflict('unchanged', active ? '该信箱已在接收留言。' : '该信箱已经停用。');
    await tx.update(msgMailboxes).set({ active }).where(and(eq(msgMailboxes.id, id), eq(msgMailboxes.active, !active)));
    await recordAudit(tx, auditActor(a), { action: active ? 'messages.mailbox_reopened' : 'messages.mailbox_closed', targetType: 'msg_mailbox', targetId: id, before: { active: !active }, after: { active } });
  });
}
