import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../core/auth/actor.js';
import { login } from '../account/service.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { publishedItems } from '../catalog/queries.js';
import { createDraft, transition } from './service.js';
import { infoEditions } from './schema.js';
import { timelinessReport } from './timeliness.js';
import type { DraftInput } from './validate.js';

describe('timeliness against the catalog', () => {
  let database: Database;
  const actors = new Map<string, Actor>();
  const as = (u: string) => ({ db: database.db, actor: actors.get(u)! });

  before(async () => {
    database = await createTestDatabase({ demo: true });
    for (const u of ['hexi', 'office', 'chengguan']) {
      const r = await login(database.db, { username: u, password: DEMO_PASSWORD, address: "127.0.0.1" });
      assert.ok(r.ok);
      actors.set(u, r.actor);
    }
    // 河西乡 needs a reviewer to publish; the office may publish county-wide.
  });
  after(() => database.close());

  /** Publishes through the workflow, then dates the publication as if it happened on `publishedOn`. */
  async function publish(title: string, over: Partial<DraftInput>, publishedOn: string) {
    const d: DraftInput = { title, kind: '通知', theme: '民政、扶贫、救灾\\社会福利', assembly: '业务工作', docNumber: '', writtenDate: over.formedDate ?? '2026-03-02', formedDate: '2026-03-02', regulatory: false, body: '正文', disclosure: 'active', disclosureGround: '', catalogItemKeys: [], ...over };
    const { documentId, editionId } = await createDraft(as('hexi'), d);
    await transition(as('hexi'), editionId, 'submit');
    await database.db.update(infoEditions).set({ secrecyReviewer: '测试', secrecyReviewedAt: new Date(), state: 'approved' }).where(eq(infoEditions.id, editionId));
    await transition(as('office'), editionId, 'publish');
    await database.db.update(infoEditions).set({ publishedAt: new Date(`${publishedOn}T10:00:00+08:00`) }).where(eq(infoEditions.id, editionId));
    return documentId;
  }

  it('checks each publication against the strictest limit and lists catalog items with nothing published', async () => {
    const hexi = actors.get('hexi')!.agencyId;
    const items = await publishedItems(database.db, { agencyId: hexi });
    const tenDay = items.find((i) => i.timeLimitText === '制定或获取信息之日起10个工作日内')!;
    // Formed Mon 2026-03-02. 10 working days: 03-03..03-06 (4), 03-09..03-13 (5), 03-16 (10th) → due 2026-03-16.
    const onTime = await publish('按时公开', { catalogItemKeys: [tenDay.itemKey] }, '2026-03-16');
    const late = await publish('逾期公开', { catalogItemKeys: [tenDay.itemKey] }, '2026-03-18');
    // Enforcement decision formed 2026-03-02: 7 working days → 03-11; published 03-12 is one working day late.
    const enforcement = await publish('行政处罚决定书', { kind: '行政处罚决定' }, '2026-03-12');
    // No catalog item: article 26's 20 working days → due 2026-03-30; 03-27 is on time.
    await publish('一般信息', {}, '2026-03-27');

    const report = await timelinessReport(as('office'));
    const mine = report.find((r) => r.agencyId === hexi)!;
    assert.equal(mine.published, 4);
    assert.equal(mine.onTime, 2);
    assert.equal(mine.rate, 0.5);
    const lateRow = mine.late.find((r) => r.documentId === late)!;
    assert.equal(lateRow.due, '2026-03-16');
    assert.equal(lateRow.workdaysLate, 2);
    assert.match(lateRow.basis, /10个工作日/);
    const enfRow = mine.late.find((r) => r.documentId === enforcement)!;
    assert.equal(enfRow.due, '2026-03-11');
    assert.equal(enfRow.workdaysLate, 1);
    assert.ok(!mine.late.some((r) => r.documentId === onTime));
    assert.ok(mine.itemsWithoutInformation.length === items.length - 1, 'every catalog item but the one fulfilled is listed as empty');
  });

  it('counts the 春节 holiday and its make-up Saturday when computing the due date', async () => {
    // Formed Fri 2026-02-13. Working days after it: 02-14 (Sat, make-up) 1, 02-24..02-27 (2–5), 02-28 (Sat, make-up) 6, 03-02 7 → 7 working days due 2026-03-02.
    const doc = await publish('春节前作出的行政许可决定', { kind: '行政许可决定', writtenDate: '2026-02-13', formedDate: '2026-02-13' }, '2026-03-03');
    const mine = (await timelinessReport(as('hexi'))).find((r) => r.agencyId === actors.get('hexi')!.agencyId)!;
    const row = mine.late.find((r) => r.documentId === doc)!;
    assert.equal(row.due, '2026-03-02');
  });

  it('shows an agency only its own figures', async () => {
    const report = await timelinessReport(as('chengguan'));
    assert.ok(report.every((r) => r.agencyId === actors.get('chengguan')!.agencyId));
  });
});
