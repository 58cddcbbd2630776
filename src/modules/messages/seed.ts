import type { DemoWorld } from '../../core/module.js';
import { fileMessage } from './intake.js';
import { rateMessage, replyMessage, screenMessage, setFaq, transferMessage } from './handling.js';
import { createMailbox, staffMessages } from './queries.js';
import { getMsgSettings } from './settings.js';
import { addWorkdays, isWorkday, workdaysBetween } from '../../core/calendar/calendar.js';
import { addDays, toShanghaiDate } from '../../core/calendar/dates.js';
import { loadCalendar } from '../../core/calendar/service.js';

const DAY = 86_400_000;

/** The latest working day before today on which a message accepted has `left` working days of its `limit` still to run. */
async function acceptedLeaving(world: DemoWorld, left: number, limit: number): Promise<string> {
  const cal = await loadCalendar(world.db);
  const today = toShanghaiDate(new Date());
  for (let back = 1; back <= 60; back++) {
    const day = addDays(today, -back);
    if (isWorkday(cal, day) && workdaysBetween(cal, today, addWorkdays(cal, day, limit)) === left) return day;
  }
  return addDays(today, -1);
}

/**
 * The demo, through the services as the demo accounts: a 县长信箱; a public complaint to 城关镇
 * transferred to 县民政局, answered and rated; a public consultation to 县教育局 answered and
 * promoted to 常见问题; a private request accepted long ago and still unanswered (red on the
 * office's worklist); one just received; one screened out as 转信访 with where to turn.
 */
export async function seedMessagesDemo(world: DemoWorld): Promise<void> {
  const office = world.as('office');
  const agencyOf = (u: string) => world.actors.get(u)?.agencyId;
  const gov = world.actors.get('office')?.placement.govId;
  const minzheng = agencyOf('minzheng'), jiaoyu = agencyOf('jiaoyu'), chengguan = agencyOf('chengguan');
  if (gov == null || !minzheng || !jiaoyu || !chengguan) return;
  const anon = { db: world.db, actor: null };
  const ago = (days: number, hour = 10) => { const d = new Date(Date.now() - days * DAY); d.setUTCHours(hour - 8, 0, 0, 0); return d; };
  const idOf = async (code: string) => (await staffMessages(office)).find((m) => m.code === code)!.id;

  const mailbox = await createMailbox(office, { name: '县长信箱', agencyId: world.actors.get('office')!.agencyId });

  const lamp = await fileMessage(anon, { agencyId: chengguan, kind: 'complaint', isPublic: 'yes', name: '王某某', phone: '13800001234', title: '东街路灯长期不亮', body: '城关镇东街中段路灯已经坏了一个多月，晚上出行很不方便，希望尽快维修。' }, { govId: gov, now: ago(20, 9) });
  const lampId = await idOf(lamp.code);
  await screenMessage(world.as('chengguan'), lampId, { result: 'valid' }, { now: ago(19, 9) });
  await transferMessage(world.as('chengguan'), lampId, { toAgencyId: minzheng, note: '涉及社区公共设施维护，转县民政局协调' }, { now: ago(19, 11) });
  await replyMessage(world.as('minzheng'), lampId, { text: '您反映的东街路灯问题，经与城关镇和供电部门联系，已于近日修复。感谢您对我县公共设施的关心。' }, { now: ago(16, 15) });
  await rateMessage(anon, lamp.code, lamp.checkKey, { rating: 'satisfied', comment: '已经修好了，谢谢。' }, { now: ago(15) });

  const school = await fileMessage(anon, { agencyId: jiaoyu, kind: 'consult', isPublic: 'yes', name: '李某', phone: '13900005678', title: '外地户籍子女如何在本县入读小学', body: '我们一家在县城工作三年，孩子户籍在外省，明年上小学，需要准备哪些材料？什么时候报名？' }, { govId: gov, now: ago(12, 9) });
  const schoolId = await idOf(school.code);
  await screenMessage(world.as('jiaoyu'), schoolId, { result: 'valid' }, { now: ago(12, 14) });
  await replyMessage(world.as('jiaoyu'), schoolId, { text: '随迁子女入学实行“两证”报名：父母一方在本县的居住证（或房产证明）和务工就业证明，另需户口簿、儿童预防接种证。每年6月中旬在“县教育局”网站公布报名时间，报名后按居住地就近安排学校。' }, { now: ago(9, 10) });
  await setFaq(world.as('jiaoyu'), schoolId, true);

  const subsidy = await fileMessage(anon, { agencyId: minzheng, kind: 'help', isPublic: 'no', name: '赵某某', phone: '13700009999', title: '低保申请一直没有结果', body: '今年初在村里递交了低保申请，至今没有答复，家中老人长期患病，生活困难。' }, { govId: gov, now: ago(110, 9) });
  await screenMessage(world.as('minzheng'), await idOf(subsidy.code), { result: 'valid' }, { now: ago(108, 9) });

  await fileMessage(anon, { agencyId: minzheng, kind: 'suggestion', isPublic: 'yes', name: '钱某', phone: '0371-1234567', title: '建议在城关镇增设老年助餐点', body: '城关镇老年人较多，建议在社区增设助餐点，方便独居老人就餐。' }, { govId: gov, now: ago(1, 16) });

  // Accepted on the working day that leaves 2 working days to answer today, whatever the weekday
  // (a fixed 3 calendar days ago leaves 3 on a Saturday): the worklist shows it as 即将到期.
  const acceptedOn = await acceptedLeaving(world, 2, (await getMsgSettings(world.db)).limits.suggestion);
  const at = (hour: number) => new Date(`${acceptedOn}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  const mb = await fileMessage(anon, { mailboxId: mailbox, kind: 'suggestion', isPublic: 'yes', name: '周某', phone: '13512345678', title: '建议延长县政务服务中心周末开放时间', body: '上班族工作日很难请假办事，建议县政务服务中心周六全天开放。' }, { govId: gov, now: at(9) });
  await screenMessage(office, await idOf(mb.code), { result: 'valid' }, { now: at(15) });

  const petition = await fileMessage(anon, { agencyId: chengguan, kind: 'complaint', isPublic: 'no', name: '孙某', phone: '13600001111', title: '对土地征收补偿决定不服', body: '对镇里的土地征收补偿决定不服，要求重新处理。' }, { govId: gov, now: ago(6, 9) });
  await screenMessage(world.as('chengguan'), await idOf(petition.code), { result: 'petition', reason: '属于信访事项，应通过信访渠道依法处理', turnTo: '示范县信访局（县府路8号，电话 0371-12345）' }, { now: ago(5, 10) });
}
