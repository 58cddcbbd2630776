// HTTP throughput of the public catalog, compared with a bare node:http hello world measured in the same run,
// and search under a flood of random queries (the security audit's test), next to a fixed query.
//
//   npm run bench:http -- [--connections 50] [--duration 10] [--warmup 3] [--json]
//                         [--only hello,catalog,api,catalog-hant,search-fixed,search-random] [--profile DIR]
//                         [--search-connections 200]
//
// Each server runs in its own child process, so the load generator (autocannon, in this process)
// and the server under test never share an event loop; on a 2-core machine that is one core each.
// The app is started like `npm start` (node --import tsx src/main.ts) with a fresh temporary
// DATA_DIR, so it migrates and seeds the demo county before it prints "Gongkai listening".
// Every target is fetched once and checked before it is loaded, and every measurement reports its
// non-2xx / error / timeout counts: numbers from a run with any of them are not to be trusted.
// The search targets are the exception: under their flood (200 connections, autocannon's default
// 10 s timeout, no warm-up, the random one run twice in a row as the audit did) a 503 "busy" is the
// expected answer beyond the bound, so those rows report 200s per second, 503s and timeouts, and
// the home page's latency probed every 250 ms while the flood runs.
// The verdict ("catalog page ≥ 25% of hello world") is printed, never asserted: the exit code is 0
// whether it passes or fails, and 1 only when the measurement itself is invalid.
// --profile DIR runs the app with `node --cpu-prof` and prints the functions with the most self time
// (the numbers of such a run are slowed by the profiler and are not comparable).
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '../src/core/net/free-port.js';

// ---------------------------------------------------------------------------------------------
// autocannon (CommonJS, no bundled types): the slice of its programmatic API used here.

type Percentiles = { mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p99: number; total?: number };
type AutocannonResult = {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
  latency: Percentiles;
  requests: Percentiles & { sent: number };
  throughput: Percentiles;
};
type AutocannonOptions = {
  url: string; connections: number; duration: number; headers?: Record<string, string>; pipelining?: number; timeout?: number;
  requests?: { setupRequest: (req: Record<string, unknown>) => Record<string, unknown> }[];
};
type Autocannon = (opts: AutocannonOptions) => Promise<AutocannonResult> & { stop?: () => void };
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

