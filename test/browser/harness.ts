/**
 * Browser test harness: runs the real app as a child process (fresh PGlite data directory, or a fresh
 * PostgreSQL database when TEST_DATABASE_URL is set) and drives Debian's chromium with playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { freePort } from '../../src/core/net/free-port.js';
import { createServerDatabase } from '../../src/db/testing.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const DEMO_PASSWORD = 'Gongkai@2026';
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LISTEN_TIMEOUT_MS = 90_000;
/**
 * Runs src/main.ts (argv[1] = 'src/main.ts' makes it start) and shuts the app down when our end of
 * its stdin closes, so the app cannot outlive a test process that is killed without teardown.
 */
const APP_LAUNCHER = [
  "const stop = () => process.kill(process.pid, 'SIGTERM');",
  "process.stdin.on('end', stop); process.stdin.on('error', stop); process.stdin.resume();",
  `await import(${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'src/main.ts')).href)});`,
].join('\n');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Why the browser tests cannot run here, or undefined when they can. A missing chromium skips the
 * tests on a developer machine; under CI it is not a reason to skip (the suite then fails instead).
 */
export function skipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  if (process.env.CI) return undefined;
  return `${CHROMIUM_PATH} not found: run \`bash scripts/install-chromium.sh\` to enable the browser tests`;
}

export type Harness = {
  baseURL: string;
  browser: Browser;
  /** A fresh browser context (its own cookies) whose relative URLs resolve against the app. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** The app's recent stdout/stderr, for failure messages. */
  serverOutput(): string;
  close(): Promise<void>;
};


function waitForListening(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`app did not print "listening" within ${LISTEN_TIMEOUT_MS / 1000} s; output:\n${output()}`)), LISTEN_TIMEOUT_MS);
    const onData = () => {
      if (/Gongkai listening on http:\/\/localhost:\d+/.test(output())) finish();
    };
    const onExit = (code: number | null, signal: string | null) => finish(new Error(`app exited before listening (code ${code}, signal ${signal}); output:\n${output()}`));
    function finish(err?: Error) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Starts the app and chromium. Always pair with close() in an after() hook. */
/** Starts the app on the full demo; `env` adds settings (e.g. DEMO_APPLICATIONS=false for a test that counts applications). */
export async function startHarness(opts: { env?: Record<string, string> } = {}): Promise<Harness> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing (CI=${process.env.CI}); install it with \`bash scripts/install-chromium.sh\``);
  }
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    const errors: unknown[] = [];
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (e) {
        errors.push(e);
      }
    }
    cleanups.length = 0;
    if (errors.length) throw new AggregateError(errors, 'browser harness teardown failed');
  };

  try {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test', DEMO_MODE: 'true', SEED_DEMO: 'true', DEMO_REGION: 'false', LOG_LEVEL: 'warn', ...opts.env };
    delete env.DATABASE_URL;
    delete env.NODE_TEST_CONTEXT; // the child is the app, not a test file
    if (process.env.TEST_DATABASE_URL) {
      const db = await createServerDatabase(process.env.TEST_DATABASE_URL, 'gk_browser');
      cleanups.push(db.drop);
      env.DATABASE_URL = db.url;
      delete env.DATA_DIR;
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'gk-browser-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      env.DATA_DIR = dataDir;
    }

    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.length > 64_000) output = output.slice(-32_000);
    };
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', APP_LAUNCHER, 'src/main.ts'], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    cleanups.push(async () => {
      await stopChild(child);
      process.off('exit', killOnExit);
    });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    await waitForListening(child, () => output);

    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    const baseURL = `http://127.0.0.1:${port}`;

    return {
      baseURL,
      browser,
      newContext: async (options = {}) => {
        const context = await browser.newContext({ baseURL, locale: 'zh-CN', ...options });
        context.setDefaultTimeout(15_000);
        context.setDefaultNavigationTimeout(30_000);
        return context;
      },
      serverOutput: () => output,
      close: cleanup,
    };
  } catch (e) {
    await cleanup().catch(() => undefined);
    throw e;
  }
}

/** Signs in through the login form as a demo account and waits until the sign-in has left /login. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  // The submit button is found by its form, not its label: in 繁體 mode it reads 登錄.
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
    page.locator('main form[action="/login"] button[type="submit"]').click(),
  ]);
  if (response.status() !== 303) {
    const error = await page.locator('.error-box').innerText().catch(() => '');
    throw new Error(`login as ${username} failed: HTTP ${response.status()} ${error}`.trim());
  }
  await page.waitForURL((url) => url.pathname !== '/login');
}

export type AxeViolation = { id: string; impact: string; help: string; helpUrl: string; nodes: { target: string; html: string; summary: string }[] };

let axeSource: string | undefined;

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and returns the serious and
 * critical violations. The script is evaluated through the DevTools protocol, so the page's
 * `script-src 'self'` CSP does not block it and the page is tested under its real policy.
 */
export async function axeCheck(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Result = { id: string; impact?: string | null; help: string; helpUrl: string; nodes: { target: unknown[]; html: string; failureSummary?: string }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Result[] }> } }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), html: n.html.slice(0, 300), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 400) })),
      }));
  });
}

/** A readable list of violations for an assertion message. */
export function formatViolations(where: string, violations: AxeViolation[]): string {
  return [
    `${where}: ${violations.length} serious/critical accessibility violation(s)`,
    ...violations.map((v) => [
      `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
      ...v.nodes.slice(0, 10).map((n) => `      ${n.target}  ${n.html}\n        ${n.summary}`),
      ...(v.nodes.length > 10 ? [`      … and ${v.nodes.length - 10} more node(s)`] : []),
    ].join('\n')),
  ].join('\n');
}

/**
 * Collects what a user would notice as breakage: uncaught script errors and CSP refusals.
 * Call before navigating; read `problems` after.
 */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`${page.url()}: uncaught error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(`${page.url()}: ${msg.text()}`);
  });
  return { problems };
}

/**
 * Opens pages, each in a fresh browser context (its own cookies) and watched with watchPage;
 * `problems()` is everything they noticed, `closeAll()` closes the contexts (call it in after()).
 */
export function pageOpener(harness: () => Harness) {
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  return {
    open: async (options: BrowserContextOptions = {}): Promise<Page> => {
      const context = await harness().newContext(options);
      contexts.push(context);
      const page = await context.newPage();
      problems.push(watchPage(page).problems);
      return page;
    },
    problems: () => problems.flat(),
    closeAll: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
    },
  };
}
