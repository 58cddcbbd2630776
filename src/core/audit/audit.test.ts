import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import { recordAudit, verifyAuditChain } from './service.js';

const actor = { userId: null, name: '测试', agencyId: null };

describe('audit chain', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
    for (let i = 1; i <= 5; i++) {
      await database.db.transaction((tx) => recordAudit(tx, actor, { action: 'test.event', targetType: 'thing', targetId: i, before: { n: i - 1 }, after: { n: i, 名称: '测试' } }));
    }
  });
  after(() => database.close());

  it('verifies an untouched chain and reports its length', async () => {
    const r = await verifyAuditChain(database.db);
    assert.equal(r.ok, true);
    assert.equal(r.count, 5);
  });

  it('refuses updates and deletes from the application', async () => {
    const appendOnly = (e: unknown) => /append-only/.test(String((e as { cause?: Error }).cause?.message ?? e));
    await assert.rejects(database.db.execute(sql`update audit_events set action = 'x' where seq = 2`), appendOnly);
    await assert.rejects(database.db.execute(sql`delete from audit_events where seq = 2`), appendOnly);
    assert.equal((await verifyAuditChain(database.db)).ok, true);
  });

  it('detects an event changed behind the trigger, naming it', async () => {
    await database.db.execute(sql`alter table audit_events disable trigger audit_events_no_update`);
    await database.db.execute(sql`update audit_events set after = '{"n": 99}'::jsonb where seq = 3`);
    const r = await verifyAuditChain(database.db);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.seq, 3);
    await database.db.execute(sql`update audit_events set after = '{"n": 3, "名称": "测试"}'::jsonb where seq = 3`);
    assert.equal((await verifyAuditChain(database.db)).ok, true, 'restoring the content restores the chain');
  });

  it('detects a removed event', async () => {
    await database.db.execute(sql`delete from audit_events where seq = 2`);
    const r = await verifyAuditChain(database.db);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.seq, 2);
    assert.match(!r.ok ? r.problem : '', /missing/);
  });
});
