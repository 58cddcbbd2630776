// Search benchmark on PostgreSQL: generates a corpus of government documents in a fresh database,
// then compares the index (tsvector bigrams + GIN, with the exact check) with an ILIKE '%q%' scan
// over the same normalised text, query by query: latency, result counts, and whether both find
// exactly the same documents. Also times the page query search() (count + top 20 + snippets).
//   npm run bench:search -- --docs 100000 [--runs 30] [--scan-runs 5] [--keep]
//   --reuse gk_bench_search_xxxx: query a corpus kept by an earlier --keep run (no build, not dropped)
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names a server and a
// database to connect to for CREATE/DROP DATABASE; the benchmark's own database is dropped at the end.
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Db } from '../src/db/client.js';
import { corpusSql } from '../src/core/search/bench-corpus.js';
import { matchCondition, search } from '../src/core/search/pg.js';
import { likeContains, normalise, parseQuery } from '../src/core/text/normalise.js';

const { values: args } = parseArgs({ options: { docs: { type: 'string', default: '100000' }, runs: { type: 'string', default: '30' }, 'scan-runs': { type: 'string', default: '5' }, keep: { type: 'boolean', default: false }, reuse: { type: 'string' } } });
const DOCS = Number(args.docs);
const RUNS = Number(args.runs);
const SCAN_RUNS = Number(args['scan-runs']);
const QUERIES = ['救', '社保', '低保金', '义务教育', '公共资源交易', '城乡规划许可', '助', '救助供养', '残疾人两项补贴', '示民〔2019〕', '公开目录', '量子通信'];
const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const ms = (t0: number) => performance.now() - t0;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function admin(statement: string) {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  try { await c.query(statement); } finally { await c.end(); }
}

async function rows<T>(db: Db, q: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await db.execute(q)) as unknown as { rows: T[] };
  return r.rows;
}

async function timed(runs: number, f: () => Promise<unknown>): Promise<number[]> {
  await f(); // warm
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    out.push(ms(t0));
  }
  return out;
}

