import { URGENCY_LABELS, URGENCY_RANK, type Urgency } from '../core/module.js';
import { urgencyByDays } from '../core/worklist.js';
import { DEFAULT_TEMPLATE } from '../modules/village/templates.js';
import { demoListStart, lastPeriods } from '../modules/village/seed.js';
import { periodLabel, periodsDue } from '../modules/village/rules.js';

// What the full demo (npm start) leaves waiting for each demo account, as the 工作台 must show it.
// Dates in the demo are relative to the day it was seeded, so the calendar-day deadlines' urgency
// is graded here with the same published rule (core/worklist.ts, tested on its own).

export type ExpectedItem = { urgency: Urgency; kind: string; title: string | RegExp };
/** An item as read off the page. */
export type ShownItem = { urgency: string; title: string; meta: string; due: string | null; href: string };

const CODE = /^\d{4}-[A-Z0-9]{8}$/;

export function expectedWorklist(username: string, opts: { today: string; yearsWithoutData: number[] }): ExpectedItem[] {
  const { today } = opts;
  const year = Number(today.slice(0, 4));
  const last = year - 1;
  const report = (agency: string, kind: 'department' | 'county' = 'department'): ExpectedItem => ({
    kind: '年度报告待编制', title: `${agency} ${last} 年政府信息公开工作年度报告`,
    urgency: urgencyByDays(today, kind === 'county' ? `${year}-03-31` : `${year}-01-31`, { dueWithin: 15, soonWithin: 60 }),
  });
  const reevaluation: ExpectedItem = { kind: '不予公开信息年度评估', title: `${year} 年度评估：1 件依申请公开或不予公开的信息待评估`, urgency: urgencyByDays(today, `${year}-12-31`, { dueWithin: 31, soonWithin: 92 }) };
  const calendar = opts.yearsWithoutData.map((y): ExpectedItem => ({ kind: '工作日历待录入', title: `${y} 年法定节假日安排尚未录入`, urgency: urgencyByDays(today, `${y}-01-01`, { dueWithin: 31, soonWithin: 92 }) }));
  const scheduled: ExpectedItem = { kind: '定时发布', title: '城关镇2027年元旦春节期间值班安排', urgency: 'soon' };
  const chengguanCases: ExpectedItem[] = [
    { kind: '申请已超期', title: CODE, urgency: 'overdue' },
    { kind: '申请即将到期', title: CODE, urgency: 'due' },
    { kind: '等待申请人补正', title: CODE, urgency: 'soon' },
  ];
  // The demo's 政协提案 left unanswered past its 3 months (modules/proposals/seed.ts): host and office.
  const overdueProposal: ExpectedItem = { kind: '建议提案答复超期', title: '县政协第十二届委员会第三次会议第45号 关于加强农村学校建设的提案', urgency: 'overdue' };
  // The interaction demo (modules/messages, opinion, interview seeds): a valid message past the
  // 3-month red line, one due in 2 working days, two waiting to be screened (one an interview
  // question filed as a message), and a 一般 public-opinion item past its 48 h first-response clock.
  const redMessage: ExpectedItem = { kind: '留言超过三个月未答复', title: '低保申请一直没有结果', urgency: 'overdue' };
  const dueMessage: ExpectedItem = { kind: '留言即将到期', title: '建议延长县政务服务中心周末开放时间', urgency: 'due' };
  const toScreen: ExpectedItem[] = [
    { kind: '留言待甄别', title: '建议在城关镇增设老年助餐点', urgency: 'normal' },
    { kind: '留言待甄别', title: '在线访谈“聊聊城乡居民最低生活保障”网友提问', urgency: 'normal' },
  ];
  const lateOpinion: ExpectedItem = { kind: '舆情首次回应超时', title: '网民在县政府网站留言区集中反映县城学校周边交通拥堵、接送孩子困难。', urgency: 'overdue' };
  // The announced interview a week away (modules/interview/seed.ts) has one question waiting for
  // review: for the host 县民政局 and the office, due by the interview's start.
  const interviewReview: ExpectedItem = { kind: '访谈问题待审核', title: '养老服务补贴怎么申请', urgency: 'soon' };
  const interaction = [redMessage, lateOpinion, dueMessage, ...toScreen, interviewReview];
  // The demo 负面清单 (modules/negative/seed.ts): 县民政局's Art. 16 entry past its yearly 评估审查,
  // and its draft carried over from 2018 that still cites the 2007 numbering of the 条例.
  const negative: ExpectedItem[] = [
    { kind: '负面清单逾期未评估', title: '社会救助审核确认过程中的入户调查记录、民主评议讨论记录、请示报告等过程性信息', urgency: 'overdue' },
    { kind: '负面清单依据待更正', title: '殡葬、婚姻登记档案中涉及当事人个人隐私的信息', urgency: 'normal' },
  ];
  // The demo 办事指南 (modules/guides/seed.ts): a change to 特困人员 drafted 50 days ago and never published (20 working days).
  const guides: ExpectedItem[] = [{ kind: '办事指南逾期未发布', title: '特困人员救助供养审核确认', urgency: 'overdue' }];
  // The village demo (modules/village/seed.ts): 城关镇's two villages answer from the last month of
  // the last completed quarter. 东关村 published every matter of its own (last quarter's, each
  // month's finance) and 城关镇's 低保 list covers both, so what is late (or due within 5 days) is
  // 东关村's 残疾人两项补贴 and 涉农补贴, and everything of 西关社区 but 低保.
  const villageLate: ExpectedItem[] = [];
  const startsOn = demoListStart(today);
  const { quarter, month } = lastPeriods(today);
  for (const village of ['东关村', '西关社区']) {
    for (const [, name, , cadence, o = {}] of DEFAULT_TEMPLATE) {
      for (const { period, dueOn } of periodsDue({ cadence, dueDay: o.dueDay ?? 20, startsOn }, today, { ahead: 5 })) {
        if (o.shared === 'dibao' && period === quarter) continue;
        if (village === '东关村' && !o.shared && (period === quarter || (cadence === 'monthly' && period <= month))) continue;
        const urgency = urgencyByDays(today, dueOn, { dueWithin: 5, soonWithin: 5 });
        villageLate.push({ kind: urgency === 'overdue' ? '村务公开逾期' : '村务公开即将到期', title: `${village}：${name}（${periodLabel(period)}）`, urgency });
      }
    }
  }
  // The demo 好差评 (modules/ratings/seed.ts): yesterday's 非常不满意 at window A01 opened a work order
  // for 县民政局, due 5 working days after the day after it: never within one day of today.
  const ratingOrder: ExpectedItem = { kind: '差评工单待办理', title: '县政务服务中心一楼 A01 社会救助窗口（非常不满意）', urgency: 'soon' };
  switch (username) {
    case 'admin':
      return [...calendar, overdueProposal, ...interaction, ...negative, ...guides];
    case 'office':
      return [
        { kind: '年度报告督办', title: `${last} 年度报告：20 个机构尚未发布`, urgency: urgencyByDays(today, `${year}-01-31`, { dueWithin: 15, soonWithin: 60 }) },
        report('县人民政府办公室'), report('示范县人民政府', 'county'),
        { kind: '申请已超期（督办）', title: CODE, urgency: 'overdue' },
        { kind: '申请即将到期（督办）', title: CODE, urgency: 'due' },
        reevaluation, ...calendar, scheduled,
        { kind: '目录待发布', title: '东街街道 · 社会救助目录 第 1 版', urgency: 'normal' },
        overdueProposal, ...interaction, ...negative, ...guides,
        // The notice-board demo (modules/offline/seed.boards.ts): a catalog item's notice past its
        // last day on 东关村's board with no photo, and a document's notice put up two days ago.
        { kind: '公告逾期未撤下', title: /政务公开事项：/, urgency: 'overdue' },
        { kind: '张贴照片逾期未上传', title: /政务公开事项：/, urgency: 'overdue' },
        { kind: '张贴照片待上传', title: /\S/, urgency: 'due' },
      ];
    case 'minzheng':
      return [report('县民政局'), redMessage, ...toScreen, interviewReview, ...negative, ...guides, ratingOrder];
    case 'jiaoyu':
      return [report('县教育局'), { kind: '目录待审核', title: '城关镇 · 义务教育目录 第 1 版', urgency: 'normal' }, overdueProposal];
    case 'caizheng':
      return [report('县财政局')];
    case 'fagai':
      return [report('县发展和改革委员会')];
    case 'chengguan':
      return [...chengguanCases, ...villageLate];
    case 'chengguan-sh':
      return [...chengguanCases, ...villageLate, reevaluation, scheduled, { kind: '信息待审核', title: '城关镇2026年冬季供暖保障工作方案', urgency: 'normal' }];
    case 'hexi':
      return [report('河西乡'), { kind: '申请待答复', title: CODE, urgency: 'soon' }];
    case 'dongjie':
      return [report('东街街道'), { kind: '网上申请待确认受理', title: CODE, urgency: 'due' }];
    default:
      throw new Error(`no expectation for ${username}`);
  }
}

