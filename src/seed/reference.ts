import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { catalogTemplates, domains } from '../modules/catalog/schema.js';
import { PILOT_DOMAINS } from '../modules/catalog/data/domains.js';
import { TEMPLATE_SEEDS } from '../modules/catalog/data/templates.js';
import { itemRows } from '../modules/catalog/repository.js';

/**
 * Reference data every installation needs: the 26 pilot domains and the guide templates.
 * Idempotent: runs on every start and only inserts what is missing.
 */
export async function seedReference(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727275)`);
    await tx
      .insert(domains)
      .values(PILOT_DOMAINS.map((d, i) => ({ code: d.code, name: d.name, pilot: true, sort: i + 1, guide: d.guide ?? '' })))
      .onConflictDoNothing({ target: domains.code });
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(catalogTemplates);
    if (n > 0) return;
    const all = await tx.select().from(domains);
    const byName = new Map(all.map((d) => [d.name, d.id]));
    const perDomain = new Map<string, typeof TEMPLATE_SEEDS>();
    for (const t of TEMPLATE_SEEDS) perDomain.set(t.domain, [...(perDomain.get(t.domain) ?? []), t]);
    for (const [name, rows] of perDomain) {
      const domainId = byName.get(name);
      if (!domainId) throw new Error(`template domain not seeded: ${name}`);
      const values = itemRows(0, rows.map(({ domain: _d, ...r }) => ({ ...r, origin: 'template' as const })));
      await tx.insert(catalogTemplates).values(
        values.map(({ versionId: _v, templateId: _t, origin: _o, timeRule: _r, timeRuleOk: _ok, ...v }) => ({ ...v, domainId })),
      );
    }
  });
}
