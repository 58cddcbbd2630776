import { AppError } from '../errors.js';
import { isIsoDate } from './dates.js';
import type { Override, OverrideKind } from './calendar.js';

export const MAX_IMPORT_LINES = 1000;
export const NAME_MAX = 50;
export const NOTE_MAX = 500;

const KIND_WORDS: Record<string, OverrideKind> = { workday: 'workday', holiday: 'holiday', 上班: 'workday', 放假: 'holiday' };
export const kindFromWord = (w: string): OverrideKind | undefined => (Object.hasOwn(KIND_WORDS, w) ? KIND_WORDS[w] : undefined);
export const KIND_LABELS: Record<OverrideKind, string> = { workday: '调休上班', holiday: '放假' };

// Names are plain words such as 春节; control characters and markup have no business there.
const SAFE_TEXT = /^[^\u0000-\u001f\u007f<>]*$/;

/** Checks one entry's fields; returns Chinese problems (empty when fine). */
export function entryProblems(e: { date: unknown; kind: unknown; name: string; note: string }): string[] {
  const out: string[] = [];
  if (!isIsoDate(e.date)) out.push(`日期“${String(e.date).slice(0, 20)}”不正确，应为 YYYY-MM-DD 格式的有效日期`);
  if (typeof e.kind !== 'string' || !kindFromWord(e.kind)) out.push('类型应为 workday、holiday、上班 或 放假');
  if (e.name.length > NAME_MAX) out.push(`名称不能超过 ${NAME_MAX} 个字符`);
  if (e.note.length > NOTE_MAX) out.push(`备注不能超过 ${NOTE_MAX} 个字符`);
  if (!SAFE_TEXT.test(e.name) || !SAFE_TEXT.test(e.note)) out.push('名称和备注不能包含尖括号或控制字符');
  return out;
}

/**
 * Parses an import list, one day per line: `YYYY-MM-DD,workday|holiday|上班|放假,名称[,备注]`.
 * Blank lines and lines starting with # are skipped. Any bad line refuses the whole list, with
 * every problem reported by line number, so the office never ends up with half a year entered.
 */
export function parseImport(text: string): Override[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const errors: string[] = [];
  const out: Override[] = [];
  const seen = new Map<string, number>();
  if (lines.length > MAX_IMPORT_LINES) throw new AppError('invalid_import', 400, `导入内容过多：一次最多 ${MAX_IMPORT_LINES} 行。`);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const no = i + 1;
    const parts = line.split(/[,，]/).map((p) => p.trim());
    if (parts.length < 2 || parts.length > 4) {
      errors.push(`第${no}行：应为“日期,类型,名称”三项（可加第四项备注），用逗号分隔`);
      return;
    }
    const [date = '', word = '', name = '', note = ''] = parts;
    const problems = entryProblems({ date, kind: word, name, note });
    const first = seen.get(date);
    if (first !== undefined) problems.push(`日期 ${date} 与第${first}行重复`);
    if (problems.length) {
      errors.push(`第${no}行：${problems.join('；')}`);
      return;
    }
    seen.set(date, no);
    out.push({ date, kind: kindFromWord(word)!, name, note });
  });
  if (errors.length) {
    const shown = errors.slice(0, 20);
    const more = errors.length > shown.length ? `（另有 ${errors.length - shown.length} 处问题未列出）` : '';
    throw new AppError('invalid_import', 400, `导入未执行，所有日期均未保存。请修改以下问题后重新导入：${shown.join('；')}${more}`, { errors });
  }
  if (out.length === 0) throw new AppError('invalid_import', 400, '没有可导入的内容：请每行填写一天，例如 2027-02-06,放假,春节。');
  return out;
}
