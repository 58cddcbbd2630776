import { AppError } from './errors.js';
import { URGENCY_RANK, type ModuleManifest, type NavGroup, type Urgency, type WorkItem, type WorklistCtx } from './module.js';

const dayNumber = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
/** Calendar days from `today` to `dueOn` (negative once past). */
export const daysBetween = (today: string, dueOn: string): number => dayNumber(dueOn) - dayNumber(today);

/**
 * Urgency of a calendar-day deadline (annual reports, yearly reviews, calendar data): past it is
 * overdue, within `dueWithin` days it is due, within `soonWithin` days it has a date coming.
 * Working-day clocks (applications) decide their own on the official calendar.
 */
export function urgencyByDays(today: string, dueOn: string, opts: { dueWithin: number; soonWithin: number }): Urgency {
  const d = daysBetween(today, dueOn);
  if (d < 0) return 'overdue';
  if (d <= opts.dueWithin) return 'due';
  return d <= opts.soonWithin ? 'soon' : 'normal';
}

/** “还剩 12 天” / “今天截止” / “已逾期 3 天”. */
export const calendarDaysNote = (today: string, dueOn: string): string => {
  const d = daysBetween(today, dueOn);
  return d > 0 ? `还剩 ${d} 天` : d === 0 ? '今天截止' : `已逾期 ${-d} 天`;
};

/** Most urgent first; within an urgency the earliest date first, undated last. */
export function sortWorkItems(items: WorkItem[]): WorkItem[] {
  return [...items].sort(
    (a, b) => URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] || (a.dueOn ?? '9999-99-99').localeCompare(b.dueOn ?? '9999-99-99') || a.title.localeCompare(b.title, 'zh'),
  );
}

export type Worklist = {
  items: WorkItem[];
  /** Modules whose provider failed: their items are missing, and the page says so. */
  failed: { module: string; label: string; error: unknown }[];
};

/**
 * Everything waiting for the person signed in, from every module's provider. A provider whose
 * service refuses this person (no role for it) contributes nothing. Any other failure is a bug:
 * it is reported in `failed` (the page names the module and the error is logged) rather than
 * taking every staff page down with it.
 */
export async function collectWorklist(modules: readonly ModuleManifest[], ctx: WorklistCtx): Promise<Worklist> {
  const failed: Worklist['failed'] = [];
  const parts = await Promise.all(
    modules.map(async (m) => {
      if (!m.worklist) return [];
      try {
        return await m.worklist(ctx);
      } catch (e) {
        if (!(e instanceof AppError && (e.status === 403 || e.status === 401 || e.status === 404))) failed.push({ module: m.name, label: m.label, error: e });
        return [];
      }
    }),
  );
  return { items: sortWorkItems(parts.flat()), failed };
}

/** Waiting items per navigation group, for the counts beside the groups. */
export function countByGroup(items: readonly WorkItem[]): Map<NavGroup, number> {
  const m = new Map<NavGroup, number>();
  for (const i of items) m.set(i.group, (m.get(i.group) ?? 0) + 1);
  return m;
}
