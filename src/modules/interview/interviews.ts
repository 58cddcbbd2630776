// 在线访谈: announced with guests and time; questions from the public are pre-moderated (a
// sensitive-word hit is held for review, never dropped); staff answer live or afterwards (会后答复).
import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { recordAudit } from '../../core/audit/service.js';
import { requireRole, type Actor } from '../../core/auth/actor.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, invalid, notFound } from '../../core/errors.js';
import { sensitiveHits, sensitiveWords } from '../participation/settings.js';
import { ivInterviews, ivQuestions, type Guest, type QuestionState } from './schema.js';
import { hasUnreadable } from '../../core/text/normalise.js';

export const STAFF_ROLES = ['editor', 'reviewer', 'office', 'admin'] as const;
export const MAX_QUESTION = 1000;
const ALPHA = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

async function interviewFor(db: Exec, actor: Actor | null, id: number) {
  const a = requireRole(actor, ...STAFF_ROLES);
  const [iv] = await db.select().from(ivInterviews).where(eq(ivInterviews.id, id));
  if (!iv || iv.govId !== a.placement.govId) throw notFound('在线访谈');
  return { actor: a, iv };
}

export async function createInterview(ctx: Ctx, input: { topic: string; guests: Guest[]; startsAt: Date; imageFileId?: number }): Promise<number> {
  const a = requireRole(ctx.actor, ...STAFF_ROLES);
  const topic = (input.topic ?? '').trim();
  if (!topic || topic.length > 200) throw invalid('请填写访谈主题（不超过 200 字）。');
  if (!input.guests.length || input.guests.some((g) => !g.name.trim())) throw invalid('请至少填写一位嘉宾的姓名、职务和单位。');
  return ctx.db.transaction(async (tx) => {
    const [iv] = await tx.insert(ivInterviews).values({ govId: a.placement.govId, topic, guests: input.guests, startsAt: input.startsAt, imageFileId: input.imageFileId ?? null }).returning();
    await recordAudit(tx, auditActor(a), { action: 'interview.created', targetType: 'iv_interview', targetId: iv!.id, after: { topic } });
    return iv!.id;
  });
}

const TRANSITIONS = { draft: ['announced'], announced: ['live', 'ended'], live: ['ended'], ended: [] } as const;
export async function setInterviewState(ctx: Ctx, id: number, to: 'announced' | 'live' | 'ended'): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, iv } = await interviewFor(tx, ctx.actor, id);
    if (!(TRANSITIONS[iv.state] as readonly string[]).includes(to)) throw conflict('bad_transition', '访谈当前状态不能进行此操作。');
    await tx.update(ivInterviews).set({ state: to }).where(eq(ivInterviews.id, id));
    await recordAudit(tx, auditActor(actor), { action: `interview.${to}`, targetType: 'iv_interview', targetId: id });
  });
}

/** A question from the public (before or during): acknowledged with a code, or refused with a reason. */
export async function submitQuestion(db: Db, interviewId: number, raw: Record<string, string>, now = new Date()): Promise<{ code: string; state: QuestionState }> {
  const body = (raw.body ?? '').replace(/\r\n/g, '\n').trim();
  if (!body) throw invalid('请填写问题。');
  if (body.length > MAX_QUESTION) throw invalid(`问题不超过 ${MAX_QUESTION} 个字，本次 ${body.length} 个字。`);
  if (hasUnreadable(body)) throw invalid('内容含有无法识别的控制字符，请重新输入。');
  const [iv] = await db.select().from(ivInterviews).where(eq(ivInterviews.id, interviewId));
  if (!iv || iv.state === 'draft') throw notFound('在线访谈');
  if (iv.state === 'ended') throw conflict('ended', '访谈已经结束，不再征集问题。');
  const submitKey = (raw.submitKey ?? '').trim();
  const sk = /^[A-Za-z0-9_-]{8,64}$/.test(submitKey) ? `${interviewId}:${submitKey}` : null;
  if (sk) {
    const [first] = await db.select().from(ivQuestions).where(eq(ivQuestions.submitKey, sk));
    if (first) return { code: first.code, state: first.state };
  }
  const state: QuestionState = sensitiveHits(await sensitiveWords(db), body).length ? 'held' : 'pending';
  const code = 'FT-' + [...randomBytes(10)].map((x) => ALPHA[x % 32]).join('');
  await db.insert(ivQuestions).values({ interviewId, code, submitKey: sk, body, state, submittedAt: now });
  return { code, state };
}

