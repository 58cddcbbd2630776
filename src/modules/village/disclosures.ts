// A 公开 from draft to 村务档案: the clerk drafts, the 村务监督委员会 signs it or returns it with a
// reason (answered within the set days), the clerk publishes, the 公示 runs, then it is archived.
// A shared matter (低保名单 …) is one record of the township, its rows naming their villages.
import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import type { Actor } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, FieldProblems, forbidden, notFound } from '../../core/errors.js';
import { addDays, isIsoDate, todayInShanghai } from '../../core/calendar/dates.js';
import { isClerk, isSupervisor, isVillage, placeOf, requirePlace, villagesOf, type Place } from './access.js';
import { isPeriod, publicityEnd, STATE_LABELS } from './rules.js';
import { answerDays } from './templates.js';
import { vgDisclosures, vgMatters, vgReviews, vgTemplates, type VgState, type VgTable } from './schema.js';

export type DisclosureRow = typeof vgDisclosures.$inferSelect;
export type Action = 'submit' | 'return' | 'answer' | 'sign' | 'publish' | 'archive';
/** The state machine: which states each action leaves from, where it goes, and who does it. */
export const TRANSITIONS: Record<Action, { from: readonly VgState[]; to: VgState; by: 'clerk' | 'supervisor' | 'system' }> = {
  submit: { from: ['draft'], to: 'review', by: 'clerk' },
  return: { from: ['review'], to: 'returned', by: 'supervisor' },
  answer: { from: ['returned'], to: 'review', by: 'clerk' },
  sign: { from: ['review'], to: 'signed', by: 'supervisor' },
  publish: { from: ['signed'], to: 'published', by: 'clerk' },
  archive: { from: ['published'], to: 'archived', by: 'system' },
};
export const ACTION_LABELS: Record<Action, string> = { submit: '提交监委会审核', return: '退回', answer: '答复并重新提交', sign: '审核签字', publish: '发布公示', archive: '归档' };

const text = (raw: unknown) => (typeof raw === 'string' ? raw.replace(/\u0000/g, '').trim() : '');
const MAX_ROWS = 500, MAX_COLS = 12, MAX_CELL = 200;
export const VILLAGE_COLUMN = '村（社区）';

/**
 * Reads a table typed as lines of cells split by `|`, `｜` or tabs, the first line the header. For
 * a township's shared record the first column is the village, matched by name to its villages.
 */
export function parseTable(raw: string, villages: Place[] | null, p: FieldProblems): VgTable | null {
  const lines = raw.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (!lines.length) return null;
  const split = (l: string) => l.split(/[|｜\t]/).map((c) => c.trim());
  const head = split(lines[0]!);
  if (lines.length - 1 > MAX_ROWS || head.length > MAX_COLS) { p.add('table', `表格最多 ${MAX_ROWS} 行、${MAX_COLS} 列。`); return null; }
  if (head.some((c) => !c || c.length > MAX_CELL)) { p.add('table', '表头每一列都要有名称（200 字以内），列之间用“|”分隔。'); return null; }
  const rows: VgTable['rows'] = [];
  for (const [i, l] of lines.slice(1).entries()) {
    const cells = split(l);
    if (cells.length !== head.length) { p.add('table', `第 ${i + 2} 行有 ${cells.length} 列，表头有 ${head.length} 列，请核对。`); return null; }
    if (cells.some((c) => c.length > MAX_CELL)) { p.add('table', `第 ${i + 2} 行有超过 200 字的单元格。`); return null; }
    if (villages) {
      const v = villages.find((x) => x.name === cells[0]);
      if (!v) { p.add('table', `第 ${i + 2} 行的“${cells[0]!.slice(0, 20)}”不是本乡镇的村（社区），第一列请填写村（社区）名称。`); return null; }
      rows.push({ villageId: v.id, cells: cells.slice(1) });
    } else rows.push({ villageId: null, cells });
  }
  if (!rows.length) { p.add('table', '表格只有表头，请填写内容行，或清空表格。'); return null; }
  return villages ? { head: head.slice(1), rows } : { head, rows };
}

/** The table back as typed text (for the edit form). */
export const tableText = (t: VgTable | null, villages: Place[] | null): string => {
  if (!t) return '';
  const name = (id: number | null) => villages?.find((v) => v.id === id)?.name ?? '';
  return [villages ? [VILLAGE_COLUMN, ...t.head] : t.head, ...t.rows.map((r) => (villages ? [name(r.villageId), ...r.cells] : r.cells))].map((c) => c.join(' | ')).join('\n');
};

