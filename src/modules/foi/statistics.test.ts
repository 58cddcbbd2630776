import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addWorkdays, buildCalendar, dayStatus, workdaysBetween } from '../../core/calendar/calendar.js';
import { AppError } from '../../core/errors.js';
import { computeStatistics, formatRate, monthsOf, statisticsCharts, type StatsCase } from './statistics.js';

const cal = buildCalendar([]);

const c = (p: Partial<StatsCase> & Pick<StatsCase, 'receivedOn'>): StatsCase => ({
  channel: 'online',
  applicantCategory: 'natural',
  outcome: null,
  closedOn: null,
  dueOn: null,
  ...p,
});

// Period 2025-09-01 … 2025-11-30, looked at on Monday 2025-12-01. 国庆 2025: 10-01 … 10-08 off,
// Sun 09-28 and Sat 10-11 are make-up working days. Working days are counted after the day of receipt.
const CASES = {
  // Received Fri 09-26, closed Wed 10-15. Working days: 09-28 (Sun, 调休) 1, 09-29 2, 09-30 3,
  // 10-01…10-08 国庆 0, 10-09 4, 10-10 5, 10-11 (Sat, 调休) 6, 10-13 7, 10-14 8, 10-15 9 → 9.
  // Due after 20: 10-16 10, 10-17 11, 10-20…24 12–16, 10-27…30 17–20 → 10-30; on time.
  A: c({ receivedOn: '2025-09-26', channel: 'online', applicantCategory: 'natural', outcome: 'disclosed', closedOn: '2025-10-15', dueOn: '2025-10-30' }),
  // Mon 09-01 → Fri 09-05: 09-02…05 → 4. Due: 09-02…05 4, 09-08…12 9, 09-15…19 14, 09-22…26 19,
  // Sun 09-28 (调休) 20 → 09-28; on time.
  B: c({ receivedOn: '2025-09-01', channel: 'letter', applicantCategory: 'business', outcome: 'partial', closedOn: '2025-09-05', dueOn: '2025-09-28' }),
  // Thu 10-09 → Thu 11-20: 10-10 1, 10-11 (调休) 2, 10-13…17 7, 10-20…24 12, 10-27…31 17,
  // 11-03…07 22, 11-10…14 27, 11-17…20 31 → 31. Due on 11-06 (after an extension refused, say): late.
  C: c({ receivedOn: '2025-10-09', channel: 'counter', applicantCategory: 'natural', outcome: 'withheld_third_party', closedOn: '2025-11-20', dueOn: '2025-11-06' }),
  // Mon 11-10, open. Due: 11-11…14 4, 11-17…21 9, 11-24…28 14, 12-01…05 19, 12-08 20 → 12-08: not yet overdue.
  D: c({ receivedOn: '2025-11-10', channel: 'email', applicantCategory: 'research', dueOn: '2025-12-08' }),
  // Mon 10-20, open. Due: 10-21…24 4, 10-27…31 9, 11-03…07 14, 11-10…14 19, 11-17 20 → 11-17: overdue.
  E: c({ receivedOn: '2025-10-20', channel: 'fax', applicantCategory: 'other_org', dueOn: '2025-11-17' }),
  // Received before the period (carried in), closed in it. Wed 08-20 → Wed 09-10: 08-21, 08-22 2,
  // 08-25…29 7, 09-01…05 12, 09-08…10 15 → 15. Due: 09-15, 16, 17 → 09-17; on time.
  F: c({ receivedOn: '2025-08-20', channel: 'online', applicantCategory: 'public_interest', outcome: 'unavailable_not_held', closedOn: '2025-09-10', dueOn: '2025-09-17' }),
  // Received in the period, closed after it (and after `today`): open at the end of the period.
  G: c({ receivedOn: '2025-11-28', channel: 'online', applicantCategory: 'natural', outcome: 'disclosed', closedOn: '2025-12-02', dueOn: '2025-12-26' }),
  // No clock (no due date): counts for the average, not for the on-time rate.
  // Fri 10-10 → Mon 10-13: 10-11 (Sat, 调休) 1, 10-12 (Sun) 0, 10-13 2 → 2.
  H: c({ receivedOn: '2025-10-10', channel: 'counter', applicantCategory: 'legal_service', outcome: 'disclosed', closedOn: '2025-10-13' }),
  // Received and closed before the period: counted nowhere.
  I: c({ receivedOn: '2025-07-01', outcome: 'disclosed', closedOn: '2025-07-21', dueOn: '2025-07-29' }),
  // Received after the period, on `today`: counted nowhere.
  J: c({ receivedOn: '2025-12-01', dueOn: '2025-12-29' }),
  // Carried in and still open long past its due date: overdue whatever period is looked at.
  K: c({ receivedOn: '2025-06-02', applicantCategory: 'business', dueOn: '2025-06-30' }),
};

