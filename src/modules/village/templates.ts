// The province's template of 村务公开 matters and each village's list made from it.
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { FieldProblems, forbidden, notFound } from '../../core/errors.js';
import { officeActs, requireTopGovernment } from '../../core/org/scope.js';
import { todayInShanghai } from '../../core/calendar/dates.js';
import { isClerk, isVillage, requirePlace } from './access.js';
import { VG_CADENCES, VG_CATEGORIES, VG_SHARED, vgMatters, vgSettings, vgTemplates, type VgCadence, type VgCategory, type VgShared } from './schema.js';

export type TemplateRow = typeof vgTemplates.$inferSelect;
export type MatterRow = typeof vgMatters.$inferSelect;
type Seed = [VgCategory, string, string, VgCadence, { dueDay?: number; afterDays?: number; publicityDays?: number; shared?: VgShared }?];

const ART30 = '《村民委员会组织法》第三十条';
/** The default list (村民委员会组织法 Art. 30, 中办发〔2004〕17号 and a province's 村务公开条例); the office edits it. */
export const DEFAULT_TEMPLATE: readonly Seed[] = [
  ['party', '党组织换届、党员发展和党费收缴使用情况', '《中国共产党农村基层组织工作条例》', 'quarterly'],
  ['party', '“三会一课”和主题党日开展情况', '《中国共产党农村基层组织工作条例》', 'quarterly'],
  ['village', '村民会议、村民代表会议决定的事项及其实施情况', `${ART30}第一项`, 'quarterly'],
  ['village', '涉及村民利益的重大事项（5万元以上项目、集体资产处置、土地流转）', `${ART30}（随时公布）`, 'asNeeded', { publicityDays: 7 }],
  ['village', '宅基地审批', '省村务公开条例（批复后5日内公开）', 'afterApproval', { afterDays: 5, publicityDays: 7 }],
  ['affairs', '最低生活保障对象名单', '社会救助基层政务公开标准目录（乡镇、村两级，公示7天）', 'quarterly', { shared: 'dibao', publicityDays: 7 }],
  ['affairs', '残疾人两项补贴名单', '残疾人两项补贴基层政务公开标准目录', 'quarterly', { shared: 'disability', publicityDays: 7 }],
  ['affairs', '涉农补贴发放情况', '涉农补贴基层政务公开标准目录', 'quarterly', { shared: 'agri', publicityDays: 7 }],
  ['affairs', '征地补偿费分配使用情况', `${ART30}、中办发〔2004〕17号`, 'afterApproval', { shared: 'land', afterDays: 5, publicityDays: 10 }],
  ['affairs', '救灾救助、补贴补助资金物资管理使用情况', `${ART30}第三项`, 'quarterly'],
  ['finance', '村集体财务收支情况', `${ART30}（财务往来较多的每月公布）`, 'monthly', { dueDay: 10, publicityDays: 10 }],
  ['finance', '集体资产、债权债务和一事一议筹资筹劳情况', '中办发〔2004〕17号', 'quarterly'],
];

/** Reference data: the default template when there is none yet (idempotent). */
export async function seedDefaultTemplate(db: Db): Promise<void> {
  const [any] = await db.select({ id: vgTemplates.id }).from(vgTemplates).limit(1);
  if (any) return;
  await db.insert(vgTemplates).values(DEFAULT_TEMPLATE.map(([category, name, basis, cadence, o = {}], i) => ({ category, name, basis, cadence, dueDay: o.dueDay ?? 20, afterDays: o.afterDays ?? 5, publicityDays: o.publicityDays ?? 7, shared: o.shared ?? null, sort: i })));
  await db.insert(vgSettings).values({ id: 1 }).onConflictDoNothing();
}

export async function listTemplates(db: Exec): Promise<TemplateRow[]> {
  return db.select().from(vgTemplates).orderBy(asc(vgTemplates.sort), asc(vgTemplates.id));
}

export async function answerDays(db: Exec): Promise<number> {
  const [r] = await db.select().from(vgSettings).where(eq(vgSettings.id, 1));
  return r?.answerDays ?? 7;
}

const text = (raw: unknown) => (typeof raw === 'string' ? raw.replace(/\u0000/g, '').trim() : '');
const int = (raw: unknown, min: number, max: number): number | null => {
  const s = String(raw ?? '').trim();
  return /^\d{1,3}$/.test(s) && Number(s) >= min && Number(s) <= max ? Number(s) : null;
};

export type TemplateInput = { category?: string; name?: string; basis?: string; cadence?: string; dueDay?: string; afterDays?: string; publicityDays?: string; shared?: string; active?: string };

