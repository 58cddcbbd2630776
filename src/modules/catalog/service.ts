import { and, desc, eq, inArray, max, or, sql, type SQL } from 'drizzle-orm';
import { hasRole, requireRole, supervisedDomains } from '../../core/auth/actor.js';
import { agencyInReach } from '../../core/org/scope.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, forbiddenAsNotFound, invalid, notFound } from '../../core/errors.js';
import type { Exec } from '../../db/client.js';
import { canEdit, canRead, canTransition, TRANSITIONS, type CatalogAction } from './policy.js';
import {
  domainTemplates,
  findCatalog,
  findVersion,
  flatVersion,
  supervisorGovSql,
  versionsFrom,
  itemRows,
  toInput,
  versionItems,
  type Item,
  type Version,
} from './repository.js';
import { catalogExclusions, catalogItems, catalogs, catalogTransitions, catalogVersions, domains } from './schema.js';
import type { CatalogItemInput, StandardChannel } from './types.js';
import { parseDomain, parseItem, refuse, type Problem } from './validate.js';
import { CUT_REASON, templateAsItem, templateProblem } from './template-item.js';
import { publishedItems } from './queries.js';
import { indexEntry, removeEntries } from '../../core/search/index.js';
import { catalogItemEntry } from './search.js';

export type CompileInput = {
  domainId: number;
  /** Templates adopted; every other template of the domain must be excluded with a reason. */
  templateIds: number[];
  exclusions: { templateId: number; reason: string }[];
  /** Localised 公开主体 that replaces the template's generic subject, when given. */
  subject?: string;
  /** Channels the agency adds to every adopted item (localising 公开渠道和载体). */
  addChannels?: StandardChannel[];
  addOtherChannels?: string[];
};

async function readableVersion(ctx: Ctx, versionId: number): Promise<Version> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'supervisor', 'office');
  const v = await findVersion(ctx.db, versionId);
  if (!canRead(actor, v)) throw forbiddenAsNotFound('目录');
  return v;
}

async function editableVersion(ctx: Ctx, tx: Exec, versionId: number): Promise<Version> {
  const actor = requireRole(ctx.actor, 'editor');
  const v = await findVersion(tx, versionId);
  if (!canRead(actor, v)) throw forbiddenAsNotFound('目录');
  if (!canEdit(actor, v)) throw conflict('not_editable', '该目录当前状态不能修改（只有草稿或已退回的目录可以修改）。');
  return v;
}

/**
 * An agency compiles its catalog for a domain from the guide templates: a new draft. A domain
 * without templates starts as an empty draft that the agency fills by hand or by import.
 */
