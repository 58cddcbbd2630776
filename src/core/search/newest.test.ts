import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import { indexEntry, search } from './index.js';
import { COUNT_CAP, WALK_LIMIT } from './pg.js';
import type { SearchEntry } from './types.js';

// Over COUNT_CAP matches the page is newest first. It is found by walking the newest entries, or,
// when the matches are too sparse among them, through the GIN index; both must give the same pages.
describe('search: newest-first pages over many matches', () => {
  let database: Database;
  const day = 86_400_000;
  const base = Date.UTC(2026, 5, 1);
  const entry = (refId: number, daysAgo: number, match: boolean): SearchEntry => ({
    kind: 'document', refId, url: `/zfxxgk/documents/${refId}`, publishedAt: new Date(base - daysAgo * day),
    title: match ? `第${refId}号临时救助审批结果公示` : `第${refId}号道路养护工作简报`, body: match ? '临时救助对象名单' : '路面修补情况',
  });
  // 1,200 dense matches among the newest entries ("临时救助"), interleaved with other documents.
  const dense = Array.from({ length: 2_400 }, (_, i) => entry(i + 1, i, i % 2 === 0));
  // 1,100 "低保" matches, all older than WALK_LIMIT newer non-matching entries: the walk finds none.
  const sparse = [
    ...Array.from({ length: WALK_LIMIT + 100 }, (_, i) => entry(10_000 + i, 3_000 + i, false)),
    ...Array.from({ length: COUNT_CAP + 100 }, (_, i) => ({ ...entry(20_000 + i, 9_000 + i, false), title: `第${i}号低保金发放公示` })),
  ];
  // "危房改造": one in 50 of the newest entries (too sparse for the probe to call it dense), and
  // 1,100 more far older, so the count goes through the GIN lookup and the page through the walk.
  const moderate = [
    ...Array.from({ length: 2_400 }, (_, i) => i).filter((i) => i % 50 === 1).map((i) => ({ ...entry(30_000 + i, i, false), title: `第${i}号危房改造验收公示` })),
    ...Array.from({ length: COUNT_CAP + 100 }, (_, i) => ({ ...entry(40_000 + i, 20_000 + i, false), title: `第${i}号危房改造补助发放公示` })),
  ];
  const expected = (entries: SearchEntry[], has: string) =>
    entries.filter((e) => e.title.includes(has)).sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || b.refId - a.refId).map((e) => e.refId);

  before(async () => {
    database = await createTestDatabase();
    // Stored in an order unrelated to their dates, so row order cannot stand in for recency.
    const shuffled = [...dense, ...sparse, ...moderate].map((e, i) => ({ e, k: (i * 7919) % 10007 })).sort((a, b) => a.k - b.k).map((x) => x.e);
    await database.db.transaction((tx) => indexEntry(tx, shuffled));
  });
  after(() => database.close());

  it('gives the newest matches in order, page after page, when they are dense', async () => {
    const want = expected(dense, '临时救助');
    for (const page of [1, 2, 25]) {
      const r = await search(database.db, { q: '临时救助', page, pageSize: 20 });
      assert.equal(r.order, 'date');
      assert.equal(r.totalExact, false);
      assert.deepEqual(r.results.map((x) => x.refId), want.slice((page - 1) * 20, page * 20), `page ${page}`);
    }
  });

  it('gives the same pages when the matches are too old for the walk', async () => {
    const want = expected(sparse, '低保金');
    for (const page of [1, 3]) {
      const r = await search(database.db, { q: '低保金', page, pageSize: 20 });
      assert.equal(r.order, 'date');
      assert.deepEqual(r.results.map((x) => x.refId), want.slice((page - 1) * 20, page * 20), `page ${page}`);
    }
  });

  it('gives the same pages when the matches are moderately dense among the newest entries', async () => {
    const want = expected(moderate, '危房改造');
    for (const page of [1, 2, 3, 10]) {
      const r = await search(database.db, { q: '危房改造', page, pageSize: 20 });
      assert.equal(r.order, 'date');
      assert.equal(r.total, COUNT_CAP);
      assert.deepEqual(r.results.map((x) => x.refId), want.slice((page - 1) * 20, page * 20), `page ${page}`);
    }
  });
});
