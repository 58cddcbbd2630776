/**
 * Row and column labels of the annual report format (国办公开办函〔2021〕30号), verbatim, and the
 * names the balance checks use to point at a cell. Codes come from the applications module.
 */
import { APPLICANT_CATEGORIES, APPLICANT_CATEGORY_LABELS, OUTCOME_GROUP_LABELS, OUTCOME_GROUPS, OUTCOME_INFO, OUTCOMES, outcomesOfGroup, type ApplicantCategory, type Outcome } from '../foi/outcomes.js';

export { APPLICANT_CATEGORIES, OUTCOMES, type ApplicantCategory, type Outcome };

export const SECTION_TITLES = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
] as const;

// ---- Table 2 ----
export const T2_ITEM_1 = '第二十条第（一）项';
export const T2_ITEM_5 = '第二十条第（五）项';
export const T2_ITEM_6 = '第二十条第（六）项';
export const T2_ITEM_8 = '第二十条第（八）项';
export const T2_CONTENT = '信息内容';
export const T2_DOC_COLUMNS = ['本年制发件数', '本年废止件数', '现行有效件数'] as const;
export const T2_DECISIONS = '本年处理决定数量';
export const T2_FEES = '本年收费金额（单位：万元）';

// ---- Table 3 ----
export const T3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const T3_APPLICANTS = '申请人情况';
export const T3_ORGS = '法人或其他组织';
export const T3_COLUMNS = [...APPLICANT_CATEGORIES, 'total'] as const;
export type T3Column = (typeof T3_COLUMNS)[number];
export const T3_COLUMN_LABELS: Record<T3Column, string> = { ...APPLICANT_CATEGORY_LABELS, total: '总计' };
/** Column names in check messages: the organisations' 其他 needs its group to be unambiguous. */
export const T3_COLUMN_NAMES: Record<T3Column, string> = { ...T3_COLUMN_LABELS, other_org: '法人或其他组织“其他”' };

export const T3_ROWS = ['received', 'carried_in', ...OUTCOMES, 'closed_total', 'carried_out'] as const;
export type T3Row = (typeof T3_ROWS)[number];

export const T3_RECEIVED = '一、本年新收政府信息公开申请数量';
export const T3_CARRIED_IN = '二、上年结转政府信息公开申请数量';
export const T3_RESULTS = '三、本年度办理结果';
export const T3_CLOSED_TOTAL = '（七）总计';
export const T3_CARRIED_OUT = '四、结转下年度继续办理';

/** The six groups of 三、本年度办理结果 with their leaf rows, in table order. */
export const T3_GROUPS: { label: string; rows: { code: Outcome; label: string | null }[] }[] = OUTCOME_GROUPS.map((g) => {
  const codes = outcomesOfGroup(g);
  // （一） and （二） are rows themselves; the other groups have numbered leaf rows.
  const single = codes.length === 1 && OUTCOME_INFO[codes[0]!].row === null;
  return {
    label: `（${g}）${single ? OUTCOME_INFO[codes[0]!].label : OUTCOME_GROUP_LABELS[g]}`,
    rows: codes.map((code) => ({ code, label: single ? null : `${OUTCOME_INFO[code].row}.${OUTCOME_INFO[code].label}` })),
  };
});

/** How a check message names a row, e.g. 第（七）项 or 第三项（三）不予公开 1.属于国家秘密. */
export const T3_ROW_NAMES: Record<T3Row, string> = {
  received: '第一项（本年新收）',
  carried_in: '第二项（上年结转）',
  closed_total: '第（七）项',
  carried_out: '第四项（结转下年度继续办理）',
  ...(Object.fromEntries(T3_GROUPS.flatMap((g) => g.rows.map((r) => [r.code, `第三项${g.label.replace(/（区分处理.*$/, '')}${r.label ? ` ${r.label}` : ''}`]))) as Record<Outcome, string>),
};

// ---- Table 4 ----
export const REVIEW_KINDS = ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export type ReviewColumn = (typeof REVIEW_COLUMNS)[number];
export const T4_RECONSIDERATION = '行政复议';
export const T4_LITIGATION = '行政诉讼';
export const T4_KIND_LABELS: Record<ReviewKind, string> = { reconsideration: '行政复议', litigation_direct: '未经复议直接起诉', litigation_after_reconsideration: '复议后起诉' };
export const T4_KIND_NAMES: Record<ReviewKind, string> = { reconsideration: '行政复议', litigation_direct: '行政诉讼（未经复议直接起诉）', litigation_after_reconsideration: '行政诉讼（复议后起诉）' };
export const T4_COLUMN_LABELS: Record<ReviewColumn, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', total: '总计' };
