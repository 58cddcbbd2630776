// Surveys (问卷调查 / 民意调查): staff write them, the clock opens and closes them, the public
// answers without an account, and the results are counted from the stored answers.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { requireRole, type Actor } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { AppError, conflict, FieldProblems, invalid, notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { agencyOfGovernment, placementColumns, requireTopGovernment, type AgencyPlace } from '../../core/org/scope.js';
import { readsSurvey, refusal, runsSurvey, SURVEY_ROLES, visibleSurveys } from './policy.js';
import { QUESTION_KINDS, surveyAddressCounts, surveyAnswers, surveyOptions, surveyPhoneCodes, surveyQuestions, surveyResponses, surveys, surveySettings, type QuestionKind, type SurveyState } from './schema.js';
import { smsWebhookUrl, validWebhookUrl, type SmsGateway } from './sms.js';

/** What the survey service runs with: the key its address and phone hashes are made with. */
export type SurveyCtx = Ctx & { secret: string };

export type SurveyRow = typeof surveys.$inferSelect;
export type QuestionRow = typeof surveyQuestions.$inferSelect;
export type OptionRow = typeof surveyOptions.$inferSelect;
export type Question = QuestionRow & { options: OptionRow[] };
export type SurveyFull = SurveyRow & { questions: Question[]; agencyName: string };

export const STATE_LABELS: Record<SurveyState, string> = { draft: '草稿', scheduled: '待开始', open: '进行中', closed: '已结束', published: '已公布结果' };
export const KIND_LABELS: Record<QuestionKind, string> = { single: '单选题', multiple: '多选题', scale: '量表题', text: '填空题' };

export const LIMITS = { title: 200, description: 5000, question: 500, option: 200, options: 30, questions: 60, summary: 5000, textMax: 5000, perAddressMax: 1000 } as const;

// ——— times ———

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
/** A datetime-local value ('2026-12-03T09:00'), read as Beijing time. */
export function parseLocalTime(s: string): Date | null {
  const m = LOCAL_TIME.exec(s.trim());
  if (!m) return null;
  const [y, mo, d, hh, mm] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (y < 2000 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mm > 59) return null;
  const date = new Date(`${s.trim()}:00+08:00`);
  if (Number.isNaN(date.getTime()) || new Date(date.getTime() + 8 * 3600_000).getUTCDate() !== d) return null;
  return date;
}
/** The datetime-local value of a moment, in Beijing time. */
export const localTimeOf = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);

// ——— staff: reading ———

async function placeOf(db: Exec, agencyId: number): Promise<AgencyPlace & { name: string }> {
  const [row] = await db.select({ ...placementColumns, name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId));
  if (!row) throw notFound('调查');
  return row;
}

async function questionsOf(db: Exec, surveyId: number): Promise<Question[]> {
  const qs = await db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId)).orderBy(asc(surveyQuestions.position), asc(surveyQuestions.id));
  if (!qs.length) return [];
  const opts = await db.select().from(surveyOptions).where(inArray(surveyOptions.questionId, qs.map((q) => q.id))).orderBy(asc(surveyOptions.position), asc(surveyOptions.id));
  return qs.map((q) => ({ ...q, options: opts.filter((o) => o.questionId === q.id) }));
}

async function fullSurvey(db: Exec, row: SurveyRow): Promise<SurveyFull> {
  const place = await placeOf(db, row.agencyId);
  return { ...row, agencyName: place.name, questions: await questionsOf(db, row.id) };
}

