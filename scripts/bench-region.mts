// Scale, measured (issue 12): a province-sized installation on PostgreSQL, built with set-based SQL,
// then the pages people use timed against a bare node:http hello world of the same run.
//
//   npm run bench:region -- [--scale 1] [--requests 200] [--concurrency 8] [--sequential 40]
//                           [--index-share 1] [--keep] [--reuse gk_bench_region] [--json]
//                           [--only search,worklist] [--explain 50]
//
// TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names a server and a database
// to connect to for CREATE/DROP DATABASE. The bench's own database, gk_bench_region, is created
// afresh and dropped at the end unless --keep; --reuse NAME measures a database kept earlier
// (no build, not dropped).
//
// Scale 1 is a province: 21 cities, 122 county-level governments, 1,600 townships, 20,000
// villages; each government with its general office and five departments; a published catalog
// of ~10 items per domain for 5 domains of every county department and 3 of every township;
// 2,000,000 published documents; 200,000 applications (10% open, on the clock); a site per city
// and county ('c<id>', 'x<id>'); three staff accounts. --scale 0.1 builds a tenth of every count
// (at least 2 cities and 2 counties). --index-share 0.25 puts only a quarter of the documents in
// the search index (every 4th), to save build time; the output says so.
//
// The app (buildApp, PUBLIC_CACHE_TTL=0, SEARCH_CACHE_TTL=0: every request is built afresh) and
// the hello world each run in a child process, so the load generator here never shares their
// event loop. Each target is fetched once and checked, then timed: `--sequential` requests one at
// a time, then `--requests` at `--concurrency` at once. The verdicts are printed, never asserted:
// the exit code is 1 only when a measurement is invalid (a non-200 answer, a failed check).
// --only keeps the targets whose name contains one of the given words (and the hello world).
// --explain MS has the app's sessions load auto_explain (ALTER DATABASE … SET, reset at the end):
// the plan, with actual times, of every query slower than MS ms goes to the PostgreSQL server log.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Db } from '../src/db/client.js';
import { seedReference } from '../src/seed/demo.js';
import { corpusSql } from '../src/core/search/bench-corpus.js';
import { freePort } from '../src/core/net/free-port.js';
import { loadConfig } from '../src/config.js';
import { ruleFor } from '../src/modules/catalog/repository.js';
import { applicantKeyOf, encryptText, hashSecret } from '../src/modules/foi/crypto.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    requests: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '8' },
    sequential: { type: 'string', default: '40' },
    'index-share': { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    explain: { type: 'string' },
    // internal: the app's child process
    serve: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (args.help) {
  console.log('usage: npm run bench:region -- [--scale 1] [--requests 200] [--concurrency 8] [--sequential 40] [--index-share 1] [--keep] [--reuse NAME] [--json]');
  process.exit(0);
}

const root = fileURLToPath(new URL('..', import.meta.url));
const server = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = (msg: string) => process.stderr.write(msg + '\n');
const dbUrl = (name: string) => {
  const u = new URL(server);
  u.pathname = '/' + name;
  return u.toString();
};

// ---------------------------------------------------------------------------------------------
// The app's child: `--serve URL` builds the app on that database and listens on PORT.

if (args.serve) {
  const { buildApp } = await import('../src/http/server.js');
  const config = loadConfig({ ...process.env, DATABASE_URL: args.serve, PUBLIC_CACHE_TTL: '0', SEARCH_CACHE_TTL: '0', SEARCH_RATE_LIMIT: '100000', LOG_LEVEL: 'silent', HOST: '127.0.0.1' });
  const database = await openDatabase({ databaseUrl: args.serve });
  const app = await buildApp({ config, db: database.db });
  await app.listen({ port: config.port, host: '127.0.0.1' });
  console.log('region app listening');
  process.on('SIGTERM', () => void app.close().then(() => database.close()).then(() => process.exit(0)));
  await new Promise(() => {});
}

// ---------------------------------------------------------------------------------------------
// Options

const num = (name: string, v: string | undefined, min: number, max = Infinity): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number in [${min}, ${max}] (got ${v})`);
  return n;
};
const scale = num('scale', args.scale, 0.001, 1);
const REQUESTS = Math.round(num('requests', args.requests, 1));
const CONCURRENCY = Math.round(num('concurrency', args.concurrency, 1));
const SEQUENTIAL = Math.round(num('sequential', args.sequential, 1));
const indexShare = num('index-share', args['index-share'], 0.01, 1);
const indexEvery = Math.max(1, Math.round(1 / indexShare));
const reuse = args.reuse && /^gk_bench_region[a-z0-9_]*$/.test(args.reuse) ? args.reuse : null;
if (args.reuse && !reuse) throw new Error('--reuse: a database name starting gk_bench_region');
const NAME = reuse ?? 'gk_bench_region';

const N = {
  cities: Math.max(2, Math.round(21 * scale)),
  counties: Math.max(2, Math.round(122 * scale)),
  townships: Math.max(4, Math.round(1600 * scale)),
  villages: Math.max(8, Math.round(20_000 * scale)),
  documents: Math.max(1000, Math.round(2_000_000 * scale)),
  applications: Math.max(200, Math.round(200_000 * scale)),
};
const DEPARTMENTS = ['民政局', '教育局', '财政局', '人力资源和社会保障局', '卫生健康委员会'];
const PASSWORD = 'Bench-region-2026!';

const ms = (t0: number) => performance.now() - t0;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))]!;
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function admin(statement: string) {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

async function rows<T>(db: Db, q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(q)) as unknown as { rows: T[] }).rows;
}

/** Runs `statements(from, n)` for chunks of 1…total on two connections at once (INSERT … SELECT is not parallel). */
async function chunked(url: string, total: number, size: number, statement: (from: number, n: number) => string): Promise<void> {
  let next = 1;
  const loader = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      while (next <= total) {
        const from = next;
        next += size;
        await c.query(statement(from, Math.min(size, total - from + 1)));
      }
    } finally {
      await c.end();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(2, cpus().length)) }, loader));
}

// ---------------------------------------------------------------------------------------------
// Build

type Built = { steps: [string, number][]; indexed: number };

async function build(db: Db, url: string): Promise<Built> {
  const steps: [string, number][] = [];
  const step = async (label: string, f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    const s = ms(t) / 1000;
    steps.push([label, s]);
    log(`  ${label}: ${s.toFixed(1)} s`);
  };
  const x = (q: string) => db.execute(sql.raw(q));

  await step('migrate + reference data', async () => {
    await migrateDatabase({ db, kind: 'postgres', close: async () => {} });
    await seedReference(db);
  });

  // Level by level, so that the trigger (migration 0018) finds every parent placed.
  await step(`agencies (1 province, ${N.cities} cities, ${N.counties} counties, ${N.townships} townships, ${N.villages} villages)`, async () => {
    await x(`INSERT INTO agencies (name, kind, functions, address, phone) VALUES ('示范省人民政府', 'province', '省人民政府。', '省府路1号', '0371-1000000')`);
    await x(`INSERT INTO agencies (name, kind, parent_id, functions, address, phone, sort)
      SELECT '示范第' || g || '市人民政府', 'city', (SELECT id FROM agencies WHERE kind = 'province'), '市人民政府。', '市府路' || g || '号', '0373-' || (2000000 + g), g
      FROM generate_series(1, ${N.cities}) g`);
    await x(`INSERT INTO agencies (name, kind, parent_id, functions, address, phone, sort)
      SELECT '示范第' || g || '县人民政府', 'county', c.id, '执行县人民代表大会及其常务委员会的决议，领导县政府各工作部门和乡镇人民政府的工作。', '县府路' || g || '号', '0373-' || (3000000 + g), g
      FROM generate_series(1, ${N.counties}) g
      JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM agencies WHERE kind = 'city') c ON c.rn = (g - 1) % ${N.cities}`);
    // Each government: its general office and five departments.
    await x(`INSERT INTO agencies (name, kind, parent_id, functions, address, phone, sort)
      SELECT CASE a.kind WHEN 'province' THEN '省' WHEN 'city' THEN '市' ELSE '县' END || d.name, 'department', a.id,
             CASE WHEN d.i = 0 THEN '负责政府日常工作，承担政务公开工作的组织协调、指导推进和监督检查。' ELSE '负责' || d.name || '相关工作。' END,
             '政府路' || (10 + d.i) || '号', '0373-' || (4000000 + a.id * 10 + d.i), d.i + 1
      FROM agencies a,
           (SELECT name, (ord - 1)::int AS i FROM unnest(ARRAY['人民政府办公室', ${DEPARTMENTS.map((d) => `'${d}'`).join(', ')}]) WITH ORDINALITY AS u(name, ord)) d
      WHERE a.kind IN ('province', 'city', 'county')`);
    await x(`INSERT INTO agencies (name, kind, parent_id, functions, address, phone, sort)
      SELECT '第' || g || '镇', 'township', c.id, '镇人民政府负责本辖区经济社会发展、公共服务和社会管理。', '镇政府路' || g || '号', '0373-' || (5000000 + g), 100 + g
      FROM generate_series(1, ${N.townships}) g
      JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM agencies WHERE kind = 'county') c ON c.rn = (g - 1) % ${N.counties}`);
    await x(`INSERT INTO agencies (name, kind, parent_id, functions, address, sort)
      SELECT '第' || g || '村', 'village', t.id, '村民自治组织，负责本村村务公开。', '第' || g || '村', 200 + g
      FROM generate_series(1, ${N.villages}) g
      JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM agencies WHERE kind = 'township') t ON t.rn = (g - 1) % ${N.townships}`);
  });

  await step('sites (root = province, c<id> per city, x<id> per county)', async () => {
    await x(`INSERT INTO portal_site (id, government_id, prefix, name, sponsor)
      SELECT row_number() OVER (ORDER BY (kind <> 'province'), id), id,
             CASE kind WHEN 'province' THEN '' WHEN 'city' THEN 'c' || id ELSE 'x' || id END,
             replace(name, '人民政府', '') || '人民政府门户网站', name
      FROM agencies WHERE kind IN ('province', 'city', 'county')
      ON CONFLICT (id) DO UPDATE SET government_id = excluded.government_id, prefix = excluded.prefix, name = excluded.name`);
  });

  // Catalogs: every county department 5 domains (its own five of the 26), every township 3.
  await step('catalogs (published, ~10 items per domain)', async () => {
    const templates = await rows<{ id: number; time_limit_text: string }>(db, sql`select id, time_limit_text from catalog_templates where not retired`);
    await x(`CREATE TEMP TABLE bench_rules (template_id int PRIMARY KEY, time_rule jsonb NOT NULL, ok boolean NOT NULL)`);
    for (let i = 0; i < templates.length; i += 500) {
      const part = templates.slice(i, i + 500).map((t) => {
        const r = ruleFor(t.time_limit_text, null);
        return sql`(${t.id}, ${JSON.stringify(r.timeRule)}::jsonb, ${r.timeRuleOk})`;
      });
      await db.execute(sql`insert into bench_rules values ${sql.join(part, sql`, `)}`);
    }
    await x(`CREATE TEMP TABLE bench_domains AS SELECT id, row_number() OVER (ORDER BY sort, id) - 1 AS rn FROM domains WHERE pilot`);
    // (agency, domain): county departments other than the office take domains 5k…5k+4 of their rank k; townships 0, 1, 2.
    await x(`INSERT INTO catalogs (agency_id, domain_id)
      SELECT a.id, d.id FROM agencies a JOIN agencies g ON g.id = a.parent_id AND g.kind = 'county'
      JOIN bench_domains d ON d.rn BETWEEN (a.sort - 2) * 5 AND (a.sort - 2) * 5 + 4
      WHERE a.kind = 'department' AND a.sort >= 2
      UNION ALL
      SELECT a.id, d.id FROM agencies a JOIN bench_domains d ON d.rn < 3 WHERE a.kind = 'township'`);
    await x(`INSERT INTO catalog_versions (catalog_id, version_no, state, change_note, created_at, published_at)
      SELECT id, 1, 'published', '首次发布', now() - interval '200 days', now() - interval '180 days' FROM catalogs`);
    await x(`INSERT INTO catalog_items (version_id, template_id, origin, seq, level1, level2, level3, item_code, content, basis, time_limit_text, subject,
        channels, other_channels, audience_public, audience_specific, mode_active, mode_on_request, levels, time_rule, time_rule_ok)
      SELECT v.id, t.id, 'template', t.rk, t.level1, t.level2, t.level3, t.item_code, t.content, t.basis, t.time_limit_text, t.subject,
        t.channels, t.other_channels, t.audience_public, t.audience_specific, t.mode_active, t.mode_on_request, t.levels, r.time_rule, r.ok
      FROM catalog_versions v JOIN catalogs c ON c.id = v.catalog_id
      JOIN (SELECT ct.*, row_number() OVER (PARTITION BY domain_id ORDER BY seq, id) AS rk FROM catalog_templates ct WHERE NOT retired) t ON t.domain_id = c.domain_id AND t.rk <= 10
      JOIN bench_rules r ON r.template_id = t.id`);
  });

  // Documents: spread over every agency but the villages, dated over ten years; one published edition each.
  const corpus = corpusSql();
  await step(`documents (${N.documents.toLocaleString('en')} with a published edition)`, async () => {
    for (const st of corpus.setup) await x(st); // generator functions; drops the GIN index until the end
    await x(`CREATE TABLE bench_publishers AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM agencies WHERE kind <> 'village'`);
    await x(`ALTER TABLE bench_publishers ADD PRIMARY KEY (rn)`);
    const [{ n: publishers }] = (await rows<{ n: number }>(db, sql`select count(*)::int as n from bench_publishers`)) as [{ n: number }];
    const topics = `ARRAY[${['社会救助', '政务公开', '义务教育', '最低生活保障', '乡村振兴', '安全生产', '医疗保障', '就业创业', '养老服务', '生态环境保护', '财政预决算', '公共资源交易', '住房保障', '临时救助', '残疾人两项补贴', '城乡规划许可', '低保金发放', '学生资助'].map((t) => `'${t}'`).join(',')}]::text[]`;
    const themes = `ARRAY['综合政务\\政务公开','民政、扶贫、救灾\\社会福利','教育\\义务教育','财政、金融、审计\\财政','城乡建设、环境保护\\城乡规划','劳动、人事、监察\\就业']::text[]`;
    const kinds = `ARRAY['通知','公告','通告','意见','决定','报告','政策解读']::text[]`;
    await chunked(url, N.documents, 20_000, (from, n) => `
      WITH g AS (SELECT g, p.id AS agency_id, now() - ((g::bigint * 7919) % 3650) * interval '1 day' - (g % 86400) * interval '1 second' AS pub
                 FROM generate_series(${from}, ${from + n - 1}) g JOIN bench_publishers p ON p.rn = (g::bigint * 104729) % ${publishers}),
      d AS (INSERT INTO info_documents (id, agency_id, index_number, created_at)
            SELECT g, agency_id, 'BR-' || agency_id || '-' || extract(year from pub)::int || '-' || lpad(g::text, 7, '0'), pub FROM g RETURNING id)
      INSERT INTO info_editions (id, document_id, edition_no, state, title, kind, theme, assembly, doc_number, written_date, formed_date, body_html, disclosure, published_at, created_at)
      SELECT g.g, g.g, 1, 'published', t.title, (${kinds})[1 + g.g % 7], (${themes})[1 + g.g % 6], '业务工作',
             CASE WHEN g.g % 3 = 0 THEN NULL ELSE '示' || b_pick(ARRAY['政办','政','民','教','财','人社']) || '〔' || extract(year from g.pub)::int || '〕' || (1 + g.g % 150) || '号' END,
             (g.pub - interval '3 days')::date, (g.pub - interval '3 days')::date,
             '<p>' || t.body || '</p>', 'active', g.pub, g.pub
      FROM g, LATERAL (SELECT b_zipf(${topics}) || repeat('', g.g % 1) AS topic) tp,
           LATERAL (SELECT b_title(tp.topic) AS title,
                           (SELECT string_agg(b_sentence(tp.topic) || repeat('', s % 1), '</p><p>') FROM generate_series(1, 3 + (g.g % 5)) s) AS body) t`);
    // The editions' government (migration 0022's trigger reads the document, which a CTE's own
    // insert does not show it: the app writes the two in separate statements).
    await chunked(url, N.documents, 100_000, (from, n) => `
      UPDATE info_editions e SET gov_id = a.gov_id FROM info_documents d JOIN agencies a ON a.id = d.agency_id
      WHERE d.id = e.document_id AND e.id BETWEEN ${from} AND ${from + n - 1}`);
    await x(`SELECT setval(pg_get_serial_sequence('info_documents', 'id'), (SELECT max(id) FROM info_documents))`);
    await x(`SELECT setval(pg_get_serial_sequence('info_editions', 'id'), (SELECT max(id) FROM info_editions))`);
  });

  // The search index, as indexDocument() would write it (norm ≈ normalise(): lower case, full-width punctuation as ASCII).
  const indexed = Math.ceil(N.documents / indexEvery);
  await step(`search entries (${indexed.toLocaleString('en')} documents${indexEvery > 1 ? `, every ${indexEvery}th` : ''}, agencies, catalog items)`, async () => {
    await chunked(url, N.documents, 20_000, (from, n) => `
      INSERT INTO search_entries (kind, ref_id, url, title, body, agency_id, theme, doc_kind, year, validity, published_at, doc_number, index_number, doc_number_key, index_number_key, norm)
      SELECT 'document', d.id, '/xxgk/' || d.id, e.title, b.body, d.agency_id, e.theme, e.kind, extract(year from e.written_date)::int, '有效', e.published_at,
             e.doc_number, d.index_number, regexp_replace(lower(e.doc_number), '[^〇㐀-䶿一-鿿豈-﫿𠀀-𲎯a-z0-9]+', '', 'g'), regexp_replace(lower(d.index_number), '[^a-z0-9]+', '', 'g'),
             translate(lower(e.title || E'\\n' || b.body || coalesce(' ' || e.doc_number, '') || ' ' || d.index_number), '，：；（）！？', ',:;()!?')
      FROM info_documents d JOIN info_editions e ON e.document_id = d.id,
           LATERAL (SELECT replace(replace(replace(e.body_html, '</p><p>', E'\\n'), '<p>', ''), '</p>', '') AS body) b
      WHERE d.id BETWEEN ${from} AND ${from + n - 1} AND d.id % ${indexEvery} = 0`);
    await x(`INSERT INTO search_entries (kind, ref_id, url, title, body, agency_id, published_at, norm)
      SELECT 'agency', id, '/agencies/' || id, name, functions || E'\\n办公地址：' || address, id, created_at, lower(name || E'\\n' || functions || E'\\n办公地址：' || address) FROM agencies`);
    await x(`INSERT INTO search_entries (kind, ref_id, url, title, body, agency_id, domain_id, year, published_at, norm)
      SELECT 'catalog_item', i.id, '/catalog/items/' || i.id, concat_ws(' · ', i.level1, i.level2, i.level3), i.content || E'\\n公开主体：' || i.subject, c.agency_id, c.domain_id,
             extract(year from v.published_at)::int, v.published_at,
             translate(lower(concat_ws(' · ', i.level1, i.level2, i.level3) || E'\\n' || i.content || E'\\n公开主体：' || i.subject), '，：；（）！？', ',:;()!?')
      FROM catalog_items i JOIN catalog_versions v ON v.id = i.version_id AND v.state = 'published' JOIN catalogs c ON c.id = v.catalog_id`);
    await x(`SET maintenance_work_mem = '1GB'`);
    for (const st of corpus.finish) await x(st); // the GIN index, ANALYZE
  });

  // Applications: 90% closed a while ago (received, replied), 10% open and on the clock (received within the last 15 days).
  await step(`applications (${N.applications.toLocaleString('en')}, 10% open, with events)`, async () => {
    const key = loadConfig({ ...process.env }).foiDataKey;
    const idEnc = encryptText(key, '410101199001011234');
    const applicant = applicantKeyOf(key, '410101199001011234');
    await x(`CREATE TABLE bench_handlers AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM agencies WHERE kind IN ('province', 'city', 'county', 'department', 'township')`);
    const [{ n: handlers }] = (await rows<{ n: number }>(db, sql`select count(*)::int as n from bench_handlers`)) as [{ n: number }];
    await chunked(url, N.applications, 20_000, (from, n) => `
      WITH g AS (SELECT g, h.id AS agency_id, g % 10 = 0 AS open,
                        CASE WHEN g % 10 = 0 THEN current_date - (g % 15) ELSE current_date - 20 - (g % 1800) END AS received
                 FROM generate_series(${from}, ${from + n - 1}) g JOIN bench_handlers h ON h.rn = (g::bigint * 7907) % ${handlers}),
      a AS (INSERT INTO foi_applications (id, code, secret_hash, agency_id, channel, state, applicant_category, applicant_name, id_type, id_number_enc, applicant_key,
                                          phone, content, form, delivery, content_key, submitted_at, received_on, outcome, closed_on)
            SELECT g, extract(year from received)::int || '-BR' || lpad(g::text, 7, '0'), '${hashSecret('bench')}', agency_id, 'online',
                   CASE WHEN open THEN 'in_progress' ELSE 'closed' END, 'natural', '张三', '居民身份证', '${idEnc}', '${applicant}' || (g % 5000),
                   '13800000000', '申请公开' || (2015 + g % 11) || '年度' || (ARRAY['最低生活保障资金','征地补偿','义务教育招生','公共资源交易','财政预决算'])[1 + g % 5] || '相关信息', 'electronic', 'online',
                   'k' || (g % 5000), received::timestamptz, received, CASE WHEN open THEN NULL ELSE (ARRAY['disclosed','partial','unavailable_not_held','other'])[1 + g % 4] END,
                   CASE WHEN open THEN NULL ELSE received + 10 END
            FROM g RETURNING id)
      INSERT INTO foi_events (application_id, kind, "on", at, data, public_note)
      SELECT g, 'received', received, received::timestamptz, '{"channel":"online"}'::jsonb, '已收到申请。' FROM g
      UNION ALL
      SELECT g, 'replied', received + 10, (received + 10)::timestamptz, '{}'::jsonb, '已答复。' FROM g WHERE NOT open`);
    await x(`SELECT setval(pg_get_serial_sequence('foi_applications', 'id'), (SELECT max(id) FROM foi_applications))`);
  });

  await step('staff accounts', async () => {
    const { seedUser } = await import('../src/modules/account/service.js');
    const [p] = await rows<{ county_office: number; city_office: number; township: number }>(db, sql`
      select (select o.id from agencies o where o.parent_id = c.id and o.kind = 'department' and o.sort = 1) as county_office,
             (select o.id from agencies o where o.parent_id = c.parent_id and o.kind = 'department' and o.sort = 1) as city_office,
             (select t.id from agencies t where t.parent_id = c.id and t.kind = 'township' order by t.id limit 1) as township
      from agencies c where c.kind = 'county' order by c.id limit 1`);
    await seedUser(db, { username: 'bench-county-office', displayName: '县政务公开办', agencyId: p!.county_office, password: PASSWORD, roles: [{ role: 'office', domainId: null }], mustChangePassword: false });
    await seedUser(db, { username: 'bench-city-office', displayName: '市政务公开办', agencyId: p!.city_office, password: PASSWORD, roles: [{ role: 'office', domainId: null }], mustChangePassword: false });
    await seedUser(db, { username: 'bench-township-editor', displayName: '镇信息员', agencyId: p!.township, password: PASSWORD, roles: [{ role: 'editor', domainId: null }], mustChangePassword: false });
  });

  await step('VACUUM ANALYZE', () => x('VACUUM ANALYZE'));
  return { steps, indexed };
}

// ---------------------------------------------------------------------------------------------
// Child processes (as in bench-http.ts: each server in its own process group)

const children: ChildProcess[] = [];
function startChild(argv: string[], env: NodeJS.ProcessEnv, ready: string, timeoutMs: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, argv, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(proc);
  let out = '';
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`not ready after ${timeoutMs / 1000}s:\n${out}`)), timeoutMs);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`exited (${signal ?? code}) before it was ready:\n${out}`));
    });
    proc.stderr!.on('data', (c: Buffer) => void (out = (out + c.toString()).slice(-8000)));
    proc.stdout!.on('data', (c: Buffer) => {
      out = (out + c.toString()).slice(-8000);
      if (out.includes(ready)) {
        clearTimeout(timer);
        ok(proc);
      }
    });
  });
}
function stopChildren(): void {
  for (const p of children) {
    if (p.exitCode === null && p.signalCode === null && p.pid !== undefined) {
      try {
        process.kill(-p.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
}
process.on('exit', stopChildren);

const HELLO = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('hello world');
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('hello listening'));
`;

