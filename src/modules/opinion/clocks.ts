import type { ResponseKind, Severity } from './schema.js';
import type { OpSettings } from './settings.js';

const HOUR = 3_600_000;
export type ClockKey = 'auth' | 'press' | 'first';
export const CLOCK_LABELS: Record<ClockKey, string> = { auth: '发布权威信息', press: '举行新闻发布会', first: '首次回应' };
/** Which responses stop which clock: a press conference is also authoritative information; any response is a first response. */
const STOPS: Record<ClockKey, readonly ResponseKind[]> = {
  auth: ['authoritative', 'press_conference'],
  press: ['press_conference'],
  first: ['authoritative', 'press_conference', 'briefing', 'interview', 'other'],
};

export type Clock = {
  key: ClockKey;
  label: string;
  hours: number;
  dueAt: Date;
  /** The first matching response's time, or null while running. */
  stoppedAt: Date | null;
  /** Whether it stopped in time (null while running). */
  onTime: boolean | null;
  /** Milliseconds left (negative: overdue) while running; 0 once stopped. */
  remainingMs: number;
  status: 'running' | 'nearing' | 'overdue' | 'met' | 'late';
};

/** 特别重大/重大 突发事件 run the 5 h and 24 h clocks; every other item the 48 h clock. */
export const clockKeys = (i: { severity: Severity; emergency: boolean }): ClockKey[] =>
  i.emergency && (i.severity === 'especially_major' || i.severity === 'major') ? ['auth', 'press'] : ['first'];

/** The item's clocks at `now`: due time, what stopped each, remaining or overdue. "Nearing" is the last quarter of a clock. */
export function clocksOf(i: { severity: Severity; emergency: boolean; firstSeenAt: Date }, responses: readonly { kind: ResponseKind; respondedAt: Date }[], s: OpSettings, now = new Date()): Clock[] {
  const hoursOf: Record<ClockKey, number> = { auth: s.authHours, press: s.pressHours, first: s.firstHours };
  return clockKeys(i).map((key) => {
    const hours = hoursOf[key];
    const dueAt = new Date(i.firstSeenAt.getTime() + hours * HOUR);
    const stops = responses.filter((r) => STOPS[key].includes(r.kind)).map((r) => r.respondedAt.getTime()).sort((a, b) => a - b);
    const stoppedAt = stops.length ? new Date(stops[0]!) : null;
    if (stoppedAt) {
      const onTime = stoppedAt <= dueAt;
      return { key, label: CLOCK_LABELS[key], hours, dueAt, stoppedAt, onTime, remainingMs: 0, status: onTime ? 'met' : 'late' };
    }
    const remainingMs = dueAt.getTime() - now.getTime();
    const status = remainingMs < 0 ? 'overdue' : remainingMs <= (hours * HOUR) / 4 ? 'nearing' : 'running';
    return { key, label: CLOCK_LABELS[key], hours, dueAt, stoppedAt: null, onTime: null, remainingMs, status };
  });
}

/** "还剩 3 小时 20 分" / "已超时 2 小时 5 分" / "已于 … 停止". */
export function clockNote(c: Clock): string {
  const at = (d: Date) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  if (c.stoppedAt) return `${c.label}：已于 ${at(c.stoppedAt)} 完成（${c.onTime ? '按时' : '超时'}，时限 ${at(c.dueAt)}）`;
  const m = Math.round(Math.abs(c.remainingMs) / 60_000);
  const span = `${Math.floor(m / 60)} 小时 ${m % 60} 分`;
  return `${c.label}：时限 ${at(c.dueAt)}，${c.remainingMs < 0 ? `已超时 ${span}` : `还剩 ${span}`}`;
}
