import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { DemoWorld } from '../core/module.js';
import { MODULES } from '../modules/index.js';
import { listAgencies } from '../modules/org/service.js';

export { DEMO_PASSWORD } from '../modules/account/seed.js';
export { DEMO_COUNTY } from '../modules/org/seed.js';

/** Reference data every installation needs (the 26 pilot domains, guide templates …), from each module. */
export async function seedReference(db: Db): Promise<void> {
  for (const m of MODULES) await m.seed?.reference?.(db);
}

/**
 * Seeds the demo county once, module by module in the order of MODULES, each through its own
 * services. `information` is the full demo (published information, waiting work, applications
 * on the clock), off in unit tests whose counts it would change; `region` puts the county under a
 * demo city with a second county (what `npm start` shows).
 */
export async function seedDemo(db: Db, opts: { mustChangePassword: boolean; information?: boolean; region?: boolean; config?: Config }): Promise<void> {
  if ((await listAgencies(db)).length) return;
  const world: DemoWorld = {
    db,
    config: opts.config ?? null,
    mustChangePassword: opts.mustChangePassword,
    full: opts.information ?? false,
    region: opts.region ?? false,
    agencies: new Map(),
    actors: new Map(),
    as: (username) => {
      const actor = world.actors.get(username);
      if (!actor) throw new Error(`demo account not seeded: ${username}`);
      return { db, actor };
    },
  };
  for (const m of MODULES) await m.seed?.demo?.(world);
}