export async function compileCatalog(ctx: Ctx, input: CompileInput): Promise<number> {
  const actor = requireRole(ctx.actor, 'editor');
  if (!(await ctx.db.select({ id: domains.id }).from(domains).where(eq(domains.id, input.domainId))).length) throw notFound('领域');
  const templates = await domainTemplates(ctx.db, input.domainId);
  const adopted = new Set(input.templateIds);
  const subject = input.subject?.trim();
  const reasons = new Map(input.exclusions.map((e) => [e.templateId, e.reason.trim()]));
  // A row cut off in its source (or missing an element) cannot be adopted; left out, it records why by itself.
  const problems = new Map(templates.map((t) => [t.id, templateProblem(t, subject)]));
  const blocked = templates.filter((t) => adopted.has(t.id) && problems.get(t.id));
  if (blocked.length) throw invalid(`以下模板事项不能直接采用，请取消采用后在草稿中作为本级事项补全：${blocked.map((t) => `${t.level1}/${t.level2 || '（无二级事项）'}（${problems.get(t.id)}）`).join('；')}`);
  for (const t of templates) if (!adopted.has(t.id) && !reasons.get(t.id) && problems.get(t.id)) reasons.set(t.id, t.cut ? CUT_REASON : `模板事项不能直接采用：${problems.get(t.id)}`);
  // Every row's problem at once, each named by the reason box it belongs to.
  const refused: Problem[] = [];
  if (subject && subject.length > 500) refused.push({ field: 'subject', message: '公开主体不能超过 500 个字符。' });
  for (const t of templates) {
    if (adopted.has(t.id)) continue;
    const reason = reasons.get(t.id) ?? '';
    if (!reason) refused.push({ field: `reason_${t.id}`, message: `未采用「${t.level1}/${t.level2}」，请说明不适用理由。` });
    else if (reason.length > 500) refused.push({ field: `reason_${t.id}`, message: `「${t.level1}/${t.level2}」的不适用理由不能超过 500 个字符。` });
  }
  refuse(refused);

  const items = templates
    .filter((t) => adopted.has(t.id))
    .map((t) => {
      const base = templateAsItem(t);
      const channels = [...new Set([...base.channels, ...(input.addChannels ?? [])])];
      const otherChannels = [...new Set([...base.otherChannels, ...(input.addOtherChannels ?? []).map((c) => c.trim()).filter(Boolean)])];
      return { ...parseItem({ ...base, subject: subject || base.subject, channels, otherChannels }), origin: 'template' as const, templateId: t.id };
    });

  return ctx.db.transaction(async (tx) => {
    if (await findCatalog(tx, actor.agencyId, input.domainId)) throw conflict('catalog_exists', '本机构该领域的目录已存在，请在原目录上修改或发起新版本。');
    const [catalog] = await tx.insert(catalogs).values({ agencyId: actor.agencyId, domainId: input.domainId }).returning();
    const [version] = await tx.insert(catalogVersions).values({ catalogId: catalog!.id, versionNo: 1, state: 'draft', createdBy: actor.userId }).returning();
    const vid = version!.id;
    if (items.length) await tx.insert(catalogItems).values(itemRows(vid, items));
    const excluded = templates.filter((t) => !adopted.has(t.id)).map((t) => ({ versionId: vid, templateId: t.id, reason: reasons.get(t.id)! }));
    if (excluded.length) await tx.insert(catalogExclusions).values(excluded);
    await recordAudit(tx, auditActor(actor), {
      action: 'catalog.compiled',
      targetType: 'catalog_version',
      targetId: vid,
      after: { domainId: input.domainId, adopted: [...adopted], excluded },
    });
    return vid;
  });
}

/** Adds an item of the agency's own (local, power list or public-service list) to a draft. */
export async function addItem(ctx: Ctx, versionId: number, input: unknown, origin: 'local' | 'power_list' | 'service_list' = 'local'): Promise<number> {
  const item = parseItem(input);
  return ctx.db.transaction(async (tx) => {
    const v = await editableVersion(ctx, tx, versionId);
    const items = await versionItems(tx, v.id);
    const last = items.at(-1);
    const [row] = await tx.insert(catalogItems).values(itemRows(v.id, [{ ...item, origin }], (last?.seq ?? 0) + 1, last?.timeRule ?? null)).returning();
    await recordAudit(tx, auditActor(ctx.actor), { action: 'catalog.item_added', targetType: 'catalog_item', targetId: row!.id, after: row });
    return row!.id;
  });
}

async function editableItem(ctx: Ctx, tx: Exec, itemId: number): Promise<{ item: Item; version: Version }> {
  requireRole(ctx.actor, 'editor');
  const [item] = await tx.select().from(catalogItems).where(eq(catalogItems.id, itemId));
  if (!item) throw notFound('事项');
  return { item, version: await editableVersion(ctx, tx, item.versionId) };
}

export async function updateItem(ctx: Ctx, itemId: number, input: unknown): Promise<void> {
  const data = parseItem(input);
  await ctx.db.transaction(async (tx) => {
    const { item: before, version } = await editableItem(ctx, tx, itemId);
    const items = await versionItems(tx, version.id);
    const prev = items.filter((i) => i.seq < before.seq).at(-1);
    const [row] = itemRows(version.id, [{ ...data, origin: before.origin, templateId: before.templateId }], before.seq, prev?.timeRule ?? null);
    const [after] = await tx.update(catalogItems).set(row!).where(eq(catalogItems.id, itemId)).returning();
    await recordAudit(tx, auditActor(ctx.actor), { action: 'catalog.item_updated', targetType: 'catalog_item', targetId: itemId, before, after });
  });
}

