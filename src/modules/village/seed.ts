import { and, eq, inArray } from 'drizzle-orm';
import type { DemoWorld } from '../../core/module.js';
import type { Role } from '../../core/auth/actor.js';
import { addDays, todayInShanghai } from '../../core/calendar/dates.js';
import { agencies } from '../../core/org/schema.js';
import { placementOf } from '../../core/org/scope.js';
import { seedUser } from '../account/service.js';
import { DEMO_PASSWORD } from '../account/seed.js';
import { VILLAGE_KINDS } from './access.js';
import { createCase, recordStep } from './cases.js';
import { archiveEnded, createDisclosure, transition } from './disclosures.js';
import { submitObjection, answerObjection } from './public.js';
import { listTemplates, makeVillageList, mattersOf } from './templates.js';
import { vgObjections } from './schema.js';

/** Demo staff of the villages: a clerk (editor) and the 村务监督委员会 (reviewer) of 东关村 and of 西关社区. */
export const VILLAGE_ACCOUNTS: readonly { username: string; name: string; village: string; role: Role }[] = [
  { username: 'dongcun', name: '东关村 村务员 王某某', village: '东关村', role: 'editor' },
  { username: 'dongcun-jw', name: '东关村 村务监督委员会 主任 张某某', village: '东关村', role: 'reviewer' },
  { username: 'xiguan', name: '西关社区 居务员 周某某', village: '西关社区', role: 'editor' },
  { username: 'xiguan-jw', name: '西关社区 居务监督委员会 主任 马某某', village: '西关社区', role: 'reviewer' },
];

