// Places a county installed on its own under a city (or a city under a province), as issue 12
// promises an administrator can do later: the city is created with its general office if it does
// not exist yet and becomes the root of the tree; the county keeps everything it holds, and its
// public site moves from / to /<prefix>/ (the city's site now answers /).
//   DATABASE_URL=postgres://… npm run setup:place -- --county "某某县人民政府" --city "某某市人民政府" --prefix moumouxian
//   (or --province "某某省人民政府" with --city naming the city to place)
// Then sign in as the county's administrator to check 网站标识, and create the city's accounts.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { placeGovernment } from '../src/modules/org/place.js';
import { placeSite } from '../src/modules/portal/site.js';

const { values } = parseArgs({ options: { county: { type: 'string' }, city: { type: 'string' }, province: { type: 'string' }, prefix: { type: 'string' } } });
const [lower, upper, upperKind] = values.province ? [values.city ?? values.county, values.province, 'province' as const] : [values.county, values.city, 'city' as const];
if (!lower || !upper || !values.prefix) {
  console.error('Usage: npm run setup:place -- --county "某某县人民政府" --city "某某市人民政府" --prefix moumouxian');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
try {
  await migrateDatabase(database);
  const r = await placeGovernment(database.db, { lower, upper, upperKind });
  await placeSite(database.db, r.lowerId, values.prefix);
  console.log(`${lower} is now under ${upper}${r.created ? ' (created)' : ''}; its site is at /${values.prefix.toLowerCase()}/ and ${upper}'s at /.`);
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}
