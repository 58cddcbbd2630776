import { formatRate } from '../foi/statistics.js';
import { REPORT_STATE_LABELS } from '../report/policy.js';
import type { CatalogBucket } from '../catalog/region-stats.js';
import { ADJUST_MONTHS, STALL_WORKDAYS } from '../catalog/region-stats.js';
import { CELL_LABELS, type Cell, type Metrics, type RegionView } from './service.js';

export const BASE = '/admin/region';
export const TITLE = '县区推进情况';

const BUCKETS: CatalogBucket[] = ['published', 'reviewing', 'compiling', 'overdue'];

/** “已发布 2”, or “逾期” over “已发布 1 · 逾期 1” when the catalogs of a cell stand in several places. */
export function cellText(c: Cell): { label: string; detail: string } {
  const parts = BUCKETS.filter((b) => c.counts[b] > 0);
  if (!parts.length) return { label: CELL_LABELS.none, detail: '' };
  if (parts.length === 1) return { label: `${CELL_LABELS[c.state]} ${c.total}`, detail: '' };
  return { label: CELL_LABELS[c.state], detail: parts.map((b) => `${CELL_LABELS[b]} ${c.counts[b]}`).join(' · ') };
}

export const cellString = (c: Cell): string => {
  const t = cellText(c);
  return t.detail ? `${t.label}\n${t.detail}` : t.label;
};

/** How the matrix and the figures are defined, said on the page and in the export. */
export const DEFINITIONS = (v: Pick<RegionView, 'year' | 'reportYear'>): string[] => [
  '目录状态按该县（市、区）所有机构（县政府及部门、乡镇街道、村社区）在该领域的目录汇总：未编制＝尚无任何机构编制；编制中＝有目录的首个版本仍是草稿或已退回；待审核＝首个版本已提交指导单位审核或审核通过待发布；已发布＝该领域的目录均已发布。',
  `逾期：目录版本在“待审核”“待发布”或“已退回修改”状态停留超过 ${STALL_WORKDAYS} 个工作日未推进；或目录发布已满 ${ADJUST_MONTHS} 个月仍未动态调整（没有新版本）。一格中有任何逾期目录即显示“逾期”，其余情况显示进度最慢的状态。`,
  `信息发布及时率：${v.year}年首次发布的政府信息中，在时限内发布的比例（按条例第二十六条 20 个工作日、行政许可和处罚决定 7 个工作日，以及所对应目录事项的公开时限，取最严者）。`,
  `按时答复率：${v.year}年作出答复的依申请公开件中，在法定期限（含依法延长、扣除征求意见等不计算的时间）内答复的比例；超期未答复为今日已过答复期限仍未办结的件数。`,
  `年度报告：${v.reportYear}年度报告（县政府 3 月 31 日前、部门和乡镇街道 1 月 31 日前公布）。逾期事项合计＝逾期目录＋超期未答复申请＋逾期未公布的年度报告。`,
];

export const FIGURE_HEADERS = ['本年首次发布信息', '按时发布', '发布及时率', '本年答复申请', '按时答复', '按时答复率', '超期未答复', '政府年度报告', '部门、乡镇年报已公布', '逾期未公布年报', '逾期事项合计'] as const;

/** The figures of a row, in FIGURE_HEADERS order: numbers as numbers, rates and states as text. */
export function figureCells(m: Metrics): (string | number)[] {
  return [
    m.published, m.onTime, formatRate(m.timeliness), m.replied, m.repliedOnTime, formatRate(m.replyRate), m.overdueApplications,
    m.report.ownState ? REPORT_STATE_LABELS[m.report.ownState] : '未编制', m.report.others ? `${m.report.othersPublished}/${m.report.others}` : '—', m.report.overdue, m.overdueItems,
  ];
}

/** A province's dashboard names each county's city beside it. */
export const showsParent = (v: Pick<RegionView, 'gov'>): boolean => v.gov.kind === 'province';