// ---------------------------------------------------------------------------------------------
// Measurement

type Target = { name: string; path: string | (() => string); cookie?: string; target: number | null; group: 'baseline' | 'public' | 'search' | 'staff'; check: (body: string) => string | null };
type Row = { name: string; example: string; seqP50: number; seqP95: number; p50: number; p95: number; rps: number; bytes: number; target: number | null; ok: boolean; problem: string | null };

async function get(url: string, cookie?: string): Promise<{ status: number; body: string; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  const body = await res.text();
  return { status: res.status, body, ms: ms(t0) };
}

async function measure(base: string, t: Target): Promise<Row> {
  const path = () => (typeof t.path === 'string' ? t.path : t.path());
  const example = path();
  const first = await get(base + example, t.cookie);
  const problem = first.status !== 200 ? `GET ${example} answered ${first.status}: ${first.body.slice(0, 300)}` : t.check(first.body);
  if (problem) return { name: t.name, example, seqP50: 0, seqP95: 0, p50: 0, p95: 0, rps: 0, bytes: 0, target: t.target, ok: false, problem };
  let bad = 0;
  for (let i = 0; i < 5; i++) await get(base + path(), t.cookie); // warm-up
  const seq: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const r = await get(base + path(), t.cookie);
    if (r.status !== 200) bad++;
    seq.push(r.ms);
  }
  const conc: number[] = [];
  let issued = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (issued < REQUESTS) {
      issued++;
      const r = await get(base + path(), t.cookie);
      if (r.status !== 200) bad++;
      conc.push(r.ms);
    }
  }));
  const wall = ms(t0);
  return {
    name: t.name, example, seqP50: pct(seq, 50), seqP95: pct(seq, 95), p50: pct(conc, 50), p95: pct(conc, 95), rps: (conc.length / wall) * 1000,
    bytes: first.body.length, target: t.target, ok: bad === 0, problem: bad ? `${bad} non-200 answers` : null,
  };
}

