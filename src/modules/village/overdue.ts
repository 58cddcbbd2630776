// What is late: each village's matters whose period passed its due day with nothing published, and
// the 公开 after an approval past their limit; the differences between a village's own entry of a
// shared matter and the township's record.
import { and, eq, inArray } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import type { Ctx } from '../../core/context.js';
import { requireRole } from '../../core/auth/actor.js';
import { addDays, toShanghaiDate } from '../../core/calendar/dates.js';
import { STAFF_ROLES, villagesInView, type Place } from './access.js';
import { rowsOfVillage } from './disclosures.js';
import { periodLabel, periodsDue, SHARED_LABELS } from './rules.js';
import { vgDisclosures, vgMatters, type VgTable } from './schema.js';

export type LateItem = { village: Place; matterId: number; matterName: string; period: string; dueOn: string; disclosureId?: number };

const DONE = ['published', 'archived'] as const;

/**
 * Every matter of the villages the person reads that is overdue (or due within `ahead` days) on
 * the clock `now`: a quarterly or monthly period with no published 公开 by its due day (a shared
 * matter is met by the township's record that lists the village), and a 公开 after an approval
 * not published within its days.
 */
export async function lateItems(ctx: Ctx, opts: { now?: Date; today?: string; ahead?: number; villageId?: number } = {}): Promise<LateItem[]> {
  requireRole(ctx.actor, ...STAFF_ROLES);
  const today = opts.today ?? toShanghaiDate(opts.now ?? new Date());
  const villages = (await villagesInView(ctx.db, ctx.actor)).filter((v) => !opts.villageId || v.id === opts.villageId);
  if (!villages.length) return [];
  const ids = villages.map((v) => v.id);
  const parents = [...new Set(villages.map((v) => v.parentId).filter((x): x is number => x != null))];
  const [matters, own, shared] = await Promise.all([
    ctx.db.select().from(vgMatters).where(and(inArray(vgMatters.villageId, ids), eq(vgMatters.active, true))),
    ctx.db.select().from(vgDisclosures).where(inArray(vgDisclosures.agencyId, ids)),
    parents.length ? ctx.db.select().from(vgDisclosures).where(and(inArray(vgDisclosures.agencyId, parents), inArray(vgDisclosures.state, [...DONE]))) : Promise.resolve([]),
  ]);
  const out: LateItem[] = [];
  for (const m of matters) {
    const village = villages.find((v) => v.id === m.villageId)!;
    for (const { period, dueOn } of periodsDue(m, today, { ahead: opts.ahead ?? -1 })) {
      const met = m.shared
        ? shared.some((d) => d.agencyId === village.parentId && d.shared === m.shared && d.period === period && d.publishedOn != null && d.table?.rows.some((r) => r.villageId === village.id))
        : own.some((d) => d.matterId === m.id && d.period === period && (DONE as readonly string[]).includes(d.state));
      if (!met) out.push({ village, matterId: m.id, matterName: m.name, period, dueOn });
    }
    if (m.cadence === 'afterApproval') {
      for (const d of own.filter((x) => x.matterId === m.id && x.approvalOn && !(DONE as readonly string[]).includes(x.state))) {
        const dueOn = addDays(d.approvalOn!, m.afterDays);
        if (dueOn <= addDays(today, opts.ahead ?? -1)) out.push({ village, matterId: m.id, matterName: m.name, period: '', dueOn, disclosureId: d.id });
      }
    }
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.village.name.localeCompare(b.village.name));
}
export const lateLabel = (l: LateItem) => `${l.village.name}：${l.matterName}${l.period ? `（${periodLabel(l.period)}）` : ''}`;

export type Difference = { village: Place; shared: string; period: string; villageDisclosureId: number; townshipDisclosureId: number | null; problems: string[] };

const sameTable = (a: VgTable | null, b: VgTable | null) => JSON.stringify(a ? { h: a.head, r: a.rows.map((r) => r.cells) } : null) === JSON.stringify(b ? { h: b.head, r: b.rows.map((r) => r.cells) } : null);

/**
 * Every village page where a village entered a shared matter itself and it differs from the
 * township's record of the same kind and period (its rows of that village, its 公示 dates), or the
 * township has no such record.
 */
export async function differences(ctx: Ctx): Promise<Difference[]> {
  requireRole(ctx.actor, ...STAFF_ROLES);
  const villages = await villagesInView(ctx.db, ctx.actor);
  if (!villages.length) return [];
  const ids = villages.map((v) => v.id);
  const parents = [...new Set(villages.map((v) => v.parentId).filter((x): x is number => x != null))];
  const own = (await ctx.db.select().from(vgDisclosures).where(and(inArray(vgDisclosures.agencyId, ids), inArray(vgDisclosures.state, [...DONE])))).filter((d) => d.shared);
  const town = parents.length ? await ctx.db.select().from(vgDisclosures).where(and(inArray(vgDisclosures.agencyId, parents), inArray(vgDisclosures.state, [...DONE]))) : [];
  const out: Difference[] = [];
  for (const d of own) {
    const village = villages.find((v) => v.id === d.agencyId)!;
    const t = town.find((x) => x.agencyId === village.parentId && x.shared === d.shared && x.period === d.period);
    const problems: string[] = [];
    if (!t) problems.push('乡镇（街道）没有同一期间的记录，村（社区）页面单独公布了该名单。');
    else {
      const mine = rowsOfVillage(t, village.id);
      if (!sameTable(d.table, mine)) problems.push(`名单内容不一致：村（社区）页面 ${d.table?.rows.length ?? 0} 行，乡镇记录中本村 ${mine?.rows.length ?? 0} 行${d.table && mine && d.table.rows.length === mine.rows.length ? '，行数相同但内容不同' : ''}。`);
      if (d.publishedOn !== t.publishedOn || d.publicityUntil !== t.publicityUntil) problems.push(`公示期不一致：村（社区）${d.publishedOn} 至 ${d.publicityUntil}，乡镇 ${t.publishedOn} 至 ${t.publicityUntil}。`);
    }
    if (problems.length) out.push({ village, shared: SHARED_LABELS[d.shared!], period: d.period, villageDisclosureId: d.id, townshipDisclosureId: t?.id ?? null, problems });
  }
  return out;
}
