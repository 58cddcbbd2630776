import { GOVERNMENT_KINDS } from '../../core/org/schema.js';

/** The kinds whose report is due by 3月31日: 县级以上人民政府 (county, city, province governments). */
export const MARCH_DEADLINE_KINDS: readonly string[] = GOVERNMENT_KINDS;

/**
 * 条例 arts. 49–50: departments (and, in practice, townships and streets) publish their report for
 * the previous year by 1月31日; 县级以上人民政府 — county, city and province governments — by 3月31日.
 */
export function reportDeadline(kind: string, year: number): string {
  return MARCH_DEADLINE_KINDS.includes(kind) ? `${year + 1}-03-31` : `${year + 1}-01-31`;
}

const dayNumber = (ymd: string) => Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10))) / 86_400_000;

/** Calendar days from `today` to `deadline` (0 on the day itself, negative once overdue). */
export const daysUntil = (today: string, deadline: string): number => dayNumber(deadline) - dayNumber(today);

export const shanghaiToday = (now = new Date()): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