function validateTemplate(input: TemplateInput) {
  const p = new FieldProblems();
  const category = VG_CATEGORIES.find((c) => c === input.category);
  if (!category) p.add('category', '请选择公开类别（党务、村务、事务或财务）。');
  const name = text(input.name);
  if (!name || name.length > 200) p.add('name', '请填写公开事项名称（200 字以内）。');
  const basis = text(input.basis);
  if (basis.length > 300) p.add('basis', '依据不能超过 300 字。');
  const cadence = VG_CADENCES.find((c) => c === input.cadence);
  if (!cadence) p.add('cadence', '请选择公开时限。');
  const dueDay = int(input.dueDay || '20', 1, 28);
  if (dueDay == null) p.add('dueDay', '到期日应为 1 至 28 之间的整数（下一个月的第几日）。');
  const afterDays = int(input.afterDays || '5', 1, 60);
  if (afterDays == null) p.add('afterDays', '批复后公开天数应为 1 至 60 之间的整数。');
  const publicityDays = int(input.publicityDays || '7', 1, 90);
  if (publicityDays == null) p.add('publicityDays', '公示天数应为 1 至 90 之间的整数。');
  const shared = input.shared ? VG_SHARED.find((s) => s === input.shared) : null;
  if (input.shared && !shared) p.add('shared', '请选择与政府目录一致的事项，或留空。');
  p.done();
  return { category: category!, name, basis, cadence: cadence!, dueDay: dueDay!, afterDays: afterDays!, publicityDays: publicityDays!, shared: shared ?? null, active: input.active !== '0' };
}

/** The top government's office adds or edits a template row; village lists made later use it. */
export async function saveTemplate(ctx: Ctx, id: number | null, input: TemplateInput): Promise<number> {
  const actor = requireTopGovernment(requireRole(ctx.actor, 'office', 'admin'));
  const clean = validateTemplate(input);
  return ctx.db.transaction(async (tx) => {
    if (id == null) {
      const [row] = await tx.insert(vgTemplates).values({ ...clean, sort: 100 }).returning();
      await recordAudit(tx, auditActor(actor), { action: 'village.template_saved', targetType: 'vg_template', targetId: row!.id, after: clean });
      return row!.id;
    }
    const [before] = await tx.select().from(vgTemplates).where(eq(vgTemplates.id, id));
    if (!before) throw notFound('公开事项模板');
    await tx.update(vgTemplates).set({ ...clean, updatedAt: new Date() }).where(eq(vgTemplates.id, id));
    await recordAudit(tx, auditActor(actor), { action: 'village.template_saved', targetType: 'vg_template', targetId: id, before, after: clean });
    return id;
  });
}

/**
 * Makes (or completes) a village's list from the active template rows: the village's clerk or the
 * office. Rows already on the list are kept as they are; `startsOn` is the first day it answers for.
 */
export async function makeVillageList(ctx: Ctx, villageId: number, opts: { startsOn?: string } = {}): Promise<number> {
  const { actor, place } = await requirePlace(ctx.db, ctx.actor, villageId);
  if (!isVillage(place)) throw notFound('村（居）');
  const office = officeActs(actor, place);
  if (!isClerk(actor, villageId) && !office) throw forbidden('村（居）务公开目录由本村（社区）村务工作人员或政务公开办按模板生成。');
  const startsOn = opts.startsOn ?? todayInShanghai();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.select().from(vgTemplates).where(eq(vgTemplates.active, true)).orderBy(asc(vgTemplates.sort), asc(vgTemplates.id));
    const added = rows.length ? await tx.insert(vgMatters).values(rows.map((t) => ({ villageId, templateId: t.id, category: t.category, name: t.name, cadence: t.cadence, dueDay: t.dueDay, afterDays: t.afterDays, publicityDays: t.publicityDays, shared: t.shared, startsOn }))).onConflictDoNothing().returning({ id: vgMatters.id }) : [];
    await recordAudit(tx, auditActor(actor), { action: 'village.list_made', targetType: 'vg_village', targetId: villageId, after: { added: added.length, startsOn } });
    return added.length;
  });
}

/** A village's list (for anyone who reads the village). */
export async function villageMatters(ctx: Ctx, villageId: number): Promise<MatterRow[]> {
  await requirePlace(ctx.db, ctx.actor, villageId);
  return mattersOf(ctx.db, villageId);
}
export const mattersOf = (db: Exec, villageId: number) =>
  db.select().from(vgMatters).where(and(eq(vgMatters.villageId, villageId), eq(vgMatters.active, true))).orderBy(asc(vgMatters.templateId));

/** The top government's office sets the days a clerk has to answer a return by the 监委会 (and an objection). */
export async function updateAnswerDays(ctx: Ctx, raw: string): Promise<number> {
  const actor = requireTopGovernment(requireRole(ctx.actor, 'office', 'admin'));
  const next = int(raw, 1, 30);
  if (next == null) { const p = new FieldProblems(); p.add('answerDays', '答复期限应为 1 至 30 之间的整数（天）。'); p.done(); }
  return ctx.db.transaction(async (tx) => {
    const before = await answerDays(tx);
    await tx.insert(vgSettings).values({ id: 1, answerDays: next! }).onConflictDoUpdate({ target: vgSettings.id, set: { answerDays: next!, updatedAt: new Date() } });
    await recordAudit(tx, auditActor(actor), { action: 'village.settings_updated', targetType: 'vg_settings', targetId: 1, before: { answerDays: before }, after: { answerDays: next } });
    return next!;
  });
}
