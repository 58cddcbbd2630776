// First set-up of a production installation (no demo data): creates the county and its
// government office if the database has no agencies yet, and a system administrator account that
// must change its password at first sign-in.
//   DATABASE_URL=postgres://… npm run setup:admin -- --county "某某县人民政府" --username admin
// The initial password is read from GONGKAI_ADMIN_PASSWORD, or generated and printed once.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { asc } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { seedReference } from '../src/seed/demo.js';
import { seedUser } from '../src/modules/account/service.js';
import { agencies } from '../src/core/org/schema.js';
import { passwordProblem } from '../src/core/auth/password.js';

const { values } = parseArgs({ options: { county: { type: 'string' }, username: { type: 'string', default: 'admin' } } });
// The same strength check as every password a person chooses (docs/decisions/0010-password-strength.md),
// made before the database is touched.
const personal = { username: values.username!, displayName: '系统管理员' };
let password = process.env.GONGKAI_ADMIN_PASSWORD ?? '';
if (password) {
  const problem = passwordProblem(password, personal);
  if (problem) throw new Error(`GONGKAI_ADMIN_PASSWORD: ${problem}`);
} else {
  do password = `Gk-${randomBytes(12).toString('base64url')}`;
  while (passwordProblem(password, personal));
}
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
try {
  await migrateDatabase(database);
  await seedReference(database.db);
  const db = database.db;
  let [root] = await db.select().from(agencies).orderBy(asc(agencies.id)).limit(1);
  if (!root) {
    if (!values.county) throw new Error('The database has no agencies yet: pass --county "某某县人民政府".');
    [root] = await db.insert(agencies).values({ name: values.county, kind: 'county' }).returning();
    await db.insert(agencies).values({ name: '县人民政府办公室', kind: 'department', parentId: root!.id });
  }
  await seedUser(db, { username: values.username!, displayName: '系统管理员', agencyId: root!.id, password, roles: [{ role: 'admin', domainId: null }], mustChangePassword: true });
  console.log(`Created administrator "${values.username}" for ${root!.name}.`);
  if (!process.env.GONGKAI_ADMIN_PASSWORD) console.log(`Initial password (shown once, must be changed at first sign-in): ${password}`);
} finally {
  await database.close();
}
