// The statutory clock of an application, computed from its event log every time it is shown, so a
// correction to the official calendar moves every open deadline (stored dates would not: Alaveteli #7292).
//
// Three mechanics of the 2019 条例, each in its own place:
// - restart (Art. 30): the 20 working days run from the day the supplement (补正) arrives;
// - pause (Art. 33 ¶3): the time of third-party and other-agency consultations is not counted;
//   so is the time between a fee notice and payment (see docs/decisions/0005-foi-clock.md);
// - extension (Art. 33 ¶2): at most 20 more working days, approved and told to the applicant.
import { addWorkdays, isWorkday, noDataWarning, yearsWithoutData, type Calendar } from '../../core/calendar/calendar.js';
import { addDays, type IsoDate } from '../../core/calendar/dates.js';

export const REPLY_WORKDAYS = 20;
export const MAX_EXTENSION_WORKDAYS = 20;
/** Art. 30: the request for a supplement must go out within 7 working days of receipt, once. */
export const SUPPLEMENT_NOTICE_WORKDAYS = 7;
/** Art. 32 / 34: the consulted party answers within 15 working days of receiving the letter. */
export const CONSULTATION_WORKDAYS = 15;
/** Days before the due date from which the dashboard reminds. */
export const REMIND_WORKDAYS = 3;

export type ClockEvent = { id: number; kind: string; on: IsoDate; data: Record<string, unknown> };

export type Pause = { from: IsoDate; to: IsoDate | null; reason: 'consultation' | 'fee'; eventId: number };

export type ClockStatus = 'not_received' | 'running' | 'paused' | 'awaiting_supplement' | 'stopped';

export type Clock = {
  status: ClockStatus;
  receivedOn: IsoDate | null;
  /** The day the 20 working days are counted from (receipt, or the supplement's arrival). */
  startOn: IsoDate | null;
  restarted: boolean;
  limit: number;
  extension: number;
  /** The reply is due by the end of this day; null while the clock is paused or not yet running. */
  dueOn: IsoDate | null;
  /** The last day a 补正 notice may be sent (null once one was sent or after the restart). */
  supplementNoticeBy: IsoDate | null;
  /** The applicant's deadline for the supplement, while one is awaited. */
  supplementDueOn: IsoDate | null;
  pauses: Pause[];
  /** Open consultations: the other side's deadline. */
  consultationsDue: { eventId: number; party: string; dueOn: IsoDate }[];
  paymentDueOn: IsoDate | null;
  warnings: string[];
};

const last = (events: ClockEvent[], kind: string) => [...events].reverse().find((e) => e.kind === kind);

/** Pauses of the count, each (from, to]: the day a consultation starts has already been counted. */
function pausesOf(events: ClockEvent[]): Pause[] {
  const pauses: Pause[] = [];
  for (const e of events) {
    if (e.kind === 'consultation_started') pauses.push({ from: e.on, to: null, reason: 'consultation', eventId: e.id });
    if (e.kind === 'fee_notice') pauses.push({ from: e.on, to: null, reason: 'fee', eventId: e.id });
    if (e.kind === 'consultation_ended' || e.kind === 'fee_paid') {
      const ref = Number(e.data.ref);
      const p = pauses.find((x) => x.eventId === ref && x.to === null);
      if (p) p.to = e.on;
    }
  }
  return pauses;
}

const paused = (pauses: Pause[], d: IsoDate) => pauses.some((p) => d > p.from && (p.to === null || d <= p.to));

/**
 * The n-th counted working day after `start` (the start day itself counts only with countStartDay),
 * skipping days inside pauses; null if an open pause begins before the count is complete.
 */
function countWorkdays(cal: Calendar, start: IsoDate, n: number, pauses: Pause[], countStartDay: boolean): IsoDate | null {
  let count = 0;
  let d = countStartDay ? start : addDays(start, 1);
  for (let i = 0; i < 5000; i++, d = addDays(d, 1)) {
    if (pauses.some((p) => p.to === null && d > p.from)) return null;
    if (isWorkday(cal, d) && !paused(pauses, d)) count++;
    if (count >= n) return d;
  }
  throw new Error('deadline beyond the supported range');
}

