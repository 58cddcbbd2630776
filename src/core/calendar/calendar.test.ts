import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import chineseDays from 'chinese-days'; // CommonJS: its named exports are not visible to ESM
import { AppError } from '../errors.js';
import { addWorkdays, buildCalendar, dayStatus, hasData, isWorkday, specialDays, workdaysBetween, yearsWithoutData } from './calendar.js';
import { addDays, datesOfYear, isIsoDate, parseIsoDate, toShanghaiDate, todayInShanghai, weekday } from './dates.js';
import { baseCalendar } from './holidays-cn.js';
import { parseImport } from './import.js';

const cal = buildCalendar([]);
const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

describe('the published arrangement (chinese-days)', () => {
  it('covers 2004–2026 and nothing later', () => {
    const years = [...baseCalendar().years].sort();
    assert.equal(years[0], 2004);
    assert.equal(years.at(-1), 2026);
    assert.equal(hasData(cal, 2026), true);
    assert.equal(hasData(cal, 2027), false);
    assert.equal(hasData(cal, 2030), false);
    assert.deepEqual(yearsWithoutData(cal, '2026-12-01', '2028-01-10'), [2027, 2028]);
  });

  it('has the 2026 春节 and 2025 国庆 arrangements we count with below', () => {
    // 春节 2026: 02-15 (Sun) … 02-23 (Mon) off; 02-14 (Sat) and 02-28 (Sat) are 调休 working days.
    for (let d = '2026-02-15'; d <= '2026-02-23'; d = addDays(d, 1)) assert.equal(isWorkday(cal, d), false, d);
    assert.deepEqual(dayStatus(cal, '2026-02-14'), { date: '2026-02-14', workday: true, kind: 'makeup_workday', name: '春节', source: 'chinese-days' });
    assert.equal(isWorkday(cal, '2026-02-28'), true);
    assert.equal(isWorkday(cal, '2026-03-01'), false); // an ordinary Sunday
    // 国庆 2025: 10-01 (Wed) … 10-08 (Wed) off (10-06 is 中秋); 09-28 (Sun) and 10-11 (Sat) working.
    for (let d = '2025-10-01'; d <= '2025-10-08'; d = addDays(d, 1)) assert.equal(isWorkday(cal, d), false, d);
    assert.equal(dayStatus(cal, '2025-10-06').name, '中秋');
    assert.equal(isWorkday(cal, '2025-09-27'), false); // Saturday before: not a make-up day
    assert.equal(isWorkday(cal, '2025-09-28'), true);
    assert.equal(isWorkday(cal, '2025-10-11'), true);
  });

  // chinese-days' own functions mis-read dates on servers west of UTC (why we read its data table), so compare only east of it.
  const west = new Date(2026, 0, 1).getTimezoneOffset() > 0;
  it('agrees with chinese-days\' own isWorkday on every day of 2004–2026', { skip: west && 'process time zone is west of UTC' }, () => {
    for (let y = 2004; y <= 2026; y++) {
      for (const d of datesOfYear(y)) {
        const local = new Date(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)), 12);
        assert.equal(isWorkday(cal, d), chineseDays.getDayDetail(local).work, d);
      }
    }
  });

  it('lists a year\'s special days', () => {
    const s = specialDays(cal, 2026);
    assert.ok(s.some((d) => d.date === '2026-01-04' && d.kind === 'makeup_workday'));
    assert.ok(s.some((d) => d.date === '2026-02-15' && d.kind === 'holiday' && d.name === '春节'));
    assert.deepEqual(specialDays(cal, 2030), []);
  });
});