/** The survey, for a person who may read it; `lock` takes the row for an update. */
async function readable(db: Exec, actor: Actor, id: number, lock = false): Promise<{ row: SurveyRow; place: AgencyPlace }> {
  const q = db.select().from(surveys).where(eq(surveys.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('调查');
  const place = await placeOf(db, row.agencyId);
  if (!readsSurvey(actor, row, place)) throw notFound('调查');
  return { row, place };
}

/** The survey, for a person who may change it (others are told it is read-only or not there). */
async function runnable(db: Exec, actor: Actor, id: number): Promise<SurveyRow> {
  const { row, place } = await readable(db, actor, id, true);
  if (!runsSurvey(actor, row, place)) throw refusal(actor, row, place);
  return row;
}

export type SurveyListItem = SurveyRow & { agencyName: string; responses: number };

export async function listSurveys(ctx: Ctx): Promise<SurveyListItem[]> {
  const actor = requireRole(ctx.actor, ...SURVEY_ROLES);
  const rows = await ctx.db
    .select({ s: surveys, agencyName: agencies.name, responses: sql<number>`(select count(*)::int from ${surveyResponses} where ${surveyResponses.surveyId} = ${surveys.id})` })
    .from(surveys)
    .innerJoin(agencies, eq(agencies.id, surveys.agencyId))
    .where(visibleSurveys(surveys.agencyId, actor))
    .orderBy(desc(surveys.createdAt), desc(surveys.id));
  return rows.map((r) => ({ ...r.s, agencyName: r.agencyName, responses: r.responses }));
}

/** A survey for its staff pages, with the government whose site shows it (govId). */
export async function getSurvey(ctx: Ctx, id: number): Promise<SurveyFull & { mayRun: boolean; responses: number; govId: number }> {
  const actor = requireRole(ctx.actor, ...SURVEY_ROLES);
  const { row, place } = await readable(ctx.db, actor, id);
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(surveyResponses).where(eq(surveyResponses.surveyId, id))) as [{ n: number }];
  return { ...(await fullSurvey(ctx.db, row)), mayRun: runsSurvey(actor, row, place), responses: n, govId: place.govId ?? place.id };
}

// ——— staff: writing ———

export type SurveyInput = { title: string; description: string; opensAt: string; closesAt: string; maxPerAddress: string; phoneCheck: boolean; consultationId: string };

async function parseSurvey(db: Exec, v: SurveyInput) {
  const p = new FieldProblems();
  const title = v.title.trim();
  if (!title) p.add('title', '请填写调查标题。');
  else if ([...title].length > LIMITS.title) p.add('title', `调查标题不能超过 ${LIMITS.title} 个字。`);
  const description = v.description.trim();
  if ([...description].length > LIMITS.description) p.add('description', `调查说明不能超过 ${LIMITS.description} 个字。`);
  const opensAt = parseLocalTime(v.opensAt);
  if (!opensAt) p.add('opensAt', '开始时间格式不正确，应为“年-月-日 时:分”。');
  const closesAt = parseLocalTime(v.closesAt);
  if (!closesAt) p.add('closesAt', '结束时间格式不正确，应为“年-月-日 时:分”。');
  else if (opensAt && closesAt <= opensAt) p.add('closesAt', '结束时间应晚于开始时间。');
  const max = /^\d{1,4}$/.test(v.maxPerAddress.trim()) ? Number(v.maxPerAddress.trim()) : NaN;
  if (!(max >= 1 && max <= LIMITS.perAddressMax)) p.add('maxPerAddress', `同一网络地址可提交的份数应为 1 至 ${LIMITS.perAddressMax} 之间的整数。`);
  const cid = v.consultationId.trim();
  if (cid && !/^[1-9]\d{0,8}$/.test(cid)) p.add('consultationId', '关联的意见征集编号应为正整数，不关联请留空。');
  if (v.phoneCheck && !(await smsWebhookUrl(db))) p.add('phoneCheck', '尚未配置短信网关，不能开启手机验证码核验。请先由系统管理员在“问卷调查设置”中填写短信网关地址。');
  p.done();
  return { title, description, opensAt: opensAt!, closesAt: closesAt!, maxPerAddress: max, phoneCheck: v.phoneCheck, consultationId: cid ? Number(cid) : null };
}

export async function createSurvey(ctx: Ctx, v: SurveyInput): Promise<number> {
  const actor = requireRole(ctx.actor, ...SURVEY_ROLES);
  const values = await parseSurvey(ctx.db, v);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(surveys).values({ ...values, agencyId: actor.agencyId, createdBy: actor.userId }).returning();
    await recordAudit(tx, auditActor(actor), { action: 'survey.created', targetType: 'survey', targetId: row!.id, after: { title: values.title } });
    return row!.id;
  });
}

export async function updateSurvey(ctx: Ctx, id: number, v: SurveyInput): Promise<void> {
  const actor = requireRole(ctx.actor, ...SURVEY_ROLES);
  await ctx.db.transaction(async (tx) => {
    const row = await runnable(tx, actor, id);
    if (row.state !== 'draft' && row.state !== 'scheduled') throw conflict('not_editable', '调查已开始，不能再修改。可以提前结束调查。');
    const values = await parseSurvey(tx, v);
    await tx.update(surveys).set({ ...values, updatedAt: new Date() }).where(eq(surveys.id, id));
    await recordAudit(tx, auditActor(actor), { action: 'survey.updated', targetType: 'survey', targetId: id, before: { title: row.title, opensAt: row.opensAt, closesAt: row.closesAt, maxPerAddress: row.maxPerAddress, phoneCheck: row.phoneCheck }, after: { title: values.title, opensAt: values.opensAt, closesAt: values.closesAt, maxPerAddress: values.maxPerAddress, phoneCheck: values.phoneCheck } });
  });
}

export type QuestionInput = { kind: string; title: string; required: boolean; options: string; minPicks: string; maxPicks: string; scaleMin: string; scaleMax: string; scaleMinLabel: string; scaleMaxLabel: string; maxLength: string };

const intOr = (s: string, blank: number | null): number | null | typeof NaN => (s.trim() === '' ? blank : /^-?\d{1,4}$/.test(s.trim()) ? Number(s.trim()) : NaN);

