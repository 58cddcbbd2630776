// The annual report's table-3 rows (国办公开办函〔2021〕30号, 三（三）不予公开 1–7) an entry of the
// negative list counts under, constrained by its exemption category. Refusals of applications take
// their row from the entry cited, so the report's reasons come from the same list.
import { NEG_ROWS, type NegCategory, type NegRow } from './schema.js';

export { NEG_ROWS, type NegRow };

/** The table-3 labels, verbatim. */
export const ROW_LABELS: Record<NegRow, string> = {
  withheld_state_secret: '属于国家秘密',
  withheld_law_prohibited: '其他法律行政法规禁止公开',
  withheld_security_stability: '危及“三安全一稳定”',
  withheld_third_party: '保护第三方合法权益',
  withheld_internal_affairs: '属于三类内部事务信息',
  withheld_process: '属于四类过程性信息',
  withheld_enforcement_file: '属于行政执法案卷',
};

/** Art. 14 → rows 1–3, Art. 15 → row 4, Art. 16 → rows 5–7. */
export const ROWS_OF_CATEGORY: Record<NegCategory, readonly NegRow[]> = {
  art14: ['withheld_state_secret', 'withheld_law_prohibited', 'withheld_security_stability'],
  art15: ['withheld_third_party'],
  art16: ['withheld_internal_affairs', 'withheld_process', 'withheld_enforcement_file'],
};

export const isNegRow = (v: unknown): v is NegRow => typeof v === 'string' && (NEG_ROWS as readonly string[]).includes(v);
export const rowFitsCategory = (row: NegRow, c: NegCategory): boolean => ROWS_OF_CATEGORY[c].includes(row);

/** As printed in the report: （三）不予公开 4.保护第三方合法权益 */
export const rowReportLabel = (r: NegRow): string => `（三）不予公开 ${NEG_ROWS.indexOf(r) + 1}.${ROW_LABELS[r]}`;
