// The 重大行政决策事项目录 (国务院令第713号 第十条): per government and year, kept by the office,
// published after the Party committee agrees. An adjustment is a new version; all stay visible.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { FieldProblems, forbidden, invalid, notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { isIsoDate } from '../../core/calendar/dates.js';
import { MATTER_CATEGORIES, partConsultations, partMatters, partMatterVersions, type MatterCategory } from './schema.js';
import { keepsCatalog } from './policy.js';

export type MatterVersion = typeof partMatterVersions.$inferSelect & { undertakerName: string };
export type Matter = typeof partMatters.$inferSelect & { current: MatterVersion; versions: MatterVersion[] };

type MatterInput = { title: string; category: MatterCategory; undertakerId: number; hearingRequired: boolean; riskAssessmentRequired: boolean; partyAgreedOn: string | null; publishedOn: string | null; changeNote: string; withdrawn: boolean };

function parseMatter(raw: Record<string, string | undefined>, adjusting: boolean): MatterInput & { year: number; documentId: number | null } {
  const p = new FieldProblems();
  const title = (raw.title ?? '').trim();
  if (!title) p.add('title', '请填写决策事项名称。');
  else if (title.length > 300) p.add('title', '事项名称不超过 300 个字。');
  const category = raw.category as MatterCategory;
  if (!MATTER_CATEGORIES.includes(category)) p.add('category', '请选择事项类别（国务院令第713号第三条）。');
  const u = (raw.undertakerId ?? '').trim();
  if (!/^[1-9]\d{0,8}$/.test(u)) p.add('undertakerId', '请选择承办单位。');
  const date = (k: 'partyAgreedOn' | 'publishedOn', label: string) => {
    const s = (raw[k] ?? '').trim();
    if (!s) return null;
    if (!isIsoDate(s)) { p.add(k, `${label}格式不正确，应为“年-月-日”。`); return null; }
    return s;
  };
  const partyAgreedOn = date('partyAgreedOn', '党委同意日期');
  const publishedOn = date('publishedOn', '公布日期');
  if (publishedOn && !partyAgreedOn) p.add('partyAgreedOn', '目录经同级党委同意后才能公布，请填写党委同意日期。');
  if (publishedOn && partyAgreedOn && publishedOn < partyAgreedOn) p.add('publishedOn', '公布日期不能早于党委同意日期。');
  const year = Number((raw.year ?? '').trim());
  if (!adjusting && (!Number.isInteger(year) || year < 2000 || year > 2100)) p.add('year', '年度不正确。');
  const changeNote = (raw.changeNote ?? '').trim();
  if (adjusting && !changeNote) p.add('changeNote', '请说明调整的内容和理由（将公开显示在调整记录中）。');
  if (changeNote.length > 1000) p.add('changeNote', '调整说明不超过 1000 个字。');
  const d = (raw.documentId ?? '').trim();
  p.done();
  return { title, category, undertakerId: Number(u), hearingRequired: raw.hearingRequired === 'on', riskAssessmentRequired: raw.riskAssessmentRequired === 'on', partyAgreedOn, publishedOn, changeNote, withdrawn: raw.withdrawn === 'on', year, documentId: /^[1-9]\d{0,8}$/.test(d) ? Number(d) : null };
}

async function checkUndertaker(db: Exec, govId: number, id: number) {
  const [a] = await db.select({ govId: agencies.govId }).from(agencies).where(eq(agencies.id, id));
  const msg = '承办单位应为本级政府或其所属部门。';
  if (!a || a.govId !== govId) throw invalid(msg, { fields: { undertakerId: msg } });
}

/** A new matter in the office's government's catalog. */
export async function createMatter(ctx: Ctx, raw: Record<string, string | undefined>): Promise<number> {
  const actor = requireRole(ctx.actor, 'office', 'admin');
  const govId = actor.placement.govId;
  const v = parseMatter(raw, false);
  await checkUndertaker(ctx.db, govId, v.undertakerId);
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx.insert(partMatters).values({ govId, year: v.year, documentId: v.documentId }).returning({ id: partMatters.id });
    const { year: _y, documentId: _d, ...ver } = v;
    await tx.insert(partMatterVersions).values({ ...ver, changeNote: '', matterId: m!.id, version: 1, createdBy: actor.userId });
    await recordAudit(tx, auditActor(actor), { action: 'participation.matter_created', targetType: 'part_matter', targetId: m!.id, after: { title: v.title, year: v.year } });
    return m!.id;
  });
}

