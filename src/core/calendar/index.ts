import { hasRole } from '../auth/actor.js';
import type { ModuleManifest, WorkItem, WorklistCtx } from '../module.js';
import { calendarDaysNote, urgencyByDays } from '../worklist.js';
import { yearsWithoutData } from './calendar.js';
import { addDays } from './dates.js';
import { registerCalendarRoutes } from './routes.js';
import { loadCalendar } from './service.js';

/**
 * Years within the coming year that have no official holiday data: every working-day clock that
 * runs into them is counted on plain weekends. The office enters them at /admin/calendar.
 */
async function calendarWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  if (!hasRole(ctx.actor, 'office') && !hasRole(ctx.actor, 'admin')) return [];
  const cal = await loadCalendar(ctx.db);
  return yearsWithoutData(cal, ctx.today, addDays(ctx.today, 365)).map((year) => {
    const dueOn = `${year}-01-01`;
    return {
      group: 'settings', kind: '工作日历待录入', title: `${year} 年法定节假日安排尚未录入`, href: `/admin/calendar?year=${year}`,
      dueOn, urgency: urgencyByDays(ctx.today, dueOn, { dueWithin: 31, soonWithin: 92 }), note: `${calendarDaysNote(ctx.today, dueOn)}，跨年期限可能不准确`,
    };
  });
}

/** The official working-day calendar: the office's page, the deadline API and its worklist item. */
export const calendarModule: ModuleManifest = {
  name: 'calendar',
  label: '工作日历',
  routes: { staff: registerCalendarRoutes },
  nav: [{ group: 'settings', href: '/admin/calendar', label: '工作日历', roles: ['office', 'admin'], order: 40 }],
  worklist: calendarWorklist,
  audit: {
    actions: { 'calendar.override_set': '调整工作日安排', 'calendar.override_removed': '删除工作日调整', 'calendar.imported': '导入节假日安排' },
    targets: { calendar_override: '工作日调整' },
  },
};
