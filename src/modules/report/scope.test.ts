import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../core/auth/actor.js';
import { AppError } from '../../core/errors.js';
import { twoCountyCity, type TwoCounties } from '../org/two-counties.testing.js';
import { annualReportReminders } from './reminders.js';
import { reportRegionStats } from './region-stats.js';
import { agencies } from '../../core/org/schema.js';
import { eq } from 'drizzle-orm';
import { createReport, draftableAgencies, saveReport, staffReport, staffReports, transitionReport } from './service.js';

const status = (n: number) => (e: unknown) => e instanceof AppError && e.status === n;

// 示范县 (a) and 乙县 (b) under 测试市: each county's office handles its own government's reports;
// the city's office reads the counties' without acting on them; nobody reaches the other county.
describe('annual reports under the scope rule (two counties under a city)', () => {
  let database: Database;
  let t: TwoCounties;
  const as: Record<string, Actor> = {};
  const ctx = (k: string) => ({ db: database.db, actor: as[k]! });
  const report: Record<string, number> = {};

  before(async () => {
    database = await createTestDatabase({ demo: true });
    t = await twoCountyCity(database.db);
    as.cityOffice = await t.actor('city-office', t.id.cityOffice, ['office']);
    as.aOffice = await t.actor('a-office', t.id.aOffice, ['office']);
    as.aAdmin = await t.actor('a-admin', t.id.aOffice, ['admin']);
    as.bOffice = await t.actor('b-office', t.id.bOffice, ['office']);
    as.aClerk = await t.actor('a-clerk', t.id.aTown, ['editor']);
    as.bClerk = await t.actor('b-clerk', t.id.bTown, ['editor']);
    report.a = await createReport(ctx('aOffice'), { agencyId: t.id.a, year: 2024 });
    report.aTown = await createReport(ctx('aClerk'), { agencyId: t.id.aTown, year: 2024 });
    report.b = await createReport(ctx('bOffice'), { agencyId: t.id.b, year: 2024 });
    report.bTown = await createReport(ctx('bClerk'), { agencyId: t.id.bTown, year: 2024 });
    report.city = await createReport(ctx('cityOffice'), { agencyId: t.id.city, year: 2024 });
    await transitionReport(ctx('bClerk'), report.bTown, 'submit');
  });
  after(() => database.close());

  it('a county office neither reads nor acts on the other county’s reports: not found', async () => {
    for (const id of [report.b!, report.bTown!]) {
      await assert.rejects(staffReport(ctx('aOffice'), id), status(404));
      await assert.rejects(saveReport(ctx('aOffice'), id, { overview: '篡改', problems: '', otherMatters: '', feesWan: '0' }), status(404));
      await assert.rejects(transitionReport(ctx('aOffice'), id, 'publish'), status(404));
      await assert.rejects(transitionReport(ctx('aAdmin'), id, 'return', { comment: '退回' }), status(404));
    }
    await assert.rejects(staffReport(ctx('aOffice'), report.city!), status(404), 'nor the city’s, above its government');
    await assert.rejects(createReport(ctx('aOffice'), { agencyId: t.id.bTown, year: 2023 }), status(404));
    await assert.rejects(createReport(ctx('aAdmin'), { agencyId: t.id.city, year: 2023 }), status(404));
  });

  it('lists only reports within reach, filtered in the query', async () => {
    const ids = async (k: string) => (await staffReports(ctx(k))).map((r) => r.id).sort();
    assert.deepEqual(await ids('aOffice'), [report.a!, report.aTown!].sort());
    assert.deepEqual(await ids('bOffice'), [report.b!, report.bTown!].sort());
    assert.deepEqual(await ids('cityOffice'), Object.values(report).sort(), 'the city’s office reads all its counties’ reports');
    assert.deepEqual(await ids('aClerk'), [report.aTown!]);
  });

  it('the city office reads a county’s report but cannot act on it', async () => {
    const view = await staffReport(ctx('cityOffice'), report.bTown!);
    assert.deepEqual(view.actions, []);
    assert.equal(view.editable, false);
    assert.deepEqual((await staffReport(ctx('cityOffice'), report.a!)).actions, []);
    await assert.rejects(saveReport(ctx('cityOffice'), report.a!, { overview: '市里改写', problems: '', otherMatters: '', feesWan: '0' }), status(409));
    await assert.rejects(transitionReport(ctx('cityOffice'), report.bTown!, 'return', { comment: '退回' }), status(409));
    await assert.rejects(transitionReport(ctx('cityOffice'), report.bTown!, 'publish'), status(409));
    await assert.rejects(createReport(ctx('cityOffice'), { agencyId: t.id.bMz, year: 2024 }), status(403), 'a county’s agencies report to their own office');
    assert.equal((await staffReport(ctx('bOffice'), report.bTown!)).report.state, 'submitted', 'unchanged');
    assert.ok((await staffReport(ctx('bOffice'), report.bTown!)).actions.includes('return'), 'its own county’s office acts on it');
  });

  it('offices start reports only for their own government’s agencies', async () => {
    const names = async (k: string) => new Set((await draftableAgencies(ctx(k))).map((a) => a.id));
    const city = await names('cityOffice');
    assert.ok(city.has(t.id.city) && city.has(t.id.cityOffice));
    assert.ok(![t.id.a, t.id.aTown, t.id.b, t.id.bTown].some((x) => city.has(x)));
    const a = await names('aOffice');
    assert.ok(a.has(t.id.a) && a.has(t.id.aTown) && a.has(t.id.aMz));
    assert.ok(![t.id.city, t.id.cityOffice, t.id.b, t.id.bMz].some((x) => a.has(x)));
    const reminders = await annualReportReminders(ctx('aOffice'), { today: '2025-01-10' });
    assert.ok(reminders.length > 0 && reminders.every((r) => a.has(r.agencyId)), 'reminders only for its own government');
  });

  it('a clerk reaches neither the other county’s reports nor its agencies', async () => {
    await assert.rejects(staffReport(ctx('aClerk'), report.bTown!), status(404));
    await assert.rejects(createReport(ctx('aClerk'), { agencyId: t.id.bTown, year: 2023 }), status(404));
    await assert.rejects(createReport(ctx('aClerk'), { agencyId: t.id.aMz, year: 2023 }), status(403), 'another agency of its own county: refused as before');
  });

  it('the region statistics count a city government’s own report overdue only after 3月31日', async () => {
    const [city] = await database.db.select({ id: agencies.id, path: agencies.path, govId: agencies.govId }).from(agencies).where(eq(agencies.id, t.id.city));
    const overdue = async (today: string) => {
      const rows = await reportRegionStats(ctx('cityOffice'), { gov: city!, by: 'agency', year: 2024, today });
      const of = (id: number) => rows.find((r) => r.key === id)!.overdue;
      return { city: of(t.id.city), cityOffice: of(t.id.cityOffice) };
    };
    // The city's 2024 report is a draft, its general office has none.
    assert.deepEqual(await overdue('2025-02-15'), { city: 0, cityOffice: 1 }, 'the department is past 1月31日, the government is not');
    assert.deepEqual(await overdue('2025-04-01'), { city: 1, cityOffice: 1 });
  });
});
