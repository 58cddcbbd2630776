import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../config.js';
import { buildApp } from '../http/server.js';
import { createTestDatabase } from '../db/testing.js';
import type { Database } from '../db/client.js';
import { DEMO_PASSWORD } from '../seed/demo.js';

export type TestApp = { app: FastifyInstance; database: Database; config: Config; close: () => Promise<void> };

/** The whole app on a fresh database (demo county seeded), driven with app.inject. */
export async function createTestApp(env: Record<string, string> = {}, opts: { full?: boolean; region?: boolean } = {}): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_MODE: 'true', LOGIN_RATE_LIMIT: '1000', ...env });
  const database = await createTestDatabase({ demo: true, full: opts.full, region: opts.region, config });
  const app = await buildApp({ config, db: database.db });
  await app.ready();
  return { app, database, config, close: async () => { await app.close(); await database.close(); } };
}

/** Cookie jar for one simulated browser: keeps cookies between requests and reads CSRF tokens. */
export class Browser {
  private cookies = new Map<string, string>();
  /** `address` is the client address the requests come from (req.ip); app.inject's default otherwise. */
  constructor(private app: FastifyInstance, private address?: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Keeps the cookies a response set (for requests made with app.inject directly). */
  keep(res: { cookies: { name: string; value: string; maxAge?: number; expires?: Date }[] }): void {
    for (const c of res.cookies) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method: 'GET', url, remoteAddress: this.address, headers: { cookie: this.cookieHeader(), accept: 'text/html', ...headers } });
    this.keep(res);
    return res;
  }

  /** Posts a form the way a browser would: fetches the page first to get its CSRF token. */
  async post(url: string, form: Record<string, string | string[]>, opts: { from?: string; csrf?: string | null } = {}) {
    let token = opts.csrf;
    if (token === undefined) {
      const page = await this.get(opts.from ?? url);
      token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? null;
    }
    const params = new URLSearchParams();
    if (token) params.append('_csrf', token);
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
    const res = await this.app.inject({ method: 'POST', url, payload: params.toString(), remoteAddress: this.address, headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });
    this.keep(res);
    return res;
  }

  async login(username: string, password = DEMO_PASSWORD) {
    const res = await this.post('/login', { username, password, next: '/admin' });
    if (res.statusCode !== 303) throw new Error(`login as ${username} failed: ${res.statusCode}`);
    return res;
  }
}
