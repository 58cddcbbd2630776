import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../core/auth/actor.js';
import { AppError } from '../../core/errors.js';
import { login } from '../account/service.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { getInfoSettings, updateInfoSettings } from '../info/settings.js';
import { getFoiSettings, updateFoiSettings } from '../foi/settings.js';
import { setOverride } from '../../core/calendar/service.js';

const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

// Settings that hold for the whole installation are the top government's: under a city, a county's office cannot change them for every county.
describe('installation-wide settings under a city', () => {
  let database: Database;
  const actors = new Map<string, Actor>();
  const as = (u: string) => ({ db: database.db, actor: actors.get(u)! });
  before(async () => {
    database = await createTestDatabase({ demo: true, region: true });
    for (const u of ['office', 'nx-admin', 'shi-office']) {
      const r = await login(database.db, { username: u, password: DEMO_PASSWORD, address: '127.0.0.1' });
      assert.ok(r.ok, u);
      actors.set(u, r.actor);
    }
  });
  after(() => database.close());

  it("refuses a county's office or administrator, leaves the settings unchanged, and lets the city's office set them", async () => {
    const info = await getInfoSettings(database.db);
    const foi = await getFoiSettings(database.db);
    const infoInput = { indexRule: info.indexRule, assemblies: info.assemblies.join('\n'), interpretationKinds: info.interpretationKinds };
    for (const u of ['office', 'nx-admin']) {
      await assert.rejects(updateInfoSettings(as(u), infoInput), (e) => code(e) === 'forbidden', `${u}: 索引号 rule`);
      await assert.rejects(updateFoiSettings(as(u), { feesEnabled: !foi.feesEnabled, defaultFeeRule: foi.defaultFeeRule, paymentWorkdays: String(foi.paymentWorkdays) }), (e) => code(e) === 'forbidden', `${u}: fees`);
      await assert.rejects(setOverride(as(u), { date: '2030-01-02', kind: 'holiday', name: '测试' }), (e) => code(e) === 'forbidden', `${u}: calendar`);
    }
    assert.deepEqual(await getFoiSettings(database.db), foi);
    await updateFoiSettings(as('shi-office'), { feesEnabled: !foi.feesEnabled, defaultFeeRule: foi.defaultFeeRule, paymentWorkdays: String(foi.paymentWorkdays) });
    assert.equal((await getFoiSettings(database.db)).feesEnabled, !foi.feesEnabled);
  });
});
