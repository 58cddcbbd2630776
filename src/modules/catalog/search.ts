import type { SearchEntry } from '../../core/search/types.js';
import type { SearchSource } from '../../core/module.js';
import { publishedItems, type PublicItem } from './queries.js';

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

/** Every item of the current published versions, for a rebuild of the index. */
export const catalogSearchSource: SearchSource = {
  kind: 'catalog_item',
  label: '公开事项',
  entries: async (db) => {
    const byId = new Map<number, PublicItem>();
    for (let offset = 0; ; offset += 5000) {
      const page = await publishedItems(db, { limit: 5000, offset });
      for (const i of page) byId.set(i.id, i);
      if (page.length < 5000) break;
    }
    return [...byId.values()].map(catalogItemEntry);
  },
};
