/**
 * Our own fuzzer: every route of the route table, for a visitor and for a signed-in person of each
 * demo role, with plausible and hostile values in each path parameter, query parameter, form
 * field and JSON property. It reports any 5xx, any of its markup payloads coming back unescaped in
 * an HTML page, and any value it submitted that shows up in the log.
 *
 * Field names come from the pages themselves (the <form>s a GET page renders, with their
 * <input>, <select>, <textarea> and named <button>s) and, for the JSON API, from the OpenAPI
 * document. Plausible path parameters are the ones the pages link to. Driven with app.inject.
 */
import type { LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Browser } from './app.js';
import type { LoggedApp } from './fuzz-app.js';
import { DEMO_PASSWORD } from '../seed/demo.js';
import { SESSION_COOKIE } from '../web/context.js';
import { users } from '../core/auth/schema.js';
import { hashPassword } from '../core/auth/password.js';

export const DEMO_ROLES = ['admin', 'office', 'minzheng', 'jiaoyu', 'caizheng', 'fagai', 'chengguan', 'chengguan-sh', 'hexi', 'dongjie'] as const;

export type FuzzOptions = {
  /** Requests to send in all (discovery and sign-ins included). */
  budget?: number;
  /** Stop after this many seconds (whichever of budget and time comes first). */
  seconds?: number;
  seed?: number;
  /** Demo accounts to sign in (default: all of them). */
  roles?: readonly string[];
  /** Only the routes whose pattern this matches. */
  only?: RegExp;
  /** Progress lines (default: none). */
  progress?: (line: string) => void;
};

export type Finding = {
  kind: '5xx' | 'reflected markup' | 'value in log';
  session: string;
  method: string;
  url: string;
  /** Where the hostile value went: `query q`, `form name`, `json phone`, `path :id`, `cookie …`, `body` … */
  field: string;
  /** The hostile value's label and (shortened) value. */
  value: string;
  status: number;
  note?: string;
};

export type FuzzResult = { requests: number; routes: number; targets: number; findings: Finding[]; seconds: number; byStatus: Record<string, number> };

// --- the route table ---------------------------------------------------------------------------

export type Route = { method: string; url: string };

/** Every method + URL pattern, read from Fastify's printed route tree (HEAD and OPTIONS left out). */
export function routeTable(tree: string): Route[] {
  const out: Route[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    stack.length = m[1]!.length / 4;
    stack.push(m[2]!);
    const url = stack.join('').replace(/^\/\*$/, '/static/*');
    for (const method of (m[3] ?? '').split(', ')) if (method && method !== 'HEAD' && method !== 'OPTIONS') out.push({ method, url });
  }
  return out;
}

const paramNames = (pattern: string) => [...pattern.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1]!);

