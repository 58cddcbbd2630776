import { randomBytes } from 'node:crypto';
import type { DemoWorld } from '../../core/module.js';
import { localDateTime, staffConsultations } from '../participation/consultations.js';
import { announceMeeting, createMeeting } from './meetings.js';
import { register } from './registrations.js';

const DAY = 86_400_000;

/**
 * The full demo: a 听证会 on the open consultation (the 临时救助 draft), announced, registration
 * open (先报名先得, 12 places) with five registrations, among them two 利害关系人代表. The meeting
 * is 12 days away, outside the 7-day materials window, so the demo worklists stay as they are.
 */
export async function seedHearingDemo(world: DemoWorld): Promise<void> {
  if (!world.full) return;
  const clerk = world.as('minzheng');
  const c = (await staffConsultations(clerk)).find((x) => x.state === 'open' && x.kind === 'normative');
  if (!c) return;
  const now = new Date();
  const at = (days: number, hour: number) => { const d = new Date(now.getTime() + days * DAY); d.setUTCHours(hour - 8, 0, 0, 0); return localDateTime(d); };
  const id = await createMeeting(clerk, c.id, {
    kind: 'hearing', title: '《示范县城乡居民临时救助实施办法（征求意见稿）》听证会', startsAt: at(12, 9), place: '示范县人民政府第一会议室（县府路1号）',
    announcement: '为广泛听取社会各界对《示范县城乡居民临时救助实施办法（征求意见稿）》的意见，县民政局决定举行听证会，现将有关事项公告如下。\n一、听证事项：临时救助对象范围、申请程序和救助标准。\n二、参加人：利害关系人代表（临时救助对象或其家属）、专家学者、人大代表、政协委员和群众代表。\n三、报名方式：在本页面填写报名表，或到县民政局社会救助股现场报名。参加人名单在会前公布。\n四、旁听：会议接受群众旁听，旁听人员请于会前30分钟凭身份证入场。',
    rule: 'first_come', ruleText: '按报名先后顺序确定参加人，报满为止。利害关系人代表不足3人的，由县民政局从救助对象中邀请补足。',
    regOpensAt: at(-1, 9), regClosesAt: at(7, 17), capacity: '12', categories: ['affected', 'expert', 'npc', 'cppcc', 'public'],
  });
  await announceMeeting(clerk, id, new Date(now.getTime() - DAY));
  const key = world.config?.foiDataKey ?? randomBytes(32);
  const people = [
    { name: '陈建国', phone: '13700000101', category: 'affected', reason: '去年因病申请过临时救助，想谈谈申请中遇到的问题。' },
    { name: '刘桂芳', phone: '13700000102', category: 'affected', reason: '家中老人长期患病，关心慢性病是否纳入救助范围。' },
    { name: '周明', phone: '13700000103', category: 'expert', reason: '县职业中专社会工作专业教师。' },
    { name: '孙丽华', phone: '13700000104', category: 'npc', reason: '' },
    { name: '吴海', phone: '13700000105', category: 'public', reason: '在本县务工，关心外地户籍人员能否申请。' },
  ];
  let i = 0;
  for (const p of people) await register({ db: world.db, key, address: `192.0.2.${120 + i++}` }, id, p, new Date(now.getTime() - (6 - i) * 3600_000));
}
