/**
 * How a 政府信息公开申请 is closed. The codes are the leaf rows of table 3 (三、本年度办理结果) of the
 * annual report format (国办公开办函〔2021〕30号), so every closed request counts in exactly one
 * row: （一）1 +（二）1 +（三）8 +（四）3 +（五）5 +（六）3 = 21. Articles are those of the
 * 《中华人民共和国政府信息公开条例》(国务院令第711号, 2019).
 */

export const OUTCOMES = ['disclosed', 'partial', 'withheld_state_secret', 'withheld_law_prohibited', 'withheld_security_stability', 'withheld_third_party', 'withheld_internal_affairs', 'withheld_process', 'withheld_enforcement_file', 'withheld_inquiry', 'unavailable_not_held', 'unavailable_needs_creation', 'unavailable_unclear', 'rejected_petition', 'rejected_repeat', 'rejected_publication', 'rejected_excessive', 'rejected_confirmation', 'other_no_supplement', 'other_no_payment', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Table 3 columns: 自然人, then 法人或其他组织 → 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他. */
export const APPLICANT_CATEGORIES = ['natural', 'business', 'research', 'public_interest', 'legal_service', 'other_org'] as const;
export type ApplicantCategory = (typeof APPLICANT_CATEGORIES)[number];

export const APPLICANT_CATEGORY_LABELS: Record<ApplicantCategory, string> = {
  natural: '自然人',
  business: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_service: '法律服务机构',
  other_org: '其他',
};

/** Table 3 columns group the five organisation kinds under 法人或其他组织. */
export const isOrganisation = (c: ApplicantCategory): boolean => c !== 'natural';

export const OUTCOME_GROUPS = ['一', '二', '三', '四', '五', '六'] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number];

export const OUTCOME_GROUP_LABELS: Record<OutcomeGroup, string> = {
  一: '予以公开',
  二: '部分公开',
  三: '不予公开',
  四: '无法提供',
  五: '不予处理',
  六: '其他处理',
};

export type OutcomeInfo = {
  code: Outcome;
  group: OutcomeGroup;
  groupLabel: string;
  /** Row number within the group (1.、2. …); null for （一） and （二）, which have no sub-rows. */
  row: number | null;
  /** The table-3 label of the leaf row, verbatim. */
  label: string;
  /** Short label for staff lists and selects. */
  staffLabel: string;
  /** Articles of the 条例 the decision rests on, the principal one first. */
  articles: readonly string[];
  /** The reply must state reasons (不予公开、部分公开, and the catch-all 其他). */
  needsReason: boolean;
  /** Disclosed files go out with the reply. */
  attachesFiles: boolean;
};

type Row = [Outcome, OutcomeGroup, number | null, string, string, string[], boolean, boolean];