function parseQuestion(v: QuestionInput) {
  const p = new FieldProblems();
  const kind = (QUESTION_KINDS as readonly string[]).includes(v.kind) ? (v.kind as QuestionKind) : null;
  if (!kind) p.add('kind', '请选择题型。');
  const title = v.title.trim();
  if (!title) p.add('title', '请填写题目。');
  else if ([...title].length > LIMITS.question) p.add('title', `题目不能超过 ${LIMITS.question} 个字。`);
  const options = v.options.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  let minPicks: number | null = null, maxPicks: number | null = null, scaleMin: number | null = null, scaleMax: number | null = null, maxLength: number | null = null;
  if (kind === 'single' || kind === 'multiple') {
    if (options.length < 2) p.add('options', '选择题至少需要 2 个选项，每行一个。');
    else if (options.length > LIMITS.options) p.add('options', `选项最多 ${LIMITS.options} 个。`);
    else if (options.some((o) => [...o].length > LIMITS.option)) p.add('options', `每个选项不能超过 ${LIMITS.option} 个字。`);
    else if (new Set(options).size !== options.length) p.add('options', '选项不能重复。');
  }
  if (kind === 'multiple') {
    minPicks = intOr(v.minPicks, null);
    maxPicks = intOr(v.maxPicks, null);
    if (Number.isNaN(minPicks) || (minPicks !== null && (minPicks < 1 || minPicks > options.length))) p.add('minPicks', '最少选择项数应为 1 至选项数之间的整数，不限请留空。');
    if (Number.isNaN(maxPicks) || (maxPicks !== null && (maxPicks < 1 || maxPicks > options.length))) p.add('maxPicks', '最多选择项数应为 1 至选项数之间的整数，不限请留空。');
    if (!p.has('minPicks') && !p.has('maxPicks') && minPicks !== null && maxPicks !== null && minPicks > maxPicks) p.add('maxPicks', '最多选择项数不能少于最少选择项数。');
  }
  if (kind === 'scale') {
    scaleMin = intOr(v.scaleMin, 1);
    scaleMax = intOr(v.scaleMax, 5);
    if (Number.isNaN(scaleMin) || scaleMin! < 0 || scaleMin! > 10) p.add('scaleMin', '量表最小值应为 0 至 10 之间的整数。');
    if (Number.isNaN(scaleMax) || scaleMax! < 1 || scaleMax! > 10) p.add('scaleMax', '量表最大值应为 1 至 10 之间的整数。');
    if (!p.has('scaleMin') && !p.has('scaleMax') && scaleMin! >= scaleMax!) p.add('scaleMax', '量表最大值应大于最小值。');
    if ([...v.scaleMinLabel.trim()].length > 20 || [...v.scaleMaxLabel.trim()].length > 20) p.add('scaleMinLabel', '量表两端的说明各不超过 20 个字。');
  }
  if (kind === 'text') {
    maxLength = intOr(v.maxLength, 500);
    if (Number.isNaN(maxLength) || maxLength! < 1 || maxLength! > LIMITS.textMax) p.add('maxLength', `最多字数应为 1 至 ${LIMITS.textMax} 之间的整数。`);
  }
  p.done();
  return {
    question: { kind: kind!, title, required: v.required, minPicks, maxPicks, scaleMin, scaleMax, maxLength, scaleMinLabel: kind === 'scale' ? v.scaleMinLabel.trim() : '', scaleMaxLabel: kind === 'scale' ? v.scaleMaxLabel.trim() : '' },
    options: kind === 'single' || kind === 'multiple' ? options : [],
  };
}

async function draftOf(tx: Exec, actor: Actor, surveyId: number): Promise<SurveyRow> {
  const row = await runnable(tx, actor, surveyId);
  if (row.state !== 'draft') throw conflict('not_draft', '只有草稿状态的调查可以修改题目。如需修改，请先撤回为草稿。');
  return row;
}

export async function addQuestion(ctx: Ctx, surveyId: number, v: QuestionInput): Promise<number> {
  const actor = requireRole(ctx.actor, ...SURVEY_ROLES);
  const parsed = parseQuestion(v);
  return ctx.db.transaction(async (tx) => {
    await draftOf(tx, actor, surveyId);
    const [{ n, top }] = (await tx.select({ n: sql<number>`count(*)::int`, top: sql<number>`coalesce(max(${surveyQuestions.position}), 0)::int` }).from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId))) as [{ n: number; top: number }];
    if (n >= LIMITS.questions) throw invalid(`一份问卷最多 ${LIMITS.questions} 道题。`);
    const [q] = await tx.insert(surveyQuestions).values({ ...parsed.question, surveyId, position: top + 1 }).returning();
    if (parsed.options.length) await tx.insert(surveyOptions).values(parsed.options.map((label, i) => ({ questionId: q!.id, position: i + 1, label })));
    await recordAudit(tx, auditActor(actor), { action: 'survey.question_added', targetType: 'survey', targetId: surveyId, after: { questionId: q!.id, kind: parsed.question.kind, title: parsed.question.title, options: parsed.options } });
    return q!.id;
  });
}

export async function removeQuestion(ctx: Ctx, surveyId: number, questionId: number): Promise<void> {
  const actor = requireRole(ctx.actor, ...SURVEY_ROLES);
  await ctx.db.transaction(async (tx) => {
    await draftOf(tx, actor, surveyId);
    const [q] = await tx.delete(surveyQuestions).where(and(eq(surveyQuestions.id, questionId), eq(surveyQuestions.surveyId, surveyId))).returning();
    if (!q) throw notFound('题目');
    await recordAudit(tx, auditActor(actor), { action: 'survey.question_removed', targetType: 'survey', targetId: surveyId, before: { questionId, title: q.title } });
  });
}

