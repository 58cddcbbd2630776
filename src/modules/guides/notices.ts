// 一次性告知单: at the window, staff tick what the applicant brought; the form lists every missing
// material with its requirements, the limits, fees and contacts, and is kept with a number unique
// per government and year (示范县告〔2026〕0001号). The number comes from a counter row bumped in the
// issuing transaction: concurrent issues wait on the row, and a rolled-back issue leaves no gap.
import { and, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { requireRole } from '../../core/auth/actor.js';
import { FieldProblems, notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import { todayInShanghai, yearOf } from '../../core/calendar/dates.js';
import type { Fee, Material, TimeLimit } from './elements.js';
import { publishedGuide } from './public.js';
import { getItem, STAFF_ROLES } from './service.js';
import { guideNoticeCounters, guideNotices } from './schema.js';

export type NoticeData = {
  itemName: string; code: string; agencyName: string; brought: string[]; missing: Material[];
  legalLimit: TimeLimit; promisedLimit: TimeLimit; fees: Fee[]; consult: string; complaint: string; place: string; hours: string; staffName: string; note: string;
};
export type NoticeRow = Omit<typeof guideNotices.$inferSelect, 'data'> & { data: NoticeData };

/** 示范县人民政府 → 示范县 (the issuing government's short name in the number). */
export const govShortName = (name: string): string => name.replace(/人民政府$/, '') || name;
export const noticeNumber = (gov: string, year: number, seq: number): string => `${govShortName(gov)}告〔${year}〕${String(seq).padStart(4, '0')}号`;

/**
 * Issues the 告知单 of a published item: `brought` are the names of the materials the applicant
 * has; every other material is listed as missing. The staff of the item's agency or the office.
 */
export async function issueNotice(ctx: Ctx, itemId: number, input: { brought: string[]; note?: string }, opts: { today?: string } = {}): Promise<NoticeRow> {
  const actor = requireRole(ctx.actor, ...STAFF_ROLES);
  const item = await getItem(ctx, itemId);
  if (!item.mayEdit) throw notFound('办事指南');
  const guide = await publishedGuide(ctx.db, itemId);
  if (!guide) throw notFound('已发布的办事指南');
  const names = new Set(guide.data.materials.map((m) => m.name));
  const p = new FieldProblems();
  const brought = [...new Set(input.brought.map((b) => String(b)))];
  if (brought.some((b) => !names.has(b))) p.add('brought', '勾选的材料不在该事项的材料清单中，请刷新页面后重新勾选。');
  const note = String(input.note ?? '').replace(/\u0000/g, '').trim();
  if (note.length > 500) p.add('note', '备注不能超过 500 字。');
  if (brought.length === names.size) p.add('brought', '材料已经齐全，无需出具一次性告知单，可直接受理。');
  p.done();
  const today = opts.today ?? todayInShanghai();
  const year = yearOf(today);
  const [gov] = await ctx.db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, guide.govId));
  const data: NoticeData = {
    itemName: guide.name, code: guide.code, agencyName: guide.agencyName, brought: guide.data.materials.filter((m) => brought.includes(m.name)).map((m) => m.name),
    missing: guide.data.materials.filter((m) => !brought.includes(m.name)), legalLimit: guide.data.legalLimit, promisedLimit: guide.data.promisedLimit,
    fees: guide.data.fees, consult: guide.data.consult, complaint: guide.data.complaint, place: guide.data.place, hours: guide.data.hours, staffName: actor.name, note,
  };
  return ctx.db.transaction(async (tx) => {
    const [c] = await tx.insert(guideNoticeCounters).values({ govId: guide.govId, year, last: 1 })
      .onConflictDoUpdate({ target: [guideNoticeCounters.govId, guideNoticeCounters.year], set: { last: sql`${guideNoticeCounters.last} + 1` } }).returning();
    const seq = c!.last;
    const number = noticeNumber(gov?.name ?? '', year, seq);
    const [row] = await tx.insert(guideNotices).values({ govId: guide.govId, itemId, version: guide.version, year, seq, number, issuedOn: today, data, createdBy: actor.userId }).returning();
    await recordAudit(tx, auditActor(actor), { action: 'guides.notice_issued', targetType: 'guide_notice', targetId: row!.id, after: { number, itemId, missing: data.missing.length } });
    return row as NoticeRow;
  });
}

/** A kept 告知单, for the staff who may act on its item. */
export async function getNotice(ctx: Ctx, id: number): Promise<NoticeRow> {
  requireRole(ctx.actor, ...STAFF_ROLES);
  const [row] = await ctx.db.select().from(guideNotices).where(eq(guideNotices.id, id));
  if (!row) throw notFound('告知单');
  const item = await getItem(ctx, row.itemId).catch(() => null);
  if (!item?.mayEdit) throw notFound('告知单');
  return row as NoticeRow;
}

/** The 告知单 issued for an item, newest first. */
export async function noticesOfItem(ctx: Ctx, itemId: number): Promise<Pick<NoticeRow, 'id' | 'number' | 'issuedOn'>[]> {
  const item = await getItem(ctx, itemId);
  if (!item.mayEdit) return [];
  return ctx.db.select({ id: guideNotices.id, number: guideNotices.number, issuedOn: guideNotices.issuedOn }).from(guideNotices)
    .where(and(eq(guideNotices.itemId, itemId))).orderBy(desc(guideNotices.id)).limit(50);
}
