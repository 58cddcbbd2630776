// 在线访谈: announced with guests and time; questions from the public are pre-moderated (a
// sensitive-word hit is held for review, never dropped); staff answer live or afterwards (会后答复).
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { recordAudit } from '../../core/audit/service.js';
import { hasRole, requireRole, type Actor } from '../../core/auth/actor.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { AppError, conflict, FieldProblems, invalid, notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { governmentAgencies } from '../../core/org/scope.js';
import { getFileById, markFilesPublic, storeFile, type StoreInput } from '../../core/files/index.js';
import type { FileReader } from '../../core/module.js';
import { sensitiveHits, sensitiveWords } from '../participation/settings.js';
import { parseLocalDateTime } from '../participation/consultations.js';
import { fileMessage } from '../messages/service.js';
import { ivInterviews, ivQuestions, type Guest, type IvImage, type QuestionState } from './schema.js';
import { hasUnreadable } from '../../core/text/normalise.js';

export type InterviewRow = typeof ivInterviews.$inferSelect;
export type QuestionRow = typeof ivQuestions.$inferSelect;
export const MAX_GUESTS = 4;
export const MAX_DESCRIPTION = 5000;
export const MAX_REASON = 500;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_TRANSCRIPT_IMAGES = 20;
const PHONE = /^\+?[\d\s\-()（）]{5,30}$/;

export const STAFF_ROLES = ['editor', 'reviewer', 'office', 'admin'] as const;
export const MAX_QUESTION = 1000;
const ALPHA = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

async function interviewFor(db: Exec, actor: Actor | null, id: number) {
  const a = requireRole(actor, ...STAFF_ROLES);
  const [iv] = await db.select().from(ivInterviews).where(eq(ivInterviews.id, id));
  if (!iv || iv.govId !== a.placement.govId) throw notFound('在线访谈');
  return { actor: a, iv };
}

export type InterviewInput = { topic: string; guests: Guest[]; startsAt: Date; description?: string; agencyId?: number | null };

/** The staff form (topic, guests g1Name…g4Agency, startsAt as typed, description, agencyId) checked field by field. */
export function parseInterviewForm(raw: Record<string, string>): InterviewInput {
  const p = new FieldProblems();
  const s = (k: string) => (raw[k] ?? '').replace(/\r\n/g, '\n').trim();
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' && hasUnreadable(v)) p.add(k, '内容含有无法识别的字符，请删除后重新输入。');
  const topic = s('topic');
  if (!topic) p.add('topic', '请填写访谈主题。');
  else if (topic.length > 200) p.add('topic', `访谈主题不超过 200 字，本次 ${topic.length} 字。`);
  const guests: Guest[] = [];
  for (let i = 1; i <= MAX_GUESTS; i++) {
    const g = { name: s(`g${i}Name`), title: s(`g${i}Title`), agency: s(`g${i}Agency`) };
    if (!g.name && !g.title && !g.agency) continue;
    if (!g.name) p.add(`g${i}Name`, `请填写第 ${i} 位嘉宾的姓名。`);
    for (const k of ['name', 'title', 'agency'] as const) if (g[k].length > 100) p.add(`g${i}${k[0]!.toUpperCase()}${k.slice(1)}`, '嘉宾信息每项不超过 100 字。');
    guests.push(g);
  }
  if (!guests.length) p.add('g1Name', '请至少填写一位嘉宾的姓名、职务和单位。');
  const startsAt = parseLocalDateTime(s('startsAt'));
  if (!startsAt) p.add('startsAt', '请填写访谈时间，如 2026-12-20 09:30。');
  const description = s('description');
  if (description.length > MAX_DESCRIPTION) p.add('description', `访谈介绍不超过 ${MAX_DESCRIPTION} 字，本次 ${description.length} 字。`);
  const a = s('agencyId');
  const agencyId = /^[1-9]\d{0,8}$/.test(a) ? Number(a) : null;
  if (a && agencyId == null) p.add('agencyId', '请选择主办单位。');
  p.done();
  return { topic, guests, startsAt: startsAt!, description, agencyId };
}