/** Moves a question one place up or down (swapping positions with its neighbour). */
export async function moveQuestion(ctx: Ctx, surveyId: number, questionId: number, dir: 'up' | 'down'): Promise<void> {
  const actor = requireRole(ctx.actor, ...SURVEY_ROLES);
  await ctx.db.transaction(async (tx) => {
    await draftOf(tx, actor, surveyId);
    const qs = await tx.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId)).orderBy(asc(surveyQuestions.position), asc(surveyQuestions.id));
    const i = qs.findIndex((q) => q.id === questionId);
    if (i < 0) throw notFound('题目');
    const j = dir === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= qs.length) return;
    [qs[i], qs[j]] = [qs[j]!, qs[i]!];
    for (const [k, q] of qs.entries()) await tx.update(surveyQuestions).set({ position: k + 1 }).where(eq(surveyQuestions.id, q.id));
    await recordAudit(tx, auditActor(actor), { action: 'survey.question_moved', targetType: 'survey', targetId: surveyId, after: { questionId, order: qs.map((q) => q.id) } });
  });
}

export const ACTIONS = ['schedule', 'unschedule', 'close', 'publish'] as const;
export type SurveyAction = (typeof ACTIONS)[number];

/**
 * The staff's steps: 发布 (draft → scheduled, or open at once when its time has come), 撤回
 * (scheduled → draft), 提前结束 (open → closed), 公布结果 (closed → published, with the summary).
 */
export async function transitionSurvey(ctx: Ctx, id: number, action: SurveyAction, input: { summary?: string } = {}, now = new Date()): Promise<SurveyState> {
  const actor = requireRole(ctx.actor, ...SURVEY_ROLES);
  return ctx.db.transaction(async (tx) => {
    const row = await runnable(tx, actor, id);
    const audit = (name: string, after: Record<string, unknown> = {}) => recordAudit(tx, auditActor(actor), { action: `survey.${name}`, targetType: 'survey', targetId: id, before: { state: row.state }, after });
    if (action === 'schedule') {
      if (row.state !== 'draft') throw conflict('bad_state', '只有草稿可以发布。');
      const qs = await questionsOf(tx, id);
      if (!qs.length) throw invalid('问卷还没有题目，请至少添加一道题后再发布。');
      if (row.closesAt <= now) throw invalid('结束时间已过，请先修改结束时间。');
      if (row.phoneCheck && !(await smsWebhookUrl(tx))) throw invalid('该调查开启了手机验证码核验，但尚未配置短信网关。请先配置短信网关或关闭手机验证。');
      const state = row.opensAt <= now ? 'open' : 'scheduled';
      await tx.update(surveys).set({ state, openedAt: state === 'open' ? now : null, updatedAt: now }).where(eq(surveys.id, id));
      await audit(state === 'open' ? 'opened' : 'scheduled', { state });
      return state;
    }
    if (action === 'unschedule') {
      if (row.state !== 'scheduled') throw conflict('bad_state', '只有待开始的调查可以撤回为草稿。');
      await tx.update(surveys).set({ state: 'draft', updatedAt: now }).where(eq(surveys.id, id));
      await audit('unscheduled', { state: 'draft' });
      return 'draft';
    }
    if (action === 'close') {
      if (row.state !== 'open') throw conflict('bad_state', '只有进行中的调查可以结束。');
      await tx.update(surveys).set({ state: 'closed', closedAt: now, updatedAt: now }).where(eq(surveys.id, id));
      await audit('closed', { state: 'closed' });
      return 'closed';
    }
    if (row.state !== 'closed') throw conflict('bad_state', '调查结束后才能公布结果。');
    const summary = (input.summary ?? '').trim();
    if ([...summary].length > LIMITS.summary) throw invalid(`结果说明不能超过 ${LIMITS.summary} 个字。`, { fields: { summary: `结果说明不能超过 ${LIMITS.summary} 个字。` } });
    await tx.update(surveys).set({ state: 'published', resultSummary: summary, publishedAt: now, updatedAt: now }).where(eq(surveys.id, id));
    await audit('results_published', { state: 'published', summary });
    return 'published';
  });
}

// ——— the clock ———

/**
 * Opens the scheduled surveys whose time has come and closes the open ones whose time is over.
 * Each is one conditional UPDATE, so several instances running it at once change each survey once
 * and only the instance whose UPDATE changed the row records it.
 */
export async function runSurveyClock(db: Db, now = new Date()): Promise<{ opened: number[]; closed: number[] }> {
  return db.transaction(async (tx) => {
    const opened = await tx.update(surveys).set({ state: 'open', openedAt: now, updatedAt: now })
      .where(and(eq(surveys.state, 'scheduled'), lte(surveys.opensAt, now), gt(surveys.closesAt, now))).returning({ id: surveys.id });
    const closed = await tx.update(surveys).set({ state: 'closed', closedAt: now, updatedAt: now })
      .where(and(inArray(surveys.state, ['open', 'scheduled']), lte(surveys.closesAt, now))).returning({ id: surveys.id });
    for (const { id } of opened) await recordAudit(tx, auditActor(null), { action: 'survey.opened', targetType: 'survey', targetId: id, after: { state: 'open', by: 'schedule' } });
    for (const { id } of closed) await recordAudit(tx, auditActor(null), { action: 'survey.closed', targetType: 'survey', targetId: id, after: { state: 'closed', by: 'schedule' } });
    return { opened: opened.map((r) => r.id), closed: closed.map((r) => r.id) };
  });
}

