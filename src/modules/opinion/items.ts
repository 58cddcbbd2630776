// 政务舆情回应 register (国办发〔2016〕61号, 80号): items with a proposed 第一责任主体, 会商, responses,
// evaluation and closure; clocks in hours from first seen. Staff only: the office of the item's government.
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { recordAudit } from '../../core/audit/service.js';
import { requireRole, type Actor } from '../../core/auth/actor.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { conflict, FieldProblems, invalid, notFound } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import type { DocumentPanel } from '../../core/module.js';
import { publicDocument } from '../info/queries.js';
import {
  CATEGORIES, GRADES, RESPONSE_KINDS, SEVERITIES, SOURCES, opConsultations, opItems, opResponses,
  type Category, type Grade, type ItemState, type ResponseKind, type Severity, type Source,
} from './schema.js';
import { getOpSettings } from './settings.js';
import { clocksOf, type Clock } from './clocks.js';
import { RESPONSE_LABELS, SEVERITY_LABELS, STATE_LABELS } from './labels.js';
import { hasUnreadable } from '../../core/text/normalise.js';

export const REGISTER_ROLES = ['office', 'admin'] as const;
const HOUR = 3_600_000;

/** The explicit state machine; every transition is audited. */
export const TRANSITIONS: Record<ItemState, readonly ItemState[]> = {
  registered: ['consulting', 'responded'],
  consulting: ['responded'],
  responded: ['evaluated'],
  evaluated: ['closed'],
  closed: [],
};

type Item = typeof opItems.$inferSelect;

/** The item of the actor's government; `lock` takes a row lock (SELECT … FOR UPDATE) so concurrent transitions are serialised. */
async function itemFor(db: Exec, actor: Actor | null, id: number, lock = false): Promise<{ actor: Actor; item: Item }> {
  const a = requireRole(actor, ...REGISTER_ROLES);
  const q = db.select().from(opItems).where(eq(opItems.id, id));
  const [item] = lock ? await q.for('update') : await q;
  if (!item || item.govId !== a.placement.govId) throw notFound('舆情');
  return { actor: a, item };
}

async function move(tx: Exec, actor: Actor, item: Item, to: ItemState, set: Partial<Item> = {}): Promise<void> {
  if (!TRANSITIONS[item.state].includes(to)) throw conflict('bad_transition', `舆情当前为“${STATE_LABELS[item.state]}”状态，不能进行此操作。`);
  await tx.update(opItems).set({ ...set, state: to }).where(eq(opItems.id, item.id));
  await recordAudit(tx, auditActor(actor), { action: `opinion.${to}`, targetType: 'op_item', targetId: item.id, before: { state: item.state }, after: { state: to } });
}