export const DEMO_USERS = ['admin', 'office', 'minzheng', 'jiaoyu', 'caizheng', 'fagai', 'chengguan', 'chengguan-sh', 'hexi', 'dongjie'] as const;

/** Problems with what the page shows, against what is expected: missing, extra, wrong urgency, out of order. */
export function worklistProblems(shown: ShownItem[], expected: ExpectedItem[]): string[] {
  const problems: string[] = [];
  const left = [...shown];
  for (const e of expected) {
    const i = left.findIndex((s) => (typeof e.title === 'string' ? s.title === e.title : e.title.test(s.title)) && s.meta.includes(` · ${e.kind}`));
    if (i < 0) {
      problems.push(`missing: ${e.kind} ${e.title}`);
      continue;
    }
    const [s] = left.splice(i, 1);
    if (s!.urgency !== URGENCY_LABELS[e.urgency]) problems.push(`${e.kind} ${s!.title}: shown as ${s!.urgency}, expected ${URGENCY_LABELS[e.urgency]}`);
  }
  for (const s of left) problems.push(`unexpected: ${s.urgency} ${s.title} (${s.meta})`);
  const rank = (label: string) => URGENCY_RANK[(Object.entries(URGENCY_LABELS).find(([, l]) => l === label)?.[0] ?? 'normal') as Urgency];
  for (let i = 1; i < shown.length; i++) {
    const [a, b] = [shown[i - 1]!, shown[i]!];
    const ra = rank(a.urgency);
    const rb = rank(b.urgency);
    if (ra > rb || (ra === rb && (a.due ?? '9999') > (b.due ?? '9999'))) problems.push(`out of order: "${a.title}" (${a.urgency} ${a.due}) before "${b.title}" (${b.urgency} ${b.due})`);
  }
  return problems;
}