// ——— settings ———

export async function updateSurveySettings(ctx: Ctx, v: { smsWebhookUrl: string }): Promise<void> {
  const actor = requireTopGovernment(requireRole(ctx.actor, 'office', 'admin'));
  const url = v.smsWebhookUrl.trim();
  if (url && !validWebhookUrl(url)) throw invalid('短信网关地址应为 http:// 或 https:// 开头的网址，不含用户名和密码。', { fields: { smsWebhookUrl: '短信网关地址应为 http:// 或 https:// 开头的网址，不含用户名和密码。' } });
  await ctx.db.transaction(async (tx) => {
    const before = await smsWebhookUrl(tx);
    await tx.insert(surveySettings).values({ id: 1, smsWebhookUrl: url, updatedAt: new Date() }).onConflictDoUpdate({ target: surveySettings.id, set: { smsWebhookUrl: url, updatedAt: new Date() } });
    if (!url) await tx.update(surveys).set({ phoneCheck: false }).where(and(eq(surveys.phoneCheck, true), eq(surveys.state, 'draft')));
    await recordAudit(tx, auditActor(actor), { action: 'survey.settings_updated', targetType: 'survey_settings', targetId: 1, before: { smsWebhookUrl: before }, after: { smsWebhookUrl: url } });
  });
}

export async function getSurveySettings(ctx: Ctx): Promise<{ smsWebhookUrl: string; mayChange: boolean }> {
  const actor = requireRole(ctx.actor, 'office', 'admin');
  return { smsWebhookUrl: await smsWebhookUrl(ctx.db), mayChange: actor.placement.upperGovId == null };
}

// ——— public ———

const PUBLIC_STATES: SurveyState[] = ['open', 'closed', 'published'];

export type PublicListItem = Pick<SurveyRow, 'id' | 'title' | 'state' | 'opensAt' | 'closesAt' | 'publishedAt'> & { agencyName: string };

/** The site's surveys the public may see: open, closed and with published results; newest first. */
export async function publicSurveys(db: Db, govId: number | null): Promise<PublicListItem[]> {
  return db
    .select({ id: surveys.id, title: surveys.title, state: surveys.state, opensAt: surveys.opensAt, closesAt: surveys.closesAt, publishedAt: surveys.publishedAt, agencyName: agencies.name })
    .from(surveys)
    .innerJoin(agencies, eq(agencies.id, surveys.agencyId))
    .where(and(inArray(surveys.state, PUBLIC_STATES), agencyOfGovernment(surveys.agencyId, govId)))
    .orderBy(desc(surveys.opensAt), desc(surveys.id));
}

/** One of the site's public surveys with its questions, or 404. */
export async function publicSurvey(db: Exec, govId: number | null, id: number): Promise<SurveyFull> {
  const [row] = await db.select().from(surveys).where(and(eq(surveys.id, id), inArray(surveys.state, PUBLIC_STATES), agencyOfGovernment(surveys.agencyId, govId)));
  if (!row) throw notFound('调查');
  return fullSurvey(db, row);
}

const mac = (secret: string, purpose: string, value: string) => createHmac('sha256', secret).update(`${purpose}\u0000${value}`).digest('hex');
/** The address as stored: keyed per survey, so two surveys' respondents cannot be linked by it. */
export const addressHashOf = (secret: string, surveyId: number, ip: string) => mac(secret, `survey-address:${surveyId}`, ip);
export const phoneHashOf = (secret: string, surveyId: number, phone: string) => mac(secret, `survey-phone:${surveyId}`, phone);
const codeHashOf = (secret: string, code: string) => mac(secret, 'survey-code', code);

/** The answers as the form sent them: field `q<id>`, each a list of values. */
export type RawAnswers = Record<string, string[]>;
export type ParsedAnswer = { questionId: number; optionIds: number[]; scaleValue: number | null; text: string | null };

const MAX_ID = 2147483647;
const asId = (s: string): number | null => (/^[1-9]\d{0,9}$/.test(s) && Number(s) <= MAX_ID ? Number(s) : null);

/** Strips characters no answer needs: controls (but line breaks and tabs) and lone surrogates. */
function cleanText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '').replace(/\r\n/g, '\n');
}

