// First set-up of a production installation (no demo data): creates the root government (a
// county, or a city or province that runs one installation for its counties) and its general
// office if the database has no agencies yet, and a system administrator account that must change
// its password at first sign-in.
//   DATABASE_URL=postgres://… npm run setup:admin -- --county "某某县人民政府" --username admin
//   DATABASE_URL=postgres://… npm run setup:admin -- --city "某某市人民政府" --username admin
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

const { values } = parseArgs({ options: { county: { type: 'string' }, city: { type: 'string' }, province: { type: 'string' }, username: { type: 'string', default: 'admin' } } });
const ROOTS = [
  { name: values.province, kind: 'province', office: '省人民政府办公厅' },
  { name: values.city, kind: 'city', office: '市人民政府办公室' },
  { name: values.county, kind: 'county', office: '县人民政府办公室' },
] as const;
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
    const top = ROOTS.find((r) => r.name);
    if (!top) throw new Error('The database has no agencies yet: pass --county "某某县人民政府" (or --city / --province).');
    [root] = await db.insert(agencies).values({ name: top.name!, kind: top.kind }).returning();
    await db.insert(agencies).values({ name: top.office, kind: 'department', parentId: root!.id });
  }
  await seedUser(db, { username: values.username!, displayName: '系统管理员', agencyId: root!.id, password, roles: [{ role: 'admin', domainId: null }], mustChangePassword: true });
  console.log(`Created administrator "${values.username}" for ${root!.name}.`);
  if (!process.env.GONGKAI_ADMIN_PASSWORD) console.log(`Initial password (shown once, must be changed at first sign-in): ${password}`);
} finally {
  await database.close();
}