export async function removeItem(ctx: Ctx, itemId: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { item } = await editableItem(ctx, tx, itemId);
    await tx.delete(catalogItems).where(eq(catalogItems.id, itemId));
    await recordAudit(tx, auditActor(ctx.actor), { action: 'catalog.item_removed', targetType: 'catalog_item', targetId: itemId, before: item });
  });
}

/** Replaces every item of a draft with an imported catalog (all or nothing). */
export async function replaceItems(ctx: Ctx, versionId: number, input: CatalogItemInput[]): Promise<void> {
  if (input.length === 0) throw invalid('导入的目录没有任何事项。');
  const items = input.map((i) => ({ ...parseItem(i), origin: 'import' as const }));
  await ctx.db.transaction(async (tx) => {
    const v = await editableVersion(ctx, tx, versionId);
    const before = await versionItems(tx, v.id);
    await tx.delete(catalogItems).where(eq(catalogItems.versionId, v.id));
    await tx.insert(catalogItems).values(itemRows(v.id, items));
    await recordAudit(tx, auditActor(ctx.actor), { action: 'catalog.imported', targetType: 'catalog_version', targetId: v.id, before: { count: before.length }, after: { count: items.length } });
  });
}

/** Moves a version along the state machine; a reviewer returning it must say why. */
export async function transition(ctx: Ctx, versionId: number, action: CatalogAction, comment = ''): Promise<void> {
  const actor = requireRole(ctx.actor, 'editor', 'supervisor', 'office');
  const t = TRANSITIONS[action];
  if (!t) throw invalid('未知的操作。');
  const note = comment.trim();
  if (note.length > 2000) throw invalid('意见不能超过 2000 个字符。');
  if (action === 'return' && !note) throw invalid('退回时请填写修改意见。');
  await ctx.db.transaction(async (tx) => {
    const v = await findVersion(tx, versionId);
    if (!canRead(actor, v)) throw forbiddenAsNotFound('目录');
    if (!canTransition(actor, v, action)) throw conflict('invalid_transition', `当前状态下不能${t.label}。`);
    if (action === 'submit' && (await versionItems(tx, v.id)).length === 0) throw invalid('目录没有任何事项，不能提交。');
    if (action === 'publish') {
      const old = await tx.update(catalogVersions).set({ state: 'superseded' }).where(and(eq(catalogVersions.catalogId, v.catalogId), eq(catalogVersions.state, 'published'))).returning({ id: catalogVersions.id });
      for (const o of old) await removeEntries(tx, 'catalog_item', (await versionItems(tx, o.id)).map((i) => i.id));
    }
    // The state in the WHERE makes a duplicate submit or a race a no-op that we can detect.
    const moved = await tx
      .update(catalogVersions)
      .set({ state: t.to, ...(action === 'publish' ? { publishedAt: new Date() } : {}) })
      .where(and(eq(catalogVersions.id, v.id), eq(catalogVersions.state, v.state)))
      .returning({ id: catalogVersions.id });
    if (moved.length !== 1) throw conflict('invalid_transition', '目录状态已变化，请刷新后重试。');
    // The search index holds published items only, and changes in the same transaction.
    if (action === 'publish') await indexEntry(tx, (await publishedItems(tx, { agencyId: v.agencyId, domainId: v.domainId, limit: 100_000 })).map(catalogItemEntry));
    await tx.insert(catalogTransitions).values({ versionId: v.id, fromState: v.state, toState: t.to, actorId: actor.userId, actorAgencyId: actor.agencyId, comment: note });
    await recordAudit(tx, auditActor(actor), { action: `catalog.${action}`, targetType: 'catalog_version', targetId: v.id, before: { state: v.state }, after: { state: t.to, comment: note } });
  });
}