const text = (raw: unknown, label: string, max: number, p: FieldProblems, name: string, required = true): string => {
  const s = typeof raw === 'string' ? raw.replace(/\r\n/g, '\n').trim() : '';
  if (required && !s) p.add(name, `请填写${label}。`);
  else if (s.length > max) p.add(name, `${label}不超过 ${max} 个字，本次 ${s.length} 个字。`);
  else if (hasUnreadable(s)) p.add(name, `${label}含有无法识别的控制字符，请重新输入。`);
  return s;
};
const url = (raw: unknown, p: FieldProblems, name: string): string => {
  const s = typeof raw === 'string' ? raw.trim() : '';
  if (s && (!/^https?:\/\/[^\s<>"]+$/i.test(s) || s.length > 500)) p.add(name, '链接应以 http:// 或 https:// 开头，不超过 500 个字符。');
  return s;
};
/**
 * A time "YYYY-MM-DDTHH:mm" (Beijing time unless a zone is given), checked field by field: the
 * Date parser rolls 2026-02-30 over to 2 March, so a day that is not in its month is refused.
 */
const time = (raw: unknown, label: string, p: FieldProblems, name: string): Date => {
  if (raw instanceof Date) { if (Number.isNaN(raw.getTime())) p.add(name, `请填写正确的${label}（年-月-日 时:分）。`); return raw; }
  const m = typeof raw === 'string' ? /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?([zZ]|[+-]\d\d:?\d\d)?$/.exec(raw.trim()) : null;
  const bad = () => { p.add(name, `请填写正确的${label}（年-月-日 时:分）。`); return new Date(NaN); };
  if (!m) return bad();
  const [y, mo, d, hh, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const daysIn = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (y < 2000 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > daysIn || hh > 23 || mi > 59 || Number(m[6] ?? 0) > 59) return bad();
  const zone = m[7] ? (m[7].toUpperCase() === 'Z' ? 'Z' : m[7].includes(':') ? m[7] : `${m[7].slice(0, 3)}:${m[7].slice(3)}`) : '+08:00';
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone}`);
  return Number.isNaN(date.getTime()) ? bad() : date;
};
const oneOf = <T extends string>(raw: unknown, list: readonly T[], label: string, p: FieldProblems, name: string): T => {
  if (!list.includes(raw as T)) p.add(name, `请选择${label}。`);
  return raw as T;
};

export type Proposal = { agencyId: number; agencyName: string; reason: string };

/**
 * The first responsible agency (第一责任主体) by a rule the office can read and override:
 * 特别重大 → the government itself (主要负责同志 directs); where it happened in a township or street
 * of this government → that township (属地管理); a 涉事部门 named → that department (谁主管谁负责);
 * otherwise the government's office, which coordinates (本级政府办公室统筹协调).
 */
export async function proposeAgency(ctx: Ctx, input: { severity: Severity; placeAgencyId?: number | null; concernedAgencyId?: number | null }): Promise<Proposal> {
  const a = requireRole(ctx.actor, ...REGISTER_ROLES);
  const govId = a.placement.govId;
  const own = await ctx.db.select({ id: agencies.id, name: agencies.name, kind: agencies.kind, parentId: agencies.parentId }).from(agencies).where(eq(agencies.govId, govId)).orderBy(asc(agencies.sort), asc(agencies.id));
  const byId = new Map(own.map((x) => [x.id, x]));
  const gov = byId.get(govId);
  if (input.severity === 'especially_major' && gov) return { agencyId: gov.id, agencyName: gov.name, reason: `特别重大舆情，由本级政府主要负责同志牵头（${gov.name}）。` };
  const place = input.placeAgencyId ? byId.get(input.placeAgencyId) : undefined;
  if (place && (place.kind === 'township' || place.kind === 'street')) return { agencyId: place.id, agencyName: place.name, reason: `发生在${place.name}，属地管理。` };
  if (place && (place.kind === 'village' || place.kind === 'community')) {
    const up = place.parentId ? byId.get(place.parentId) : undefined;
    if (up) return { agencyId: up.id, agencyName: up.name, reason: `发生在${up.name}${place.name}，属地管理。` };
  }
  const dept = input.concernedAgencyId ? byId.get(input.concernedAgencyId) : undefined;
  if (dept && dept.kind === 'department') return { agencyId: dept.id, agencyName: dept.name, reason: `涉事部门为${dept.name}，谁主管谁负责。` };
  const office = own.find((x) => x.kind === 'department' && x.name.includes('办公室')) ?? gov;
  if (!office) throw invalid('本级政府没有可承办的单位。');
  return { agencyId: office.id, agencyName: office.name, reason: `未明确属地或涉事部门，由${office.name}统筹协调。` };
}

/** Registers an item; the first responsible agency defaults to the proposal, the office may choose another of its own agencies. */
export async function registerItem(ctx: Ctx, raw: Record<string, unknown>): Promise<{ id: number; proposal: Proposal }> {
  const a = requireRole(ctx.actor, ...REGISTER_ROLES);
  const p = new FieldProblems();
  const source = oneOf<Source>(raw.source, SOURCES, '来源', p, 'source');
  const link = url(raw.link, p, 'link');
  const summary = text(raw.summary, '舆情摘要', 2000, p, 'summary');
  const firstSeenAt = time(raw.firstSeenAt, '首次发现时间', p, 'firstSeenAt');
  const category = oneOf<Category>(raw.category, CATEGORIES, '舆情类别', p, 'category');
  const severity = oneOf<Severity>(raw.severity, SEVERITIES, '舆情级别', p, 'severity');
  const emergency = raw.emergency === true || raw.emergency === 'yes' || raw.emergency === 'on';
  const idOf = (v: unknown) => (v == null || v === '' ? null : /^\d{1,9}$/.test(String(v)) ? Number(v) : NaN);
  const placeAgencyId = idOf(raw.placeAgencyId);
  const concernedAgencyId = idOf(raw.concernedAgencyId);
  const chosen = idOf(raw.agencyId);
  if (Number.isNaN(placeAgencyId)) p.add('placeAgencyId', '请选择发生地。');
  if (Number.isNaN(chosen)) p.add('agencyId', '请选择第一责任单位。');
  if (!Number.isNaN(firstSeenAt.getTime()) && firstSeenAt.getTime() > Date.now() + 5 * 60_000) p.add('firstSeenAt', '首次发现时间不能晚于现在。');
  p.done();
  return ctx.db.transaction(async (tx) => {
    const own = new Set((await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.govId, a.placement.govId))).map((x) => x.id));
    const q = new FieldProblems();
    if (placeAgencyId != null && !own.has(placeAgencyId)) q.add('placeAgencyId', '发生地应为本级政府所辖的乡镇（街道）或村（社区）。');
    if (chosen != null && !own.has(chosen)) q.add('agencyId', '第一责任单位应为本级政府的部门或所辖乡镇。');
    q.done();
    const proposal = await proposeAgency({ db: tx, actor: a }, { severity, placeAgencyId, concernedAgencyId: Number.isNaN(concernedAgencyId) ? null : concernedAgencyId });
    // A double submit (the same item from the same person within ten minutes) returns the first registration.
    const [same] = await tx.select({ id: opItems.id }).from(opItems).where(and(eq(opItems.govId, a.placement.govId), eq(opItems.createdBy, a.userId), eq(opItems.summary, summary), eq(opItems.firstSeenAt, firstSeenAt), eq(opItems.source, source), gte(opItems.createdAt, new Date(Date.now() - 10 * 60_000)))).limit(1);
    if (same) return { id: same.id, proposal };
    const [row] = await tx.insert(opItems).values({
      govId: a.placement.govId, source, link, summary, firstSeenAt, category, severity, emergency, placeAgencyId,
      proposedAgencyId: proposal.agencyId, proposalReason: proposal.reason, agencyId: chosen ?? proposal.agencyId, createdBy: a.userId,
    }).returning();
    await recordAudit(tx, auditActor(a), { action: 'opinion.registered', targetType: 'op_item', targetId: row!.id, after: { severity, emergency, category, agencyId: row!.agencyId, proposedAgencyId: proposal.agencyId } });
    return { id: row!.id, proposal };
  });
}

/** The office changes the first responsible agency (the proposal and its reason are kept). */
export async function setResponsibleAgency(ctx: Ctx, id: number, agencyId: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, item } = await itemFor(tx, ctx.actor, id, true);
    if (item.state === 'closed') throw conflict('closed', '舆情已关闭。');
    const [ag] = await tx.select().from(agencies).where(eq(agencies.id, agencyId));
    if (!ag || ag.govId !== actor.placement.govId) throw invalid('第一责任单位应为本级政府的部门或所辖乡镇。');
    await tx.update(opItems).set({ agencyId }).where(eq(opItems.id, id));
    await recordAudit(tx, auditActor(actor), { action: 'opinion.agency_changed', targetType: 'op_item', targetId: id, before: { agencyId: item.agencyId }, after: { agencyId } });
  });
}

/** A 会商 record: the agencies taking part (of this government), when, the conclusion. Moves a new item to 会商研判. */
export async function recordConsultation(ctx: Ctx, id: number, raw: { agencyIds: number[]; heldAt: Date | string; conclusion: string }): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const { actor, item } = await itemFor(tx, ctx.actor, id, true);
    if (item.state === 'closed') throw conflict('closed', '舆情已关闭。');
    const p = new FieldProblems();
    const heldAt = time(raw.heldAt, '会商时间', p, 'heldAt');
    const conclusion = text(raw.conclusion, '会商结论', 2000, p, 'conclusion');
    const ids = [...new Set(Array.isArray(raw.agencyIds) ? raw.agencyIds : [])];
    if (!ids.length || ids.some((x) => !Number.isInteger(x))) p.add('agencyIds', '请选择参加会商的单位。');
    p.done();
    const own = await tx.select({ id: agencies.id }).from(agencies).where(and(inArray(agencies.id, ids), eq(agencies.govId, actor.placement.govId)));
    if (own.length !== ids.length) throw invalid('参加会商的单位应为本级政府的部门或所辖乡镇。');
    const [again] = await tx.select({ id: opConsultations.id }).from(opConsultations).where(and(eq(opConsultations.itemId, id), eq(opConsultations.heldAt, heldAt), eq(opConsultations.conclusion, conclusion))).limit(1);
    if (again) return again.id; // a double submit
    const [c] = await tx.insert(opConsultations).values({ itemId: id, agencyIds: ids, heldAt, conclusion, createdBy: actor.userId }).returning();
    await recordAudit(tx, auditActor(actor), { action: 'opinion.consulted', targetType: 'op_item', targetId: id, after: { agencyIds: ids, heldAt } });
    if (item.state === 'registered') await move(tx, actor, item, 'consulting');
    return c!.id;
  });
}

/**
 * A response. With `documentId` it must be a PUBLISHED information document of this government
 * (checked through the info module's public query); such a response is public and the document's
 * page shows a 回应关切 panel. Otherwise public only when marked so and it has a link.
 */
export async function recordResponse(ctx: Ctx, id: number, raw: { kind: string; title: string; respondedAt: Date | string; link?: string; documentId?: number | string | null; isPublic?: boolean }): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const { actor, item } = await itemFor(tx, ctx.actor, id, true);
    if (item.state === 'closed' || item.state === 'evaluated') throw conflict('closed', '舆情已评估或关闭，不能再登记回应。');
    const p = new FieldProblems();
    const kind = oneOf<ResponseKind>(raw.kind, RESPONSE_KINDS, '回应方式', p, 'kind');
    const title = text(raw.title, '回应标题', 200, p, 'title');
    const respondedAt = time(raw.respondedAt, '回应时间', p, 'respondedAt');
    const link = url(raw.link, p, 'link');
    const docRaw = raw.documentId == null || raw.documentId === '' ? null : String(raw.documentId);
    if (docRaw != null && !/^\d{1,9}$/.test(docRaw)) p.add('documentId', '请填写正确的信息编号。');
    if (!Number.isNaN(respondedAt.getTime()) && respondedAt < item.firstSeenAt) p.add('respondedAt', '回应时间不能早于首次发现时间。');
    if (!Number.isNaN(respondedAt.getTime()) && respondedAt.getTime() > Date.now() + 5 * 60_000) p.add('respondedAt', '回应时间不能晚于现在。');
    p.done();
    const documentId = docRaw == null ? null : Number(docRaw);
    if (documentId != null) {
      const doc = await publicDocument(tx as Db, documentId, actor.placement.govId).catch(() => null);
      if (!doc || doc.edition.state !== 'published') { const q = new FieldProblems(); q.add('documentId', '该信息尚未公开发布，或不属于本级政府。'); q.done(); }
    }
    const isPublic = documentId != null || (raw.isPublic === true && !!link);
    const [again] = await tx.select({ id: opResponses.id }).from(opResponses).where(and(eq(opResponses.itemId, id), eq(opResponses.kind, kind), eq(opResponses.title, title), eq(opResponses.respondedAt, respondedAt))).limit(1);
    if (again) return again.id; // a double submit
    const [r] = await tx.insert(opResponses).values({ itemId: id, kind, title, respondedAt, link, documentId, isPublic, createdBy: actor.userId }).returning();
    await recordAudit(tx, auditActor(actor), { action: 'opinion.response_recorded', targetType: 'op_item', targetId: id, after: { kind, respondedAt, documentId } });
    if (item.state === 'registered' || item.state === 'consulting') await move(tx, actor, item, 'responded');
    return r!.id;
  });
}

/** 评估: how the response worked (a grade and a note). */
export async function evaluateItem(ctx: Ctx, id: number, raw: { grade: string; evaluation: string }, now = new Date()): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, item } = await itemFor(tx, ctx.actor, id, true);
    const p = new FieldProblems();
    const grade = oneOf<Grade>(raw.grade, GRADES, '回应效果', p, 'grade');
    const evaluation = text(raw.evaluation, '评估意见', 2000, p, 'evaluation');
    p.done();
    await move(tx, actor, item, 'evaluated', { grade, evaluation, evaluatedAt: now });
  });
}

export async function closeItem(ctx: Ctx, id: number, note: string, now = new Date()): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { actor, item } = await itemFor(tx, ctx.actor, id, true);
    const p = new FieldProblems();
    const closeNote = text(note, '关闭说明', 1000, p, 'closeNote', false);
    p.done();
    await move(tx, actor, item, 'closed', { closedAt: now, closeNote });
  });
}

export type ItemView = Item & {
  consultations: (typeof opConsultations.$inferSelect)[];
  responses: (typeof opResponses.$inferSelect)[];
  clocks: Clock[];
};

/** One item with its 会商, responses and clocks (the timeline). */
export async function getItem(ctx: Ctx, id: number, now = new Date()): Promise<ItemView> {
  const { item } = await itemFor(ctx.db, ctx.actor, id);
  const [consultations, responses, s] = await Promise.all([
    ctx.db.select().from(opConsultations).where(eq(opConsultations.itemId, id)).orderBy(asc(opConsultations.heldAt), asc(opConsultations.id)),
    ctx.db.select().from(opResponses).where(eq(opResponses.itemId, id)).orderBy(asc(opResponses.respondedAt), asc(opResponses.id)),
    getOpSettings(ctx.db),
  ]);
  return { ...item, consultations, responses, clocks: clocksOf(item, responses, s, now) };
}

/** The register of the actor's government, newest first seen first, each with its clocks. */
export async function listItems(ctx: Ctx, now = new Date()): Promise<(Item & { clocks: Clock[] })[]> {
  const a = requireRole(ctx.actor, ...REGISTER_ROLES);
  const items = await ctx.db.select().from(opItems).where(eq(opItems.govId, a.placement.govId)).orderBy(asc(opItems.firstSeenAt), asc(opItems.id));
  if (!items.length) return [];
  const [responses, s] = await Promise.all([
    ctx.db.select({ itemId: opResponses.itemId, kind: opResponses.kind, respondedAt: opResponses.respondedAt }).from(opResponses).where(inArray(opResponses.itemId, items.map((i) => i.id))),
    getOpSettings(ctx.db),
  ]);
  return items.reverse().map((i) => ({ ...i, clocks: clocksOf(i, responses.filter((r) => r.itemId === i.id), s, now) }));
}

/** Open items with a clock nearing or past its due time. */
export async function clocksDue(ctx: Ctx, now = new Date()) {
  const items = await listItems(ctx, now);
  return items.filter((i) => i.state !== 'closed').flatMap((i) => i.clocks.filter((c) => c.status === 'nearing' || c.status === 'overdue').map((c) => ({ item: i, clock: c })));
}

export type OpinionStats = {
  total: number;
  bySeverity: Record<Severity, number>;
  responded: number;
  medianHoursToFirstResponse: number | null;
  maxHoursToFirstResponse: number | null;
  /** Items whose every clock stopped in time, over items whose clocks are decided (stopped or overdue). */
  onTimeShare: number | null;
};

/** Statistics for items first seen in [from, to): count per severity, hours to the first response, share on time. */
export async function opinionStats(ctx: Ctx, from: Date, to: Date, now = new Date()): Promise<OpinionStats> {
  const a = requireRole(ctx.actor, ...REGISTER_ROLES);
  const items = await ctx.db.select().from(opItems).where(and(eq(opItems.govId, a.placement.govId), gte(opItems.firstSeenAt, from), lt(opItems.firstSeenAt, to)));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const i of items) bySeverity[i.severity]++;
  const responses = items.length ? await ctx.db.select({ itemId: opResponses.itemId, kind: opResponses.kind, respondedAt: opResponses.respondedAt }).from(opResponses).where(inArray(opResponses.itemId, items.map((i) => i.id))) : [];
  const s = await getOpSettings(ctx.db);
  const hours: number[] = [];
  let decided = 0;
  let onTime = 0;
  for (const i of items) {
    const rs = responses.filter((r) => r.itemId === i.id);
    if (rs.length) hours.push((Math.min(...rs.map((r) => r.respondedAt.getTime())) - i.firstSeenAt.getTime()) / HOUR);
    const clocks = clocksOf(i, rs, s, now);
    if (clocks.some((c) => c.status === 'late' || c.status === 'overdue')) decided++;
    else if (clocks.every((c) => c.status === 'met')) { decided++; onTime++; }
  }
  hours.sort((x, y) => x - y);
  const round = (x: number) => Math.round(x * 100) / 100;
  const median = !hours.length ? null : hours.length % 2 ? hours[(hours.length - 1) / 2]! : (hours[hours.length / 2 - 1]! + hours[hours.length / 2]!) / 2;
  return {
    total: items.length, bySeverity, responded: hours.length,
    medianHoursToFirstResponse: median == null ? null : round(median),
    maxHoursToFirstResponse: hours.length ? round(hours[hours.length - 1]!) : null,
    onTimeShare: decided ? onTime / decided : null,
  };
}

/**
 * The 回应关切 panel on a published information document's public page: only public facts — the
 * public responses of the items this document answered (kind, time, title), each linking to its
 * own published document or public link, so the reader can follow the whole response.
 */
export async function opinionPanel(db: Db, documentId: number): Promise<DocumentPanel | null> {
  const here = await db.select({ itemId: opResponses.itemId }).from(opResponses).where(and(eq(opResponses.documentId, documentId), eq(opResponses.isPublic, true)));
  if (!here.length) return null;
  const rows = await db.select().from(opResponses).where(and(inArray(opResponses.itemId, [...new Set(here.map((h) => h.itemId))]), eq(opResponses.isPublic, true))).orderBy(asc(opResponses.respondedAt), asc(opResponses.id));
  const at = (d: Date) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  const published = new Set<number>([documentId]);
  for (const r of rows) if (r.documentId != null && r.documentId !== documentId && (await publicDocument(db, r.documentId).then((d) => d.edition.state === 'published', () => false))) published.add(r.documentId);
  const links = rows.flatMap((r) => {
    const href = r.documentId != null && published.has(r.documentId) ? `/xxgk/${r.documentId}` : r.link;
    if (!href) return [];
    return [{ href, label: `${RESPONSE_LABELS[r.kind]}：${r.title}`, note: `${at(r.respondedAt)}${r.documentId === documentId ? '（本文）' : ''}` }];
  });
  return { title: '回应关切', links };
}

export { SEVERITY_LABELS };
