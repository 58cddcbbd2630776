// The register as staff read it: the items they may see with their due dates, overdue marks and
// publication limits computed once here (the pages and the export only show them).
import type { Exec } from '../../db/client.js';
import type { Ctx } from '../../core/context.js';
import { addWorkdays } from '../../core/calendar/calendar.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { effectiveDue, staffProposals, type StaffItem } from './items.js';
import { getPropSettings, type PropSettings } from './settings.js';
import type { ProposalKind, ProposalState } from './schema.js';

export type Marks = { due: string; overdue: string; publishDue: string | null; publishLate: string };
export type RegisterRow = StaffItem & Marks;
export type RegisterFilters = { kind?: ProposalKind; state?: ProposalState; session?: string; overdue?: boolean; q?: string };

type Cal = Awaited<ReturnType<typeof loadCalendar>>;

export function marksOf(item: Pick<StaffItem, 'state' | 'dueOn' | 'extension' | 'replyOn' | 'publishedOn'>, today: string, cal: Cal, s: PropSettings): Marks {
  const due = effectiveDue(item);
  const overdue = item.state === 'handling' ? (today > due ? '答复超期' : '') : item.replyOn && item.replyOn > due ? '逾期答复' : '';
  const publishDue = item.replyOn ? addWorkdays(cal, item.replyOn, s.publishWorkdays) : null;
  const publishLate = !publishDue ? '' : item.state === 'replied' ? (today > publishDue ? '超期未公开' : '') : item.publishedOn && item.publishedOn > publishDue ? '逾期公开' : '';
  return { due, overdue, publishDue, publishLate };
}

export async function calendarAndSettings(db: Exec): Promise<[Cal, PropSettings]> {
  return Promise.all([loadCalendar(db), getPropSettings(db)]);
}

/** The register (the services check the actor), filtered, with its marks. */
export async function register(ctx: Ctx, today: string, f: RegisterFilters = {}): Promise<{ rows: RegisterRow[]; sessions: string[] }> {
  const all = await staffProposals(ctx);
  const [cal, s] = await calendarAndSettings(ctx.db);
  const sessions = [...new Set(all.map((r) => r.session))].sort();
  const q = f.q?.trim();
  const rows = all.map((r) => ({ ...r, ...marksOf(r, today, cal, s) }))
    .filter((r) => (!f.kind || r.kind === f.kind) && (!f.state || r.state === f.state) && (!f.session || r.session === f.session)
      && (!f.overdue || !!r.overdue || !!r.publishLate) && (!q || r.title.includes(q) || r.number === q));
  return { rows, sessions };
}
