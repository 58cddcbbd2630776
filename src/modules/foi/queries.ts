// What staff read: the case list with live deadlines, one case (personal data only for its
// handlers), the dashboard's reminders and alarms, and the popular-request suggestions (Art. 44).
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { requireRole, type Actor } from '../../core/auth/actor.js';
import { forbiddenAsNotFound } from '../../core/errors.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { addDays, todayInShanghai, type IsoDate } from '../../core/calendar/dates.js';
import { agencies } from '../../core/org/schema.js';
import type { AgencyPlace } from '../../core/org/scope.js';
import type { Exec } from '../../db/client.js';
import { computeClock, urgency, workdaysUsed, type Clock, type Urgency } from './clock.js';
import { decryptText, maskId, maskName, maskPhone } from './crypto.js';
import type { FoiCtx } from './intake.js';
import { canReadCase, handles, HANDLER_ROLES, supervisesCase, visibleCases } from './policy.js';
import { caseById, eventsFor, eventsOf, openStates, placeOfAgency, type CaseRow, type EventRow } from './repository.js';
import { foiApplications, foiEvents, type CaseState } from './schema.js';

// Handlers see their own agency's cases in clear; the office and the administrator read, masked,
// the cases within their reach and supervise their own government's (policy.ts).

export type CaseListItem = {
  id: number; code: string; agencyId: number; agencyName: string; state: CaseState; channel: string; applicantCategory: string;
  applicant: string; content: string; receivedOn: IsoDate | null; dueOn: IsoDate | null; urgency: Urgency; outcome: string | null;
  closedOn: IsoDate | null; repeatOf: number | null; warnings: string[];
  /** Whether the actor handles this case (their own agency's), rather than supervising it. */
  mine: boolean;
  /** Whether the office supervises (督办) it: its own government's case, not a lower government's it only reads. */
  supervised: boolean;
  /** The applicant's 补正 deadline while one is awaited; open consultations' deadlines; the fee's. */
  supplementDueOn: IsoDate | null; consultationsDue: { party: string; dueOn: IsoDate }[]; paymentDueOn: IsoDate | null;
};

export type ListFilter = { state?: 'open' | 'closed' | 'all'; agencyId?: number; limit?: number };

export async function listCases(ctx: FoiCtx, f: ListFilter = {}): Promise<CaseListItem[]> {
  const actor = requireRole(ctx.actor, ...HANDLER_ROLES, 'admin');
  const a = foiApplications;
  const where = [
    visibleCases(a.agencyId, actor),
    f.agencyId ? eq(a.agencyId, f.agencyId) : undefined,
    f.state === 'closed' ? inArray(a.state, ['closed', 'archived']) : f.state === 'all' ? undefined : inArray(a.state, openStates),
  ].filter(Boolean);
  const rows = await ctx.db
    .select({ c: a, agencyName: agencies.name, path: agencies.path, govId: agencies.govId })
    .from(a)
    .innerJoin(agencies, eq(agencies.id, a.agencyId))
    .where(and(...where))
    .orderBy(desc(a.id))
    .limit(Math.min(f.limit ?? 200, 500));
  const cal = await loadCalendar(ctx.db);
  const events = await eventsFor(ctx.db, rows.map((r) => r.c.id));
  const today = todayInShanghai();
  return rows
    .map(({ c, agencyName, path, govId }) => {
      const place: AgencyPlace = { id: c.agencyId, path, govId };
      const clock = computeClock(cal, events.get(c.id)!, { countStartDay: ctx.countStartDay });
      return {
        id: c.id, code: c.code, agencyId: c.agencyId, agencyName, state: c.state, channel: c.channel, applicantCategory: c.applicantCategory,
        applicant: handles(actor, c) ? c.applicantName : maskName(c.applicantName), content: c.content.slice(0, 80),
        receivedOn: c.receivedOn, dueOn: clock.status === 'awaiting_supplement' ? null : clock.dueOn, urgency: urgency(cal, clock, today, ctx.countStartDay),
        outcome: c.outcome, closedOn: c.closedOn, repeatOf: c.repeatOf, warnings: clock.warnings,
        mine: handles(actor, c), supervised: supervisesCase(actor, c, place), supplementDueOn: clock.supplementDueOn, consultationsDue: clock.consultationsDue.map(({ party, dueOn }) => ({ party, dueOn })), paymentDueOn: clock.paymentDueOn,
      };
    })
    .sort((x, y) => rank(x.urgency) - rank(y.urgency) || (x.dueOn ?? '9999').localeCompare(y.dueOn ?? '9999'));
}

