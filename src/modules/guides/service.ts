// Service guides: items of a government's 实施清单 keyed by 实施编码, each with versions of its
// element set. Scope: an agency's editors draft its items; its reviewer or the office of its
// government approves and publishes; the office reads all within reach (an upper government only
// what is published). Every change is a version, audited, and due for publication within 20
// working days of the day it was formed (the catalog's 办事指南 rule), counted on the official calendar.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { hasRole, requireRole, type Actor } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, FieldProblems, forbidden, notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { agencyInReach, isOfficeLike, officeActs, officeReads, placementColumns, type AgencyPlace } from '../../core/org/scope.js';
import { isIsoDate, todayInShanghai } from '../../core/calendar/dates.js';
import { addWorkdays } from '../../core/calendar/calendar.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { FIELD_LABELS, PROVINCIAL_FIELDS, validateGuide, type GuideData } from './elements.js';
import { publishMaterialFiles } from './files.js';
import { GUIDE_LEVELS, guideItems, guideVersions, type GuideLevel, type GuideSource, type VersionState } from './schema.js';

export const STAFF_ROLES = ['editor', 'reviewer', 'office', 'admin'] as const;
/** 信息形成或变更之日起20个工作日内 (the 26-domain catalogs' 办事指南 row). */
export const PUBLISH_WORKDAYS = 20;
export type ItemRow = typeof guideItems.$inferSelect;
export type VersionRow = typeof guideVersions.$inferSelect;
export const LEVEL_LABELS: Record<GuideLevel, string> = { main: '主项', sub: '子项', handle: '业务办理项' };
export const VERSION_STATE_LABELS: Record<VersionState, string> = { draft: '草稿', submitted: '待审核', approved: '已审核待发布', published: '已发布', superseded: '已被新版本替代' };
/** 实施编码: digits, Latin letters and hyphens (the Sichuan sample is 511A0138000000-511602000000-000-…), up to 36 as in up_task_*. */
export const CODE_RE = /^[0-9A-Za-z][0-9A-Za-z-]{0,35}$/;

type Place = AgencyPlace & { name: string };
async function place(db: Exec, agencyId: number): Promise<Place | null> {
  const [a] = await db.select({ ...placementColumns, name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId));
  return a ?? null;
}

type Access = { actor: Actor; item: ItemRow; agency: Place; own: boolean; office: boolean };
async function access(db: Exec, actorIn: Actor | null, id: number, lock = false): Promise<Access> {
  const actor = requireRole(actorIn, ...STAFF_ROLES);
  const q = db.select().from(guideItems).where(eq(guideItems.id, id));
  const [item] = lock ? await q.for('update') : await q;
  if (!item) throw notFound('办事指南');
  const agency = await place(db, item.agencyId);
  if (!agency) throw notFound('办事指南');
  const own = actor.agencyId === item.agencyId && (hasRole(actor, 'editor') || hasRole(actor, 'reviewer'));
  const office = officeActs(actor, agency);
  // An upper government's office reads what is published; drafts stay with the agency and its own office.
  if (!own && !office && (!officeReads(actor, agency) || item.publishedVersion == null)) throw notFound('办事指南');
  return { actor, item, agency, own, office };
}
const mayEdit = (a: Access) => a.own || a.office;
const mayReview = (a: Access) => a.office || (a.actor.agencyId === a.item.agencyId && hasRole(a.actor, 'reviewer'));

async function latest(db: Exec, itemId: number): Promise<VersionRow> {
  const [v] = await db.select().from(guideVersions).where(eq(guideVersions.itemId, itemId)).orderBy(desc(guideVersions.version)).limit(1);
  if (!v) throw notFound('办事指南');
  return v;
}

const text = (raw: unknown) => (typeof raw === 'string' ? raw.replace(/\u0000/g, '').trim() : '');

/** The day a change must be published by: 20 working days after it was formed. */
export async function publishDueOf(db: Db, changedOn: string): Promise<string> {
  return addWorkdays(await loadCalendar(db), changedOn, PUBLISH_WORKDAYS);
}

function changedOnOf(raw: unknown, today: string, p: FieldProblems): string {
  const s = text(raw);
  if (!s) return today;
  if (!isIsoDate(s) || s > today) p.add('changedOn', '请填写正确的信息形成或变更日期（年-月-日，不晚于今天）。');
  return s;
}

export type ItemInput = {
  agencyId?: number | string; code?: string; parentCode?: string; level?: string; domainCode?: string; changedOn?: string;
  source?: GuideSource; data: Record<string, unknown>;
};

/** Which provincial (master) fields a draft would change; a provincial item refuses local edits of them. */
export function provincialChanges(before: GuideData, after: GuideData): string[] {
  return PROVINCIAL_FIELDS.filter((k) => canonical(before[k]) !== canonical(after[k]));
}
/** JSON with sorted keys: jsonb does not keep the key order an object was written with. */
export const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x));

