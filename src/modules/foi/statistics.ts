// Statistics of 政府信息公开申请 over a period, computed from plain case records (no database here).
//
// The figures follow the logic of the annual report (国办公开办函〔2021〕30号 table 3), so they
// add up the same way:
// - received (by month, applicant category, channel): 收到申请之日 within the period;
// - closed (by outcome, on-time rate, average working days): 办结 within the period, whenever received;
// - carriedIn: received before the period and still open at its start (上期结转);
// - open: received by the period's end and still open at its end (结转下期继续办理);
//   so carriedIn + received = closed + open;
// - overdue: open on `today` with the statutory due date already past, whatever the period.
import type { Calendar } from '../../core/calendar/calendar.js';
import { workdaysBetween } from '../../core/calendar/calendar.js';
import { parseIsoDate, type IsoDate } from '../../core/calendar/dates.js';
import { AppError } from '../../core/errors.js';
import { chartFigure } from '../../core/charts/figure.js';
import type { SafeHtml } from '../../core/render/jsx.js';
import { APPLICANT_CATEGORIES, APPLICANT_CATEGORY_LABELS, isOutcome, OUTCOME_INFO, OUTCOMES } from './outcomes.js';

export type StatsCase = {
  receivedOn: string; // YYYY-MM-DD, the legal 收到申请之日
  channel: 'online' | 'letter' | 'counter' | 'fax' | 'email';
  applicantCategory: 'natural' | 'business' | 'research' | 'public_interest' | 'legal_service' | 'other_org';
  outcome: string | null; // table-3 outcome code, null while open
  closedOn: string | null; // YYYY-MM-DD
  dueOn: string | null; // YYYY-MM-DD the statutory due date as computed for the case (null when no clock)
};

export type StatsChannel = StatsCase['channel'];
export type StatsCategory = StatsCase['applicantCategory'];

export const STATS_CHANNELS = ['online', 'letter', 'counter', 'fax', 'email'] as const satisfies readonly StatsChannel[];

export const CHANNEL_LABELS: Record<StatsChannel, string> = {
  online: '网上申请',
  letter: '信函',
  counter: '当面',
  fax: '传真',
  email: '电子邮件',
};

/** One row of a breakdown: a stable key, its Chinese label and the number of applications. */
export type Count<K extends string = string> = { key: K; label: string; count: number };

export type FoiStatistics = {
  from: IsoDate;
  to: IsoDate;
  today: IsoDate;
  /** Applications received in the period. */
  received: number;
  /** Every month of the period, oldest first, zero-filled; key YYYY-MM, label 2026年3月. */
  byMonth: Count[];
  /** All six table-3 applicant columns in table order, zero-filled. */
  byCategory: Count<StatsCategory>[];
  /** All five channels, zero-filled. */
  byChannel: Count<StatsChannel>[];
  /** Applications closed in the period. */
  closed: number;
  /**
   * Closed applications by outcome, only outcomes that occur, in table-3 order; unknown codes and
   * closings without a recorded outcome come last.
   */
  byOutcome: Count[];
  /** Received before the period and still open at its start. */
  carriedIn: number;
  /** Received by the end of the period and not closed by then. */
  open: number;
  /** Closed in the period on or before the due date, out of those closed in the period that had one. */
  onTime: { count: number; of: number; rate: number | null };
  /** Mean working days from receipt to closing (receipt day not counted) over the closed; null when none. */
  averageWorkdays: number | null;
  /** Open on `today` with the due date before `today`. */
  overdue: number;
};

export const monthLabel = (ym: string): string => `${Number(ym.slice(0, 4))}年${Number(ym.slice(5, 7))}月`;

/** Every month from the month of `from` to the month of `to`, as YYYY-MM. */
export function monthsOf(from: IsoDate, to: IsoDate): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) return out;
    out.push(key);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
}

const NO_OUTCOME = '';

export function outcomeLabel(code: string): string {
  if (isOutcome(code)) return OUTCOME_INFO[code].staffLabel;
  return code === NO_OUTCOME ? '未记录办理结果' : `未识别的办理结果（${code}）`;
}

