/**
 * Row and column labels of the annual report format (国办公开办函〔2021〕30号), verbatim, and the
 * names the balance checks use to point at a cell. Codes come from the applications module.
 */
import { APPLICANT_CATEGORIES, OUTCOMES, type ApplicantCategory, type Outcome } from '../foi/outcomes.js';

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
export const T3_COLUMN_LABELS: Record<T3Column, string> = {
  natural: '自然人',
  business: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_service: '法律服务机构',
  other_org: '其他',
  total: '总计',
};
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
export const T3_GROUPS: { label: string; rows: { code: Outcome; label: string | null }[] }[] = [
  { label: '（一）予以公开', rows: [{ code: 'disclosed', label: null }] },
  { label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', rows: [{ code: 'partial', label: null }] },
  {
    label: '（三）不予公开',
    rows: [
      { code: 'withheld_state_secret', label: '1.属于国家秘密' },
      { code: 'withheld_law_prohibited', label: '2.其他法律行政法规禁止公开' },
      { code: 'withheld_security_stability', label: '3.危及“三安全一稳定”' },
      { code: 'withheld_third_party', label: '4.保护第三方合法权益' },
      { code: 'withheld_internal_affairs', label: '5.属于三类内部事务信息' },
      { code: 'withheld_process', label: '6.属于四类过程性信息' },
      { code: 'withheld_enforcement_file', label: '7.属于行政执法案卷' },
      { code: 'withheld_inquiry', label: '8.属于行政查询事项' },
    ],
  },
  {
    label: '（四）无法提供',
    rows: [
      { code: 'unavailable_not_held', label: '1.本机关不掌握相关政府信息' },
      { code: 'unavailable_needs_creation', label: '2.没有现成信息需要另行制作' },
      { code: 'unavailable_unclear', label: '3.补正后申请内容仍不明确' },
    ],
  },
  {
    label: '（五）不予处理',
    rows: [
      { code: 'rejected_petition', label: '1.信访举报投诉类申请' },
      { code: 'rejected_repeat', label: '2.重复申请' },
      { code: 'rejected_publication', label: '3.要求提供公开出版物' },
      { code: 'rejected_excessive', label: '4.无正当理由大量反复申请' },
      { code: 'rejected_confirmation', label: '5.要求行政机关确认或重新出具已获取信息' },
    ],
  },
  {
    label: '（六）其他处理',
    rows: [
      { code: 'other_no_supplement', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
      { code: 'other_no_payment', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
      { code: 'other', label: '3.其他' },
    ],
  },
];

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
