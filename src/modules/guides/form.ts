// The staff form of a guide: flat form fields to the element shape validateGuide reads (rows of
// materials, steps, fees and FAQs named like `materials.0.name`, blank rows dropped), and back.
import { hasUnreadable } from '../../core/text/normalise.js';
import { fields, type FormBody } from '../../web/form.js';

const MAX = 200_000;
export const SCALARS = ['name', 'itemType', 'basis', 'conditions', 'serviceObject', 'handleType', 'place', 'hours', 'consult', 'complaint', 'visits', 'visitsReason', 'onlineUrl', 'reviewBody', 'litigationBody', 'result', 'rights', 'duties'] as const;
export const META = ['agencyId', 'code', 'parentCode', 'level', 'domainCode', 'changedOn'] as const;
export const ROWS = {
  steps: ['name', 'description', 'special', 'specialKind', 'limit', 'countsInLimit', 'basis'],
  materials: ['name', 'necessity', 'form', 'originals', 'copies', 'size', 'source', 'sourceNote', 'basis', 'requirement', 'blankFileId', 'sampleFileId', 'note'],
  fees: ['name', 'standard', 'basis', 'reducible', 'reductionBasis'],
  faqs: ['question', 'answer'],
} as const;
export const MULTI = ['onlineDepth', 'personThemes', 'enterpriseThemes'] as const;
/** Rows beyond these are ignored by the form (the validator also caps them). */
const MAX_ROWS = 60;
const BOOLEAN_COLS = new Set(['special', 'countsInLimit', 'reducible']);

export type Draft = Record<string, unknown>;

/** Reads the guide form. Oversize or unreadable text is refused by the field it was typed in. */
export function readGuideForm(b: FormBody, uploaded: ReadonlySet<string> = new Set()): { data: Draft; meta: Record<string, string>; bad: Record<string, string>; materialIndex: number[] } {
  const bad: Record<string, string> = {};
  const one = (n: string): string => {
    const v = b[n];
    const s = Array.isArray(v) ? (v.at(-1) ?? '') : (v ?? '');
    if (typeof s !== 'string') return '';
    if (s.length > MAX) { bad[n] = '内容过长，请精简后重新提交。'; return ''; }
    if (hasUnreadable(s)) bad[n] = '内容含有无法识别的字符（可能是编码错误），请重新输入。';
    return s;
  };
  const data: Draft = {};
  for (const k of SCALARS) data[k] = one(k);
  for (const k of MULTI) data[k] = fields(b, k).slice(0, 50).map((s) => s.slice(0, 100));
  data.legalLimit = { value: one('legalLimit.value'), unit: one('legalLimit.unit'), note: one('legalLimit.note') };
  data.promisedLimit = { value: one('promisedLimit.value'), unit: one('promisedLimit.unit'), note: one('promisedLimit.note') };
  // Which row of the form each kept material row came from (uploads are named by the form's row).
  const materialIndex: number[] = [];
  for (const [group, cols] of Object.entries(ROWS)) {
    const rows: Record<string, unknown>[] = [];
    for (let i = 0; i < MAX_ROWS; i++) {
      const row: Record<string, unknown> = {};
      let any = false;
      for (const c of cols) {
        const v = one(`${group}.${i}.${c}`);
        row[c] = BOOLEAN_COLS.has(c) ? v === '1' : v;
        // Selects and checkboxes carry defaults; a row counts as filled by its text boxes.
        if (!BOOLEAN_COLS.has(c) && v.trim() && !['necessity', 'form', 'source', 'specialKind', 'originals', 'copies', 'size'].includes(c)) any = true;
      }
      if (group === 'materials') {
        // A file box: the kept file's id travels in a hidden field; 删除 clears it; a new upload counts as filling the row.
        for (const k of ['blankFileId', 'sampleFileId']) {
          if (one(`${group}.${i}.${k.replace('Id', 'Remove')}`) === '1') row[k] = '';
          if (uploaded.has(`${group}.${i}.${k.replace('Id', '')}`)) any = true;
        }
      }
      if (any) { rows.push(row); if (group === 'materials') materialIndex.push(i); }
    }
    data[group] = rows;
  }
  const meta: Record<string, string> = {};
  for (const k of META) meta[k] = one(k);
  return { data, meta, bad, materialIndex };
}
