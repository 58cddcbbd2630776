import { eq } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { FieldProblems } from '../../core/errors.js';
import { requireTopGovernment } from '../../core/org/scope.js';
import { propSettings, type ReplyClass } from './schema.js';

export type PropSettings = {
  /** 交办之日起答复期限（月）. */
  replyMonths: number;
  /** 经批准延期后的最长期限（月，自交办之日起）. */
  extendedMonths: number;
  /** 协办单位提出意见期限（月）. */
  viewsMonths: number;
  /** 答复后公开期限（工作日）. */
  publishWorkdays: number;
  /** 公开期限前提醒（工作日）. */
  warnWorkdays: number;
  classes: ReplyClass[];
};

export const DEFAULT_CLASSES: ReplyClass[] = [
  { code: 'A', label: '已解决或采纳', followUp: false },
  { code: 'B', label: '列入计划拟解决', followUp: true },
  { code: 'C', label: '留作参考', followUp: true },
];
export const DEFAULT_SETTINGS: PropSettings = { replyMonths: 3, extendedMonths: 6, viewsMonths: 1, publishWorkdays: 20, warnWorkdays: 5, classes: DEFAULT_CLASSES };

export async function getPropSettings(db: Exec): Promise<PropSettings> {
  const [r] = await db.select().from(propSettings).where(eq(propSettings.id, 1));
  return r
    ? { replyMonths: r.replyMonths, extendedMonths: r.extendedMonths, viewsMonths: r.viewsMonths, publishWorkdays: r.publishWorkdays, warnWorkdays: r.warnWorkdays, classes: r.classes }
    : { ...DEFAULT_SETTINGS, classes: [...DEFAULT_CLASSES] };
}

/**
 * The office sets the limits and the reply classes. `classes` is one class a line:
 * `代码 名称` with a trailing `*` when a reply of that class needs follow-up (e.g. `B 列入计划拟解决 *`).
 */
export async function updatePropSettings(ctx: Ctx, raw: Record<string, string>): Promise<PropSettings> {
  const actor = requireTopGovernment(requireRole(ctx.actor, 'office', 'admin'));
  const p = new FieldProblems();
  const int = (name: keyof PropSettings, label: string, min: number, max: number) => {
    const s = (raw[name] ?? '').trim();
    if (!/^\d{1,4}$/.test(s) || Number(s) < min || Number(s) > max) { p.add(name, `${label}应为 ${min} 至 ${max} 之间的整数。`); return 0; }
    return Number(s);
  };
  const replyMonths = int('replyMonths', '答复期限（月）', 1, 12);
  const extendedMonths = int('extendedMonths', '延期后期限（月）', 1, 24);
  const viewsMonths = int('viewsMonths', '协办意见期限（月）', 1, 12);
  const publishWorkdays = int('publishWorkdays', '答复后公开期限（工作日）', 1, 120);
  const warnWorkdays = int('warnWorkdays', '公开提醒（工作日）', 0, 60);
  if (!p.has('extendedMonths') && !p.has('replyMonths') && extendedMonths < replyMonths) p.add('extendedMonths', '延期后期限不能短于答复期限。');
  if (!p.has('viewsMonths') && !p.has('replyMonths') && viewsMonths > replyMonths) p.add('viewsMonths', '协办意见期限不能长于答复期限。');
  const classes: ReplyClass[] = [];
  for (const line of (raw.classes ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9甲乙丙丁]{1,4})\s+(.{1,30}?)\s*(\*)?$/.exec(line);
    if (!m) { p.add('classes', `答复类别“${line.slice(0, 40)}”格式应为“代码 名称”，需跟踪落实的在末尾加 *。`); break; }
    if (classes.some((c) => c.code === m[1])) { p.add('classes', `答复类别代码 ${m[1]} 重复。`); break; }
    classes.push({ code: m[1]!, label: m[2]!, followUp: Boolean(m[3]) });
  }
  if (!classes.length && !p.has('classes')) p.add('classes', '请至少填写一个答复类别。');
  p.done();
  const next: PropSettings = { replyMonths, extendedMonths, viewsMonths, publishWorkdays, warnWorkdays, classes };
  return ctx.db.transaction(async (tx) => {
    const before = await getPropSettings(tx);
    await tx.insert(propSettings).values({ id: 1, ...next }).onConflictDoUpdate({ target: propSettings.id, set: { ...next, updatedAt: new Date() } });
    await recordAudit(tx, auditActor(actor), { action: 'proposals.settings_updated', targetType: 'prop_settings', targetId: 1, before, after: next });
    return next;
  });
}
