import { AppError } from '../errors.js';
import { baseCalendar, type BaseCalendar } from './holidays-cn.js';
import { addDays, datesOfYear, daysBetween, isWeekend, parseIsoDate, yearOf, type IsoDate } from './dates.js';

export type OverrideKind = 'workday' | 'holiday';
/** A correction or addition entered by the office; it wins over the published arrangement. */
export type Override = { date: IsoDate; kind: OverrideKind; name: string; note: string };
export type Calendar = { base: BaseCalendar; overrides: ReadonlyMap<IsoDate, Override> };

/** Where a day's status comes from: the weekday rule, the State Council arrangement, or the office. */
export type DaySource = 'rule' | 'chinese-days' | 'override';
/** makeup_workday = 调休上班 on a weekend; holiday = 放假 (including weekends inside a holiday). */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';
export type DayStatus = { date: IsoDate; workday: boolean; kind: DayKind; name: string | null; source: DaySource };

export type DeadlineOptions = { countStartDay?: boolean };

/** Large enough for any statutory period, small enough that a typo cannot spin for long. */
export const MAX_WORKDAYS = 2000;

export function buildCalendar(overrides: Iterable<Override>, base: BaseCalendar = baseCalendar()): Calendar {
  return { base, overrides: new Map([...overrides].map((o) => [o.date, o])) };
}

function status(cal: Calendar, date: IsoDate): DayStatus {
  const weekend = isWeekend(date);
  const kindOf = (workday: boolean, source: DaySource): DayKind =>
    workday ? (weekend ? 'makeup_workday' : 'workday') : source === 'rule' ? 'weekend' : 'holiday';
  const o = cal.overrides.get(date);
  if (o) {
    const workday = o.kind === 'workday';
    return { date, workday, kind: kindOf(workday, 'override'), name: o.name || null, source: 'override' };
  }
  const work = cal.base.workdays.get(date);
  if (work !== undefined) return { date, workday: true, kind: kindOf(true, 'chinese-days'), name: work, source: 'chinese-days' };
  const off = cal.base.holidays.get(date);
  if (off !== undefined) return { date, workday: false, kind: 'holiday', name: off, source: 'chinese-days' };
  return { date, workday: !weekend, kind: kindOf(!weekend, 'rule'), name: null, source: 'rule' };
}

export function dayStatus(cal: Calendar, date: IsoDate): DayStatus {
  return status(cal, parseIsoDate(date));
}

export function isWorkday(cal: Calendar, date: IsoDate): boolean {
  return status(cal, parseIsoDate(date)).workday;
}

function checkCount(n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_WORKDAYS) {
    throw new AppError('invalid_workdays', 400, `工作日天数必须是 1 到 ${MAX_WORKDAYS} 之间的整数。`);
  }
  return n;
}

/**
 * The last day of a period of n working days starting at `start` ("自收到申请之日起N个工作日内").
 *
 * By default the start day is not counted (民事诉讼法 Art. 85: 期间开始的日不计算在期间内): day 1 is
 * the first working day after it. With countStartDay the start day is day 1 when it is a working
 * day; a start on a day off still counts from the next working day.
 */
export function addWorkdays(cal: Calendar, start: IsoDate, n: number, opts: DeadlineOptions = {}): IsoDate {
  let d = parseIsoDate(start, '起算日期');
  let left = checkCount(n);
  if (opts.countStartDay && status(cal, d).workday) left--;
  while (left > 0) {
    d = addDays(d, 1);
    if (status(cal, d).workday) left--;
  }
  return d;
}

/**
 * Working days d with a < d ≤ b, the inverse of addWorkdays (workdaysBetween(s, addWorkdays(s, n)) === n):
 * how many working days of a period have elapsed, or remain when a is today and b the due date.
 * Negative when b is before a.
 */
export function workdaysBetween(cal: Calendar, a: IsoDate, b: IsoDate): number {
  const from = parseIsoDate(a);
  const to = parseIsoDate(b);
  if (to < from) return -workdaysBetween(cal, to, from);
  let count = 0;
  for (let i = 1, span = daysBetween(from, to); i <= span; i++) if (status(cal, addDays(from, i)).workday) count++;
  return count;
}

/** True when the published arrangement covers the year or the office entered days for it. */
export function hasData(cal: Calendar, year: number): boolean {
  if (cal.base.years.has(year)) return true;
  for (const d of cal.overrides.keys()) if (yearOf(d) === year) return true;
  return false;
}

/** Years from a to b (inclusive) that have no holiday data, so counting there falls back to weekends. */
export function yearsWithoutData(cal: Calendar, a: IsoDate, b: IsoDate): number[] {
  const out: number[] = [];
  for (let y = Math.min(yearOf(a), yearOf(b)); y <= Math.max(yearOf(a), yearOf(b)); y++) if (!hasData(cal, y)) out.push(y);
  return out;
}

/** Every day of a year with its status. */
export function yearDays(cal: Calendar, year: number): DayStatus[] {
  return datesOfYear(year).map((d) => status(cal, d));
}

/** The days of a year that differ from "Monday–Friday work": holidays, 调休 workdays, office entries. */
export const specialDays = (cal: Calendar, year: number): DayStatus[] => yearDays(cal, year).filter((s) => s.source !== 'rule');

export const noDataWarning = (year: number): string =>
  `${year}年的法定节假日安排尚未录入，截止日期按普通周末计算，可能不准确。请政务公开办在国务院办公厅公布当年放假安排后及时录入。`;
