import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import type { Actor, RoleGrant } from '../../core/auth/actor.js';
import type { Config } from '../../config.js';
import { AppError } from '../../core/errors.js';
import { addDays, todayInShanghai } from '../../core/calendar/dates.js';
import { agencies } from '../../core/org/schema.js';
import { placementOf } from '../../core/org/scope.js';
import { seedUser } from '../account/service.js';
import { DEMO_COUNTY } from '../org/seed.js';
import { demoActors } from '../../test/actors.js';
import { confirmReceipt, followApplication, registerApplication, submitApplication, type FoiCtx } from './intake.js';
import * as handling from './handling.js';
import { caseDetail, listCases, mayReadCaseFile, popularRequests, statistics } from './queries.js';
import { listRemedies, setRemedies } from './remedies.js';
import { foiWorklist } from './worklist.js';
import { foiApplications } from './schema.js';

// The demo county (甲: 示范县) and a second county (乙县) under one city: each county's office
// reads and supervises its own county's applications and never sees the other's; the city's office
// reads both, masked, and acts on neither; the county's own staff handle theirs as before.

const KEY = Buffer.alloc(32, 7);
const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));
const IDS = ['11010519491231002X', '110105194912310046', '110105194912310054', '110105194912310038'];

describe('applications under the scope rule (two counties under a city)', () => {
  let database: Database;
  const id: Record<string, number> = {};
  const actors = new Map<string, Actor>();
  const cases: Record<string, number> = {};
  const secrets: Record<string, { code: string; secret: string }> = {};
  const today = todayInShanghai();
  const as = (u: string | null): FoiCtx => ({ db: database.db, actor: u ? actors.get(u)! : null, key: KEY, countStartDay: false });

  const addAgency = async (key: string, name: string, kind: (typeof agencies.$inferInsert)['kind'], parent: string) => {
    const [row] = await database.db.insert(agencies).values({ name, kind, parentId: id[parent]! }).returning();
    id[key] = row!.id;
  };
  const user = async (key: string, agency: string, roles: RoleGrant[]) => {
    const userId = await seedUser(database.db, { username: `scope-${key}`, displayName: key, agencyId: id[agency]!, password: 'Scope-test-password-1', roles, mustChangePassword: false });
    actors.set(key, { userId, username: `scope-${key}`, name: key, agencyId: id[agency]!, placement: await placementOf(database.db, id[agency]!), roles, mustChangePassword: false });
  };
  const form = (agency: string, content: string, idNumber: string) => ({
    agencyId: id[agency]!, applicantType: 'natural', name: '张三', idType: '居民身份证', idNumber, phone: '13800138000', content, form: 'electronic', delivery: 'online',
  });
  const idOf = async (c: string) => (await database.db.select({ id: foiApplications.id }).from(foiApplications).where(eq(foiApplications.code, c)))[0]!.id;
  /** A letter registered by the agency's clerk, received `daysAgo` calendar days ago. */
  const register = async (key: string, clerk: string, agency: string, content: string, idNumber: string, daysAgo: number) => {
    const s = await registerApplication(as(clerk), { ...form(agency, content, idNumber), channel: 'letter', receivedOn: addDays(today, -daysAgo) });
    secrets[key] = { code: s.code, secret: s.secret };
    cases[key] = await idOf(s.code);
  };
  const worklist = (u: string) => foiWorklist({ db: database.db, actor: actors.get(u)!, today, config: { foiDataKey: KEY, deadlineCountStartDay: false } as unknown as Config });

  /** Every staff action on a case, each run on its own, with the error code it ends in. */
  const actions = (u: string, caseId: number): [string, () => Promise<unknown>][] => [
    ['confirm', () => confirmReceipt(as(u), caseId)],
    ['assign', () => handling.assignCase(as(u), caseId, { userId: actors.get(u)!.userId })],
    ['transfer', () => handling.transferCase(as(u), caseId, { toAgencyId: id.bTown })],
    ['supplement', () => handling.requestSupplement(as(u), caseId, { items: '请说明', dueOn: addDays(today, 10) })],
    ['supplied', () => handling.recordSupplement(as(u), caseId, {})],
    ['consult', () => handling.startConsultation(as(u), caseId, { party: 'third_party', name: '某公司' })],
    ['extend', () => handling.extendCase(as(u), caseId, { workdays: 5, approver: '王主任', reason: '检索档案' })],
    ['fee', () => handling.issueFeeNotice(as(u), caseId, { rule: 'per_item' })],
    ['reply', () => handling.replyCase(as(u), caseId, { outcome: 'unavailable_not_held', text: '政府信息公开申请告知书\n经检索，该信息不存在。' })],
    ['deliver', () => handling.recordDelivery(as(u), caseId, { method: '邮寄' })],
    ['archive', () => handling.archiveCase(as(u), caseId)],
    ['note', () => handling.addNote(as(u), caseId, { note: '看一下' })],
    ['attach', () => handling.attachFile(as(u), caseId, { fileId: 1, sha256: 'x', name: 'a.pdf' })],
  ];
  const refusesAll = async (u: string, caseId: number, expected: 'not_found' | 'forbidden') => {
    for (const [name, run] of actions(u, caseId)) await assert.rejects(run(), (e) => code(e) === expected, `${u} ${name} → ${expected}`);
  };

  before(async () => {
    database = await createTestDatabase({ demo: true });
    const all = await database.db.select().from(agencies);
    id.a = all.find((x) => x.name === DEMO_COUNTY)!.id;
    id.aTown = all.find((x) => x.name === '城关镇')!.id;
    const [city] = await database.db.insert(agencies).values({ name: '测试市人民政府', kind: 'city', parentId: null }).returning();
    id.city = city!.id;
    await database.db.update(agencies).set({ parentId: id.city }).where(eq(agencies.id, id.a)); // the trigger re-roots the county's tree
    await addAgency('cityOffice', '测试市人民政府办公室', 'department', 'city');
    await addAgency('cityMz', '测试市民政局', 'department', 'city');
    await addAgency('b', '乙县人民政府', 'county', 'city');
    await addAgency('bOffice', '乙县人民政府办公室', 'department', 'b');
    await addAgency('bTown', '乙县城关镇', 'township', 'b');
    // Signed in after the move, so the demo county's staff carry their new placement.
    for (const [k, v] of await demoActors(database.db, ['office', 'admin', 'chengguan', 'chengguan-sh'])) actors.set(k, v);
    assert.equal(actors.get('office')!.placement.upperGovId, id.city, 'the demo county now sits under the city');
    await user('bOffice', 'bOffice', [{ role: 'office', domainId: null }]);
    await user('bClerk', 'bTown', [{ role: 'editor', domainId: null }]);
    await user('cityOffice', 'cityOffice', [{ role: 'office', domainId: null }]);
    await user('cityAdmin', 'cityOffice', [{ role: 'admin', domainId: null }]);
    await user('cityClerk', 'cityMz', [{ role: 'editor', domainId: null }]);

    await register('a', 'chengguan', 'aTown', '甲县城关镇道路维修合同', IDS[0]!, 3);
    await register('aLate', 'chengguan', 'aTown', '甲县城关镇低保名册', IDS[1]!, 45);
    await register('b', 'bClerk', 'bTown', '乙县城关镇征收补偿方案', IDS[2]!, 3);
    await register('bLate', 'bClerk', 'bTown', '乙县城关镇危房改造名单', IDS[3]!, 45);
    await register('cityLate', 'cityClerk', 'cityMz', '测试市养老机构补贴名单', IDS[0]!, 45);
  });
  after(async () => database.close());

  it('keeps a county’s office out of the sibling county’s applications: not found, not listed, not counted', async () => {
    await assert.rejects(caseDetail(as('office'), cases.b!), (e) => code(e) === 'not_found');
    await assert.rejects(caseDetail(as('admin'), cases.b!), (e) => code(e) === 'not_found', 'the county’s administrator neither');
    await refusesAll('office', cases.b!, 'not_found');
    await refusesAll('bOffice', cases.a!, 'not_found');
    await assert.rejects(caseDetail(as('bOffice'), cases.a!), (e) => code(e) === 'not_found');

    const listed = (await listCases(as('office'), { state: 'all' })).map((c) => c.id);
    assert.ok(listed.includes(cases.a!) && listed.includes(cases.aLate!), 'its own county’s cases');
    assert.ok(!listed.includes(cases.b!) && !listed.includes(cases.bLate!) && !listed.includes(cases.cityLate!), 'nothing of the sibling county or the city');
    const asked = (await listCases(as('office'), { state: 'all', agencyId: id.bTown })).map((c) => c.id);
    assert.deepEqual(asked, [], 'asking for the sibling county’s township by id finds nothing');
    const bListed = (await listCases(as('bOffice'), { state: 'all' })).map((c) => c.id);
    assert.deepEqual(bListed.sort(), [cases.b!, cases.bLate!].sort());

    const popular = await popularRequests(as('office'), 1);
    assert.ok(popular.some((p) => p.example.includes('甲县')) && !popular.some((p) => /乙县|测试市/.test(p.example)));
    const aStats = await statistics(as('office'), { from: addDays(today, -60), to: today });
    const bStats = await statistics(as('bOffice'), { from: addDays(today, -60), to: today });
    const cityStats = await statistics(as('cityOffice'), { from: addDays(today, -60), to: today });
    assert.equal(bStats.received, 2, 'the sibling county counts its own two');
    assert.equal(cityStats.received, aStats.received + bStats.received + 1, 'the city counts both counties and its own department');

    const work = await worklist('office');
    assert.ok(work.some((w) => w.href === `/admin/foi/${cases.aLate}` && w.kind.includes('督办')), 'the county office chases its own county’s overdue case');
    assert.ok(!work.some((w) => w.href === `/admin/foi/${cases.bLate}` || w.href === `/admin/foi/${cases.cityLate}`));

    await assert.rejects(setRemedies({ db: database.db, actor: actors.get('office')! }, { agencyId: String(id.bTown), reviewBody: '', court: '某法院' }), (e) => code(e) === 'not_found');
    assert.ok(!(await listRemedies(database.db, actors.get('office')!)).some((r) => r.agency.id === id.bTown));
  });

  it('lets the city’s office read both counties’ applications, masked, and refuses every action on them', async () => {
    for (const k of ['a', 'b'] as const) {
      const d = await caseDetail(as('cityOffice'), cases[k]!);
      assert.equal(d.canHandle, false, 'no action buttons');
      assert.equal(d.supervised, false, 'a lower government’s case: read, not supervised');
      assert.equal(d.applicant.masked, true);
      assert.ok(!JSON.stringify(d).includes('19491231'), 'no ID number in clear');
      await refusesAll('cityOffice', cases[k]!, 'forbidden');
    }
    const d = await caseDetail(as('cityAdmin'), cases.b!);
    assert.equal(d.canHandle, false);
    await assert.rejects(handling.addNote(as('cityAdmin'), cases.b!, { note: 'x' }), (e) => code(e) === 'forbidden', 'the administrator handles no case');

    const listed = await listCases(as('cityOffice'), { state: 'all' });
    for (const k of ['a', 'aLate', 'b', 'bLate', 'cityLate']) assert.ok(listed.some((c) => c.id === cases[k]), `the city lists ${k}`);
    assert.ok(listed.every((c) => !c.mine && c.applicant.includes('*')), 'all masked: it handles none of them');
    assert.deepEqual(listed.filter((c) => c.supervised).map((c) => c.id), [cases.cityLate], 'it supervises only its own government’s');
    const popular = await popularRequests(as('cityOffice'), 1);
    assert.ok(popular.some((p) => p.example.includes('甲县')) && popular.some((p) => p.example.includes('乙县')));

    const work = await worklist('cityOffice');
    assert.ok(work.some((w) => w.href === `/admin/foi/${cases.cityLate}` && w.kind.includes('督办')), 'it chases its own departments');
    assert.ok(!work.some((w) => w.href === `/admin/foi/${cases.aLate}` || w.href === `/admin/foi/${cases.bLate}`), 'the counties chase their own');

    const remedies = await listRemedies(database.db, actors.get('cityOffice')!);
    assert.ok(remedies.some((r) => r.agency.id === id.cityMz) && !remedies.some((r) => r.agency.id === id.aTown || r.agency.id === id.bTown));
    await assert.rejects(setRemedies({ db: database.db, actor: actors.get('cityOffice')! }, { agencyId: String(id.aTown), reviewBody: '', court: '某法院' }), (e) => code(e) === 'not_found');
    await setRemedies({ db: database.db, actor: actors.get('cityOffice')! }, { agencyId: String(id.cityMz), reviewBody: '', court: '测试市某区人民法院' });
  });

  it('leaves the county’s own staff flow as it was: confirm, 补正, reply, archive; its office reads it masked', async () => {
    const s = await submitApplication(as(null), form('aTown', '甲县城关镇2026年项目清单', IDS[2]!));
    const caseId = await idOf(s.code);
    await assert.rejects(confirmReceipt(as('bOffice'), caseId), (e) => code(e) === 'not_found');
    await assert.rejects(confirmReceipt(as('cityOffice'), caseId), (e) => code(e) === 'forbidden');
    await confirmReceipt(as('chengguan'), caseId);
    await handling.requestSupplement(as('chengguan'), caseId, { items: '请说明项目名称', dueOn: addDays(today, 10) });
    await handling.recordSupplement(as('chengguan'), caseId, { note: '电话补正' });
    await handling.extendCase(as('chengguan-sh'), caseId, { workdays: 5, approver: '王主任', reason: '检索档案' });
    await handling.replyCase(as('chengguan'), caseId, { outcome: 'unavailable_not_held', text: '政府信息公开申请告知书\n经检索，本机关未制作、获取该政府信息。' });
    await handling.recordDelivery(as('chengguan'), caseId, { method: '电子邮件' });
    await handling.archiveCase(as('chengguan'), caseId);

    const own = await caseDetail(as('chengguan'), caseId);
    assert.equal(own.canHandle, true);
    assert.equal(own.applicant.idNumber, IDS[2]);
    const office = await caseDetail(as('office'), caseId);
    assert.equal(office.canHandle, false);
    assert.equal(office.supervised, true, 'its own county’s case: the county office supervises it');
    assert.equal(office.applicant.masked, true);
    assert.ok((await listCases(as('chengguan'), { state: 'all' })).every((c) => c.mine), 'a township lists only its own');
    // A file attached for disclosure: the handlers and the offices within reach, not the sibling county's.
    await handling.attachFile(as('chengguan'), cases.a!, { fileId: 424_242, sha256: 'x'.repeat(64), name: '合同.pdf' });
    const reads = async (u: string) => mayReadCaseFile({ db: database.db, actor: actors.get(u)! }, 424_242);
    assert.deepEqual([await reads('chengguan'), await reads('office'), await reads('cityOffice'), await reads('bOffice'), await reads('bClerk')], [true, true, true, false, false]);

    // The applicant follows with code and secret, whichever county: unchanged.
    assert.equal((await followApplication(as(null), s.code, s.secret)).status, '已办结');
    assert.equal((await followApplication(as(null), secrets.b!.code, secrets.b!.secret)).status, '办理中');
  });
});