/** A plain-text table; the first column left-aligned, Han characters counted as two columns. */
function printTable(head: string[], body: string[][]): void {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) && !/[–…±×]/.test(ch) ? 2 : 1), 0);
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c + ' '.repeat(widths[i]! - width(c)) : ' '.repeat(widths[i]! - width(c)) + c)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

// ---------------------------------------------------------------------------------------------
// Run

const url = dbUrl(NAME);
const startedAt = new Date();
if (!reuse) await admin(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`).then(() => admin(`CREATE DATABASE ${NAME}`));
const database = await openDatabase({ databaseUrl: url });
const db = database.db;
let cleaned = false;
const cleanup = async () => {
  if (cleaned) return;
  cleaned = true;
  stopChildren();
  await database.close().catch(() => {});
  if (args.explain && (args.keep || reuse)) await admin(`ALTER DATABASE ${NAME} RESET ALL`).catch(() => {});
  if (!args.keep && !reuse) await admin(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
};
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  const [ver] = await rows<{ v: string }>(db, sql`select current_setting('server_version') as v`);
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, PostgreSQL ${ver!.v}`;
  log(`bench:region — scale ${scale}, ${machine}, load ${loadavg()[0]!.toFixed(2)}`);
  let built: Built | null = null;
  const tBuild = performance.now();
  if (reuse) {
    // A kept database is measured at the current schema: the migrations added since it was built run first.
    const t = performance.now();
    await migrateDatabase({ db, kind: 'postgres', close: async () => {} });
    log(`  reusing ${reuse} (migrated in ${(ms(t) / 1000).toFixed(1)} s)`);
  }
  else built = await build(db, url);
  const buildS = ms(tBuild) / 1000;
  const [size] = await rows<{ size: string; bytes: string }>(db, sql`select pg_size_pretty(pg_database_size(current_database())) as size, pg_database_size(current_database())::text as bytes`);
  const counts = (await rows<{ k: string; n: number }>(db, sql`
    select 'agencies' as k, count(*)::int as n from agencies union all select 'documents', count(*)::int from info_documents
    union all select 'search entries (documents)', count(*)::int from search_entries where kind = 'document'
    union all select 'catalog items', count(*)::int from catalog_items union all select 'applications', count(*)::int from foi_applications
    union all select 'open applications', count(*)::int from foi_applications where state <> 'closed'`)).map((r) => `${r.k} ${r.n.toLocaleString('en')}`);
  log(`database ${NAME}: ${size!.size}; ${counts.join(', ')}`);

  // What to ask for: the first county (with its office and first township), its city.
  const [p] = await rows<{ county: number; city: number; domain: string; item: number; doc: number; city_doc: number }>(db, sql`
    with c as (select id, parent_id from agencies where kind = 'county' order by id limit 1)
    select c.id as county, c.parent_id as city,
      (select d.code from domains d join catalogs k on k.domain_id = d.id join agencies a on a.id = k.agency_id where a.gov_id = c.id order by d.sort limit 1) as domain,
      (select i.id from catalog_items i join catalog_versions v on v.id = i.version_id join catalogs k on k.id = v.catalog_id join agencies a on a.id = k.agency_id where a.gov_id = c.id order by i.id limit 1) as item,
      (select d.id from info_documents d join agencies a on a.id = d.agency_id where a.gov_id = c.id order by d.id desc limit 1) as doc,
      (select d.id from info_documents d join agencies a on a.id = d.agency_id where a.gov_id = c.parent_id order by d.id desc limit 1) as city_doc
    from c`);
  const { county, city, domain, item, doc } = p!;
  const { login } = await import('../src/modules/account/service.js');
  const session = async (username: string) => {
    const r = await login(db, { username, password: PASSWORD, address: '127.0.0.1' });
    if (!r.ok) throw new Error(`sign-in as ${username} failed`);
    return `gk_sid=${r.token}`;
  };
  const cityOffice = await session('bench-city-office');
  const countyOffice = await session('bench-county-office');
  const townshipEditor = await session('bench-township-editor');

  const QUERIES = ['社会救助', '义务教育', '低保金', '公共资源交易', '乡村振兴', '残疾人两项补贴', '城乡规划许可', '养老服务', '学生资助', '临时救助'];
  let qi = 0;
  const nextQuery = () => encodeURIComponent(QUERIES[qi++ % QUERIES.length]!);
  const html = (needle: string | RegExp) => (body: string) => (typeof needle === 'string' ? body.includes(needle) : needle.test(body)) ? null : `${needle} missing`;
  const searched = html(/条结果|没有找到相关内容/);
  const X = `/x${county}`;
  const C = `/c${city}`;
  const targets: Target[] = [
    { name: 'hello world (node:http)', path: '/', target: null, group: 'baseline', check: (b) => (b === 'hello world' ? null : 'unexpected body') },
    { name: 'home (province site)', path: '/', target: 100, group: 'public', check: html('示范省') },
    { name: 'home (county site)', path: `${X}/`, target: 100, group: 'public', check: html('示范第') },
    { name: 'catalog domain page (county)', path: `${X}/catalog/domains/${domain}`, target: 100, group: 'public', check: html('/catalog/items/') },
    { name: 'catalog item (county)', path: `${X}/catalog/items/${item}`, target: 100, group: 'public', check: html('公开') },
    { name: 'document page (county)', path: `${X}/xxgk/${doc}`, target: 100, group: 'public', check: html('索引号') },
    { name: '政府信息公开 /zfxxgk (county)', path: `${X}/zfxxgk`, target: 100, group: 'public', check: html('政府信息公开') },
    { name: 'information list /xxgk (county)', path: `${X}/xxgk`, target: 100, group: 'public', check: html('/xxgk/') },
    { name: '/xxgk (city)', path: `${C}/xxgk`, target: 100, group: 'public', check: html('/xxgk/') },
    { name: 'search in a county', path: () => `${X}/search?q=${nextQuery()}`, target: 50, group: 'search', check: searched },
    { name: 'search a city, 本级', path: () => `${C}/search?q=${nextQuery()}`, target: 100, group: 'search', check: searched },
    { name: 'search a city, scope=all', path: () => `${C}/search?q=${nextQuery()}&scope=all`, target: 100, group: 'search', check: searched },
    { name: 'city dashboard /admin/region', path: '/admin/region', cookie: cityOffice, target: 1000, group: 'staff', check: html('县区') },
    { name: 'worklist /admin (county office)', path: '/admin', cookie: countyOffice, target: 1000, group: 'staff', check: html('工作台') },
    { name: 'worklist /admin (city office)', path: '/admin', cookie: cityOffice, target: 1000, group: 'staff', check: html('工作台') },
    { name: 'worklist /admin (township editor)', path: '/admin', cookie: townshipEditor, target: 1000, group: 'staff', check: html('工作台') },
  ];

  const only = args.only?.split(',').map((w) => w.trim()).filter(Boolean);
  if (only) targets.splice(0, targets.length, ...targets.filter((t) => t.group === 'baseline' || only.some((w) => t.name.includes(w))));
  if (args.explain) {
    const threshold = Math.round(num('explain', args.explain, 0));
    await admin(`ALTER DATABASE ${NAME} SET session_preload_libraries = 'auto_explain'`);
    await admin(`ALTER DATABASE ${NAME} SET auto_explain.log_min_duration = ${threshold}`);
    await admin(`ALTER DATABASE ${NAME} SET auto_explain.log_analyze = on`);
    log(`  auto_explain: plans of queries slower than ${threshold} ms go to the server log`);
  }
  log('starting hello world and the app …');
  const helloPort = await freePort();
  await startChild(['-e', HELLO], { ...process.env, PORT: String(helloPort) }, 'hello listening', 15_000);
  const appPort = await freePort();
  const tApp = performance.now();
  await startChild(['--import', 'tsx', 'scripts/bench-region.mts', '--serve', url], { ...process.env, PORT: String(appPort) }, 'region app listening', 180_000);
  log(`  app ready in ${(ms(tApp) / 1000).toFixed(1)} s`);

  const results: Row[] = [];
  for (const t of targets) {
    log(`  ${t.name} …`);
    results.push(await measure(t.group === 'baseline' ? `http://127.0.0.1:${helloPort}` : `http://127.0.0.1:${appPort}`, t));
  }

  const verdict = (r: Row) => (!r.ok ? 'INVALID' : r.target === null ? '' : r.p95 < r.target ? 'PASS' : 'MISS');
  if (args.json) {
    console.log(JSON.stringify({ startedAt: startedAt.toISOString(), machine, scale, counts: N, buildSeconds: built ? buildS : null, steps: built?.steps ?? null, databaseSize: size!.size, indexShare: 1 / indexEvery, results: results.map((r) => ({ ...r, verdict: verdict(r) })) }, null, 2));
  } else {
    console.log(`\nbench:region ${startedAt.toISOString()} — scale ${scale}: ${N.cities} cities, ${N.counties} counties, ${N.townships.toLocaleString('en')} townships, ${N.villages.toLocaleString('en')} villages, ${N.documents.toLocaleString('en')} documents, ${N.applications.toLocaleString('en')} applications`);
    console.log(machine);
    if (built) console.log(`built in ${buildS.toFixed(0)} s (${built.steps.map(([l, s]) => `${l.replace(/ \(.*/, '')} ${s.toFixed(0)} s`).join(', ')})`);
    else console.log('reused a kept database (no build)');
    console.log(`database size ${size!.size}; ${counts.join(', ')}`);
    if (built && indexEvery > 1) console.log(`NOTE: only every ${indexEvery}th document (${built.indexed.toLocaleString('en')}) is in the search index (--index-share)`);
    console.log(`county x${county} under city c${city}; ${SEQUENTIAL} sequential requests, then ${REQUESTS} at concurrency ${CONCURRENCY}; times in ms; public cache and search cache off\n`);
    printTable(['target', 'seq p50', 'seq p95', 'conc p50', 'conc p95', 'req/s', 'KB', 'target p95', 'verdict'], results.map((r) => [
      r.name, fmt(r.seqP50), fmt(r.seqP95), fmt(r.p50), fmt(r.p95), fmt(r.rps), (r.bytes / 1024).toFixed(0), r.target === null ? '' : `< ${r.target}`, verdict(r),
    ]));
    console.log('\nverdict = concurrent p95 against the target (public pages < 100 ms, county search < 50 ms, dashboard and worklists < 1 s)');
    for (const r of results) if (r.problem) console.log(`INVALID ${r.name}: ${r.problem}`);
    console.log(`load ${loadavg()[0]!.toFixed(2)} at end`);
  }
  if (results.some((r) => !r.ok)) process.exitCode = 1;
} finally {
  await cleanup();
}