export type DraftInput = { agencyId?: string | number; matterId?: string | number; templateId?: string | number; period?: string; title?: string; body?: string; table?: string; approvalOn?: string };

type Source = { templateId: number; matterId: number | null; category: DisclosureRow['category']; shared: DisclosureRow['shared']; cadence: string; publicityDays: number; name: string };

/** What the draft is a 公开 of: a matter of the village's list, or (a township) a shared template row. */
async function sourceOf(db: Exec, place: Place, input: DraftInput): Promise<Source> {
  if (isVillage(place)) {
    const [m] = await db.select().from(vgMatters).where(and(eq(vgMatters.id, Number(input.matterId) || -1), eq(vgMatters.villageId, place.id)));
    if (!m) { const p = new FieldProblems(); p.add('matterId', '请选择本村（社区）公开目录中的事项。'); p.done(); }
    return { templateId: m!.templateId, matterId: m!.id, category: m!.category, shared: m!.shared, cadence: m!.cadence, publicityDays: m!.publicityDays, name: m!.name };
  }
  const [t] = await db.select().from(vgTemplates).where(eq(vgTemplates.id, Number(input.templateId) || -1));
  if (!t || !t.shared) { const p = new FieldProblems(); p.add('templateId', '乡镇（街道）录入的是与政府目录一致的事项，请选择低保名单、残疾人两项补贴、涉农补贴或征地补偿。'); p.done(); }
  return { templateId: t!.id, matterId: null, category: t!.category, shared: t!.shared, cadence: t!.cadence, publicityDays: t!.publicityDays, name: t!.name };
}

async function validateDraft(db: Exec, place: Place, src: Source, input: DraftInput, today: string) {
  const p = new FieldProblems();
  const period = normalisePeriod(text(input.period));
  if (!isPeriod(src.cadence as never, period)) p.add('period', src.cadence === 'quarterly' ? '请填写公开所属季度，如 2026-Q3。' : src.cadence === 'monthly' ? '请填写公开所属月份，如 2026-09。' : '随时公开和批复后公开的事项不填所属期间。');
  const title = text(input.title) || `${place.name}${src.name}`;
  if (title.length > 200) p.add('title', '标题不能超过 200 字。');
  const body = text(input.body);
  if (body.length > 20000) p.add('body', '公开内容不能超过 20000 字。');
  const villages = isVillage(place) ? null : await villagesOf(db, place.id);
  const table = parseTable(text(input.table), villages, p);
  if (!body && !table) p.add('body', '请填写公开内容或表格。');
  if (villages && !table) p.add('table', '乡镇录入的名单须有表格，第一列为村（社区）名称。');
  const approvalOn = text(input.approvalOn) || null;
  if (src.cadence === 'afterApproval' && (!approvalOn || !isIsoDate(approvalOn) || approvalOn > today)) p.add('approvalOn', '请填写批复日期（年-月-日，不晚于今天）：须在批复后规定天数内公开。');
  if (src.cadence !== 'afterApproval' && approvalOn && !isIsoDate(approvalOn)) p.add('approvalOn', '批复日期格式应为年-月-日。');
  p.done();
  return { period, title, body, table, approvalOn };
}

