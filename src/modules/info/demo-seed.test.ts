// The demo's information reads as a real office's would: each document under its own item of
// Article 20, published on time but for one late on purpose, nothing published after it was abolished.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import { demoActors } from '../../test/actors.js';
import { ARTICLE_20 } from './metadata.js';
import { infoDocuments, infoEditions } from './schema.js';
import { timelinessReport } from './timeliness.js';
import { toShanghaiDate } from '../../core/calendar/dates.js';

describe('demo information', () => {
  let database: Database;
  before(async () => { database = await createTestDatabase({ demo: true, full: true }); });
  after(async () => database.close());

  const published = async () =>
    database.db.select({ title: infoEditions.title, kind: infoEditions.kind, regulatory: infoEditions.regulatory, item: infoEditions.statutoryItem, publishedAt: infoEditions.publishedAt, formed: infoEditions.formedDate, validity: infoEditions.validity, validityDate: infoEditions.validityDate })
      .from(infoEditions).innerJoin(infoDocuments, eq(infoDocuments.id, infoEditions.documentId)).where(eq(infoEditions.state, 'published'));

  it('files each document under the Article 20 item it belongs to', async () => {
    const docs = await published();
    const itemOf = (pattern: RegExp) => docs.find((d) => pattern.test(d.title))?.item;
    const text = (n: number | null | undefined): string => (n ? (ARTICLE_20[n - 1] ?? "") : "");
    assert.match(text(itemOf(/行政处罚决定书/)), /行政处罚/);
    assert.match(text(itemOf(/部门预算/)), /财政预算、决算/);
    assert.match(text(itemOf(/防汛工作的通知/)), /突发公共事件/);
    for (const d of docs.filter((x) => x.regulatory)) assert.match(text(d.item), /规范性文件/, d.title);
  });

  it('publishes on time, one enforcement decision late on purpose, and nothing after its own abolition', async () => {
    const [office] = (await demoActors(database.db, ['office'])).values();
    const report = await timelinessReport({ db: database.db, actor: office! });
    const late = report.flatMap((a) => a.late);
    assert.deepEqual(late.map((l) => l.title), ['城关镇综合行政执法办公室行政处罚决定书（城综执罚〔2026〕3号）']);
    assert.ok(report.some((a) => a.onTime >= 4));
    for (const d of await published()) {
      // Dates are days on the Shanghai calendar: a document formed at 06:00 there is published on
      // that day, which UTC still calls the day before.
      assert.ok(d.publishedAt && toShanghaiDate(d.publishedAt) >= d.formed, `${d.title} is published after it was formed`);
      if (d.validityDate && d.validity === 'abolished') assert.ok(toShanghaiDate(d.publishedAt!) < d.validityDate, `${d.title} was published before it was abolished`);
    }
  });
});