/** Checks every answer against its question; problems per field (`q<id>`), all in one pass. */
export function parseAnswers(questions: Question[], raw: RawAnswers): ParsedAnswer[] {
  const p = new FieldProblems();
  const out: ParsedAnswer[] = [];
  questions.forEach((q, n) => {
    const name = `q${q.id}`;
    const label = `第 ${n + 1} 题`;
    const values = (raw[name] ?? []).filter((v) => v !== '');
    if (q.kind === 'single' || q.kind === 'multiple') {
      const ids = [...new Set(values.map(asId))];
      if (!values.length) {
        if (q.required) p.add(name, `${label}为必答题，请选择。`);
        return;
      }
      if (ids.some((id) => id === null || !q.options.some((o) => o.id === id))) return p.add(name, `${label}的选项无效，请重新选择。`);
      if (q.kind === 'single' && ids.length > 1) return p.add(name, `${label}只能选择一项。`);
      if (q.kind === 'multiple' && q.minPicks != null && ids.length < q.minPicks) return p.add(name, `${label}至少选择 ${q.minPicks} 项。`);
      if (q.kind === 'multiple' && q.maxPicks != null && ids.length > q.maxPicks) return p.add(name, `${label}最多选择 ${q.maxPicks} 项。`);
      out.push({ questionId: q.id, optionIds: ids as number[], scaleValue: null, text: null });
    } else if (q.kind === 'scale') {
      if (!values.length) {
        if (q.required) p.add(name, `${label}为必答题，请选择一个分值。`);
        return;
      }
      const v = values.length === 1 && /^\d{1,2}$/.test(values[0]!) ? Number(values[0]) : NaN;
      if (!(v >= q.scaleMin! && v <= q.scaleMax!)) return p.add(name, `${label}的分值应在 ${q.scaleMin} 至 ${q.scaleMax} 之间。`);
      out.push({ questionId: q.id, optionIds: [], scaleValue: v, text: null });
    } else {
      const text = cleanText(values.at(-1) ?? '').trim();
      if (!text) {
        if (q.required) p.add(name, `${label}为必答题，请填写。`);
        return;
      }
      if ([...text].length > (q.maxLength ?? LIMITS.textMax)) return p.add(name, `${label}不能超过 ${q.maxLength} 个字（现有 ${[...text].length} 个字）。`);
      out.push({ questionId: q.id, optionIds: [], scaleValue: null, text });
    }
  });
  p.done();
  return out;
}

export type ResponseInput = {
  surveyId: number;
  govId: number | null;
  answers: RawAnswers;
  ip: string;
  submitKey: string;
  /** This browser's signed cookie says it already answered. */
  answeredBefore: boolean;
  /** For a phone-checked survey: the number's hash from the verification step, and the code typed. */
  phoneHash?: string | null;
  code?: string;
};

const newReceipt = () => {
  const A = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return 'DC' + [...randomBytes(10)].map((b) => A[b % 32]).join('');
};

const uniqueViolation = (e: unknown, name: string) => {
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string; constraint?: string } };
  return (err.code ?? err.cause?.code) === '23505' && `${err.message ?? ''} ${err.cause?.message ?? ''} ${err.cause?.constraint ?? ''}`.includes(name);
};

/**
 * Stores one response. Refused: a survey not open; a browser that already answered; an address
 * past its limit for this survey (counted with a conditional upsert, so the limit holds when
 * several arrive at once); the same form sent twice; on a phone-checked survey, a wrong code or a
 * number that already answered. Nothing is stored unless all of it holds.
 */
export async function submitResponse(ctx: SurveyCtx, input: ResponseInput, now = new Date()): Promise<{ receipt: string }> {
  const survey = await publicSurvey(ctx.db, input.govId, input.surveyId);
  if (survey.state !== 'open' || now < survey.opensAt || now >= survey.closesAt) throw conflict('survey_closed', '本次调查已结束，不再接受提交。');
  if (input.answeredBefore) throw conflict('already_answered', '您已参加过本次调查，每人只能提交一次。感谢您的参与！');
  const parsed = parseAnswers(survey.questions, input.answers);
  if (!parsed.length) throw invalid('问卷还没有填写，请至少回答一道题。');
  const submitKey = /^[A-Za-z0-9_-]{8,64}$/.test(input.submitKey) ? input.submitKey : null;
  const addressHash = addressHashOf(ctx.secret, survey.id, input.ip);
  try {
    return await ctx.db.transaction(async (tx) => {
      let phoneHash: string | null = null;
      if (survey.phoneCheck) phoneHash = await consumeCode(tx, ctx.secret, survey.id, input.phoneHash ?? null, input.code ?? '', now);
      const counted = await tx.insert(surveyAddressCounts).values({ surveyId: survey.id, addressHash, count: 1 })
        .onConflictDoUpdate({ target: [surveyAddressCounts.surveyId, surveyAddressCounts.addressHash], set: { count: sql`${surveyAddressCounts.count} + 1` }, setWhere: sql`${surveyAddressCounts.count} < ${survey.maxPerAddress}` })
        .returning({ count: surveyAddressCounts.count });
      if (!counted.length) throw new AppError('address_limit', 429, `同一网络地址对本次调查最多可提交 ${survey.maxPerAddress} 份，已达上限。感谢您的参与！`);
      let row: { id: number; receipt: string } | undefined;
      for (let i = 0; i < 5 && !row; i++) {
        [row] = await tx.insert(surveyResponses).values({ surveyId: survey.id, receipt: newReceipt(), addressHash, phoneHash, submitKey, submittedAt: now })
          .onConflictDoNothing({ target: surveyResponses.receipt }).returning({ id: surveyResponses.id, receipt: surveyResponses.receipt });
      }
      if (!row) throw new Error('could not draw a unique receipt');
      const rows = parsed.flatMap((a): (typeof surveyAnswers.$inferInsert)[] =>
        a.optionIds.length ? a.optionIds.map((optionId) => ({ responseId: row!.id, questionId: a.questionId, optionId })) : [{ responseId: row!.id, questionId: a.questionId, scaleValue: a.scaleValue, text: a.text }],
      );
      await tx.insert(surveyAnswers).values(rows);
      return { receipt: row.receipt };
    });
  } catch (e) {
    if (uniqueViolation(e, 'submit_key')) throw conflict('duplicate_submission', '这份问卷已经提交过了，请不要重复提交。感谢您的参与！');
    if (uniqueViolation(e, 'phone')) throw conflict('already_answered', '该手机号码已参加过本次调查，每人只能提交一次。');
    throw e;
  }
}

