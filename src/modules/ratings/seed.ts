import { randomBytes } from 'node:crypto';
import type { DemoWorld } from '../../core/module.js';
import { listPublishedGuides } from '../guides/public.js';
import { orderStep } from './orders.js';
import { resolveTarget, submitRating, type RatingInput } from './ratings.js';
import { createWindow } from './windows.js';

const DAY = 86_400_000;

/**
 * The demo 好差评 of 示范县: three windows of the 县政务服务中心, ratings of published guides and
 * windows over the last weeks, one 差评 handled to the end (回访, 整改, 反馈) and one still open
 * at 县民政局 (on its worklist).
 */
export async function seedRatingsDemo(world: DemoWorld): Promise<void> {
  const office = world.actors.get('office');
  if (!office) return;
  const govId = office.placement.govId;
  const key = world.config?.foiDataKey ?? randomBytes(32);
  const mz = world.agencies.get('县民政局'), jy = world.agencies.get('县教育局');
  const windows: number[] = [];
  for (const [agencyId, number, name] of [[mz, 'A01', '社会救助窗口'], [jy, 'A02', '教育服务窗口'], [mz, 'A03', '养老服务窗口']] as const) {
    if (agencyId) windows.push(await createWindow(world.as('office'), { agencyId, hall: '县政务服务中心一楼', number, name }));
  }
  const guides = await listPublishedGuides(world.db, govId);
  if (!guides.length) return;
  const now = Date.now();
  let n = 0;
  const rate = async (t: { code?: string; window?: string }, input: RatingInput, daysAgo: number) => {
    const target = await resolveTarget(world.db, govId, t);
    if (!target) return null;
    n += 1;
    return submitRating({ db: world.db, key, address: `198.51.100.${n}`, now: new Date(now - daysAgo * DAY - n * 60_000) }, target, input);
  };
  const levels = ['5', '5', '4', '5', '3', '4', '5', '4'];
  for (const [i, g] of guides.slice(0, 6).entries()) {
    for (const [j, level] of levels.slice(0, 3 + (i % 4)).entries()) await rate({ code: g.code }, { level, body: j === 0 && level === '5' ? '指南写得清楚，材料一次带齐。' : '' }, 3 + i + j);
  }
  for (const w of windows) for (const level of ['5', '4', '5']) await rate({ window: String(w) }, { level }, 2);
  const dibao = guides.find((g) => g.agencyName === '县民政局') ?? guides[0]!;
  const done = await rate({ code: dibao.code }, { level: '2', tags: ['等候时间过长'], body: '上午排队一个多小时，叫号系统没有提示。', phone: '13812341234' }, 12);
  if (done?.orderId) {
    const on = (daysAgo: number) => ({ ...world.as('minzheng'), key, now: new Date(now - daysAgo * DAY) });
    await orderStep(on(11), done.orderId, 'callback', { note: '已电话回访评价人，核实当天上午叫号系统故障。' });
    await orderStep(on(9), done.orderId, 'rectify', { note: '更换叫号系统并增设高峰时段弹性窗口。' });
    await orderStep(on(8), done.orderId, 'feedback', { note: '已向评价人反馈整改情况，评价人表示认可。' });
  }
  await rate({ window: String(windows[0] ?? '') }, { level: '1', tags: ['材料要求前后不一', '多次跑动'], body: '第一次说要户口本原件，第二次又要村委会证明，跑了三趟。', phone: '13900005678' }, 1);
}