// ---------------------------------------------------------------------------------------------
// Options

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    profile: { type: 'string' },
    'search-connections': { type: 'string', default: '200' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (args.help) {
  console.log('usage: npm run bench:http -- [--connections 50] [--duration 10] [--warmup 3] [--json] [--only hello,catalog,api,catalog-hant,search-fixed,search-random] [--profile DIR] [--search-connections 200]');
  process.exit(0);
}
const positiveInt = (name: string, v: string | undefined, min: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min} (got ${v})`);
  return n;
};
const connections = positiveInt('connections', args.connections, 1);
const duration = positiveInt('duration', args.duration, 1);
const warmup = positiveInt('warmup', args.warmup, 0);
const searchConnections = positiveInt('search-connections', args['search-connections'], 1);
const asJson = args.json;
const profileDir = args.profile ? resolve(args.profile) : null;

const root = fileURLToPath(new URL('..', import.meta.url));
/** Progress goes to stderr so that `--json` leaves stdout machine-readable. */
const log = (msg: string) => process.stderr.write(msg + '\n');

// ---------------------------------------------------------------------------------------------
// Targets

type Target = {
  name: string;
  label: string;
  /** 'app' runs with the public page cache (the default configuration); 'app-nocache' with PUBLIC_CACHE_TTL=0. */
  server: 'hello' | 'app' | 'app-nocache';
  path: string;
  headers?: Record<string, string>;
  /** Checks one response body before the target is loaded; returns a problem or null. */
  check: (body: string, contentType: string) => string | null;
  /** A flood target: its own connection count and client timeout, no warm-up, 503 "busy" expected. */
  flood?: { connections: number; timeoutS: number };
  /** A new path for every request (random queries), instead of `path`. */
  nextPath?: () => string;
};

// Random queries as the audit sent them: one to four characters from the words of a county's
// notices, a fifth of them with a random Latin word, so almost every request misses every cache.
// A fixed seed makes runs comparable.
const QUERY_CHARS = [...'社会救助政务公开义务教育最低生活保障乡村振兴安全生产医疗就业创业养老服务生态环境财政预决算公共资源交易住房户籍防汛抗旱耕地学生资助征地补偿农村危房改造退役军人低保金卫生城乡规划许可'];
let seed = 20261203;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
function randomQuery(): string {
  let q = '';
  for (let i = 0, n = 1 + Math.floor(random() * 4); i < n; i++) q += QUERY_CHARS[Math.floor(random() * QUERY_CHARS.length)];
  if (random() < 0.2) q += ' ' + Math.floor(random() * 36 ** 4).toString(36);
  return q;
}
const searchPage = (body: string, type: string) => (!type.startsWith('text/html') ? `content-type ${type}` : /条结果|没有找到相关内容/.test(body) ? null : 'no result count on the search page');

const TARGETS: Target[] = [
  {
    name: 'hello', label: 'hello world (node:http)', server: 'hello', path: '/',
    check: (body) => (body === 'hello world' ? null : 'unexpected body'),
  },
  {
    name: 'catalog', label: 'catalog page 社会救助 (HTML)', server: 'app', path: '/catalog/domains/social-assistance',
    check: (body, type) => {
      if (!type.startsWith('text/html')) return `content-type ${type}`;
      if (!body.includes('社会救助领域基层政务公开标准目录')) return 'heading 社会救助领域基层政务公开标准目录 missing';
      if (!body.includes('/catalog/items/')) return 'no published item links: is the demo county seeded?';
      return null;
    },
  },
  {
    name: 'api', label: 'item API ?domain=social-assistance', server: 'app', path: '/api/v1/catalog/items?domain=social-assistance',
    check: (body, type) => {
      if (!type.startsWith('application/json')) return `content-type ${type}`;
      const data = (JSON.parse(body) as { data?: { domain: { code: string } }[] }).data;
      if (!data?.length) return 'no items returned: is the demo county seeded?';
      if (data.some((i) => i.domain.code !== 'social-assistance')) return 'items of another domain returned';
      return null;
    },
  },
  {
    name: 'catalog-hant', label: 'catalog page 繁體 (gk_script=hant)', server: 'app', path: '/catalog/domains/social-assistance',
    headers: { cookie: 'gk_script=hant' },
    check: (body, type) => {
      if (!type.startsWith('text/html')) return `content-type ${type}`;
      if (!body.includes('社會救助')) return '繁體 text 社會救助 missing: was the page converted?';
      return null;
    },
  },
];
// Search: a fixed query (after its first answer, served from the caches) as the baseline of the
// same run, then random queries twice in a row: the audit's second run is the one that served none.
const flood = { connections: searchConnections, timeoutS: 10 };
TARGETS.push(
  { name: 'search-fixed', label: `search page 社会救助, ${searchConnections} conn.`, server: 'app', path: '/search?q=' + encodeURIComponent('社会救助'), check: searchPage, flood },
  { name: 'search-random', label: `search random queries, ${searchConnections} conn.`, server: 'app', path: '/search?q=' + encodeURIComponent('救助'), nextPath: () => '/search?q=' + encodeURIComponent(randomQuery()), check: searchPage, flood },
  { name: 'search-random-2', label: `search random queries, 2nd run at once`, server: 'app', path: '/search?q=' + encodeURIComponent('救助'), nextPath: () => '/search?q=' + encodeURIComponent(randomQuery()), check: searchPage, flood },
);
// The same pages with the public cache off: what every request costs when it is built afresh.
for (const name of ['catalog', 'api']) {
  const t = TARGETS.find((x) => x.name === name)!;
  TARGETS.push({ ...t, name: `${name}-nocache`, label: `${t.label}, cache off`, server: 'app-nocache' });
}

const only = args.only ? new Set(args.only.split(',').map((s) => s.trim())) : null;
if (only) {
  for (const n of only) if (!TARGETS.some((t) => t.name === n)) throw new Error(`--only: unknown target ${n} (known: ${TARGETS.map((t) => t.name).join(', ')})`);
  only.add('hello'); // every ratio is against the hello world of the same run
  if (only.has('search-random')) only.add('search-random-2');
}
const targets = TARGETS.filter((t) => !only || only.has(t.name));

// ---------------------------------------------------------------------------------------------
// Child processes

type Child = { name: string; proc: ChildProcess; output: () => string; startupMs: number };
const children: Child[] = [];
const tempDirs: string[] = [];


/** Starts a child in its own process group and resolves once a line of its stdout contains `ready`. */
function startChild(name: string, command: string, argv: string[], env: NodeJS.ProcessEnv, ready: string, timeoutMs: number): Promise<Child> {
  const spawnedAt = Date.now();
  const proc = spawn(command, argv, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString('utf8')).slice(-8000);
  };
  const child: Child = { name, proc, output: () => out, startupMs: 0 };
  children.push(child);
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${name}: not ready after ${timeoutMs / 1000}s\n${out}`)), timeoutMs);
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      fail(new Error(`${name} exited (${signal ?? code}) before it was ready:\n${out}`));
    };
    proc.once('exit', onExit);
    proc.once('error', (err) => {
      clearTimeout(timer);
      fail(err);
    });
    proc.stderr!.on('data', keep);
    proc.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (out.includes(ready)) {
        child.startupMs = Date.now() - spawnedAt;
        clearTimeout(timer);
        proc.off('exit', onExit);
        ok(child);
      }
    });
  });
}

