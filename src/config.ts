import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** When set, PostgreSQL is used; otherwise the embedded PGlite database under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Demo mode seeds a demo county with known passwords and skips the forced password change. */
  DEMO_MODE: z.enum(['true', 'false']).optional(),
  /** Seed the demo county on first start (defaults to true outside production). */
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Secret used to sign the CSRF cookie; must be set in production. */
  COOKIE_SECRET: z.string().min(32).optional(),
  /** Behind a reverse proxy: trust X-Forwarded-* (needed for per-client rate limits). */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** Login attempts allowed per client address per minute (the per-account lock-out is separate). */
  /** Seconds a public page may be served from memory (0 turns the cache off). */
  PUBLIC_CACHE_TTL: z.coerce.number().int().min(0).max(3600).default(30),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(10),
  /** Public submissions (applications for disclosure) allowed per client address per minute. */
  PUBLIC_WRITE_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(10),
  /** Searches run at once per instance; more wait in a short queue, beyond it they get 503 (keep ≤ half of DB_POOL_SIZE). */
  SEARCH_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
  /** Searches that may wait for a free slot (each at most 2 s) before the next ones get 503. */
  SEARCH_QUEUE: z.coerce.number().int().min(0).max(10000).default(16),
  /** Searches allowed per client address per minute (page and API together, each counted separately). */
  SEARCH_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(120),
  /** Seconds a search result is kept in memory (0 turns it off); any change to the index drops it at once. */
  SEARCH_CACHE_TTL: z.coerce.number().int().min(0).max(3600).default(30),
  /**
   * Whether the day of receipt counts as day 1 of a working-day period (when it is a working day).
   * The 条例 is silent; the default follows 民事诉讼法 Art. 85: the first day is not counted.
   */
  DEADLINE_COUNT_START_DAY: z.enum(['true', 'false']).default('false'),
  /**
   * Key for applicants' ID numbers at rest (AES-256-GCM): 32 bytes as base64 or 64 hex digits.
   * Required in production; keep it outside the database and its backups.
   */
  FOI_DATA_KEY: z.string().optional(),
  /** The demo seeds applications for disclosure on the clock (overdue, due soon …); `false` leaves the register empty. */
  DEMO_APPLICATIONS: z.enum(['true', 'false']).optional(),
  /** The demo is a city (示范市) with two counties; `false` seeds the single county 示范县 alone. */
  DEMO_REGION: z.enum(['true', 'false']).optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  production: boolean;
  demoMode: boolean;
  seedDemo: boolean;
  /** Whether the demo seeds applications for disclosure (DEMO_APPLICATIONS, default true). */
  demoApplications: boolean;
  /** Whether the demo is the city with two counties (DEMO_REGION, default true) or 示范县 alone. */
  demoRegion: boolean;
  logLevel: string;
  cookieSecret: string;
  trustProxy: boolean;
  loginRateLimit: number;
  publicWriteRateLimit: number;
  publicCacheTtlSeconds: number;
  search: { concurrency: number; queue: number; rateLimit: number; cacheTtlSeconds: number };
  deadlineCountStartDay: boolean;
  /** 32-byte key for personal data of applicants. */
  foiDataKey: Buffer;
};

/** Parses the environment once; throws a readable error for bad settings. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.COOKIE_SECRET) throw new Error('COOKIE_SECRET (32+ characters) is required in production');
  if (production && !e.FOI_DATA_KEY) throw new Error('FOI_DATA_KEY (32 bytes, base64 or hex) is required in production');
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    production,
    demoMode: e.DEMO_MODE ? e.DEMO_MODE === 'true' : !production,
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : !production,
    demoApplications: e.DEMO_APPLICATIONS !== 'false',
    demoRegion: e.DEMO_REGION !== 'false',
    logLevel: e.LOG_LEVEL,
    cookieSecret: e.COOKIE_SECRET ?? 'gongkai-development-cookie-secret-not-for-production',
    trustProxy: e.TRUST_PROXY === 'true',
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    publicWriteRateLimit: e.PUBLIC_WRITE_RATE_LIMIT,
    publicCacheTtlSeconds: e.PUBLIC_CACHE_TTL,
    search: { concurrency: e.SEARCH_CONCURRENCY, queue: e.SEARCH_QUEUE, rateLimit: e.SEARCH_RATE_LIMIT, cacheTtlSeconds: e.SEARCH_CACHE_TTL },
    deadlineCountStartDay: e.DEADLINE_COUNT_START_DAY === 'true',
    foiDataKey: parseKey(e.FOI_DATA_KEY),
  };
}

/** A fixed key outside production so `npm start` works; data encrypted with it is demo data only. */
const DEVELOPMENT_KEY = Buffer.from('gongkai-development-foi-key-0000', 'utf8');

function parseKey(v: string | undefined): Buffer {
  if (!v) return DEVELOPMENT_KEY;
  const key = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (key.length !== 32) throw new Error('Invalid configuration:\n  FOI_DATA_KEY: must be 32 bytes (base64, or 64 hex digits)');
  return key;
}
