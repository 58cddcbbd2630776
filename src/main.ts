import { loadConfig, type Config } from './config.js';
import { migrateDatabase, openDatabase, type Database } from './db/client.js';
import { buildApp } from './http/server.js';
import { seedDemo, seedReference } from './seed/demo.js';
import { every } from './core/jobs/scheduler.js';
import { MODULES } from './modules/index.js';

/** Opens, migrates and seeds the database the configuration points at. */
export async function prepareDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
  await migrateDatabase(database);
  await seedReference(database.db);
  if (config.seedDemo) await seedDemo(database.db, { mustChangePassword: !config.demoMode, information: true, region: config.demoRegion, config });
  await (await import('./core/search/reindex.js')).ensureSearchIndex(database.db, MODULES.flatMap((m) => m.search ?? []));
  return database;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await prepareDatabase(config);
  const app = await buildApp({ config, db: database.db });
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // Every module's periodic jobs (scheduled publication …); each is safe on several instances.
  const deps = { config, db: database.db };
  const stops = MODULES.flatMap((m) => m.jobs ?? []).map((j) => every(j.everyMs, j.name, () => j.run(deps)));
  app.addHook('onClose', async () => stops.forEach((stop) => stop()));
  await app.listen({ port: config.port, host: config.host });
  console.log(`Gongkai listening on http://localhost:${config.port} (${database.kind}${config.demoMode ? ', demo mode' : ''})`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('main.ts')) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
