import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { WorklistCtx } from '../../core/module.js';
import { loadConfig } from '../../config.js';
import { auditEvents } from '../../core/audit/schema.js';
import { addWorkdays } from '../../core/calendar/calendar.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { listPublishedGuides } from '../guides/public.js';
import { resolveTarget, staffRatings, submitRating, type RatingInput, type Target } from './ratings.js';
import { getOrder, orderStep, staffOrders } from './orders.js';
import { publicAggregates, staffAggregates } from './stats.js';
import { createWindow, updateSettings } from './windows.js';
import { ratingsWorklist } from './worklist.js';
import { ratings } from './schema.js';

// Monday 2 March 2026, 10:00 in Shanghai: no holiday in the following weeks.
const MONDAY = new Date('2026-03-02T02:00:00Z');
const at = (minutes: number) => new Date(MONDAY.getTime() + minutes * 60_000);

describe('ratings: 好差评 and 差评 work orders', () => {
  let database: Database;
  let actors: Map<string, Actor>;
  const key = randomBytes(32);
  let govId: number;
  let item: Target;
  let windowTarget: Target;
  let n = 0;
  const as = (u: string) => ({ db: database.db, actor: actors.get(u)!, key });
  const rate = (t: Target, input: RatingInput, now = at(n * 60), address = `203.0.113.${++n}`) => submitRating({ db: database.db, key, address, now }, t, input);
  const worklist = (u: string, today: string) => ratingsWorklist({ db: database.db, actor: actors.get(u)!, config: loadConfig({ NODE_ENV: 'test' }), today } as WorklistCtx);

  before(async () => {
    database = await createTestDatabase({ demo: true, region: true });
    actors = await demoActors(database.db, ['office', 'minzheng', 'jiaoyu', 'nx-office', 'shi-office']);
    govId = actors.get('office')!.placement.govId;
    const guides = await listPublishedGuides(database.db, govId);
    const mz = guides.find((g) => g.agencyName === '县民政局');
    assert.ok(mz, 'the demo county publishes a guide of 县民政局');
    item = (await resolveTarget(database.db, govId, { code: mz.code }))!;
    const winId = await createWindow(as('office'), { agencyId: actors.get('jiaoyu')!.agencyId, hall: '测试大厅', number: 'T01', name: '测试窗口' });
    windowTarget = (await resolveTarget(database.db, govId, { window: String(winId) }))!;
    await updateSettings(as('office'), { workDays: '5', tags: '等候时间过长\n服务态度不好\n其他' });
  });
  after(async () => database?.close());

  it('resolves an item by its 实施编码 only on its own government\'s site, and a window only while it is active', async () => {
    assert.equal(item.agencyName, '县民政局');
    assert.equal(item.target, 'item');
    const south = actors.get('nx-office')!.placement.govId;
    assert.equal(await resolveTarget(database.db, south, { code: item.guideCode! }), null);
    assert.equal(await resolveTarget(database.db, govId, { code: "x' OR 1=1 --" }), null);
    assert.equal(await resolveTarget(database.db, govId, { window: '99999999999' }), null);
    assert.equal(windowTarget.agencyName, '县教育局');
  });

  it('refuses a 差评 with neither tag nor text and an unknown tag; a 好评 opens no order', async () => {
    await assert.rejects(rate(item, { level: '2' }), (e: { details?: { fields?: Record<string, string> } }) => /至少选择一个标签或填写具体情况/.test(e.details?.fields?.tags ?? ''));
    await assert.rejects(rate(item, { level: '1', tags: ['不存在的标签'] }), /请从列出的标签中选择|提交/);
    await assert.rejects(rate(item, { level: '6' }), /满意程度|提交/);
    await assert.rejects(rate(item, { level: '5', phone: '12345' }), /联系电话|提交/);
    const ok = await rate(item, { level: '5' });
    assert.equal(ok.orderId, null);
  });

  it('a 差评 opens an order due the set working days later; callback, rectification and feedback close it', async () => {
    const r = await rate(item, { level: '1', tags: ['等候时间过长'], body: '排队两小时', phone: '138 1234 1234' }, at(0));
    assert.ok(r.orderId);
    const cal = await loadCalendar(database.db);
    const d = await getOrder(as('minzheng'), r.orderId!);
    assert.equal(d.order.openedOn, '2026-03-02');
    assert.equal(d.order.dueOn, addWorkdays(cal, '2026-03-02', 5));
    assert.equal(d.order.dueOn, '2026-03-09', 'Monday + 5 working days is the next Monday');
    // The unit sees its open order on its worklist; the office only once it is overdue.
    assert.ok((await worklist('minzheng', '2026-03-05')).some((w) => w.href.endsWith(`/orders/${r.orderId}`) && w.urgency !== 'overdue'));
    assert.ok(!(await worklist('office', '2026-03-05')).some((w) => w.href.endsWith(`/orders/${r.orderId}`)));
    const late = (await worklist('office', '2026-03-10')).find((w) => w.href.endsWith(`/orders/${r.orderId}`));
    assert.equal(late?.urgency, 'overdue');
    assert.equal(late?.kind, '差评工单已超期');
    // Feedback needs a callback first.
    await assert.rejects(orderStep(as('minzheng'), r.orderId!, 'feedback', { note: '已反馈' }), /先登记回访/);
    await orderStep({ ...as('minzheng'), today: '2026-03-03' }, r.orderId!, 'callback', { note: '已电话回访' });
    await orderStep({ ...as('minzheng'), today: '2026-03-04' }, r.orderId!, 'rectify', { note: '增开窗口' });
    await orderStep({ ...as('minzheng'), today: '2026-03-05' }, r.orderId!, 'feedback', { note: '已告知评价人' });
    const closed = await getOrder(as('office'), r.orderId!);
    assert.equal(closed.order.state, 'closed');
    assert.deepEqual(closed.events.map((e) => e.kind), ['opened', 'callback', 'rectified', 'feedback']);
    await assert.rejects(orderStep(as('minzheng'), r.orderId!, 'callback', { note: '再次' }), /已经办结/);
    assert.ok(!(await worklist('minzheng', '2026-03-10')).some((w) => w.href.endsWith(`/orders/${r.orderId}`)), 'a closed order leaves the worklist');
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.targetId, String(r.orderId)));
    assert.ok(['ratings.order_callback', 'ratings.order_rectified', 'ratings.order_closed'].every((a) => audit.some((x) => x.action === a)), 'each step is audited');
  });

  it('refuses a repeat by the same rater on the same target within 30 minutes, with a clear message', async () => {
    await rate(windowTarget, { level: '4', phone: '13900001111' }, at(1000), '203.0.113.200');
    await assert.rejects(rate(windowTarget, { level: '2', body: '又来了', phone: '13900001111' }, at(1010), '198.51.100.7'), /30 分钟内已经评价过/);
    await assert.rejects(rate(windowTarget, { level: '3' }, at(1005), '203.0.113.201').then(() => rate(windowTarget, { level: '3' }, at(1006), '203.0.113.201')), /请勿重复提交/);
    const later = await rate(windowTarget, { level: '5', phone: '13900001111' }, at(1040), '203.0.113.200');
    assert.ok(later.id > 0, 'after the window the same rater may rate again');
  });

  it('shows the phone in full only to the handling unit while the order is open; masked to the office; never in the audit log', async () => {
    const r = await rate(item, { level: '2', body: '材料说明不清', phone: '13712345678' }, at(2000));
    const unit = await getOrder(as('minzheng'), r.orderId!);
    assert.equal(unit.phone, '13712345678');
    assert.equal(unit.phoneFull, true);
    const office = await getOrder(as('office'), r.orderId!);
    assert.equal(office.phone, '137****5678');
    assert.ok((await staffRatings(as('office'))).every((x) => !x.phone.includes('12345678') && !x.phone.includes('3712345')));
    const [row] = await database.db.select().from(ratings).where(eq(ratings.id, r.id));
    assert.ok(!row!.phoneSealed.includes('13712345678'), 'stored encrypted');
    const all = JSON.stringify(await database.db.select().from(auditEvents));
    assert.ok(!all.includes('13712345678') && !all.includes('材料说明不清'), 'the audit log names neither the phone nor the text');
    await orderStep(as('minzheng'), r.orderId!, 'callback', { note: '已回访' });
    await orderStep(as('minzheng'), r.orderId!, 'feedback', { note: '已解释' });
    assert.equal((await getOrder(as('minzheng'), r.orderId!)).phone, '137****5678', 'masked once the order is closed');
  });

  it('scope: another county sees nothing; another unit cannot open the order; the city reads but does not act', async () => {
    const r = await rate(item, { level: '1', tags: ['服务态度不好'] }, at(3000));
    assert.equal((await staffOrders(as('nx-office'))).length, 0);
    assert.equal((await staffRatings(as('nx-office'))).length, 0);
    assert.equal((await staffAggregates(as('nx-office'))).total.count, 0);
    await assert.rejects(getOrder(as('nx-office'), r.orderId!), /未找到/);
    await assert.rejects(getOrder(as('jiaoyu'), r.orderId!), /未找到/);
    assert.ok((await staffOrders(as('jiaoyu'))).every((o) => o.agencyName === '县教育局'), 'a unit lists only its own orders');
    assert.ok((await staffOrders(as('minzheng'))).some((o) => o.id === r.orderId));
    assert.ok((await staffRatings(as('jiaoyu'))).every((x) => x.agencyName === '县教育局'));
    const city = await getOrder(as('shi-office'), r.orderId!);
    assert.equal(city.may.handle, false);
    assert.equal(city.phone, '');
    await assert.rejects(orderStep(as('shi-office'), r.orderId!, 'callback', { note: '越级' }), /未找到/);
    await assert.rejects(orderStep(as('jiaoyu'), r.orderId!, 'callback', { note: '他人' }), /未找到/);
  });

  it('an accepted appeal takes the rating out of every aggregate; a rejected one sends the order back', async () => {
    const before = await publicAggregates(database.db, govId);
    const key0 = item.guideCode!;
    const row0 = before.items.find((x) => x.key === key0)!;
    const r = await rate(item, { level: '1', body: '恶意差评测试' }, at(4000));
    const mid = (await publicAggregates(database.db, govId)).items.find((x) => x.key === key0)!;
    assert.equal(mid.count, row0.count + 1);
    assert.equal(mid.bad, row0.bad + 1);
    await assert.rejects(orderStep(as('office'), r.orderId!, 'appeal', { note: '由办公室申诉' }), /由承办单位提出/);
    await orderStep(as('minzheng'), r.orderId!, 'appeal', { note: '评价人当天未来办事，系误评' });
    assert.ok((await worklist('office', '2026-03-03')).some((w) => w.kind === '差评申诉待审核' && w.href.endsWith(`/orders/${r.orderId}`)));
    await assert.rejects(orderStep(as('minzheng'), r.orderId!, 'accept', {}), /未找到/, 'the unit cannot decide its own appeal');
    await orderStep(as('office'), r.orderId!, 'reject', { note: '无证据' });
    assert.equal((await getOrder(as('office'), r.orderId!)).order.state, 'open');
    await orderStep(as('minzheng'), r.orderId!, 'appeal', { note: '补充监控录像，确系误评' });
    await orderStep(as('office'), r.orderId!, 'accept', { note: '' });
    assert.equal((await getOrder(as('office'), r.orderId!)).order.state, 'excluded');
    const after = await publicAggregates(database.db, govId);
    const row1 = after.items.find((x) => x.key === key0)!;
    assert.equal(row1.count, row0.count);
    assert.equal(row1.bad, row0.bad);
    assert.equal(after.total.count, before.total.count);
    const staff = await staffAggregates(as('office'));
    assert.equal(staff.total.count, after.total.count, 'staff figures leave it out too');
  });

  it('counts 满意及以上, 差评 and 整改率 per item and agency, and filters by period', async () => {
    const stats = await staffAggregates(as('office'), { from: '2026-03-02', to: '2026-03-31' });
    const w = stats.items.find((x) => x.key === `w${windowTarget.windowId}`)!;
    // The window: 4, 5 (the repeat at 1005/1006 minutes was one 3 accepted before the refusal), 3.
    assert.equal(w.count, 3);
    assert.equal(w.satisfied, 2);
    assert.equal(w.bad, 0);
    const it = stats.items.find((x) => x.key === item.guideCode)!;
    assert.ok(it.bad >= 3 && it.rectified >= 1 && it.rectified < it.bad);
    const agency = stats.agencies.find((a) => a.name === '县民政局')!;
    assert.ok(agency.count >= it.count);
    const none = await staffAggregates(as('office'), { from: '2025-01-01', to: '2025-01-31' });
    assert.equal(none.total.count, 0);
  });
});
