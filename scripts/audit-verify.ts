// Verifies the audit chain of the configured database (DATABASE_URL, or the embedded one in DATA_DIR).
// Exit 0 and the head hash when intact; exit 1 naming the first bad event otherwise.
// Record the printed head hash somewhere outside the database: a later run that shows fewer events
// or another hash for the same count means the tail was cut.
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { verifyAuditChain } from '../src/core/audit/service.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
try {
  const r = await verifyAuditChain(database.db);
  if (r.ok) {
    console.log(`audit chain intact: ${r.count} events, head ${r.head}`);
  } else {
    console.error(`audit chain BROKEN at event ${r.seq}: ${r.problem} (${r.count} events verified before it)`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
