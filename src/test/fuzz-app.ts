import { sql } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import { buildApp } from '../http/server.js';
import { createTestDatabase } from '../db/testing.js';
import type { Db } from '../db/client.js';
import { MODULES } from '../modules/index.js';
import type { TestApp } from './app.js';
import type { ModuleManifest } from '../core/module.js';

export type LoggedApp = TestApp & {
  /** Every line the app logged so far (pino's JSON lines). */
  log: string[];
  /** The markers found in the log, compared without case (a value may be folded on its way). */
  leaked: (markers: readonly string[]) => string[];
};

/**
 * The whole app as createTestApp builds it, but logging at `trace` into memory, so a test can
 * read what an operator's log would hold. Rate limits are high: a fuzzer sends many requests.
 */
export async function createLoggedApp(env: Record<string, string> = {}, opts: { full?: boolean; modules?: readonly ModuleManifest[] } = {}): Promise<LoggedApp> {
  const config = loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'trace', DEMO_MODE: 'true', LOGIN_RATE_LIMIT: '100000', PUBLIC_WRITE_RATE_LIMIT: '100000', PUBLIC_CACHE_TTL: '0', ...env,
  });
  const database = await createTestDatabase({ demo: true, full: opts.full, config });
  const log: string[] = [];
  const app = await buildApp({ config, db: database.db }, opts.modules ?? MODULES, { logStream: { write: (line: string) => void log.push(line) } });
  await app.ready();
  const leaked = (markers: readonly string[]) => {
    const text = log.join('').toLowerCase();
    return markers.filter((m) => text.includes(m.toLowerCase()));
  };
  return { app, database, config, log, leaked, close: async () => { await app.close(); await database.close(); } };
}

/**
 * Makes every insert or update of `table` fail inside the database, with the whole row in the
 * error's message and detail (as a constraint or trigger error may carry values): a real internal
 * error on the write path. Returns the function that removes it again.
 */
export async function failWrites(db: Db, table: string): Promise<() => Promise<void>> {
  const ident = /^[a-z_][a-z0-9_]*$/.exec(table)?.[0];
  if (!ident) throw new Error(`not a table name: ${table}`);
  await db.execute(sql.raw(`CREATE OR REPLACE FUNCTION gk_forced_failure() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'forced failure: %', row_to_json(NEW)::text USING DETAIL = row_to_json(NEW)::text, ERRCODE = 'P0001'; END $$`));
  await db.execute(sql.raw(`CREATE TRIGGER gk_forced_failure BEFORE INSERT OR UPDATE ON "${ident}" FOR EACH ROW EXECUTE FUNCTION gk_forced_failure()`));
  return async () => {
    await db.execute(sql.raw(`DROP TRIGGER gk_forced_failure ON "${ident}"`));
  };
}

/** Makes every statement on `table` fail (it is renamed away); returns the function that restores it. */
export async function failReads(db: Db, table: string): Promise<() => Promise<void>> {
  const ident = /^[a-z_][a-z0-9_]*$/.exec(table)?.[0];
  if (!ident) throw new Error(`not a table name: ${table}`);
  await db.execute(sql.raw(`ALTER TABLE "${ident}" RENAME TO "${ident}_gone"`));
  return async () => {
    await db.execute(sql.raw(`ALTER TABLE "${ident}_gone" RENAME TO "${ident}"`));
  };
}