// ——— phone codes ———

export const CODE_TTL_MS = 10 * 60_000;
const CODE_RESEND_MS = 60_000;
const CODE_TRIES = 5;
export const isMobile = (s: string) => /^1[3-9]\d{9}$/.test(s);

/** Sends a 6-digit code to the number through the gateway; returns the number's hash for the browser to hold. */
export async function requestPhoneCode(ctx: SurveyCtx, gateway: SmsGateway | null, govId: number | null, surveyId: number, phoneRaw: string, now = new Date()): Promise<string> {
  const survey = await publicSurvey(ctx.db, govId, surveyId);
  if (!survey.phoneCheck) throw invalid('本次调查不需要手机验证。');
  if (survey.state !== 'open') throw conflict('survey_closed', '本次调查已结束，不再接受提交。');
  const phone = phoneRaw.replace(/[\s-]/g, '');
  if (!isMobile(phone)) throw invalid('请填写 11 位手机号码。', { fields: { phone: '请填写 11 位手机号码。' } });
  if (!gateway) throw new AppError('sms_unavailable', 503, '短信服务暂不可用，请稍后再试。');
  const phoneHash = phoneHashOf(ctx.secret, surveyId, phone);
  const [taken] = await ctx.db.select({ id: surveyResponses.id }).from(surveyResponses).where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.phoneHash, phoneHash)));
  if (taken) throw conflict('already_answered', '该手机号码已参加过本次调查，每人只能提交一次。');
  const [recent] = await ctx.db.select({ id: surveyPhoneCodes.id }).from(surveyPhoneCodes)
    .where(and(eq(surveyPhoneCodes.surveyId, surveyId), eq(surveyPhoneCodes.phoneHash, phoneHash), gt(surveyPhoneCodes.createdAt, new Date(now.getTime() - CODE_RESEND_MS))));
  if (recent) throw new AppError('too_soon', 429, '验证码已发送，请 1 分钟后再重新获取。');
  const code = String(randomBytes(4).readUInt32BE() % 1_000_000).padStart(6, '0');
  try {
    await gateway.send(phone, `【${survey.agencyName}】您参加“${survey.title.slice(0, 30)}”的验证码为 ${code}，10 分钟内有效。`);
  } catch {
    throw new AppError('sms_failed', 502, '验证码短信发送失败，请稍后再试。');
  }
  await ctx.db.insert(surveyPhoneCodes).values({ surveyId, phoneHash, codeHash: codeHashOf(ctx.secret, code), expiresAt: new Date(now.getTime() + CODE_TTL_MS), createdAt: now });
  return phoneHash;
}

/** Checks the code against the newest one sent to the number; a wrong one spends a try. Returns the number's hash. */
async function consumeCode(tx: Exec, secret: string, surveyId: number, phoneHash: string | null, codeRaw: string, now: Date): Promise<string> {
  const wrong = () => invalid('手机验证码不正确或已过期，请重新获取。', { fields: { code: '手机验证码不正确或已过期，请重新获取。' } });
  if (!phoneHash || !/^[0-9a-f]{64}$/.test(phoneHash)) throw invalid('请先验证手机号码，再提交问卷。', { fields: { code: '请先验证手机号码，再提交问卷。' } });
  const [c] = await tx.select().from(surveyPhoneCodes)
    .where(and(eq(surveyPhoneCodes.surveyId, surveyId), eq(surveyPhoneCodes.phoneHash, phoneHash), isNull(surveyPhoneCodes.usedAt)))
    .orderBy(desc(surveyPhoneCodes.createdAt), desc(surveyPhoneCodes.id)).limit(1).for('update');
  if (!c || c.expiresAt <= now || c.attempts >= CODE_TRIES) throw wrong();
  const given = Buffer.from(codeHashOf(secret, codeRaw.trim()), 'hex');
  if (!timingSafeEqual(given, Buffer.from(c.codeHash, 'hex'))) {
    // Outside the transaction that is about to roll back: the spent try must stay spent.
    throw Object.assign(wrong(), { spendTry: c.id });
  }
  await tx.update(surveyPhoneCodes).set({ usedAt: now }).where(eq(surveyPhoneCodes.id, c.id));
  return phoneHash;
}

/** Records a wrong code's spent try (called after the refused transaction). */
export async function spendCodeTry(db: Db, e: unknown): Promise<void> {
  const id = (e as { spendTry?: number }).spendTry;
  if (id) await db.update(surveyPhoneCodes).set({ attempts: sql`${surveyPhoneCodes.attempts} + 1` }).where(eq(surveyPhoneCodes.id, id));
}

// ——— results ———

