import { eq } from 'drizzle-orm';
import { requireTopGovernment } from '../../core/org/scope.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import type { Exec } from '../../db/client.js';
import { isFeeRule, type FeeRule } from './fees.js';
import { foiSettings } from './schema.js';

/**
 * The office's rules for 信息处理费. Charging is the office's choice (many governments waive the
 * fee); the tiers themselves are national (国办函〔2020〕109号) and live in fees.ts. The payment window
 * applies to notices sent after a change: a notice already sent keeps the date it told the applicant.
 */
export type FoiSettings = { feesEnabled: boolean; defaultFeeRule: FeeRule; paymentWorkdays: number };

export const DEFAULT_FOI_SETTINGS: FoiSettings = { feesEnabled: true, defaultFeeRule: 'per_item', paymentWorkdays: 20 };
export const MAX_PAYMENT_WORKDAYS = 60;

export async function getFoiSettings(db: Exec): Promise<FoiSettings> {
  const [row] = await db.select().from(foiSettings).where(eq(foiSettings.id, 1));
  if (!row) return DEFAULT_FOI_SETTINGS;
  return { feesEnabled: row.feesEnabled, defaultFeeRule: isFeeRule(row.defaultFeeRule) ? row.defaultFeeRule : 'per_item', paymentWorkdays: row.paymentWorkdays };
}

/** The disclosure office (or an administrator) sets the fee rules; audited with before and after. */
export async function updateFoiSettings(ctx: Ctx, input: { feesEnabled: unknown; defaultFeeRule: unknown; paymentWorkdays: unknown }): Promise<FoiSettings> {
  const actor = requireTopGovernment(requireRole(ctx.actor, 'office', 'admin'));
  const problems: { field: string; message: string }[] = [];
  if (!isFeeRule(input.defaultFeeRule)) problems.push({ field: 'defaultFeeRule', message: '请选择默认计费方式：按件计收或按量计收。' });
  const days = typeof input.paymentWorkdays === 'string' && /^\d{1,3}$/.test(input.paymentWorkdays.trim()) ? Number(input.paymentWorkdays.trim()) : typeof input.paymentWorkdays === 'number' ? input.paymentWorkdays : NaN;
  if (!Number.isInteger(days) || days < 1 || days > MAX_PAYMENT_WORKDAYS) problems.push({ field: 'paymentWorkdays', message: `缴费期限应为 1 到 ${MAX_PAYMENT_WORKDAYS} 之间的整数（工作日）。` });
  // Both checked in one pass, each reported beside its field.
  if (problems.length || !isFeeRule(input.defaultFeeRule)) throw invalid(problems.map((p) => p.message).join(''), problems);
  const next: FoiSettings = { feesEnabled: input.feesEnabled === true || input.feesEnabled === 'on' || input.feesEnabled === 'true', defaultFeeRule: input.defaultFeeRule, paymentWorkdays: days };
  return ctx.db.transaction(async (tx) => {
    const before = await getFoiSettings(tx);
    await tx.insert(foiSettings).values({ id: 1, ...next }).onConflictDoUpdate({ target: foiSettings.id, set: { ...next, updatedAt: new Date() } });
    await recordAudit(tx, auditActor(actor), { action: 'foi.settings_updated', targetType: 'foi_settings', targetId: 1, before, after: next });
    return next;
  });
}
