// The 公开栏 notice of a published information document (core/module.ts Notice): the offline
// module prints it on A4 or A3 with a QR code to the document's page on its government's site.
import type { Ctx } from '../../core/context.js';
import type { Notice, NoticeProvider } from '../../core/module.js';
import { AppError } from '../../core/errors.js';
import { inReach } from '../../core/org/scope.js';
import { toShanghaiDate } from '../../core/calendar/dates.js';
import { publicDocument } from './queries.js';
import { placeOf } from './repository.js';
import { plainText } from './indexing.js';

/** The published edition as a notice, for staff whose reach holds the document; else null. */
export async function documentNotice(ctx: Ctx, documentId: number): Promise<Notice | null> {
  if (!ctx.actor) return null;
  let d;
  try {
    d = await publicDocument(ctx.db, documentId, null);
  } catch (e) {
    if (e instanceof AppError && (e.status === 404 || e.status === 410)) return null;
    throw e;
  }
  const e = d.edition;
  if (e.state !== 'published' || !e.publishedAt || !inReach(ctx.actor, placeOf(e))) return null;
  const paragraphs = plainText(e.bodyHtml).split(/\n+/).map((p) => p.trim()).filter(Boolean);
  const meta = [e.docNumber ? `文号：${e.docNumber}` : null, e.indexNumber ? `索引号：${e.indexNumber}` : null, `成文日期：${e.writtenDate}`].filter((x): x is string => !!x);
  return {
    title: e.title,
    issuer: e.agencyName,
    govId: e.govId ?? e.agencyGovId,
    path: `/xxgk/${documentId}`,
    publishedOn: toShanghaiDate(e.publishedAt),
    until: null,
    paragraphs: [meta.join('　'), ...paragraphs],
  };
}

export const documentNoticeProvider: NoticeProvider = { kind: 'info', label: '政府信息', load: documentNotice };
