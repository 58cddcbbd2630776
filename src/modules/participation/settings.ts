import { eq } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { FieldProblems } from '../../core/errors.js';
import { partSettings } from './schema.js';
import { parseWords, sensitiveHits } from '../../core/text/sensitive.js';

export type PartSettings = Omit<typeof partSettings.$inferSelect, 'id' | 'updatedAt'>;
export const DEFAULT_SETTINGS: PartSettings = { majorDecisionDays: 30, ruleDays: 30, normativeWorkdays: 7, maxCommentChars: 5000, perContactPerDay: 10, perAddressPerDay: 30, sensitiveWords: [] };

export async function getSettings(db: Exec): Promise<PartSettings> {
  const [row] = await db.select().from(partSettings).where(eq(partSettings.id, 1));
  if (!row) return { ...DEFAULT_SETTINGS };
  const { id: _i, updatedAt: _u, ...s } = row;
  return s;
}

const MAX_WORDS = 2000;


/** The office changes the periods, the limits and the sensitive-word list. */
export async function updateSettings(ctx: Ctx, raw: Record<string, string>): Promise<PartSettings> {
  const actor = requireRole(ctx.actor, 'office', 'admin');
  const p = new FieldProblems();
  const int = (name: keyof PartSettings, label: string, min: number, max: number): number => {
    const s = (raw[name] ?? '').trim();
    if (!/^\d{1,5}$/.test(s) || Number(s) < min || Number(s) > max) {
      p.add(name, `${label}应为 ${min} 至 ${max} 之间的整数。`);
      return 0;
    }
    return Number(s);
  };
  const words = parseWords(raw.sensitiveWords ?? '');
  if (words.length > MAX_WORDS) p.add('sensitiveWords', `敏感词最多 ${MAX_WORDS} 个。`);
  if (words.some((w) => w.length > 50)) p.add('sensitiveWords', '每个敏感词不超过 50 个字符。');
  const next: PartSettings = {
    majorDecisionDays: int('majorDecisionDays', '重大行政决策最短征求意见期限', 1, 365),
    ruleDays: int('ruleDays', '规章最短征求意见期限', 1, 365),
    normativeWorkdays: int('normativeWorkdays', '行政规范性文件最短征求意见期限', 1, 100),
    maxCommentChars: int('maxCommentChars', '每条意见字数上限', 100, 50000),
    perContactPerDay: int('perContactPerDay', '同一联系方式每日提交上限', 1, 1000),
    perAddressPerDay: int('perAddressPerDay', '同一网络地址每日提交上限', 1, 10000),
    sensitiveWords: words,
  };
  p.done();
  return ctx.db.transaction(async (tx) => {
    const before = await getSettings(tx);
    await tx.insert(partSettings).values({ id: 1, ...next }).onConflictDoUpdate({ target: partSettings.id, set: { ...next, updatedAt: new Date() } });
    await recordAudit(tx, auditActor(actor), { action: 'participation.settings_updated', targetType: 'part_settings', targetId: 1, before: { ...before, sensitiveWords: before.sensitiveWords.length }, after: { ...next, sensitiveWords: next.sensitiveWords.length } });
    return next;
  });
}

/**
 * The installation's one sensitive-word list (kept in 公众参与设置): every module that takes public
 * writing holds a message containing one of them for review instead of publishing it.
 */
export const sensitiveWords = async (db: Exec): Promise<string[]> => (await getSettings(db)).sensitiveWords;
export { sensitiveHits };

export type { Db };
