// npm run fuzz [-- --budget <requests>] [--seconds <s>] [--seed <n>] [--roles admin,chengguan]
//                 [--only <regexp of route patterns>] [--quiet]
//
// Walks every route of the app (src/test/fuzz.ts) on a fresh database with the full demo, as a
// visitor and as each demo account, with hostile values in every parameter and field. Exits 1 on
// any 5xx, any unescaped markup payload in an HTML page, or any submitted value in the log.
// Without --budget it runs for 120 s. The same seed replays the same requests. Set
// TEST_DATABASE_URL to run on PostgreSQL instead of the embedded PGlite, FUZZ_TRACE=1 to print
// every request and its status to stderr.
import { createLoggedApp } from '../src/test/fuzz-app.js';
import { formatFindings, runFuzz } from '../src/test/fuzz.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}
const num = (name: string) => {
  const v = arg(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} wants a positive number, not ${v}`);
  return n;
};

const budget = num('budget');
const seconds = num('seconds') ?? (budget ? undefined : 120);
const seed = num('seed') ?? 1;
const roles = arg('roles')?.split(',').filter(Boolean);
const only = arg('only') ? new RegExp(arg('only')!) : undefined;
const quiet = process.argv.includes('--quiet');

const started = Date.now();
const t = await createLoggedApp({}, { full: true });
console.log(`fuzz: app ready in ${((Date.now() - started) / 1000).toFixed(1)} s; seed ${seed}, ${budget ? `budget ${budget} requests` : ''}${budget && seconds ? ', ' : ''}${seconds ? `${seconds} s` : ''}`);
try {
  const r = await runFuzz(t, { budget, seconds, seed, roles, only, progress: quiet ? undefined : (l) => console.log(`fuzz: ${l}`) });
  const statuses = Object.entries(r.byStatus).map(([s, n]) => `${s}×${n}`).join(' ');
  console.log(`fuzz: ${r.requests} requests over ${r.routes} routes (${r.targets} route × session targets) in ${r.seconds.toFixed(1)} s; statuses ${statuses}`);
  if (r.findings.length) {
    console.error(`fuzz: ${r.findings.length} finding(s) (seed ${seed}):\n${formatFindings(r.findings)}`);
    process.exitCode = 1;
  } else {
    console.log('fuzz: no 5xx, no reflected markup, no submitted value in the log');
  }
} finally {
  await t.close();
}
