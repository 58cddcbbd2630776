// What the public site shows: each village's (community's) 公开 in 公示 and its 村务档案, the
// township's shared records, the 四议两公开 cases; and villagers' objections during a 公示.
import { and, asc, count, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, FieldProblems, forbidden, notFound } from '../../core/errors.js';
import { todayInShanghai } from '../../core/calendar/dates.js';
import { agencies } from '../../core/org/schema.js';
import { agencyOfGovernment } from '../../core/org/scope.js';
import { isClerk, isVillage, placeOf, requirePlace, VILLAGE_KINDS, villagesOf, type Place } from './access.js';
import { rowsOfVillage, sharedRecordsFor, type DisclosureRow } from './disclosures.js';
import { publicCases, type PublicCase } from './cases.js';
import { vgDisclosures, vgObjections, type VgTable } from './schema.js';

const SHOWN = ['published', 'archived'] as const;

/** A place the public site of `govId` shows: a village, community or township of that government. */
async function publicPlace(db: Exec, govId: number | null, id: number): Promise<Place> {
  const p = await placeOf(db, id);
  if (!p || (govId != null && p.govId !== govId) || !(isVillage(p) || p.kind === 'township' || p.kind === 'street')) throw notFound('村（居）');
  return p;
}

export type TownshipIndex = { township: Place; villages: Place[] };
/** The site's townships with their villages and communities (the /cunwu index). */
export async function publicIndex(db: Db, govId: number | null): Promise<TownshipIndex[]> {
  const all = await db.select({ id: agencies.id, path: agencies.path, govId: agencies.govId, name: agencies.name, kind: agencies.kind, parentId: agencies.parentId }).from(agencies)
    .where(and(inArray(agencies.kind, ['township', 'street', ...VILLAGE_KINDS]), agencyOfGovernment(agencies.id, govId))).orderBy(asc(agencies.sort), asc(agencies.id));
  return all.filter((a) => a.kind === 'township' || a.kind === 'street').map((t) => ({ township: t, villages: all.filter((v) => isVillage(v) && v.parentId === t.id) })).filter((t) => t.villages.length);
}

/** A 公开 as the public sees it; a shared record shows the rows of the page's village, and a name list no longer after its 公示. */
export type PublicDisclosure = Pick<DisclosureRow, 'id' | 'agencyId' | 'category' | 'shared' | 'period' | 'title' | 'body' | 'state' | 'signedBy' | 'signedOn' | 'publishedOn' | 'publicityUntil'> & {
  table: VgTable | null; tableHidden: boolean; issuer: string; /** A township's record (its shared list), shown as such on a village page. */ byTownship: boolean; objections: number; answered: number; villageName?: (id: number | null) => string;
};

async function objectionCounts(db: Exec, ids: number[]): Promise<Map<number, { n: number; a: number }>> {
  const m = new Map<number, { n: number; a: number }>();
  if (!ids.length) return m;
  const all = await db.select({ id: vgObjections.disclosureId, n: count() }).from(vgObjections).where(inArray(vgObjections.disclosureId, ids)).groupBy(vgObjections.disclosureId);
  const ans = await db.select({ id: vgObjections.disclosureId, n: count() }).from(vgObjections).where(and(inArray(vgObjections.disclosureId, ids), isNotNull(vgObjections.answeredOn))).groupBy(vgObjections.disclosureId);
  for (const r of all) m.set(r.id, { n: r.n, a: ans.find((x) => x.id === r.id)?.n ?? 0 });
  return m;
}

function shape(d: DisclosureRow, issuer: string, byTownship: boolean, counts: Map<number, { n: number; a: number }>, forVillage?: number): PublicDisclosure {
  const table = d.shared && forVillage != null ? rowsOfVillage(d, forVillage) : d.table;
  const tableHidden = Boolean(d.shared) && d.state === 'archived';
  const c = counts.get(d.id) ?? { n: 0, a: 0 };
  return { id: d.id, agencyId: d.agencyId, category: d.category, shared: d.shared, period: d.period, title: d.title, body: d.body, state: d.state, signedBy: d.signedBy, signedOn: d.signedOn, publishedOn: d.publishedOn, publicityUntil: d.publicityUntil, table: tableHidden ? null : table, tableHidden, issuer, byTownship, objections: c.n, answered: c.a };
}

export type PublicPlacePage = { place: Place; township: Place | null; villages: Place[]; current: PublicDisclosure[]; archive: PublicDisclosure[]; cases: PublicCase[] };

/**
 * A village's page: its own published 公开 and the township's shared records that list it (read
 * from the township's record, not copied); a township's page: its shared records in full.
 */
export async function publicPlacePage(db: Db, govId: number | null, id: number): Promise<PublicPlacePage> {
  const place = await publicPlace(db, govId, id);
  const village = isVillage(place);
  const own = await db.select().from(vgDisclosures).where(and(eq(vgDisclosures.agencyId, place.id), inArray(vgDisclosures.state, [...SHOWN]))).orderBy(desc(vgDisclosures.publishedOn), desc(vgDisclosures.id));
  const shared = village ? await sharedRecordsFor(db, place) : [];
  const township = village && place.parentId ? await placeOf(db, place.parentId) : null;
  const counts = await objectionCounts(db, [...own, ...shared].map((d) => d.id));
  const all = [...own.map((d) => shape(d, place.name, !village, counts)), ...shared.map((d) => shape(d, township?.name ?? '', true, counts, place.id))]
    .sort((a, b) => (b.publishedOn ?? '').localeCompare(a.publishedOn ?? '') || b.id - a.id);
  return {
    place, township, villages: village ? [] : await villagesOf(db, place.id),
    current: all.filter((d) => d.state === 'published'), archive: all.filter((d) => d.state === 'archived'),
    cases: village ? await publicCases(db, place.id) : [],
  };
}

