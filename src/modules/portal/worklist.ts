import type { WorklistProvider } from '../../core/module.js';
import { formatDate } from '../../web/components.js';
import { agencyTitle, PART_LABELS, unpublishedDrafts } from './guide.js';

/** Guides and 制度 saved but not published yet, for whoever may publish them. */
export const portalWorklist: WorklistProvider = async (ctx) =>
  (await unpublishedDrafts(ctx)).map((d) => ({
    group: 'info',
    kind: '公开指南待发布',
    title: agencyTitle(d.agency.name, PART_LABELS[d.part]),
    href: `/admin/guides/${d.agency.id}`,
    detail: `${d.savedBy || '工作人员'}于 ${formatDate(d.savedAt)} 保存了修改，尚未发布`,
    dueOn: null,
    urgency: 'normal',
  }));