describe('addWorkdays', () => {
  it('20 working days from Thu 2026-02-12, across 春节', () => {
    // Start day not counted. 1: 02-13 Fri, 2: 02-14 Sat (调休), 02-15..02-23 off, 3–6: 02-24..02-27,
    // 7: 02-28 Sat (调休), 8–12: 03-02..03-06, 13–17: 03-09..03-13, 18: 03-16, 19: 03-17, 20: 03-18 Wed.
    assert.equal(addWorkdays(cal, '2026-02-12', 20), '2026-03-18');
    // Counting the start day: 02-12 is day 1, so every later day moves one earlier → 03-17.
    assert.equal(addWorkdays(cal, '2026-02-12', 20, { countStartDay: true }), '2026-03-17');
    assert.equal(workdaysBetween(cal, '2026-02-12', '2026-03-18'), 20);
    assert.equal(workdaysBetween(cal, '2026-03-18', '2026-02-12'), -20);
    assert.equal(workdaysBetween(cal, '2026-02-12', '2026-02-12'), 0);
  });

  it('20 working days from Fri 2025-09-26, across 国庆', () => {
    // 09-27 Sat off. 1: 09-28 Sun (调休), 2: 09-29, 3: 09-30, 10-01..10-08 off, 4: 10-09 Thu, 5: 10-10 Fri,
    // 6: 10-11 Sat (调休), 7–11: 10-13..10-17, 12–16: 10-20..10-24, 17: 10-27, 18: 10-28, 19: 10-29, 20: 10-30 Thu.
    assert.equal(addWorkdays(cal, '2025-09-26', 20), '2025-10-30');
    assert.equal(workdaysBetween(cal, '2025-09-26', '2025-10-30'), 20);
  });

  it('7 working days to publish an enforcement decision made on Tue 2025-09-30', () => {
    // 1: 10-09 Thu, 2: 10-10 Fri, 3: 10-11 Sat (调休), 4: 10-13 Mon, 5: 10-14, 6: 10-15, 7: 10-16 Thu.
    assert.equal(addWorkdays(cal, '2025-09-30', 7), '2025-10-16');
  });

  it('a start on a holiday counts from the first working day after it, whatever the setting', () => {
    // Start Tue 2026-02-17 (春节 off). 1: 02-24 Tue, 2: 02-25, 3: 02-26, 4: 02-27, 5: 02-28 Sat (调休), 6: 03-02 Mon, 7: 03-03 Tue.
    assert.equal(addWorkdays(cal, '2026-02-17', 7), '2026-03-03');
    assert.equal(addWorkdays(cal, '2026-02-17', 7, { countStartDay: true }), '2026-03-03');
  });

  it('a start on a 调休 Saturday is a working day: it counts only when the setting says so', () => {
    // Start Sat 2026-02-14 (调休). Not counted: 1: 02-24 … 5: 02-28, 6: 03-02, 7: 03-03.
    assert.equal(addWorkdays(cal, '2026-02-14', 7), '2026-03-03');
    // Counted: 1: 02-14, 2–5: 02-24..02-27, 6: 02-28, 7: 03-02 Mon.
    assert.equal(addWorkdays(cal, '2026-02-14', 7, { countStartDay: true }), '2026-03-02');
  });

  it('crosses the year end: 20 working days from Sat 2025-12-20', () => {
    // 1–5: 12-22..12-26, 6–8: 12-29..12-31, 2026-01-01..01-03 off (元旦), 9: 01-04 Sun (调休),
    // 10–14: 01-05..01-09, 15–19: 01-12..01-16, 20: 01-19 Mon.
    assert.equal(addWorkdays(cal, '2025-12-20', 20), '2026-01-19');
  });

  it('falls back to plain weekends in a year without data: 5 working days from Tue 2030-01-01', () => {
    // 1: 01-02 Wed, 2: 01-03, 3: 01-04 Fri, 4: 01-07 Mon, 5: 01-08 Tue (元旦 2030 is not known, so 01-01 is not special).
    assert.equal(addWorkdays(cal, '2030-01-01', 5), '2030-01-08');
    assert.equal(hasData(cal, 2030), false);
  });

  it('lets the office override win, and counts an override-only year as having data', () => {
    const fixed = buildCalendar([
      { date: '2026-03-10', kind: 'holiday', name: '临时放假', note: '' },
      { date: '2026-02-28', kind: 'holiday', name: '更正', note: '' },
      { date: '2027-02-06', kind: 'holiday', name: '春节', note: '' },
    ]);
    assert.equal(isWorkday(fixed, '2026-02-28'), false);
    // From 02-12 as above, but 02-28 and 03-10 are now off: the 20th working day moves two days later, 03-18 → 03-20.
    assert.equal(addWorkdays(fixed, '2026-02-12', 20), '2026-03-20');
    assert.equal(hasData(fixed, 2027), true);
    assert.deepEqual(dayStatus(fixed, '2026-03-10'), { date: '2026-03-10', workday: false, kind: 'holiday', name: '临时放假', source: 'override' });
  });

  it('refuses bad counts and dates', () => {
    for (const n of [0, -1, 1.5, Number.NaN, Infinity, 2001]) assert.throws(() => addWorkdays(cal, '2026-01-05', n), (e) => code(e) === 'invalid_workdays', String(n));
    assert.throws(() => addWorkdays(cal, '2026-02-30', 5), (e) => code(e) === 'invalid_date' && /YYYY-MM-DD/.test((e as Error).message));
  });
});

