import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { hasRole, requireRole, type Actor } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { AppError, conflict, forbidden, forbiddenAsNotFound, notFound } from '../../core/errors.js';
import type { Exec } from '../../db/client.js';
import { formatDate } from '../../web/components.js';
import { getAgency, listAgencies } from '../org/service.js';
import { DOMAIN_ALIASES } from './data/domains.js';
import { diffCounts, diffItems, keyByTitle, type ItemDiff } from './diff.js';
import { checkProvenance, importCatalogCsv, importCatalogXlsx, type ImportResult } from './io/index.js';
import { canEdit, canManageTemplate, canRead } from './policy.js';
import { listDomains } from './queries.js';
import { domainTemplates, findVersion, itemRows, toInput, versionItems, type Domain, type Version } from './repository.js';
import { catalogImports, catalogItems, catalogTemplates, domains } from './schema.js';
import type { CatalogItemInput } from './types.js';
import { parseItem } from './validate.js';

/**
 * Imports in two steps: an upload is read, checked (every cell, and whether the file is for this
 * domain and agency) and kept as a pending import; its preview shows what it would add, change
 * and remove; only the uploader's confirmation applies it. Into an agency's draft (its editor) or
 * into a domain's template (the domain's supervising department, XLSX only).
 */
export type Upload = { filename: string; bytes: Buffer };
export type PendingImport = typeof catalogImports.$inferSelect;
export type ImportPreview = { imp: PendingImport; domain: Domain; agencyName: string | null; diff: ItemDiff[]; counts: ReturnType<typeof diffCounts>; stale: boolean };

/** Largest catalogue file accepted: a county guide is a few hundred kilobytes. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const hashItems = (items: CatalogItemInput[]) => createHash('sha256').update(JSON.stringify(items)).digest('hex');

const cleanName = (name: string) => [...name.replace(/[\u0000-\u001f\u007f]/g, '').trim()].slice(0, 200).join('') || '（未命名文件）';

/** Refuses a file with errors as a whole, listing them (the route shows row and column). */
function itemsOf(result: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!result.ok) throw new AppError('import_invalid', 400, '导入失败：文件中有错误，未导入任何内容。', result.errors);
  const errors: string[] = [];
  result.items.forEach((it, i) => {
    try {
      parseItem(it);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      errors.push(`第 ${i + 1} 条事项（${it.level1}/${it.level2}）：${e.message}`);
    }
  });
  if (errors.length) throw new AppError('import_invalid', 400, '导入失败：文件中有错误，未导入任何内容。', errors.slice(0, 50).map((message) => ({ message })));
  return { ...result, items: result.items.map(parseItem) };
}

async function knownNames(db: Exec) {
  const [ds, as] = await Promise.all([listDomains(db as never), listAgencies(db as never)]);
  return { domains: ds.map((d) => ({ id: d.id, name: d.name, aliases: DOMAIN_ALIASES[d.name] ?? [] })), agencies: as.map((a) => ({ id: a.id, name: a.name, parentId: a.parentId })) };
}

const isXlsx = (u: Upload) => /\.xlsx$/i.test(u.filename) || u.bytes.subarray(0, 2).toString('latin1') === 'PK';

async function editableVersion(actor: Actor, db: Exec, versionId: number): Promise<Version> {
  const v = await findVersion(db, versionId);
  if (!canRead(actor, v)) throw forbiddenAsNotFound('目录');
  if (!canEdit(actor, v)) throw conflict('not_editable', '该目录当前状态不能修改（只有草稿或已退回的目录可以导入）。');
  return v;
}

function templateOwner(actor: Actor, domainId: number): void {
  if (!canManageTemplate(actor, domainId)) throw forbidden('只有本领域的指导单位可以导入领域标准模板。');
}

async function store(ctx: Ctx, actor: Actor, row: Omit<typeof catalogImports.$inferInsert, 'createdBy'>): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    // A newer upload replaces the uploader's earlier pending one for the same target.
    const same = row.kind === 'catalog' ? eq(catalogImports.versionId, row.versionId!) : eq(catalogImports.domainId, row.domainId);
    await tx.update(catalogImports).set({ state: 'discarded' }).where(and(eq(catalogImports.kind, row.kind), same, eq(catalogImports.createdBy, actor.userId), eq(catalogImports.state, 'pending')));
    const [imp] = await tx.insert(catalogImports).values({ ...row, createdBy: actor.userId }).returning({ id: catalogImports.id });
    await recordAudit(tx, auditActor(actor), {
      action: 'catalog.import_previewed',
      targetType: 'catalog_import',
      targetId: imp!.id,
      after: { kind: row.kind, filename: row.filename, versionId: row.versionId ?? null, domainId: row.domainId, count: row.items.length, provenance: row.provenance },
    });
    return imp!.id;
  });
}

