import type { DemoWorld } from '../../core/module.js';
import { addDays, todayInShanghai } from '../../core/calendar/dates.js';
import { addFollowUp, publishProposal, recordCoView, recordSatisfaction, registerProposal, replyProposal } from './items.js';

const NPC = '县第十八届人民代表大会第三次会议';
const CPPCC = '县政协第十二届委员会第三次会议';

/**
 * The full demo's 建议提案办理 (示范县, registered by the county office): one reply published in
 * time (the deputy's phone in the reply removed), one published late, one replied and waiting for
 * publication, one newly assigned, and one 政协提案 past its 3 months unanswered (on the office's
 * and 县教育局's worklists: 建议提案答复超期).
 */
export async function seedProposalsDemo(world: DemoWorld): Promise<void> {
  if (!world.full) return;
  const office = world.as('office');
  const minzheng = world.actors.get('minzheng')?.agencyId;
  const jiaoyu = world.actors.get('jiaoyu')?.agencyId;
  if (!minzheng || !jiaoyu) return;
  const today = todayInShanghai();
  const ago = (n: number) => addDays(today, -n);

  const care = await registerProposal(office, {
    kind: 'npc', session: NPC, number: '12', title: '关于改善城关镇养老服务设施的建议',
    leadAuthor: { name: '王建华', phone: '13912345678' }, coAuthors: [{ name: '李秀英', phone: '0373-5230001' }, { name: '张卫东', phone: '' }],
    hostAgencyId: minzheng, coAgencyIds: [jiaoyu], assignedOn: ago(100),
  });
  await recordCoView(world.as('jiaoyu'), care, { text: '县教育局支持在城关镇中心小学周边布局社区老年学堂，可利用学校闲置教室开展老年教育。', on: ago(80) });
  await replyProposal(office, care, {
    replyClass: 'A', replyOn: ago(40),
    text: '王建华代表：\n您提出的《关于改善城关镇养老服务设施的建议》收悉。经研究，现答复如下：\n一、县民政局已将城关镇北街社区日间照料中心列入今年民生实事，新增床位 30 张，已于上月投入使用。\n二、与县教育局协商，利用城关镇中心小学闲置教室开设社区老年学堂。\n感谢您对民政工作的关心和支持。如有意见，请与我局养老服务股联系（联系人：赵敏，电话 0373-5231234）。您的联系电话 13912345678 已登记，我们将定期回访。',
  });
  await recordSatisfaction(office, care, { satisfaction: 'satisfied' });
  await publishProposal(office, care, { mode: 'full', on: ago(35) });

  const school = await registerProposal(office, {
    kind: 'cppcc', session: CPPCC, number: '45', title: '关于加强农村学校建设的提案',
    leadAuthor: { name: '赵明远', phone: '13700001111' }, hostAgencyId: jiaoyu, assignedOn: ago(120),
  });
  void school; // left unanswered past its limit: the worklists' overdue item

  const roads = await registerProposal(office, {
    kind: 'npc', session: NPC, number: '23', title: '关于加快农村公路养护的建议',
    leadAuthor: { name: '孙国强', phone: '13612340000' }, hostAgencyId: minzheng, assignedOn: ago(150),
  });
  await replyProposal(office, roads, { replyClass: 'B', replyOn: ago(100), text: '孙国强代表：\n您的建议已列入明年农村公路养护计划，届时将对全县 12 条乡村道路进行集中养护。' });
  await recordSatisfaction(office, roads, { satisfaction: 'basically', note: '希望尽快落实。' });
  await addFollowUp(office, roads, { on: ago(30), text: '养护计划已报县交通运输局，列入明年第一批。' });
  // Published well after its 20 working days: the register marks it 逾期公开.
  await publishProposal(office, roads, { mode: 'summary', summary: '建议已列入明年农村公路养护计划，将对全县 12 条乡村道路集中养护。', reason: '答复涉及尚未确定的养护预算安排。', on: ago(20) });

  const meals = await registerProposal(office, {
    kind: 'cppcc', session: CPPCC, number: '8', title: '关于推进社区老年助餐服务的提案',
    leadAuthor: { name: '周丽', phone: '13500002222' }, hostAgencyId: minzheng, assignedOn: ago(60),
  });
  await replyProposal(office, meals, { replyClass: 'C', replyOn: ago(2), text: '周丽委员：\n您的提案留作参考，我局将结合财力逐步推进社区老年助餐点建设。' });

  await registerProposal(office, {
    kind: 'npc', session: NPC, number: '31', title: '关于规范校外培训机构收费的建议',
    leadAuthor: { name: '吴海燕', phone: '' }, hostAgencyId: jiaoyu, coAgencyIds: [minzheng], assignedOn: ago(5),
  });
}