describe('dates', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    for (const ok of ['2026-02-28', '2028-02-29', '2025-12-31']) assert.equal(isIsoDate(ok), true, ok);
    const bad = ['2026-02-30', '2026-02-29', '2026-2-3', '2026-13-01', '2026-00-10', ' 2026-01-01', '2026-01-01T00:00', '2026/01/01',
      '<script>alert(1)</script>', "2026-01-01' OR 1=1--", '', '1949-12-31', '2101-01-01', 20260101, null, undefined, ['2026-01-01'], {}];
    for (const v of bad) {
      assert.equal(isIsoDate(v), false, String(v));
      assert.throws(() => parseIsoDate(v), (e) => code(e) === 'invalid_date' && (e as AppError).status === 400);
    }
  });

  it('reads instants on the Shanghai calendar', () => {
    assert.equal(toShanghaiDate(new Date('2026-02-16T15:59:59Z')), '2026-02-16');
    assert.equal(toShanghaiDate(new Date('2026-02-16T16:00:00Z')), '2026-02-17'); // 00:00 in Beijing
    assert.equal(todayInShanghai(new Date('2025-12-31T20:00:00Z')), '2026-01-01');
    assert.throws(() => toShanghaiDate(new Date('garbage')), (e) => code(e) === 'invalid_date');
    assert.equal(weekday('2026-02-14'), 6);
  });
});

describe('parseImport', () => {
  it('reads Chinese and English kinds, comments and blank lines', () => {
    const r = parseImport('\uFEFF# 2027 春节\n2027-02-06,放假,春节\r\n\n2027-02-14，上班，春节，国办发明电\n2027-10-01,holiday,国庆节');
    assert.deepEqual(r, [
      { date: '2027-02-06', kind: 'holiday', name: '春节', note: '' },
      { date: '2027-02-14', kind: 'workday', name: '春节', note: '国办发明电' },
      { date: '2027-10-01', kind: 'holiday', name: '国庆节', note: '' },
    ]);
  });

  it('refuses the whole list, naming every bad line', () => {
    const text = '2027-02-06,放假,春节\n2027-02-30,放假,春节\n2027-02-07,休息,春节\n2027-02-06,上班,春节\n只有一项\n2027-02-08,放假,<b>春节</b>';
    assert.throws(() => parseImport(text), (e) => {
      const msg = (e as Error).message;
      return code(e) === 'invalid_import' && /所有日期均未保存/.test(msg) && /第2行：日期“2027-02-30”不正确/.test(msg) && /第3行：类型/.test(msg) &&
        /第4行：日期 2027-02-06 与第1行重复/.test(msg) && /第5行/.test(msg) && /第6行：名称和备注不能包含尖括号/.test(msg) && !/第1行：/.test(msg);
    });
    assert.throws(() => parseImport('\n# nothing\n'), (e) => code(e) === 'invalid_import' && /没有可导入的内容/.test((e as Error).message));
    assert.throws(() => parseImport('2027-01-01,放假,元旦\n'.repeat(1001)), (e) => code(e) === 'invalid_import');
  });
});
