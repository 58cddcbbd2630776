// What the staff pages of the register need beyond items.ts: the government's agencies by name,
// each item's timeline, published documents a response may link to, and the statistics table.
// Every function checks the role first and reads only the actor's own government.
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import { requireRole } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { agencies } from '../../core/org/schema.js';
import { auditEvents } from '../../core/audit/schema.js';
import { searchPublished } from '../info/queries.js';
import { CATEGORIES, SEVERITIES, opItems, opResponses, type Category, type Severity } from './schema.js';
import { getOpSettings } from './settings.js';
import { clocksOf } from './clocks.js';
import { REGISTER_ROLES, type ItemView } from './items.js';
import { GRADE_LABELS, RESPONSE_LABELS } from './labels.js';

const HOUR = 3_600_000;

export type AgencyOption = { id: number; name: string; kind: string };

/** The agencies of the actor's government (the government itself first), for the choices on the forms. */
export async function agencyOptions(ctx: Ctx): Promise<AgencyOption[]> {
  const a = requireRole(ctx.actor, ...REGISTER_ROLES);
  return ctx.db.select({ id: agencies.id, name: agencies.name, kind: agencies.kind }).from(agencies).where(eq(agencies.govId, a.placement.govId)).orderBy(asc(agencies.sort), asc(agencies.id));
}

/** Published information of the actor's government, newest first: what a response may be linked to. */
export async function linkableDocuments(ctx: Ctx, limit = 100): Promise<{ id: number; title: string; publishedAt: Date | null }[]> {
  const a = requireRole(ctx.actor, ...REGISTER_ROLES);
  const { items } = await searchPublished(ctx.db, { govId: a.placement.govId, limit, count: false });
  return items.map((d) => ({ id: d.documentId, title: d.title, publishedAt: d.publishedAt ?? null }));
}

export type TimelineStep = { at: Date; label: string; detail: string; href?: string };

/** Every step of an item in time order: registration, changes of the responsible agency, 会商, responses, evaluation, closure. */
export async function timelineOf(ctx: Ctx, v: ItemView, names: Map<number, string>): Promise<TimelineStep[]> {
  requireRole(ctx.actor, ...REGISTER_ROLES);
  const name = (id: number | null | undefined) => (id != null ? (names.get(id) ?? `单位 ${id}`) : '—');
  const steps: TimelineStep[] = [
    { at: v.firstSeenAt, label: '首次发现', detail: v.link ? `来源链接：${v.link}` : '' },
    { at: v.createdAt, label: '登记', detail: `平台建议第一责任单位：${name(v.proposedAgencyId)}（${v.proposalReason}）` },
  ];
  const changes = await ctx.db.select().from(auditEvents).where(and(eq(auditEvents.targetType, 'op_item'), eq(auditEvents.targetId, String(v.id)), eq(auditEvents.action, 'opinion.agency_changed'))).orderBy(asc(auditEvents.at));
  for (const c of changes) {
    const before = (c.before as { agencyId?: number } | null)?.agencyId;
    const after = (c.after as { agencyId?: number } | null)?.agencyId;
    steps.push({ at: c.at, label: '调整第一责任单位', detail: `${name(before)} → ${name(after)}（${c.actorName}）` });
  }
  for (const c of v.consultations) steps.push({ at: c.heldAt, label: '会商', detail: `${c.agencyIds.map(name).join('、')}：${c.conclusion}` });
  for (const r of v.responses) steps.push({ at: r.respondedAt, label: `回应：${RESPONSE_LABELS[r.kind]}`, detail: r.title, href: r.documentId != null ? `/xxgk/${r.documentId}` : r.link || undefined });
  if (v.evaluatedAt) steps.push({ at: v.evaluatedAt, label: '评估', detail: `${v.grade ? `回应效果${GRADE_LABELS[v.grade]}：` : ''}${v.evaluation}` });
  if (v.closedAt) steps.push({ at: v.closedAt, label: '关闭', detail: v.closeNote });
  return steps.sort((x, y) => x.at.getTime() - y.at.getTime());
}

export type StatsItem = {
  id: number; summary: string; category: Category; severity: Severity; emergency: boolean; firstSeenAt: Date;
  firstResponseAt: Date | null; hours: number | null; onTime: boolean | null; agencyName: string;
};
export type StatsGroup = { count: number; responded: number; averageHours: number | null; onTime: number; decided: number; onTimeShare: number | null };
export type StatsTable = { items: StatsItem[]; total: StatsGroup; byCategory: Record<Category, StatsGroup>; bySeverity: Record<Severity, StatsGroup> };

const round = (x: number) => Math.round(x * 100) / 100;
function group(rows: StatsItem[]): StatsGroup {
  const hours = rows.flatMap((r) => (r.hours == null ? [] : [r.hours]));
  const decided = rows.filter((r) => r.onTime != null);
  const onTime = decided.filter((r) => r.onTime).length;
  return {
    count: rows.length, responded: hours.length, averageHours: hours.length ? round(hours.reduce((s, x) => s + x, 0) / hours.length) : null,
    onTime, decided: decided.length, onTimeShare: decided.length ? onTime / decided.length : null,
  };
}

/**
 * Items first seen in [from, to): hours from first seen to the first response, and whether the
 * item is on time (every clock stopped in time: true; a clock late or overdue: false; still running: null);
 * grouped per category and severity with averages and the on-time share.
 */
export async function statsTable(ctx: Ctx, from: Date, to: Date, now = new Date()): Promise<StatsTable> {
  const a = requireRole(ctx.actor, ...REGISTER_ROLES);
  const items = await ctx.db.select().from(opItems).where(and(eq(opItems.govId, a.placement.govId), gte(opItems.firstSeenAt, from), lt(opItems.firstSeenAt, to))).orderBy(asc(opItems.firstSeenAt), asc(opItems.id));
  const ids = items.map((i) => i.id);
  const [responses, s, names] = await Promise.all([
    ids.length ? ctx.db.select({ itemId: opResponses.itemId, kind: opResponses.kind, respondedAt: opResponses.respondedAt }).from(opResponses).where(inArray(opResponses.itemId, ids)) : Promise.resolve([]),
    getOpSettings(ctx.db),
    ctx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.govId, a.placement.govId)),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const rows: StatsItem[] = items.map((i) => {
    const rs = responses.filter((r) => r.itemId === i.id);
    const first = rs.length ? Math.min(...rs.map((r) => r.respondedAt.getTime())) : null;
    const clocks = clocksOf(i, rs, s, now);
    const onTime = clocks.some((c) => c.status === 'late' || c.status === 'overdue') ? false : clocks.every((c) => c.status === 'met') ? true : null;
    return {
      id: i.id, summary: i.summary, category: i.category, severity: i.severity, emergency: i.emergency, firstSeenAt: i.firstSeenAt,
      firstResponseAt: first == null ? null : new Date(first), hours: first == null ? null : round((first - i.firstSeenAt.getTime()) / HOUR), onTime,
      agencyName: nameOf.get(i.agencyId) ?? '',
    };
  });
  return {
    items: rows, total: group(rows),
    byCategory: Object.fromEntries(CATEGORIES.map((c) => [c, group(rows.filter((r) => r.category === c))])) as Record<Category, StatsGroup>,
    bySeverity: Object.fromEntries(SEVERITIES.map((v) => [v, group(rows.filter((r) => r.severity === v))])) as Record<Severity, StatsGroup>,
  };
}
