// The 政务公开专区 touch screen's settings: how long it waits without a touch before it goes back
// to its home page and clears what was typed. One row per government, kept by its office.
import { eq } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { FieldProblems } from '../../core/errors.js';
import { offlineKiosk } from './schema.js';

export const DEFAULT_IDLE_SECONDS = 120;
export const IDLE_RANGE = { min: 5, max: 1800 } as const;

/** The idle timeout of a government's kiosk (the default until its office sets one). */
export async function kioskIdleSeconds(db: Exec, govId: number | null): Promise<number> {
  if (govId == null) return DEFAULT_IDLE_SECONDS;
  const [row] = await db.select({ s: offlineKiosk.idleSeconds }).from(offlineKiosk).where(eq(offlineKiosk.govId, govId));
  return row?.s ?? DEFAULT_IDLE_SECONDS;
}

/** Sets the person's own government's kiosk idle timeout; audited with what it was. */
export async function setKioskIdleSeconds(ctx: Ctx, value: unknown): Promise<number> {
  const a = requireRole(ctx.actor, 'office', 'admin');
  const p = new FieldProblems();
  const s = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  const n = /^\d{1,5}$/.test(s) ? Number(s) : NaN;
  if (!(n >= IDLE_RANGE.min && n <= IDLE_RANGE.max)) p.add('idleSeconds', `请填写 ${IDLE_RANGE.min}–${IDLE_RANGE.max} 之间的整数秒数。`);
  if (a.placement.govId == null) p.add('idleSeconds', '您的账号不属于任何一级政府，不能设置专区触摸屏。');
  p.done();
  const govId = a.placement.govId!;
  return ctx.db.transaction(async (tx) => {
    const before = await kioskIdleSeconds(tx, govId);
    await tx.insert(offlineKiosk).values({ govId, idleSeconds: n }).onConflictDoUpdate({ target: offlineKiosk.govId, set: { idleSeconds: n, updatedAt: new Date() } });
    await recordAudit(tx, auditActor(a), { action: 'offline.kiosk_updated', targetType: 'offline_kiosk', targetId: govId, before: { idleSeconds: before }, after: { idleSeconds: n } });
    return n;
  });
}
