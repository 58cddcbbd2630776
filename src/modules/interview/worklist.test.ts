import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { toShanghaiDate } from '../../core/calendar/dates.js';
import { sensitiveWords, updateSettings } from '../participation/settings.js';
import { createInterview, endInterview, moderate, setInterviewState, staffInterview, submitQuestion } from './interviews.js';
import { interviewWorklist } from './worklist.js';

const DAY = 86_400_000;

// Questions waiting for review reach the host agency's staff and the office, with the interview
// start as the date they are needed by; nothing is listed once they are reviewed or the interview is over.
describe('interview worklist', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });
  const work = (u: string) => interviewWorklist({ db: t.database.db, actor: actors.get(u)!, config: t.config, today: toShanghaiDate(new Date()) });
  const guests = [{ name: '王建华', title: '局长', agency: '示范县民政局' }];

  before(async () => {
    t = await createTestApp({}, { region: true });
    actors = await demoActors(t.database.db, ['minzheng', 'jiaoyu', 'office', 'nx-office']);
    const words = await sensitiveWords(t.database.db);
    await updateSettings(as('office'), { majorDecisionDays: '30', ruleDays: '30', normativeWorkdays: '7', maxCommentChars: '5000', perContactPerDay: '10', perAddressPerDay: '30', sensitiveWords: [...words, '违禁词'].join('\n') });
  });
  after(async () => t?.close());

  it('lists pending and held questions of an announced interview for the host and the office, links to the staff page, and drops them once reviewed', async () => {
    const startsAt = new Date(Date.now() + 5 * DAY);
    const id = await createInterview(as('minzheng'), { topic: '养老服务补贴怎么申请', guests, startsAt, agencyId: actors.get('minzheng')!.agencyId });
    assert.deepEqual(await work('minzheng'), [], 'a draft has nothing to review');
    await setInterviewState(as('minzheng'), id, 'announced');
    await submitQuestion(t.database.db, id, { body: '高龄津贴每月多少？', name: '张先生', phone: '13700000201' });
    const held = await submitQuestion(t.database.db, id, { body: '这里有违禁词，请回答', name: '刘女士', phone: '13700000202' });
    assert.equal(held.state, 'held');

    for (const u of ['minzheng', 'office']) {
      const items = await work(u);
      assert.equal(items.length, 1, u);
      const [it] = items;
      assert.equal(it!.href, `/admin/interview/${id}`);
      assert.equal(it!.kind, '访谈问题待审核');
      assert.equal(it!.title, '养老服务补贴怎么申请');
      assert.equal(it!.urgency, 'soon');
      assert.equal(it!.dueOn, toShanghaiDate(startsAt));
      assert.match(it!.note!, /待审核.*1 个含敏感词待复核/);
    }
    assert.deepEqual(await work('jiaoyu'), [], 'another bureau is not asked to review');
    assert.deepEqual(await work('nx-office'), [], 'another county sees nothing');

    const qs = (await staffInterview(as('office'), id)).questions;
    await moderate(as('minzheng'), id, qs.filter((q) => q.state === 'pending').map((q) => q.id), true);
    const after = await work('minzheng');
    assert.equal(after[0]?.kind, '访谈问题待复核', 'only the held one is left');
    await setInterviewState(as('minzheng'), id, 'live');
    assert.equal((await work('office'))[0]?.urgency, 'due', 'while live it is due now');
    await endInterview(as('minzheng'), id);
    assert.deepEqual(await work('minzheng'), [], 'an ended interview is not on the worklist');
  });
});
