import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import { migrateDatabase, openDatabase, type Database } from './client.js';
import { seedDemo, seedReference } from '../seed/demo.js';

/**
 * A new, empty database on the PostgreSQL server at `serverUrl` (whose database is used only to
 * connect for CREATE/DROP): its URL, and `drop()` to remove it again.
 */
export async function createServerDatabase(serverUrl: string, prefix = 'gk_test'): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = '/' + name;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by TEST_DATABASE_URL (dropped again on close). `demo` seeds the demo
 * county; `full` the whole demo (published information, waiting work, applications — with `config`);
 * `region` the city with two counties above it (as `npm start` shows).
 */
export async function createTestDatabase(opts: { demo?: boolean; full?: boolean; region?: boolean; config?: Config } = {}): Promise<Database & { url?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let database: Database & { url?: string };
  if (serverUrl) {
    const scratch = await createServerDatabase(serverUrl);
    const inner = await openDatabase({ databaseUrl: scratch.url });
    database = {
      ...inner,
      url: scratch.url,
      close: async () => {
        await inner.close();
        await scratch.drop();
      },
    };
  } else {
    database = await openDatabase({ dataDir: null });
  }
  await migrateDatabase(database);
  await seedReference(database.db);
  if (opts.demo || opts.full) await seedDemo(database.db, { mustChangePassword: false, information: opts.full, region: opts.region, config: opts.config });
  return database;
}
