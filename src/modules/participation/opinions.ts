// Opinions on a draft and the decision on each: online comments from the public (pre-moderated,
// held for review when they contain a word of the office's list, never dropped), opinions from
// other methods entered by staff, then after closing a disposition with a reason for every one,
// alone or in a group with the same point.
import { createHmac, randomBytes } from 'node:crypto';
import { and, asc, count, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { AppError, conflict, FieldProblems, invalid, notFound } from '../../core/errors.js';
import { DISPOSITIONS, METHODS, partConsultations, partGroups, partOpinions, partReports, type Disposition, type Method } from './schema.js';
import { REJECT_REASONS, type RejectReason } from './labels.js';
import { splitArticles } from './articles.js';
import { forRunning, loadConsultation } from './consultations.js';
import { getSettings, sensitiveHits } from './settings.js';
import { STAFF_ROLES } from './policy.js';

export type OpinionRow = typeof partOpinions.$inferSelect;

export const MAX_NAME = 50;
export const MAX_CONTACT = 100;
export const MAX_QUOTE = 500;
export const MAX_DECISION_REASON = 2000;

/** What public submission runs with: the key for hashing contacts and addresses, and where it came from. */
export type PublicCtx = { db: Db; key: Buffer; address: string };

const keyed = (key: Buffer, kind: string, v: string) => (v ? createHmac('sha256', key).update(`part:${kind}:${v}`).digest('base64url').slice(0, 32) : '');
const normContact = (s: string) => s.replace(/[\s-]/g, '').toLowerCase();

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 查询码: YJ- and 12 random characters (60 bits): it is the only key to the status page. */
export function newOpinionCode(): string {
  const b = randomBytes(12);
  return 'YJ-' + [...b].map((x) => CODE_ALPHABET[x % 32]).join('');
}

export type Submission = { code: string; state: OpinionRow['state'] };

/**
 * A comment from the public. Refused with a reason when the consultation is not open, a field is
 * missing or too long, or a limit is reached; otherwise stored, always, and acknowledged with a
 * query code: pending moderation, or held for a person's review when it contains a listed word.
 */
export async function submitComment(pctx: PublicCtx, consultationId: number, raw: Record<string, string>, now = new Date()): Promise<Submission> {
  const c = await loadConsultation(pctx.db, consultationId).catch(() => null);
  if (!c || c.state === 'draft') throw notFound('征求意见');
  if (c.state !== 'open' || now < c.startsAt || now >= c.endsAt) throw conflict('not_open', c.state === 'scheduled' ? '征求意见尚未开始，暂不能提交意见。' : '征求意见已经截止，不能再提交意见。');
  if (!c.methods.includes('online')) throw conflict('not_online', '本次征求意见不接受网上提交。');
  const s = await getSettings(pctx.db);
  const p = new FieldProblems();
  const body = (raw.body ?? '').replace(/\r\n/g, '\n');
  const name = (raw.name ?? '').trim();
  const contact = (raw.contact ?? '').trim();
  const quote = (raw.quote ?? '').trim();
  if (!body.trim()) p.add('body', '请填写意见内容。');
  else if (body.length > s.maxCommentChars) p.add('body', `意见内容最多 ${s.maxCommentChars} 个字，本次 ${body.length} 个字。内容较多的，请分条提交或通过书面方式提出。`);
  if (name.length > MAX_NAME) p.add('name', `姓名不超过 ${MAX_NAME} 个字。`);
  if (!contact) p.add('contact', '请填写联系方式（电话或电子邮箱），仅供工作人员联系核实，不会公开。');
  else if (contact.length > MAX_CONTACT) p.add('contact', `联系方式不超过 ${MAX_CONTACT} 个字符。`);
  if (quote.length > MAX_QUOTE) p.add('quote', `引用的原文不超过 ${MAX_QUOTE} 个字。`);
  const articleRaw = (raw.article ?? '0').trim() || '0';
  const articles = splitArticles(c.draftText);
  const article = /^\d{1,4}$/.test(articleRaw) ? Number(articleRaw) : -1;
  if (article < 0 || (article > 0 && !articles.some((a) => a.no === article))) p.add('article', '所选条款不在草案中，请重新选择。');
  p.done();
  const contactKey = keyed(pctx.key, 'contact', normContact(contact));
  const addressKey = keyed(pctx.key, 'address', pctx.address);
  const since = new Date(now.getTime() - 86_400_000);
  const held = sensitiveHits(s.sensitiveWords, `${body}\n${quote}\n${name}`);
  const submitKey = (raw.submitKey ?? '').trim();
  const keyOf = /^[A-Za-z0-9_-]{8,64}$/.test(submitKey) ? `${consultationId}:${submitKey}` : null;
  const firstOf = async (db: Exec) => (keyOf ? (await db.select().from(partOpinions).where(eq(partOpinions.submitKey, keyOf)))[0] : undefined);
  for (let i = 0; i < 5; i++) {
    try {
      const row = await pctx.db.transaction(async (tx) => {
        // Submissions from one contact wait for each other, so two sent at once cannot both pass
        // the daily limit; the same form sent twice finds the first one here.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${contactKey}))`);
        const first = await firstOf(tx);
        if (first) return first;
        const [byContact] = await tx.select({ n: count() }).from(partOpinions).where(and(eq(partOpinions.contactKey, contactKey), gte(partOpinions.submittedAt, since)));
        if (byContact!.n >= s.perContactPerDay) throw new AppError('too_many', 429, `同一联系方式 24 小时内最多提交 ${s.perContactPerDay} 条意见，请明天再提交，或将意见合并为一条。`);
        const [byAddress] = await tx.select({ n: count() }).from(partOpinions).where(and(eq(partOpinions.addressKey, addressKey), gte(partOpinions.submittedAt, since)));
        if (byAddress!.n >= s.perAddressPerDay) throw new AppError('too_many', 429, `来自同一网络地址的意见 24 小时内已达 ${s.perAddressPerDay} 条，请明天再提交，或通过书面方式提出。`);
        const [inserted] = await tx.insert(partOpinions).values({
          consultationId, method: 'online', code: newOpinionCode(), submitKey: keyOf,
          name, contact, contactKey, addressKey, article, quote, body, state: held.length ? 'held' : 'pending', heldWords: held, submittedAt: now,
        }).onConflictDoNothing({ target: partOpinions.code }).returning();
        return inserted;
      });
      if (row) return { code: row.code, state: row.state };
    } catch (e) {
      const err = e as { code?: string; cause?: { code?: string } };
      if ((err.code ?? err.cause?.code) === '23505') {
        // The same form sent twice at the same moment from different contacts' locks: the first stands.
        const first = await firstOf(pctx.db);
        if (first) return { code: first.code, state: first.state };
      }
      throw e;
    }
  }
  throw new Error('could not draw a unique opinion code');
}

export type OpinionStatus = { code: string; consultationId: number; consultationTitle: string; state: OpinionRow['state']; submittedAt: Date; rejectReason: string | null; rejectText: string; disposition: Disposition | null; reason: string; reportPublished: boolean };

/** What the citizen sees under the query code: the state, why it was not published, and the decision once the report is out. */
export async function opinionStatus(db: Db, rawCode: string): Promise<OpinionStatus> {
  const code = rawCode.trim().toUpperCase().replace(/^YJ(?!-)/, 'YJ-');
  if (!/^YJ-[A-Z0-9]{12}$/.test(code)) throw invalid('查询码格式不正确，应为 YJ- 加 12 位字母数字，如 YJ-ABCD2345EFGH。');
  const [r] = await db.select({ o: partOpinions, title: partConsultations.title, report: partReports.state, g: partGroups })
    .from(partOpinions).innerJoin(partConsultations, eq(partConsultations.id, partOpinions.consultationId))
    .leftJoin(partReports, eq(partReports.consultationId, partOpinions.consultationId)).leftJoin(partGroups, eq(partGroups.id, partOpinions.groupId))
    .where(eq(partOpinions.code, code));
  if (!r) throw new AppError('not_found', 404, '没有找到这个查询码对应的意见，请核对后重新输入。');
  const published = r.report === 'published';
  const d = r.g ? { disposition: r.g.disposition, reason: r.g.reason } : { disposition: r.o.disposition, reason: r.o.reason };
  return {
    code, consultationId: r.o.consultationId, consultationTitle: r.title, state: r.o.state, submittedAt: r.o.submittedAt,
    rejectReason: r.o.rejectReason ? (REJECT_REASONS[r.o.rejectReason as RejectReason] ?? r.o.rejectReason) : null, rejectText: r.o.rejectText,
    disposition: published ? d.disposition : null, reason: published ? d.reason : '', reportPublished: published,
  };
}

/** Loads an opinion with its consultation, for a person who runs the consultation. */
async function opinionForRunning(tx: Exec, ctx: Ctx, opinionId: number) {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const [o] = await tx.select().from(partOpinions).where(eq(partOpinions.id, opinionId)).for('update');
  if (!o) throw notFound('意见');
  const c = await forRunning(tx, actor, o.consultationId);
  return { actor, o, c };
}

/** Approve (public) or reject (not public, with a reason from the list and the moderator's words). */
export async function moderate(ctx: Ctx, opinionId: number, input: { action: string; reason?: string; text?: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, o } = await opinionForRunning(tx, ctx, opinionId);
    if (o.method !== 'online') throw conflict('not_moderated', '只有网上提交的意见需要审核。');
    const text = (input.text ?? '').trim();
    if (input.action === 'approve') {
      await tx.update(partOpinions).set({ state: 'approved', rejectReason: null, rejectText: '', moderatedBy: actor.userId, moderatedAt: new Date() }).where(eq(partOpinions.id, opinionId));
    } else if (input.action === 'reject') {
      const reason = input.reason ?? '';
      if (!(reason in REJECT_REASONS)) throw invalid('请选择不予公开的理由。', { fields: { reason: '请选择不予公开的理由。' } });
      if (!text) throw invalid('请填写不予公开的具体说明，提交人可凭查询码看到。', { fields: { text: '请填写具体说明。' } });
      if (text.length > 1000) throw invalid('说明不超过 1000 个字。');
      await tx.update(partOpinions).set({ state: 'rejected', rejectReason: reason, rejectText: text, moderatedBy: actor.userId, moderatedAt: new Date(), groupId: null, disposition: null, reason: '' }).where(eq(partOpinions.id, opinionId));
    } else throw invalid('审核操作不正确。');
    await recordAudit(tx, auditActor(actor), { action: input.action === 'approve' ? 'participation.comment_approved' : 'participation.comment_rejected', targetType: 'part_opinion', targetId: opinionId, before: { state: o.state }, after: { reason: input.reason ?? null } });
  });
}