/** Reads and checks a file for an agency's draft; nothing changes in the draft until confirmImport. */
export async function previewCatalogImport(ctx: Ctx, versionId: number, upload: Upload): Promise<number> {
  const actor = requireRole(ctx.actor, 'editor');
  const v = await editableVersion(actor, ctx.db, versionId);
  const filename = cleanName(upload.filename);
  const result = itemsOf(isXlsx(upload) ? await importCatalogXlsx(upload.bytes) : importCatalogCsv(upload.bytes));
  const prov = checkProvenance(result.hints, { domainId: v.domainId, agencyId: v.agencyId, filename }, await knownNames(ctx.db));
  if (!prov.ok) throw new AppError('import_mismatch', 400, prov.message);
  const current = (await versionItems(ctx.db, v.id)).map(toInput);
  return store(ctx, actor, { kind: 'catalog', domainId: v.domainId, versionId: v.id, filename, items: result.items, provenance: prov.lines, warnings: result.warnings, baseHash: hashItems(current) });
}

/** Reads and checks the full guide spreadsheet (XLSX) for a domain's template. */
export async function previewTemplateImport(ctx: Ctx, domainId: number, upload: Upload): Promise<number> {
  const actor = requireRole(ctx.actor, 'supervisor');
  templateOwner(actor, domainId);
  const filename = cleanName(upload.filename);
  const result = itemsOf(await importCatalogXlsx(upload.bytes));
  const prov = checkProvenance(result.hints, { domainId, agencyId: null, filename }, await knownNames(ctx.db));
  if (!prov.ok) throw new AppError('import_mismatch', 400, prov.message);
  const current = (await domainTemplates(ctx.db, domainId)).map(toInput);
  return store(ctx, actor, { kind: 'template', domainId, versionId: null, filename, items: result.items, provenance: prov.lines, warnings: result.warnings, baseHash: hashItems(current) });
}

/** A pending import is its uploader's alone; anyone else (or a finished one) is "not found". */
async function ownImport(ctx: Ctx, db: Exec, id: number, kind: PendingImport['kind']): Promise<{ actor: Actor; imp: PendingImport }> {
  const actor = requireRole(ctx.actor, kind === 'catalog' ? 'editor' : 'supervisor');
  const [imp] = await db.select().from(catalogImports).where(and(eq(catalogImports.id, id), eq(catalogImports.kind, kind)));
  if (!imp) throw notFound('导入预览');
  // Someone without the right to import here is refused as such (403); a colleague who may is not shown another's upload.
  if (kind === 'template') templateOwner(actor, imp.domainId);
  else await editableVersion(actor, db, imp.versionId!);
  if (imp.createdBy !== actor.userId || imp.state !== 'pending') throw notFound('导入预览');
  return { actor, imp };
}

const currentRows = async (db: Exec, imp: PendingImport) => (imp.kind === 'catalog' ? await versionItems(db, imp.versionId!) : await domainTemplates(db, imp.domainId));

export async function importPreview(ctx: Ctx, id: number, kind: PendingImport['kind']): Promise<ImportPreview> {
  const { imp } = await ownImport(ctx, ctx.db, id, kind);
  const before = (await currentRows(ctx.db, imp)).map(toInput);
  const diff = diffItems(keyByTitle(before), keyByTitle(imp.items));
  const domain = (await listDomains(ctx.db)).find((d) => d.id === imp.domainId)!;
  const agencyName = imp.versionId ? (await getAgency(ctx.db, (await findVersion(ctx.db, imp.versionId)).agencyId)).name : null;
  return { imp, domain, agencyName, diff, counts: diffCounts(diff), stale: hashItems(before) !== imp.baseHash };
}

async function finish(tx: Exec, imp: PendingImport, state: 'applied' | 'discarded'): Promise<void> {
  const done = await tx.update(catalogImports).set({ state }).where(and(eq(catalogImports.id, imp.id), eq(catalogImports.state, 'pending'))).returning({ id: catalogImports.id });
  if (done.length !== 1) throw conflict('import_done', '该导入已经处理过了。');
}