async function checkHierarchy(db: Exec, govId: number, code: string, parentCode: string | null, level: GuideLevel, p: FieldProblems): Promise<void> {
  if (level === 'main') { if (parentCode) p.add('parentCode', '主项没有上级事项，请清空上级实施编码或改选层级。'); return; }
  if (!parentCode) { p.add('parentCode', `${LEVEL_LABELS[level]}须填写上级事项的实施编码。`); return; }
  if (parentCode === code) { p.add('parentCode', '上级实施编码不能是本事项。'); return; }
  const [parent] = await db.select({ level: guideItems.level }).from(guideItems).where(and(eq(guideItems.govId, govId), eq(guideItems.code, parentCode)));
  const want: GuideLevel = level === 'sub' ? 'main' : 'sub';
  if (!parent) p.add('parentCode', `未找到实施编码为 ${parentCode} 的上级事项。`);
  else if (parent.level !== want && !(level === 'handle' && parent.level === 'main')) p.add('parentCode', `${LEVEL_LABELS[level]}的上级应为${LEVEL_LABELS[want]}。`);
}

/** The agencies a person may create items for: their own (editor/reviewer) and, for the office, its government's. */
export async function draftableAgencies(ctx: Ctx): Promise<{ id: number; name: string }[]> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const rows = await ctx.db.select({ ...placementColumns, name: agencies.name, sort: agencies.sort }).from(agencies).where(agencyInReach(agencies.id, actor)).orderBy(asc(agencies.sort), asc(agencies.id));
  return rows.filter((a) => officeActs(actor, a) || (a.id === actor.agencyId && (hasRole(actor, 'editor') || hasRole(actor, 'reviewer')))).map((a) => ({ id: a.id, name: a.name }));
}

/** An agency's editor (or the office) creates an item with its first draft version. */
export async function createItem(ctx: Ctx, input: ItemInput, opts: { today?: string } = {}): Promise<number> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const today = opts.today ?? todayInShanghai();
  const agencyId = Number(input.agencyId);
  const agency = Number.isSafeInteger(agencyId) && agencyId > 0 ? await place(ctx.db, agencyId) : null;
  if (!agency || agency.govId == null) { const p = new FieldProblems(); p.add('agencyId', '请选择实施主体。'); p.done(); }
  const own = actor.agencyId === agency!.id && (hasRole(actor, 'editor') || hasRole(actor, 'reviewer'));
  if (!own && !officeActs(actor, agency!)) throw forbidden('只能为本单位编制办事指南（政务公开办可为本级政府各单位编制）。');
  const govId = agency!.govId!;
  const p = new FieldProblems();
  const code = text(input.code);
  if (!CODE_RE.test(code)) p.add('code', '实施编码只能由数字、字母和连字符组成，不超过 36 位。');
  const parentCode = text(input.parentCode) || null;
  if (parentCode && !CODE_RE.test(parentCode)) p.add('parentCode', '上级实施编码格式不正确。');
  const level = GUIDE_LEVELS.find((l) => l === input.level) ?? (input.level ? undefined : 'main');
  if (!level) p.add('level', '请选择层级（主项、子项或业务办理项）。');
  const domainCode = text(input.domainCode);
  if (domainCode.length > 50) p.add('domainCode', '领域代码不能超过 50 字。');
  const changedOn = changedOnOf(input.changedOn, today, p);
  let data: GuideData | null = null;
  try { data = validateGuide(input.data ?? {}); } catch (e) { for (const [k, v] of Object.entries(((e as { details?: { fields?: Record<string, string> } }).details?.fields) ?? {})) p.add(k, v); }
  if (code && CODE_RE.test(code)) {
    const [dup] = await ctx.db.select({ id: guideItems.id }).from(guideItems).where(and(eq(guideItems.govId, govId), eq(guideItems.code, code)));
    if (dup) p.add('code', `实施编码 ${code} 已被本级政府的其他事项使用。`);
    if (level) await checkHierarchy(ctx.db, govId, code, parentCode, level, p);
  }
  p.done();
  const publishDue = await publishDueOf(ctx.db, changedOn);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(guideItems).values({ govId, agencyId: agency!.id, code, parentCode, level: level!, source: input.source ?? 'local', domainCode, createdBy: actor.userId }).returning();
    await tx.insert(guideVersions).values({ itemId: row!.id, version: 1, state: 'draft', data: data!, changedOn, publishDue, createdBy: actor.userId });
    await recordAudit(tx, auditActor(actor), { action: 'guides.created', targetType: 'guide_item', targetId: row!.id, after: { code, level, name: data!.name, source: row!.source } });
    return row!.id;
  });
}