/**
 * An opinion that did not come through the online form (a letter, a visit, a meeting's record):
 * entered by staff into the same list, with its method and where it came from. No moderation:
 * it is the office's record, and it is decided like every other.
 */
export async function recordOpinion(ctx: Ctx, consultationId: number, input: { method: Method; source?: string; body: string; article?: number; name?: string }): Promise<number> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  if (!METHODS.includes(input.method) || input.method === 'online') throw invalid('请选择意见来源方式。');
  if (!input.body.trim() || input.body.length > 20000) throw invalid('意见内容不能为空，且不超过 20000 个字。');
  return ctx.db.transaction(async (tx) => {
    const c = await forRunning(tx, actor, consultationId, true);
    if (c.state === 'draft' || c.state === 'finished') throw conflict('not_open', '该征求意见当前不能录入意见。');
    const [row] = await tx.insert(partOpinions).values({ consultationId, method: input.method, source: (input.source ?? '').slice(0, 200), code: newOpinionCode(), name: (input.name ?? '').slice(0, MAX_NAME), body: input.body, article: input.article ?? 0, state: 'approved', moderatedBy: actor.userId, moderatedAt: new Date() }).returning({ id: partOpinions.id });
    await recordAudit(tx, auditActor(actor), { action: 'participation.opinion_recorded', targetType: 'part_opinion', targetId: row!.id, after: { consultationId, method: input.method } });
    return row!.id;
  });
}

