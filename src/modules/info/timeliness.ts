import { and, eq, inArray } from 'drizzle-orm';
import { hasRole, requireRole } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { addWorkdays, workdaysBetween, type Calendar } from '../../core/calendar/calendar.js';
import { addDays } from '../../core/calendar/dates.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { agencies } from '../../core/org/schema.js';
import { publishedItems } from '../catalog/queries.js';
import type { TimeRule } from '../catalog/time-rule.js';
import { infoDocuments, infoEditions } from './schema.js';

const shanghaiDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);

/** Kinds that are enforcement decisions, public within 7 working days of the decision (seed 003 item 9). */
export const ENFORCEMENT_KINDS = ['行政许可决定', '行政处罚决定'];

export type Limit = { due: string; basis: string };

/**
 * The due date of one rule from the information's formation date, or null when the rule gives
 * no date to check against (及时, 永久, unreadable text).
 */
export function dueFor(cal: Calendar, rule: TimeRule, formed: string): string | null {
  switch (rule.kind) {
    case 'period':
      return rule.unit === 'workday' ? addWorkdays(cal, formed, rule.n) : addDays(formed, rule.n);
    case 'realtime':
      return formed;
    case 'annual_date': {
      const y = Number(formed.slice(0, 4));
      const same = `${y}-${String(rule.month).padStart(2, '0')}-${String(rule.day).padStart(2, '0')}`;
      return same >= formed ? same : `${y + 1}${same.slice(4)}`;
    }
    default:
      return null;
  }
}

export type TimelinessRow = { documentId: number; title: string; formedDate: string; publishedDate: string; due: string; basis: string; late: boolean; workdaysLate: number };
export type AgencyTimeliness = { agencyId: number; agencyName: string; published: number; onTime: number; late: TimelinessRow[]; rate: number | null; itemsWithoutInformation: { itemKey: string; domainName: string; title: string }[] };

/**
 * Timeliness against the catalog (seed 000 二(二)1, regulation art. 26): each published document
 * is due 20 working days after its formation date, or by the strictest rule of the catalog items it
 * fulfils, or 7 working days for enforcement decisions. Office: every agency; others: their own.
 */
export async function timelinessReport(ctx: Ctx): Promise<AgencyTimeliness[]> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office');
  const scope = hasRole(actor, 'office') ? undefined : eq(infoDocuments.agencyId, actor.agencyId);
  const cal = await loadCalendar(ctx.db);
  // The first publication of each document is what counts; later editions are corrections.
  const rows = await ctx.db
    .select({ e: infoEditions, agencyId: infoDocuments.agencyId, agencyName: agencies.name })
    .from(infoEditions)
    .innerJoin(infoDocuments, eq(infoDocuments.id, infoEditions.documentId))
    .innerJoin(agencies, eq(agencies.id, infoDocuments.agencyId))
    .where(and(inArray(infoEditions.state, ['published', 'superseded', 'withdrawn']), eq(infoEditions.editionNo, 1), scope));
  const items = await publishedItems(ctx.db, { agencyId: hasRole(actor, 'office') ? undefined : actor.agencyId, limit: 100_000 });
  const ruleByKey = new Map(items.map((i) => [i.itemKey, i]));
  const byAgency = new Map<number, AgencyTimeliness>();
  const slot = (id: number, name: string) => {
    let a = byAgency.get(id);
    if (!a) byAgency.set(id, (a = { agencyId: id, agencyName: name, published: 0, onTime: 0, late: [], rate: null, itemsWithoutInformation: [] }));
    return a;
  };
  const fulfilled = new Set<string>();
  for (const { e, agencyId, agencyName } of rows) {
    if (!e.publishedAt) continue;
    e.catalogItemKeys.forEach((k) => fulfilled.add(k));
    const limits: Limit[] = [{ due: addWorkdays(cal, e.formedDate, 20), basis: '条例第二十六条：20个工作日' }];
    if (ENFORCEMENT_KINDS.includes(e.kind)) limits.push({ due: addWorkdays(cal, e.formedDate, 7), basis: '行政许可、行政处罚决定：7个工作日' });
    for (const key of e.catalogItemKeys) {
      const item = ruleByKey.get(key);
      const due = item ? dueFor(cal, item.timeRule, e.formedDate) : null;
      if (item && due) limits.push({ due, basis: `目录事项“${item.level2}”：${item.timeLimitText}` });
    }
    const strictest = limits.reduce((a, b) => (b.due < a.due ? b : a));
    const published = shanghaiDate(e.publishedAt);
    const a = slot(agencyId, agencyName);
    a.published++;
    if (published <= strictest.due) a.onTime++;
    else a.late.push({ documentId: e.documentId, title: e.title, formedDate: e.formedDate, publishedDate: published, due: strictest.due, basis: strictest.basis, late: true, workdaysLate: workdaysBetween(cal, strictest.due, published) });
  }
  for (const i of items) {
    if (fulfilled.has(i.itemKey)) continue;
    slot(i.agencyId, i.agencyName).itemsWithoutInformation.push({ itemKey: i.itemKey, domainName: i.domainName, title: `${i.level1} / ${i.level2}` });
  }
  const out = [...byAgency.values()];
  for (const a of out) a.rate = a.published ? a.onTime / a.published : null;
  return out.sort((x, y) => (x.rate ?? 2) - (y.rate ?? 2) || x.agencyName.localeCompare(y.agencyName, 'zh'));
}