/** The host must be an agency of the person's own government (null: the government itself). */
async function checkHost(db: Exec, actor: Actor, agencyId: number | null | undefined): Promise<number | null> {
  if (agencyId == null) return null;
  const [ag] = await db.select({ govId: agencies.govId }).from(agencies).where(eq(agencies.id, agencyId));
  if (!ag || ag.govId !== actor.placement.govId) throw invalid('请选择主办单位。', { fields: { agencyId: '请选择本级政府的部门或单位作为主办单位。' } });
  return agencyId;
}

/** The agencies a host can be chosen from: the person's own government's. */
export async function hostOptions(ctx: Ctx): Promise<{ id: number; name: string }[]> {
  const a = requireRole(ctx.actor, ...STAFF_ROLES);
  return (await governmentAgencies(ctx.db, a.placement.govId)).map((x) => ({ id: x.id, name: x.name }));
}

export async function createInterview(ctx: Ctx, input: InterviewInput & { imageFileId?: number }): Promise<number> {
  const a = requireRole(ctx.actor, ...STAFF_ROLES);
  const topic = (input.topic ?? '').trim();
  if (!topic || topic.length > 200) throw invalid('请填写访谈主题（不超过 200 字）。');
  if (!input.guests.length || input.guests.some((g) => !g.name.trim())) throw invalid('请至少填写一位嘉宾的姓名、职务和单位。');
  const agencyId = await checkHost(ctx.db, a, input.agencyId);
  // A form sent twice (a double click, a resend after a slow answer) makes one interview.
  const [twin] = await ctx.db.select({ id: ivInterviews.id }).from(ivInterviews).where(and(eq(ivInterviews.govId, a.placement.govId), eq(ivInterviews.state, 'draft'),
    eq(ivInterviews.topic, topic), eq(ivInterviews.startsAt, input.startsAt), sql`${ivInterviews.createdAt} > now() - interval '2 minutes'`));
  if (twin) return twin.id;
  return ctx.db.transaction(async (tx) => {
    const [iv] = await tx.insert(ivInterviews).values({ govId: a.placement.govId, topic, guests: input.guests, startsAt: input.startsAt, imageFileId: input.imageFileId ?? null, description: input.description ?? '', agencyId }).returning();
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
    if (to === 'announced' && iv.imageFileId) await markFilesPublic(tx, [iv.imageFileId]);
    await recordAudit(tx, auditActor(actor), { action: `interview.${to}`, targetType: 'iv_interview', targetId: id });
  });
}

/** Changes topic, guests, time, description or host; not once the interview has ended. */
export async function updateInterview(ctx: Ctx, id: number, input: InterviewInput): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, iv } = await interviewFor(tx, ctx.actor, id);
    if (iv.state === 'ended') throw conflict('ended', '访谈已经结束，不能再修改访谈信息。');
    const agencyId = await checkHost(tx, actor, input.agencyId);
    await tx.update(ivInterviews).set({ topic: input.topic, guests: input.guests, startsAt: input.startsAt, description: input.description ?? '', agencyId }).where(eq(ivInterviews.id, id));
    await recordAudit(tx, auditActor(actor), { action: 'interview.updated', targetType: 'iv_interview', targetId: id, before: { topic: iv.topic, startsAt: iv.startsAt }, after: { topic: input.topic, startsAt: input.startsAt } });
  });
}

/** Stops or resumes taking questions (while announced or live). */
export async function setQuestionsOpen(ctx: Ctx, id: number, open: boolean, now = new Date()): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, iv } = await interviewFor(tx, ctx.actor, id);
    if (iv.state !== 'announced' && iv.state !== 'live') throw conflict('bad_transition', '只有已发布预告或正在进行的访谈可以开启或停止征集问题。');
    await tx.update(ivInterviews).set({ questionsClosedAt: open ? null : now }).where(eq(ivInterviews.id, id));
    await recordAudit(tx, auditActor(actor), { action: open ? 'interview.questions_opened' : 'interview.questions_closed', targetType: 'iv_interview', targetId: id });
  });
}

