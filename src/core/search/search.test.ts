import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, sql } from 'drizzle-orm';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import { likeContains, normalise, parseQuery, tokens } from '../text/normalise.js';
import { toHant } from '../text/zh.js';
import { indexEntry, removeEntries, search } from './index.js';
import { matchCondition, walkCondition } from './pg.js';
import { searchEntries } from './schema.js';
import { corpus, rng } from './fixtures.js';
import type { SearchEntry } from './types.js';

const HAN = /^[\u4e00-\u9fff]+$/u;

describe('search index on the database', () => {
  let database: Database;
  const docs = corpus(400);
  const extra = (refId: number, e: Partial<SearchEntry>): SearchEntry => ({ kind: 'document', refId, url: `/zfxxgk/documents/${refId}`, title: '', body: '', publishedAt: new Date('2026-01-01T00:00:00Z'), ...e });

  before(async () => {
    database = await createTestDatabase();
    await database.db.transaction((tx) => indexEntry(tx, docs));
  });
  after(() => database.close());

  const ids = async (where: ReturnType<typeof sql>) =>
    (await database.db.select({ id: searchEntries.refId }).from(searchEntries).where(and(where, sql`${searchEntries.publishedAt} <= now()`))).map((r) => r.id).sort((a, b) => a - b);
  const viaIndex = (q: string) => ids(matchCondition(parseQuery(q))!);
  const viaIlike = (q: string) => ids(sql`${searchEntries.norm} ilike ${likeContains(normalise(q))}`);
  const viaWalkCheck = (q: string) => ids(walkCondition(parseQuery(q))!);

  it('builds the same tokens in SQL as in TypeScript', async () => {
    for (const d of docs.slice(0, 40)) {
      const norm = normalise(d.body);
      const [row] = await database.db.select({ v: sql<string[]>`array(select lexeme from unnest(to_tsvector('simple', gk_search_tokens(${norm}))))` }).from(searchEntries).limit(1);
      assert.deepEqual([...row!.v].sort(), [...new Set(tokens(norm))].sort(), norm);
    }
  });

  it('finds exactly what ILIKE finds on the normalised text, for 1–6 character queries', async () => {
    const r = rng(11);
    const queries = new Set(['公开目', '开目录', '救', '助', '号', '低保金', '义务教育', '公共资源交易', '城乡规划许可', '保金', '育救', '开公']);
    const chars = [...new Set(docs.flatMap((d) => [...normalise(d.title + d.body)]).filter((c) => HAN.test(c)))];
    while (queries.size < 160) {
      const len = 1 + Math.floor(r() * 6);
      if (r() < 0.6) {
        const text = normalise(docs[Math.floor(r() * docs.length)]!.body);
        const at = Math.floor(r() * Math.max(1, text.length - len));
        const q = text.slice(at, at + len);
        if (HAN.test(q)) queries.add(q);
      } else {
        queries.add(Array.from({ length: len }, () => chars[Math.floor(r() * chars.length)]).join(''));
      }
    }
    let nonEmpty = 0;
    for (const q of queries) {
      const [a, b, c] = await Promise.all([viaIndex(q), viaIlike(q), viaWalkCheck(q)]);
      assert.deepEqual(a, b, `query ${q}`);
      assert.deepEqual(c, a, `the newest-first walk's check, query ${q}`);
      if (a.length) nonEmpty++;
    }
    assert.ok(nonEmpty > 80, `most queries match something (${nonEmpty})`);
  });

  it('treats a 文号 typed with its closing bracket as a complete number, in the index and in the walk', async () => {
    await database.db.transaction((tx) => indexEntry(tx, [
      extra(2001, { title: '示民〔2019〕3号 关于低保的通知', body: '' }),
      extra(2002, { title: '关于转发示民[2019]12号的通知', body: '' }),
      extra(2003, { title: '示民〔20190〕号 编号有误', body: '' }),
      extra(2004, { title: '示民2019年工作总结', body: '' }),
      extra(2005, { title: 'Report ABC-2019 review', body: 'abcd 2019x' }),
    ]));
    for (const [q, want] of [['示民〔2019〕', [2001, 2002, 2004]], ['示民〔2019', [2001, 2002, 2003, 2004]], ['示民 2019', [2001, 2002, 2003, 2004]], ['abc', [2005]], ['abc-2019', [2005]], ['abc-2019 ', [2005]]] as const) {
      const [a, c] = await Promise.all([viaIndex(q), viaWalkCheck(q)]);
      assert.deepEqual(a.filter((id) => id > 2000), [...want], `index, query ${q}`);
      assert.deepEqual(c, a, `walk, query ${q}`);
    }
  });

  it('finds 简体 text with a 繁體 query and 繁體 text with a 简体 query', async () => {
    await database.db.transaction((tx) => indexEntry(tx, [extra(1001, { title: '殯葬補貼申領辦法', body: '臨時補貼對象認定' }), extra(1002, { title: '城乡规划许可公示', body: '建设工程规划许可证发放' })]));
    assert.deepEqual((await search(database.db, { q: '殡葬补贴申领' })).results.map((x) => x.refId), [1001]);
    assert.deepEqual((await search(database.db, { q: toHant('城乡规划许可公示') })).results.map((x) => x.refId), [1002]);
    assert.deepEqual((await search(database.db, { q: '临时补贴对象' })).results.map((x) => x.refId), [1001]);
    const hit = (await search(database.db, { q: '补贴申领' })).results.find((x) => x.refId === 1001)!;
    assert.equal(hit.titleHtml, '殯葬<mark>補貼申領</mark>辦法', 'the stored text is shown as it was written');
  });

  it('filters by kind, agency, domain, theme, document kind, year and validity', async () => {
    const base = { title: '庚辛壬癸专项检查', body: '专项检查结果' };
    await database.db.transaction((tx) => indexEntry(tx, [
      extra(2001, { ...base, agencyId: 1, domainId: 1, year: 2024, theme: '社会保障', docKind: '通知', validity: '有效' }),
      extra(2002, { ...base, agencyId: 2, domainId: 1, year: 2025, theme: '教育', docKind: '意见', validity: '失效' }),
      extra(2003, { ...base, kind: 'agency', agencyId: 2, year: 2025 }),
    ]));
    const got = async (f: object) => (await search(database.db, { q: '庚辛壬癸', ...f })).results.map((x) => `${x.kind}:${x.refId}`).sort();
    assert.deepEqual(await got({}), ['agency:2003', 'document:2001', 'document:2002']);
    assert.deepEqual(await got({ kind: 'document' }), ['document:2001', 'document:2002']);
    assert.deepEqual(await got({ agencyId: 2 }), ['agency:2003', 'document:2002']);
    assert.deepEqual(await got({ domainId: 1, year: 2025 }), ['document:2002']);
    assert.deepEqual(await got({ theme: '社会保障' }), ['document:2001']);
    assert.deepEqual(await got({ docKind: '意见' }), ['document:2002']);
    assert.deepEqual(await got({ validity: '有效' }), ['document:2001']);
  });

  it('ranks a title match above a body match, and the newer above the older at equal relevance', async () => {
    await database.db.transaction((tx) => indexEntry(tx, [
      extra(3001, { title: '通报', body: '关于子丑寅卯工作的情况', publishedAt: new Date('2026-02-01T00:00:00Z') }),
      extra(3002, { title: '子丑寅卯工作要点', body: '全年安排', publishedAt: new Date('2025-02-01T00:00:00Z') }),
      extra(3003, { title: '辰巳午未实施细则', body: '正文', publishedAt: new Date('2024-05-01T00:00:00Z') }),
      extra(3004, { title: '辰巳午未实施细则', body: '正文', publishedAt: new Date('2025-05-01T00:00:00Z') }),
    ]));
    assert.deepEqual((await search(database.db, { q: '子丑寅卯' })).results.map((x) => x.refId), [3002, 3001]);
    assert.deepEqual((await search(database.db, { q: '辰巳午未' })).results.map((x) => x.refId), [3004, 3003]);
  });

  it('escapes stored text in snippets and marks only the matches', async () => {
    await database.db.transaction((tx) => indexEntry(tx, extra(4001, { title: '<script>alert(1)</script>申酉戌亥', body: '说明 <img src=x onerror=alert(1)> & 申酉戌亥 "引号"' })));
    const [hit] = (await search(database.db, { q: '申酉戌亥' })).results;
    assert.equal(hit!.titleHtml, '&lt;script&gt;alert(1)&lt;/script&gt;<mark>申酉戌亥</mark>');
    assert.equal(hit!.snippetHtml, '说明 &lt;img src=x onerror=alert(1)&gt; &amp; <mark>申酉戌亥</mark> &quot;引号&quot;');
    const s = await search(database.db, { q: 'script' });
    assert.equal(s.results[0]!.titleHtml, '&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;申酉戌亥');
  });

  it('puts an exact 文号 or 索引号 first, however the brackets are typed', async () => {
    await database.db.transaction((tx) => indexEntry(tx, [
      extra(5001, { title: '关于进一步加强最低生活保障工作的通知', body: '各乡镇人民政府', docNumber: '民办函〔2019〕52号', indexNumber: '11419901000000014X/2019-00052' }),
      extra(5002, { title: '转发民办函〔2019〕52号的通知', body: '请遵照执行', docNumber: '示民〔2019〕3号' }),
    ]));
    for (const q of ['民办函〔2019〕52号', '民办函[2019]52号', '民辦函（2019）52號']) {
      const r = await search(database.db, { q });
      assert.equal(r.exact?.refId, 5001, q);
      assert.deepEqual(r.results.map((x) => x.refId).sort(), [5001, 5002], q);
    }
    assert.equal((await search(database.db, { q: '11419901000000014x/2019-00052' })).exact?.refId, 5001);
    assert.equal((await search(database.db, { q: '民办函' })).exact, undefined);
  });

  it('never shows what is not published yet, and forgets removed entries', async () => {
    await database.db.transaction((tx) => indexEntry(tx, [extra(6001, { title: '甲乙丙丁定时发布', publishedAt: new Date(Date.now() + 86_400_000) }), extra(6002, { title: '甲乙丙丁已发布' })]));
    assert.deepEqual((await search(database.db, { q: '甲乙丙丁' })).results.map((x) => x.refId), [6002]);
    await database.db.transaction((tx) => removeEntries(tx, 'document', [6002]));
    assert.equal((await search(database.db, { q: '甲乙丙丁' })).total, 0);
  });

  it('answers hostile queries without errors', async () => {
    const hostile = ["'; drop table search_entries; --", '<script>alert(1)</script>', ':*', '&|!()', "'", '\\', '%_', '救 & !助', '救:*', '(社会', 'a:* | b', '\u0000', '\uD800救', '救\uDC00', '𠀀', '!!!', '〔〕', '字'.repeat(100), 'x'.repeat(100)];
    for (const q of hostile) {
      const r = await search(database.db, { q });
      assert.ok(r.total >= 0, q);
    }
    assert.equal((await search(database.db, { q: '&|!()' })).message, '请输入汉字、字母或数字。');
    await assert.rejects(search(database.db, { q: '   ' }), /请输入要搜索的内容/);
    await assert.rejects(search(database.db, { q: '救'.repeat(10_000) }), /不能超过 100 个字/);
    assert.ok((await database.db.select({ n: sql<number>`count(*)::int` }).from(searchEntries))[0]!.n > 400, 'the table is still there');
  });

  it('bounds paging and reports how results are ordered', async () => {
    const r = await search(database.db, { q: '救', page: 10_000, pageSize: 1000 });
    assert.equal(r.pageSize, 50);
    assert.equal(r.page, 20);
    const all = await search(database.db, { q: '公', pageSize: 50 });
    assert.equal(all.order, 'relevance');
    assert.ok(all.total > 50 && all.pages === Math.ceil(all.total / 50));
    const p2 = await search(database.db, { q: '公', pageSize: 50, page: 2 });
    assert.equal(new Set([...all.results, ...p2.results].map((x) => x.refId)).size, all.results.length + p2.results.length, 'pages do not overlap');
  });
});
