import { loadConfig, type Config } from './config.js';
import { migrateDatabase, openDatabase, type Database } from './db/client.js';
import { buildApp } from './http/server.js';
import { seedReference } from './seed/reference.js';
import { seedDemo } from './seed/demo.js';
import { every } from './core/jobs/scheduler.js';
import { publishDue } from './modules/info/service.js';

/** Opens, migrates and seeds the database the configuration points at. */
export async function prepareDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
  await migrateDatabase(database);
  await seedReference(database.db);
  if (config.seedDemo) await seedDemo(database.db, { mustChangePassword: !config.demoMode, information: true });
  await (await import('./core/search/reindex.js')).ensureSearchIndex(database.db);
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
  // Scheduled publication happens at its time even across restarts: a missed one runs at start-up.
  const stopJobs = every(15_000, 'publish-due', () => publishDue(database.db));
  app.addHook('onClose', async () => stopJobs());
  await app.listen({ port: config.port, host: config.host });
  console.log(`Gongkai listening on http://localhost:${config.port} (${database.kind}${config.demoMode ? ', demo mode' : ''})`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('main.ts')) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