/** A published catalog changes only through a new version: a draft copy of the current one. */
export async function startNewVersion(ctx: Ctx, catalogId: number, changeNote: string): Promise<number> {
  const actor = requireRole(ctx.actor, 'editor');
  const note = changeNote.trim();
  if (!note) throw invalid('请说明本次修订的原因。');
  if (note.length > 2000) throw invalid('修订说明不能超过 2000 个字符。');
  return ctx.db.transaction(async (tx) => {
    const [catalog] = await tx.select().from(catalogs).where(eq(catalogs.id, catalogId));
    if (!catalog || catalog.agencyId !== actor.agencyId) throw forbiddenAsNotFound('目录');
    const versions = await tx.select().from(catalogVersions).where(eq(catalogVersions.catalogId, catalogId)).orderBy(desc(catalogVersions.versionNo));
    if (versions.some((v) => ['draft', 'submitted', 'returned', 'approved'].includes(v.state))) throw conflict('version_open', '该目录已有正在修订的版本。');
    const current = versions.find((v) => v.state === 'published');
    if (!current) throw conflict('not_published', '目录尚未发布，请直接修改草稿。');
    const [{ n } = { n: 0 }] = await tx.select({ n: max(catalogVersions.versionNo) }).from(catalogVersions).where(eq(catalogVersions.catalogId, catalogId));
    const [version] = await tx.insert(catalogVersions).values({ catalogId, versionNo: (n ?? 0) + 1, state: 'draft', changeNote: note, createdBy: actor.userId }).returning();
    const vid = version!.id;
    const items = await versionItems(tx, current.id);
    if (items.length) {
      await tx.insert(catalogItems).values(items.map(({ id: _id, versionId: _v, ...rest }) => ({ ...rest, versionId: vid })));
    }
    const excl = await tx.select().from(catalogExclusions).where(eq(catalogExclusions.versionId, current.id));
    if (excl.length) await tx.insert(catalogExclusions).values(excl.map((e) => ({ versionId: vid, templateId: e.templateId, reason: e.reason })));
    await recordAudit(tx, auditActor(actor), { action: 'catalog.new_version', targetType: 'catalog_version', targetId: vid, after: { catalogId, versionNo: version!.versionNo, changeNote: note } });
    return vid;
  });
}

export { readableVersion };

/**
 * The versions this person may see, newest first: their agency's own; for the office everything
 * submitted within its reach; for a supervising department the catalogs of its domains it
 * supervises, across every county it supervises (one review queue). Filtered in the query, then
 * by the same policy the actions use.
 */
export async function staffCatalogList(ctx: Ctx) {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'supervisor', 'office');
  const mine: SQL[] = [eq(catalogs.agencyId, actor.agencyId)];
  if (hasRole(actor, 'office')) mine.push(agencyInReach(catalogs.agencyId, actor));
  const supervised = supervisedDomains(actor);
  if (supervised.length) mine.push(and(inArray(catalogs.domainId, supervised), sql`${supervisorGovSql} = ${actor.placement.govId}`)!);
  const rows = await versionsFrom(ctx.db)
    .where(and(inArray(catalogVersions.state, ['draft', 'submitted', 'returned', 'approved', 'published']), or(...mine)))
    .orderBy(desc(catalogVersions.id));
  return rows.map(flatVersion).filter((v) => canRead(actor, v));
}

/** Adds an "other domain" (其他领域) beyond the 26 pilot domains: office or administrator. */
export async function createDomain(ctx: Ctx, input: { name: string; code: string; responsibleAgencyId: number | null }): Promise<number> {
  const actor = requireRole(ctx.actor, 'office', 'admin');
  const { name, code } = parseDomain(input);
  return ctx.db.transaction(async (tx) => {
    const clash = await tx.select({ id: domains.id }).from(domains).where(or(eq(domains.name, name), eq(domains.code, code)));
    if (clash.length) throw conflict('duplicate', '同名或同代码的领域已存在。');
    const [{ n } = { n: 0 }] = await tx.select({ n: max(domains.sort) }).from(domains);
    const [row] = await tx.insert(domains).values({ name, code, pilot: false, sort: (n ?? 0) + 1, responsibleAgencyId: input.responsibleAgencyId }).returning();
    await recordAudit(tx, auditActor(actor), { action: 'domain.created', targetType: 'domain', targetId: row!.id, after: row });
    return row!.id;
  });
}
