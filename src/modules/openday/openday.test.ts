import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { addOpinion, announceEvent, answerOpinion, assignOpinion, cancelEvent, cancelRegistration, createEvent, drawSelection, publicSummary, publishedList, publishList, register, registrationByCode, registrationsOf } from './events.js';
import { opendayWorklist } from './worklist.js';
import { odOpinions, odSessions } from './schema.js';

const DAY = 86_400_000;
const ids = ['110101199003070038', '110101199003070011', '11010119900307002X', '110101199003070054'];

describe('open days', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });
  const pub = () => ({ db: t.database.db, key: Buffer.from('test-key-test-key-test-key-32by') });
  const now = Date.now();
  const ev = async (mode: 'first_come' | 'selection', capacity: number) => {
    const id = await createEvent(as('office'), { theme: `走进县政务服务中心（${mode}）`, mode, regOpensAt: new Date(now - DAY), regClosesAt: new Date(now + DAY), sessions: [{ startsAt: new Date(now + 5 * DAY), place: '县政务服务中心', capacity }] });
    await announceEvent(as('office'), id);
    const [s] = await t.database.db.select().from(odSessions).where(eq(odSessions.eventId, id));
    return { id, session: s!.id };
  };
  const person = (i: number, extra: Record<string, string> = {}) => ({ name: `张三${i}`, phone: `1380000000${i}`, idNumber: ids[i]!, ...extra });

  before(async () => {
    t = await createTestApp({}, { region: true });
    actors = await demoActors(t.database.db, ['office', 'nx-office']);
  });
  after(async () => t?.close());

  it('first-come: capacity, waiting list, promotion on cancel; the ID is stored masked only', async () => {
    const e = await ev('first_come', 2);
    const a = await register(pub(), e.session, person(0, { submitKey: 'submit-key-0001' }));
    const b = await register(pub(), e.session, person(1));
    const c = await register(pub(), e.session, person(2));
    assert.deepEqual([a.state, b.state, c.state], ['confirmed', 'confirmed', 'waiting']);
    await assert.rejects(register(pub(), e.session, person(0, { submitKey: 'submit-key-0001' })), /请勿重复提交/);
    await assert.rejects(register(pub(), e.session, person(0)), /已经报名/);
    const rows = await registrationsOf(as('office'), e.id);
    assert.equal(rows[0]!.idMasked, '1101**********0038');
    assert.ok(!JSON.stringify(rows).includes(ids[0]!), 'the full ID number is nowhere');
    await assert.rejects(cancelRegistration(pub(), a.code, 'WRONGKEY'), /不正确/);
    const r = await cancelRegistration(pub(), a.code, a.secret);
    assert.ok(r.promotedId);
    assert.equal((await registrationByCode(t.database.db, c.code)).state, 'confirmed');
    assert.equal((await registrationByCode(t.database.db, a.code)).state, 'cancelled');
  });

  it('selection: drawn after the window, list published with masked names only', async () => {
    const e = await ev('selection', 1);
    for (const i of [0, 1, 2]) await register(pub(), e.session, person(i));
    await assert.rejects(drawSelection(as('office'), e.id), /截止后/);
    const drawn = await drawSelection(as('office'), e.id, new Date(now + 2 * DAY));
    assert.equal(drawn.length, 1);
    assert.deepEqual(await publishedList(t.database.db, e.id), []);
    await publishList(as('office'), e.id);
    const list = await publishedList(t.database.db, e.id);
    assert.equal(list.length, 1);
    assert.match(list[0]!.name, /^张\*+$/);
  });

  it('hostile input is refused with a reason, stored text stays text', async () => {
    const e = await ev('first_come', 5);
    await assert.rejects(register(pub(), e.session, person(0, { name: 'x'.repeat(500) })), (err: any) => err.status === 400 || err.code === 'invalid_input' || /姓名/.test(String(err.message)) || !!err.problems);
    await assert.rejects(register(pub(), e.session, person(0, { idNumber: "1' OR 1=1 --" })));
    await assert.rejects(register(pub(), e.session, person(0, { phone: '<script>alert(1)</script>' })));
    await assert.rejects(register(pub(), e.session, person(3, { name: '张\u0000三' })), (err: any) => err.status !== 500);
    const ok = await register(pub(), e.session, person(3, { name: '<script>alert(1)</script>' }));
    assert.equal(ok.state, 'confirmed');
    await assert.rejects(registrationByCode(t.database.db, "KF-'; DROP TABLE od_events; --"), /没有找到/);
  });

  it('opinions: assigned with a working-day due date, overdue on the worklist, answered in the summary; another government cannot act', async () => {
    const e = await ev('first_come', 5);
    const o = await addOpinion(as('office'), e.id, '希望延长周末办事时间。');
    await assert.rejects(addOpinion(as('nx-office'), e.id, '越权'), /未找到/);
    await assert.rejects(cancelEvent(as('nx-office'), e.id, '越权'), /未找到/);
    await assert.rejects(assignOpinion(as('office'), o, actors.get('nx-office')!.agencyId, new Date(now - 40 * DAY)), /本级政府所属的承办单位/, 'another county\'s agency cannot be made to answer');
    const due = await assignOpinion(as('office'), o, actors.get('office')!.agencyId, new Date(now - 40 * DAY));
    assert.match(due, /^\d{4}-\d{2}-\d{2}$/);
    const today = new Date().toISOString().slice(0, 10);
    const items = await opendayWorklist({ db: t.database.db, actor: actors.get('office')!, config: t.config, today } as any);
    assert.ok(items.some((i) => i.href === `/admin/openday/${e.id}` && i.urgency === 'overdue'));
    const other = await opendayWorklist({ db: t.database.db, actor: actors.get('nx-office')!, config: t.config, today } as any);
    assert.ok(!other.some((i) => i.href === `/admin/openday/${e.id}`));
    await answerOpinion(as('office'), o, '已调整为周六上午开放。');
    const sum = await publicSummary(t.database.db, e.id);
    assert.equal(sum.length, 1);
    assert.equal(sum[0]!.answer, '已调整为周六上午开放。');
    assert.equal((await t.database.db.select().from(odOpinions).where(eq(odOpinions.id, o)))[0]!.state, 'answered');
    await cancelEvent(as('office'), e.id, '因天气原因取消。');
    await assert.rejects(register(pub(), e.session, person(1)), /已取消/);
  });
});