/**
 * Saves the item's elements as a draft: edits the open draft, or starts the next version when the
 * latest is published. A version under review or approved goes back to draft (it must be reviewed
 * again). A provincial item refuses changes to the province's fields unless `asProvince` (the import).
 */
export async function saveDraft(ctx: Ctx, id: number, input: { data: Record<string, unknown>; changedOn?: string; domainCode?: string }, opts: { today?: string; asProvince?: boolean } = {}): Promise<number> {
  const today = opts.today ?? todayInShanghai();
  const p = new FieldProblems();
  const changedOn = changedOnOf(input.changedOn, today, p);
  let data: GuideData | null = null;
  try { data = validateGuide(input.data ?? {}); } catch (e) { for (const [k, v] of Object.entries(((e as { details?: { fields?: Record<string, string> } }).details?.fields) ?? {})) p.add(k, v); }
  const domainCode = input.domainCode == null ? undefined : text(input.domainCode);
  if (domainCode && domainCode.length > 50) p.add('domainCode', '领域代码不能超过 50 字。');
  p.done();
  const publishDue = await publishDueOf(ctx.db, changedOn);
  return ctx.db.transaction(async (tx) => {
    const a = await access(tx, ctx.actor, id, true);
    if (!mayEdit(a)) throw forbidden('只有实施主体的工作人员或本级政务公开办可以修改办事指南。');
    const last = await latest(tx, id);
    if (a.item.source === 'provincial' && !opts.asProvince) {
      const changed = provincialChanges(last.data, data!);
      if (changed.length) {
        const q = new FieldProblems();
        for (const k of changed) q.add(k, `${FIELD_LABELS[k]}来自省级事项清单，以省级清单为准，不能在本地修改；如需变更请向省级主管部门申请。`);
        q.done();
      }
    }
    let version = last.version;
    if (last.state === 'published' || last.state === 'superseded') {
      version = last.version + 1;
      await tx.insert(guideVersions).values({ itemId: id, version, state: 'draft', data: data!, changedOn, publishDue, createdBy: a.actor.userId });
    } else {
      await tx.update(guideVersions).set({ data: data!, state: 'draft', changedOn, publishDue, updatedAt: new Date() }).where(eq(guideVersions.id, last.id));
    }
    if (domainCode != null) await tx.update(guideItems).set({ domainCode, updatedAt: new Date() }).where(eq(guideItems.id, id));
    await recordAudit(tx, auditActor(a.actor), { action: 'guides.draft_saved', targetType: 'guide_item', targetId: id, before: { version: last.version, state: last.state, name: last.data.name }, after: { version, name: data!.name, changedOn } });
    return version;
  });
}

async function transition(ctx: Ctx, id: number, from: VersionState[], to: VersionState, run: { may: (a: Access) => boolean; refuse: string; action: string; reason?: string; today?: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const a = await access(tx, ctx.actor, id, true);
    if (!run.may(a)) throw forbidden(run.refuse);
    const v = await latest(tx, id);
    if (!from.includes(v.state)) throw conflict('guide_state', `当前版本状态为“${VERSION_STATE_LABELS[v.state]}”，不能执行此操作。`);
    const today = run.today ?? todayInShanghai();
    const set: Partial<VersionRow> = { state: to, updatedAt: new Date() };
    if (to === 'approved') set.reviewedBy = a.actor.userId;
    if (to === 'draft') set.returnReason = run.reason ?? '';
    if (to === 'submitted') set.returnReason = '';
    if (to === 'published') {
      set.publishedOn = today;
      await tx.update(guideVersions).set({ state: 'superseded', updatedAt: new Date() }).where(and(eq(guideVersions.itemId, id), eq(guideVersions.state, 'published')));
      await tx.update(guideItems).set({ publishedVersion: v.version, publishedOn: today, updatedAt: new Date() }).where(eq(guideItems.id, id));
      // The 空白表格 and 示例样表 become public exactly when the guide that offers them does.
      await publishMaterialFiles(tx, v.data);
    }
    await tx.update(guideVersions).set(set).where(eq(guideVersions.id, v.id));
    await recordAudit(tx, auditActor(a.actor), { action: run.action, targetType: 'guide_item', targetId: id, before: { version: v.version, state: v.state }, after: { version: v.version, state: to, ...(run.reason ? { reason: run.reason } : {}) } });
  });
}

/** The editor submits the draft for review. */
export const submitVersion = (ctx: Ctx, id: number) =>
  transition(ctx, id, ['draft'], 'submitted', { may: mayEdit, refuse: '只有实施主体的工作人员或本级政务公开办可以提交审核。', action: 'guides.submitted' });
/** The agency's reviewer or the office approves the submitted version. */
export const approveVersion = (ctx: Ctx, id: number) =>
  transition(ctx, id, ['submitted'], 'approved', { may: mayReview, refuse: '只有实施主体的审核人员或本级政务公开办可以审核办事指南。', action: 'guides.approved' });
