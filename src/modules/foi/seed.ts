import type { DemoWorld } from '../../core/module.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { isWorkday } from '../../core/calendar/calendar.js';
import { addDays, todayInShanghai, type IsoDate } from '../../core/calendar/dates.js';
import { registerApplication, submitApplication, type FoiCtx } from './intake.js';
import { requestSupplement } from './handling.js';
import { caseIdByCode } from './repository.js';

/** The day `n` working days before `from` on the official calendar. */
async function workdaysBefore(world: DemoWorld, from: IsoDate, n: number): Promise<IsoDate> {
  const cal = await loadCalendar(world.db);
  let d = from;
  for (let left = n; left > 0; ) {
    d = addDays(d, -1);
    if (isWorkday(cal, d)) left--;
  }
  return d;
}

/**
 * Applications on the demo county's clock, dated from today so that the worklist always shows one
 * overdue, one due within 3 working days, one waiting for the applicant's 补正, one in time, and
 * one online application waiting to be confirmed. Fictitious applicants; valid ID check digits.
 */
export async function seedFoiDemo(world: DemoWorld): Promise<void> {
  if (!world.full || !world.config?.demoApplications) return;
  const as = (u: string): FoiCtx => ({ ...world.as(u), key: world.config!.foiDataKey, countStartDay: world.config!.deadlineCountStartDay });
  const today = todayInShanghai();
  const form = (agency: string, over: Record<string, unknown>) => ({
    agencyId: world.agencies.get(agency)!, applicantType: 'natural', name: '张三', idType: '居民身份证', idNumber: '11010519491231002X', phone: '13800138000',
    content: '', form: 'electronic', delivery: 'online', ...over,
  });
  const register = async (user: string, agency: string, content: string, idNumber: string, receivedWorkdaysAgo: number) =>
    registerApplication(as(user), { ...form(agency, { content, idNumber }), channel: 'letter', receivedOn: await workdaysBefore(world, today, receivedWorkdaysAgo) });

  await register('chengguan', '城关镇', '城关镇2025年农村道路维修工程合同及验收报告', '110105194912310046', 24);
  await register('chengguan', '城关镇', '城关镇2026年第三季度低保资金发放名册（去除个人隐私）', '110105194912310054', 18);
  const waiting = await register('chengguan', '城关镇', '关于我村土地征收的有关文件', '11010519491231002X', 3);
  await requestSupplement(as('chengguan'), await caseIdByCode(world.db, waiting.code), {
    items: '请写明村名和征收项目名称，以便查找所需信息。', dueOn: addDays(today, 10), on: await workdaysBefore(world, today, 1),
  });
  await register('hexi', '河西乡', '河西乡2026年高标准农田建设项目公示材料', '110105194912310046', 2);
  await submitApplication(as('dongjie'), { ...form('东街街道', { content: '东街街道老旧小区改造2026年实施计划', name: '李四' }), submitKey: 'demo-dongjie-online-1' });
}
