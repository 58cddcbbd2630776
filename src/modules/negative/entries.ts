// 政务公开负面清单: each agency's list of matters not disclosed, with the exemption ground of the
// 2019 条例, the legal basis and the review cycle. Scope: an agency's editors and reviewers draft
// and edit its entries, its reviewer or the office of its government publishes and withdraws, the
// office reads all within reach. Every function checks the actor first.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { hasRole, requireRole, type Actor } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, FieldProblems, forbidden, notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { agencyInReach, agencyOfGovernment, isOfficeLike, officeActs, officeReads, placementColumns, requireTopGovernment, type AgencyPlace } from '../../core/org/scope.js';
import { isIsoDate, todayInShanghai } from '../../core/calendar/dates.js';
import { NEG_CATEGORIES, NEG_FORCES, negEntries, negSettings, negVersions, type NegCategory, type NegForce, type NegState } from './schema.js';
import { isNegRow, ROW_LABELS, ROWS_OF_CATEGORY, rowFitsCategory } from './rows.js';

export const STAFF_ROLES = ['editor', 'reviewer', 'office', 'admin'] as const;
export type EntryRow = typeof negEntries.$inferSelect;
export type StaffEntry = EntryRow & { agencyName: string; flags: string[]; reviewDue: string };

export const CATEGORY_LABELS: Record<NegCategory, string> = {
  art14: '第十四条：国家秘密、法律行政法规禁止公开、危及国家安全公共安全经济安全社会稳定',
  art15: '第十五条：商业秘密、个人隐私等公开会损害第三方合法权益',
  art16: '第十六条：内部事务信息、过程性信息、行政执法案卷信息',
};
export const CATEGORY_SHORT: Record<NegCategory, string> = { art14: '第十四条 国家秘密等', art15: '第十五条 商业秘密、个人隐私', art16: '第十六条 内部事务、过程性信息、行政执法案卷' };
export const FORCE_LABELS: Record<NegForce, string> = { mandatory: '应当不予公开', discretionary: '可以不予公开' };
export const STATE_LABELS: Record<NegState, string> = { draft: '草稿', published: '已发布', withdrawn: '已撤回' };
/** The article of the 2019 条例 each category rests on. */
const CATEGORY_ARTICLE: Record<NegCategory, number> = { art14: 14, art15: 15, art16: 16 };
const ARTICLE_ZH: Record<number, string> = { 14: '十四', 15: '十五', 16: '十六' };
/** The 2019 revision (国务院令第711号) was promulgated on 2019-04-03 and took effect on 2019-05-15. */
export const REVISION_2019 = '2019-04-03';

/** Adds calendar months, the day clamped to the month's end. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
export const reviewDueOf = (e: Pick<EntryRow, 'lastReviewedOn' | 'reviewMonths'>): string => addMonths(e.lastReviewedOn, e.reviewMonths);

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** 第十四条 → 14, 第二十二条 → 22, 第14条 → 14 (articles below 100). */
function chineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  let n = 0, cur = 0;
  for (const ch of s) {
    if (ch === '十') { n += (cur || 1) * 10; cur = 0; } else if (ch in DIGITS) cur = DIGITS[ch]!; else return null;
  }
  return n + cur;
}
export function articlesCited(article: string): number[] {
  return [...article.matchAll(/第\s*([0-9零〇一二两三四五六七八九十]+)\s*条/g)].map((m) => chineseNumber(m[1]!)).filter((x): x is number => x != null);
}

/**
 * Why a citation looks like the 2007 numbering of the 条例 (which the 2019 revision renumbered:
 * old Art. 8 安全稳定, old Art. 14 国家秘密·商业秘密·个人隐私, old Art. 22 区分处理), or [] when it does not.
 */
export function citationFlags(e: { lawName: string; lawVersion: string; article: string; category: NegCategory }): string[] {
  if (!/政府信息公开条例/.test(e.lawName)) return [];
  const out: string[] = [];
  if (isIsoDate(e.lawVersion) && e.lawVersion < REVISION_2019) out.push(`依据的版本日期 ${e.lawVersion} 早于 2019 年修订（国务院令第711号，2019年4月3日公布），引用的是 2007 年版条例，条款编号已经变化。`);
  const arts = articlesCited(e.article);
  const old = arts.filter((a) => a === 8 || a === 22);
  if (old.length) out.push(`所引${old.map((a) => (a === 8 ? '第八条' : '第二十二条')).join('、')}是 2007 年版条例的豁免条款编号（旧第八条安全稳定、旧第二十二条区分处理），2019 年版对应第十四条、第三十七条。`);
  const want = CATEGORY_ARTICLE[e.category];
  if (arts.length && !arts.includes(want) && !old.length) out.push(`类别为 2019 年版条例第${ARTICLE_ZH[want]}条，所引条款（${e.article}）与之不符，可能沿用了 2007 年版编号（旧第十四条包含国家秘密、商业秘密和个人隐私）。`);
  return out;
}