const rank = (u: Urgency) => ({ overdue: 0, due_soon: 1, ok: 2, none: 3 })[u];

export type Applicant = {
  name: string; category: string; idType: string; idNumber: string; orgCode: string | null; contactPerson: string | null;
  phone: string; email: string | null; address: string | null; postcode: string | null; masked: boolean;
};

export type CaseDetail = {
  row: CaseRow; agencyName: string; applicant: Applicant; events: EventRow[]; clock: Clock; used: number; urgency: Urgency;
  canHandle: boolean; repeatCode: string | null;
  /** Whether the office supervises (督办) it; false when it only reads a lower government's case. */
  supervised: boolean;
};

/**
 * One case. Identity and contact in clear only for the agency's handling staff; masked for the
 * office within its reach (read-only); not found for anyone else, a sibling county's office too.
 */
export async function caseDetail(ctx: FoiCtx, id: number): Promise<CaseDetail> {
  const actor = requireRole(ctx.actor, ...HANDLER_ROLES, 'admin');
  const row = await caseById(ctx.db, id);
  const agency = await placeOfAgency(ctx.db, row.agencyId);
  const canHandle = handles(actor, row);
  if (!canReadCase(actor, row, agency)) throw forbiddenAsNotFound('申请');
  const events = await eventsOf(ctx.db, id);
  const cal = await loadCalendar(ctx.db);
  const clock = computeClock(cal, events, { countStartDay: ctx.countStartDay });
  const today = todayInShanghai();
  const idNumber = decryptText(ctx.key, row.idNumberEnc);
  const applicant: Applicant = canHandle
    ? { name: row.applicantName, category: row.applicantCategory, idType: row.idType, idNumber, orgCode: row.orgCode, contactPerson: row.contactPerson, phone: row.phone, email: row.email, address: row.address, postcode: row.postcode, masked: false }
    : { name: maskName(row.applicantName), category: row.applicantCategory, idType: row.idType, idNumber: maskId(idNumber), orgCode: row.orgCode ? maskId(row.orgCode) : null, contactPerson: row.contactPerson ? maskName(row.contactPerson) : null, phone: maskPhone(row.phone), email: row.email ? '***' : null, address: row.address ? '***' : null, postcode: null, masked: true };
  const repeat = row.repeatOf ? await ctx.db.select({ code: foiApplications.code }).from(foiApplications).where(eq(foiApplications.id, row.repeatOf)) : [];
  // A supervisor sees the case masked everywhere: the applicant block, the row, and every text of the
  // case log (the reply letter's salutation, staff notes) that repeats the applicant's particulars.
  const shown = canHandle ? { row, events } : masked(row, events, [
    [row.applicantName, applicant.name], [row.contactPerson, applicant.contactPerson], [idNumber, applicant.idNumber], [row.orgCode, applicant.orgCode],
    [row.phone, applicant.phone], [row.email, applicant.email], [row.address, applicant.address], [row.postcode, ''],
  ]);
  return {
    row: shown.row, agencyName: agency.name, applicant, events: shown.events, clock, used: workdaysUsed(cal, clock, today, ctx.countStartDay),
    urgency: urgency(cal, clock, today, ctx.countStartDay), canHandle, repeatCode: repeat[0]?.code ?? null, supervised: supervisesCase(actor, row, agency),
  };
}

type Swap = [string | null, string | null];

/** The row and the case log with each personal value replaced by its masked form. */
function masked(row: CaseRow, events: EventRow[], swaps: Swap[]): { row: CaseRow; events: EventRow[] } {
  // Longest first, so a name inside an address is not masked before the address is.
  const pairs = swaps.filter((x): x is [string, string | null] => !!x[0] && x[0].trim().length > 0).sort((a, b) => b[0].length - a[0].length);
  const mask = (s: string) => pairs.reduce((acc, [from, to]) => acc.split(from).join(to ?? '***'), s);
  const deep = (v: unknown): unknown =>
    typeof v === 'string' ? mask(v) : Array.isArray(v) ? v.map(deep) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)])) : v;
  return {
    row: { ...row, applicantName: mask(row.applicantName), contactPerson: row.contactPerson && mask(row.contactPerson), phone: mask(row.phone), email: row.email && '***', address: row.address && '***', postcode: null, orgCode: row.orgCode && mask(row.orgCode) },
    events: events.map((e) => ({ ...e, data: deep(e.data) as EventRow['data'], publicNote: e.publicNote && mask(e.publicNote) })),
  };
}

