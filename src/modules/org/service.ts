import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { hasRole, requireRole, type Actor } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { AppError, forbidden, forbiddenAsNotFound, invalid, notFound } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { isValidCreditCode } from './credit-code.js';
import { agencies } from '../../core/org/schema.js';
import { agencyInReach, inOwnGovernment, inReach, isOwnAgency } from '../../core/org/scope.js';
import { indexEntry } from '../../core/search/index.js';
import { agencyEntry } from './search.js';

export type Agency = typeof agencies.$inferSelect;
export type AgencyKind = Agency['kind'];

export const KIND_LABELS: Record<AgencyKind, string> = {
  province: '省（自治区、直辖市）人民政府',
  city: '市（州、盟）人民政府',
  county: '县（市、区、旗）人民政府',
  department: '政府工作部门',
  township: '乡镇',
  street: '街道',
  village: '村',
  community: '社区',
};

/** Which kinds may sit under which: 省 → 市 → 县 (a county may be a root, or directly under a province as 省直管县), each government's departments; the county's townships and their villages. */
const ALLOWED_PARENT: Record<AgencyKind, (AgencyKind | null)[]> = {
  province: [null],
  city: [null, 'province'],
  county: [null, 'city', 'province'],
  department: ['province', 'city', 'county'],
  township: ['county'],
  street: ['county'],
  village: ['township', 'street'],
  community: ['township', 'street'],
};

const text = (label: string, max: number) => z.string({ error: `${label}必须是文字` }).trim().max(max, `${label}不能超过 ${max} 个字符`);
export const AgencyFacts = z.object({
  name: text('机构名称', 100).min(2, '机构名称至少 2 个字符'),
  creditCode: z
    .string()
    .trim()
    .toUpperCase()
    .transform((v) => (v === '' ? null : v))
    .refine((v) => v === null || isValidCreditCode(v), '统一社会信用代码格式或校验位不正确'),
  functions: text('主要职能', 4000),
  head: text('负责人', 100),
  officeHours: text('办公时间', 200),
  address: text('办公地址', 200),
  phone: text('联系电话', 100).regex(/^[0-9０-９\-－()（）、,， 转]*$/, '电话号码只能包含数字、连字符、括号和分隔符'),
  /** 行政区划类别 of a government or township (县级市, 市辖区, 旗 …); one of DIVISIONS for its kind. */
  division: text('行政区划类别', 20).optional(),
});

/**
 * What a government or township is, within its kind (issue 12: 县, 县级市, 市辖区, 旗, and 开发区/管委会
 * as county-level units …). Shown on its public page; '' when not said.
 */
export const DIVISIONS: Partial<Record<AgencyKind, readonly string[]>> = {
  province: ['省', '自治区', '直辖市'],
  city: ['地级市', '自治州', '地区', '盟'],
  county: ['县', '县级市', '市辖区', '旗', '自治县', '自治旗', '林区', '特区', '开发区（管委会）'],
  township: ['乡', '镇', '民族乡', '苏木'],
  street: ['街道'],
};
export type AgencyFactsInput = z.input<typeof AgencyFacts>;

/** Public: the names of the given agencies (a list's labels, without loading a province's tree). */
export async function agencyNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Public: the whole organisation tree (all facts here are public by Article 20). */
export async function listAgencies(db: Db): Promise<Agency[]> {
  return db.select().from(agencies).orderBy(asc(agencies.sort), asc(agencies.id));
}

export async function getAgency(db: Db, id: number): Promise<Agency> {
  const [a] = await db.select().from(agencies).where(eq(agencies.id, id));
  if (!a) throw notFound('机构');
  return a;
}

/**
 * Who may change an agency's public facts: the administrator and the office for the agencies of
 * their own government (a county's include its townships and villages; a city's are the city
 * government and its departments, not its counties'), an editor for their own agency.
 */
export const canEditAgency = (actor: Actor, a: Agency): boolean =>
  ((hasRole(actor, 'admin') || hasRole(actor, 'office')) && inOwnGovernment(actor, a)) || (hasRole(actor, 'editor') && isOwnAgency(actor, a));

/** Who may add an agency under `parent` (null: a new root): the administrator of the parent's government; a root, only one at the top of the tree. */
export const canAddUnder = (actor: Actor, parent: Agency | null): boolean =>
  hasRole(actor, 'admin') && (parent ? inOwnGovernment(actor, parent) : actor.placement.upperGovId == null);

/** Staff: the agencies within the person's reach (their government and below), for the management page; filtered in the query. */
export async function agenciesInReach(ctx: Ctx): Promise<Agency[]> {
  const actor = requireRole(ctx.actor, 'admin', 'office', 'editor', 'reviewer', 'supervisor');
  return ctx.db.select().from(agencies).where(agencyInReach(agencies.id, actor)).orderBy(asc(agencies.sort), asc(agencies.id));
}