/** Decisions are made after closing and before the report goes to review. */
async function requireDeciding(tx: Exec, c: { id: number; state: string }): Promise<void> {
  if (c.state !== 'closed') throw conflict('not_closed', c.state === 'finished' ? '该征求意见已办结。' : '征求意见截止后才能逐条处理意见。');
  const [r] = await tx.select({ state: partReports.state }).from(partReports).where(eq(partReports.consultationId, c.id));
  if (r) throw conflict('report_submitted', '意见采纳情况已提交审核或已发布，处理结果不能再修改；如需修改，请审核人退回。');
}

function parseDecision(input: { disposition?: string; reason?: string }): { disposition: Disposition; reason: string } {
  const disposition = input.disposition as Disposition;
  const reason = (input.reason ?? '').trim();
  if (!DISPOSITIONS.includes(disposition)) throw invalid('请选择处理结果。', { fields: { disposition: '请选择处理结果。' } });
  if (disposition !== 'adopted' && !reason) throw invalid('除“采纳”外，须填写理由。', { fields: { reason: '除“采纳”外，须填写理由。' } });
  if (reason.length > MAX_DECISION_REASON) throw invalid(`理由不超过 ${MAX_DECISION_REASON} 个字。`, { fields: { reason: `理由不超过 ${MAX_DECISION_REASON} 个字。` } });
  return { disposition, reason };
}