/**
 * The files module's question (FileReader): may this person read a case that staff attached the
 * file to (a file to disclose with the reply)? The same rule as caseDetail: the agency's handlers
 * and the office within its reach. An applicant's ID proof and 补正 files are restricted: /files/ never serves
 * them, whatever this says; the case page's own routes do, to the handlers.
 */
export async function mayReadCaseFile(ctx: { db: Exec; actor: Actor }, fileId: number): Promise<boolean> {
  const rows = await ctx.db
    .selectDistinct({ agencyId: foiApplications.agencyId, path: agencies.path, govId: agencies.govId })
    .from(foiEvents)
    .innerJoin(foiApplications, eq(foiApplications.id, foiEvents.applicationId))
    .innerJoin(agencies, eq(agencies.id, foiApplications.agencyId))
    .where(and(eq(foiEvents.kind, 'file_attached'), sql`${foiEvents.data}->>'fileId' = ${String(fileId)}`));
  return rows.some((c) => canReadCase(ctx.actor, c, { id: c.agencyId, path: c.path, govId: c.govId }));
}

/** Dashboard counts: overdue alarms and reminders for the actor's agency (for the office, every case within reach). */
export async function dashboard(ctx: FoiCtx): Promise<{ overdue: CaseListItem[]; dueSoon: CaseListItem[]; pendingConfirmation: number; open: number }> {
  const list = await listCases(ctx, { state: 'open', limit: 500 });
  return {
    overdue: list.filter((c) => c.urgency === 'overdue'),
    dueSoon: list.filter((c) => c.urgency === 'due_soon'),
    pendingConfirmation: list.filter((c) => c.state === 'pending_confirmation').length,
    open: list.length,
  };
}

export type PopularRequest = { contentKey: string; example: string; applicants: number; applications: number; agencyName: string };

/**
 * Art. 44: information several applicants asked for (same normalised content, three or more
 * different applicants in the last two years) is suggested for proactive disclosure.
 */
export async function popularRequests(ctx: FoiCtx, minApplicants = 3): Promise<PopularRequest[]> {
  const actor = requireRole(ctx.actor, ...HANDLER_ROLES, 'admin');
  const a = foiApplications;
  const since = addDays(todayInShanghai(), -730);
  const rows = await ctx.db
    .select({
      contentKey: a.contentKey, example: sql<string>`min(${a.content})`, applicants: sql<number>`count(distinct ${a.applicantKey})::int`,
      applications: sql<number>`count(*)::int`, agencyName: sql<string>`min(${agencies.name})`,
    })
    .from(a)
    .innerJoin(agencies, eq(agencies.id, a.agencyId))
    .where(and(gte(a.submittedAt, new Date(`${since}T00:00:00+08:00`)), visibleCases(a.agencyId, actor)))
    .groupBy(a.contentKey)
    .having(sql`count(distinct ${a.applicantKey}) >= ${minApplicants}`)
    .orderBy(desc(sql`count(distinct ${a.applicantKey})`))
    .limit(50);
  return rows.map((r) => ({ ...r, applicants: Number(r.applicants), applications: Number(r.applications) }));
}

/** Statistics over a date range for the actor's agency (for the office, every agency within reach), with live due dates. */
export async function statistics(ctx: FoiCtx, range: { from: IsoDate; to: IsoDate }) {
  const actor = requireRole(ctx.actor, ...HANDLER_ROLES, 'admin');
  const { computeStatistics } = await import('./statistics.js');
  const a = foiApplications;
  const rows = await ctx.db
    .select()
    .from(a)
    .where(and(visibleCases(a.agencyId, actor), sql`${a.receivedOn} is not null`, sql`${a.receivedOn} <= ${range.to}`, sql`(${a.closedOn} is null or ${a.closedOn} >= ${range.from})`));
  const cal = await loadCalendar(ctx.db);
  const events = await eventsFor(ctx.db, rows.map((r) => r.id));
  const cases = rows.map((r) => {
    const clock = computeClock(cal, events.get(r.id)!, { countStartDay: ctx.countStartDay });
    const replied = events.get(r.id)!.find((e) => e.kind === 'replied');
    // A closed case is judged against the due date it had when it was answered.
    const dueOn = replied?.data.dueOn ? String(replied.data.dueOn) : clock.dueOn;
    return { receivedOn: r.receivedOn!, channel: r.channel, applicantCategory: r.applicantCategory as never, outcome: r.outcome, closedOn: r.closedOn, dueOn };
  });
  return computeStatistics(cal, cases, range, todayInShanghai());
}
