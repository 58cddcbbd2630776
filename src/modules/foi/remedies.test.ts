import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { listAgencies } from '../org/service.js';
import { defaultRemedies, remediesFor, setRemedies } from './remedies.js';
import { demoActors } from '../../test/actors.js';
import { AppError } from '../../core/errors.js';
import { eq } from 'drizzle-orm';
import { registerApplication } from './intake.js';
import { foiApplications } from './schema.js';
import { todayInShanghai } from '../../core/calendar/dates.js';

describe('remedies named in reply letters', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t?.close());

  it('names the county government and court for a township and a department, and asks the office for the county’s', async () => {
    const all = await listAgencies(t.database.db);
    const by = (n: string) => all.find((a) => a.name === n)!;
    assert.deepEqual(defaultRemedies(by('城关镇'), all), { reviewBody: '示范县人民政府', court: '示范县人民法院' });
    assert.deepEqual(defaultRemedies(by('县民政局'), all), { reviewBody: '示范县人民政府', court: '示范县人民法院' });
    assert.deepEqual(defaultRemedies(by('示范县人民政府'), all), { reviewBody: '上一级人民政府', court: '有管辖权的中级人民法院' });
  });

  it('lets the office set an agency’s court, audited; empty returns to the default; others are refused', async () => {
    const actors = await demoActors(t.database.db, ['office', 'chengguan']);
    const town = (await listAgencies(t.database.db)).find((a) => a.name === '城关镇')!.id;
    await assert.rejects(setRemedies({ db: t.database.db, actor: actors.get('chengguan')! }, { agencyId: String(town), reviewBody: '', court: 'X' }), (e) => e instanceof AppError && e.status === 403);
    await assert.rejects(setRemedies({ db: t.database.db, actor: actors.get('office')! }, { agencyId: String(town), reviewBody: '<script>', court: '' }), (e) => e instanceof AppError && e.status === 400);
    await setRemedies({ db: t.database.db, actor: actors.get('office')! }, { agencyId: String(town), reviewBody: '', court: '示范市铁路运输法院' });
    const set = await remediesFor(t.database.db, town);
    assert.equal(set.court, '示范市铁路运输法院');
    assert.equal(set.reviewBody, '示范县人民政府', 'an empty field keeps its default');
    await setRemedies({ db: t.database.db, actor: actors.get('office')! }, { agencyId: String(town), reviewBody: '', court: '' });
    assert.equal((await remediesFor(t.database.db, town)).court, '示范县人民法院');
  });

  it('puts them in the standard letter staff generate', async () => {
    const actors = await demoActors(t.database.db, ['chengguan']);
    const town = (await listAgencies(t.database.db)).find((a) => a.name === '城关镇')!.id;
    const ctx = { db: t.database.db, actor: actors.get('chengguan')!, key: t.config.foiDataKey, countStartDay: false };
    const s = await registerApplication(ctx, { agencyId: town, applicantType: 'natural', name: '赵六', idType: '居民身份证', idNumber: '11010519491231002X', phone: '13800138000', content: '城关镇2026年绿化工程合同', form: 'electronic', delivery: 'online', channel: 'letter', receivedOn: todayInShanghai() });
    const [row] = await t.database.db.select({ id: foiApplications.id }).from(foiApplications).where(eq(foiApplications.code, s.code));
    const staff = new Browser(t.app);
    await staff.login('chengguan');
    const page = (await staff.get(`/admin/foi/${row!.id}?outcome=disclosed`)).body;
    assert.match(page, /向示范县人民政府申请行政复议，或者在六个月内向示范县人民法院提起行政诉讼/);
    const office = new Browser(t.app);
    await office.login('office');
    assert.match((await office.get('/admin/foi/settings')).body, /placeholder="示范县人民法院"/);
  });
});
