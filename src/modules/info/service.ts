import { and, desc, eq, inArray, lte } from 'drizzle-orm';
import { hasRole, requireRole, type Actor } from '../../core/auth/actor.js';
import { recordInReach } from '../../core/org/scope.js';
import { recordAudit, type AuditActor } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, forbiddenAsNotFound, invalid } from '../../core/errors.js';
import type { Db, Exec } from '../../db/client.js';
import { INTERPRETATION_KIND, type Validity } from './metadata.js';
import { canEdit, canRead, canSetValidity, canTransition, TRANSITIONS, type EditionAction } from './policy.js';
import { documentEditions, editionsFrom, findEdition, interpretationsOf, nextIndexNumber, type Edition } from './repository.js';
import { infoDocuments, infoEditions, infoTransitions } from './schema.js';
import { parseDraft, type Draft, type DraftInput } from './validate.js';
import { getInfoSettings, type InfoSettings } from './settings.js';
import { copyAttachments, publishAttachments, unpublishAttachments } from './attachments.js';
import { indexDocument, unindexDocument } from './indexing.js';
import { isIsoDate } from '../../core/calendar/dates.js';
import { AppError } from '../../core/errors.js';
import { citedArticle, groundText, negEntry } from '../negative/citing.js';

const SYSTEM: AuditActor = { userId: null, name: '系统定时发布', agencyId: null };

/**
 * Whether an edition may not be published without an approved interpretation (三同步): regulatory
 * documents always, and the kinds the office configured (settings.ts).
 */
export const needsInterpretation = (e: Pick<Edition, 'regulatory' | 'kind'>, s: Pick<InfoSettings, 'interpretationKinds'>): boolean =>
  e.kind !== INTERPRETATION_KIND && (e.regulatory || s.interpretationKinds.includes(e.kind));

/** The 组配分类 must come from the office's list; a draft keeps a value the list has since dropped. */
async function checkAssembly(tx: Exec, assembly: string, current?: string): Promise<void> {
  if (assembly === current) return;
  if (!(await getInfoSettings(tx)).assemblies.includes(assembly)) throw invalid('请从列表中选择组配分类。', [{ field: 'assembly', message: '请从列表中选择组配分类。' }]);
}

const shanghaiYear = (d: Date) => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(d));

/**
 * 不予公开 cites a published entry of the agency's (or its government's) negative list and the
 * article: the ground text is the entry's. Other attributes carry no entry.
 */
async function disclosureFields(tx: Exec, actor: Actor, agencyId: number, d: Draft): Promise<Pick<Draft, 'disclosureGround'> & { negEntryId: number | null; negArticle: string }> {
  if (d.disclosure !== 'not_public') return { disclosureGround: d.disclosureGround, negEntryId: null, negArticle: '' };
  try {
    const entry = await negEntry(tx, actor, agencyId, d.negEntryId);
    const negArticle = citedArticle(entry, d.negArticle);
    return { disclosureGround: groundText(entry, negArticle), negEntryId: entry.id, negArticle };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'invalid_input') throw e;
    const f = (e.details as { fields?: Record<string, string> } | undefined)?.fields ?? {};
    throw invalid(e.message, Object.entries(f).map(([field, message]) => ({ field, message })));
  }
}

/** An editor starts a new document (or an interpretation of one of the agency's documents). */
export async function createDraft(ctx: Ctx, input: DraftInput & { interpretsId?: number | null }): Promise<{ documentId: number; editionId: number }> {
  const actor = requireRole(ctx.actor, 'editor');
  const d = parseDraft(input);
  return ctx.db.transaction(async (tx) => {
    let interpretsId: number | null = null;
    if (input.interpretsId != null) {
      const [policy] = await tx.select().from(infoDocuments).where(eq(infoDocuments.id, input.interpretsId));
      if (!policy || policy.agencyId !== actor.agencyId) throw forbiddenAsNotFound('被解读的文件');
      if (d.kind !== INTERPRETATION_KIND) throw invalid('解读材料的公文种类应为“政策解读”。', [{ field: 'kind', message: '解读材料的公文种类应为“政策解读”。' }]);
      interpretsId = policy.id;
    }
    await checkAssembly(tx, d.assembly);
    const [doc] = await tx.insert(infoDocuments).values({ agencyId: actor.agencyId, interpretsId }).returning();
    const { body: _b, ...rest } = d;
    const fields = { ...rest, ...(await disclosureFields(tx, actor, actor.agencyId, d)) };
    const [ed] = await tx.insert(infoEditions).values({ ...fields, documentId: doc!.id, editionNo: 1, state: 'draft', createdBy: actor.userId }).returning();
    await recordAudit(tx, auditActor(actor), { action: 'info.created', targetType: 'info_edition', targetId: ed!.id, after: { ...fields, bodyHtml: undefined, documentId: doc!.id, interpretsId } });
    return { documentId: doc!.id, editionId: ed!.id };
  });
}

