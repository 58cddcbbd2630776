import { randomBytes } from 'node:crypto';
import { migrateDatabase, openDatabase, type Database } from './client.js';
import { seedReference } from '../seed/reference.js';
import { seedDemo } from '../seed/demo.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by TEST_DATABASE_URL (dropped again on close).
 */
export async function createTestDatabase(opts: { demo?: boolean } = {}): Promise<Database & { url?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let database: Database & { url?: string };
  if (serverUrl) {
    const { default: pg } = await import('pg');
    const name = `gk_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = '/' + name;
    const inner = await openDatabase({ databaseUrl: url.toString() });
    database = {
      ...inner,
      url: url.toString(),
      close: async () => {
        await inner.close();
        const a = new pg.Client({ connectionString: serverUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  } else {
    database = await openDatabase({ dataDir: null });
  }
  await migrateDatabase(database);
  await seedReference(database.db);
  if (opts.demo) await seedDemo(database.db, { mustChangePassword: false });
  return database;
}