/** An adjustment: a new version with its reason; the earlier versions stay as they were. */
export async function adjustMatter(ctx: Ctx, matterId: number, raw: Record<string, string | undefined>): Promise<void> {
  const actor = requireRole(ctx.actor, 'office', 'admin');
  const v = parseMatter(raw, true);
  await ctx.db.transaction(async (tx) => {
    const [m] = await tx.select().from(partMatters).where(eq(partMatters.id, matterId)).for('update');
    if (!m) throw notFound('决策事项');
    if (!keepsCatalog(actor, m.govId)) throw forbidden('决策事项目录由本级政府的政务公开办维护。');
    await checkUndertaker(tx, m.govId, v.undertakerId);
    const [last] = await tx.select({ version: partMatterVersions.version }).from(partMatterVersions).where(eq(partMatterVersions.matterId, matterId)).orderBy(desc(partMatterVersions.version)).limit(1);
    const { year: _y, documentId, ...ver } = v;
    await tx.insert(partMatterVersions).values({ ...ver, matterId, version: (last?.version ?? 0) + 1, createdBy: actor.userId });
    await tx.update(partMatters).set({ documentId }).where(eq(partMatters.id, matterId));
    await recordAudit(tx, auditActor(actor), { action: 'participation.matter_adjusted', targetType: 'part_matter', targetId: matterId, after: { version: (last?.version ?? 0) + 1, changeNote: v.changeNote } });
  });
}

async function withVersions(db: Exec, rows: (typeof partMatters.$inferSelect)[]): Promise<Matter[]> {
  if (!rows.length) return [];
  const vs = await db.select({ v: partMatterVersions, undertakerName: agencies.name }).from(partMatterVersions).innerJoin(agencies, eq(agencies.id, partMatterVersions.undertakerId))
    .where(inArray(partMatterVersions.matterId, rows.map((r) => r.id))).orderBy(asc(partMatterVersions.version));
  return rows.map((m) => {
    const versions = vs.filter((x) => x.v.matterId === m.id).map((x) => ({ ...x.v, undertakerName: x.undertakerName }));
    return { ...m, versions, current: versions.at(-1)! };
  });
}

/** A government's catalog for a year (public: only matters whose current version is published). */
export async function catalogOf(db: Db, govId: number, year: number, publicOnly: boolean): Promise<Matter[]> {
  const rows = await db.select().from(partMatters).where(and(eq(partMatters.govId, govId), eq(partMatters.year, year))).orderBy(asc(partMatters.id));
  const all = await withVersions(db, rows);
  return publicOnly ? all.filter((m) => m.versions.some((v) => v.publishedOn)) : all;
}

export async function catalogYears(db: Db, govId: number): Promise<number[]> {
  const rows = await db.selectDistinct({ year: partMatters.year }).from(partMatters).where(eq(partMatters.govId, govId)).orderBy(desc(partMatters.year));
  return rows.map((r) => r.year);
}

/** One matter with its history and its consultations (not drafts). Public: of the site's government, published. */
export async function matterPage(db: Db, id: number, govId: number | null, publicOnly: boolean) {
  const [m] = await db.select().from(partMatters).where(eq(partMatters.id, id));
  if (!m || (govId != null && m.govId !== govId)) throw notFound('决策事项');
  const [matter] = await withVersions(db, [m]);
  if (publicOnly && !matter!.versions.some((v) => v.publishedOn)) throw notFound('决策事项');
  const consultations = await db.select({ id: partConsultations.id, title: partConsultations.title, state: partConsultations.state, startsAt: partConsultations.startsAt, endsAt: partConsultations.endsAt })
    .from(partConsultations).where(and(eq(partConsultations.matterId, id), inArray(partConsultations.state, ['scheduled', 'open', 'closed', 'finished']))).orderBy(asc(partConsultations.startsAt));
  return { matter: matter!, consultations };
}

/** The matters of the office's government, for its staff pages and the consultation form's choice. */
export async function staffMatters(ctx: Ctx): Promise<Matter[]> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'admin');
  const rows = await ctx.db.select().from(partMatters).where(eq(partMatters.govId, actor.placement.govId)).orderBy(desc(partMatters.year), asc(partMatters.id));
  return withVersions(ctx.db, rows);
}
