import assert from 'node:assert/strict';
import type { Actor } from '../core/auth/actor.js';
import type { Db } from '../db/client.js';
import { login } from '../modules/account/service.js';
import { DEMO_PASSWORD } from '../seed/demo.js';

/** Signs demo accounts in through the account module, for tests of shared parts that need staff. */
export async function demoActors(db: Db, usernames: readonly string[]): Promise<Map<string, Actor>> {
  const actors = new Map<string, Actor>();
  for (const u of usernames) {
    const r = await login(db, { username: u, password: DEMO_PASSWORD, address: "127.0.0.1" });
    assert.ok(r.ok, `demo account ${u} signs in`);
    actors.set(u, r.actor);
  }
  return actors;
}