export async function moderate(ctx: Ctx, interviewId: number, ids: number[], approve: boolean): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor } = await interviewFor(tx, ctx.actor, interviewId);
    const rows = await tx.select().from(ivQuestions).where(and(eq(ivQuestions.interviewId, interviewId), inArray(ivQuestions.id, ids)));
    if (!ids.length || rows.length !== new Set(ids).size) throw invalid('所选问题不属于本次访谈。');
    await tx.update(ivQuestions).set({ state: approve ? 'approved' : 'rejected' }).where(inArray(ivQuestions.id, ids));
    await recordAudit(tx, auditActor(actor), { action: approve ? 'interview.approved' : 'interview.rejected', targetType: 'iv_interview', targetId: interviewId, after: { questions: ids } });
  });
}

/** Answers an approved question: live while the interview runs, 会后答复 once it has ended. */
export async function answerQuestion(ctx: Ctx, interviewId: number, questionId: number, answer: string, now = new Date()): Promise<void> {
  const t = (answer ?? '').trim();
  if (!t || t.length > 10000 || hasUnreadable(t)) throw invalid('答复内容必填，且不超过 10000 字。');
  await ctx.db.transaction(async (tx) => {
    const { actor, iv } = await interviewFor(tx, ctx.actor, interviewId);
    const [q] = await tx.select().from(ivQuestions).where(and(eq(ivQuestions.id, questionId), eq(ivQuestions.interviewId, interviewId)));
    if (!q) throw notFound('问题');
    if (q.state !== 'approved') throw conflict('not_approved', '只能答复已通过审核的问题。');
    const when = iv.state === 'ended' ? 'after' : 'live';
    await tx.update(ivQuestions).set({ state: 'answered', answer: t, answeredWhen: when, answeredAt: now }).where(eq(ivQuestions.id, questionId));
    await recordAudit(tx, auditActor(actor), { action: 'interview.answered', targetType: 'iv_interview', targetId: interviewId, after: { question: questionId, when } });
  });
}

export async function publishTranscript(ctx: Ctx, interviewId: number, transcript: string, now = new Date()): Promise<void> {
  const t = (transcript ?? '').trim();
  if (!t || t.length > 200000 || hasUnreadable(t)) throw invalid('请填写访谈实录。');
  await ctx.db.transaction(async (tx) => {
    const { actor } = await interviewFor(tx, ctx.actor, interviewId);
    await tx.update(ivInterviews).set({ transcript: t, transcriptPublishedAt: now }).where(eq(ivInterviews.id, interviewId));
    await recordAudit(tx, auditActor(actor), { action: 'interview.transcript_published', targetType: 'iv_interview', targetId: interviewId });
  });
}

/**
 * Approved questions not answered (yet): the lead turns these into messages of the messages
 * module at merge. Staff of the interview's government only.
 */
export async function unansweredQuestions(ctx: Ctx, interviewId: number): Promise<{ id: number; code: string; body: string; submittedAt: Date }[]> {
  await interviewFor(ctx.db, ctx.actor, interviewId);
  return ctx.db.select({ id: ivQuestions.id, code: ivQuestions.code, body: ivQuestions.body, submittedAt: ivQuestions.submittedAt }).from(ivQuestions)
    .where(and(eq(ivQuestions.interviewId, interviewId), eq(ivQuestions.state, 'approved'))).orderBy(asc(ivQuestions.submittedAt), asc(ivQuestions.id));
}

/** The public page's questions: answered ones, live and 会后答复 apart (question text and answer only). */
export async function publicAnswers(db: Exec, interviewId: number) {
  const rows = await db.select({ id: ivQuestions.id, body: ivQuestions.body, answer: ivQuestions.answer, when: ivQuestions.answeredWhen }).from(ivQuestions)
    .where(and(eq(ivQuestions.interviewId, interviewId), eq(ivQuestions.state, 'answered'))).orderBy(asc(ivQuestions.answeredAt), asc(ivQuestions.id));
  return { live: rows.filter((r) => r.when === 'live'), after: rows.filter((r) => r.when === 'after') };
}
