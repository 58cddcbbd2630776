import { createRequire } from 'node:module';
import type { IsoDate } from './dates.js';

/**
 * The State Council holiday arrangements as published by the chinese-days package.
 *
 * We read its data table rather than call its isWorkday(): that function parses 'YYYY-MM-DD' as
 * UTC midnight and then takes the *local* weekday, so on a server west of UTC every ordinary day
 * shifts by one (isWorkday('2026-03-02'), a Monday, is false under TZ=America/New_York).
 */
export type BaseCalendar = {
  /** Days off (放假), with the festival name, e.g. 春节. Includes weekends inside a holiday. */
  holidays: ReadonlyMap<IsoDate, string>;
  /** Weekend days that are working days (调休上班), with the festival they make up for. */
  workdays: ReadonlyMap<IsoDate, string>;
  /** Years the package has an arrangement for. A year absent here has no holiday data at all. */
  years: ReadonlySet<number>;
};

type Raw = { holidays: Record<string, string>; workdays: Record<string, string> };

// Entries look like "Spring Festival,春节,4": English name, Chinese name, length in days.
const chineseName = (v: string): string => v.split(',')[1]?.trim() || v;

function load(): BaseCalendar {
  const raw = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as Raw;
  if (!raw || typeof raw.holidays !== 'object' || typeof raw.workdays !== 'object') {
    throw new Error('chinese-days data table has an unexpected shape');
  }
  const holidays = new Map(Object.entries(raw.holidays).map(([d, v]) => [d, chineseName(v)]));
  const workdays = new Map(Object.entries(raw.workdays).map(([d, v]) => [d, chineseName(v)]));
  // Every published arrangement has days off (元旦 at least), so the holiday keys name the covered years.
  const years = new Set([...holidays.keys()].map((d) => Number(d.slice(0, 4))));
  return { holidays, workdays, years };
}

let cached: BaseCalendar | undefined;
export const baseCalendar = (): BaseCalendar => (cached ??= load());