/** Whether the public can ask now. */
export const questionsOpen = (iv: Pick<InterviewRow, 'state' | 'questionsClosedAt'>): boolean => (iv.state === 'announced' || iv.state === 'live') && !iv.questionsClosedAt;

const JPEG = [0xff, 0xd8, 0xff], PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Only a JPEG or PNG picture (the files store then checks the content in full). */
function imageOnly(file: StoreInput): void {
  const starts = (sig: number[]) => sig.every((b, i) => file.buffer[i] === b);
  if (!/\.(jpe?g|png)$/i.test(file.filename) || !(starts(JPEG) || starts(PNG))) throw invalid('只能上传 JPG 或 PNG 格式的图片。', { fields: { file: '只能上传 JPG 或 PNG 格式的图片。' } });
  if (file.buffer.length > MAX_IMAGE_BYTES) throw invalid('图片不能超过 10 MB。', { fields: { file: '图片不能超过 10 MB。' } });
}
const imageName = (f: StoreInput) => f.filename.replace(/[\u0000-\u001f\u007f/\\]/g, '').slice(0, 200) || 'image';

/** The announcement image: shown on the public page once the interview is announced. */
export async function setInterviewImage(ctx: Ctx, id: number, file: StoreInput): Promise<void> {
  await interviewFor(ctx.db, ctx.actor, id);
  imageOnly(file);
  const stored = await storeFile(ctx, file, { maxBytes: MAX_IMAGE_BYTES });
  await ctx.db.transaction(async (tx) => {
    const { actor, iv } = await interviewFor(tx, ctx.actor, id);
    await tx.update(ivInterviews).set({ imageFileId: stored.id, imageName: imageName(file) }).where(eq(ivInterviews.id, id));
    if (iv.state !== 'draft') await markFilesPublic(tx, [stored.id]);
    await recordAudit(tx, auditActor(actor), { action: 'interview.image_set', targetType: 'iv_interview', targetId: id, after: { fileId: stored.id } });
  });
}

/** A picture for the transcript (实录): public with the transcript. */
export async function addTranscriptImage(ctx: Ctx, id: number, file: StoreInput): Promise<void> {
  const { iv: before } = await interviewFor(ctx.db, ctx.actor, id);
  if (before.transcriptImages.length >= MAX_TRANSCRIPT_IMAGES) throw invalid(`实录图片最多 ${MAX_TRANSCRIPT_IMAGES} 张。`);
  imageOnly(file);
  const stored = await storeFile(ctx, file, { maxBytes: MAX_IMAGE_BYTES });
  await ctx.db.transaction(async (tx) => {
    const { actor, iv } = await interviewFor(tx, ctx.actor, id);
    if (iv.transcriptImages.some((x) => x.fileId === stored.id)) return;
    await tx.update(ivInterviews).set({ transcriptImages: [...iv.transcriptImages, { fileId: stored.id, name: imageName(file) }] }).where(eq(ivInterviews.id, id));
    if (iv.transcriptPublishedAt) await markFilesPublic(tx, [stored.id]);
    await recordAudit(tx, auditActor(actor), { action: 'interview.image_added', targetType: 'iv_interview', targetId: id, after: { fileId: stored.id } });
  });
}

export async function removeTranscriptImage(ctx: Ctx, id: number, fileId: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, iv } = await interviewFor(tx, ctx.actor, id);
    if (iv.transcriptPublishedAt) throw conflict('published', '实录已经发布，图片不能删除。');
    if (!iv.transcriptImages.some((x) => x.fileId === fileId)) throw notFound('图片');
    await tx.update(ivInterviews).set({ transcriptImages: iv.transcriptImages.filter((x) => x.fileId !== fileId) }).where(eq(ivInterviews.id, id));
    await recordAudit(tx, auditActor(actor), { action: 'interview.image_removed', targetType: 'iv_interview', targetId: id, before: { fileId } });
  });
}

