import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config.js';
import { migrateDatabase, openDatabase, type Database } from '../db/client.js';
import { createServerDatabase } from '../db/testing.js';
import { buildApp } from './server.js';

/**
 * The upgrade path (issue 12): a database written by the previous release — a pg_dump of the
 * full demo made by commit cc19fd2's own code (src/db/fixtures/release-cc19fd2.sql.gz) — is
 * migrated by this release. Every row is kept, and every public URL that release served (its
 * sitemap, feeds, API lists and search; release-cc19fd2-pages.json, captured from its running
 * server) answers as it did, with the same page title.
 */
const fixtures = new URL('../db/fixtures/', import.meta.url);
// psql meta-commands (pg_dump 17's \\restrict lines) are not SQL: left out.
const dump = gunzipSync(readFileSync(new URL('release-cc19fd2.sql.gz', fixtures)))
  .toString('utf8')
  .replace(/^\\.*$/gm, '')
  // The previous release's search functions call each other unqualified, so they need the public
  // schema on the path while its index is rebuilt (this release's migration 0021 qualifies them).
  .replace("set_config('search_path', '', false)", "set_config('search_path', 'public', false)");
const pages = (JSON.parse(readFileSync(new URL('release-cc19fd2-pages.json', fixtures), 'utf8')) as { pages: { url: string; status: number; title: string }[] }).pages;

/** Rows per table in the dump (pg_dump --inserts writes one INSERT per row). */
function dumpedRows(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of dump.matchAll(/^INSERT INTO (?:public|drizzle)\.(\w+) /gm)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  return counts;
}

/**
 * Tables this release replaced, with where their rows went: the check is then that the new
 * table holds at least as many rows. Empty while nothing was replaced.
 */
const REPLACED: Record<string, string> = {};

describe('upgrade from the previous release', () => {
  let database: Database;
  let drop: (() => Promise<void>) | null = null;
  let app: FastifyInstance;

  before(async () => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl) {
      const scratch = await createServerDatabase(serverUrl);
      drop = scratch.drop;
      database = await openDatabase({ databaseUrl: scratch.url });
      await (database.db as unknown as { $client: { query(s: string): Promise<unknown> } }).$client.query(dump);
    } else {
      database = await openDatabase({ dataDir: null });
      await (database.db as unknown as { $client: { exec(s: string): Promise<unknown> } }).$client.exec(dump);
    }
    // pg_dump empties the search path for its own session; the app's connection uses the default.
    await database.db.execute(sql.raw(`SELECT pg_catalog.set_config('search_path', '"$user", public', false)`));
    await migrateDatabase(database);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_MODE: 'true', SEED_DEMO: 'false' });
    app = await buildApp({ config, db: database.db });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await database?.close();
    await drop?.();
  });

  it('keeps every row of every table', async () => {
    const before = dumpedRows();
    assert.ok((before.get('agencies') ?? 0) > 20 && (before.get('info_editions') ?? 0) > 5, 'the fixture holds the full demo');
    for (const [table, rows] of before) {
      if (table === '__drizzle_migrations') continue;
      const target = REPLACED[table] ?? table;
      const r = await database.db.execute(sql.raw(`SELECT count(*)::int AS n FROM "${target}"`));
      const n = Number(((r as unknown as { rows?: { n: number }[] }).rows ?? (r as unknown as { n: number }[]))[0]!.n);
      if (REPLACED[table]) assert.ok(n >= rows, `${table} → ${target}: ${n} of ${rows} rows`);
      else assert.equal(n, rows, `${table}: ${rows} rows before the upgrade, ${n} after`);
    }
  });

  it('places the existing county at the root of the tree', async () => {
    const r = await database.db.execute(sql.raw(`SELECT count(*)::int AS unplaced FROM agencies WHERE path = '' OR gov_id IS NULL`));
    const rows = (r as unknown as { rows?: { unplaced: number }[] }).rows ?? (r as unknown as { unplaced: number }[]);
    assert.equal(Number(rows[0]!.unplaced), 0, 'every agency has its path and government');
    const county = await database.db.execute(sql.raw(`SELECT path, gov_id, upper_gov_id FROM agencies WHERE parent_id IS NULL`));
    const c = ((county as unknown as { rows?: { path: string; gov_id: number; upper_gov_id: number | null }[] }).rows ?? (county as never))[0]!;
    assert.match(c.path, /^\/\d+\/$/);
    assert.equal(c.upper_gov_id, null);
  });

  // Titles this release changed on purpose: the site feeds named the platform, not the government (issue 12).
  const RETITLED: Record<string, string> = {
    '政务公开平台 政府信息公开': '示范县人民政府 政府信息公开',
  };

  it('answers every public URL of the previous release as it did, with the same title', async () => {
    assert.ok(pages.length > 100, 'the fixture lists the previous release’s public pages');
    const differences: string[] = [];
    for (const p of pages) {
      const res = await app.inject({ method: 'GET', url: p.url, headers: { accept: 'text/html' } });
      const title = /<title>([^<]*)<\/title>/.exec(res.body)?.[1] ?? String(res.headers['content-type'] ?? '').split(';')[0]!;
      if (res.statusCode !== p.status || title !== (RETITLED[p.title] ?? p.title)) differences.push(`${p.url}: ${p.status} “${p.title}” → ${res.statusCode} “${title}”`);
    }
    assert.deepEqual(differences, []);
  });
});
