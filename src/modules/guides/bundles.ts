// "一件事" bundles: an ordered set of a government's items under a lead department with cooperating
// ones, shown with one merged material list (a material several items ask for is brought once).
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { FieldProblems } from '../../core/errors.js';
import { agencies } from '../../core/org/schema.js';
import type { Material } from './elements.js';
import { listPublishedGuides, publishedGuideByCode, type GuideView } from './public.js';
import { guideBundles } from './schema.js';

export type BundleInput = { name: string; audience: 'person' | 'enterprise'; description?: string; leadAgencyId: number; cooperating: number[]; codes: string[] };
export type MergedMaterial = Material & { forItems: string[] };
export type BundleView = { id: number; name: string; audience: 'person' | 'enterprise'; description: string; lead: string; cooperating: string[]; items: GuideView[]; materials: MergedMaterial[] };

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** One list for the whole bundle: duplicates (same name) merged, the larger counts kept, and the items that need each. */
export function mergeMaterials(items: readonly GuideView[]): MergedMaterial[] {
  const out = new Map<string, MergedMaterial>();
  for (const g of items) for (const m of g.data.materials) {
    const k = norm(m.name);
    const have = out.get(k);
    if (!have) { out.set(k, { ...m, forItems: [g.name] }); continue; }
    have.originals = Math.max(have.originals, m.originals);
    have.copies = Math.max(have.copies, m.copies);
    if (m.necessity === '必要') have.necessity = '必要';
    if (!have.forItems.includes(g.name)) have.forItems.push(g.name);
  }
  return [...out.values()];
}

/** The office of a government saves a bundle of its published items. */
export async function saveBundle(ctx: Ctx, input: BundleInput): Promise<number> {
  const actor = requireRole(ctx.actor, 'office', 'admin');
  const govId = actor.placement.govId;
  const p = new FieldProblems();
  const name = String(input.name ?? '').trim();
  if (!name || name.length > 100) p.add('name', '请填写“一件事”名称（100 字以内）。');
  if (input.audience !== 'person' && input.audience !== 'enterprise') p.add('audience', '请选择服务对象（个人或法人）。');
  const codes = [...new Set(input.codes.map((c) => String(c).trim()).filter(Boolean))];
  const description = String(input.description ?? '').trim();
  if (description.length > 1000) p.add('description', '说明不能超过 1000 字。');
  if (codes.length < 2) p.add('codes', '“一件事”至少包含两个事项。');
  const published = new Set((await listPublishedGuides(ctx.db, govId)).map((g) => g.code));
  const missing = codes.filter((c) => !published.has(c));
  if (missing.length) p.add('codes', `以下实施编码不是本级政府已发布的事项：${missing.join('、')}。`);
  const ids = [input.leadAgencyId, ...input.cooperating];
  const own = await ctx.db.select({ id: agencies.id }).from(agencies).where(inArray(agencies.id, ids.length ? ids : [0]));
  const ownGov = await ctx.db.select({ id: agencies.id, govId: agencies.govId }).from(agencies).where(inArray(agencies.id, own.map((a) => a.id).concat(0)));
  if (!ownGov.some((a) => a.id === input.leadAgencyId && a.govId === govId)) p.add('leadAgencyId', '请选择本级政府的牵头部门。');
  if (input.cooperating.some((c) => !ownGov.some((a) => a.id === c && a.govId === govId))) p.add('cooperating', '配合部门应为本级政府的部门。');
  p.done();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(guideBundles).values({ govId, name, audience: input.audience, description, leadAgencyId: input.leadAgencyId, cooperating: input.cooperating, codes }).returning();
    await recordAudit(tx, auditActor(actor), { action: 'guides.bundle_saved', targetType: 'guide_bundle', targetId: row!.id, after: { name, codes } });
    return row!.id;
  });
}

async function names(db: Exec, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  return new Map((await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, ids))).map((a) => [a.id, a.name]));
}

/** A government's bundles with their published items in order and the merged material list (items not published are left out). */
export async function listBundles(db: Db | Exec, govId: number | null): Promise<BundleView[]> {
  const rows = await db.select().from(guideBundles).where(govId == null ? undefined : eq(guideBundles.govId, govId)).orderBy(asc(guideBundles.id));
  const n = await names(db, rows.flatMap((r) => [r.leadAgencyId, ...r.cooperating]));
  const out: BundleView[] = [];
  for (const r of rows) {
    const items = (await Promise.all(r.codes.map((c) => publishedGuideByCode(db, r.govId, c)))).filter((g): g is GuideView => g != null);
    out.push({ id: r.id, name: r.name, audience: r.audience, description: r.description, lead: n.get(r.leadAgencyId) ?? '', cooperating: r.cooperating.map((c) => n.get(c) ?? '').filter(Boolean), items, materials: mergeMaterials(items) });
  }
  return out;
}