export async function updateDraft(ctx: Ctx, editionId: number, input: DraftInput): Promise<void> {
  const actor = requireRole(ctx.actor, 'editor');
  const d = parseDraft(input);
  await ctx.db.transaction(async (tx) => {
    const e = await findEdition(tx, editionId, true);
    if (!canRead(actor, e)) throw forbiddenAsNotFound('信息');
    if (!canEdit(actor, e)) throw conflict('not_editable', '只有草稿可以修改；已提交的请先由审核人退回。');
    if (e.interpretsId != null && d.kind !== INTERPRETATION_KIND) throw invalid('解读材料的公文种类应为“政策解读”。', [{ field: 'kind', message: '解读材料的公文种类应为“政策解读”。' }]);
    if (e.editionNo > 1 && !d.minorChange && !d.changeNote) throw invalid('请填写修订说明（勾选“细微修改”可不填）。', [{ field: 'changeNote', message: '请填写修订说明（勾选“细微修改”可不填）。' }]);
    await checkAssembly(tx, d.assembly, e.assembly);
    const { body: _b, ...rest } = d;
    const fields = { ...rest, ...(await disclosureFields(tx, actor, e.agencyId, d)) };
    await tx.update(infoEditions).set(fields).where(eq(infoEditions.id, e.id));
    await recordAudit(tx, auditActor(actor), { action: 'info.updated', targetType: 'info_edition', targetId: e.id, before: { title: e.title, docNumber: e.docNumber }, after: { title: fields.title, docNumber: fields.docNumber } });
  });
}

type TransitionOpts = { comment?: string; secrecyConclusion?: string; publishAt?: Date; reason?: string; inError?: boolean };

/** Moves an edition along the state machine; publication rules (三同步, 索引号) apply here. */
export async function transition(ctx: Ctx, editionId: number, action: EditionAction, opts: TransitionOpts = {}): Promise<void> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office');
  const t = TRANSITIONS[action];
  if (!t) throw invalid('未知的操作。');
  const comment = (opts.comment ?? '').trim();
  if (comment.length > 2000) throw invalid('意见不能超过 2000 个字符。');
  await ctx.db.transaction(async (tx) => {
    const e = await findEdition(tx, editionId, true);
    if (!canRead(actor, e)) throw forbiddenAsNotFound('信息');
    if (!canTransition(actor, e, action)) throw conflict('invalid_transition', `当前状态下不能${t.label}。`);
    const set: Partial<typeof infoEditions.$inferInsert> = { state: t.to };
    if (action === 'return' && !comment) throw invalid('退回时请填写修改意见。');
    if (action === 'submit' && e.disclosure !== 'active' && !e.disclosureGround) throw invalid('依申请公开或不予公开须写明依据。');
    // The entry must still be on the published list (it may have been withdrawn since the draft was saved).
    if (action === 'submit' && e.disclosure === 'not_public') {
      if (e.negEntryId == null) throw invalid('不予公开须从负面清单中选择依据事项：请在编辑中选择后再提交。');
      await negEntry(tx, actor, e.agencyId, e.negEntryId).catch((err: unknown) => {
        throw err instanceof AppError && err.code === 'invalid_input' ? invalid('所引负面清单事项已撤回或不再适用，请在编辑中重新选择依据事项后再提交。') : err;
      });
    }
    if (action === 'approve') {
      const conclusion = (opts.secrecyConclusion ?? '').trim();
      if (!conclusion) throw invalid('审核通过前须完成保密审查并填写审查结论。');
      set.secrecyReviewer = `${actor.name}：${conclusion.slice(0, 200)}`;
      set.secrecyReviewedAt = new Date();
    }
    if (action === 'schedule' || action === 'publish') await checkPublishable(tx, e);
    if (action === 'schedule') {
      if (!opts.publishAt || Number.isNaN(opts.publishAt.getTime()) || opts.publishAt.getTime() <= Date.now()) throw invalid('定时发布时间须晚于当前时间。');
      set.publishAt = opts.publishAt;
    }
    if (action === 'unschedule') set.publishAt = null;
    if (action === 'withdraw') {
      const reason = (opts.reason ?? '').trim();
      if (!reason) throw invalid('撤回须说明理由。');
      Object.assign(set, { withdrawnAt: new Date(), withdrawnReason: reason.slice(0, 1000), withdrawnInError: !!opts.inError });
    }
    if (action === 'publish') {
      await publishInTx(tx, e, auditActor(actor));
    } else {
      await moveState(tx, e, t.to, set, auditActor(actor), action, comment);
      if (action === 'withdraw') await unindexDocument(tx, e.documentId);
      if (action === 'withdraw' && opts.inError) await unpublishAttachments(tx, e.id);
    }
  });
}

