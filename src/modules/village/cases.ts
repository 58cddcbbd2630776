// 四议两公开: 村党组织提议 → 两委会议商议 → 党员大会审议 → 村民(代表)会议决议 → 决议公开 →
// 实施结果公开, each recorded in order with its date; the meetings with attendance and votes.
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { FieldProblems, forbidden, notFound } from '../../core/errors.js';
import { isIsoDate, todayInShanghai } from '../../core/calendar/dates.js';
import { isClerk, isVillage, requirePlace } from './access.js';
import { MEETING_STEPS, STEP_LABELS } from './rules.js';
import { VG_STEPS, vgCases, vgCaseSteps, type VgStep } from './schema.js';

export type CaseRow = typeof vgCases.$inferSelect;
export type StepRow = typeof vgCaseSteps.$inferSelect;
export type CaseView = CaseRow & { steps: StepRow[]; next: VgStep | null };
const text = (raw: unknown) => (typeof raw === 'string' ? raw.replace(/\u0000/g, '').trim() : '');

const nextStep = (steps: StepRow[]): VgStep | null => VG_STEPS.find((s) => !steps.some((x) => x.step === s)) ?? null;

/** The village's clerk opens a case with its subject (村规民约修订, 土地流转, 集体项目 …). */
export async function createCase(ctx: Ctx, villageId: number, input: { title?: string }): Promise<number> {
  const { actor, place } = await requirePlace(ctx.db, ctx.actor, villageId);
  if (!isVillage(place) || !isClerk(actor, villageId)) throw forbidden('“四议两公开”事项由本村（社区）村务工作人员登记。');
  const title = text(input.title);
  if (!title || title.length > 200) { const p = new FieldProblems(); p.add('title', '请填写决策事项名称（200 字以内）。'); p.done(); }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(vgCases).values({ villageId, title }).returning();
    await recordAudit(tx, auditActor(actor), { action: 'village.case_created', targetType: 'vg_case', targetId: row!.id, after: { title } });
    return row!.id;
  });
}

export type StepInput = { step?: string; on?: string; attendees?: string; eligible?: string; votesFor?: string; votesAgainst?: string; abstentions?: string; note?: string };
const num = (s: unknown) => { const t = String(s ?? '').trim(); return /^\d{1,6}$/.test(t) ? Number(t) : null; };

/**
 * Records the next step. Steps go in order, on dates that do not go back; a meeting records who
 * was entitled, who attended and the votes (党员大会: at least 2/3 present and more than half of
 * those present approving; the 决议 more than half).
 */
export async function recordStep(ctx: Ctx, caseId: number, input: StepInput, opts: { today?: string } = {}): Promise<void> {
  const today = opts.today ?? todayInShanghai();
  await ctx.db.transaction(async (tx) => {
    const [c] = await tx.select().from(vgCases).where(eq(vgCases.id, caseId)).for('update');
    if (!c) throw notFound('决策事项');
    const { actor } = await requirePlace(tx, ctx.actor, c.villageId);
    if (!isClerk(actor, c.villageId)) throw forbidden('“四议两公开”各步骤由本村（社区）村务工作人员登记。');
    const steps = await tx.select().from(vgCaseSteps).where(eq(vgCaseSteps.caseId, caseId));
    const next = nextStep(steps);
    const p = new FieldProblems();
    if (!next) p.add('step', '六个步骤都已登记。');
    else if (input.step !== next) p.add('step', `须按顺序登记，下一步是“${STEP_LABELS[next]}”。`);
    const on = text(input.on);
    const last = steps.map((s) => s.on).sort().at(-1);
    if (!isIsoDate(on) || on > today || (last && on < last)) p.add('on', `请填写正确的日期（年-月-日，不晚于今天${last ? `，不早于上一步的 ${last}` : ''}）。`);
    const note = text(input.note);
    if (note.length > 2000) p.add('note', '内容不能超过 2000 字。');
    const meeting = next != null && MEETING_STEPS.includes(next);
    const [eligible, attendees, votesFor, votesAgainst, abstentions] = [num(input.eligible), num(input.attendees), num(input.votesFor), num(input.votesAgainst), num(input.abstentions)];
    if (meeting) {
      if (!eligible || attendees == null || attendees > eligible) p.add('attendees', '请填写应到和实到人数（实到不超过应到）。');
      else if (votesFor == null || votesAgainst == null || abstentions == null || votesFor + votesAgainst + abstentions > attendees) p.add('votesFor', '请填写赞成、反对、弃权票数，合计不超过实到人数。');
      else if (next === 'partyReview' && attendees * 3 < eligible * 2) p.add('attendees', '党员大会须有三分之二以上党员到会。');
      else if ((next === 'partyReview' || next === 'resolution') && votesFor * 2 <= attendees) p.add('votesFor', '赞成票未超过到会人数的一半，决议未通过，不能进入下一步。');
    }
    if ((next === 'resolutionPublic' || next === 'resultPublic' || next === 'proposal') && !note) p.add('note', next === 'proposal' ? '请填写提议内容。' : '请填写公开的内容（决议内容或实施结果）。');
    p.done();
    await tx.insert(vgCaseSteps).values({ caseId, step: next!, on, note, ...(meeting ? { eligible, attendees, votesFor, votesAgainst, abstentions } : {}) });
    await recordAudit(tx, auditActor(actor), { action: 'village.case_step', targetType: 'vg_case', targetId: caseId, after: { step: next, on } });
  });
}

const withSteps = async (db: Exec, cases: CaseRow[]): Promise<CaseView[]> => {
  const steps = cases.length ? await db.select().from(vgCaseSteps).where(inArray(vgCaseSteps.caseId, cases.map((c) => c.id))).orderBy(asc(vgCaseSteps.id)) : [];
  return cases.map((c) => { const s = steps.filter((x) => x.caseId === c.id).sort((a, b) => VG_STEPS.indexOf(a.step) - VG_STEPS.indexOf(b.step)); return { ...c, steps: s, next: nextStep(s) }; });
};

export async function casesOf(ctx: Ctx, villageId: number): Promise<CaseView[]> {
  await requirePlace(ctx.db, ctx.actor, villageId);
  return withSteps(ctx.db, await ctx.db.select().from(vgCases).where(eq(vgCases.villageId, villageId)).orderBy(desc(vgCases.id)));
}
export async function getCase(ctx: Ctx, id: number): Promise<CaseView> {
  const [c] = await ctx.db.select().from(vgCases).where(eq(vgCases.id, id));
  if (!c) throw notFound('决策事项');
  await requirePlace(ctx.db, ctx.actor, c.villageId);
  return (await withSteps(ctx.db, [c]))[0]!;
}

/** Public: the cases whose 决议 has been published, with their steps. */
export type PublicCase = CaseView;
export async function publicCases(db: Exec, villageId: number): Promise<PublicCase[]> {
  const all = await withSteps(db, await db.select().from(vgCases).where(eq(vgCases.villageId, villageId)).orderBy(desc(vgCases.id)));
  return all.filter((c) => c.steps.some((s) => s.step === 'resolutionPublic'));
}
