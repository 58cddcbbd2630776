import { eq } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { FieldProblems } from '../../core/errors.js';
import { hearSettings } from './schema.js';

export type HearSettings = { materialsDays: number; perAddressPerDay: number };
export const DEFAULT_SETTINGS: HearSettings = { materialsDays: 7, perAddressPerDay: 20 };

export async function getHearSettings(db: Exec): Promise<HearSettings> {
  const [row] = await db.select().from(hearSettings).where(eq(hearSettings.id, 1));
  return row ? { materialsDays: row.materialsDays, perAddressPerDay: row.perAddressPerDay } : { ...DEFAULT_SETTINGS };
}

/** The office sets how many days before a meeting its materials must reach the participants. */
export async function updateHearSettings(ctx: Ctx, raw: Record<string, string>): Promise<HearSettings> {
  const actor = requireRole(ctx.actor, 'office', 'admin');
  const p = new FieldProblems();
  const int = (name: keyof HearSettings, label: string, min: number, max: number) => {
    const s = (raw[name] ?? '').trim();
    if (!/^\d{1,5}$/.test(s) || Number(s) < min || Number(s) > max) { p.add(name, `${label}应为 ${min} 至 ${max} 之间的整数。`); return 0; }
    return Number(s);
  };
  const next: HearSettings = { materialsDays: int('materialsDays', '会议材料提前送达天数', 0, 60), perAddressPerDay: int('perAddressPerDay', '同一网络地址每日报名上限', 1, 10000) };
  p.done();
  return ctx.db.transaction(async (tx) => {
    const before = await getHearSettings(tx);
    await tx.insert(hearSettings).values({ id: 1, ...next }).onConflictDoUpdate({ target: hearSettings.id, set: { ...next, updatedAt: new Date() } });
    await recordAudit(tx, auditActor(actor), { action: 'hearing.settings_updated', targetType: 'hear_settings', targetId: 1, before, after: next });
    return next;
  });
}
