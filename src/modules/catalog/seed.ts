import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { catalogTemplates, catalogVersions, domains } from './schema.js';
import { PILOT_DOMAINS } from './data/domains.js';
import { loadTemplateSeeds, SHIPPED_TEMPLATE_SOURCE, type TemplateSeed } from './data/templates.js';
import { domainTemplates, itemRows, toInput, versionItems } from './repository.js';
import { compileCatalog, startNewVersion, transition, updateItem } from './service.js';
import { setSupervision } from './supervision.js';
import type { DemoWorld } from '../../core/module.js';

/**
 * Reference data every installation needs: the 26 pilot domains and the guide templates.
 * Idempotent: runs on every start and only inserts what is missing — a domain gets the shipped
 * rows while it has no template rows at all (a template its department imported is never touched).
 */
export async function seedCatalogReference(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727275)`);
    await tx
      .insert(domains)
      .values(PILOT_DOMAINS.map((d, i) => ({ code: d.code, name: d.name, pilot: true, sort: i + 1, guide: d.guide ?? '' })))
      .onConflictDoNothing({ target: domains.code });
    const counts = await tx.select({ domainId: catalogTemplates.domainId, n: sql<number>`count(*)::int` }).from(catalogTemplates).groupBy(catalogTemplates.domainId);
    const filled = new Set(counts.filter((c) => c.n > 0).map((c) => c.domainId));
    const all = await tx.select().from(domains);
    const byName = new Map(all.map((d) => [d.name, d]));
    const perDomain = new Map<string, TemplateSeed[]>();
    for (const t of loadTemplateSeeds()) perDomain.set(t.domain, [...(perDomain.get(t.domain) ?? []), t]);
    for (const [name, rows] of perDomain) {
      const domain = byName.get(name);
      if (!domain) throw new Error(`template domain not seeded: ${name}`);
      if (filled.has(domain.id) || domain.templateComplete) continue;
      const values = itemRows(0, rows.map(({ domain: _d, source: _s, note: _n, cut: _c, ...r }) => ({ ...r, origin: 'template' as const })));
      await tx.insert(catalogTemplates).values(
        values.map(({ versionId: _v, templateId: _t, origin: _o, timeRule: _r, timeRuleOk: _ok, ...v }, i) => ({ ...v, domainId: domain.id, source: rows[i]!.source, note: rows[i]!.note, cut: rows[i]!.cut })),
      );
      await tx.update(domains).set({ templateSource: SHIPPED_TEMPLATE_SOURCE }).where(eq(domains.id, domain.id));
    }
  });
}

/**
 * The demo county's published catalogs, made through the same workflow staff use, so history and
 * audit are real; in the full demo also catalogs waiting for review and for publication.
 */
export async function seedCatalogDemo(world: DemoWorld): Promise<void> {
  const { db } = world;
  const allDomains = await db.select().from(domains);
  const domainId = (name: string) => allDomains.find((d) => d.name === name)!.id;
  for (const d of PILOT_DOMAINS) {
    await db.update(domains).set({ responsibleAgencyId: world.agencies.get(d.department)! }).where(eq(domains.code, d.code));
  }
  const as = world.as;
  // Rows cut off in their source cannot be adopted as they are; compiling leaves them out with the standard reason.
  const adoptable = async (domain: string) => (await domainTemplates(db, domainId(domain))).filter((t) => !t.cut).map((t) => t.id);

  // Published catalogs, made through the same workflow staff use, so history and audit are real.
  const publish = async (editor: string, supervisor: string, domain: string, subject: string, office = 'office') => {
    const vid = await compileCatalog(as(editor), { domainId: domainId(domain), templateIds: await adoptable(domain), exclusions: [], subject });
    await transition(as(editor), vid, 'submit');
    await transition(as(supervisor), vid, 'approve', '符合标准指引要求。');
    await transition(as(office), vid, 'publish');
    return vid;
  };
  const v1 = await publish('hexi', 'minzheng', '社会救助', '河西乡人民政府');
  await publish('jiaoyu', 'jiaoyu', '义务教育', '县教育局');
  await publish('caizheng', 'caizheng', '财政预决算', '县财政局');
  await publish('fagai', 'fagai', '重大建设项目', '县发展和改革委员会');

  // A second version of 河西乡's catalog, so the public history shows a real diff.
  const [catalog] = await db.select({ id: catalogVersions.catalogId }).from(catalogVersions).where(eq(catalogVersions.id, v1));
  const v2 = await startNewVersion(as('hexi'), catalog!.id, '根据县民政局通知，增加乡便民服务中心公开渠道。');
  const first = (await versionItems(db, v2))[0]!;
  await updateItem(as('hexi'), first.id, { ...toInput(first), channels: [...first.channels, '便民服务站'] });
  await transition(as('hexi'), v2, 'submit');
  await transition(as('minzheng'), v2, 'approve', '同意。');
  await transition(as('office'), v2, 'publish');

  if (world.region) await seedRegionCatalogs(world, publish, adoptable, domainId);

  if (!world.full) return;
  // Waiting work for the worklist: 城关镇's 义务教育 catalog submitted to 县教育局, and 东街街道's
  // 社会救助 catalog approved by 县民政局 and waiting for the office to publish.
  const submitted = await compileCatalog(as('chengguan'), { domainId: domainId('义务教育'), templateIds: await adoptable('义务教育'), exclusions: [], subject: '城关镇人民政府' });
  await transition(as('chengguan'), submitted, 'submit');
  const approved = await compileCatalog(as('dongjie'), { domainId: domainId('社会救助'), templateIds: await adoptable('社会救助'), exclusions: [], subject: '东街街道办事处' });
  await transition(as('dongjie'), approved, 'submit');
  // In the region demo 社会救助 is the city's: 市民政局 approved it.
  await transition(as(world.region ? 'shi-minzheng' : 'minzheng'), approved, 'approve', '符合标准指引要求。');
}

/**
 * The region demo: the city's office gives 社会救助, 养老服务 and 义务教育 to the city's own
 * departments (新乡 附件1); 示范南县's 柳河乡 publishes its 财政预决算 catalog through its own 县财政局;
 * 城关镇 (示范县) and 南关镇 (示范南县) submit their 社会救助 catalogs, which wait side by side in
 * 市民政局's one review queue.
 */
async function seedRegionCatalogs(
  world: DemoWorld,
  publish: (editor: string, supervisor: string, domain: string, subject: string, office?: string) => Promise<number>,
  adoptable: (domain: string) => Promise<number[]>,
  domainId: (name: string) => number,
): Promise<void> {
  const as = world.as;
  await setSupervision(as('shi-office'), ['社会救助', '养老服务', '义务教育'].map(domainId));
  await publish('nx-liuhe', 'nx-caizheng', '财政预决算', '柳河乡人民政府', 'nx-office');
  for (const [editor, subject] of [['chengguan', '城关镇人民政府'], ['nx-nanguan', '南关镇人民政府']] as const) {
    const vid = await compileCatalog(as(editor), { domainId: domainId('社会救助'), templateIds: await adoptable('社会救助'), exclusions: [], subject });
    await transition(as(editor), vid, 'submit');
  }
}
