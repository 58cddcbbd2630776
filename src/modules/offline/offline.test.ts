import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { auditEvents } from '../../core/audit/schema.js';
import { createPoint, pointOwners, publicPoints, setPointActive, staffPoint, staffPoints, updatePoint } from './points.js';
import { offlinePoints } from './schema.js';

const status = (n: number) => (e: unknown) => e instanceof AppError && e.status === n;

describe('offline: the register of 公开查阅点', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });
  before(async () => {
    t = await createTestApp({}, { region: true });
    actors = await demoActors(t.database.db, ['office', 'admin', 'minzheng', 'nx-office', 'shi-office']);
  });
  after(async () => t?.close());
  const named = async (name: string) => (await t.database.db.select().from(offlinePoints).where(eq(offlinePoints.name, name)))[0]!;

  it('seeds the demo county\'s three points, kept by its office', async () => {
    const rows = await staffPoints(as('office'));
    assert.deepEqual(rows.map((r) => r.name).sort(), ['城关镇便民服务中心', '县政务服务中心政务公开专区', '县档案馆查阅点'].sort());
    assert.equal(rows.find((r) => r.name === '城关镇便民服务中心')!.agencyName, '城关镇', 'a township\'s point belongs to the county government');
  });

  it('lets 示范南县 neither see nor edit 示范县\'s points, and a clerk not at all', async () => {
    const p = await named('县档案馆查阅点');
    assert.equal((await staffPoints(as('nx-office'))).length, 0);
    await assert.rejects(staffPoint(as('nx-office'), p.id), status(404));
    await assert.rejects(updatePoint(as('nx-office'), p.id, { name: '改名', kind: 'reading', agencyId: p.agencyId, address: 'x', hours: 'y' }), status(404));
    await assert.rejects(setPointActive(as('nx-office'), p.id, false), status(404));
    await assert.rejects(staffPoints(as('minzheng')), status(403));
    // The city's office reads its counties elsewhere, but acts only on its own government's points.
    await assert.rejects(setPointActive(as('shi-office'), p.id, false), status(404));
    // 示范南县 cannot register a point for a 示范县 agency either.
    await assert.rejects(createPoint(as('nx-office'), { name: '越权', kind: 'reading', agencyId: p.agencyId, address: 'x', hours: 'y' }), (e) => e instanceof AppError && e.status === 400 && /本级政府/.test(e.message));
    assert.ok(!(await pointOwners(as('nx-office'))).some((o) => o.id === p.agencyId));
    assert.equal((await named('县档案馆查阅点')).name, '县档案馆查阅点', 'unchanged');
  });

  it('edits and deactivates audited; the public list shows only the site\'s active points', async () => {
    const p = await named('县档案馆查阅点');
    await updatePoint(as('office'), p.id, { name: '县档案馆政府信息公开查阅点', kind: 'reading', agencyId: p.agencyId, address: p.address, hours: '周一至周六 9:00-17:00', openSaturday: true, phone: p.phone, holdings: p.holdings, accessibility: p.accessibility });
    const county = actors.get('office')!.placement.govId;
    const south = actors.get('nx-office')!.placement.govId;
    const nx = (await pointOwners(as('nx-office')))[0]!;
    await createPoint(as('nx-office'), { name: '南县政务公开专区', kind: 'zone', agencyId: nx.id, address: '南湖路1号', hours: '工作日' });
    let pub = await publicPoints(t.database.db, county);
    assert.ok(pub.some((x) => x.name === '县档案馆政府信息公开查阅点' && x.openSaturday));
    assert.ok(!pub.some((x) => x.name === '南县政务公开专区'), 'another county\'s point is not on this site');
    assert.deepEqual((await publicPoints(t.database.db, south)).map((x) => x.name), ['南县政务公开专区']);
    await setPointActive(as('office'), p.id, false);
    await assert.rejects(setPointActive(as('office'), p.id, false), status(409));
    pub = await publicPoints(t.database.db, county);
    assert.ok(!pub.some((x) => x.id === p.id), 'a deactivated point is not listed');
    assert.equal(pub.length, 2);
    await setPointActive(as('admin'), p.id, true);
    assert.equal((await publicPoints(t.database.db, county)).length, 3);
    const actions = (await t.database.db.select({ action: auditEvents.action, before: auditEvents.before }).from(auditEvents).where(and(eq(auditEvents.targetType, 'offline_point'), eq(auditEvents.targetId, String(p.id)))));
    assert.deepEqual(actions.map((x) => x.action).sort(), ['offline.point_created', 'offline.point_deactivated', 'offline.point_reactivated', 'offline.point_updated']);
    assert.equal((actions.find((x) => x.action === 'offline.point_updated')!.before as { name: string }).name, '县档案馆查阅点', 'the audit keeps what it was');
  });

  it('registers one point for a form sent twice', async () => {
    const owner = (await pointOwners(as('office')))[0]!.id;
    const input = { name: '县图书馆查阅点', kind: 'reading', agencyId: owner, address: '文化路8号', hours: '周二至周日 9:00-17:00', submitKey: 'dup-key-00001' };
    const a = await createPoint(as('office'), input);
    const b = await createPoint(as('office'), input);
    assert.equal(a, b);
    assert.equal((await t.database.db.select().from(offlinePoints).where(eq(offlinePoints.name, '县图书馆查阅点'))).length, 1);
  });
});