/** One published 公开 on the site (`villageId`: seen from that village's page, for a shared record). */
export async function publicDisclosure(db: Exec, govId: number | null, id: number, villageId?: number): Promise<PublicDisclosure & { place: Place; villages: Place[] }> {
  const [d] = await db.select().from(vgDisclosures).where(and(eq(vgDisclosures.id, id), inArray(vgDisclosures.state, [...SHOWN])));
  if (!d) throw notFound('村务公开');
  const place = await publicPlace(db, govId, d.agencyId);
  const forVillage = d.shared && villageId && d.table?.rows.some((r) => r.villageId === villageId) ? villageId : undefined;
  const villages = isVillage(place) ? [] : await villagesOf(db, place.id);
  return { ...shape(d, place.name, !isVillage(place), await objectionCounts(db, [d.id]), forVillage), place, villages };
}

export type ObjectionInput = { name?: string; contact?: string; content?: string };
const text = (raw: unknown) => (typeof raw === 'string' ? raw.replace(/\u0000/g, '').trim() : '');

/** A villager's objection to a 公开 during its 公示 (name and contact kept for the reply, never shown). */
export async function submitObjection(db: Db, id: number, input: ObjectionInput, opts: { today?: string; govId?: number | null } = {}): Promise<void> {
  const today = opts.today ?? todayInShanghai();
  const d = await publicDisclosure(db, opts.govId ?? null, id);
  if (d.state !== 'published' || !d.publicityUntil || today > d.publicityUntil) throw conflict('vg_publicity_over', '该公开的公示期已结束，不再受理异议。如有问题，请向村务监督委员会或乡镇（街道）反映。');
  const p = new FieldProblems();
  const name = text(input.name), contact = text(input.contact), content = text(input.content);
  if (!name || name.length > 50) p.add('name', '请填写姓名（50 字以内）。');
  if (!/^[0-9０-９+\-\s()（）]{7,20}$/.test(contact)) p.add('contact', '请填写联系电话（7 至 20 位数字），以便答复。');
  if (content.length < 5 || content.length > 2000) p.add('content', '请填写异议内容（5 至 2000 字），写明对哪一项有异议及理由。');
  p.done();
  const dup = await db.select({ id: vgObjections.id }).from(vgObjections).where(and(eq(vgObjections.disclosureId, id), eq(vgObjections.contact, contact), eq(vgObjections.content, content)));
  if (dup.length) throw conflict('vg_objection_duplicate', '已收到您的同一条异议，请勿重复提交。答复将通过您留下的电话告知。');
  await db.transaction(async (tx) => {
    const [row] = await tx.insert(vgObjections).values({ disclosureId: id, name, contact, content, receivedOn: today }).returning({ id: vgObjections.id });
    // The audit names the objection, never the villager.
    await recordAudit(tx, auditActor(null), { action: 'village.objection_received', targetType: 'vg_objection', targetId: row!.id, after: { disclosureId: id } });
  });
}

export type StaffObjection = typeof vgObjections.$inferSelect;
/** The objections to a 公开, for those who read its agency. */
export async function objectionsOf(ctx: Ctx, disclosureId: number): Promise<StaffObjection[]> {
  const [d] = await ctx.db.select({ agencyId: vgDisclosures.agencyId }).from(vgDisclosures).where(eq(vgDisclosures.id, disclosureId));
  if (!d) throw notFound('村务公开');
  await requirePlace(ctx.db, ctx.actor, d.agencyId);
  return ctx.db.select().from(vgObjections).where(eq(vgObjections.disclosureId, disclosureId)).orderBy(asc(vgObjections.id));
}

/** The clerk of the record's agency answers an objection. */
export async function answerObjection(ctx: Ctx, objectionId: number, input: { answer?: string }, opts: { today?: string } = {}): Promise<number> {
  const [o] = await ctx.db.select().from(vgObjections).where(eq(vgObjections.id, objectionId));
  if (!o) throw notFound('异议');
  const [d] = await ctx.db.select().from(vgDisclosures).where(eq(vgDisclosures.id, o.disclosureId));
  const { actor } = await requirePlace(ctx.db, ctx.actor, d!.agencyId);
  if (!isClerk(actor, d!.agencyId)) throw forbidden('异议由发布单位的村务工作人员答复。');
  if (o.answeredOn) throw conflict('vg_answered', '该异议已答复。');
  const answer = text(input.answer);
  if (!answer || answer.length > 2000) { const p = new FieldProblems(); p.add('answer', '请填写答复内容（2000 字以内）。'); p.done(); }
  await ctx.db.transaction(async (tx) => {
    await tx.update(vgObjections).set({ answer, answeredOn: opts.today ?? todayInShanghai() }).where(eq(vgObjections.id, objectionId));
    await recordAudit(tx, auditActor(actor), { action: 'village.objection_answered', targetType: 'vg_objection', targetId: objectionId, after: { disclosureId: d!.id } });
  });
  return d!.id;
}

/** The 公开 an objection belongs to (for those who read its agency). */
export async function disclosureIdOfObjection(ctx: Ctx, objectionId: number): Promise<number> {
  const [o] = await ctx.db.select({ d: vgObjections.disclosureId, agencyId: vgDisclosures.agencyId }).from(vgObjections).innerJoin(vgDisclosures, eq(vgDisclosures.id, vgObjections.disclosureId)).where(eq(vgObjections.id, objectionId));
  if (!o) throw notFound('异议');
  await requirePlace(ctx.db, ctx.actor, o.agencyId);
  return o.d;
}
