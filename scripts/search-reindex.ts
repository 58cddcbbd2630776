// Rebuilds the search index (every module's search sources: catalog items, agencies, documents …) of the configured database
// (DATABASE_URL, or the embedded one in DATA_DIR), migrating it first. Safe to run while serving:
// the rebuild is one transaction.
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { reindexAll } from '../src/core/search/reindex.js';
import { MODULES } from '../src/modules/index.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
try {
  await migrateDatabase(database);
  const started = Date.now();
  const r = await reindexAll(database.db, MODULES.flatMap((m) => m.search ?? []));
  console.log(`search index rebuilt: ${Object.entries(r).map(([kind, n]) => `${n} ${kind}`).join(', ')} in ${Date.now() - started} ms`);
} finally {
  await database.close();
}
