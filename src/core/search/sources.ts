import type { PublicItem } from '../../modules/catalog/queries.js';
import type { Agency } from '../../modules/org/service.js';
import type { SearchEntry } from './types.js';

// How the portal's published things become index entries. Type-only imports: the modules call
// these from their services, so nothing here may import them at run time.

const lines = (...xs: (string | null | undefined | false)[]) => xs.filter(Boolean).join('\n');

/** An item of a published catalog version. */
export function catalogItemEntry(i: PublicItem): SearchEntry {
  const publishedAt = i.publishedAt ?? new Date();
  return {
    kind: 'catalog_item',
    refId: i.id,
    url: `/catalog/items/${i.id}`,
    title: [i.level1, i.level2, i.level3].filter(Boolean).join(' · '),
    body: lines(
      i.content,
      `公开主体：${i.subject}`,
      `公开时限：${i.timeLimitText}`,
      `公开依据：${i.basis}`,
      i.itemCode && `事项编码：${i.itemCode}`,
      `${i.agencyName} · ${i.domainName}领域基层政务公开标准目录`,
    ),
    publishedAt,
    agencyId: i.agencyId,
    domainId: i.domainId,
    year: publishedAt.getFullYear(),
  };
}

/** An agency's public facts (all public under Article 20 of the regulations). */
export function agencyEntry(a: Agency): SearchEntry {
  return {
    kind: 'agency',
    refId: a.id,
    url: `/agencies/${a.id}`,
    title: a.name,
    body: lines(
      a.functions,
      a.head && `负责人：${a.head}`,
      a.officeHours && `办公时间：${a.officeHours}`,
      a.address && `办公地址：${a.address}`,
      a.phone && `联系电话：${a.phone}`,
      a.creditCode && `统一社会信用代码：${a.creditCode}`,
    ),
    publishedAt: a.createdAt,
    agencyId: a.id,
  };
}
