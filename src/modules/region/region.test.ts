import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import type { Actor, RoleGrant } from '../../core/auth/actor.js';
import { AppError } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { placementOf } from '../../core/org/scope.js';
import { catalogItems, catalogs, catalogTransitions, catalogVersions } from '../catalog/schema.js';
import { listDomains } from '../catalog/queries.js';
import { infoDocuments, infoEditions } from '../info/schema.js';
import { timelinessReport } from '../info/timeliness.js';
import { timelinessRegionStats } from '../info/region-stats.js';
import { foiApplications, foiEvents } from '../foi/schema.js';
import { annualReports } from '../report/schema.js';
import { countyDetail, regionDashboard, type RegionOptions, type RegionView } from './service.js';
import { regionXlsx } from './export-xlsx.js';

// A city with two counties, built here row by row (the trigger places each agency), with catalogs
// in every state, a late document, an overdue application and reports published or not.

const TODAY = '2026-06-15';
const OPTS: RegionOptions = { year: 2026, today: TODAY, countStartDay: false };
const at = (d: string) => new Date(`${d}T10:00:00+08:00`);

describe('region dashboard (县区推进情况)', () => {
  let database: Database;
  const id: Record<string, number> = {};
  const domain: Record<string, number> = {};
  const actors: Record<string, Actor> = {};
  let userSeq = 1000;

  const addAgency = async (key: string, name: string, kind: (typeof agencies.$inferInsert)['kind'], parent: string | null) => {
    const [row] = await database.db.insert(agencies).values({ name, kind, parentId: parent ? id[parent]! : null }).returning();
    id[key] = row!.id;
  };
  const actor = async (key: string, agency: string, roles: RoleGrant[]) => {
    actors[key] = { userId: userSeq++, username: key, name: key, agencyId: id[agency]!, placement: await placementOf(database.db, id[agency]!), roles, mustChangePassword: false };
  };
  /** A catalog with its versions: [state, created, last transition (if any), published on]. */
  const catalog = async (agency: string, domainName: string, versions: { state: 'draft' | 'submitted' | 'returned' | 'approved' | 'published' | 'superseded'; created: string; moved?: string; published?: string }[]) => {
    const [c] = await database.db.insert(catalogs).values({ agencyId: id[agency]!, domainId: domain[domainName]! }).returning();
    const ids: number[] = [];
    for (const [i, v] of versions.entries()) {
      const [row] = await database.db
        .insert(catalogVersions)
        .values({ catalogId: c!.id, versionNo: i + 1, state: v.state, createdAt: at(v.created), publishedAt: v.published ? at(v.published) : null })
        .returning();
      if (v.moved) await database.db.insert(catalogTransitions).values({ versionId: row!.id, fromState: 'draft', toState: v.state, at: at(v.moved) });
      ids.push(row!.id);
    }
    return ids;
  };
  let docSeq = 0;
  const doc = async (agency: string, formed: string, published: string, extra: Partial<typeof infoEditions.$inferInsert> = {}) => {
    const [d] = await database.db.insert(infoDocuments).values({ agencyId: id[agency]! }).returning();
    await database.db.insert(infoEditions).values({
      documentId: d!.id, editionNo: 1, state: 'published', title: `文件${++docSeq}`, kind: '通知', theme: '综合政务', assembly: '其他', writtenDate: formed, formedDate: formed,
      bodyHtml: '<p>正文</p>', disclosure: 'active', publishedAt: at(published), ...extra,
    });
    return d!.id;
  };
  let caseSeq = 0;
  const application = async (agency: string, state: 'in_progress' | 'closed', received: string, events: { kind: 'received' | 'replied'; on: string; data?: Record<string, unknown> }[]) => {
    const n = ++caseSeq;
    const [a] = await database.db
      .insert(foiApplications)
      .values({
        code: `T${n}`, secretHash: 'x', agencyId: id[agency]!, channel: 'online', state, applicantCategory: 'citizen', applicantName: '张三', idType: '居民身份证',
        idNumberEnc: 'x', applicantKey: `k${n}`, phone: '13800000000', content: '某项信息', form: 'electronic', delivery: 'online', contentKey: `c${n}`, receivedOn: received,
        closedOn: state === 'closed' ? events.at(-1)!.on : null,
      })
      .returning();
    for (const e of events) await database.db.insert(foiEvents).values({ applicationId: a!.id, kind: e.kind, on: e.on, data: e.data ?? {} });
  };

  before(async () => {
    database = await createTestDatabase();
    for (const d of await listDomains(database.db)) domain[d.name] = d.id;
    await addAgency('city', '测试市人民政府', 'city', null);
    await addAgency('cityOffice', '测试市人民政府办公室', 'department', 'city');
    await addAgency('cityMz', '测试市民政局', 'department', 'city');
    for (const [k, name] of [['a', '甲县'], ['b', '乙县']] as const) {
      await addAgency(k, `${name}人民政府`, 'county', 'city');
      await addAgency(`${k}Office`, `${name}人民政府办公室`, 'department', k);
      await addAgency(`${k}Mz`, `${name}民政局`, 'department', k);
      await addAgency(`${k}Town`, `${name}城关镇`, 'township', k);
    }
    await actor('cityOffice', 'cityOffice', [{ role: 'office', domainId: null }]);
    await actor('cityMz', 'cityMz', [{ role: 'supervisor', domainId: domain['社会救助']! }]);
    await actor('aOffice', 'aOffice', [{ role: 'office', domainId: null }]);
    await actor('aMz', 'aMz', [{ role: 'supervisor', domainId: domain['养老服务']! }]);
    await actor('aEditor', 'aTown', [{ role: 'editor', domainId: null }]);

    // 甲县: 社会救助 published by the township, the 民政局's waiting for review since March (overdue);
    // 养老服务 a draft; 义务教育 submitted last week; 户籍管理 published two years ago and never adjusted.
    const [published] = await catalog('aTown', '社会救助', [{ state: 'published', created: '2026-01-05', published: '2026-02-01' }]);
    await catalog('aMz', '社会救助', [{ state: 'submitted', created: '2026-02-20', moved: '2026-03-02' }]);
    await catalog('aMz', '养老服务', [{ state: 'draft', created: '2026-05-01' }]);
    await catalog('aTown', '义务教育', [{ state: 'submitted', created: '2026-06-01', moved: '2026-06-08' }]);
    await catalog('aTown', '户籍管理', [{ state: 'published', created: '2024-03-01', published: '2024-04-01' }]);
    // 乙县: 社会救助 published (a second version published this spring replaced the first).
    await catalog('bTown', '社会救助', [{ state: 'superseded', created: '2023-01-01', published: '2023-02-01' }, { state: 'published', created: '2026-03-01', published: '2026-04-01' }]);

    // A catalog item of 甲县城关镇 due 5 working days after the information forms.
    const [item] = await database.db
      .insert(catalogItems)
      .values({
        versionId: published!, origin: 'local', seq: 1, level1: '低保', level2: '低保对象名单', content: '名单', basis: '条例', timeLimitText: '信息形成之日起5个工作日内', subject: '城关镇',
        channels: ['政府网站'], otherChannels: [], audiencePublic: true, audienceSpecific: false, modeActive: true, modeOnRequest: false, levels: ['township'],
        timeRule: { kind: 'period', unit: 'workday', n: 5, event: 'formation_or_change' }, timeRuleOk: true,
      })
      .returning();

    // 甲县: two on time, one 20 working days late, one late against its catalog item (10 working days > 5).
    await doc('aMz', '2026-03-02', '2026-03-10');
    await doc('aTown', '2026-05-06', '2026-05-20');
    await doc('aOffice', '2026-03-02', '2026-05-20');
    await doc('aTown', '2026-04-01', '2026-04-16', { catalogItemKeys: [item!.itemKey] });
    // Not counted: published in 2025; and a correction (edition 2) of an on-time one.
    await doc('aOffice', '2025-01-02', '2025-06-30');
    const corrected = await doc('bMz', '2026-02-02', '2026-02-10', { state: 'superseded' });
    await database.db.insert(infoEditions).values({
      documentId: corrected, editionNo: 2, state: 'published', title: '更正', kind: '通知', theme: '综合政务', assembly: '其他', writtenDate: '2026-02-02', formedDate: '2026-02-02',
      bodyHtml: '<p>更正</p>', disclosure: 'active', publishedAt: at('2026-05-30'),
    });

    // Applications: 甲县 one answered on time, one late, one open since April (overdue);
    // 乙县 one answered on time and one open received last week (not due yet).
    await application('aMz', 'closed', '2026-03-02', [{ kind: 'received', on: '2026-03-02' }, { kind: 'replied', on: '2026-03-20', data: { dueOn: '2026-03-30', onTime: true } }]);
    await application('aTown', 'closed', '2026-03-02', [{ kind: 'received', on: '2026-03-02' }, { kind: 'replied', on: '2026-04-20', data: { dueOn: '2026-03-30', onTime: false } }]);
    await application('aOffice', 'in_progress', '2026-04-01', [{ kind: 'received', on: '2026-04-01' }]);
    await application('bMz', 'closed', '2026-01-05', [{ kind: 'received', on: '2026-01-05' }, { kind: 'replied', on: '2026-01-20', data: { dueOn: '2026-02-02', onTime: true } }]);
    await application('bMz', 'in_progress', '2026-06-08', [{ kind: 'received', on: '2026-06-08' }]);

    // Reports on 2025: 甲县's government and its township published; 乙县 none.
    for (const k of ['a', 'aTown']) {
      await database.db.insert(annualReports).values({ agencyId: id[k]!, year: 2025, state: 'published', snapshot: {} as never, publishedAt: at('2026-01-20') });
    }
    await database.db.insert(annualReports).values({ agencyId: id['bMz']!, year: 2025, state: 'draft' });
  });
  after(async () => database?.close());

  const ctx = (who: string) => ({ db: database.db, actor: actors[who]! });
  const cell = (v: RegionView, county: string, d: string) => v.rows.find((r) => r.id === id[county])!.cells.get(domain[d]!)!;

  it('shows the city office every county × pilot domain, with each catalog state', async () => {
    const v = await regionDashboard(ctx('cityOffice'), OPTS);
    assert.deepEqual(v.rows.map((r) => r.name), ['甲县人民政府', '乙县人民政府']);
    assert.equal(v.domains.length, 26);
    assert.equal(v.note, null);
    const a = (d: string) => cell(v, 'a', d);
    assert.equal(a('社会救助').state, 'overdue', 'the 民政局 catalog waits for review since March');
    assert.deepEqual(a('社会救助').counts, { compiling: 0, reviewing: 0, published: 1, overdue: 1 });
    assert.equal(a('养老服务').state, 'compiling');
    assert.equal(a('义务教育').state, 'reviewing');
    assert.equal(a('户籍管理').state, 'overdue', 'published two years ago, never adjusted');
    assert.equal(a('就业').state, 'none');
    assert.equal(cell(v, 'b', '社会救助').state, 'published', 'republished this spring: not overdue');
    assert.equal(cell(v, 'b', '养老服务').state, 'none');
  });

  it('gives each county its timeliness, on-time answers, report status and overdue items', async () => {
    const v = await regionDashboard(ctx('cityOffice'), OPTS);
    const a = v.rows.find((r) => r.id === id['a'])!.metrics!;
    const b = v.rows.find((r) => r.id === id['b'])!.metrics!;
    assert.deepEqual([a.published, a.onTime, a.timeliness], [4, 2, 0.5]);
    assert.deepEqual([b.published, b.onTime, b.timeliness], [1, 1, 1]);
    assert.deepEqual([a.replied, a.repliedOnTime, a.replyRate, a.overdueApplications], [2, 1, 0.5, 1]);
    assert.deepEqual([b.replied, b.repliedOnTime, b.overdueApplications], [1, 1, 0], 'the open one in 乙县 is not due yet');
    assert.deepEqual(a.report, { ownState: 'published', others: 3, othersPublished: 1, overdue: 2 });
    assert.deepEqual(b.report, { ownState: null, others: 3, othersPublished: 0, overdue: 4 }, '乙县 past 3月31日 and its agencies past 1月31日');
    assert.equal(a.overdueCatalogs, 2);
    assert.equal(a.overdueItems, 2 + 1 + 2);
    assert.equal(b.overdueItems, 4);
  });

  it('counts timeliness exactly as the info module’s own report does, per agency', async () => {
    const agencyRows = await timelinessReport(ctx('cityOffice'));
    const countyA = new Set([id['aOffice'], id['aMz'], id['aTown']]);
    const expected = agencyRows.filter((r) => countyA.has(r.agencyId)).reduce((s, r) => ({ published: s.published + r.published, onTime: s.onTime + r.onTime }), { published: 0, onTime: 0 });
    // timelinessReport counts every year: take 2025's document off.
    expected.published -= 1;
    expected.onTime -= 0;
    const place = { id: id['a']!, path: (await placementOf(database.db, id['a']!)).agencyPath, govId: id['a']! };
    const perAgency = await timelinessRegionStats(ctx('cityOffice'), { gov: place, by: 'agency', year: 2026 });
    const got = perAgency.reduce((s, r) => ({ published: s.published + r.published, onTime: s.onTime + r.onTime }), { published: 0, onTime: 0 });
    assert.deepEqual(got, expected);
  });

  it('drills down into one county per agency, listing its overdue catalogs', async () => {
    const d = await countyDetail(ctx('cityOffice'), id['a']!, OPTS);
    assert.deepEqual(d.rows.map((r) => r.name), ['甲县人民政府', '甲县人民政府办公室', '甲县民政局', '甲县城关镇']);
    const town = d.rows.find((r) => r.id === id['aTown'])!;
    assert.equal(town.cells.get(domain['社会救助']!)!.state, 'published');
    assert.deepEqual([town.metrics!.published, town.metrics!.onTime], [2, 1]);
    assert.equal(d.rows.find((r) => r.id === id['aOffice'])!.metrics!.overdueApplications, 1);
    assert.deepEqual(
      d.overdue.map((o) => [o.agencyName, o.domainName, o.reason, o.since]).sort(),
      [['甲县城关镇', '户籍管理', 'unadjusted', '2024-04-01'], ['甲县民政局', '社会救助', 'stalled', '2026-03-02']],
    );
  });

  it('keeps a county office to its own county: no sibling, not even by its id', async () => {
    const v = await regionDashboard(ctx('aOffice'), OPTS);
    assert.deepEqual(v.rows.map((r) => r.id), [id['a']]);
    assert.match(v.note ?? '', /只显示本县/);
    await assert.rejects(countyDetail(ctx('aOffice'), id['b']!, OPTS), (e: AppError) => e.status === 404);
    const place = { id: id['b']!, path: (await placementOf(database.db, id['b']!)).agencyPath, govId: id['b']! };
    await assert.rejects(timelinessRegionStats(ctx('aOffice'), { gov: place, by: 'gov', year: 2026 }), (e: AppError) => e.status === 404);
    assert.ok(await countyDetail(ctx('aOffice'), id['a']!, OPTS));
  });

  it('shows a supervisor only its domains, in every county within its reach, without the office’s figures', async () => {
    const city = await regionDashboard(ctx('cityMz'), OPTS);
    assert.deepEqual(city.domains.map((d) => d.name), ['社会救助']);
    assert.equal(city.office, false);
    assert.deepEqual(city.rows.map((r) => [r.name, [...r.cells.values()].map((c) => c.state), r.metrics]), [['甲县人民政府', ['overdue'], null], ['乙县人民政府', ['published'], null]]);
    const county = await regionDashboard(ctx('aMz'), OPTS);
    assert.deepEqual(county.rows.map((r) => [r.name, [...r.cells.values()].map((c) => c.state)]), [['甲县人民政府', ['compiling']]]);
    await assert.rejects(countyDetail(ctx('aMz'), id['b']!, OPTS), (e: AppError) => e.status === 404);
    await assert.rejects(regionDashboard(ctx('aEditor'), OPTS), (e: AppError) => e.status === 403);
  });

  it('exports the same tables as XLSX', async () => {
    const v = await regionDashboard(ctx('cityOffice'), OPTS);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await regionXlsx(v)) as unknown as ExcelJS.Buffer);
    const [matrix, figures] = wb.worksheets;
    assert.equal(matrix!.name, '目录编制情况');
    const find = (ws: ExcelJS.Worksheet, text: string) => {
      let hit: ExcelJS.Cell | null = null;
      ws.eachRow((r) => r.eachCell((c) => void (c.text === text && !hit ? (hit = c) : null)));
      assert.ok(hit, `${ws.name} has ${text}`);
      return hit as ExcelJS.Cell;
    };
    const aRow = Number(find(matrix!, '甲县人民政府').row);
    const col = Number(find(matrix!, '社会救助').col);
    assert.equal(matrix!.getCell(aRow, col).text, '逾期\n已发布 1 · 逾期 1');
    assert.equal(matrix!.getCell(aRow, Number(find(matrix!, '就业').col)).text, '未编制');
    const fRow = Number(find(figures!, '乙县人民政府').row);
    const cells = (figures!.getRow(fRow).values as unknown[]).slice(1).map((x) => String(x ?? ''));
    assert.deepEqual(cells, ['乙县人民政府', '1', '1', '100.0%', '1', '1', '100.0%', '0', '未编制', '0/3', '4', '4']);
  });
});