/** Staff may see the images of an interview of their own government before they are public. */
export const mayReadInterviewFile: FileReader = async (ctx, fileId) => {
  if (!STAFF_ROLES.some((r) => hasRole(ctx.actor, r))) return false;
  const rows = await ctx.db.select({ id: ivInterviews.id }).from(ivInterviews)
    .where(and(eq(ivInterviews.govId, ctx.actor.placement.govId), sql`(${ivInterviews.imageFileId} = ${fileId} or ${ivInterviews.transcriptImages} @> ${JSON.stringify([{ fileId }])}::jsonb)`)).limit(1);
  return rows.length > 0;
};

/** A question from the public (before or during): acknowledged with a code, or refused with a reason. */
export async function submitQuestion(db: Db, interviewId: number, raw: Record<string, string>, now = new Date()): Promise<{ code: string; state: QuestionState }> {
  const body = (raw.body ?? '').replace(/\r\n/g, '\n').trim();
  if (!body) throw invalid('请填写问题。');
  if (body.length > MAX_QUESTION) throw invalid(`问题不超过 ${MAX_QUESTION} 个字，本次 ${body.length} 个字。`);
  if (hasUnreadable(body)) throw invalid('内容含有无法识别的控制字符，请重新输入。', { fields: { body: '内容含有无法识别的控制字符，请重新输入。' } });
  const name = (raw.name ?? '').trim(), phone = (raw.phone ?? '').trim();
  const p = new FieldProblems();
  if (name.length > 50) p.add('name', '姓名不超过 50 个字。');
  else if (hasUnreadable(name)) p.add('name', '姓名含有无法识别的字符。');
  if (!phone) p.add('phone', '请填写联系电话：问题未能在访谈中答复时，将转为留言办理并由工作人员联系您。电话不会公开。');
  else if (!PHONE.test(phone)) p.add('phone', '联系电话格式不正确，请填写手机号码或固定电话（可含区号和“-”）。');
  p.done();
  const [iv] = await db.select().from(ivInterviews).where(eq(ivInterviews.id, interviewId));
  if (!iv || iv.state === 'draft') throw notFound('在线访谈');
  if (iv.state === 'ended') throw conflict('ended', '访谈已经结束，不再征集问题。');
  if (iv.questionsClosedAt) throw conflict('closed', '本次访谈已停止征集问题。');
  const submitKey = (raw.submitKey ?? '').trim();
  const sk = /^[A-Za-z0-9_-]{8,64}$/.test(submitKey) ? `${interviewId}:${submitKey}` : null;
  if (sk) {
    const [first] = await db.select().from(ivQuestions).where(eq(ivQuestions.submitKey, sk));
    if (first) return { code: first.code, state: first.state };
  }
  const state: QuestionState = sensitiveHits(await sensitiveWords(db), body).length ? 'held' : 'pending';
  const code = 'FT-' + [...randomBytes(10)].map((x) => ALPHA[x % 32]).join('');
  await db.insert(ivQuestions).values({ interviewId, code, submitKey: sk, body, name, phone, state, submittedAt: now });
  return { code, state };
}