const quarterOf = (d: string) => { const [y, m] = d.split('-').map(Number) as [number, number]; return { y, q: Math.ceil(m / 3) }; };
const nextMonth = (p: string) => { const [y, m] = p.split('-').map(Number) as [number, number]; return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`; };

/** The first day the demo lists answer for: the last month of the last completed quarter. */
export function demoListStart(today: string): string {
  const [qy, qn] = lastPeriods(today).quarter.split('-Q').map(Number) as [number, number];
  return `${qy}-${String(qn * 3).padStart(2, '0')}-01`;
}

/** The last completed quarter and month before `today`. */
export function lastPeriods(today: string): { quarter: string; month: string } {
  const { y, q } = quarterOf(today);
  const quarter = q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  const [yy, mm] = today.split('-').map(Number) as [number, number];
  const month = mm === 1 ? `${yy - 1}-12` : `${yy}-${String(mm - 1).padStart(2, '0')}`;
  return { quarter, month };
}

/**
 * The demo 村务公开, through the services: every village's list from the template; 城关镇 enters
 * last quarter's 低保 list once (both its villages), signed and in 公示; 东关村's finance for last
 * month, returned by its 监委会 with a reason, answered, signed and published; last quarter's 党务
 * published a month ago and archived; a 四议两公开 case with all six steps; a villager's objection
 * answered; 西关社区 also posted its own 低保 list with one row changed (the differences report).
 */
export async function seedVillageDemo(world: DemoWorld): Promise<void> {
  const { db } = world;
  const chengguan = world.actors.get('chengguan')?.agencyId;
  if (!chengguan || !world.actors.get('chengguan-sh') || !world.actors.get('office')) return;
  const vs = await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(and(eq(agencies.parentId, chengguan), inArray(agencies.kind, [...VILLAGE_KINDS])));
  const vid = (n: string) => vs.find((v) => v.name === n)?.id;
  for (const a of VILLAGE_ACCOUNTS) {
    const agencyId = vid(a.village);
    if (!agencyId) return;
    const roles = [{ role: a.role, domainId: null }];
    const id = await seedUser(db, { username: a.username, displayName: a.name, agencyId, password: DEMO_PASSWORD, roles, mustChangePassword: world.mustChangePassword });
    world.actors.set(a.username, { userId: id, username: a.username, name: a.name, agencyId, placement: await placementOf(db, agencyId), roles, mustChangePassword: false });
  }
  const today = todayInShanghai();
  const ago = (n: number) => addDays(today, -n);
  const { quarter, month } = lastPeriods(today);
  const office = world.as('office');
  // 城关镇's villages get their lists (the others are generated from their pages); they answer from the last month of the last completed quarter.
  const startsOn = demoListStart(today);
  for (const v of vs) await makeVillageList(office, v.id, { startsOn });

  const dong = vid('东关村')!, xi = vid('西关社区')!;
  const templates = await listTemplates(db);
  const dibao = templates.find((t) => t.shared === 'dibao')!;
  const head = '村（社区） | 户主姓名 | 家庭人口 | 保障类别 | 月保障金额（元）';
  const lines = ['东关村 | 王某明 | 3 | A类 | 1260', '东关村 | 李某芳 | 1 | B类 | 520', '西关社区 | 赵某强 | 2 | A类 | 980', '西关社区 | 孙某英 | 4 | C类 | 640'];
  const dibaoId = await createDisclosure(world.as('chengguan'), {
    agencyId: chengguan, templateId: dibao.id, period: quarter, title: `城关镇${quarter.replace('-Q', '年第')}季度最低生活保障拟保障对象公示`.replace(/第(\d)季度/, (_, n) => `第${'一二三四'[Number(n) - 1]}季度`),
    body: '经本人申请、村（居）民委员会入户调查和民主评议、镇人民政府审核，拟将以下家庭纳入最低生活保障范围，现予公示。公示期内对公示对象有异议的，可向镇民政办或村（居）务监督委员会反映。\n监督电话：0373-2234500', table: [head, ...lines].join('\n'),
  }, { today: ago(4) });
  await transition(world.as('chengguan'), dibaoId, 'submit', {}, { today: ago(4) });
  await transition(world.as('chengguan-sh'), dibaoId, 'sign', { note: '经核对与县民政局审核确认名单一致。' }, { today: ago(3) });
  await transition(world.as('chengguan'), dibaoId, 'publish', {}, { today: ago(2) });
  await submitObjection(db, dibaoId, { name: '刘某某', contact: '13800000000', content: '赵某强家庭去年新购车辆一辆，收入情况请再核实。' }, { today: ago(1) });
  const [obj] = await db.select().from(vgObjections).where(eq(vgObjections.disclosureId, dibaoId));
  await answerObjection(world.as('chengguan'), obj!.id, { answer: '经镇民政办再次入户核查，该车辆为残疾人代步车，不计入家庭财产，维持原审核意见。' }, { today });

  const dm = await mattersOf(db, dong);
  const finance = dm.find((m) => m.category === 'finance' && m.cadence === 'monthly')!;
  const fin = await createDisclosure(world.as('dongcun'), {
    agencyId: dong, matterId: finance.id, period: month, title: `东关村${month.slice(0, 4)}年${Number(month.slice(5))}月财务收支公开`,
    body: '本月村集体财务收支情况如下，原始凭证已经村务监督委员会审核签字，村民可到村委会查阅。', table: '项目 | 收入（元） | 支出（元） | 说明\n上级转移支付 | 35000 | 0 | 村级运转经费\n集体土地租金 | 12000 | 0 | 东片鱼塘承包\n村道维修 | 0 | 18600 | 一事一议项目\n办公费用 | 0 | 2350 | 水电、办公用品',
  }, { today: ago(12) });
  await transition(world.as('dongcun'), fin, 'submit', {}, { today: ago(12) });
  await transition(world.as('dongcun-jw'), fin, 'return', { note: '村道维修支出 18600 元未附施工合同和验收单，请补充说明并附凭证编号。' }, { today: ago(11) });
  await transition(world.as('dongcun'), fin, 'answer', { note: '已补充：施工合同编号 DG-2026-07，验收单经村民代表 5 人签字，凭证第 23 号。' }, { today: ago(9) });
  await transition(world.as('dongcun-jw'), fin, 'sign', {}, { today: ago(8) });
  await transition(world.as('dongcun'), fin, 'publish', {}, { today: ago(8) });

  const party = dm.find((m) => m.category === 'party')!;
  const pq = await createDisclosure(world.as('dongcun'), { agencyId: dong, matterId: party.id, period: quarter, body: '本季度发展预备党员 1 名，转正 1 名；收缴党费 1860 元，上缴镇党委 1860 元；召开党员大会 1 次、支委会 3 次。' }, { today: ago(40) });
  await transition(world.as('dongcun'), pq, 'submit', {}, { today: ago(40) });
  await transition(world.as('dongcun-jw'), pq, 'sign', {}, { today: ago(39) });
  await transition(world.as('dongcun'), pq, 'publish', {}, { today: ago(38) });
  // 东关村 keeps up: every other quarterly matter of its own for last quarter, and each month's finance since the list began.
  for (const m of dm.filter((x) => x.cadence === 'quarterly' && !x.shared && x.id !== party.id)) {
    const id = await createDisclosure(world.as('dongcun'), { agencyId: dong, matterId: m.id, period: quarter, body: `${m.name}：本季度情况见附表，原始资料存村委会备查。`, table: '事项 | 情况\n本季度办理 | 已按规定办理并存档\n群众反映 | 无' }, { today: ago(45) });
    await transition(world.as('dongcun'), id, 'submit', {}, { today: ago(45) });
    await transition(world.as('dongcun-jw'), id, 'sign', {}, { today: ago(44) });
    await transition(world.as('dongcun'), id, 'publish', {}, { today: ago(44) });
  }
  for (let p = startsOn.slice(0, 7); p < month; p = nextMonth(p)) {
    const id = await createDisclosure(world.as('dongcun'), { agencyId: dong, matterId: finance.id, period: p, body: `${p.replace('-', '年')}月村集体财务收支情况。`, table: '项目 | 收入（元） | 支出（元）\n上级转移支付 | 30000 | 0\n办公费用 | 0 | 2100' }, { today: ago(30) });
    await transition(world.as('dongcun'), id, 'submit', {}, { today: ago(30) });
    await transition(world.as('dongcun-jw'), id, 'sign', {}, { today: ago(30) });
    await transition(world.as('dongcun'), id, 'publish', {}, { today: ago(30) });
  }
  await archiveEnded(db, today);

  const c = await createCase(world.as('dongcun'), dong, { title: '东关村村道硬化工程（一事一议）' });
  const steps: [string, number, Record<string, string>][] = [
    ['proposal', 60, { note: '村党支部提议对东关村南北主干道 1.2 公里进行硬化，预算 18 万元。' }],
    ['consult', 58, { eligible: '7', attendees: '7', votesFor: '7', votesAgainst: '0', abstentions: '0', note: '两委会议商议通过方案。' }],
    ['partyReview', 55, { eligible: '32', attendees: '27', votesFor: '25', votesAgainst: '1', abstentions: '1', note: '党员大会审议通过。' }],
    ['resolution', 50, { eligible: '45', attendees: '41', votesFor: '38', votesAgainst: '2', abstentions: '1', note: '村民代表会议表决通过，每人筹资 30 元。' }],
    ['resolutionPublic', 49, { note: '决议内容在村务公开栏和本网站公示 7 天，无异议。' }],
  ];
  for (const [step, n, rest] of steps) await recordStep(world.as('dongcun'), c, { step, on: ago(n), ...rest }, { today });

  // 西关社区 posted the 低保 list on its own, with one amount different: the differences report finds it.
  const xm = (await mattersOf(db, xi)).find((m) => m.shared === 'dibao')!;
  const own = await createDisclosure(world.as('xiguan'), { agencyId: xi, matterId: xm.id, period: quarter, body: '社区低保对象名单。', table: '户主姓名 | 家庭人口 | 保障类别 | 月保障金额（元）\n赵某强 | 2 | A类 | 980\n孙某英 | 4 | C类 | 460' }, { today: ago(3) });
  await transition(world.as('xiguan'), own, 'submit', {}, { today: ago(3) });
  await transition(world.as('xiguan-jw'), own, 'sign', {}, { today: ago(3) });
  await transition(world.as('xiguan'), own, 'publish', {}, { today: ago(3) });
}
