import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq, like } from 'drizzle-orm';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { demoActors } from '../../test/actors.js';
import { verifyAuditChain } from '../audit/service.js';
import { auditEvents } from '../audit/schema.js';
import { calendarOverrides } from './schema.js';
import { computeDeadline, importOverrides, listOverrides, loadCalendar, removeOverride, setOverride } from './service.js';
import { hasData } from './calendar.js';

const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

describe('calendar service', () => {
  let database: Database;
  let actors = new Map<string, Actor>();
  const as = (u: string | null) => ({ db: database.db, actor: u ? actors.get(u)! : null });

  before(async () => {
    database = await createTestDatabase({ demo: true });
    actors = await demoActors(database.db, ['office', 'admin', 'chengguan']);
  });
  after(() => database.close());

  it('computes a deadline with the site setting, and no warning where data exists', async () => {
    // See calendar.test.ts: 20 working days from Thu 2026-02-12 across 春节 → 03-18 (03-17 counting the start day).
    assert.deepEqual(await computeDeadline(database.db, { start: '2026-02-12', workdays: 20 }), { start: '2026-02-12', workdays: 20, due: '2026-03-18', countStartDay: false, warnings: [] });
    assert.equal((await computeDeadline(database.db, { start: '2026-02-12', workdays: 20, countStartDay: true })).due, '2026-03-17');
    await assert.rejects(computeDeadline(database.db, { start: '2026-02-30', workdays: 20 }), (e) => code(e) === 'invalid_date');
  });

  it('warns loudly for every year of the period without data', async () => {
    // Start Thu 2029-12-20, plain weekends: 1: 12-21 Fri, 2–6: 12-24..12-28, 7: 12-31 Mon, 8–11: 2030-01-01..01-04, 12: 01-07 Mon.
    const d = await computeDeadline(database.db, { start: '2029-12-20', workdays: 12 });
    assert.equal(d.due, '2030-01-07');
    assert.equal(d.warnings.length, 2);
    assert.match(d.warnings[0]!, /^2029年的法定节假日安排尚未录入，截止日期按普通周末计算，可能不准确/);
    assert.match(d.warnings[1]!, /^2030年/);
    // 2026-12-20 (Sun) + 20: 1–5: 12-21..12-25, 6–9: 12-28..12-31, then 2027 (no data): 10: 01-01 Fri … 20: 01-15 Fri.
    const cross = await computeDeadline(database.db, { start: '2026-12-20', workdays: 20 });
    assert.equal(cross.due, '2027-01-15');
    assert.deepEqual(cross.warnings.map((w) => w.slice(0, 5)), ['2027年']);
  });

  it('lets only the office and administrators change the calendar', async () => {
    await assert.rejects(setOverride(as('chengguan'), { date: '2026-03-10', kind: 'holiday' }), (e) => code(e) === 'forbidden');
    await assert.rejects(setOverride(as(null), { date: '2026-03-10', kind: 'holiday' }), (e) => code(e) === 'unauthenticated');
    await assert.rejects(importOverrides(as('chengguan'), '2027-01-01,放假,元旦'), (e) => code(e) === 'forbidden');
    await assert.rejects(removeOverride(as('chengguan'), '2026-03-10'), (e) => code(e) === 'forbidden');
    // Permission is checked before the input: a forbidden user gets 403, not a validation message.
    await assert.rejects(setOverride(as('chengguan'), { date: 'garbage', kind: 'x' }), (e) => code(e) === 'forbidden');
  });

  it('moves a deadline computed before a correction, and back when it is removed', async () => {
    // Mon 2026-03-02 + 20: 1–4: 03-03..03-06, 5–9: 03-09..03-13, 10–14: 03-16..03-20, 15–19: 03-23..03-27, 20: 03-30 Mon.
    assert.equal((await computeDeadline(database.db, { start: '2026-03-02', workdays: 20 })).due, '2026-03-30');
    const row = await setOverride(as('office'), { date: '2026-03-10', kind: 'holiday', name: ' 临时放假 ', note: '县政府通知' });
    assert.equal(row.name, '临时放假');
    assert.equal(row.createdBy, actors.get('office')!.userId);
    // 03-10 no longer counts, so the 20th working day is one working day later: Tue 03-31.
    assert.equal((await computeDeadline(database.db, { start: '2026-03-02', workdays: 20 })).due, '2026-03-31');
    // Replacing the entry (upsert) with a working day puts it back.
    await setOverride(as('admin'), { date: '2026-03-10', kind: 'workday', name: '更正' });
    assert.equal((await computeDeadline(database.db, { start: '2026-03-02', workdays: 20 })).due, '2026-03-30');
    await setOverride(as('office'), { date: '2026-03-10', kind: 'holiday', name: '临时放假' });
    await removeOverride(as('office'), '2026-03-10');
    assert.equal((await computeDeadline(database.db, { start: '2026-03-02', workdays: 20 })).due, '2026-03-30');
    await assert.rejects(removeOverride(as('office'), '2026-03-10'), (e) => code(e) === 'not_found');
    await assert.rejects(removeOverride(as('office'), '2026-3-10'), (e) => code(e) === 'invalid_date');
  });

  it('validates entries with Chinese messages', async () => {
    await assert.rejects(setOverride(as('office'), { date: '2026-02-30', kind: 'holiday' }), (e) => code(e) === 'invalid_date' && /日期“2026-02-30”不正确/.test((e as Error).message));
    await assert.rejects(setOverride(as('office'), { date: '2026-03-11', kind: 'maybe' }), (e) => code(e) === 'invalid_input' && /类型/.test((e as Error).message));
    await assert.rejects(setOverride(as('office'), { date: '2026-03-11', kind: 'holiday', name: '<script>alert(1)</script>' }), (e) => code(e) === 'invalid_input');
    await assert.rejects(setOverride(as('office'), { date: '2026-03-11', kind: 'holiday', name: 'x'.repeat(51) }), (e) => code(e) === 'invalid_input');
    assert.equal((await database.db.select().from(calendarOverrides).where(eq(calendarOverrides.date, '2026-03-11'))).length, 0);
  });

  it('imports a year all or nothing, and the year then counts as known', async () => {
    const bad = '2027-02-06,放假,春节\n2027-02-07,放假,春节\n2027-02-31,放假,春节';
    await assert.rejects(importOverrides(as('office'), bad), (e) => code(e) === 'invalid_import' && /第3行/.test((e as Error).message) && !/第1行/.test((e as Error).message));
    assert.deepEqual(await listOverrides(database.db, 2027), [], 'nothing from the good lines was saved');
    assert.equal(hasData(await loadCalendar(database.db), 2027), false);

    const entries = await importOverrides(as('office'), '2027-02-06,放假,春节\n2027-02-07,放假,春节\n2027-02-14,上班,春节');
    assert.equal(entries.length, 3);
    const listed = await listOverrides(as('office'), 2027);
    assert.deepEqual(listed.map((r) => [r.date, r.kind, r.name]), [['2027-02-06', 'holiday', '春节'], ['2027-02-07', 'holiday', '春节'], ['2027-02-14', 'workday', '春节']]);
    assert.equal(hasData(await loadCalendar(database.db), 2027), true);
    // Fri 2027-02-05 + 3: 02-06 Sat and 02-07 Sun are now holidays (were weekends anyway), 1: 02-08 Mon, 2: 02-09, 3: 02-10 Wed; no warning.
    assert.deepEqual(await computeDeadline(database.db, { start: '2027-02-05', workdays: 3 }), { start: '2027-02-05', workdays: 3, due: '2027-02-10', countStartDay: false, warnings: [] });
    // Fri 2027-02-12 + 1: 02-13 Sat off, 02-14 Sun is now a 调休 working day → 02-14.
    assert.equal((await computeDeadline(database.db, { start: '2027-02-12', workdays: 1 })).due, '2027-02-14');
    await assert.rejects(listOverrides(database.db, 1900), (e) => code(e) === 'invalid_input');
  });

  it('records an audit event for each change, keeping the chain intact', async () => {
    const events = await database.db.select().from(auditEvents).where(like(auditEvents.action, 'calendar.%'));
    const actions = events.map((e) => e.action);
    assert.equal(actions.filter((a) => a === 'calendar.override_set').length, 3);
    assert.equal(actions.filter((a) => a === 'calendar.override_removed').length, 1);
    assert.equal(actions.filter((a) => a === 'calendar.imported').length, 1, 'the refused import left no event');
    const first = events.find((e) => e.action === 'calendar.override_set')!;
    assert.equal(first.targetId, '2026-03-10');
    assert.equal(first.actorName, actors.get('office')!.name);
    assert.equal((first.after as { kind: string }).kind, 'holiday');
    const imported = events.find((e) => e.action === 'calendar.imported')!;
    assert.equal((imported.after as { count: number }).count, 3);
    assert.deepEqual(await verifyAuditChain(database.db).then((r) => r.ok), true);
  });
});