export type Tally = {
  question: Question;
  /** How many responses answered this question. */
  answered: number;
  /** Choice: count per option; scale: count per point (label = the point). */
  counts: { label: string; count: number }[];
  /** Scale: the mean of the points given. */
  mean: number | null;
  texts: { receipt: string; text: string; at: Date }[];
};
export type Results = { survey: SurveyFull; responses: number; tallies: Tally[] };

async function tallies(db: Exec, survey: SurveyFull, withTexts: boolean): Promise<Results> {
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id))) as [{ n: number }];
  const qids = survey.questions.map((q) => q.id);
  const answered = qids.length
    ? await db.select({ q: surveyAnswers.questionId, n: sql<number>`count(distinct ${surveyAnswers.responseId})::int` }).from(surveyAnswers).where(inArray(surveyAnswers.questionId, qids)).groupBy(surveyAnswers.questionId)
    : [];
  const byOption = qids.length
    ? await db.select({ o: surveyAnswers.optionId, n: sql<number>`count(*)::int` }).from(surveyAnswers).where(and(inArray(surveyAnswers.questionId, qids), sql`${surveyAnswers.optionId} is not null`)).groupBy(surveyAnswers.optionId)
    : [];
  const byScale = qids.length
    ? await db.select({ q: surveyAnswers.questionId, v: surveyAnswers.scaleValue, n: sql<number>`count(*)::int` }).from(surveyAnswers).where(and(inArray(surveyAnswers.questionId, qids), sql`${surveyAnswers.scaleValue} is not null`)).groupBy(surveyAnswers.questionId, surveyAnswers.scaleValue)
    : [];
  const textRows = withTexts && qids.length
    ? await db.select({ q: surveyAnswers.questionId, text: surveyAnswers.text, receipt: surveyResponses.receipt, at: surveyResponses.submittedAt }).from(surveyAnswers)
        .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
        .where(and(inArray(surveyAnswers.questionId, qids), sql`${surveyAnswers.text} is not null`)).orderBy(asc(surveyResponses.id))
    : [];
  const list = survey.questions.map((q): Tally => {
    let counts: Tally['counts'] = [];
    let mean: number | null = null;
    if (q.kind === 'single' || q.kind === 'multiple') counts = q.options.map((o) => ({ label: o.label, count: byOption.find((r) => r.o === o.id)?.n ?? 0 }));
    if (q.kind === 'scale') {
      const points = Array.from({ length: q.scaleMax! - q.scaleMin! + 1 }, (_, i) => q.scaleMin! + i);
      counts = points.map((v) => ({ label: String(v), count: byScale.find((r) => r.q === q.id && r.v === v)?.n ?? 0 }));
      const total = counts.reduce((s, c) => s + c.count, 0);
      mean = total ? points.reduce((s, v, i) => s + v * counts[i]!.count, 0) / total : null;
    }
    return { question: q, answered: answered.find((r) => r.q === q.id)?.n ?? 0, counts, mean, texts: textRows.filter((r) => r.q === q.id).map((r) => ({ receipt: r.receipt, text: r.text!, at: r.at })) };
  });
  return { survey, responses: n, tallies: list };
}

/** The results for staff: tallies and every text answer. */
export async function staffResults(ctx: Ctx, id: number): Promise<Results> {
  const actor = requireRole(ctx.actor, ...SURVEY_ROLES);
  const { row } = await readable(ctx.db, actor, id);
  return tallies(ctx.db, await fullSurvey(ctx.db, row), true);
}

/** The published result notice: tallies of the choice and scale questions; text answers stay with the staff. */
export async function publicResults(db: Db, govId: number | null, id: number): Promise<Results> {
  const s = await publicSurvey(db, govId, id);
  if (s.state !== 'published') throw notFound('调查结果');
  return tallies(db, s, false);
}

export type ResponseSheet = { survey: SurveyFull; rows: { receipt: string; at: Date; answers: Map<number, string> }[] };

/** Every response, one row each, the answer to each question as text (picks joined with ；). */
export async function responseSheet(ctx: Ctx, id: number): Promise<ResponseSheet> {
  const actor = requireRole(ctx.actor, ...SURVEY_ROLES);
  const { row } = await readable(ctx.db, actor, id);
  const survey = await fullSurvey(ctx.db, row);
  const responses = await ctx.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id)).orderBy(asc(surveyResponses.id));
  const answers = responses.length ? await ctx.db.select().from(surveyAnswers).where(inArray(surveyAnswers.responseId, responses.map((r) => r.id))).orderBy(asc(surveyAnswers.id)) : [];
  const optionLabel = new Map(survey.questions.flatMap((q) => q.options.map((o) => [o.id, o.label] as const)));
  return {
    survey,
    rows: responses.map((r) => {
      const m = new Map<number, string>();
      for (const a of answers.filter((x) => x.responseId === r.id)) {
        const v = a.optionId != null ? optionLabel.get(a.optionId) ?? '' : a.scaleValue != null ? String(a.scaleValue) : a.text ?? '';
        m.set(a.questionId, m.has(a.questionId) ? `${m.get(a.questionId)}；${v}` : v);
      }
      return { receipt: r.receipt, at: r.submittedAt, answers: m };
    }),
  };
}
