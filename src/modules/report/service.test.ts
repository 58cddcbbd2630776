import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import { login } from '../account/service.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { listAgencies } from '../org/service.js';
import { infoDocuments, infoEditions } from '../info/schema.js';
import { foiApplications, foiReviews } from '../foi/schema.js';
import { infoReportCounts } from '../info/report-counts.js';
import { and, eq } from 'drizzle-orm';
import { annualReports } from './schema.js';
import { createReport, saveReport, staffReport, subtreeIds } from './service.js';

type EditionFields = Partial<typeof infoEditions.$inferInsert>;

describe('annual report tables from the platform’s records', () => {
  let database: Database;
  let ids: { county: number; chengguan: number; village: number; hexi: number };

  /** A document with the given editions, written straight to the tables so each field is exact. */
  async function doc(agencyId: number, ...editions: EditionFields[]) {
    const [d] = await database.db.insert(infoDocuments).values({ agencyId }).returning();
    for (const [i, e] of editions.entries()) {
      await database.db.insert(infoEditions).values({
        documentId: d!.id, editionNo: i + 1, state: 'published', title: '测试文件', kind: '通知', theme: '其他', assembly: '其他', writtenDate: '2025-01-01', formedDate: '2025-01-01',
        bodyHtml: '', disclosure: 'active', publishedAt: new Date('2025-06-01T10:00:00+08:00'), ...e,
      });
    }
  }

  before(async () => {
    database = await createTestDatabase({ demo: true });
    const all = await listAgencies(database.db);
    const by = (n: string) => all.find((a) => a.name === n)!.id;
    ids = { county: all.find((a) => a.kind === 'county')!.id, chengguan: by('城关镇'), village: by('东关村'), hexi: by('河西乡') };
    const cg = ids.chengguan;
    const reg = (writtenDate: string, over: EditionFields = {}): EditionFields => ({ regulatory: true, writtenDate, formedDate: writtenDate, ...over });
    // 行政规范性文件 of 城关镇 (year 2025):
    await doc(cg, reg('2025-03-01')); // made, valid
    await doc(cg, reg('2023-05-01', { validity: 'abolished', validityDate: '2025-06-30' })); // abolished in 2025
    await doc(cg, reg('2022-01-01', { validity: 'expired', validityDate: '2026-02-01' })); // still valid on 2025-12-31
    await doc(cg, reg('2025-08-01', { validity: 'amended', validityDate: '2025-12-01' })); // made; amended, so neither abolished nor valid
    await doc(cg, reg('2026-01-10')); // written after the year
    await doc(cg, reg('2025-04-04', { state: 'draft', publishedAt: null })); // not published
    await doc(ids.hexi, reg('2025-02-02')); // another township
    // A 规章 (by 令) of the county government.
    await doc(ids.county, { kind: '命令（令）', docNumber: '示范县人民政府令第1号', writtenDate: '2025-04-01' });
    await doc(ids.county, { kind: '命令（令）', docNumber: '示政〔2025〕3号', writtenDate: '2025-04-02' }); // a 命令 without a 令 number: not a 规章
    // Enforcement decisions, counted by first publication in 2025 (Asia/Shanghai).
    await doc(cg, { kind: '行政许可决定', publishedAt: new Date('2025-05-01T09:00:00+08:00') });
    await doc(cg, { kind: '行政处罚决定', publishedAt: new Date('2025-12-31T20:00:00+08:00') }); // still 2025 in Beijing
    await doc(cg, { kind: '行政处罚决定', publishedAt: new Date('2025-12-31T17:00:00Z') }); // 2026-01-01 01:00 in Beijing
    await doc(ids.village, { kind: '行政许可决定', publishedAt: new Date('2025-07-01T09:00:00+08:00') }); // a village publishes through its township
    await doc(cg, { kind: '行政强制决定', publishedAt: new Date('2025-09-01T09:00:00+08:00') });
    await doc(cg, { kind: '行政强制决定', publishedAt: new Date('2024-09-01T09:00:00+08:00') }); // another year
    await doc(cg, { kind: '行政处罚决定', state: 'withdrawn', withdrawnInError: true, publishedAt: new Date('2025-03-01T09:00:00+08:00') }); // published in error
    await doc(cg, { kind: '行政处罚决定', state: 'superseded', publishedAt: new Date('2025-02-01T09:00:00+08:00') }, { kind: '行政处罚决定', publishedAt: new Date('2025-03-05T09:00:00+08:00') }); // one decision, two editions
  });
  after(() => database.close());

  it('counts a township’s documents and decisions, including its villages', async () => {
    const all = await listAgencies(database.db);
    const counts = await infoReportCounts(database.db, { agencyIds: subtreeIds(all, ids.chengguan), year: 2025 });
    assert.deepEqual(counts, { rules: { made: 0, abolished: 0, valid: 0 }, normative: { made: 2, abolished: 1, valid: 2 }, licensing: 2, penalty: 2, coercion: 1 });
  });

  it('counts the county over every agency under it, and puts the staff-entered fee in the table', async () => {
    const r = await login(database.db, { username: 'office', password: DEMO_PASSWORD, address: '127.0.0.1' });
    assert.ok(r.ok);
    const ctx = { db: database.db, actor: r.actor };
    const id = await createReport(ctx, { agencyId: ids.county, year: 2025 });
    await saveReport(ctx, id, { overview: '概述', problems: '问题', otherMatters: '未收取信息处理费。', feesWan: '０.５０' });
    const { content } = await staffReport(ctx, id);
    assert.deepEqual(content.tables.t2, { rules: { made: 1, abolished: 0, valid: 1 }, normative: { made: 3, abolished: 1, valid: 3 }, licensing: 2, penalty: 2, coercion: 1, feesWan: '0.5' });
  });

  it('reads tables 3 and 4 from the applications module’s records', async () => {
    const app = (n: number, agencyId: number, applicantCategory: string, receivedOn: string, closedOn: string | null, outcome: string | null) => ({
      code: `T${n}`, secretHash: 'x', agencyId, channel: 'counter' as const, state: closedOn ? ('closed' as const) : ('in_progress' as const), applicantCategory, applicantName: '测试', idType: 'id_card',
      idNumberEnc: 'x', applicantKey: `k${n}`, phone: '1', content: '申请公开', form: 'paper', delivery: 'pickup', contentKey: `c${n}`, receivedOn, closedOn, outcome,
    });
    await database.db.insert(foiApplications).values([
      app(1, ids.chengguan, 'natural', '2024-12-30', '2025-01-08', 'disclosed'), // 二 and （一）
      app(2, ids.hexi, 'business', '2025-03-03', '2025-03-20', 'withheld_third_party'), // 一 and （三）4
      app(3, ids.chengguan, 'natural', '2025-12-29', null, null), // 一 and 四
      app(4, ids.hexi, 'research', '2024-03-01', '2024-03-10', 'disclosed'), // closed in 2024: not in 2025
    ]);
    await database.db.insert(foiReviews).values([
      { agencyId: ids.chengguan, kind: 'reconsideration', filedOn: '2025-02-01', result: 'corrected', decidedOn: '2025-04-01' },
      { agencyId: ids.hexi, kind: 'litigation_direct', filedOn: '2025-11-01' },
    ]);
    const r = await login(database.db, { username: 'office', password: DEMO_PASSWORD, address: '127.0.0.1' });
    assert.ok(r.ok);
    const ctx = { db: database.db, actor: r.actor };
    const county2024 = await staffReport(ctx, await createReport(ctx, { agencyId: ids.county, year: 2024 }));
    assert.deepEqual(county2024.content.tables.t3.carried_out, { natural: 1, business: 0, research: 0, public_interest: 0, legal_service: 0, other_org: 0, total: 1 });
    const [cur] = await database.db.select().from(annualReports).where(and(eq(annualReports.agencyId, ids.county), eq(annualReports.year, 2025)));
    const view = await staffReport(ctx, cur!.id);
    const t = view.content.tables;
    assert.deepEqual(t.t3.received, { natural: 1, business: 1, research: 0, public_interest: 0, legal_service: 0, other_org: 0, total: 2 });
    assert.deepEqual(t.t3.carried_in, { natural: 1, business: 0, research: 0, public_interest: 0, legal_service: 0, other_org: 0, total: 1 });
    assert.equal(t.t3.disclosed.natural, 1);
    assert.equal(t.t3.withheld_third_party.business, 1);
    assert.deepEqual(t.t3.carried_out, { natural: 1, business: 0, research: 0, public_interest: 0, legal_service: 0, other_org: 0, total: 1 });
    assert.deepEqual(t.t4.reconsideration, { upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 });
    assert.deepEqual(t.t4.litigation_direct, { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
    assert.deepEqual(view.failures, []);
    // The township sees only its own applications.
    const cg = await staffReport(ctx, await createReport(ctx, { agencyId: ids.chengguan, year: 2025 }));
    assert.equal(cg.content.tables.t3.received.total, 1);
    assert.equal(cg.content.tables.t4.litigation_direct.total, 0);
  });
});