// [code, group, row, table-3 label, staff label, articles, needsReason, attachesFiles]
const ROWS: Row[] = [
  ['disclosed', '一', null, '予以公开', '予以公开', ['第三十六条第（二）项', '第三十六条第（一）项'], false, true],
  ['partial', '二', null, '部分公开（区分处理的，只计这一情形，不计其他情形）', '部分公开', ['第三十七条'], true, true],
  ['withheld_state_secret', '三', 1, '属于国家秘密', '不予公开：国家秘密', ['第十四条', '第三十六条第（三）项'], true, false],
  ['withheld_law_prohibited', '三', 2, '其他法律行政法规禁止公开', '不予公开：法律法规禁止公开', ['第十四条', '第三十六条第（三）项'], true, false],
  ['withheld_security_stability', '三', 3, '危及“三安全一稳定”', '不予公开：危及“三安全一稳定”', ['第十四条', '第三十六条第（三）项'], true, false],
  ['withheld_third_party', '三', 4, '保护第三方合法权益', '不予公开：第三方合法权益', ['第十五条', '第三十六条第（三）项'], true, false],
  ['withheld_internal_affairs', '三', 5, '属于三类内部事务信息', '不予公开：内部事务信息', ['第十六条第一款', '第三十六条第（三）项'], true, false],
  ['withheld_process', '三', 6, '属于四类过程性信息', '不予公开：过程性信息', ['第十六条第二款', '第三十六条第（三）项'], true, false],
  ['withheld_enforcement_file', '三', 7, '属于行政执法案卷', '不予公开：行政执法案卷', ['第十六条第二款', '第三十六条第（三）项'], true, false],
  // 行政查询事项: information such as 工商、不动产登记资料 whose access a law or administrative
  // regulation governs specially, art. 36(7). The mapping is the common reading, not an official note.
  ['withheld_inquiry', '三', 8, '属于行政查询事项', '不予公开：行政查询事项', ['第三十六条第（七）项'], true, false],
  // Art. 36(4) when the information does not exist; art. 36(5) when another agency is responsible.
  ['unavailable_not_held', '四', 1, '本机关不掌握相关政府信息', '无法提供：本机关不掌握', ['第三十六条第（四）项', '第三十六条第（五）项'], false, false],
  ['unavailable_needs_creation', '四', 2, '没有现成信息需要另行制作', '无法提供：需另行制作', ['第三十八条'], false, false],
  ['unavailable_unclear', '四', 3, '补正后申请内容仍不明确', '无法提供：补正后仍不明确', ['第三十条'], false, false],
  ['rejected_petition', '五', 1, '信访举报投诉类申请', '不予处理：信访举报投诉', ['第三十九条第一款'], false, false],
  ['rejected_repeat', '五', 2, '重复申请', '不予处理：重复申请', ['第三十六条第（六）项'], false, false],
  ['rejected_publication', '五', 3, '要求提供公开出版物', '不予处理：公开出版物', ['第三十九条第二款'], false, false],
  ['rejected_excessive', '五', 4, '无正当理由大量反复申请', '不予处理：大量反复申请', ['第三十五条'], false, false],
  // The 条例 has no article of its own for this row; art. 2 (what government information is) is
  // the usual ground: confirming or re-issuing something already obtained is not obtaining information.
  ['rejected_confirmation', '五', 5, '要求行政机关确认或重新出具已获取信息', '不予处理：要求确认或重新出具', ['第二条'], false, false],
  ['other_no_supplement', '六', 1, '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '其他处理：逾期不补正', ['第三十条'], false, false],
  ['other_no_payment', '六', 2, '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '其他处理：逾期未缴费', ['第四十二条'], false, false],
  ['other', '六', 3, '其他', '其他处理', ['第三十六条'], true, false],
];

export const OUTCOME_INFO = Object.fromEntries(
  ROWS.map(([code, group, row, label, staffLabel, articles, needsReason, attachesFiles]): [Outcome, OutcomeInfo] => [
    code,
    { code, group, groupLabel: OUTCOME_GROUP_LABELS[group], row, label, staffLabel, articles, needsReason, attachesFiles },
  ]),
) as Record<Outcome, OutcomeInfo>;

const OUTCOME_SET: ReadonlySet<string> = new Set(OUTCOMES);
export const isOutcome = (x: unknown): x is Outcome => typeof x === 'string' && OUTCOME_SET.has(x);

const APPLICANT_SET: ReadonlySet<string> = new Set(APPLICANT_CATEGORIES);
export const isApplicantCategory = (x: unknown): x is ApplicantCategory => typeof x === 'string' && APPLICANT_SET.has(x);

export const outcomesOfGroup = (g: OutcomeGroup): Outcome[] => OUTCOMES.filter((o) => OUTCOME_INFO[o].group === g);

/** The row as printed in the report, e.g. （三）不予公开 4.保护第三方合法权益, or （一）予以公开. */
export function reportLabel(o: Outcome): string {
  const i = OUTCOME_INFO[o];
  return i.row === null ? `（${i.group}）${i.label}` : `（${i.group}）${i.groupLabel} ${i.row}.${i.label}`;
}
