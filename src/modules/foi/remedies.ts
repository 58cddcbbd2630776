import { eq } from 'drizzle-orm';
import { requireRole, type Actor } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { forbiddenAsNotFound, invalid } from '../../core/errors.js';
import { officeActs } from '../../core/org/scope.js';
import type { Db } from '../../db/client.js';
import { listAgencies, type Agency } from '../org/service.js';
import { APPLICABLE_KINDS } from './intake.js';
import { foiRemedies } from './schema.js';

/**
 * Where an applicant turns against an agency's reply: the 行政复议机关 and the court the letter names.
 *
 * Defaults: for a county's department or a township (street), the county government (行政复议法
 * 2023 art. 24 (一)(二)) and the county's basic court (行政诉讼法 art. 18); for the county
 * government itself, the next-higher government (art. 24 (三)) and an intermediate court (行政诉讼法
 * art. 15 (一)) — which the platform cannot name, so the office sets them. Areas that concentrate
 * administrative cases in designated courts set the court too.
 */
export type Remedies = { reviewBody: string; court: string; defaults: { reviewBody: string; court: string }; overridden: boolean };

const COUNTY_KINDS = new Set(['county']);
/** 示范县人民政府 → 示范县人民法院. */
const basicCourt = (county: string) => `${county.replace(/人民政府$/, '')}人民法院`;

export function defaultRemedies(agency: Pick<Agency, 'id' | 'kind' | 'parentId'>, all: readonly Pick<Agency, 'id' | 'name' | 'kind' | 'parentId'>[]): { reviewBody: string; court: string } {
  if (COUNTY_KINDS.has(agency.kind)) return { reviewBody: '上一级人民政府', court: '有管辖权的中级人民法院' };
  const byId = new Map(all.map((a) => [a.id, a]));
  let p = agency.parentId != null ? byId.get(agency.parentId) : undefined;
  while (p && !COUNTY_KINDS.has(p.kind)) p = p.parentId != null ? byId.get(p.parentId) : undefined;
  return p ? { reviewBody: p.name, court: basicCourt(p.name) } : { reviewBody: '本级人民政府', court: '有管辖权的人民法院' };
}

/**
 * The remedies of every agency that answers applications. With an actor (the settings page), only
 * the agencies of the office's own government: it sets those, and a lower government sets its own.
 */
export async function listRemedies(db: Db, actor?: Actor): Promise<(Remedies & { agency: Agency })[]> {
  const [all, rows] = await Promise.all([listAgencies(db), db.select().from(foiRemedies)]);
  const set = new Map(rows.map((r) => [r.agencyId, r]));
  return all
    .filter((a) => APPLICABLE_KINDS.includes(a.kind) && (!actor || officeActs(actor, a)))
    .map((agency) => {
      const defaults = defaultRemedies(agency, all);
      const r = set.get(agency.id);
      return { agency, defaults, reviewBody: r?.reviewBody || defaults.reviewBody, court: r?.court || defaults.court, overridden: !!(r?.reviewBody || r?.court) };
    });
}

export async function remediesFor(db: Db, agencyId: number): Promise<Remedies> {
  const found = (await listRemedies(db)).find((r) => r.agency.id === agencyId);
  if (!found) return { reviewBody: '本级人民政府', court: '有管辖权的人民法院', defaults: { reviewBody: '本级人民政府', court: '有管辖权的人民法院' }, overridden: false };
  return found;
}

const MAX = 100;
const clean = (v: unknown, label: string): string => {
  if (v !== undefined && typeof v !== 'string') throw invalid(`${label}格式不正确。`);
  const s = (v ?? '').replace(/\s+/g, ' ').trim();
  if (s.length > MAX) throw invalid(`${label}不能超过 ${MAX} 个字。`);
  if (/[<>]/.test(s)) throw invalid(`${label}不能包含尖括号。`);
  return s;
};

/** The office sets an agency's 复议机关 and court (its own government's agencies); empty fields return to the default. Audited. */
export async function setRemedies(ctx: Ctx, input: { agencyId: unknown; reviewBody: unknown; court: unknown }): Promise<void> {
  const actor = requireRole(ctx.actor, 'office', 'admin');
  const agencyId = typeof input.agencyId === 'string' && /^\d{1,9}$/.test(input.agencyId) ? Number(input.agencyId) : typeof input.agencyId === 'number' ? input.agencyId : NaN;
  const before = (await listRemedies(ctx.db)).find((r) => r.agency.id === agencyId);
  if (!before) throw invalid('请选择受理申请的机关。');
  if (!officeActs(actor, before.agency)) throw forbiddenAsNotFound('机构');
  const next = { reviewBody: clean(input.reviewBody, '行政复议机关'), court: clean(input.court, '人民法院') };
  await ctx.db.transaction(async (tx) => {
    if (!next.reviewBody && !next.court) await tx.delete(foiRemedies).where(eq(foiRemedies.agencyId, agencyId));
    else await tx.insert(foiRemedies).values({ agencyId, ...next }).onConflictDoUpdate({ target: foiRemedies.agencyId, set: { ...next, updatedAt: new Date() } });
    await recordAudit(tx, auditActor(actor), { action: 'foi.remedies_updated', targetType: 'agency', targetId: agencyId, before: { reviewBody: before.reviewBody, court: before.court }, after: next });
  });
}