/** Publishes (approve) or rejects, with a reason shown to the asker, questions awaiting review or held. */
export async function moderate(ctx: Ctx, interviewId: number, ids: number[], approve: boolean, reason = ''): Promise<void> {
  const why = (reason ?? '').trim();
  if (!approve && !why) throw invalid('不采用问题须填写理由（提问人查询时可见）。', { fields: { reason: '请填写不采用的理由。' } });
  if (why.length > MAX_REASON || hasUnreadable(why)) throw invalid(`理由不超过 ${MAX_REASON} 字。`, { fields: { reason: `理由不超过 ${MAX_REASON} 字。` } });
  await ctx.db.transaction(async (tx) => {
    const { actor } = await interviewFor(tx, ctx.actor, interviewId);
    const rows = ids.length ? await tx.select().from(ivQuestions).where(and(eq(ivQuestions.interviewId, interviewId), inArray(ivQuestions.id, ids))) : [];
    if (!ids.length || rows.length !== new Set(ids).size) throw invalid('请选择本次访谈的问题。');
    const from: QuestionState[] = approve ? ['pending', 'held', 'rejected'] : ['pending', 'held', 'approved'];
    if (rows.some((r) => !from.includes(r.state))) throw conflict('bad_state', approve ? '只能通过待审核、因敏感词待复核或曾不采用的问题。' : '已答复或已转为留言的问题不能不采用。');
    await tx.update(ivQuestions).set({ state: approve ? 'approved' : 'rejected', rejectReason: approve ? '' : why }).where(inArray(ivQuestions.id, ids));
    await recordAudit(tx, auditActor(actor), { action: approve ? 'interview.approved' : 'interview.rejected', targetType: 'iv_interview', targetId: interviewId, after: { questions: ids, reason: why || undefined } });
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

const transcriptText = (transcript: string) => {
  const t = (transcript ?? '').replace(/\r\n/g, '\n').trim();
  if (!t) throw invalid('请填写访谈实录。', { fields: { transcript: '请填写访谈实录。' } });
  if (t.length > 200000) throw invalid(`访谈实录不超过 200000 字，本次 ${t.length} 字。`, { fields: { transcript: '访谈实录不超过 200000 字。' } });
  if (hasUnreadable(t)) throw invalid('实录含有无法识别的字符，请删除后重新保存。', { fields: { transcript: '实录含有无法识别的字符。' } });
  return t;
};

/** Saves the transcript text; once published, the public page shows the saved text. */
export async function saveTranscript(ctx: Ctx, interviewId: number, transcript: string): Promise<void> {
  const t = transcriptText(transcript);
  await ctx.db.transaction(async (tx) => {
    const { actor } = await interviewFor(tx, ctx.actor, interviewId);
    await tx.update(ivInterviews).set({ transcript: t }).where(eq(ivInterviews.id, interviewId));
    await recordAudit(tx, auditActor(actor), { action: 'interview.transcript_saved', targetType: 'iv_interview', targetId: interviewId });
  });
}

export async function publishTranscript(ctx: Ctx, interviewId: number, transcript: string, now = new Date()): Promise<void> {
  const t = transcriptText(transcript);
  await ctx.db.transaction(async (tx) => {
    const { actor, iv } = await interviewFor(tx, ctx.actor, interviewId);
    if (iv.state === 'draft') throw conflict('draft', '访谈尚未发布预告，不能发布实录。');
    await tx.update(ivInterviews).set({ transcript: t, transcriptPublishedAt: iv.transcriptPublishedAt ?? now }).where(eq(ivInterviews.id, interviewId));
    const ids = [...iv.transcriptImages.map((x) => x.fileId), ...(iv.imageFileId ? [iv.imageFileId] : [])];
    if (ids.length) await markFilesPublic(tx, ids);
    await recordAudit(tx, auditActor(actor), { action: 'interview.transcript_published', targetType: 'iv_interview', targetId: interviewId });
  });
}

/** Approved questions not answered (yet). Staff of the interview's government only. */
export async function unansweredQuestions(ctx: Ctx, interviewId: number): Promise<{ id: number; code: string; body: string; submittedAt: Date }[]> {
  await interviewFor(ctx.db, ctx.actor, interviewId);
  return ctx.db.select({ id: ivQuestions.id, code: ivQuestions.code, body: ivQuestions.body, submittedAt: ivQuestions.submittedAt }).from(ivQuestions)
    .where(and(eq(ivQuestions.interviewId, interviewId), eq(ivQuestions.state, 'approved'))).orderBy(asc(ivQuestions.submittedAt), asc(ivQuestions.id));
}

/**
 * Files every approved question not answered as a message of the messages module, addressed to
 * the interview's host (or its government), public like the question was; the question then shows
 * the LY- code and the asker finds the message's check key under the FT- code. Filing again is
 * harmless (the submit key is the question's). Only once the interview has ended.
 */
export async function transferUnanswered(ctx: Ctx, interviewId: number, now = new Date()): Promise<{ filed: string[]; failed: { code: string; reason: string }[] }> {
  const { actor, iv } = await interviewFor(ctx.db, ctx.actor, interviewId);
  if (iv.state !== 'ended') throw conflict('not_ended', '访谈结束后才能将未答复的问题转为留言办理。');
  const rows = await ctx.db.select().from(ivQuestions).where(and(eq(ivQuestions.interviewId, interviewId), eq(ivQuestions.state, 'approved'))).orderBy(asc(ivQuestions.id));
  const filed: string[] = [], failed: { code: string; reason: string }[] = [];
  const title = `在线访谈“${iv.topic.length > 80 ? iv.topic.slice(0, 80) + '…' : iv.topic}”网友提问`;
  for (const q of rows) {
    try {
      const m = await fileMessage({ db: ctx.db, actor }, {
        agencyId: iv.agencyId ?? iv.govId, kind: 'consult', isPublic: true, name: q.name || '在线访谈网友', phone: q.phone, title, body: q.body, submitKey: `iv-question-${q.id}`,
      }, { origin: { type: 'interview', id: interviewId }, now });
      await ctx.db.transaction(async (tx) => {
        await tx.update(ivQuestions).set({ state: 'transferred', messageCode: m.code, messageCheckKey: m.checkKey }).where(and(eq(ivQuestions.id, q.id), eq(ivQuestions.state, 'approved')));
        await recordAudit(tx, auditActor(actor), { action: 'interview.transferred', targetType: 'iv_interview', targetId: interviewId, after: { question: q.id, message: m.code } });
      });
      filed.push(m.code);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      failed.push({ code: q.code, reason: e.message });
    }
  }
  return { filed, failed };
}

/** Ends the interview and files its unanswered questions as messages. */
export async function endInterview(ctx: Ctx, interviewId: number, now = new Date()) {
  await setInterviewState(ctx, interviewId, 'ended');
  return transferUnanswered(ctx, interviewId, now);
}

/** The public page's questions: answered ones, live and 会后答复 apart (question text and answer only). */
export async function publicAnswers(db: Exec, interviewId: number) {
  const rows = await db.select({ id: ivQuestions.id, body: ivQuestions.body, answer: ivQuestions.answer, when: ivQuestions.answeredWhen }).from(ivQuestions)
    .where(and(eq(ivQuestions.interviewId, interviewId), eq(ivQuestions.state, 'answered'))).orderBy(asc(ivQuestions.answeredAt), asc(ivQuestions.id));
  return { live: rows.filter((r) => r.when === 'live'), after: rows.filter((r) => r.when === 'after') };
}

/** Announced, live and past interviews of a site's government (all when govId is null). */
export async function publicInterviews(db: Exec, govId: number | null) {
  return db.select({ id: ivInterviews.id, topic: ivInterviews.topic, guests: ivInterviews.guests, startsAt: ivInterviews.startsAt, state: ivInterviews.state, questionsClosedAt: ivInterviews.questionsClosedAt, transcriptPublishedAt: ivInterviews.transcriptPublishedAt })
    .from(ivInterviews).where(and(ne(ivInterviews.state, 'draft'), govId == null ? undefined : eq(ivInterviews.govId, govId))).orderBy(desc(ivInterviews.startsAt)).limit(200);
}

export type PublicInterview = {
  iv: Omit<InterviewRow, 'transcript' | 'transcriptImages'> & { transcript: string; transcriptImages: IvImage[] };
  host: string; open: boolean;
  /** sha256 of the images shown, by file id (for their /files/ address). */
  files: Record<number, string>;
  /** Published questions awaiting an answer, and those filed as messages (text and code only). */
  waiting: { id: number; body: string }[]; transferred: { id: number; body: string; messageCode: string }[];
  live: { id: number; body: string; answer: string }[]; after: { id: number; body: string; answer: string }[];
};

/** One interview as the public sees it: on its own government's site, never a name or phone. */
export async function publicInterview(db: Exec, id: number, govId: number | null): Promise<PublicInterview> {
  const [iv] = await db.select().from(ivInterviews).where(eq(ivInterviews.id, id));
  if (!iv || iv.state === 'draft' || (govId != null && iv.govId !== govId)) throw notFound('在线访谈');
  const [host] = await db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, iv.agencyId ?? iv.govId));
  const qs = await db.select({ id: ivQuestions.id, body: ivQuestions.body, state: ivQuestions.state, answer: ivQuestions.answer, when: ivQuestions.answeredWhen, messageCode: ivQuestions.messageCode })
    .from(ivQuestions).where(and(eq(ivQuestions.interviewId, id), inArray(ivQuestions.state, ['approved', 'answered', 'transferred']))).orderBy(asc(ivQuestions.answeredAt), asc(ivQuestions.id));
  const published = !!iv.transcriptPublishedAt;
  const files: Record<number, string> = {};
  for (const fid of [...(iv.imageFileId ? [iv.imageFileId] : []), ...(published ? iv.transcriptImages.map((x) => x.fileId) : [])]) {
    const f = await getFileById(db, fid);
    if (f) files[fid] = f.sha256;
  }
  return {
    files,
    iv: { ...iv, transcript: published ? iv.transcript : '', transcriptImages: published ? iv.transcriptImages : [] },
    host: host?.name ?? '', open: questionsOpen(iv),
    waiting: qs.filter((q) => q.state === 'approved').map(({ id, body }) => ({ id, body })),
    transferred: qs.filter((q) => q.state === 'transferred').map(({ id, body, messageCode }) => ({ id, body, messageCode: messageCode ?? '' })),
    live: qs.filter((q) => q.state === 'answered' && q.when === 'live').map(({ id, body, answer }) => ({ id, body, answer })),
    after: qs.filter((q) => q.state === 'answered' && q.when === 'after').map(({ id, body, answer }) => ({ id, body, answer })),
  };
}

export type QuestionStatus = {
  code: string; interviewId: number; govId: number; topic: string; state: QuestionState; body: string; answer: string; answeredWhen: 'live' | 'after' | null;
  rejectReason: string; messageCode: string | null; messageCheckKey: string | null;
};

/**
 * What the asker sees under the FT- code (the code is the secret: it is only ever posted, never in
 * a URL). For a question filed as a message, the message's LY- code and check key, so the asker can
 * follow it in the messages module without anything secret in a link.
 */
export async function questionStatus(db: Exec, rawCode: string): Promise<QuestionStatus> {
  const code = String(rawCode ?? '').trim().toUpperCase();
  if (!/^FT-[A-Z0-9]{10}$/.test(code)) throw notFound('问题');
  const [q] = await db.select().from(ivQuestions).where(eq(ivQuestions.code, code));
  if (!q) throw notFound('问题');
  const [iv] = await db.select({ topic: ivInterviews.topic, state: ivInterviews.state, govId: ivInterviews.govId }).from(ivInterviews).where(eq(ivInterviews.id, q.interviewId));
  if (!iv || iv.state === 'draft') throw notFound('问题');
  return { code: q.code, interviewId: q.interviewId, govId: iv.govId, topic: iv.topic, state: q.state, body: q.body, answer: q.answer, answeredWhen: q.answeredWhen, rejectReason: q.rejectReason, messageCode: q.messageCode, messageCheckKey: q.messageCheckKey };
}

/** The staff list: the person's government's interviews with counts of questions to review. */
export async function staffInterviews(ctx: Ctx) {
  const a = requireRole(ctx.actor, ...STAFF_ROLES);
  const rows = await ctx.db.select().from(ivInterviews).where(eq(ivInterviews.govId, a.placement.govId)).orderBy(desc(ivInterviews.startsAt)).limit(500);
  const counts = rows.length ? await ctx.db.select({ id: ivQuestions.interviewId, n: sql<number>`count(*)::int` }).from(ivQuestions)
    .where(and(inArray(ivQuestions.interviewId, rows.map((r) => r.id)), inArray(ivQuestions.state, ['pending', 'held']))).groupBy(ivQuestions.interviewId) : [];
  const toReview = new Map(counts.map((c) => [c.id, c.n]));
  return rows.map((r) => ({ ...r, toReview: toReview.get(r.id) ?? 0 }));
}

/** One interview for its staff page: every question (the asker's name and phone are not included). */
export async function staffInterview(ctx: Ctx, id: number) {
  const { iv } = await interviewFor(ctx.db, ctx.actor, id);
  const questions = await ctx.db.select({ id: ivQuestions.id, code: ivQuestions.code, body: ivQuestions.body, state: ivQuestions.state, answer: ivQuestions.answer, answeredWhen: ivQuestions.answeredWhen, answeredAt: ivQuestions.answeredAt, rejectReason: ivQuestions.rejectReason, messageCode: ivQuestions.messageCode, submittedAt: ivQuestions.submittedAt })
    .from(ivQuestions).where(eq(ivQuestions.interviewId, id)).orderBy(asc(ivQuestions.submittedAt), asc(ivQuestions.id));
  const [host] = await ctx.db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, iv.agencyId ?? iv.govId));
  return { iv, questions, host: host?.name ?? '' };
}