const RANGE = { from: '2025-09-01', to: '2025-11-30' };
const TODAY = '2025-12-01';

describe('computeStatistics', () => {
  it('checks the hand-computed working days and due dates against the calendar', () => {
    assert.equal(dayStatus(cal, '2025-09-28').kind, 'makeup_workday');
    assert.equal(dayStatus(cal, '2025-10-11').kind, 'makeup_workday');
    assert.equal(dayStatus(cal, '2025-10-08').kind, 'holiday');
    const expected: Record<string, number> = { A: 9, B: 4, C: 31, F: 15, H: 2 };
    for (const [k, n] of Object.entries(expected)) {
      const x = CASES[k as keyof typeof CASES];
      assert.equal(workdaysBetween(cal, x.receivedOn, x.closedOn!), n, k);
    }
    for (const k of ['A', 'B', 'D', 'E', 'F'] as const) assert.equal(addWorkdays(cal, CASES[k].receivedOn, 20), CASES[k].dueOn, k);
  });

  it('counts a period the way the annual report does', () => {
    const s = computeStatistics(cal, Object.values(CASES), RANGE, TODAY);
    // Received in the period: B, A (Sep); C, H, E (Oct); D, G (Nov).
    assert.equal(s.received, 7);
    assert.deepEqual(s.byMonth, [
      { key: '2025-09', label: '2025年9月', count: 2 },
      { key: '2025-10', label: '2025年10月', count: 3 },
      { key: '2025-11', label: '2025年11月', count: 2 },
    ]);
    assert.deepEqual(
      s.byCategory.map((r) => [r.label, r.count]),
      [['自然人', 3], ['商业企业', 1], ['科研机构', 1], ['社会公益组织', 0], ['法律服务机构', 1], ['其他', 1]],
    );
    assert.deepEqual(
      s.byChannel.map((r) => [r.key, r.label, r.count]),
      [['online', '网上申请', 2], ['letter', '信函', 1], ['counter', '当面', 2], ['fax', '传真', 1], ['email', '电子邮件', 1]],
    );
    // Closed in the period: A, B, C, F, H (G closes after it).
    assert.equal(s.closed, 5);
    assert.deepEqual(
      s.byOutcome.map((r) => [r.key, r.label, r.count]),
      [['disclosed', '予以公开', 2], ['partial', '部分公开', 1], ['withheld_third_party', '不予公开：第三方合法权益', 1], ['unavailable_not_held', '无法提供：本机关不掌握', 1]],
    );
    // Carried in: F, K. Open at 11-30: D, E, G, K.  2 + 7 = 5 + 4.
    assert.equal(s.carriedIn, 2);
    assert.equal(s.open, 4);
    assert.equal(s.carriedIn + s.received, s.closed + s.open);
    // With a due date: A, B, F on time; C late; H has none.
    assert.deepEqual(s.onTime, { count: 3, of: 4, rate: 0.75 });
    assert.equal(formatRate(s.onTime.rate), '75.0%');
    // (9 + 4 + 31 + 15 + 2) / 5 = 61 / 5
    assert.equal(s.averageWorkdays, 12.2);
    // Open on 12-01 and past due: E (11-17) and K (06-30); D, G and J are not yet due.
    assert.equal(s.overdue, 2);
  });

  it('judges "open" and "overdue" as of the day given', () => {
    // On 11-17 itself E is still within time (due by the end of that day); K (due 06-30) and
    // C (due 11-06, closed only on 11-20) are overdue.
    assert.equal(computeStatistics(cal, Object.values(CASES), RANGE, '2025-11-17').overdue, 2);
    // The next day E is overdue too.
    assert.equal(computeStatistics(cal, Object.values(CASES), RANGE, '2025-11-18').overdue, 3);
    // Once C is closed (11-20) it no longer counts.
    assert.equal(computeStatistics(cal, Object.values(CASES), RANGE, '2025-11-20').overdue, 2);
  });

  it('zero-fills every month of the period, across the turn of the year', () => {
    const s = computeStatistics(cal, [], { from: '2025-11-15', to: '2026-02-03' }, '2026-02-03');
    assert.deepEqual(s.byMonth.map((r) => [r.key, r.label, r.count]), [
      ['2025-11', '2025年11月', 0],
      ['2025-12', '2025年12月', 0],
      ['2026-01', '2026年1月', 0],
      ['2026-02', '2026年2月', 0],
    ]);
    assert.equal(s.received, 0);
    assert.equal(s.byCategory.length, 6);
    assert.equal(s.byChannel.length, 5);
    assert.deepEqual(s.byOutcome, []);
    assert.deepEqual(s.onTime, { count: 0, of: 0, rate: null });
    assert.equal(formatRate(s.onTime.rate), '—');
    assert.equal(s.averageWorkdays, null);
    assert.deepEqual(monthsOf('2026-04-01', '2026-03-31'), []);
    assert.deepEqual(monthsOf('2026-03-05', '2026-03-05'), ['2026-03']);
  });

  it('keeps closings without a known outcome, after the table-3 rows', () => {
    const s = computeStatistics(
      cal,
      [
        c({ receivedOn: '2026-03-02', closedOn: '2026-03-03', outcome: 'no_such_code' }),
        c({ receivedOn: '2026-03-02', closedOn: '2026-03-04', outcome: null }),
        c({ receivedOn: '2026-03-02', closedOn: '2026-03-04', outcome: 'other' }),
      ],
      { from: '2026-03-01', to: '2026-03-31' },
      '2026-04-01',
    );
    assert.deepEqual(s.byOutcome.map((r) => [r.label, r.count]), [['其他处理', 1], ['未记录办理结果', 1], ['未识别的办理结果（no_such_code）', 1]]);
    assert.equal(s.averageWorkdays, (1 + 2 + 2) / 3);
  });

  it('refuses a period that ends before it starts, or malformed dates', () => {
    assert.throws(() => computeStatistics(cal, [], { from: '2026-03-02', to: '2026-03-01' }, TODAY), (e: unknown) => e instanceof AppError && e.code === 'invalid_range');
    assert.throws(() => computeStatistics(cal, [], { from: '2026-3-1', to: '2026-03-31' }, TODAY), (e: unknown) => e instanceof AppError && e.code === 'invalid_date');
  });
});

