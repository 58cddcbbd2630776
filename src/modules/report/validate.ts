import { invalid } from '../../core/errors.js';

/** Each written section: long enough for a county's report, short enough to stay a report. */
export const SECTION_MAX = 20_000;

export type ReportInput = { overview: string; problems: string; otherMatters: string; feesWan: string };
export type ReportValues = { overview: string; problems: string; otherMatters: string; feesWan: string | null };

const LABELS = { overview: '一、总体情况', problems: '五、存在的主要问题及改进情况', otherMatters: '六、其他需要报告的事项' } as const;

/** Plain text: Windows line ends folded, control characters (other than line breaks and tabs) dropped. */
const clean = (s: string): string => s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();

/** Validates what staff typed; every problem is reported at once, and nothing is saved on any. */
export function parseReportInput(input: ReportInput): ReportValues {
  const problems: { field: string; message: string }[] = [];
  const out = { overview: '', problems: '', otherMatters: '' };
  for (const k of Object.keys(LABELS) as (keyof typeof LABELS)[]) {
    const v = clean(String(input[k] ?? ''));
    if (v.length > SECTION_MAX) problems.push({ field: k, message: `“${LABELS[k]}”不能超过 ${SECTION_MAX} 个字符（现为 ${v.length} 个），请精简后再保存。` });
    out[k] = v;
  }
  const fee = String(input.feesWan ?? '').normalize('NFKC').trim();
  if (fee && !/^\d{1,10}(\.\d{1,4})?$/.test(fee)) problems.push({ field: 'feesWan', message: '行政事业性收费金额应为以万元为单位的数字，最多保留四位小数（如 12.3456）；没有收费的填 0。' });
  if (problems.length) throw invalid(problems.map((p) => p.message).join('；'), problems);
  return { ...out, feesWan: fee ? fee : null };
}

/** 12.3400 → 12.34, 0.0000 → 0: the amount as a person writes it. */
export function normaliseFees(v: string | null): string | null {
  if (v == null) return null;
  const s = v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
  return s.replace(/^0+(?=\d)/, '');
}