/**
 * Applies a previewed import, all or nothing, if what it replaces is still what the preview
 * showed. Into a draft: its items become the file's, keeping the identity of the items the file
 * still has (documents linked to them stay linked). Into a template: matched rows change in
 * place, new rows are added, rows the file no longer has are retired (catalogs compiled from
 * them keep their items), and the domain's template is marked complete with the file as source.
 * No agency's catalog changes.
 */
export async function confirmImport(ctx: Ctx, id: number, kind: PendingImport['kind']): Promise<PendingImport> {
  return ctx.db.transaction(async (tx) => {
    const { actor, imp } = await ownImport(ctx, tx, id, kind);
    const before = await currentRows(tx, imp);
    if (hashItems(before.map(toInput)) !== imp.baseHash) throw conflict('import_stale', '预览之后目录已有变化，请重新上传文件并核对预览。');
    const after = keyByTitle(imp.items);
    // Which current row each key of the file matches (same title, same occurrence).
    const old = new Map(keyByTitle(before.map((b) => ({ ...toInput(b), id: b.id }))).map((b) => [b.itemKey, b.id]));
    const byId = new Map<number, (typeof before)[number]>(before.map((b) => [b.id, b]));
    const counts = diffCounts(diffItems(keyByTitle(before.map(toInput)), after));
    await finish(tx, imp, 'applied');
    if (imp.kind === 'catalog') {
      const items = after.map(({ itemKey, ...it }) => {
        const prev = byId.get(old.get(itemKey) ?? -1) as typeof catalogItems.$inferSelect | undefined;
        return { ...it, origin: 'import' as const, ...(prev ? { itemKey: prev.itemKey, templateId: prev.templateId } : {}) };
      });
      await tx.delete(catalogItems).where(eq(catalogItems.versionId, imp.versionId!));
      if (items.length) await tx.insert(catalogItems).values(itemRows(imp.versionId!, items));
      await recordAudit(tx, auditActor(actor), { action: 'catalog.imported', targetType: 'catalog_version', targetId: imp.versionId!, before: { count: before.length }, after: { count: items.length, filename: imp.filename, provenance: imp.provenance, ...counts } });
      return imp;
    }
    const agency = await getAgency(tx as never, actor.agencyId);
    const source = `${agency.name}导入《${imp.filename}》（${formatDate(new Date())}）`;
    const rows = itemRows(0, after.map(({ itemKey: _k, ...it }) => ({ ...it, origin: 'template' as const })));
    const kept = new Set<number>();
    for (const [i, r] of rows.entries()) {
      const { versionId: _v, templateId: _t, origin: _o, timeRule: _r, timeRuleOk: _ok, ...values } = r;
      const prev = byId.get(old.get(after[i]!.itemKey) ?? -1);
      const set = { ...values, source, note: '', cut: false, retired: false };
      if (prev) {
        kept.add(prev.id);
        await tx.update(catalogTemplates).set(set).where(eq(catalogTemplates.id, prev.id));
      } else await tx.insert(catalogTemplates).values({ ...set, domainId: imp.domainId });
    }
    for (const b of before) if (!kept.has(b.id)) await tx.update(catalogTemplates).set({ retired: true }).where(eq(catalogTemplates.id, b.id));
    await tx.update(domains).set({ templateComplete: true, templateSource: `${agency.name}于${formatDate(new Date())}导入本领域标准指引全表《${imp.filename}》` }).where(eq(domains.id, imp.domainId));
    await recordAudit(tx, auditActor(actor), { action: 'catalog.template_imported', targetType: 'domain', targetId: imp.domainId, before: { count: before.length }, after: { count: rows.length, filename: imp.filename, ...counts } });
    return imp;
  });
}

export async function discardImport(ctx: Ctx, id: number, kind: PendingImport['kind']): Promise<PendingImport> {
  return ctx.db.transaction(async (tx) => {
    const { actor, imp } = await ownImport(ctx, tx, id, kind);
    await finish(tx, imp, 'discarded');
    await recordAudit(tx, auditActor(actor), { action: 'catalog.import_discarded', targetType: 'catalog_import', targetId: imp.id, after: { filename: imp.filename } });
    return imp;
  });
}

export const mayImportTemplate = (actor: Actor | null, domainId: number) => !!actor && hasRole(actor, 'supervisor') && canManageTemplate(actor, domainId);
