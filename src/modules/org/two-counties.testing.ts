// Test fixture (not a test): the demo county (示范县) moved under a city, beside a second county, for
// the scope tests of report, account, org and audit. Build it on `createTestDatabase({ demo: true })`.
import { eq } from 'drizzle-orm';
import type { Actor, RoleGrant } from '../../core/auth/actor.js';
import { agencies } from '../../core/org/schema.js';
import { placementOf } from '../../core/org/scope.js';
import type { Db } from '../../db/client.js';
import { seedUser } from '../account/service.js';
import { listAgencies } from './service.js';

export type TwoCounties = {
  /** Agencies: city, cityOffice; a (示范县), aOffice, aMz, aTown (城关镇); b (乙县), bOffice, bMz, bTown. */
  id: Record<'city' | 'cityOffice' | 'a' | 'aOffice' | 'aMz' | 'aTown' | 'b' | 'bOffice' | 'bMz' | 'bTown', number>;
  /** A new account at the agency with the roles, and its Actor as a session would load it. */
  actor: (username: string, agency: number, roles: RoleGrant['role'][]) => Promise<Actor>;
};

export const PASSWORD = 'Scope-Test#2026-long';

export async function twoCountyCity(db: Db): Promise<TwoCounties> {
  const all = await listAgencies(db);
  const by = (name: string) => all.find((a) => a.name === name)!.id;
  const a = all.find((x) => x.kind === 'county')!.id;
  const add = async (name: string, kind: (typeof agencies.$inferInsert)['kind'], parentId: number | null) =>
    (await db.insert(agencies).values({ name, kind, parentId }).returning())[0]!.id;
  const city = await add('测试市人民政府', 'city', null);
  const cityOffice = await add('测试市人民政府办公室', 'department', city);
  // Moving the county under the city re-roots its whole subtree (the trigger keeps the paths).
  await db.update(agencies).set({ parentId: city }).where(eq(agencies.id, a));
  const b = await add('乙县人民政府', 'county', city);
  const id = {
    city, cityOffice, a, aOffice: by('县人民政府办公室'), aMz: by('县民政局'), aTown: by('城关镇'),
    b, bOffice: await add('乙县人民政府办公室', 'department', b), bMz: await add('乙县民政局', 'department', b), bTown: await add('乙县城关镇', 'township', b),
  };
  const actor = async (username: string, agency: number, roles: RoleGrant['role'][]): Promise<Actor> => {
    const grants = roles.map((role) => ({ role, domainId: null }));
    const userId = await seedUser(db, { username, displayName: username, agencyId: agency, password: PASSWORD, roles: grants, mustChangePassword: false });
    return { userId, username, name: username, agencyId: agency, placement: await placementOf(db, agency), roles: grants, mustChangePassword: false };
  };
  return { id, actor };
}
