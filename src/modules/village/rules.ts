// Labels and the calendar of 村务公开: which periods a matter answers for and when each is due.
import { addDays } from '../../core/calendar/dates.js';
import type { VgCadence, VgCategory, VgShared, VgState, VgStep } from './schema.js';

export const CATEGORY_LABELS: Record<VgCategory, string> = { party: '党务公开', village: '村（居）务公开', affairs: '事务公开', finance: '财务公开' };
export const CADENCE_LABELS: Record<VgCadence, string> = { quarterly: '每季度', monthly: '每月', asNeeded: '随时公开', afterApproval: '批复后限期公开' };
export const SHARED_LABELS: Record<VgShared, string> = { dibao: '最低生活保障对象名单', disability: '残疾人两项补贴名单', agri: '涉农补贴发放', land: '征地补偿分配' };
export const STATE_LABELS: Record<VgState, string> = { draft: '草稿', review: '待监委会审核', returned: '监委会退回', signed: '监委会已审核', published: '公示中', archived: '已归档' };
export const STEP_LABELS: Record<VgStep, string> = {
  proposal: '村党组织提议', consult: '村“两委”会议商议', partyReview: '党员大会审议', resolution: '村民（代表）会议决议', resolutionPublic: '决议公开', resultPublic: '实施结果公开',
};
/** Steps held as meetings: they record attendance and votes. */
export const MEETING_STEPS: readonly VgStep[] = ['consult', 'partyReview', 'resolution'];

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const dayOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(Math.min(d, lastDay(y, m)))}`;

export const isPeriod = (cadence: VgCadence, p: string): boolean =>
  cadence === 'quarterly' ? /^(19|20)\d\d-Q[1-4]$/.test(p) : cadence === 'monthly' ? /^(19|20)\d\d-(0[1-9]|1[0-2])$/.test(p) : p === '';

/** 2026-Q3 → 2026年第三季度, 2026-09 → 2026年9月. */
export function periodLabel(p: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(p);
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  return p;
}

/** The period's first and last day. */
export function periodSpan(p: string): { from: string; to: string } {
  const q = /^(\d{4})-Q([1-4])$/.exec(p);
  if (q) { const y = Number(q[1]), n = Number(q[2]); return { from: dayOf(y, n * 3 - 2, 1), to: dayOf(y, n * 3, 31) }; }
  const [y, m] = p.split('-').map(Number) as [number, number];
  return { from: dayOf(y, m, 1), to: dayOf(y, m, 31) };
}

/** The day a period's 公开 is due: `dueDay` of the month after it ends (每季度首月20日, 次月10日). */
export function dueOfPeriod(p: string, dueDay: number): string {
  const end = periodSpan(p).to;
  const [y, m] = end.split('-').map(Number) as [number, number];
  return m === 12 ? dayOf(y + 1, 1, dueDay) : dayOf(y, m + 1, dueDay);
}

const periodOf = (cadence: 'quarterly' | 'monthly', day: string): string => {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return cadence === 'quarterly' ? `${y}-Q${Math.ceil(m / 3)}` : `${y}-${pad(m)}`;
};
const nextPeriod = (p: string): string => addDays(periodSpan(p).to, 1);

/**
 * The periods a matter answers for as of `today`: every period ending on or after `startsOn`
 * whose due date has passed (or, with `ahead`, is at most that many days away) (the last ones only, `limit`), oldest first.
 */
export function periodsDue(m: { cadence: VgCadence; dueDay: number; startsOn: string }, today: string, opts: { ahead?: number; limit?: number } = {}): { period: string; dueOn: string }[] {
  if (m.cadence !== 'quarterly' && m.cadence !== 'monthly') return [];
  const horizon = addDays(today, opts.ahead ?? -1);
  const out: { period: string; dueOn: string }[] = [];
  for (let p = periodOf(m.cadence, m.startsOn); ; p = periodOf(m.cadence, nextPeriod(p))) {
    const dueOn = dueOfPeriod(p, m.dueDay);
    if (dueOn > horizon) break;
    out.push({ period: p, dueOn });
  }
  return out.slice(-(opts.limit ?? 8));
}

/** The last day of a 公示 that starts on `from` and lasts `days` calendar days. */
export const publicityEnd = (from: string, days: number): string => addDays(from, Math.max(1, days) - 1);