async function place(db: Exec, agencyId: number): Promise<(AgencyPlace & { name: string }) | null> {
  const [a] = await db.select({ ...placementColumns, name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId));
  return a ?? null;
}

export async function getReviewMonths(db: Exec): Promise<number> {
  const [r] = await db.select().from(negSettings).where(eq(negSettings.id, 1));
  return r?.reviewMonths ?? 12;
}

/** The top government's office sets the default review cycle. */
export async function updateReviewMonths(ctx: Ctx, raw: string): Promise<number> {
  const actor = requireTopGovernment(requireRole(ctx.actor, 'office', 'admin'));
  const s = String(raw ?? '').trim();
  if (!/^\d{1,3}$/.test(s) || Number(s) < 1 || Number(s) > 60) { const p = new FieldProblems(); p.add('reviewMonths', '评估审查周期应为 1 至 60 之间的整数（月）。'); p.done(); }
  const next = Number(s);
  return ctx.db.transaction(async (tx) => {
    const before = await getReviewMonths(tx);
    await tx.insert(negSettings).values({ id: 1, reviewMonths: next }).onConflictDoUpdate({ target: negSettings.id, set: { reviewMonths: next, updatedAt: new Date() } });
    await recordAudit(tx, auditActor(actor), { action: 'negative.settings_updated', targetType: 'neg_settings', targetId: 1, before: { reviewMonths: before }, after: { reviewMonths: next } });
    return next;
  });
}

type Access = { actor: Actor; entry: EntryRow; agency: AgencyPlace & { name: string }; own: boolean; office: boolean };
async function access(db: Exec, actorIn: Actor | null, id: number, lock = false): Promise<Access> {
  const actor = requireRole(actorIn, ...STAFF_ROLES);
  const q = db.select().from(negEntries).where(eq(negEntries.id, id));
  const [entry] = lock ? await q.for('update') : await q;
  if (!entry) throw notFound('负面清单事项');
  const agency = await place(db, entry.agencyId);
  if (!agency) throw notFound('负面清单事项');
  const own = actor.agencyId === entry.agencyId && (hasRole(actor, 'editor') || hasRole(actor, 'reviewer'));
  const office = officeActs(actor, agency);
  // An upper government's office reads published and withdrawn entries; drafts stay with their agency and its own office.
  if (!own && !office && (!officeReads(actor, agency) || entry.state === 'draft')) throw notFound('负面清单事项');
  return { actor, entry, agency, own, office };
}
const mayEdit = (a: Access) => a.own || a.office;
const mayPublish = (a: Access) => a.office || (a.actor.agencyId === a.entry.agencyId && hasRole(a.actor, 'reviewer'));

const text = (raw: unknown) => (typeof raw === 'string' ? raw.replace(/\u0000/g, '').trim() : '');

export type EntryInput = {
  agencyId?: number | string; category?: string; reportRow?: string; matter?: string; lawName?: string; lawVersion?: string; article?: string;
  force?: string; releaseCondition?: string; reviewMonths?: string | number; lastReviewedOn?: string;
};
type Clean = Pick<EntryRow, 'category' | 'reportRow' | 'matter' | 'lawName' | 'lawVersion' | 'article' | 'force' | 'releaseCondition' | 'reviewMonths' | 'lastReviewedOn'>;

