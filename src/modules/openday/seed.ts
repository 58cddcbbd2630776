import { randomBytes } from 'node:crypto';
import type { DemoWorld } from '../../core/module.js';
import { addOpinion, announceEvent, answerOpinion, assignOpinion, createEvent, drawSelection, publishList, register, saveSummary } from './events.js';
import { publicEvent } from './public.js';

const DAY = 86_400_000;

/**
 * The demo: an announced 示范县 open day (先报名先得, two sessions, registration open, three
 * registrations), and a past one (遴选) with its published list, the office's published 活动回顾 and
 * two answered opinions in it.
 */
export async function seedOpendayDemo(world: DemoWorld): Promise<void> {
  const office = world.as('office');
  const now = Date.now();
  const at = (days: number, hour: number) => { const d = new Date(now + days * DAY); d.setUTCHours(hour - 8, 0, 0, 0); return d; };
  const key = world.config?.foiDataKey ?? randomBytes(32);
  const pub = { db: world.db, key };

  const next = await createEvent(office, {
    theme: '走进县政务服务中心——“一网通办”体验日', agencyId: world.agencies.get('县民政局'), mode: 'first_come',
    description: '参观县政务服务中心综合受理窗口、自助服务区和“办不成事”反映窗口，现场体验社会救助、养老服务等事项的网上申请，与县民政局、县政务服务中心工作人员座谈交流。\n活动免费，请携带身份证入场。',
    eligibility: '年满 16 周岁的本县居民、在本县工作学习的人员，每人限报一个场次。',
    regOpensAt: at(-2, 9), regClosesAt: at(8, 17),
    sessions: [{ startsAt: at(12, 9), place: '示范县政务服务中心一楼大厅（县府路8号）', capacity: 20 }, { startsAt: at(12, 14), place: '示范县政务服务中心一楼大厅（县府路8号）', capacity: 20 }],
  });
  await announceEvent(office, next);

  const past = await createEvent(office, {
    theme: '走进城关镇便民服务中心', agencyId: world.agencies.get('城关镇'), mode: 'selection',
    description: '参观城关镇便民服务中心和新时代文明实践站，了解镇村两级便民服务，听取群众对窗口服务的意见建议。',
    eligibility: '城关镇居民，报名人数超过名额时随机抽选。',
    regOpensAt: at(-40, 9), regClosesAt: at(-30, 17),
    sessions: [{ startsAt: at(-25, 9), place: '城关镇便民服务中心（城关镇人民路12号）', capacity: 3 }],
  });
  await announceEvent(office, past);
  const [session] = (await publicEvent(world.db, past, null)).sessions;
  const people = [['王秀英', '13700000201', '110101196502030024'], ['李卫东', '13700000202', '110101197008120015'], ['赵敏', '13700000203', '11010119850316004X'], ['钱志强', '13700000204', '110101199107250031']] as const;
  let i = 0;
  for (const [name, phone, idNumber] of people) await register(pub, session!.id, { name, phone, idNumber }, new Date(at(-35, 10).getTime() + i++ * 3600_000));
  await drawSelection(office, past, at(-29, 9));
  await publishList(office, past, at(-29, 10));
  const unit = world.agencies.get('城关镇')!;
  for (const [body, answer] of [
    ['建议便民服务中心中午安排轮班，方便上班族午休时间办事。', '自本月起，便民服务中心社保、民政窗口实行中午轮班，12:00—14:00 照常受理。'],
    ['自助服务机的字太小，老年人看不清，希望有人引导。', '已调大自助服务机字体并开启长者模式，每个工作日安排一名志愿者在自助区引导。'],
  ] as const) {
    const o = await addOpinion(office, past, body, at(-25, 11));
    await assignOpinion(office, o, unit, at(-24, 10));
    await answerOpinion(office, o, answer, at(-20, 10));
  }
  await saveSummary(office, past, {
    publish: true,
    summary: '本次开放日共有 3 名城关镇居民参加，城关镇和县政务服务中心的工作人员陪同。\n\n参加人先后参观了便民服务中心的社保、民政、医保综合窗口和自助服务区，现场体验了社会救助网上申请和老年人优待证办理；随后参观了新时代文明实践站，了解“一站式”便民服务和志愿服务安排。\n\n座谈会上，参加人就窗口午间服务、自助服务机适老化、办事指南的通俗易懂等提出了意见建议，工作人员当场作了解答。会后收集的意见已交城关镇办理，答复如下。',
  }, at(-20, 16));
}
