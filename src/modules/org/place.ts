import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../core/audit/service.js';
import { conflict, invalid, notFound } from '../../core/errors.js';
import { agencies, GOVERNMENT_KINDS } from '../../core/org/schema.js';
import type { Db } from '../../db/client.js';

/** Who placed it: the operator at the command line (`npm run setup:place`), not a signed-in person. */
const OPERATOR = { userId: null, name: '运维命令（setup:place）', agencyId: null };

const OFFICE: Record<'city' | 'province', string> = { city: '市人民政府办公室', province: '省人民政府办公厅' };

/**
 * Places a county that was installed on its own under a city (or a city under a province): the
 * upper government is found by name or created with its general office, and becomes the root of
 * the tree. The database keeps every path and government (trigger of migration 0018), so
 * everything the county holds stays as it is; its staff keep their scope, now with a government
 * above them. Audited. Returns the two governments' ids.
 */
export async function placeGovernment(db: Db, input: { lower: string; upper: string; upperKind: 'city' | 'province' }): Promise<{ lowerId: number; upperId: number; created: boolean }> {
  const lowerName = input.lower.trim();
  const upperName = input.upper.trim();
  if (!lowerName || !upperName || lowerName.length > 100 || upperName.length > 100) throw invalid('请填写下级政府和上级政府的名称（各不超过 100 个字符）。');
  return db.transaction(async (tx) => {
    const [lower] = await tx.select().from(agencies).where(eq(agencies.name, lowerName));
    if (!lower || !(GOVERNMENT_KINDS as readonly string[]).includes(lower.kind)) throw notFound(`政府「${lowerName}」`);
    const expected = input.upperKind === 'city' ? ['county'] : ['city', 'county'];
    if (!expected.includes(lower.kind)) throw invalid(`「${lowerName}」不能置于${input.upperKind === 'city' ? '市' : '省'}级政府之下。`);
    let [upper] = await tx.select().from(agencies).where(and(eq(agencies.name, upperName), eq(agencies.kind, input.upperKind)));
    let created = false;
    if (!upper) {
      const [other] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.name, upperName));
      if (other) throw conflict('name_taken', `已有名为「${upperName}」的其他机构。`);
      [upper] = await tx.insert(agencies).values({ name: upperName, kind: input.upperKind }).returning();
      await tx.insert(agencies).values({ name: OFFICE[input.upperKind], kind: 'department', parentId: upper!.id, sort: 1 });
      created = true;
    }
    if (lower.parentId === upper!.id) return { lowerId: lower.id, upperId: upper!.id, created };
    if (lower.parentId != null) throw conflict('already_placed', `「${lowerName}」已在其他政府之下，不能再次放置。`);
    await tx.update(agencies).set({ parentId: upper!.id, updatedAt: new Date() }).where(and(eq(agencies.id, lower.id), isNull(agencies.parentId)));
    await recordAudit(tx, OPERATOR, { action: 'org.government_placed', targetType: 'agency', targetId: lower.id, before: { parentId: null }, after: { parentId: upper!.id, upper: upperName, created } });
    return { lowerId: lower.id, upperId: upper!.id, created };
  });
}