function validate(input: EntryInput, defaults: { reviewMonths: number; today: string }): Clean {
  const p = new FieldProblems();
  const category = NEG_CATEGORIES.find((c) => c === input.category);
  if (!category) p.add('category', '请选择不予公开的依据类别（条例第十四、十五或十六条）。');
  // Art. 15 has one row only; the others must say which of their rows the refusals count under.
  const rowRaw = text(input.reportRow) || (category && ROWS_OF_CATEGORY[category].length === 1 ? ROWS_OF_CATEGORY[category][0] : '');
  const reportRow = isNegRow(rowRaw) ? rowRaw : null;
  if (!reportRow) p.add('reportRow', '请选择年度报告中计入的不予公开情形（表三“不予公开”的一项）。');
  else if (category && !rowFitsCategory(reportRow, category)) p.add('reportRow', `“${ROW_LABELS[reportRow]}”不属于所选类别，请选择：${ROWS_OF_CATEGORY[category].map((r) => ROW_LABELS[r]).join('、')}。`);
  const matter = text(input.matter);
  if (!matter || matter.length > 500) p.add('matter', '请填写不予公开的事项（500 字以内）。');
  const lawName = text(input.lawName);
  if (!lawName || lawName.length > 100) p.add('lawName', '请填写法律法规名称（100 字以内），如《中华人民共和国政府信息公开条例》。');
  const lawVersion = text(input.lawVersion);
  if (!isIsoDate(lawVersion) || lawVersion > defaults.today) p.add('lawVersion', '请填写正确的版本日期（年-月-日，不晚于今天），即所依据文本的公布或修订日期。');
  const article = text(input.article);
  if (!article || article.length > 100) p.add('article', '请填写条款（100 字以内），如第十五条。');
  const force = NEG_FORCES.find((f) => f === input.force);
  if (!force) p.add('force', '请选择应当不予公开或可以不予公开。');
  if (force === 'discretionary' && category && category !== 'art16') p.add('force', '条例第十四条、第十五条规定的情形应当不予公开（第十五条经第三方同意或公共利益需要的除外），请选择“应当不予公开”。');
  const releaseCondition = text(input.releaseCondition);
  if (releaseCondition.length > 500) p.add('releaseCondition', '可以公开的条件不能超过 500 字。');
  if (category === 'art15' && !releaseCondition) p.add('releaseCondition', '第十五条的事项请写明可以公开的条件，如第三方同意公开或不公开会对公共利益造成重大影响。');
  const rmRaw = String(input.reviewMonths ?? '').trim();
  const reviewMonths = rmRaw === '' ? defaults.reviewMonths : /^\d{1,3}$/.test(rmRaw) && Number(rmRaw) >= 1 && Number(rmRaw) <= 60 ? Number(rmRaw) : 0;
  if (!reviewMonths) p.add('reviewMonths', '评估审查周期应为 1 至 60 之间的整数（月）。');
  const lr = text(input.lastReviewedOn);
  const lastReviewedOn = lr === '' ? defaults.today : lr;
  if (!isIsoDate(lastReviewedOn) || lastReviewedOn > defaults.today) p.add('lastReviewedOn', '请填写正确的上次评估审查日期（年-月-日，不晚于今天）。');
  p.done();
  return { category: category!, reportRow: reportRow!, matter, lawName, lawVersion, article, force: force!, releaseCondition, reviewMonths, lastReviewedOn };
}

const snapshot = (e: EntryRow) => ({ category: e.category, reportRow: e.reportRow, matter: e.matter, lawName: e.lawName, lawVersion: e.lawVersion, article: e.article, force: e.force, releaseCondition: e.releaseCondition, reviewMonths: e.reviewMonths, lastReviewedOn: e.lastReviewedOn, state: e.state, citationConfirmed: e.citationConfirmed });

/** The agencies a person may draft entries for: their own (editor/reviewer), and the office's own government's. */
export async function draftableAgencies(ctx: Ctx): Promise<{ id: number; name: string }[]> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const rows = await ctx.db.select({ ...placementColumns, name: agencies.name, sort: agencies.sort }).from(agencies).where(agencyInReach(agencies.id, actor)).orderBy(asc(agencies.sort), asc(agencies.id));
  return rows.filter((a) => officeActs(actor, a) || (a.id === actor.agencyId && (hasRole(actor, 'editor') || hasRole(actor, 'reviewer')))).map((a) => ({ id: a.id, name: a.name }));
}

/** An agency's editor (or the office of its government) drafts an entry. */
export async function createEntry(ctx: Ctx, input: EntryInput, opts: { today?: string } = {}): Promise<number> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const today = opts.today ?? todayInShanghai();
  const agencyId = Number(input.agencyId);
  const agency = Number.isSafeInteger(agencyId) && agencyId > 0 ? await place(ctx.db, agencyId) : null;
  if (!agency) { const p = new FieldProblems(); p.add('agencyId', '请选择单位。'); p.done(); }
  const own = actor.agencyId === agency!.id && (hasRole(actor, 'editor') || hasRole(actor, 'reviewer'));
  if (!own && !officeActs(actor, agency!)) throw forbidden('只能为本单位编制负面清单（政务公开办可为本级政府各单位编制）。');
  const clean = validate(input, { reviewMonths: await getReviewMonths(ctx.db), today });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(negEntries).values({ agencyId: agency!.id, ...clean, state: 'draft', createdBy: actor.userId }).returning();
    await tx.insert(negVersions).values({ entryId: row!.id, version: 1, data: snapshot(row!), userId: actor.userId });
    await recordAudit(tx, auditActor(actor), { action: 'negative.created', targetType: 'neg_entry', targetId: row!.id, after: snapshot(row!) });
    return row!.id;
  });
}

