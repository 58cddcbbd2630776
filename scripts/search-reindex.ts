// Rebuilds the search index (published catalog items and agencies) of the configured database
// (DATABASE_URL, or the embedded one in DATA_DIR), migrating it first. Safe to run while serving:
// the rebuild is one transaction.
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { reindexAll } from '../src/core/search/reindex.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
try {
  await migrateDatabase(database);
  const started = Date.now();
  const r = await reindexAll(database.db);
  console.log(`search index rebuilt: ${r.catalogItems} catalog items, ${r.agencies} agencies in ${Date.now() - started} ms`);
} finally {
  await database.close();
}
