/** An article (条) of a draft: its number, its heading (第三条) and its text. */
export type Article = { no: number; label: string; text: string };

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A Chinese numeral up to 9999 (三, 十二, 一百零五) or Arabic digits, as a number; NaN otherwise. */
export function chineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in DIGITS) digit = DIGITS[ch]!;
    else if (ch === '十' || ch === '百' || ch === '千') {
      const unit = ch === '十' ? 10 : ch === '百' ? 100 : 1000;
      total += (digit || 1) * unit;
      digit = 0;
    } else return NaN;
  }
  return total + digit;
}

const ARTICLE_RE = /^[ \t\u3000]*(第([零〇一二两三四五六七八九十百千\d]{1,8})条)[ \t\u3000]*/;

/**
 * Splits a draft into its articles: a line that begins with 第X条 starts one, and it runs to the
 * next. Text before the first article (title, chapter headings) belongs to no article. Numbers
 * are taken as written; a draft without articles gives none (comments are then on the whole draft).
 */
export function splitArticles(text: string): Article[] {
  const out: Article[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = ARTICLE_RE.exec(line);
    if (m) {
      const no = chineseNumber(m[2]!);
      if (Number.isFinite(no) && no > 0 && !out.some((a) => a.no === no)) {
        out.push({ no, label: m[1]!, text: line.slice(m[0].length) });
        continue;
      }
    }
    const last = out.at(-1);
    if (last && line.trim() && !/^[ \t\u3000]*第[零〇一二两三四五六七八九十百千\d]+[章节]/.test(line)) last.text += `\n${line}`;
  }
  return out;
}

/** How an article number reads: 0 is the whole draft. */
export const articleLabel = (articles: Article[], no: number): string => (no === 0 ? '整体意见' : (articles.find((a) => a.no === no)?.label ?? `第${no}条`));
