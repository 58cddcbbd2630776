import { hasRole } from '../../core/auth/actor.js';
import { addDays } from '../../core/calendar/dates.js';
import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { calendarDaysNote, urgencyByDays } from '../../core/worklist.js';
import { PHOTO_DAYS, postedInGovernment } from './boards.js';

/**
 * For the office (the administrator keeps the register but is not the one who posts): notices still up whose last day has come or passed and that no job takes down
 * (those without a 公示 end: a person must), and postings with no photo some days after going up.
 */
export async function offlineWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  if (!hasRole(ctx.actor, 'office')) return [];
  const items: WorkItem[] = [];
  for (const p of await postedInGovernment(ctx)) {
    const base = { group: 'services' as const, href: `/admin/offline/boards/${p.boardId}#posting-${p.id}`, title: p.title.length > 60 ? `${p.title.slice(0, 60)}…` : p.title, detail: p.boardName };
    if (!p.autoTakeDown && p.toOn <= addDays(ctx.today, 3)) {
      const urgency = urgencyByDays(ctx.today, p.toOn, { dueWithin: 1, soonWithin: 3 });
      items.push({ ...base, kind: urgency === 'overdue' ? '公告逾期未撤下' : '公告待撤下', dueOn: p.toOn, urgency, note: `张贴期${calendarDaysNote(ctx.today, p.toOn)}` });
    }
    const photoDue = addDays(p.fromOn, PHOTO_DAYS);
    if (p.photoFileId == null && p.fromOn <= ctx.today) {
      const urgency = urgencyByDays(ctx.today, photoDue, { dueWithin: 1, soonWithin: PHOTO_DAYS });
      items.push({ ...base, kind: urgency === 'overdue' ? '张贴照片逾期未上传' : '张贴照片待上传', dueOn: photoDue, urgency, note: `照片${calendarDaysNote(ctx.today, photoDue)}` });
    }
  }
  return items;
}