const HELLO = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('hello world');
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('hello listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

async function startHello(): Promise<{ child: Child; base: string }> {
  const port = await freePort();
  const child = await startChild('hello', process.execPath, ['-e', HELLO], { ...process.env, PORT: String(port) }, 'hello listening', 15_000);
  return { child, base: `http://127.0.0.1:${port}` };
}

async function startApp(extraEnv: NodeJS.ProcessEnv = {}): Promise<{ child: Child; base: string }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
  tempDirs.push(dataDir);
  const nodeArgs = ['--import', 'tsx'];
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
  }
  // The load comes from one address: the per-address search limit would answer nearly all of it
  // with 429, and the bench measures what is behind it (the bound, the queue, the cache).
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(dataDir, 'db'), LOG_LEVEL: 'warn', SEARCH_RATE_LIMIT: '100000', ...extraEnv };
  delete env.DATABASE_URL; // always the embedded PGlite in the fresh DATA_DIR
  const child = await startChild('app', process.execPath, [...nodeArgs, 'src/main.ts'], env, 'Gongkai listening', 180_000);
  return { child, base: `http://127.0.0.1:${port}` };
}

/** SIGTERM to the child's process group, SIGKILL after a grace period. */
async function stopChild(c: Child, graceMs = 10_000): Promise<void> {
  const { proc } = c;
  if (proc.exitCode !== null || proc.signalCode !== null || proc.pid === undefined) return;
  const exited = new Promise<void>((ok) => proc.once('exit', () => ok()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const killed = new Promise<void>((ok) => {
    timer = setTimeout(() => {
      signal('SIGKILL');
      ok();
    }, graceMs);
  });
  await Promise.race([exited, killed]);
  clearTimeout(timer);
}

let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  return (cleaning ??= (async () => {
    await Promise.all(children.map((c) => stopChild(c)));
    for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  })());
}
// Last resort if this process goes away without the async cleanup having finished.
process.on('exit', () => {
  for (const { proc } of children) {
    if (proc.exitCode === null && proc.signalCode === null && proc.pid !== undefined) {
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});
let running: (Promise<AutocannonResult> & { stop?: () => void }) | null = null;
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    interrupted = true;
    log(`\n${sig}: stopping the servers`);
    running?.stop?.();
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Measurement

type Row = {
  name: string;
  label: string;
  url: string;
  headers: Record<string, string>;
  requestsPerSec: number;
  requestsPerSecStddev: number;
  latencyMeanMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  totalRequests: number;
  bytesPerResponse: number;
  statusCodes: Record<string, number>;
  non2xx: number;
  /** Connection and parse errors, timeouts not included. */
  errors: number;
  timeouts: number;
  warmupNon2xx: number;
  ratioToHello: number | null;
  valid: boolean;
  /** Flood targets: 200 answers per second, 503 "busy" answers, and the home page's latency meanwhile. */
  okPerSec?: number;
  busy?: number;
  homeDuring?: { probes: number; p50Ms: number; maxMs: number; failed: number };
};

async function precheck(t: Target, url: string): Promise<void> {
  const res = await fetch(url, { headers: t.headers });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${t.name}: GET ${url} answered ${res.status}:\n${body.slice(0, 500)}`);
  const problem = t.check(body, res.headers.get('content-type') ?? '');
  if (problem) throw new Error(`${t.name}: GET ${url}: ${problem}`);
}

/**
 * Per-request timeout. A saturated server makes 50 queued connections wait for seconds; a request
 * that times out is not counted at all, so the timeout is generous and timeouts are reported.
 */
const REQUEST_TIMEOUT_S = 30;

async function load(url: string, headers: Record<string, string>, seconds: number, t?: Target): Promise<AutocannonResult> {
  if (interrupted) await new Promise(() => {}); // the signal handler is cleaning up and will exit
  const requests = t?.nextPath ? [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: t.nextPath!() }) }] : undefined;
  running = autocannon({ url, connections: t?.flood?.connections ?? connections, duration: seconds, headers, pipelining: 1, timeout: t?.flood?.timeoutS ?? REQUEST_TIMEOUT_S, requests });
  try {
    return await running;
  } finally {
    running = null;
  }
}

async function measure(t: Target, base: string): Promise<Row> {
  const url = base + t.path;
  const headers = t.headers ?? {};
  await precheck(t, url);
  let warmupNon2xx = 0;
  if (warmup > 0 && !t.flood) {
    log(`  ${t.name}: warm-up ${warmup}s …`);
    const w = await load(url, headers, warmup);
    warmupNon2xx = w.non2xx + w.errors - w.timeouts;
  }
  log(`  ${t.name}: measuring ${duration}s at ${t.flood?.connections ?? connections} connections …`);
  const probe = t.flood ? probeHome(base) : null;
  const r = await load(url, headers, duration, t);
  const homeDuring = await probe?.stop();
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
  const total = r.requests.total ?? r['2xx'] + r.non2xx;
  return {
    name: t.name,
    label: t.label,
    url,
    headers,
    requestsPerSec: r.requests.mean,
    requestsPerSecStddev: r.requests.stddev,
    latencyMeanMs: r.latency.mean,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    totalRequests: total,
    bytesPerResponse: total ? Math.round((r.throughput.total ?? 0) / total) : 0,
    statusCodes,
    non2xx: r.non2xx,
    errors: r.errors - r.timeouts,
    timeouts: r.timeouts,
    warmupNon2xx,
    ratioToHello: null,
    // autocannon counts a timeout as an error too; a timeout means saturation, any other error a broken run.
    // Under a flood, 503 "busy" is the intended answer beyond the bound.
    valid: r.errors - r.timeouts === 0 && Object.keys(statusCodes).every((c) => c === '200' || (t.flood && c === '503')) && (t.flood ? true : r.non2xx === 0 && r['2xx'] > 0),
    ...(t.flood ? { okPerSec: r['2xx'] / duration, busy: statusCodes['503'] ?? 0, homeDuring } : {}),
  };
}

/** Fetches the home page every 250 ms (one at a time, 30 s timeout) until stopped: is the site still there? */
function probeHome(base: string): { stop: () => Promise<NonNullable<Row['homeDuring']>> } {
  const times: number[] = [];
  let failed = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const t0 = performance.now();
      try {
        const res = await fetch(base + '/', { signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        if (res.status === 200) times.push(performance.now() - t0);
        else failed++;
      } catch {
        failed++;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      const sorted = [...times].sort((a, b) => a - b);
      return { probes: times.length + failed, p50Ms: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), maxMs: Math.round(sorted.at(-1) ?? 0), failed };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Profile summary (--profile)

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/**
 * Self time per function in the app's main-thread profile, leaving out the start-up (migrations,
 * seeding, module loading) so that what remains is the load phase.
 */
function summariseProfile(dir: string, pid: number, skipMs: number, top = 20): string[] {
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main thread (1 is tsx's loader worker).
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile') && f.split('.')[3] === String(pid) && f.split('.')[4] === '0');
  if (!file) return [`no main-thread .cpuprofile for pid ${pid} in ${dir}`];
  const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let t = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (t >= skipMs * 1000) self.set(id, (self.get(id) ?? 0) + dt);
  });
  const byFunction = new Map<string, number>();
  const byComponent = new Map<string, number>();
  let idleUs = 0;
  let busyUs = 0;
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame;
    if (f.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    busyUs += us;
    const where = f.url ? `${f.url.replace(`file://${root}`, '').replace(/^.*node_modules\//, '')}:${f.lineNumber + 1}` : '';
    const fn = `${f.functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const component = componentOf(f.url, f.functionName);
    byComponent.set(component, (byComponent.get(component) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / busyUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms`;
  const sorted = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return [
    `profile ${join(dir, file)}: after start-up ${(busyUs / 1e6).toFixed(1)}s busy, ${(idleUs / 1e6).toFixed(1)}s idle (the idle part is the hello-world phase)`,
    'busy time by component:',
    ...sorted(byComponent, 15).map(([k, us]) => `  ${pct(us)}  ${k}`),
    'busy time by function (self):',
    ...sorted(byFunction, top).map(([k, us]) => `  ${pct(us)}  ${k}`),
  ];
}

function componentOf(url: string, functionName: string): string {
  if (url.startsWith('wasm://')) return 'PGlite: Postgres compiled to WASM';
  if (url.includes('@electric-sql/pglite')) return 'PGlite: JS (wire protocol, file system shim)';
  if (url.includes('drizzle-orm')) return 'drizzle-orm (query building, result mapping)';
  if (url.includes('opencc-js')) return 'opencc-js (繁體 conversion)';
  if (/node_modules\/(fastify|@fastify|find-my-way|avvio|light-my-request|fast-json-stringify|helmet|cookie|pino)/.test(url)) return 'fastify and plugins';
  if (url.includes('node_modules/zod')) return 'zod';
  const src = url.indexOf('/src/');
  if (src >= 0 && !url.includes('node_modules')) return `app: ${url.slice(src + 1)}`;
  if (url.startsWith('node:')) return 'node internals (http, streams, timers)';
  if (!url) return functionName.startsWith('(') ? functionName : 'native (fstat, writev, …)';
  return `other: ${url.replace(/^.*node_modules\//, '').split('/')[0]}`;
}

// ---------------------------------------------------------------------------------------------
// Run

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

/** A plain-text table; the first column left-aligned, Han characters counted as two columns. */
function printTable(head: string[], body: string[][]): void {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) && !/[–…±]/.test(ch) ? 2 : 1), 0);
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c + ' '.repeat(widths[i]! - width(c)) : ' '.repeat(widths[i]! - width(c)) + c)).join('  ');
  console.log('');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage1mAtStart: Math.round(loadavg()[0]! * 100) / 100,
  };
  log(`bench:http — ${machine.cpus} CPU (${machine.cpuModel}), node ${machine.node}, load average ${machine.loadAverage1mAtStart}; ${connections} connections, ${warmup}s warm-up + ${duration}s per target`);
  if (machine.loadAverage1mAtStart > machine.cpus / 2) log(`WARNING: load average ${machine.loadAverage1mAtStart} on ${machine.cpus} CPUs: other processes compete for the cores, numbers will be noisy`);

  const needApp = targets.some((t) => t.server !== 'hello');
  log('starting hello world server …');
  const hello = await startHello();
  let app: { child: Child; base: string } | null = null;
  if (needApp) {
    log('starting the app (fresh DATA_DIR: migrate + seed demo county) …');
    const t0 = Date.now();
    app = await startApp();
    log(`  app ready in ${((Date.now() - t0) / 1000).toFixed(1)}s at ${app.base}`);
  }

  let appNoCache: { child: Child; base: string } | null = null;
  if (targets.some((t) => t.server === 'app-nocache')) {
    log('starting a second app with the public cache off (PUBLIC_CACHE_TTL=0) …');
    appNoCache = await startApp({ PUBLIC_CACHE_TTL: '0' });
  }

  const rows: Row[] = [];
  for (const t of targets) {
    const base = t.server === 'hello' ? hello.base : t.server === 'app' ? app!.base : appNoCache!.base;
    rows.push(await measure(t, base));
  }
  const helloRow = rows.find((r) => r.name === 'hello')!;
  for (const r of rows) r.ratioToHello = helloRow.requestsPerSec > 0 ? r.requestsPerSec / helloRow.requestsPerSec : null;

  const appCrashed = app !== null && (app.child.proc.exitCode !== null || app.child.proc.signalCode !== null);
  await cleanup();

  const catalog = rows.find((r) => r.name === 'catalog');
  const allValid = rows.every((r) => r.valid) && !appCrashed;
  const THRESHOLD = 0.25;
  const verdict = catalog
    ? {
        target: 'catalog page ≥ 25% of hello world',
        threshold: THRESHOLD,
        ratio: catalog.ratioToHello,
        result: !catalog.valid || !helloRow.valid ? 'INVALID' : (catalog.ratioToHello ?? 0) >= THRESHOLD ? 'PASS' : 'FAIL',
      }
    : null;
  const profile = profileDir && app?.child.proc.pid ? summariseProfile(profileDir, app.child.proc.pid, app.child.startupMs) : null;

  const loadAtEnd = Math.round(loadavg()[0]! * 100) / 100;
  if (asJson) {
    console.log(JSON.stringify({ startedAt: startedAt.toISOString(), machine, options: { connections, duration, warmup, pipelining: 1, requestTimeoutSeconds: REQUEST_TIMEOUT_S, profiled: Boolean(profileDir) }, loadAverage1mAtEnd: loadAtEnd, results: rows, verdict, valid: allValid }, null, 2));
  } else {
    const plain = rows.filter((r) => r.okPerSec === undefined);
    const floods = rows.filter((r) => r.okPerSec !== undefined);
    printTable(['target', 'req/s (mean)', '± stddev', 'p50 ms', 'p99 ms', 'requests', 'bytes/resp', 'non-2xx', 'errors', 'timeouts', 'vs hello'], plain.map((r) => [
      r.label,
      fmt(r.requestsPerSec),
      fmt(r.requestsPerSecStddev),
      fmt(r.latencyP50Ms, 0),
      fmt(r.latencyP99Ms, 0),
      fmt(r.totalRequests),
      fmt(r.bytesPerResponse),
      String(r.non2xx),
      String(r.errors),
      String(r.timeouts),
      r.ratioToHello === null ? '–' : `${(r.ratioToHello * 100).toFixed(1)}%`,
    ]));
    if (floods.length) {
      printTable(['search flood (10 s client timeout)', 'answers/s', '200/s', '200s', '503 busy', 'other', 'timeouts', 'errors', 'p50 ms', 'p99 ms', 'home p50 ms', 'home max ms', 'home failed'], floods.map((r) => [
        r.label,
        fmt(r.requestsPerSec),
        fmt(r.okPerSec!),
        fmt(r.statusCodes['200'] ?? 0),
        fmt(r.busy!),
        fmt(r.non2xx - r.busy!),
        String(r.timeouts),
        String(r.errors),
        fmt(r.latencyP50Ms, 0),
        fmt(r.latencyP99Ms, 0),
        fmt(r.homeDuring?.p50Ms ?? 0),
        fmt(r.homeDuring?.maxMs ?? 0),
        `${r.homeDuring?.failed ?? 0}/${r.homeDuring?.probes ?? 0}`,
      ]));
    }
    console.log('');
    for (const r of rows) {
      if (!r.valid) console.log(`WARNING ${r.name}: status codes ${JSON.stringify(r.statusCodes)}, ${r.non2xx} non-2xx, ${r.errors} errors — do not trust this row`);
      else if (r.timeouts) console.log(`note ${r.name}: ${r.timeouts} requests waited more than ${TARGETS.find((x) => x.name === r.name)?.flood?.timeoutS ?? REQUEST_TIMEOUT_S}s (server saturated); they are not counted in req/s`);
      if (r.warmupNon2xx) console.log(`note ${r.name}: ${r.warmupNon2xx} non-2xx/errors during warm-up`);
    }
    if (appCrashed) console.log('WARNING: the app process exited during the run');
    console.log(`load average (1 min): ${machine.loadAverage1mAtStart} at start, ${loadAtEnd} at end, on ${machine.cpus} CPUs`);
    if (verdict) {
      const pct = verdict.ratio === null ? '–' : `${(verdict.ratio * 100).toFixed(1)}%`;
      console.log(`verdict: ${verdict.target}: ${verdict.result} (catalog page ${fmt(catalog!.requestsPerSec)} req/s = ${pct} of hello world ${fmt(helloRow.requestsPerSec)} req/s)`);
    }
    if (profileDir) console.log('note: the app ran under --cpu-prof; these numbers are slowed by the profiler');
    if (profile) console.log('\n' + profile.join('\n'));
  }
  if (!allValid) process.exitCode = 1;
}

main().catch(async (err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  await cleanup();
  process.exit(1);
});