function patternRegex(pattern: string): RegExp {
  const re = pattern.split(/(:[A-Za-z_]\w*|\*)/).map((p) => (p === '*' ? '.*' : p.startsWith(':') ? '([^/]+?)' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${re}$`);
}

/** The route a concrete path belongs to: static routes first, then fewer parameters, a wildcard last. */
function matcher(routes: readonly Route[]) {
  const rank = (p: string) => (p.includes('*') ? 1000 : paramNames(p).length * 10 - p.length / 1000);
  const sorted = [...new Set(routes.map((r) => r.url))].sort((a, b) => rank(a) - rank(b)).map((p) => ({ p, re: patternRegex(p) }));
  return (path: string): { pattern: string; params: Record<string, string> } | null => {
    for (const { p, re } of sorted) {
      const m = re.exec(path);
      if (m) return { pattern: p, params: Object.fromEntries(paramNames(p).map((n, i) => [n, m[i + 1]!])) };
    }
    return null;
  };
}

const fill = (pattern: string, params: Record<string, string>) => pattern.replace(/:([A-Za-z_]\w*)/g, (_, n: string) => params[n] ?? '1').replace(/\*$/, params['*'] ?? 'site.css');

// --- pages: links and forms --------------------------------------------------------------------

const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]!);
const attrs = (tag: string): Record<string, string> => Object.fromEntries([...tag.matchAll(/([a-zA-Z_:][\w:.-]*)(?:="([^"]*)")?/g)].map((m) => [m[1]!.toLowerCase(), decode(m[2] ?? '')]));

type Form = { method: 'get' | 'post'; action: string; multipart: boolean; fields: Map<string, string[]>; types: Map<string, string>; buttons: Map<string, string[]>; files: string[] };

export function formsOf(html: string, pageUrl: string): Form[] {
  const forms: Form[] = [];
  for (const fm of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const a = attrs(fm[1]!);
    const body = fm[2]!;
    const fields = new Map<string, string[]>();
    const add = (n: string | undefined, v: string) => { if (n) fields.set(n, [...(fields.get(n) ?? []), v]); };
    const files: string[] = [];
    const types = new Map<string, string>();
    for (const m of body.matchAll(/<input\b([^>]*)>/g)) {
      const i = attrs(m[1]!);
      const type = (i.type ?? 'text').toLowerCase();
      if (i.name) types.set(i.name, type);
      if (type === 'file') { if (i.name) files.push(i.name); continue; }
      if (type === 'submit' || type === 'button' || type === 'reset' || type === 'image') continue;
      if ((type === 'checkbox' || type === 'radio') && !('checked' in i) && fields.has(i.name ?? '')) continue;
      add(i.name, i.value ?? (type === 'checkbox' ? 'on' : ''));
    }
    for (const m of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const opts = [...m[2]!.matchAll(/<option\b([^>]*)>([^<]*)/g)].map((o) => { const oa = attrs(o[1]!); return { v: 'value' in oa ? oa.value! : decode(o[2]!), sel: 'selected' in oa }; });
      const pick = opts.find((o) => o.sel) ?? opts.find((o) => o.v !== '') ?? opts[0];
      add(attrs(m[1]!).name, pick?.v ?? '');
    }
    for (const m of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) add(attrs(m[1]!).name, decode(m[2]!));
    const buttons = new Map<string, string[]>();
    for (const m of body.matchAll(/<button\b([^>]*)>/g)) {
      const b = attrs(m[1]!);
      if (b.name) buttons.set(b.name, [...(buttons.get(b.name) ?? []), b.value ?? '']);
    }
    const action = a.action ? a.action.split('#')[0]! : pageUrl;
    forms.push({ method: a.method?.toLowerCase() === 'post' ? 'post' : 'get', action, multipart: (a.enctype ?? '').includes('multipart'), fields, types, buttons, files });
  }
  return forms;
}

const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? null;
const linksOf = (html: string) => [...html.matchAll(/\b(?:href|action|src)="(\/[^"]*)"/g)].map((m) => decode(m[1]!)).filter((u) => !u.startsWith('//'));

// --- values --------------------------------------------------------------------------------------

type Hostile = { label: string; str: string; url?: string; bytes?: Buffer; json?: string };

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
/** What may never come back unescaped in an HTML page. */
const REFLECTED = ['<script>alert(1)</script>', '<img src=x onerror'];

export const HOSTILE: readonly Hostile[] = [
  { label: 'NUL', str: 'a\u0000b' },
  { label: 'NUL only', str: '\u0000' },
  { label: 'control characters', str: '\u0001\u0008\u000b\u001b[31m\u007f\u0085' },
  { label: 'CR LF', str: 'x\r\nSet-Cookie: gk=1' },
  { label: 'tab redirect', str: '/\t/evil.example' },
  { label: 'oversize (100 kB)', str: 'A'.repeat(100_000) },
  { label: 'oversize CJK', str: '字'.repeat(34_000) },
  { label: 'script tag', str: SCRIPT },
  { label: 'attribute break', str: IMG },
  { label: 'single-quote attribute break', str: "'><img src=x onerror=alert(1)>" },
  { label: 'SQL', str: "' OR 1=1--" },
  { label: 'SQL statement', str: '1; DROP TABLE users; --' },
  { label: 'invalid date', str: '2026-99-99' },
  { label: 'impossible date', str: '2026-02-30' },
  { label: 'huge id', str: '999999999999' },
  { label: 'huge number', str: '9'.repeat(400) },
  { label: 'negative', str: '-1' },
  { label: 'zero', str: '0' },
  { label: 'exponent', str: '1e309' },
  { label: 'NaN', str: 'NaN' },
  { label: 'constructor', str: 'constructor' },
  { label: '__proto__', str: '__proto__' },
  { label: 'toString', str: 'toString' },
  { label: 'hasOwnProperty', str: 'hasOwnProperty' },
  { label: 'empty', str: '' },
  { label: 'blank', str: '   ' },
  { label: 'invalid UTF-8 (%FF)', str: '\uFFFD', url: '%FF%FE', bytes: Buffer.from([0x41, 0xff, 0xfe]) },
  { label: 'truncated UTF-8', str: '\uFFFD', url: '%E4%B8', bytes: Buffer.from([0xe4, 0xb8]) },
  { label: 'lone surrogate', str: '\uD800x', url: '%ED%A0%80x', json: '"\\ud800x"' },
  { label: 'lone low surrogate', str: 'a\uDC00', url: 'a%ED%B0%80', json: '"a\\udc00"' },
  { label: 'RTL override', str: '\u202Eevil' },
  { label: 'zero width', str: '\u200B\uFEFF' },
  { label: 'astral', str: '😀𠀀' },
  { label: 'path traversal', str: '../../../../etc/passwd' },
  { label: 'protocol-relative', str: '//evil.example' },
  { label: 'backslash', str: '/\\evil.example' },
  { label: 'javascript URL', str: 'javascript:alert(1)' },
  { label: 'non-ASCII path', str: '/中文' },
  { label: 'full-width digits', str: '１２３' },
  { label: 'template', str: '${7*7}{{7*7}}' },
  { label: 'format string', str: '%s%n%x' },
  { label: 'percent', str: '%' },
];

/** Field names and the hostile values that most often break them. */
const SUITS: readonly [RegExp, RegExp][] = [
  [/(^|[a-z_])(on|date|until|from|to|due|at)$/i, /date|NUL|empty|huge number/],
  [/(id|Id|By|page|year|workdays|pages|count|domain|agency|limit|offset)$/, /id|number|negative|zero|exponent|NaN|constructor|proto|toString|full-width/],
  [/^(action|kind|type|state|part|format|outcome|rule|method|mode|opinion|party|theme|level|lang|size)$/i, /constructor|proto|toString|hasOwn|empty|NUL|SQL/],
  [/^(q|name|title|note|content|text|body|summary|reason|items|message|comment|keyword|remark|purpose|address|opinion)$/i, /script|attribute|NUL|control|oversize|SQL|surrogate|UTF-8/],
  [/^(next|back|return|redirect|url|href)$/i, /redirect|protocol|backslash|javascript|CR LF|non-ASCII|tab|control|NUL|percent/],
];

/** Wrong types for a JSON property. */
const JSON_TYPES: readonly Hostile[] = [
  { label: 'array', str: '', json: '["a","b"]' },
  { label: 'object', str: '', json: '{"$ne":1}' },
  { label: 'prototype object', str: '', json: '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}' },
  { label: 'null', str: '', json: 'null' },
  { label: 'boolean', str: '', json: 'true' },
  { label: 'number', str: '', json: '12345678901234567890' },
  { label: 'float', str: '', json: '-0.5' },
];

const urlOf = (h: Hostile) => h.url ?? encodeURIComponent(h.str);
const bytesOf = (h: Hostile) => h.bytes ?? Buffer.from(h.str);
const jsonOf = (h: Hostile): Buffer => (h.bytes && !h.json ? Buffer.concat([Buffer.from('"'), h.bytes, Buffer.from('"')]) : Buffer.from(h.json ?? JSON.stringify(h.str)));
const show = (h: Hostile) => `${h.label}: ${JSON.stringify(h.str.length > 60 ? h.str.slice(0, 60) + '…' : h.str)}`;

/** Deterministic PRNG (mulberry32), so `--seed` replays a run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const shuffle = <T>(xs: T[]): T[] => { for (let i = xs.length - 1; i > 0; i--) { const j = int(i + 1); [xs[i], xs[j]] = [xs[j]!, xs[i]!]; } return xs; };
  return { next, int, pick, shuffle };
}

// --- sessions and targets ------------------------------------------------------------------------

type Session = { name: string; username: string | null; browser: Browser; csrf: string | null; dead: boolean };

type Target = {
  session: Session;
  method: string;
  pattern: string;
  /** Plausible values of the path parameters, one map per page that linked here. */
  params: Record<string, string>[];
  query: Map<string, string[]>;
  fields: Map<string, string[]>;
  buttons: Map<string, string[]>;
  files: string[];
  multipart: boolean;
  api: boolean;
  headers: string[];
};

type Req = { method: string; url: string; headers: Record<string, string>; payload?: Buffer | string; field: string; value: string; keepCookies: boolean };

const isApi = (pattern: string) => pattern.startsWith('/api/');
const isStaff = (pattern: string) => pattern === '/admin' || pattern.startsWith('/admin/');
/** Responses not worth reading for links and forms (files, feeds, exports). */
const isBinary = (pattern: string) => /\.(docx|pdf|xlsx|xml|ico)$|export\.:format|^\/files\/|^\/feeds\/|\/static\/|\/proof$|supplement-files|\/yishenqing\/files\//.test(pattern);

/** Runs the fuzzer against a logged app; resolves with what it found. */
export async function runFuzz(t: LoggedApp, opts: FuzzOptions = {}): Promise<FuzzResult> {
  const started = Date.now();
  const budget = opts.budget ?? Infinity;
  const deadline = opts.seconds ? started + opts.seconds * 1000 : Infinity;
  const rnd = prng(opts.seed ?? 1);
  const say = opts.progress ?? (() => {});
  const run = randomBytes(3).toString('hex');
  const markerRe = new RegExp(`fz${run}q(\\d+)z`, 'gi');
  let markerCount = 0;
  const markerOwner = new Map<number, number>();
  const sent: { session: string; method: string; url: string; field: string; value: string }[] = [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const byStatus: Record<string, number> = {};
  let logScanned = 0;

  const exhausted = () => sent.length >= budget || Date.now() >= deadline;
  /** A marker for the request being built: a value we can find again in the log. */
  const mk = () => `fz${run}q${markerCount++}z`;
  let building = 0;
  const marker = () => { const m = mk(); markerOwner.set(markerCount - 1, building); return m; };

  const report = (f: Finding) => {
    const key = [f.kind, f.method, f.url.replace(/\d+/g, 'n').slice(0, 80), f.field, f.value.slice(0, 40), f.status].join(' ');
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(f);
    say(`FOUND ${f.kind}: ${f.method} ${f.url.slice(0, 200)} [${f.field}] ${f.value} → ${f.status} (as ${f.session})`);
  };

  const scanLog = () => {
    for (; logScanned < t.log.length; logScanned++) {
      const line = t.log[logScanned]!;
      for (const m of line.matchAll(markerRe)) {
        const owner = markerOwner.get(Number(m[1]));
        const r = owner === undefined ? undefined : sent[owner];
        report({ kind: 'value in log', session: r?.session ?? '?', method: r?.method ?? '?', url: r?.url ?? '?', field: r?.field ?? '?', value: r?.value ?? m[0], status: 0, note: line.slice(0, 300) });
      }
    }
    t.log.length = 0;
    logScanned = 0;
  };

  const cookieHeader = (s: Session) => (s.browser as unknown as { cookieHeader(): string }).cookieHeader();

  async function send(s: Session, r: Req): Promise<LightMyRequestResponse | null> {
    const index = sent.length;
    sent.push({ session: s.name, method: r.method, url: r.url, field: r.field, value: r.value });
    let res: LightMyRequestResponse;
    try {
      res = await t.app.inject({
        method: r.method as 'GET', url: r.url, payload: r.payload,
        headers: { cookie: cookieHeader(s), accept: 'text/html', ...r.headers },
        // Each visitor's requests come from its own address (the per-address limits stay out of the way).
        remoteAddress: s.username ? '127.0.0.1' : `10.0.${index % 250}.${(index >> 8) % 250 + 1}`,
      });
    } catch {
      return null; // light-my-request refused to build the request (a header it cannot send)
    } finally {
      scanLog();
    }
    if (r.keepCookies) {
      s.browser.keep(res);
      // Any page of this session carries a token that is good for its every form.
      const token = String(res.headers['content-type'] ?? '').includes('text/html') ? tokenOf(res.body) : null;
      if (token) s.csrf = token;
    }
    byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
    if (process.env.FUZZ_TRACE) process.stderr.write(`${res.statusCode} ${s.name} ${r.method} ${r.url.slice(0, 160)} [${r.field}] ${r.value.slice(0, 80)}${res.statusCode === 403 || res.statusCode === 406 ? ' ' + res.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(-300, -150) : ''}\n`);
    const where = { session: s.name, method: r.method, url: r.url, field: r.field, value: r.value, status: res.statusCode };
    if (res.statusCode >= 500 && !(res.statusCode === 503 && res.headers['retry-after'])) report({ kind: '5xx', ...where, note: res.body.slice(0, 200) });
    if (String(res.headers['content-type'] ?? '').includes('text/html')) {
      const hit = REFLECTED.find((p) => res.body.includes(p));
      if (hit) report({ kind: 'reflected markup', ...where, note: res.body.slice(Math.max(0, res.body.indexOf(hit) - 80), res.body.indexOf(hit) + 80) });
    }
    return res;
  }

  const get = (s: Session, url: string, field = 'discovery') => send(s, { method: 'GET', url, headers: {}, field, value: '', keepCookies: true });

  async function signIn(s: Session): Promise<void> {
    if (!s.username) return;
    s.browser = new Browser(t.app);
    try {
      await s.browser.login(s.username, DEMO_PASSWORD);
    } catch {
      // A fuzzed request may have disabled the account or changed its password: restore it once.
      await t.database.db.update(users).set({ disabled: false, mustChangePassword: false, passwordHash: await hashPassword(DEMO_PASSWORD) }).where(eq(users.username, s.username));
      try {
        await s.browser.login(s.username, DEMO_PASSWORD);
      } catch {
        s.dead = true;
        say(`session ${s.name} could not sign in again; its remaining targets are skipped`);
        return;
      }
    }
    sent.push({ session: s.name, method: 'POST', url: '/login', field: 'sign-in', value: '' }, { session: s.name, method: 'GET', url: '/login', field: 'sign-in', value: '' });
    await get(s, '/admin');
  }

  // Sessions: a visitor, and one signed-in person per demo role.
  const anon: Session = { name: 'visitor', username: null, browser: new Browser(t.app), csrf: null, dead: false };
  await get(anon, '/login');
  const sessions: Session[] = [anon];
  for (const u of opts.roles ?? DEMO_ROLES) {
    const s: Session = { name: u, username: u, browser: new Browser(t.app), csrf: null, dead: false };
    await signIn(s);
    if (!s.dead) sessions.push(s);
  }

  const routes = routeTable(t.app.printRoutes({ commonPrefix: false })).filter((r) => !opts.only || opts.only.test(r.url));
  const match = matcher(routes);
  const sessionsFor = (r: Route): Session[] => {
    if (r.url === '/login' || r.url === '/logout') return [anon];
    if (isApi(r.url)) return [anon, sessions[1] ?? anon].filter((s, i, a) => a.indexOf(s) === i);
    if (isStaff(r.url)) return [...sessions.slice(1), anon];
    return [anon, sessions.find((s) => s.name === 'office') ?? sessions[1] ?? anon].filter((s, i, a) => a.indexOf(s) === i);
  };

  const targets = new Map<string, Target>();
  const targetOf = (s: Session, method: string, pattern: string): Target => {
    const key = `${s.name} ${method} ${pattern}`;
    let tg = targets.get(key);
    if (!tg) {
      tg = { session: s, method, pattern, params: [], query: new Map(), fields: new Map(), buttons: new Map(), files: [], multipart: false, api: isApi(pattern), headers: [] };
      targets.set(key, tg);
    }
    return tg;
  };
  const merge = (into: Map<string, string[]>, from: Map<string, string[]>) => { for (const [k, v] of from) if (!into.has(k)) into.set(k, v); };
  /** Field values seen anywhere, to give a JSON property a plausible value. */
  const plausible = new Map<string, string>();
  /** The <input type> of each field name seen. */
  const hints = new Map<string, string>();

  const harvest = (s: Session, pageUrl: string, html: string, visit: Set<string>) => {
    for (const link of linksOf(html)) {
      const [path, qs] = link.split('?') as [string, string | undefined];
      const m = match(path);
      if (!m) continue;
      const tg = targetOf(s, 'GET', m.pattern);
      if (Object.keys(m.params).length && tg.params.length < 5 && !tg.params.some((p) => JSON.stringify(p) === JSON.stringify(m.params))) tg.params.push(m.params);
      for (const [k, v] of new URLSearchParams(qs ?? '')) if (!tg.query.has(k)) tg.query.set(k, [v]);
      if (Object.keys(m.params).length && !isBinary(m.pattern)) visit.add(path);
    }
    for (const f of formsOf(html, pageUrl)) {
      const [path, qs] = f.action.split('?') as [string, string | undefined];
      const m = match(path);
      if (!m) continue;
      const tg = targetOf(s, f.method.toUpperCase(), m.pattern);
      if (Object.keys(m.params).length && tg.params.length < 5 && !tg.params.some((p) => JSON.stringify(p) === JSON.stringify(m.params))) tg.params.push(m.params);
      const fields = new Map(f.fields);
      fields.delete('_csrf');
      if (f.method === 'get') merge(tg.query, fields);
      else merge(tg.fields, fields);
      for (const [k, v] of new URLSearchParams(qs ?? '')) if (!tg.query.has(k)) tg.query.set(k, [v]);
      merge(tg.buttons, f.buttons);
      for (const n of f.files) if (!tg.files.includes(n)) tg.files.push(n);
      tg.multipart ||= f.multipart;
      for (const [k, v] of fields) if (v[0] && !plausible.has(k)) plausible.set(k, v[0]);
      for (const [k, v] of f.types) if (!hints.has(k)) hints.set(k, v);
    }
  };

  // Discovery: every page without parameters, then a few of the pages the links lead to.
  const discoveryBudget = Math.min(budget * 0.5, Infinity);
  for (const s of sessions) {
    const visit = new Set<string>();
    const plain = routes.filter((r) => r.method === 'GET' && !paramNames(r.url).length && !r.url.includes('*') && !isBinary(r.url) && sessionsFor(r).includes(s) && !(s.username && r.url === '/login'));
    for (const r of plain) {
      if (sent.length >= discoveryBudget || exhausted()) break;
      targetOf(s, 'GET', r.url);
      const res = await get(s, r.url);
      if (res && String(res.headers['content-type']).includes('text/html')) harvest(s, r.url, res.body, visit);
    }
    const perPattern = new Map<string, number>();
    for (const path of visit) {
      if (sent.length >= discoveryBudget || exhausted()) break;
      const m = match(path)!;
      if ((perPattern.get(m.pattern) ?? 0) >= 1 || !sessionsFor({ method: 'GET', url: m.pattern }).includes(s)) continue;
      perPattern.set(m.pattern, 1);
      const res = await get(s, path);
      if (res && String(res.headers['content-type']).includes('text/html')) harvest(s, path, res.body, new Set());
    }
    say(`discovered as ${s.name}: ${sent.length} requests so far`);
  }

  // The API's parameters and bodies from its OpenAPI document.
  const openapi = (await get(anon, '/api/v1/openapi.json'))?.json() as { paths?: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown>; $ref?: string } }> } }>>; components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> } } | undefined;
  for (const [path, ops] of Object.entries(openapi?.paths ?? {})) {
    const pattern = path.replace(/\{(\w+)\}/g, ':$1');
    for (const [method, op] of Object.entries(ops)) {
      for (const s of sessionsFor({ method: method.toUpperCase(), url: pattern })) {
        const tg = targetOf(s, method.toUpperCase(), pattern);
        for (const p of op.parameters ?? []) {
          if (p.in === 'query' && !tg.query.has(p.name)) tg.query.set(p.name, [plausible.get(p.name) ?? '']);
          if (p.in === 'header' && !tg.headers.includes(p.name)) tg.headers.push(p.name);
        }
        let schema = op.requestBody?.content?.['application/json']?.schema;
        if (schema?.$ref) schema = openapi?.components?.schemas?.[schema.$ref.split('/').pop()!];
        for (const k of Object.keys(schema?.properties ?? {})) if (!tg.fields.has(k)) tg.fields.set(k, [plausible.get(k) ?? '']);
      }
    }
  }
  // Every route has a target for each of its sessions, even one no page links to or has a form for.
  for (const r of routes) for (const s of sessionsFor(r)) targetOf(s, r.method, r.url);
  const all = [...targets.values()].filter((tg) => routes.some((r) => r.method === tg.method && r.url === tg.pattern));

  // --- building requests ---
  const textLike = (name: string) => !/(^|_)(id|on|at|date|page|year|size|count|format|kind|type|state|action|part)$|Id$|On$|At$/i.test(name);
  // An empty field gets a value that passes its checks, so that one hostile change at a time gets
  // past validation into the service and the database (where the audit's 500s were).
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const baseValue = (name: string, values: string[] | undefined) => {
    const v = values?.[0] ?? '';
    if (v !== '') return v;
    const type = hints.get(name);
    if (type === 'date' || /(^|[a-z])(On|Date|Until)$|^on$/.test(name)) return today;
    if (type === 'number') return '1';
    if (type === 'email' || /email/i.test(name)) return `${marker()}@example.com`;
    if (type === 'tel' || /phone/i.test(name)) return '13900139000';
    if (/postcode/i.test(name)) return '100000';
    if (/idNumber/.test(name)) return '11010519491231002X';
    if (type === 'password' || /password/i.test(name)) return '';
    return textLike(name) ? `${marker()} 测试内容` : v;
  };
  const pathOf = (tg: Target, override?: { name: string; raw: string }) => {
    // A route no page links to borrows the parameters of a route it extends (`/admin/foi/:id` for
    // `/admin/foi/:id/print`), else of any route with the same parameter names, else 1.
    const names = paramNames(tg.pattern);
    const borrowed = tg.params.length ? tg.params : all.filter((o) => o.params.length && o.session === tg.session && names.every((n) => n in o.params[0]!))
      .sort((a, b) => Number(tg.pattern.startsWith(b.pattern)) - Number(tg.pattern.startsWith(a.pattern)))[0]?.params ?? [];
    const p = borrowed.length ? rnd.pick(borrowed) : Object.fromEntries(names.map((n) => [n, '1']));
    return fill(tg.pattern, override ? { ...p, [override.name]: override.raw } : p);
  };
  /** A hostile value, half the time one that suits the field (dates for a date, numbers for an id …). */
  const pickHostile = (name = '') => {
    const suited = HOSTILE.filter((x) => SUITS.some(([re, labels]) => re.test(name) && labels.test(x.label)));
    const h = suited.length && rnd.next() < 0.5 ? rnd.pick(suited) : rnd.pick(HOSTILE);
    // Often with a marker in front, to find it again in the log.
    if (rnd.next() < 0.35 && h.str && !h.url && !h.json) { const s = `${marker()}${h.str}`; return { ...h, str: s, label: h.label + ' (marked)' }; }
    return h;
  };

  /** The request for one visit: `visit` 0 sends the page's own values, later ones one hostile change. */
  function build(tg: Target, visit: number): Req {
    building = sent.length;
    const s = tg.session;
    const headers: Record<string, string> = {};
    let field = 'none';
    let value = 'baseline';
    let keepCookies = true;
    let pathOverride: { name: string; raw: string } | undefined;
    let rawQuery: string | undefined;
    let rawBody: { type: string; body: Buffer | string } | undefined;
    const query = new Map<string, Hostile[]>();
    const body = new Map<string, Hostile[]>();
    const asHostile = (str: string): Hostile => ({ label: 'plausible', str });
    for (const [k, v] of tg.query) query.set(k, [asHostile(v[0] ?? '')]);
    const bodyFields = tg.method === 'GET' ? query : body;
    if (tg.method !== 'GET') for (const [k, v] of tg.fields) body.set(k, [asHostile(baseValue(k, v))]);
    const buttonNames = [...tg.buttons.keys()];
    for (const b of buttonNames) bodyFields.set(b, [asHostile(rnd.pick(tg.buttons.get(b)!))]);

    if (visit > 0) {
      const params = paramNames(tg.pattern);
      const names = [...bodyFields.keys()];
      const kinds: string[] = ['field', 'field', 'field', 'field', 'field', 'field', 'proto', 'repeat', 'encoding', 'cookie', 'header'];
      if (params.length || tg.pattern.includes('*')) kinds.push('param', 'param', 'param');
      if (tg.api && tg.method !== 'GET') kinds.push('jsontype', 'jsontype');
      let kind = rnd.pick(kinds);
      if ((kind === 'field' || kind === 'repeat' || kind === 'jsontype') && !names.length) kind = rnd.pick(['proto', 'encoding', 'header']);
      if (kind === 'field') {
        // Each field in turn, so a form's every field is reached in as many visits as it has fields.
        const n = names[visit % names.length]!;
        const h = buttonNames.includes(n) && rnd.next() < 0.3 ? rnd.pick(HOSTILE.filter((x) => /constructor|proto|toString|hasOwn/.test(x.label))) : pickHostile(n);
        bodyFields.set(n, [h]);
        field = `${tg.method === 'GET' ? 'query' : tg.api ? 'json' : 'form'} ${n}`;
        value = show(h);
      } else if (kind === 'jsontype') {
        const n = rnd.pick(names);
        const h = rnd.pick(JSON_TYPES);
        bodyFields.set(n, [h]);
        field = `json ${n}`;
        value = `${h.label}: ${h.json}`;
      } else if (kind === 'param') {
        const n = params.length ? rnd.pick(params) : '*';
        const h = rnd.next() < 0.3 ? { label: 'marker', str: marker() } : pickHostile(n);
        const raw = rnd.next() < 0.5 ? urlOf(h) : urlOf(h).replace(/%2F/g, '/');
        pathOverride = { name: n, raw: raw.length > 5000 ? raw.slice(0, 5000) : raw };
        field = `path :${n}`;
        value = show(h);
      } else if (kind === 'proto') {
        const n = rnd.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '__proto__[polluted]', 'constructor[prototype][x]', 'prototype', 'valueOf']);
        bodyFields.set(n, [{ label: 'x', str: rnd.pick(['1', 'x', '{}', SCRIPT]) }]);
        field = `${tg.method === 'GET' ? 'query' : 'form'} name ${n}`;
        value = 'prototype property name';
      } else if (kind === 'repeat') {
        const n = rnd.pick(names);
        bodyFields.set(n, [pickHostile(), { label: 'second', str: `${marker()}` }, { label: 'third', str: '3' }]);
        field = `${tg.method === 'GET' ? 'query' : 'form'} ${n}`;
        value = 'repeated (an array)';
      } else if (kind === 'cookie') {
        const name = rnd.pick([SESSION_COOKIE, 'gk_csrf', 'gk_prefs', 'gk_receipt', 'gk_follow', 'gk_lang', 'gk_font']);
        const h = pickHostile();
        const v = urlOf(h).slice(0, 4000);
        const rest = cookieHeader(s).split('; ').filter((c) => c && !c.startsWith(`${name}=`));
        headers.cookie = [...rest, `${name}=${v}`].join('; ');
        keepCookies = false;
        field = `cookie ${name}`;
        value = show(h);
      } else if (kind === 'header') {
        const name = rnd.pick([...tg.headers, 'accept', 'accept-language', 'x-forwarded-for', 'referer', 'content-type', 'x-csrf-token', 'x-application-secret', 'user-agent']);
        const h = rnd.pick(HOSTILE.filter((x) => /^[\x20-\x7e]*$/.test(x.str) && x.str.length < 8000));
        headers[name] = h.str;
        field = `header ${name}`;
        value = show(h);
      } else if (kind === 'encoding') {
        const v = rnd.pick(['%FF', '%', '%%41', '%E4%B8', '%ED%A0%80', '%00', 'a[b]=1&a[c]=2', '&&==&', `${marker()}=%FF%FE`]);
        if (tg.method === 'GET' || rnd.next() < 0.3) {
          rawQuery = v.includes('=') ? v : `${names[0] ?? 'q'}=${v}`;
          field = 'raw query';
          value = v;
        } else if (tg.multipart || rnd.next() < 0.3) {
          const boundary = 'fzb' + rnd.int(1e9);
          const full = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${s.csrf ?? ''}\r\n--${boundary}\r\nContent-Disposition: form-data; name="${names[0] ?? 'x'}"\r\n\r\n${marker()}\r\n--${boundary}--\r\n`;
          const variant = rnd.pick(['truncated', 'no boundary', 'wrong boundary', 'too many parts', 'hostile filename']);
          value = `multipart ${variant}`;
          if (variant === 'truncated') rawBody = { type: `multipart/form-data; boundary=${boundary}`, body: full.slice(0, Math.floor(full.length * rnd.next())) };
          else if (variant === 'no boundary') rawBody = { type: 'multipart/form-data', body: full };
          else if (variant === 'wrong boundary') rawBody = { type: `multipart/form-data; boundary=other${boundary}`, body: full };
          else if (variant === 'too many parts') rawBody = { type: `multipart/form-data; boundary=${boundary}`, body: Array.from({ length: 120 }, (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`).join('') + `--${boundary}--\r\n` };
          else {
            const fname = rnd.pick(['<script>alert(1)</script>.png', '../../../etc/passwd', 'a\u0000b.pdf', '"><img src=x onerror=alert(1)>.docx', '中文.exe', '%FF.png', '.'.repeat(300)]);
            rawBody = { type: `multipart/form-data; boundary=${boundary}`, body: full.replace(`--${boundary}--`, `--${boundary}\r\nContent-Disposition: form-data; name="${tg.files[0] ?? 'file'}"; filename="${fname}"\r\nContent-Type: application/octet-stream\r\n\r\n<html><script>alert(1)</script>\r\n--${boundary}--`) };
            value = `multipart filename ${JSON.stringify(fname)}`;
          }
          field = 'body';
        } else {
          const variant = rnd.pick(['raw percent', 'json as form', 'broken json', 'text/plain', 'empty']);
          field = 'body';
          value = `${variant} ${v}`;
          const token = s.csrf ? `_csrf=${encodeURIComponent(s.csrf)}&` : '';
          if (variant === 'raw percent') rawBody = { type: 'application/x-www-form-urlencoded', body: `${token}${names[0] ?? 'x'}=${v}` };
          else if (variant === 'json as form') rawBody = { type: 'application/x-www-form-urlencoded', body: `{"${names[0] ?? 'x'}":1}` };
          else if (variant === 'broken json') rawBody = { type: 'application/json', body: `{"${names[0] ?? 'x'}":` };
          else if (variant === 'text/plain') rawBody = { type: 'text/plain', body: `${token}x=1` };
          else rawBody = { type: 'application/x-www-form-urlencoded', body: '' };
        }
        if (!value.startsWith('multipart') && !value.includes(v)) value = `${value} ${v}`.trim();
      }
    }

    // The request itself.
    const enc = (m: Map<string, Hostile[]>) => [...m].flatMap(([k, hs]) => hs.map((h) => `${encodeURIComponent(k)}=${urlOf(h)}`)).join('&');
    let url = pathOf(tg, pathOverride);
    const qs = rawQuery ?? (tg.method === 'GET' ? enc(query) : '');
    if (qs) url += `?${qs}`;
    if (tg.method === 'GET' || tg.method === 'DELETE') {
      if (tg.api) headers.accept ??= 'application/json';
      return { method: tg.method, url, headers, field, value, keepCookies };
    }
    if (rawBody) return { method: tg.method, url, headers: { 'content-type': rawBody.type, ...headers }, payload: rawBody.body, field, value, keepCookies };
    if (tg.api) {
      const parts = [...body].map(([k, hs]) => Buffer.concat([Buffer.from(`${JSON.stringify(k)}:`), hs.length > 1 ? Buffer.concat([Buffer.from('['), ...hs.flatMap((h, i) => (i ? [Buffer.from(','), jsonOf(h)] : [jsonOf(h)])), Buffer.from(']')]) : hs[0]!.label === 'plausible' && /^\d+$/.test(hs[0]!.str) && /id$/i.test(k) ? Buffer.from(hs[0]!.str) : jsonOf(hs[0]!)]));
      const payload = Buffer.concat([Buffer.from('{'), ...parts.flatMap((p, i) => (i ? [Buffer.from(','), p] : [p])), Buffer.from('}')]);
      return { method: tg.method, url, headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, payload, field, value, keepCookies };
    }
    if (s.csrf) body.set('_csrf', [{ label: 'token', str: s.csrf }]);
    // A route whose form was not found may still want multipart (uploads): try both.
    if ((tg.multipart || (!tg.fields.size && rnd.next() < 0.5)) && rnd.next() < 0.7) {
      const boundary = 'fzb' + rnd.int(1e9);
      const ordered = [...body].sort(([a], [b]) => (a === '_csrf' ? -1 : b === '_csrf' ? 1 : 0));
      const chunks = ordered.flatMap(([k, hs]) => hs.map((h) => Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n`), bytesOf(h), Buffer.from('\r\n')])));
      return { method: tg.method, url, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers }, payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), field, value, keepCookies };
    }
    return { method: tg.method, url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: enc(body), field, value, keepCookies };
  }

  // --- the fuzzing rounds: every target once with its own values, then one hostile change at a time ---
  say(`${routes.length} routes, ${all.length} targets (route × session), ${sent.length} requests for discovery`);
  const unlinked = [...new Set(all.filter((tg) => paramNames(tg.pattern).length && !all.some((o) => o.pattern === tg.pattern && o.params.length)).map((tg) => `${tg.method} ${tg.pattern}`))];
  if (unlinked.length) say(`no page links to ${unlinked.length} parameterised routes (their parameters are guessed): ${unlinked.join(', ')}`);
  // Each round visits every route once, with the next of its sessions in turn: the first round
  // sends each page's own values, each later one a single hostile change.
  const byRoute = new Map<string, Target[]>();
  for (const tg of all) byRoute.set(`${tg.method} ${tg.pattern}`, [...(byRoute.get(`${tg.method} ${tg.pattern}`) ?? []), tg]);
  for (let round = 0; !exhausted(); round++) {
    for (const list of rnd.shuffle([...byRoute.values()])) {
      if (exhausted()) break;
      const live = list.filter((x) => !x.session.dead);
      const tg = live[round % live.length];
      if (!tg) continue;
      const s = tg.session;
      const res = await send(s, build(tg, round));
      // A request that ended the session (or an expired one): sign in again.
      if (s.username && res && (res.statusCode === 302 || res.statusCode === 303) && String(res.headers.location ?? '').startsWith('/login')) await signIn(s);
      if (res && res.statusCode === 403 && !tg.api && tg.method !== 'GET' && /页面已过期/.test(res.body)) await get(s, s.username ? '/admin' : '/login');
    }
    if (round % 5 === 4) say(`round ${round + 1}: ${sent.length} requests, ${findings.length} findings`);
  }
  scanLog();
  return { requests: sent.length, routes: new Set(routes.map((r) => `${r.method} ${r.url}`)).size, targets: all.length, findings, seconds: (Date.now() - started) / 1000, byStatus };
}

/** The findings as lines a person can act on. */
export function formatFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.kind}: ${f.method} ${f.url.length > 300 ? f.url.slice(0, 300) + '…' : f.url}\n    as ${f.session}, ${f.field} = ${f.value}, status ${f.status}${f.note ? `\n    ${f.note.replace(/\s+/g, ' ').slice(0, 240)}` : ''}`).join('\n');
}