/** Where the clock of one case stands, from its events (in order) and the official calendar. */
export function computeClock(cal: Calendar, events: ClockEvent[], opts: { countStartDay?: boolean } = {}): Clock {
  const countStartDay = opts.countStartDay ?? false;
  const received = events.find((e) => e.kind === 'received');
  const base: Clock = {
    status: 'not_received', receivedOn: null, startOn: null, restarted: false, limit: REPLY_WORKDAYS, extension: 0, dueOn: null,
    supplementNoticeBy: null, supplementDueOn: null, pauses: [], consultationsDue: [], paymentDueOn: null, warnings: [],
  };
  if (!received) return base;
  const closed = events.some((e) => ['replied', 'supplement_expired', 'fee_expired'].includes(e.kind));
  const requested = events.find((e) => e.kind === 'supplement_requested');
  const supplied = requested ? events.find((e) => e.kind === 'supplement_received' && e.id > requested.id) : undefined;
  const startOn = supplied ? supplied.on : received.on;
  const extension = events.filter((e) => e.kind === 'extended').reduce((s, e) => s + Number(e.data.workdays ?? 0), 0);
  const limit = REPLY_WORKDAYS + extension;
  const pauses = pausesOf(events).filter((p) => p.to === null || p.to > startOn);
  const clock: Clock = {
    ...base, receivedOn: received.on, startOn, restarted: !!supplied, limit, extension, pauses,
    supplementNoticeBy: requested ? null : addWorkdays(cal, received.on, SUPPLEMENT_NOTICE_WORKDAYS, { countStartDay }),
    consultationsDue: pauses.filter((p) => p.reason === 'consultation' && p.to === null).map((p) => {
      const e = events.find((x) => x.id === p.eventId)!;
      return { eventId: p.eventId, party: String(e.data.party ?? ''), dueOn: addWorkdays(cal, p.from, CONSULTATION_WORKDAYS, { countStartDay }) };
    }),
    paymentDueOn: pauses.find((p) => p.reason === 'fee' && p.to === null) ? String(last(events, 'fee_notice')?.data.payBy ?? '') || null : null,
  };
  if (requested && !supplied) {
    clock.supplementDueOn = String(requested.data.dueOn ?? '') || null;
    return { ...clock, status: closed ? 'stopped' : 'awaiting_supplement' };
  }
  const dueOn = countWorkdays(cal, startOn, limit, pauses, countStartDay);
  const warnings = yearsWithoutData(cal, startOn, dueOn ?? addDays(startOn, 40)).map(noDataWarning);
  return { ...clock, dueOn, warnings, status: closed ? 'stopped' : dueOn ? 'running' : 'paused' };
}

/** Working days counted so far (pauses excluded), as of `today`. */
export function workdaysUsed(cal: Calendar, clock: Clock, today: IsoDate, countStartDay = false): number {
  if (!clock.startOn || today < clock.startOn) return 0;
  let n = 0;
  for (let d = countStartDay ? clock.startOn : addDays(clock.startOn, 1); d <= today; d = addDays(d, 1)) if (isWorkday(cal, d) && !paused(clock.pauses, d)) n++;
  return n;
}

export type Urgency = 'overdue' | 'due_soon' | 'ok' | 'none';

/** Dashboard urgency of an open case: overdue after the due day, reminded within REMIND_WORKDAYS. */
export function urgency(cal: Calendar, clock: Clock, today: IsoDate, countStartDay = false): Urgency {
  const due = clock.status === 'awaiting_supplement' ? null : clock.dueOn;
  if (clock.status === 'stopped' || !due) return 'none';
  if (today > due) return 'overdue';
  const remindFrom = addWorkdays(cal, today, REMIND_WORKDAYS, { countStartDay });
  return due <= remindFrom ? 'due_soon' : 'ok';
}
