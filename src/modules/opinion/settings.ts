import { eq } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { FieldProblems } from '../../core/errors.js';
import { opSettings } from './schema.js';

/**
 * The response clocks in hours from first seen: 国办发〔2016〕80号 (5 h to 权威信息, 24 h to a
 * 新闻发布会 for 特别重大/重大突发事件) and 61号 (48 h to a first response otherwise).
 */
export type OpSettings = { authHours: number; pressHours: number; firstHours: number };
export const DEFAULT_SETTINGS: OpSettings = { authHours: 5, pressHours: 24, firstHours: 48 };

export async function getOpSettings(db: Exec): Promise<OpSettings> {
  const [row] = await db.select().from(opSettings).where(eq(opSettings.id, 1));
  return row ? { authHours: row.authHours, pressHours: row.pressHours, firstHours: row.firstHours } : { ...DEFAULT_SETTINGS };
}

/** The office or administrator sets the three clocks (whole hours, 1 to 720); audited with before and after. */
export async function updateOpSettings(ctx: Ctx, raw: Record<string, unknown>): Promise<OpSettings> {
  const actor = requireRole(ctx.actor, 'office', 'admin');
  const p = new FieldProblems();
  const int = (name: keyof OpSettings, label: string) => {
    const s = typeof raw[name] === 'string' ? (raw[name] as string).trim() : String(raw[name] ?? '');
    if (!/^\d{1,4}$/.test(s) || Number(s) < 1 || Number(s) > 720) { p.add(name, `${label}应为 1 至 720 之间的整数（小时）。`); return 0; }
    return Number(s);
  };
  const next: OpSettings = { authHours: int('authHours', '发布权威信息时限'), pressHours: int('pressHours', '举行新闻发布会时限'), firstHours: int('firstHours', '首次回应时限') };
  p.done();
  return ctx.db.transaction(async (tx) => {
    const before = await getOpSettings(tx);
    await tx.insert(opSettings).values({ id: 1, ...next }).onConflictDoUpdate({ target: opSettings.id, set: { ...next, updatedAt: new Date() } });
    await recordAudit(tx, auditActor(actor), { action: 'opinion.settings_updated', targetType: 'op_settings', targetId: 1, before, after: next });
    return next;
  });
}
