import type { SearchEntry } from '../../core/search/types.js';
import type { agencies } from '../../core/org/schema.js';

type Agency = typeof agencies.$inferSelect;

const lines = (...xs: (string | null | undefined | false)[]) => xs.filter(Boolean).join('\n');

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