/** Staff: an agency to edit; one beyond the person's reach is not found, one in reach they may not edit is forbidden. */
export async function agencyForEdit(ctx: Ctx, id: number): Promise<Agency> {
  const actor = requireRole(ctx.actor, 'admin', 'office', 'editor');
  const a = await getAgency(ctx.db, id);
  if (!inReach(actor, a)) throw forbiddenAsNotFound('机构');
  if (!canEditAgency(actor, a)) throw forbidden(hasRole(actor, 'editor') && !hasRole(actor, 'admin') && !hasRole(actor, 'office') ? '只能修改本机构的信息。' : '只能修改本级政府及其所属机构的信息；下级政府的机构由其自行维护。');
  return a;
}

export type AgencyNode = Agency & { children: AgencyNode[] };
export function agencyTree(all: Agency[]): AgencyNode[] {
  const nodes = new Map(all.map((a) => [a.id, { ...a, children: [] as AgencyNode[] }]));
  const roots: AgencyNode[] = [];
  // An agency whose parent is not in the list (a county's tree seen from the county) is a root of it.
  for (const n of nodes.values()) (n.parentId != null && nodes.has(n.parentId) ? nodes.get(n.parentId)!.children : roots).push(n);
  return roots;
}

type Problem = { field: string; message: string };

/** The facts checked, with any further problems found by the caller, all reported in one error. */
function parseFacts(input: AgencyFactsInput, more: Problem[] = []) {
  const r = AgencyFacts.safeParse(input);
  const problems = [...(r.success ? [] : r.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }))), ...more];
  if (problems.length) throw invalid(problems.map((p) => p.message).join('；'), problems);
  return r.data!;
}

/**
 * Creates an agency under a parent of the right kind (admin only), within the administrator's own
 * government: a county's administrator adds departments and townships to the county, not to a
 * sibling county (whose agencies are as unknown as missing ones) nor to the city above.
 */
export async function createAgency(ctx: Ctx, input: AgencyFactsInput & { kind: AgencyKind; parentId: number | null; sort?: number }): Promise<number> {
  const actor = requireRole(ctx.actor, 'admin');
  // The kind and the parent are checked together with the facts, so every problem shows at once.
  const more: Problem[] = [];
  const found = input.parentId == null ? null : await getAgency(ctx.db, input.parentId).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) return undefined;
    throw e;
  });
  const parent = found && inReach(actor, found) ? found : found === null ? null : undefined;
  if (parent === undefined) more.push({ field: 'parentId', message: '上级机构不存在。' });
  else if (!canAddUnder(actor, parent)) more.push({ field: 'parentId', message: parent ? '只能在本级政府及其所属机构之下新增机构；下级政府的机构由其系统管理员维护。' : '只有最上级政府的系统管理员可以新增顶层机构。' });
  if (!Object.hasOwn(ALLOWED_PARENT, input.kind)) more.push({ field: 'kind', message: '机构类型不正确。' });
  else if (parent !== undefined && !ALLOWED_PARENT[input.kind].includes(parent?.kind ?? null)) more.push({ field: 'parentId', message: `${KIND_LABELS[input.kind]}不能设在${parent ? KIND_LABELS[parent.kind] : '顶层'}之下。` });
  const facts = parseFacts(input, more);
  return ctx.db.transaction(async (tx) => {
    try {
      const [row] = await tx.insert(agencies).values({ ...facts, kind: input.kind, parentId: parent?.id ?? null, sort: input.sort ?? 0 }).returning();
      await recordAudit(tx, auditActor(actor), { action: 'agency.created', targetType: 'agency', targetId: row!.id, after: row });
      await indexEntry(tx, agencyEntry(row!));
      return row!.id;
    } catch (e) {
      throw uniqueViolation(e) ?? e;
    }
  });
}

/** Updates an agency's public facts: admins and the office for their own government's agencies, editors for their own (see `canEditAgency`). */
export async function updateAgency(ctx: Ctx, id: number, input: AgencyFactsInput): Promise<void> {
  const actor = requireRole(ctx.actor, 'admin', 'office', 'editor');
  const before = await agencyForEdit(ctx, id);
  const division = (input.division ?? '').trim();
  const choices = DIVISIONS[before.kind] ?? [];
  const facts = parseFacts(input, division && !choices.includes(division) ? [{ field: 'division', message: choices.length ? `行政区划类别只能是：${choices.join('、')}` : '该类机构不设行政区划类别' }] : []);
  await ctx.db.transaction(async (tx) => {
    try {
      const [after] = await tx.update(agencies).set({ ...facts, updatedAt: new Date() }).where(eq(agencies.id, id)).returning();
      await recordAudit(tx, auditActor(actor), { action: 'agency.updated', targetType: 'agency', targetId: id, before, after });
      if (after) await indexEntry(tx, agencyEntry(after));
    } catch (e) {
      throw uniqueViolation(e) ?? e;
    }
  });
}

function uniqueViolation(e: unknown): AppError | null {
  const err = e as { code?: string; cause?: { code?: string } };
  if (err.code === '23505' || err.cause?.code === '23505') return new AppError('duplicate', 409, '同名机构或相同的统一社会信用代码已存在。');
  return null;
}
