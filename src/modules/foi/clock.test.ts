import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildCalendar } from '../../core/calendar/calendar.js';
import { computeClock, urgency, workdaysUsed, type ClockEvent } from './clock.js';

// The official calendar as shipped (chinese-days data for 2025–2026): 春节 2025 off 01-28..02-04 with
// make-up working days 01-26 (Sun) and 02-08 (Sat); 国庆 2025 off 10-01..08, make-up 09-28 and 10-11;
// 春节 2026 off 02-15..23, make-up 02-14 and 02-28; 中秋 2026 off 09-25; 国庆 2026 off 10-01..07,
// make-up 09-20 and 10-10; 清明 2026 off 04-04..06; 劳动节 2025 off 05-01..05, make-up 04-27.
const cal = buildCalendar([]);
let nextId = 1;
const ev = (kind: string, on: string, data: Record<string, unknown> = {}): ClockEvent => ({ id: nextId++, kind, on, data });

describe('the reply clock', () => {
  it('counts 20 working days after receipt across 春节 2025 and its make-up days', () => {
    // Day 1 is 01-21; 01-26 (Sun, make-up) is day 5; 02-05 day 7; 02-08 (Sat, make-up) day 10; day 20 is 02-21.
    const c = computeClock(cal, [ev('received', '2025-01-20')]);
    assert.equal(c.status, 'running');
    assert.equal(c.dueOn, '2025-02-21');
    assert.equal(c.supplementNoticeBy, '2025-02-05', 'the 补正 notice window is 7 working days: 01-21..24, 26, 27, 02-05');
  });

  it('counts the receipt day itself when the site is configured so', () => {
    // 2025-01-20 is day 1, so the 20th working day is one earlier: 02-20.
    assert.equal(computeClock(cal, [ev('received', '2025-01-20')], { countStartDay: true }).dueOn, '2025-02-20');
  });

  it('runs through 国庆 2025 and stops while a third party is consulted', () => {
    // Without the consultation: day 5 is 09-28 (Sun, make-up), day 8 is 10-09, day 10 is 10-11 (Sat), day 20 is 10-24.
    assert.equal(computeClock(cal, [ev('received', '2025-09-22')]).dueOn, '2025-10-24');
    const start = ev('consultation_started', '2025-09-26', { party: '某公司' });
    const open = computeClock(cal, [ev('received', '2025-09-22'), start]);
    assert.equal(open.status, 'paused');
    assert.equal(open.dueOn, null);
    // The third party has 15 working days from 09-26: 09-28, 29, 30, 10-09, 10, 11, 13..17, 20..23 → 10-23.
    assert.deepEqual(open.consultationsDue.map((c) => c.dueOn), ['2025-10-23']);
    // Ended 10-15: days 09-23..26 were counted (4); 09-27..10-15 are not; day 5 is 10-16 and day 20 is 11-06.
    const done = computeClock(cal, [ev('received', '2025-09-22'), start, ev('consultation_ended', '2025-10-15', { ref: start.id })]);
    assert.equal(done.status, 'running');
    assert.equal(done.dueOn, '2025-11-06');
    assert.equal(workdaysUsed(cal, done, '2025-10-17'), 6, '09-23..26, then 10-16 and 10-17');
  });

  it('restarts from the supplement across 春节 2026 and adds an extension over 清明', () => {
    const received = ev('received', '2026-02-09');
    // The 补正 notice window: 02-10..13, 02-14 (Sat, make-up), 02-24, 02-25.
    assert.equal(computeClock(cal, [received]).supplementNoticeBy, '2026-02-25');
    const asked = ev('supplement_requested', '2026-02-11', { dueOn: '2026-03-06' });
    const waiting = computeClock(cal, [received, asked]);
    assert.equal(waiting.status, 'awaiting_supplement');
    assert.equal(waiting.dueOn, null);
    assert.equal(waiting.supplementDueOn, '2026-03-06');
    assert.equal(waiting.supplementNoticeBy, null, 'only one 补正 notice');
    // Supplement on 03-02: the 20 days count from it (03-03 is day 1) → 03-30.
    const supplied = ev('supplement_received', '2026-03-02');
    const restarted = computeClock(cal, [received, asked, supplied]);
    assert.equal(restarted.startOn, '2026-03-02');
    assert.equal(restarted.restarted, true);
    assert.equal(restarted.dueOn, '2026-03-30');
    // 5 more working days: 03-31, 04-01..03, then 04-04..06 off → 04-07.
    const extended = computeClock(cal, [received, asked, supplied, ev('extended', '2026-03-25', { workdays: 5 })]);
    assert.equal(extended.limit, 25);
    assert.equal(extended.dueOn, '2026-04-07');
  });

  it('extends by 20 working days over 中秋 and 国庆 2026', () => {
    // 09-20 (Sun) make-up is day 5, 09-25 中秋 off, 10-08 is day 13, 10-10 (Sat) day 15, day 20 is 10-16.
    assert.equal(computeClock(cal, [ev('received', '2026-09-14')]).dueOn, '2026-10-16');
    const c = computeClock(cal, [ev('received', '2026-09-14'), ev('extended', '2026-10-12', { workdays: 20 })]);
    assert.equal(c.dueOn, '2026-11-13');
  });

  it('stops while a fee notice is unpaid and resumes from payment (劳动节 2025)', () => {
    const received = ev('received', '2025-04-21');
    assert.equal(computeClock(cal, [received]).dueOn, '2025-05-21');
    const notice = ev('fee_notice', '2025-04-25', { amount: 200, payBy: '2025-05-27' });
    const waiting = computeClock(cal, [received, notice]);
    assert.equal(waiting.status, 'paused');
    assert.equal(waiting.paymentDueOn, '2025-05-27');
    // Paid 05-06: 04-22..25 counted (4); 04-27 (make-up) and 05-06 fall in the pause; day 5 is 05-07 → day 20 is 05-28.
    const paid = computeClock(cal, [received, notice, ev('fee_paid', '2025-05-06', { ref: notice.id })]);
    assert.equal(paid.dueOn, '2025-05-28');
    assert.equal(paid.paymentDueOn, null);
  });

  it('moves an open deadline when the office corrects the calendar', () => {
    const events = [ev('received', '2026-09-14')];
    assert.equal(computeClock(cal, events).dueOn, '2026-10-16');
    const corrected = buildCalendar([{ date: '2026-10-16', kind: 'holiday', name: '临时调整', note: '' }]);
    assert.equal(computeClock(corrected, events).dueOn, '2026-10-19');
    const makeUp = buildCalendar([{ date: '2026-10-11', kind: 'workday', name: '调休', note: '' }]);
    assert.equal(computeClock(makeUp, events).dueOn, '2026-10-15', 'an extra make-up working day brings it forward');
  });

  it('warns loudly when the deadline falls in a year without calendar data', () => {
    const c = computeClock(cal, [ev('received', '2031-12-10')]);
    assert.ok(c.warnings.some((w) => w.includes('2032') || w.includes('2031')), c.warnings.join());
  });

  it('reminds before the due date and alarms after it, and stops when closed', () => {
    const events = [ev('received', '2025-01-20')];
    const c = computeClock(cal, events);
    assert.equal(urgency(cal, c, '2025-02-10'), 'ok');
    assert.equal(urgency(cal, c, '2025-02-18'), 'due_soon');
    assert.equal(urgency(cal, c, '2025-02-21'), 'due_soon');
    assert.equal(urgency(cal, c, '2025-02-22'), 'overdue');
    const closed = computeClock(cal, [...events, ev('replied', '2025-02-10', { outcome: 'disclosed' })]);
    assert.equal(closed.status, 'stopped');
    assert.equal(urgency(cal, closed, '2025-03-01'), 'none');
  });
});