/** Edits an entry (a new version); a published entry goes back to draft and must be published again. */
export async function updateEntry(ctx: Ctx, id: number, input: EntryInput, opts: { today?: string } = {}): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const a = await access(tx, ctx.actor, id, true);
    if (!mayEdit(a)) throw forbidden('只有本单位工作人员或本级政务公开办可以修改该事项。');
    const clean = validate(input, { reviewMonths: await getReviewMonths(tx), today: opts.today ?? todayInShanghai() });
    const citationChanged = clean.lawName !== a.entry.lawName || clean.lawVersion !== a.entry.lawVersion || clean.article !== a.entry.article || clean.category !== a.entry.category;
    const [row] = await tx.update(negEntries).set({ ...clean, state: 'draft', citationConfirmed: citationChanged ? '' : a.entry.citationConfirmed, version: a.entry.version + 1, updatedAt: new Date() }).where(eq(negEntries.id, id)).returning();
    await tx.insert(negVersions).values({ entryId: id, version: row!.version, data: snapshot(row!), userId: a.actor.userId });
    await recordAudit(tx, auditActor(a.actor), { action: 'negative.updated', targetType: 'neg_entry', targetId: id, before: snapshot(a.entry), after: snapshot(row!) });
  });
}

/**
 * The agency's reviewer or the office publishes a draft. A citation flagged as 2007 numbering is
 * refused until it is fixed, or confirmed with a reason (`confirm`).
 */
export async function publishEntry(ctx: Ctx, id: number, input: { confirm?: string } = {}, opts: { today?: string } = {}): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const a = await access(tx, ctx.actor, id, true);
    if (!mayPublish(a)) throw forbidden('只有本单位审核人员或本级政务公开办可以发布负面清单。');
    if (a.entry.state === 'published') throw conflict('neg_state', '该事项已发布。');
    const flags = citationFlags(a.entry);
    const confirm = text(input.confirm);
    if (confirm.length > 300) { const p = new FieldProblems(); p.add('confirm', '确认理由不能超过 300 字。'); p.done(); }
    if (flags.length && !a.entry.citationConfirmed && !confirm) {
      const p = new FieldProblems();
      p.add('confirm', `该事项的依据疑似使用 2007 年版条例的条款编号，请先修改依据；确认无误的，请填写确认理由后再发布。${flags[0]}`);
      p.done();
    }
    const citationConfirmed = flags.length ? (confirm || a.entry.citationConfirmed) : a.entry.citationConfirmed;
    const [row] = await tx.update(negEntries).set({ state: 'published', citationConfirmed, publishedOn: opts.today ?? todayInShanghai(), updatedAt: new Date() }).where(eq(negEntries.id, id)).returning();
    await recordAudit(tx, auditActor(a.actor), { action: 'negative.published', targetType: 'neg_entry', targetId: id, before: { state: a.entry.state }, after: { state: 'published', version: row!.version, flags, citationConfirmed } });
  });
}

/** The agency's reviewer or the office withdraws a published entry from the public list. */
export async function withdrawEntry(ctx: Ctx, id: number, input: { reason?: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const a = await access(tx, ctx.actor, id, true);
    if (!mayPublish(a)) throw forbidden('只有本单位审核人员或本级政务公开办可以撤回负面清单事项。');
    if (a.entry.state !== 'published') throw conflict('neg_state', '只有已发布的事项可以撤回。');
    const reason = text(input.reason);
    if (!reason || reason.length > 300) { const p = new FieldProblems(); p.add('reason', '请填写撤回理由（300 字以内），如经评估该事项已可以公开。'); p.done(); }
    await tx.update(negEntries).set({ state: 'withdrawn', updatedAt: new Date() }).where(eq(negEntries.id, id));
    await recordAudit(tx, auditActor(a.actor), { action: 'negative.withdrawn', targetType: 'neg_entry', targetId: id, before: { state: 'published' }, after: { state: 'withdrawn', reason } });
  });
}