async function moveState(tx: Exec, e: Edition, to: Edition['state'], set: Partial<typeof infoEditions.$inferInsert>, who: AuditActor, action: string, comment = ''): Promise<void> {
  // The expected state in the WHERE makes a duplicate submit, a race or a second instance a detectable no-op.
  const moved = await tx.update(infoEditions).set({ ...set, state: to }).where(and(eq(infoEditions.id, e.id), eq(infoEditions.state, e.state))).returning({ id: infoEditions.id });
  if (moved.length !== 1) throw conflict('invalid_transition', '信息状态已变化，请刷新后重试。');
  await tx.insert(infoTransitions).values({ editionId: e.id, fromState: e.state, toState: to, actorId: who.userId, comment });
  await recordAudit(tx, who, { action: `info.${action}`, targetType: 'info_edition', targetId: e.id, before: { state: e.state }, after: { state: to, ...(comment ? { comment } : {}) } });
}

/** 三同步 and the disclosure attribute: what must hold before an edition may go public. */
async function checkPublishable(tx: Exec, e: Edition): Promise<void> {
  if (e.disclosure !== 'active') throw conflict('not_for_publication', '该信息的公开属性不是“主动公开”，不能主动发布。');
  if (!e.secrecyReviewedAt) throw conflict('secrecy_review_missing', '发布前须完成保密审查。');
  if (e.interpretsId != null) {
    // An interpretation goes out with its policy; on its own only once the policy is public.
    const policy = (await documentEditions(tx, e.interpretsId)).find((x) => x.state === 'published');
    if (!policy) throw conflict('publish_with_policy', '解读材料将随被解读的文件一同发布，请发布该文件。');
  }
  if (needsInterpretation(e, await getInfoSettings(tx))) {
    const ready = (await interpretationsOf(tx, e.documentId)).some((i) => ['approved', 'scheduled', 'published'].includes(i.state));
    if (!ready) throw conflict('interpretation_required', `${e.regulatory ? '行政规范性文件' : `“${e.kind}”类文件`}须与政策解读同步发布：请先添加解读材料并审核通过。`);
  }
}

/** Publishes an edition (and its approved interpretations, which go out together). */
async function publishInTx(tx: Exec, e: Edition, who: AuditActor): Promise<void> {
  const now = new Date();
  if (!e.indexNumber) {
    const indexNumber = await nextIndexNumber(tx, e.agencyId, shanghaiYear(now));
    await tx.update(infoDocuments).set({ indexNumber }).where(eq(infoDocuments.id, e.documentId));
  }
  await tx.update(infoEditions).set({ state: 'superseded' }).where(and(eq(infoEditions.documentId, e.documentId), eq(infoEditions.state, 'published')));
  await moveState(tx, e, 'published', { publishedAt: now, publishAt: null }, who, 'publish');
  await publishAttachments(tx, e.id);
  await indexDocument(tx, e.id);
  if (e.interpretsId == null) {
    for (const i of await interpretationsOf(tx, e.documentId)) {
      if (i.state === 'approved' || i.state === 'scheduled') await publishInTx(tx, i, who);
    }
  }
}

/**
 * Publishes every scheduled edition that is due. Rows are claimed with SKIP LOCKED and moved with
 * a state check, so any number of app instances can run this at once and each edition is
 * published exactly once. Returns the ids published by this call.
 */
export async function publishDue(db: Db, now = new Date()): Promise<number[]> {
  const done: number[] = [];
  for (;;) {
    const id = await db.transaction(async (tx) => {
      const [due] = await tx
        .select({ id: infoEditions.id })
        .from(infoEditions)
        .where(and(eq(infoEditions.state, 'scheduled'), lte(infoEditions.publishAt, now)))
        .orderBy(infoEditions.publishAt)
        .limit(1)
        .for('update', { skipLocked: true });
      if (!due) return null;
      const e = await findEdition(tx, due.id);
      try {
        await checkPublishable(tx, e);
      } catch (err) {
        // Still not publishable (e.g. its interpretation was withdrawn): back to approved, with the reason.
        await moveState(tx, e, 'approved', { publishAt: null }, SYSTEM, 'schedule_failed', (err as Error).message);
        return e.id;
      }
      await publishInTx(tx, e, SYSTEM);
      done.push(e.id);
      return e.id;
    });
    if (id == null) return done;
  }
}