/**
 * Announced or live interviews with questions waiting for review (pending, or held by a sensitive
 * word), for the worklist of those who answer for them: the host agency's staff and the
 * government's office and admins (every staff member of the government may moderate, but only
 * these are asked to).
 */
export async function interviewsToModerate(ctx: Ctx): Promise<{ id: number; topic: string; state: 'announced' | 'live'; startsAt: Date; pending: number; held: number }[]> {
  const a = requireRole(ctx.actor, ...STAFF_ROLES);
  const office = hasRole(a, 'office') || hasRole(a, 'admin');
  const rows = await ctx.db.select({ id: ivInterviews.id, topic: ivInterviews.topic, state: ivInterviews.state, startsAt: ivInterviews.startsAt, agencyId: ivInterviews.agencyId, govId: ivInterviews.govId, qstate: ivQuestions.state, n: sql<number>`count(*)::int` })
    .from(ivInterviews).innerJoin(ivQuestions, eq(ivQuestions.interviewId, ivInterviews.id))
    .where(and(eq(ivInterviews.govId, a.placement.govId), inArray(ivInterviews.state, ['announced', 'live']), inArray(ivQuestions.state, ['pending', 'held'])))
    .groupBy(ivInterviews.id, ivQuestions.state).orderBy(asc(ivInterviews.startsAt), asc(ivInterviews.id));
  const out = new Map<number, { id: number; topic: string; state: 'announced' | 'live'; startsAt: Date; pending: number; held: number }>();
  for (const r of rows) {
    if (!office && (r.agencyId ?? r.govId) !== a.agencyId) continue;
    const it = out.get(r.id) ?? { id: r.id, topic: r.topic, state: r.state as 'announced' | 'live', startsAt: r.startsAt, pending: 0, held: 0 };
    if (r.qstate === 'held') it.held += r.n; else it.pending += r.n;
    out.set(r.id, it);
  }
  return [...out.values()];
}