/** The decision on one opinion (not in a group). */
export async function decideOpinion(ctx: Ctx, opinionId: number, input: { disposition?: string; reason?: string }): Promise<void> {
  const d = parseDecision(input);
  await ctx.db.transaction(async (tx) => {
    const { actor, o, c } = await opinionForRunning(tx, ctx, opinionId);
    await requireDeciding(tx, c);
    if (o.state !== 'approved') throw conflict('not_approved', '请先审核该意见。不予公开的意见不列入采纳情况。');
    if (o.groupId) throw conflict('grouped', '该意见已归入一组，请对整组作出处理，或先移出该组。');
    await tx.update(partOpinions).set({ ...d, decidedBy: actor.userId, decidedAt: new Date() }).where(eq(partOpinions.id, opinionId));
    await recordAudit(tx, auditActor(actor), { action: 'participation.opinion_decided', targetType: 'part_opinion', targetId: opinionId, before: { disposition: o.disposition }, after: d });
  });
}

/** Puts opinions with the same point into a new group (their own decisions give way to the group's). */
export async function groupOpinions(ctx: Ctx, consultationId: number, opinionIds: number[], point: string): Promise<number> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const ids = [...new Set(opinionIds)];
  if (ids.length < 2) throw invalid('请至少勾选两条观点相同的意见归为一组。');
  const p = point.trim();
  if (!p) throw invalid('请概括这组意见的共同观点。', { fields: { point: '请概括这组意见的共同观点。' } });
  if (p.length > 1000) throw invalid('观点概括不超过 1000 个字。');
  return ctx.db.transaction(async (tx) => {
    const c = await forRunning(tx, actor, consultationId, true);
    await requireDeciding(tx, c);
    const rows = await tx.select().from(partOpinions).where(and(inArray(partOpinions.id, ids), eq(partOpinions.consultationId, consultationId)));
    if (rows.length !== ids.length || rows.some((r) => r.state !== 'approved')) throw invalid('只能将本次征求意见中已审核公开的意见归组。');
    if (rows.some((r) => r.groupId)) throw conflict('grouped', '所选意见中有的已在另一组，请先移出。');
    const [g] = await tx.insert(partGroups).values({ consultationId, point: p }).returning({ id: partGroups.id });
    await tx.update(partOpinions).set({ groupId: g!.id, disposition: null, reason: '' }).where(inArray(partOpinions.id, ids));
    await recordAudit(tx, auditActor(actor), { action: 'participation.grouped', targetType: 'part_consultation', targetId: consultationId, after: { groupId: g!.id, opinions: ids } });
    return g!.id;
  });
}