function tally<K extends string>(keys: readonly K[], labelOf: (k: K) => string, values: Iterable<K>): Count<K>[] {
  const counts = new Map<K, number>(keys.map((k) => [k, 0]));
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, label: labelOf(key), count }));
}

const closedBy = (c: StatsCase, day: IsoDate): boolean => c.closedOn !== null && c.closedOn <= day;
const openAt = (c: StatsCase, day: IsoDate): boolean => c.receivedOn <= day && !closedBy(c, day);

export function computeStatistics(cal: Calendar, cases: readonly StatsCase[], range: { from: string; to: string }, today: string): FoiStatistics {
  const from = parseIsoDate(range.from, '统计起始日期');
  const to = parseIsoDate(range.to, '统计截止日期');
  const now = parseIsoDate(today, '统计日期');
  if (from > to) throw new AppError('invalid_range', 400, '统计起始日期不能晚于截止日期。');

  const received = cases.filter((c) => c.receivedOn >= from && c.receivedOn <= to);
  const closed = cases.filter((c) => c.closedOn !== null && c.closedOn >= from && c.closedOn <= to);

  const byOutcome = tally([...OUTCOMES, NO_OUTCOME] as string[], outcomeLabel, closed.map((c) => c.outcome ?? NO_OUTCOME)).filter((r) => r.count > 0);

  const withDue = closed.filter((c) => c.dueOn !== null);
  const onTimeCount = withDue.filter((c) => c.closedOn! <= c.dueOn!).length;
  // workdaysBetween counts d with receivedOn < d ≤ closedOn: the day of receipt is not counted.
  const days = closed.map((c) => Math.max(0, workdaysBetween(cal, c.receivedOn, c.closedOn!)));

  return {
    from,
    to,
    today: now,
    received: received.length,
    byMonth: tally(monthsOf(from, to), monthLabel, received.map((c) => c.receivedOn.slice(0, 7))),
    byCategory: tally(APPLICANT_CATEGORIES, (k) => APPLICANT_CATEGORY_LABELS[k], received.map((c) => c.applicantCategory)),
    byChannel: tally(STATS_CHANNELS, (k) => CHANNEL_LABELS[k], received.map((c) => c.channel)),
    closed: closed.length,
    byOutcome,
    carriedIn: cases.filter((c) => c.receivedOn < from && !(c.closedOn !== null && c.closedOn < from)).length,
    open: cases.filter((c) => openAt(c, to)).length,
    onTime: { count: onTimeCount, of: withDue.length, rate: withDue.length ? onTimeCount / withDue.length : null },
    averageWorkdays: days.length ? days.reduce((s, d) => s + d, 0) / days.length : null,
    overdue: cases.filter((c) => openAt(c, now) && c.dueOn !== null && c.dueOn < now).length,
  };
}

/** 66.7% for 2/3; — when there is nothing to rate. */
export const formatRate = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

export const formatDate = (d: IsoDate): string => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export type StatisticsCharts = { byMonth: SafeHtml; byCategory: SafeHtml; byOutcome: SafeHtml };

/** The charts of a statistics page, each a <figure> with the SVG and its data table. */
export function statisticsCharts(stats: FoiStatistics): StatisticsCharts {
  const period = `${formatDate(stats.from)}至${formatDate(stats.to)}`;
  const outcomes = stats.byOutcome;
  return {
    byMonth: chartFigure('bar', {
      title: `各月收到的申请（${period}）`,
      categoryHeader: '月份',
      categories: stats.byMonth.map((r) => r.label),
      series: [{ name: '收到申请数', data: stats.byMonth.map((r) => r.count) }],
    }),
    byCategory: chartFigure('pie', {
      title: `申请人类别（${period}收到的申请）`,
      categoryHeader: '申请人类别',
      items: stats.byCategory.map((r) => ({ name: r.label, value: r.count })),
    }),
    byOutcome: chartFigure('bar', {
      title: `办理结果（${period}办结的申请）`,
      categoryHeader: '办理结果',
      categories: outcomes.map((r) => r.label),
      series: [{ name: '办结数', data: outcomes.map((r) => r.count) }],
      horizontal: true,
      height: Math.max(200, 80 + 32 * outcomes.length),
    }),
  };
}
