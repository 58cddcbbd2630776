import { eq } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { FieldProblems } from '../../core/errors.js';
import { MESSAGE_KINDS, msgSettings, type MessageKind } from './schema.js';
import { KIND_LABELS } from './labels.js';

export type MsgSettings = { limits: Record<MessageKind, number>; warnMonths: number; redMonths: number; maxBody: number };
/** 5 working days per kind (no national rule); warned at 2 months, red at 3 (the inspection's veto line). */
export const DEFAULT_SETTINGS: MsgSettings = { limits: { consult: 5, complaint: 5, suggestion: 5, help: 5, other: 5 }, warnMonths: 2, redMonths: 3, maxBody: 3000 };

export async function getMsgSettings(db: Exec): Promise<MsgSettings> {
  const [row] = await db.select().from(msgSettings).where(eq(msgSettings.id, 1));
  if (!row) return structuredClone(DEFAULT_SETTINGS);
  return { limits: { ...DEFAULT_SETTINGS.limits, ...row.limits }, warnMonths: row.warnMonths, redMonths: row.redMonths, maxBody: row.maxBody };
}

/** The office sets the reply limit per kind and the warning and red lines. */
export async function updateMsgSettings(ctx: Ctx, raw: Record<string, string>): Promise<MsgSettings> {
  const actor = requireRole(ctx.actor, 'office', 'admin');
  const p = new FieldProblems();
  const int = (name: string, label: string, min: number, max: number) => {
    const s = (raw[name] ?? '').trim();
    if (!/^\d{1,5}$/.test(s) || Number(s) < min || Number(s) > max) { p.add(name, `${label}应为 ${min} 至 ${max} 之间的整数。`); return 0; }
    return Number(s);
  };
  const limits = Object.fromEntries(MESSAGE_KINDS.map((k) => [k, int(`limit_${k}`, `${KIND_LABELS[k]}类答复时限（工作日）`, 1, 60)])) as Record<MessageKind, number>;
  const next: MsgSettings = { limits, warnMonths: int('warnMonths', '预警月数', 1, 11), redMonths: int('redMonths', '红色预警月数', 1, 12), maxBody: int('maxBody', '留言内容字数上限', 200, 20000) };
  if (next.warnMonths && next.redMonths && next.warnMonths >= next.redMonths) p.add('warnMonths', '预警月数应少于红色预警月数。');
  p.done();
  return ctx.db.transaction(async (tx) => {
    const before = await getMsgSettings(tx);
    await tx.insert(msgSettings).values({ id: 1, ...next }).onConflictDoUpdate({ target: msgSettings.id, set: { ...next, updatedAt: new Date() } });
    await recordAudit(tx, auditActor(actor), { action: 'messages.settings_updated', targetType: 'msg_settings', targetId: 1, before, after: next });
    return next;
  });
}