/** The agency's staff or the office records the periodic 评估审查: the entry still holds, reviewed on `on`. */
export async function markReviewed(ctx: Ctx, id: number, input: { on?: string; note?: string }, opts: { today?: string } = {}): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const a = await access(tx, ctx.actor, id, true);
    if (!mayEdit(a)) throw forbidden('只有本单位工作人员或本级政务公开办可以登记评估审查。');
    const today = opts.today ?? todayInShanghai();
    const on = text(input.on);
    const note = text(input.note);
    const p = new FieldProblems();
    if (!isIsoDate(on) || on > today || on < a.entry.lastReviewedOn) p.add('on', `请填写正确的评估审查日期（年-月-日，不早于上次评估 ${a.entry.lastReviewedOn}，不晚于今天）。`);
    if (note.length > 300) p.add('note', '评估意见不能超过 300 字。');
    p.done();
    await tx.update(negEntries).set({ lastReviewedOn: on, updatedAt: new Date() }).where(eq(negEntries.id, id));
    await recordAudit(tx, auditActor(a.actor), { action: 'negative.reviewed', targetType: 'neg_entry', targetId: id, before: { lastReviewedOn: a.entry.lastReviewedOn }, after: { lastReviewedOn: on, note } });
  });
}

export type StaffFilters = { agencyId?: number; category?: NegCategory; state?: NegState; due?: boolean; flagged?: boolean };

/** The entries a person reads: their own agency's (editor/reviewer), and the office's within reach. */
export async function staffEntries(ctx: Ctx, f: StaffFilters = {}, today = todayInShanghai()): Promise<StaffEntry[]> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const where = isOfficeLike(actor) ? agencyInReach(negEntries.agencyId, actor) : eq(negEntries.agencyId, actor.agencyId);
  const rows = await ctx.db.select({ e: negEntries, agencyName: agencies.name, govId: agencies.govId }).from(negEntries).innerJoin(agencies, eq(agencies.id, negEntries.agencyId))
    .where(and(where, f.agencyId ? eq(negEntries.agencyId, f.agencyId) : undefined, f.category ? eq(negEntries.category, f.category) : undefined, f.state ? eq(negEntries.state, f.state) : undefined))
    .orderBy(asc(agencies.sort), asc(agencies.id), asc(negEntries.category), asc(negEntries.id));
  return rows.filter((r) => r.e.state !== 'draft' || r.e.agencyId === actor.agencyId || r.govId === actor.placement.govId)
    .map((r) => ({ ...r.e, agencyName: r.agencyName, flags: citationFlags(r.e), reviewDue: reviewDueOf(r.e) }))
    .filter((e) => (!f.due || (e.state === 'published' && e.reviewDue <= today)) && (!f.flagged || e.flags.length > 0));
}

export async function getEntry(ctx: Ctx, id: number): Promise<StaffEntry & { mayEdit: boolean; mayPublish: boolean; versions: { version: number; at: Date }[] }> {
  const a = await access(ctx.db, ctx.actor, id);
  const versions = await ctx.db.select({ version: negVersions.version, at: negVersions.at }).from(negVersions).where(eq(negVersions.entryId, id)).orderBy(desc(negVersions.version));
  return { ...a.entry, agencyName: a.agency.name, flags: citationFlags(a.entry), reviewDue: reviewDueOf(a.entry), mayEdit: mayEdit(a), mayPublish: mayPublish(a), versions };
}

export type PublicEntry = Pick<EntryRow, 'id' | 'agencyId' | 'category' | 'reportRow' | 'matter' | 'lawName' | 'lawVersion' | 'article' | 'force' | 'releaseCondition' | 'reviewMonths' | 'lastReviewedOn' | 'publishedOn'> & { agencyName: string };

/** The published entries of a site's government, per agency (the public 负面清单). */
export async function publicEntries(db: Db | Exec, govId: number | null): Promise<PublicEntry[]> {
  return db.select({
    id: negEntries.id, agencyId: negEntries.agencyId, agencyName: agencies.name, category: negEntries.category, reportRow: negEntries.reportRow, matter: negEntries.matter, lawName: negEntries.lawName,
    lawVersion: negEntries.lawVersion, article: negEntries.article, force: negEntries.force, releaseCondition: negEntries.releaseCondition,
    reviewMonths: negEntries.reviewMonths, lastReviewedOn: negEntries.lastReviewedOn, publishedOn: negEntries.publishedOn,
  }).from(negEntries).innerJoin(agencies, eq(agencies.id, negEntries.agencyId))
    .where(and(eq(negEntries.state, 'published'), agencyOfGovernment(negEntries.agencyId, govId)))
    .orderBy(asc(agencies.sort), asc(agencies.id), asc(negEntries.category), asc(negEntries.id));
}

