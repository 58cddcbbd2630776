import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestApp, Browser, type TestApp } from '../test/app.js';
import { auditEvents } from '../core/audit/schema.js';
import { hasAuditActionLabel, hasAuditTargetLabel } from '../core/audit/labels.js';

// Every audit action and kind of target has a Chinese name, so the audit log reads as words.

const src = fileURLToPath(new URL('..', import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(n) && !/\.test\.tsx?$/.test(n) ? [p] : [];
  });

describe('audit log in Chinese', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({}, { full: true });
  });
  after(async () => t?.close());

  it('names every action the code records and every kind of target', () => {
    const text = sources(src).map((f) => readFileSync(f, 'utf8')).join('\n');
    const literal = [...text.matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1]!);
    const foi = [...text.matchAll(/await act\(ctx, id, '([a-z_]+)'/g)].map((m) => `foi.${m[1]}`);
    const targets = [...text.matchAll(/targetType: '([a-z_]+)'/g)].map((m) => m[1]!);
    assert.ok(literal.length > 20 && foi.length > 10, 'the scan finds the recorded actions');
    assert.deepEqual([...new Set([...literal, ...foi])].filter((a) => !hasAuditActionLabel(a)), []);
    assert.deepEqual([...new Set(targets)].filter((x) => !hasAuditTargetLabel(x)), []);
  });

  it('shows the demo’s whole log with Chinese actions and names, never a code or “#7”', async () => {
    const events = await t.database.db.select().from(auditEvents);
    assert.ok(events.length > 50);
    assert.deepEqual([...new Set(events.map((e) => e.action))].filter((a) => !hasAuditActionLabel(a)), []);
    const b = new Browser(t.app);
    await b.login('office');
    const page = (await b.get('/admin/audit')).body;
    const rows = [...page.matchAll(/<tr><td>\d+<\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)];
    assert.ok(rows.length >= 50, `rows read: ${rows.length}`);
    for (const [, action, target] of rows) {
      assert.match(action!, /^[\p{Script=Han}：（）]+$/u, `action "${action}" is Chinese`);
      assert.doesNotMatch(target!, /#|[a-z_]{3,}/, `target "${target}" has no code`);
    }
    assert.match(page, /登录<\/td><td>账号：县政务公开办 刘主任/, 'a person is named');
  });
});
