import type { Ctx } from '../../core/context.js';
import type { Notice, NoticeProvider } from '../../core/module.js';
import { AppError } from '../../core/errors.js';
import { inReach } from '../../core/org/scope.js';
import { publicDisclosure } from './public.js';
import { CATEGORY_LABELS, periodLabel } from './rules.js';
import { publicDisclosurePath } from './views/paths.js';
import { VILLAGE_COLUMN } from './disclosures.js';

/** A published village 公开 as a 公开栏 notice (the offline module prints it); a shared list with its village column. */
export async function villageNotice(ctx: Ctx, id: number): Promise<Notice | null> {
  if (!ctx.actor) return null;
  try {
    const d = await publicDisclosure(ctx.db, null, id);
    // Only the staff whose reach holds the village (or township) print it, like every other notice.
    if (d.state !== 'published' || !inReach(ctx.actor, d.place)) return null;
    const name = (vid: number | null) => d.villages.find((v) => v.id === vid)?.name ?? '';
    const table = d.table ? (d.shared ? { head: [VILLAGE_COLUMN, ...d.table.head], rows: d.table.rows.map((r) => [name(r.villageId), ...r.cells]) } : { head: d.table.head, rows: d.table.rows.map((r) => r.cells) }) : undefined;
    const meta = `${CATEGORY_LABELS[d.category]}${d.period ? ` · ${periodLabel(d.period)}` : ''}${d.signedBy ? ` · 监督委员会审核：${d.signedBy}（${d.signedOn}）` : ''}`;
    return {
      title: d.title, issuer: d.shared ? `${d.place.name}${d.place.kind === "street" ? "街道办事处" : "人民政府"}` : `${d.place.name}${d.place.kind === "community" ? "居民委员会" : "村民委员会"}`, govId: d.place.govId, path: publicDisclosurePath(d.id),
      publishedOn: d.publishedOn!, until: d.publicityUntil, paragraphs: [meta, ...d.body.split(/\n+/).filter(Boolean), `公示期：${d.publishedOn} 至 ${d.publicityUntil}。对公示内容有异议的，可在公示期内向村务监督委员会反映或在网站提出。`], table,
    };
  } catch (e) {
    if (e instanceof AppError && e.status === 404) return null;
    throw e;
  }
}
export const villageNotices: NoticeProvider = { kind: 'village', label: '村（居）务公开', load: villageNotice };