const reuse = args.reuse && /^gk_bench_search_[0-9a-f]{8}$/.test(args.reuse) ? args.reuse : null;
const name = reuse ?? `gk_bench_search_${randomBytes(4).toString('hex')}`;
const url = new URL(server);
url.pathname = '/' + name;
if (!reuse) await admin(`CREATE DATABASE ${name}`);
const database = await openDatabase({ databaseUrl: url.toString() });
const db = database.db;
const cleanup = async () => {
  await database.close().catch(() => {});
  if (!args.keep && !reuse) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
};
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  const [ver] = await rows<{ v: string }>(db, sql`select current_setting('server_version') as v`);
  console.log(`bench:search — ${DOCS.toLocaleString('en')} documents, PostgreSQL ${ver!.v}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load ${loadavg()[0]!.toFixed(2)}`);
  await migrateDatabase(database);
  let t0 = performance.now();
  const corpus = corpusSql();
  if (reuse) console.log(`  reusing the corpus in ${reuse}`);
  else {
  for (const st of corpus.setup) await db.execute(sql.raw(st));
  // Two loaders in parallel (PostgreSQL does not parallelise INSERT … SELECT), 20,000 rows a chunk.
  let next = 1;
  const loader = async () => {
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    try {
      while (next <= DOCS) {
        const from = next;
        next += 20_000;
        await c.query(corpus.insert(from, Math.min(20_000, DOCS - from + 1)));
      }
    } finally {
      await c.end();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(4, cpus().length)) }, loader));
  console.log(`  insert (tsvector generated in SQL): ${(ms(t0) / 1000).toFixed(1)} s`);
  for (const st of corpus.finish) {
    const t = performance.now();
    if (st.startsWith('CREATE INDEX')) await db.execute(sql.raw(`SET maintenance_work_mem = '1GB'`));
    await db.execute(sql.raw(st));
    console.log(`  ${st.split(/\s+/).slice(0, 2).join(' ')}: ${(ms(t) / 1000).toFixed(1)} s`);
  }
  }
  const [size] = await rows<{ table: string; gin: string; avg: number }>(db, sql`select pg_size_pretty(pg_total_relation_size('search_entries')) as table, pg_size_pretty(pg_relation_size('search_entries_tsv_idx')) as gin, avg(length(body))::int as avg from search_entries`);
  console.log(`corpus built and indexed in ${(ms(t0) / 1000).toFixed(1)} s: table ${size!.table} (GIN ${size!.gin}), body ${size!.avg} characters on average`);
  const [sample] = await rows<{ title: string; body: string; doc_number: string }>(db, sql`select title, left(body, 120) as body, doc_number from search_entries where ref_id = 1`);
  console.log(`sample: ${sample!.title} | ${sample!.doc_number} | ${sample!.body}…\n`);

  const header = ['query', 'matches', 'same docs', 'page p50', 'page p95', 'scan p50', 'scan p95', 'speed-up', 'all p50', 'all p95', 'cand.', 'no-check p50'];
  const table: string[][] = [];
  let allSame = true;
  const pageP95: number[] = [];
  const speedups: number[] = [];
  t0 = performance.now();
  for (const q of QUERIES) {
    const parsed = parseQuery(q);
    const where = matchCondition(parsed)!;
    const like = likeContains(normalise(q));
    const candidates = sql`select ref_id from search_entries where tsv @@ ${parsed.tsquery}::tsquery`;
    const viaIndex = sql`select ref_id from search_entries where ${where}`;
    const viaScan = sql`select ref_id from search_entries where norm ilike ${like}`;
    // What a LIKE-based search page does: one scan, counting every match, the newest 20 shown.
    const scanPage = sql`select ref_id, title, published_at, count(*) over () as n from search_entries where norm ilike ${like} order by published_at desc limit 20`;
    const a = (await rows<{ ref_id: number }>(db, viaIndex)).map((r) => r.ref_id).sort((x, y) => x - y);
    const b = (await rows<{ ref_id: number }>(db, viaScan)).map((r) => r.ref_id).sort((x, y) => x - y);
    const cand = (await rows<{ ref_id: number }>(db, candidates)).length;
    const same = a.length === b.length && a.every((x, i) => x === b[i]);
    allSame &&= same;
    const tp = await timed(RUNS, () => search(db, { q }));
    const ts = await timed(SCAN_RUNS, () => db.execute(scanPage));
    const ti = await timed(Math.min(RUNS, 10), () => db.execute(viaIndex));
    const tn = parsed.exact.length ? await timed(Math.min(RUNS, 10), () => db.execute(candidates)) : null;
    pageP95.push(pct(tp, 95));
    const speedup = pct(ts, 50) / pct(tp, 50);
    speedups.push(speedup);
    table.push([q, String(a.length), same ? 'yes' : `NO (${b.length})`, fmt(pct(tp, 50)), fmt(pct(tp, 95)), fmt(pct(ts, 50)), fmt(pct(ts, 95)), `${speedup.toFixed(0)}×`, fmt(pct(ti, 50)), fmt(pct(ti, 95)), String(cand), tn ? fmt(pct(tn, 50)) : '—']);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]! + 4 - [...c].length + c.length - [...c].length) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of table) console.log(line(r));
  console.log(`\ntimes in ms; page: ${RUNS} runs, scan: ${SCAN_RUNS} runs, all: ${Math.min(RUNS, 10)} runs per query, each after one warm-up run (queries took ${(ms(t0) / 1000).toFixed(0)} s)`);
  console.log('page  = search(): count (exact up to 1,000) + 20 results (ranked, or newest first above 1,000 matches, walking the newest entries) + snippets');
  console.log('scan  = the same page with ILIKE \'%q%\' on the normalised text: count + newest 20 in one sequential scan');
  console.log('all   = every matching document through the index (with the exact check); "same docs" compares this set with the ILIKE set');
  console.log('cand. = documents the bigram lookup alone returns; no-check = its time without the exact check');
  const worst = Math.min(...speedups);
  const maxPage = Math.max(...pageP95);
  const ok = maxPage < 50 && worst >= 50 && allSame;
  console.log(`load ${loadavg()[0]!.toFixed(2)} at end`);
  console.log(`verdict (page p95 < 50 ms, ≥ 50× the scan, same documents): ${ok ? 'PASS' : 'FAIL'} — worst page p95 ${fmt(maxPage)} ms, smallest speed-up ${worst.toFixed(0)}×, same documents for every query: ${allSame ? 'yes' : 'NO'}`);
} finally {
  await cleanup();
}