describe('statisticsCharts', () => {
  it('draws months as bars, categories as a pie and outcomes as horizontal bars, each with its table', () => {
    const { byMonth, byCategory, byOutcome } = statisticsCharts(computeStatistics(cal, Object.values(CASES), RANGE, TODAY));
    for (const f of [byMonth, byCategory, byOutcome]) {
      assert.match(f.value, /^<figure class="chart-figure"><svg [^>]*role="img" aria-label="[^"]+"/);
      assert.match(f.value, /<table class="chart-table">/);
    }
    assert.match(byMonth.value, /aria-label="各月收到的申请（2025年9月1日至2025年11月30日）"/);
    assert.ok(byMonth.value.includes('<tr><th scope="row">2025年10月</th><td>3</td></tr>'));
    assert.ok(byCategory.value.includes('自然人：3（42.86%）'));
    assert.ok(byCategory.value.includes('<tr><th scope="row">社会公益组织</th><td>0</td><td>0.0%</td></tr>'));
    assert.ok(byOutcome.value.includes('<tr><th scope="row">予以公开</th><td>2</td></tr>'));
    assert.ok(byOutcome.value.includes('不予公开：第三方合法权益'));
  });

  it('says 暂无数据 for a period without applications', () => {
    const { byMonth, byCategory, byOutcome } = statisticsCharts(computeStatistics(cal, [], RANGE, TODAY));
    assert.ok(byMonth.value.includes('<td>0</td>'));
    assert.ok(byCategory.value.includes('>暂无数据<'));
    assert.ok(byOutcome.value.includes('>暂无数据<'));
  });
});
