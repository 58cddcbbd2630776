import { AppError } from '../errors.js';

/**
 * Plain calendar dates ('YYYY-MM-DD') on the Asia/Shanghai calendar. Arithmetic is done on UTC
 * midnights so neither the server's time zone nor daylight saving can shift a day.
 */
export type IsoDate = string;

/** Years outside this range are refused: nothing in disclosure work needs them, and they keep loops bounded. */
export const MIN_YEAR = 1950;
export const MAX_YEAR = 2100;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export const invalidDate = (label = '日期') =>
  new AppError('invalid_date', 400, `${label}格式不正确，请填写有效的日期，格式为 YYYY-MM-DD（例如 2026-03-02）。`);

/** True for a real date such as 2026-02-28; false for 2026-02-30, 2026-2-3 or anything else. */
export function isIsoDate(v: unknown): v is IsoDate {
  if (typeof v !== 'string') return false;
  const m = DATE_RE.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Returns the date unchanged, or throws AppError('invalid_date'). */
export function parseIsoDate(v: unknown, label?: string): IsoDate {
  if (!isIsoDate(v)) throw invalidDate(label);
  return v;
}

const toUtc = (d: IsoDate): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const fromUtc = (t: number): IsoDate => new Date(t).toISOString().slice(0, 10);

export const addDays = (d: IsoDate, n: number): IsoDate => fromUtc(toUtc(d) + n * DAY_MS);
/** 0 = Sunday … 6 = Saturday. */
export const weekday = (d: IsoDate): number => new Date(toUtc(d)).getUTCDay();
export const isWeekend = (d: IsoDate): boolean => weekday(d) === 0 || weekday(d) === 6;
export const yearOf = (d: IsoDate): number => Number(d.slice(0, 4));
/** Whole days from a to b (negative when b is earlier). */
export const daysBetween = (a: IsoDate, b: IsoDate): number => Math.round((toUtc(b) - toUtc(a)) / DAY_MS);

/** Every date of a year, in order. */
export function datesOfYear(year: number): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = `${year}-01-01`; yearOf(d) === year; d = addDays(d, 1)) out.push(d);
  return out;
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Asia/Shanghai calendar date of an instant (a receipt at 23:30 UTC is already the next day there). */
export function toShanghaiDate(d: Date): IsoDate {
  if (Number.isNaN(d.getTime())) throw invalidDate();
  const parts = Object.fromEntries(SHANGHAI.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export const todayInShanghai = (now: Date = new Date()): IsoDate => toShanghaiDate(now);

const WEEKDAY_ZH = ['日', '一', '二', '三', '四', '五', '六'];
/** e.g. 2026年2月14日（周六） */
export function formatDateZh(d: IsoDate): string {
  return `${yearOf(d)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日（周${WEEKDAY_ZH[weekday(d)]}）`;
}