/** The reviewer returns the submitted (or approved) version to draft with a reason. */
export async function returnVersion(ctx: Ctx, id: number, rawReason: unknown): Promise<void> {
  const reason = text(rawReason);
  if (!reason || reason.length > 500) { const p = new FieldProblems(); p.add('reason', '请填写退回理由（500 字以内）。'); p.done(); }
  await transition(ctx, id, ['submitted', 'approved'], 'draft', { may: mayReview, refuse: '只有实施主体的审核人员或本级政务公开办可以退回办事指南。', action: 'guides.returned', reason });
}
/** The reviewer or the office publishes the approved version; the one before is superseded. */
export const publishVersion = (ctx: Ctx, id: number, opts: { today?: string } = {}) =>
  transition(ctx, id, ['approved'], 'published', { may: mayReview, refuse: '只有实施主体的审核人员或本级政务公开办可以发布办事指南。', action: 'guides.published', today: opts.today });

export type StaffItem = ItemRow & { agencyName: string; name: string; latestVersion: number; latestState: VersionState; publishDue: string; changedOn: string };

/** The items a person reads: their own agency's (editor/reviewer), and the office's within reach (an upper government's only when published). */
export async function staffItems(ctx: Ctx, f: { agencyId?: number; state?: VersionState } = {}): Promise<StaffItem[]> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const where = isOfficeLike(actor) ? agencyInReach(guideItems.agencyId, actor) : eq(guideItems.agencyId, actor.agencyId);
  const rows = await ctx.db.select({ i: guideItems, agencyName: agencies.name }).from(guideItems).innerJoin(agencies, eq(agencies.id, guideItems.agencyId))
    .where(and(where, f.agencyId ? eq(guideItems.agencyId, f.agencyId) : undefined)).orderBy(asc(agencies.sort), asc(agencies.id), asc(guideItems.code));
  const visible = rows.filter((r) => r.i.govId === actor.placement.govId || r.i.agencyId === actor.agencyId || r.i.publishedVersion != null);
  if (!visible.length) return [];
  const versions = await ctx.db.select().from(guideVersions).where(inArray(guideVersions.itemId, visible.map((r) => r.i.id))).orderBy(asc(guideVersions.itemId), desc(guideVersions.version));
  const top = new Map<number, VersionRow>();
  for (const v of versions) if (!top.has(v.itemId)) top.set(v.itemId, v);
  return visible.map((r) => {
    const v = top.get(r.i.id)!;
    return { ...r.i, agencyName: r.agencyName, name: v.data.name, latestVersion: v.version, latestState: v.state, publishDue: v.publishDue, changedOn: v.changedOn };
  }).filter((x) => !f.state || x.latestState === f.state);
}

export type StaffItemDetail = StaffItem & { agency: Place; data: GuideData; returnReason: string; mayEdit: boolean; mayReview: boolean; versions: Pick<VersionRow, 'version' | 'state' | 'changedOn' | 'publishDue' | 'publishedOn' | 'updatedAt'>[] };

/** One item for the staff: the latest version's elements and the version history. */
export async function getItem(ctx: Ctx, id: number): Promise<StaffItemDetail> {
  const a = await access(ctx.db, ctx.actor, id);
  const versions = await ctx.db.select().from(guideVersions).where(eq(guideVersions.itemId, id)).orderBy(desc(guideVersions.version));
  // An upper government reads the published version, not the local drafts.
  const cur = a.own || a.office ? versions[0]! : versions.find((v) => v.version === a.item.publishedVersion)!;
  return {
    ...a.item, agency: a.agency, agencyName: a.agency.name, name: cur.data.name, latestVersion: cur.version, latestState: cur.state, publishDue: cur.publishDue, changedOn: cur.changedOn,
    data: cur.data, returnReason: cur.returnReason, mayEdit: mayEdit(a), mayReview: mayReview(a),
    versions: versions.map((v) => ({ version: v.version, state: v.state, changedOn: v.changedOn, publishDue: v.publishDue, publishedOn: v.publishedOn, updatedAt: v.updatedAt })),
  };
}

/** Unpublished changes (draft, submitted, approved) within the person's reach, for the worklist. */
export async function pendingChanges(ctx: Ctx): Promise<StaffItem[]> {
  return (await staffItems(ctx)).filter((i) => i.latestState !== 'published' && i.latestState !== 'superseded');
}

/** Ids of items of a government with the given codes (for the import and bundles). */
export async function itemIdsByCode(db: Exec, govId: number, codes: string[]): Promise<Map<string, number>> {
  if (!codes.length) return new Map();
  const rows = await db.select({ id: guideItems.id, code: guideItems.code }).from(guideItems).where(and(eq(guideItems.govId, govId), inArray(guideItems.code, codes)));
  return new Map(rows.map((r) => [r.code, r.id]));
}
