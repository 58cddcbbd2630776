import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clockKeys, clockNote, clocksOf } from './clocks.js';
import { DEFAULT_SETTINGS } from './settings.js';

const at = (s: string) => new Date(`${s}:00+08:00`);
const major = { severity: 'major' as const, emergency: true, firstSeenAt: at('2026-05-11T09:00') };

// The 61号/80号 clocks as pure rules: which run, when they are due, what stops them.
describe('opinion clocks', () => {
  it('特别重大/重大 突发 run 5 h and 24 h; everything else 48 h', () => {
    assert.deepEqual(clockKeys({ severity: 'especially_major', emergency: true }), ['auth', 'press']);
    assert.deepEqual(clockKeys({ severity: 'major', emergency: true }), ['auth', 'press']);
    assert.deepEqual(clockKeys({ severity: 'major', emergency: false }), ['first']);
    assert.deepEqual(clockKeys({ severity: 'larger', emergency: true }), ['first']);
    assert.deepEqual(clockKeys({ severity: 'general', emergency: false }), ['first']);
  });

  it('first seen at 09:00: due 14:00 and 09:00 next day; 权威信息 at 13:30 stops the first on time only', () => {
    const [auth, press] = clocksOf(major, [{ kind: 'authoritative', respondedAt: at('2026-05-11T13:30') }], DEFAULT_SETTINGS, at('2026-05-11T15:00'));
    assert.equal(auth!.dueAt.toISOString(), at('2026-05-11T14:00').toISOString());
    assert.equal(auth!.status, 'met');
    assert.equal(auth!.stoppedAt!.toISOString(), at('2026-05-11T13:30').toISOString());
    assert.equal(press!.dueAt.toISOString(), at('2026-05-12T09:00').toISOString());
    assert.equal(press!.status, 'running');
    assert.equal(press!.remainingMs, 18 * 3_600_000);
    assert.match(clockNote(auth!), /已于 05\/11 13:30 完成（按时/);
    assert.match(clockNote(press!), /还剩 18 小时 0 分/);
  });

  it('nearing in the last quarter, overdue after, late when stopped after the due time', () => {
    assert.equal(clocksOf(major, [], DEFAULT_SETTINGS, at('2026-05-11T12:00'))[0]!.status, 'running');
    assert.equal(clocksOf(major, [], DEFAULT_SETTINGS, at('2026-05-11T13:00'))[0]!.status, 'nearing');
    const over = clocksOf(major, [], DEFAULT_SETTINGS, at('2026-05-11T15:05'))[0]!;
    assert.equal(over.status, 'overdue');
    assert.match(clockNote(over), /已超时 1 小时 5 分/);
    const late = clocksOf(major, [{ kind: 'press_conference', respondedAt: at('2026-05-11T16:00') }], DEFAULT_SETTINGS)[0]!;
    assert.equal(late.status, 'late', 'a press conference is authoritative information too, but after 14:00');
  });

  it('a 一般 item: 48 h, stopped by any response; the settings change the hours', () => {
    const general = { severity: 'general' as const, emergency: false, firstSeenAt: at('2026-05-11T09:00') };
    const [c] = clocksOf(general, [{ kind: 'interview', respondedAt: at('2026-05-12T20:00') }], DEFAULT_SETTINGS);
    assert.equal(c!.dueAt.toISOString(), at('2026-05-13T09:00').toISOString());
    assert.equal(c!.status, 'met');
    const [d] = clocksOf(general, [], { ...DEFAULT_SETTINGS, firstHours: 24 }, at('2026-05-12T10:00'));
    assert.equal(d!.hours, 24);
    assert.equal(d!.status, 'overdue');
    const [e] = clocksOf(major, [], { authHours: 3, pressHours: 12, firstHours: 48 }, at('2026-05-11T10:00'));
    assert.equal(e!.dueAt.toISOString(), at('2026-05-11T12:00').toISOString());
  });
});
