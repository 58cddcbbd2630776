// The 公开栏 notice of a catalog item of a published catalog (core/module.ts Notice): what is
// disclosed, on what basis, by whom, within what time and through which channels.
import type { Ctx } from '../../core/context.js';
import type { Notice, NoticeProvider } from '../../core/module.js';
import { AppError } from '../../core/errors.js';
import { placementOf, inReach } from '../../core/org/scope.js';
import { toShanghaiDate, todayInShanghai } from '../../core/calendar/dates.js';
import { publishedItem } from './queries.js';

/** The item of a published catalog as a notice, for staff whose reach holds its agency; else null. */
export async function catalogItemNotice(ctx: Ctx, itemId: number): Promise<Notice | null> {
  if (!ctx.actor) return null;
  let item;
  try {
    item = await publishedItem(ctx.db, itemId, null);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) return null;
    throw e;
  }
  const place = await placementOf(ctx.db, item.agencyId);
  if (!inReach(ctx.actor, { id: item.agencyId, path: place.agencyPath, govId: place.govId })) return null;
  const channels = [...item.channels, ...item.otherChannels].join('、');
  const mode = [item.modeActive ? '主动公开' : null, item.modeOnRequest ? '依申请公开' : null].filter(Boolean).join('、');
  const audience = [item.audiencePublic ? '全社会' : null, item.audienceSpecific ? '特定群体' : null].filter(Boolean).join('、');
  const lines: [string, string][] = [
    ['公开事项', [item.level1, item.level2, item.level3].filter(Boolean).join(' · ')], ['公开内容', item.content], ['公开依据', item.basis],
    ['公开时限', item.timeLimitText], ['公开主体', item.subject], ['公开渠道', channels], ['公开对象', audience], ['公开方式', mode],
  ];
  return {
    title: `${item.agencyName}${item.domainName}领域政务公开事项：${item.level2}`,
    issuer: item.agencyName,
    govId: place.govId,
    path: `/catalog/items/${itemId}`,
    publishedOn: item.publishedAt ? toShanghaiDate(item.publishedAt) : todayInShanghai(),
    until: null,
    paragraphs: lines.filter(([, v]) => v.trim()).map(([k, v]) => `${k}：${v}`),
  };
}

export const catalogNoticeProvider: NoticeProvider = { kind: 'catalog', label: '公开目录事项', load: catalogItemNotice };