/** 2026q3, 2026Q3 → 2026-Q3; 2026-9, 2026年9月, 2026/09 → 2026-09; anything else as typed. */
export function normalisePeriod(raw: string): string {
  const q = /^(\d{4})\s*[-年]?\s*(?:[Qq]|第)([1-4一二三四])(?:季度)?$/.exec(raw);
  if (q) return `${q[1]}-Q${'1234'.includes(q[2]!) ? q[2] : '一二三四'.indexOf(q[2]!) + 1}`;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(raw);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2]!.padStart(2, '0')}`;
  return raw;
}

const snapshot = (d: DisclosureRow) => ({ state: d.state, period: d.period, title: d.title, rows: d.table?.rows.length ?? 0 });

/** The village's clerk (or, for a shared matter, the township's editor) drafts a 公开. */
export async function createDisclosure(ctx: Ctx, input: DraftInput, opts: { today?: string } = {}): Promise<number> {
  const { actor, place } = await requirePlace(ctx.db, ctx.actor, Number(input.agencyId) || -1);
  if (!isClerk(actor, place.id)) throw forbidden('只有本村（社区）的村务工作人员可以起草村务公开；乡镇（街道）工作人员录入与政府目录一致的名单。');
  const src = await sourceOf(ctx.db, place, input);
  const clean = await validateDraft(ctx.db, place, src, input, opts.today ?? todayInShanghai());
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(vgDisclosures).values({ agencyId: place.id, matterId: src.matterId, templateId: src.templateId, category: src.category, shared: src.shared, publicityDays: src.publicityDays, ...clean, createdBy: actor.userId }).returning();
    await recordAudit(tx, auditActor(actor), { action: 'village.drafted', targetType: 'vg_disclosure', targetId: row!.id, after: snapshot(row!) });
    return row!.id;
  });
}

type Access = { actor: Actor; d: DisclosureRow; place: Place };
async function access(db: Exec, actorIn: Actor | null, id: number, lock = false): Promise<Access> {
  const q = db.select().from(vgDisclosures).where(eq(vgDisclosures.id, id));
  const [d] = lock ? await q.for('update') : await q;
  if (!d) throw notFound('村务公开');
  const { actor, place } = await requirePlace(db, actorIn, d.agencyId);
  return { actor, d, place };
}

/** The clerk edits a draft or a returned 公开 (the 监委会's reason stays on record). */
export async function updateDisclosure(ctx: Ctx, id: number, input: DraftInput, opts: { today?: string } = {}): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const a = await access(tx, ctx.actor, id, true);
    if (!isClerk(a.actor, a.d.agencyId)) throw forbidden('只有起草单位的村务工作人员可以修改。');
    if (a.d.state !== 'draft' && a.d.state !== 'returned') throw conflict('vg_state', '只有草稿或被监委会退回的公开可以修改。');
    const src = { templateId: a.d.templateId, matterId: a.d.matterId, category: a.d.category, shared: a.d.shared, publicityDays: a.d.publicityDays, name: '', cadence: await cadenceOf(tx, a.d.templateId) };
    const clean = await validateDraft(tx, a.place, src, input, opts.today ?? todayInShanghai());
    const [row] = await tx.update(vgDisclosures).set({ ...clean, updatedAt: new Date() }).where(eq(vgDisclosures.id, id)).returning();
    await recordAudit(tx, auditActor(a.actor), { action: 'village.updated', targetType: 'vg_disclosure', targetId: id, before: snapshot(a.d), after: snapshot(row!) });
  });
}
const cadenceOf = async (db: Exec, templateId: number) => (await db.select({ c: vgTemplates.cadence }).from(vgTemplates).where(eq(vgTemplates.id, templateId)))[0]?.c ?? 'asNeeded';

/**
 * Moves a 公开 along the state machine. `note`: the reason of a return (required), the clerk's
 * answer to it (required). Signing records who signed; publishing starts the 公示 period.
 */
export async function transition(ctx: Ctx, id: number, action: Exclude<Action, 'archive'>, input: { note?: string } = {}, opts: { today?: string } = {}): Promise<void> {
  const today = opts.today ?? todayInShanghai();
  await ctx.db.transaction(async (tx) => {
    const a = await access(tx, ctx.actor, id, true);
    const t = TRANSITIONS[action];
    const allowed = t.by === 'clerk' ? isClerk(a.actor, a.d.agencyId) : isSupervisor(a.actor, a.d.agencyId);
    if (!allowed) throw forbidden(t.by === 'clerk' ? '只有起草单位的村务工作人员可以执行此操作。' : '只有本村（社区）村务监督委员会可以审核（乡镇录入的名单由乡镇审核人员审核）。');
    if (!t.from.includes(a.d.state)) throw conflict('vg_state', `当前状态为“${STATE_LABELS[a.d.state]}”，不能${ACTION_LABELS[action]}。`);
    const note = text(input.note);
    const p = new FieldProblems();
    if (action === 'return' && (!note || note.length > 1000)) p.add('note', '请填写退回理由（1000 字以内），说明需要补正或说明的内容。');
    if (action === 'answer' && (!note || note.length > 1000)) p.add('note', '请填写对监委会退回意见的答复（1000 字以内）。');
    if ((action === 'sign' || action === 'submit' || action === 'publish') && note.length > 1000) p.add('note', '意见不能超过 1000 字。');
    p.done();
    const set: Partial<DisclosureRow> = { state: t.to, updatedAt: new Date() };
    if (action === 'return') Object.assign(set, { returnReason: note, answerDueOn: addDays(today, await answerDays(tx)), clerkAnswer: '' });
    if (action === 'answer') Object.assign(set, { clerkAnswer: note });
    if (action === 'sign') Object.assign(set, { signedBy: a.actor.name, signedOn: today });
    if (action === 'publish') Object.assign(set, { publishedOn: today, publicityUntil: publicityEnd(today, a.d.publicityDays) });
    await tx.update(vgDisclosures).set(set).where(eq(vgDisclosures.id, id));
    await tx.insert(vgReviews).values({ disclosureId: id, action, note, userName: a.actor.name, on: today });
    await recordAudit(tx, auditActor(a.actor), { action: `village.${action === 'return' ? 'returned' : action === 'answer' ? 'answered' : action === 'sign' ? 'signed' : action === 'submit' ? 'submitted' : 'published'}`, targetType: 'vg_disclosure', targetId: id, before: { state: a.d.state }, after: { state: t.to, note: note || undefined } });
  });
}

/** Archives every 公开 whose 公示 ended before `today` (村务档案); safe to run in several instances. */
export async function archiveEnded(db: Db, today = todayInShanghai()): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.update(vgDisclosures).set({ state: 'archived', updatedAt: new Date() }).where(and(eq(vgDisclosures.state, 'published'), lt(vgDisclosures.publicityUntil, today))).returning({ id: vgDisclosures.id });
    for (const r of rows) {
      await tx.insert(vgReviews).values({ disclosureId: r.id, action: 'archive', note: '公示期满，转入村务档案', userName: '系统', on: today });
      await recordAudit(tx, auditActor(null), { action: 'village.archived', targetType: 'vg_disclosure', targetId: r.id, before: { state: 'published' }, after: { state: 'archived' } });
    }
    return rows.length;
  });
}

export type StaffDisclosure = DisclosureRow & { agencyName: string; reviews: (typeof vgReviews.$inferSelect)[]; mayClerk: boolean; maySupervise: boolean; villages: Place[] | null };

export async function getDisclosure(ctx: Ctx, id: number): Promise<StaffDisclosure> {
  const a = await access(ctx.db, ctx.actor, id);
  const reviews = await ctx.db.select().from(vgReviews).where(eq(vgReviews.disclosureId, id)).orderBy(asc(vgReviews.at), asc(vgReviews.id));
  return { ...a.d, agencyName: a.place.name, reviews, mayClerk: isClerk(a.actor, a.d.agencyId), maySupervise: isSupervisor(a.actor, a.d.agencyId), villages: isVillage(a.place) ? null : await villagesOf(ctx.db, a.place.id) };
}

/** The 公开 of one village or township (every state), newest first, for those who read it. */
export async function disclosuresOf(ctx: Ctx, agencyId: number, states?: readonly VgState[]): Promise<DisclosureRow[]> {
  await requirePlace(ctx.db, ctx.actor, agencyId);
  return ctx.db.select().from(vgDisclosures).where(and(eq(vgDisclosures.agencyId, agencyId), states ? inArray(vgDisclosures.state, [...states]) : undefined)).orderBy(desc(vgDisclosures.id));
}

/** The township's published shared records (public: published or archived) that have rows of the village. */
export async function sharedRecordsFor(db: Exec, village: Place): Promise<DisclosureRow[]> {
  if (village.parentId == null) return [];
  const rows = await db.select().from(vgDisclosures).where(and(eq(vgDisclosures.agencyId, village.parentId), inArray(vgDisclosures.state, ['published', 'archived']))).orderBy(desc(vgDisclosures.publishedOn), desc(vgDisclosures.id));
  return rows.filter((d) => d.shared && d.table?.rows.some((r) => r.villageId === village.id));
}

/** The shared record's rows of one village (what its page and board show). */
export const rowsOfVillage = (d: DisclosureRow, villageId: number): VgTable | null =>
  d.table ? { head: d.table.head, rows: d.table.rows.filter((r) => r.villageId === villageId) } : null;

export { placeOf };