/** Takes an opinion out of its group; a group left with fewer than two is dissolved. */
export async function ungroupOpinion(ctx: Ctx, opinionId: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, o, c } = await opinionForRunning(tx, ctx, opinionId);
    await requireDeciding(tx, c);
    if (!o.groupId) return;
    await tx.update(partOpinions).set({ groupId: null }).where(eq(partOpinions.id, opinionId));
    const left = await tx.select({ id: partOpinions.id }).from(partOpinions).where(eq(partOpinions.groupId, o.groupId));
    if (left.length < 2) {
      await tx.update(partOpinions).set({ groupId: null }).where(eq(partOpinions.groupId, o.groupId));
      await tx.delete(partGroups).where(eq(partGroups.id, o.groupId));
    }
    await recordAudit(tx, auditActor(actor), { action: 'participation.ungrouped', targetType: 'part_opinion', targetId: opinionId, before: { groupId: o.groupId } });
  });
}

export async function decideGroup(ctx: Ctx, groupId: number, input: { disposition?: string; reason?: string }): Promise<void> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const d = parseDecision(input);
  await ctx.db.transaction(async (tx) => {
    const [g] = await tx.select().from(partGroups).where(eq(partGroups.id, groupId)).for('update');
    if (!g) throw notFound('意见组');
    const c = await forRunning(tx, actor, g.consultationId);
    await requireDeciding(tx, c);
    await tx.update(partGroups).set({ ...d, decidedBy: actor.userId, decidedAt: new Date() }).where(eq(partGroups.id, groupId));
    await recordAudit(tx, auditActor(actor), { action: 'participation.group_decided', targetType: 'part_group', targetId: groupId, before: { disposition: g.disposition }, after: d });
  });
}

/** The opinions of a consultation, in order, for staff (with name and contact) or for building the report. */
export const opinionsOf = (db: Exec, consultationId: number) => db.select().from(partOpinions).where(eq(partOpinions.consultationId, consultationId)).orderBy(asc(partOpinions.submittedAt), asc(partOpinions.id));
export const groupsOf = (db: Exec, consultationId: number) => db.select().from(partGroups).where(eq(partGroups.consultationId, consultationId)).orderBy(asc(partGroups.id));

/** What still stands between a closed consultation and its report: undecided and unmoderated opinions. */
export async function openWork(db: Exec, consultationId: number): Promise<{ unmoderated: number; undecided: number }> {
  const [u] = await db.select({ n: count() }).from(partOpinions).where(and(eq(partOpinions.consultationId, consultationId), inArray(partOpinions.state, ['pending', 'held'])));
  const [d] = await db.select({ n: count() }).from(partOpinions).leftJoin(partGroups, eq(partGroups.id, partOpinions.groupId))
    .where(and(eq(partOpinions.consultationId, consultationId), eq(partOpinions.state, 'approved'), sql`coalesce(${partGroups.disposition}, ${partOpinions.disposition}) is null`));
  return { unmoderated: u!.n, undecided: d!.n };
}

/** The approved opinions the public sees (no name, no contact). */
export async function publicOpinions(db: Exec, consultationId: number) {
  return db.select({ id: partOpinions.id, method: partOpinions.method, article: partOpinions.article, quote: partOpinions.quote, body: partOpinions.body, submittedAt: partOpinions.submittedAt })
    .from(partOpinions).where(and(eq(partOpinions.consultationId, consultationId), eq(partOpinions.state, 'approved'), eq(partOpinions.method, 'online'))).orderBy(asc(partOpinions.submittedAt), asc(partOpinions.id));
}

/** Opinion counts per consultation: every one received, whatever its moderation (as the feedback report counts them). */
export async function commentCounts(db: Exec, ids: number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: partOpinions.consultationId, n: count() }).from(partOpinions).where(inArray(partOpinions.consultationId, ids)).groupBy(partOpinions.consultationId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export const unmoderatedIn = (db: Exec, ids: number[]) =>
  ids.length ? db.select({ id: partOpinions.consultationId, n: count() }).from(partOpinions).where(and(inArray(partOpinions.consultationId, ids), inArray(partOpinions.state, ['pending', 'held']))).groupBy(partOpinions.consultationId) : Promise.resolve([]);