/** Starts a new edition of a published document: one draft at a time. */
export async function newEdition(ctx: Ctx, documentId: number): Promise<number> {
  const actor = requireRole(ctx.actor, 'editor');
  return ctx.db.transaction(async (tx) => {
    const editions = await documentEditions(tx, documentId);
    const current = editions.find((x) => x.state === 'published');
    if (!editions[0] || editions[0].agencyId !== actor.agencyId) throw forbiddenAsNotFound('信息');
    if (editions.some((x) => ['draft', 'in_review', 'approved', 'scheduled'].includes(x.state))) throw conflict('edition_open', '该信息已有正在修订的版本。');
    if (!current) throw conflict('not_published', '只有已发布的信息可以发起新版本。');
    const { id: _i, state: _s, editionNo: _n, createdAt: _c, publishedAt: _p, agencyId: _a, indexNumber: _x, interpretsId: _t, agencyPath: _ap, agencyGovId: _ag, secrecyReviewer: _r, secrecyReviewedAt: _ra, ...copy } = current;
    const [ed] = await tx.insert(infoEditions).values({ ...copy, editionNo: editions[0].editionNo + 1, state: 'draft', changeNote: '', minorChange: false, createdBy: actor.userId, publishAt: null }).returning();
    await copyAttachments(tx, current.id, ed!.id);
    await recordAudit(tx, auditActor(actor), { action: 'info.new_edition', targetType: 'info_edition', targetId: ed!.id, after: { documentId, editionNo: ed!.editionNo } });
    return ed!.id;
  });
}

/**
 * Marks a published document 失效/废止/已修订 on its public page (with the date and, for an
 * amendment or replacement, the new document), as the cleanup of regulatory documents requires.
 */
export async function setValidity(ctx: Ctx, documentId: number, input: { validity: Validity; date: string; replacedById: number | null }): Promise<void> {
  const actor: Actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office');
  if (!['valid', 'expired', 'abolished', 'amended'].includes(input.validity)) throw invalid('有效性取值不正确。');
  if (input.validity !== 'valid' && !isIsoDate(input.date)) throw invalid('请填写有效的失效（废止、修订）日期，格式如 2026-03-01。');
  await ctx.db.transaction(async (tx) => {
    const current = (await documentEditions(tx, documentId)).find((x) => x.state === 'published');
    if (!current || !canSetValidity(actor, current)) throw forbiddenAsNotFound('信息');
    if (input.replacedById != null) {
      const target = (await documentEditions(tx, input.replacedById)).find((x) => x.state === 'published');
      if (!target || input.replacedById === documentId) throw invalid('替代文件须是另一份已发布的文件。');
    }
    const after = { validity: input.validity, validityDate: input.validity === 'valid' ? null : input.date, replacedById: input.replacedById };
    await tx.update(infoEditions).set(after).where(eq(infoEditions.id, current.id));
    await indexDocument(tx, current.id);
    await recordAudit(tx, auditActor(actor), { action: 'info.validity', targetType: 'info_document', targetId: documentId, before: { validity: current.validity, validityDate: current.validityDate, replacedById: current.replacedById }, after });
  });
}


/** An edition a staff member may look at (their agency's, or any submitted one for the office). */
export async function readableEdition(ctx: Ctx, editionId: number): Promise<Edition> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office');
  const e = await findEdition(ctx.db, editionId);
  if (!canRead(actor, e)) throw forbiddenAsNotFound('信息');
  return e;
}

/** A staff list's row: the edition, and the name of the agency that publishes it. */
export type StaffEdition = Edition & { agencyName: string };

/**
 * The newest edition of each document this staff member can see, newest first: their own
 * agency's, and for the office everything submitted within its reach (filtered in the query).
 * `states` keeps only editions in those states (the worklist's waiting ones, read from their own
 * small index instead of walking a city's every edition newest first).
 */
export async function staffEditionList(ctx: Ctx, limit = 200, states?: readonly Edition['state'][]): Promise<StaffEdition[]> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office');
  const own = eq(infoDocuments.agencyId, actor.agencyId);
  const rows = await editionsFrom(ctx.db)
    .where(and(hasRole(actor, 'office') ? recordInReach(infoEditions.govId, infoDocuments.agencyId, actor) : own, states ? inArray(infoEditions.state, [...states]) : undefined))
    .orderBy(desc(infoEditions.id))
    .limit(limit * 3);
  const seen = new Set<number>();
  const out: StaffEdition[] = [];
  for (const { e: row, ...r } of rows) {
    if (seen.has(row.documentId)) continue;
    seen.add(row.documentId);
    const e = { ...row, ...r };
    if (canRead(actor, e)) out.push(e);
  }
  return out.slice(0, limit);
}
