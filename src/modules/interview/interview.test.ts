import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { updateSettings } from '../participation/settings.js';
import { answerQuestion, createInterview, moderate, publicAnswers, publishTranscript, setInterviewState, submitQuestion, unansweredQuestions } from './interviews.js';
import { ivQuestions } from './schema.js';
import { eq } from 'drizzle-orm';

describe('online interviews', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });
  before(async () => {
    t = await createTestApp({}, { region: true });
    actors = await demoActors(t.database.db, ['office', 'nx-office']);
  });
  after(async () => t?.close());

  it('moderated, answered live, held on a sensitive word, the rest answered afterwards', async () => {
    const db = t.database.db;
    const id = await createInterview(as('office'), { topic: '聊聊县城养老服务', guests: [{ name: '李四', title: '局长', agency: '县民政局' }], startsAt: new Date(Date.now() + 3600_000) });
    await assert.rejects(submitQuestion(db, id, { body: '草稿期间提问', phone: '13800000000' }), /未找到/);
    await setInterviewState(as('office'), id, 'announced');
    const a = await submitQuestion(db, id, { body: '养老服务补贴怎么申请？', phone: '13800000000', submitKey: 'dup-key-0001' });
    const again = await submitQuestion(db, id, { body: '养老服务补贴怎么申请？', phone: '13800000000', submitKey: 'dup-key-0001' });
    assert.equal(again.code, a.code, 'a resubmitted form makes no second question');
    const b = await submitQuestion(db, id, { body: "<script>alert(1)</script>'; DROP TABLE iv_questions; --", phone: '13800000000' });
    await assert.rejects(submitQuestion(db, id, { body: 'x'.repeat(1001) }), /不超过 1000/);
    await assert.rejects(submitQuestion(db, id, { body: '问\u0000题' }), /控制字符/);
    await updateSettings(as('office'), { majorDecisionDays: '30', ruleDays: '30', normativeWorkdays: '7', maxCommentChars: '5000', perContactPerDay: '10', perAddressPerDay: '30', sensitiveWords: '违禁词' });
    const h = await submitQuestion(db, id, { body: '这里有违禁词', phone: '13800000000' });
    const qs = await db.select().from(ivQuestions).where(eq(ivQuestions.interviewId, id)).orderBy(ivQuestions.id);
    assert.equal(qs.length, 3);
    assert.equal(qs[1]!.body, "<script>alert(1)</script>'; DROP TABLE iv_questions; --", 'stored as typed, as text');
    assert.equal(h.state, 'held', 'a sensitive-word hit is held for review, not dropped');
    await assert.rejects(moderate(as('nx-office'), id, [qs[0]!.id], true), /未找到/);
    await moderate(as('office'), id, [qs[0]!.id, qs[1]!.id], true);
    await assert.rejects(answerQuestion(as('office'), id, qs[2]!.id, '未审核'), /已通过审核/);
    await setInterviewState(as('office'), id, 'live');
    await answerQuestion(as('office'), id, qs[0]!.id, '可到乡镇便民服务中心申请。');
    await setInterviewState(as('office'), id, 'ended');
    const left = await unansweredQuestions(as('office'), id);
    assert.deepEqual(left.map((q) => q.code), [b.code]);
    await answerQuestion(as('office'), id, qs[1]!.id, '会后答复：已转相关部门。');
    await publishTranscript(as('office'), id, '主持人：各位网友好……');
    const pub = await publicAnswers(db, id);
    assert.equal(pub.live.length, 1);
    assert.equal(pub.after.length, 1);
    assert.deepEqual(await unansweredQuestions(as('office'), id), []);
    await assert.rejects(submitQuestion(db, id, { body: '结束后提问', phone: '13800000000' }), /已经结束/);
  });
});
