import { toHans } from './zh.js';

/**
 * Text normalisation and tokens for search. Stored text and queries go through the same
 * `normalise`, so 全角/半角, 繁/简 and case never decide whether something is found.
 *
 * The token rules are mirrored by the SQL function `gk_search_tokens` (migration search_fts),
 * which builds the stored tsvector; `normalise.test.ts` checks that both agree.
 */

/** Han ideographs (and 〇) are indexed as overlapping bigrams; keep in step with the SQL function. */
// Written as characters (〇 U+3007, U+3400–4DBF, U+4E00–9FFF, U+F900–FAFF, U+20000–323AF) so the
// same class works in a JavaScript /u regex and in a PostgreSQL regex.
export const HAN = '〇㐀-䶿一-鿿豈-﫿𠀀-𲎯';
const SEPARATORS = `[^${HAN}a-z0-9]*`;
const TOKEN_RUN = new RegExp(`[${HAN}]+|[a-z0-9]+`, 'gu');
const HAN_CHAR = new RegExp(`^[${HAN}]`, 'u');
const NOT_KEY = new RegExp(`[^${HAN}a-z0-9]+`, 'gu');
// Lone surrogates cannot be encoded for the database; control characters (NUL!) cannot be stored.
const BAD = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\p{Cc}\p{Cf}]/gu;

/** NFKC (全角→半角, compatibility forms), 繁→简, lowercase, whitespace collapsed to one space. */
export function normalise(text: string): string {
  return toHans(text.replace(BAD, ' ').normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ').trim();
}

export type Mapped = { norm: string; starts: number[]; ends: number[] };

const plain = (c: number) => c < 0x80 || (c >= 0x4e00 && c <= 0x9fff);

/**
 * `normalise`, one code point at a time, keeping for every UTF-16 unit of the result the range of
 * the original text it came from: lets a snippet mark matches found in normalised text on the
 * original. (Per code point NFKC differs from whole-string NFKC only for combining sequences,
 * which are not indexed anyway.)
 */
export function normaliseWithMap(text: string): Mapped {
  const src = text.replace(BAD, ' ');
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (s: string, a: number, b: number) => {
    for (const ch of s) {
      const c = /\s/.test(ch) ? ' ' : ch;
      if (c === ' ' && (out === '' || out.endsWith(' '))) continue;
      out += c;
      for (let k = 0; k < c.length; k++) starts.push(a), ends.push(b);
    }
  };
  for (let i = 0; i < src.length; ) {
    const cp = src.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    const ch = src.slice(i, i + len);
    push(plain(cp) ? ch.toLowerCase() : ch.normalize('NFKC').toLowerCase(), i, i + len);
    i += len;
  }
  while (out.endsWith(' ')) out = out.slice(0, -1), starts.pop(), ends.pop();
  let hans = toHans(out);
  if (hans.length !== out.length) hans = [...out].map((c) => { const x = toHans(c); return x.length === c.length ? x : c; }).join('');
  return { norm: hans, starts, ends };
}

/**
 * Index tokens of normalised text, in order: each Han run gives its overlapping bigrams and then
 * its last character alone (so a one-character query `字:*` finds every occurrence, including at
 * the end of a run); each Latin/digit run is one word.
 */
export function tokens(norm: string): string[] {
  const out: string[] = [];
  for (const [run] of norm.matchAll(TOKEN_RUN)) {
    if (!HAN_CHAR.test(run)) {
      out.push(run);
      continue;
    }
    const cps = [...run];
    for (let i = 0; i < cps.length; i++) out.push(cps[i]! + (cps[i + 1] ?? ''));
  }
  return out;
}

export type ParsedQuery = {
  /** Normalised whitespace-separated terms that carry at least one token. */
  terms: string[];
  /** tsquery text: every term's tokens ANDed; '' when nothing is searchable. */
  tsquery: string;
  /**
   * Checks for the terms the index cannot decide alone: 3+ Han characters (LIKE '%term%'), or
   * several runs (a regex that lets any punctuation stand between them: 民办函[2019]52号 finds
   * 民办函〔2019〕52号).
   */
  exact: { term: string; regex: string | null }[];
  /** Each term's own tsquery text, in the order of `terms`. */
  parts: string[];
};

const lexeme = (t: string, prefix = false) => `'${t}'${prefix ? ':*' : ''}`;

/**
 * A query as index lookups. Han runs: every bigram ANDed (a single character → prefix `字:*`).
 * Latin/digit runs: words, the last one of a term as a prefix. Bigrams ANDed may come from
 * different places in a document (公开…开目 for 公开目), so longer terms also get an exact check.
 */
export function parseQuery(q: string, maxTerms = 8): ParsedQuery {
  const terms: string[] = [];
  const parts: string[] = [];
  const exact: ParsedQuery['exact'] = [];
  for (const term of normalise(q).split(' ')) {
    const runs = [...term.matchAll(TOKEN_RUN)].map((m) => m[0]);
    if (runs.length === 0 || terms.includes(term) || terms.length >= maxTerms) continue;
    const lex = new Set<string>();
    // 示民〔2019〕: a separator typed after the last Latin/digit run says the word is complete, so the
    // index looks up that word itself (a prefix lookup of 2019:* costs about 6× more at 1M entries)
    // and the exact check requires the word to end there.
    const lastRun = runs[runs.length - 1]!;
    const complete = runs.length > 1 && !HAN_CHAR.test(lastRun) && !term.endsWith(lastRun);
    runs.forEach((run, i) => {
      // A leading Latin/digit run may be the tail of a longer word (2号 in 52号): the exact check covers it.
      if (!HAN_CHAR.test(run)) return void (i === 0 && runs.length > 1 ? undefined : lex.add(lexeme(run, i === runs.length - 1 && !complete)));
      const cps = [...run];
      if (cps.length === 1) return void lex.add(lexeme(run, true));
      for (let k = 0; k + 1 < cps.length; k++) lex.add(lexeme(cps[k]! + cps[k + 1]!));
    });
    terms.push(term);
    parts.push([...lex].join(' & '));
    const simple = runs.length === 1 && (!HAN_CHAR.test(runs[0]!) || [...runs[0]!].length <= 2) && runs[0] === term;
    if (!simple) exact.push({ term, regex: runs.length > 1 ? runs.join(SEPARATORS) + (complete ? '(?![a-z0-9])' : '') : null });
  }
  return { terms, tsquery: parts.join(' & '), exact, parts };
}

/** The Han and Latin/digit runs of a normalised term. */
export const termRuns = (term: string): string[] => [...term.matchAll(TOKEN_RUN)].map((m) => m[0]);
export const isHanRun = (run: string): boolean => HAN_CHAR.test(run);

/** The tsquery text for a query (see parseQuery). */
export const queryTokens = (q: string): string => parseQuery(q).tsquery;

/** A 文号/索引号 reduced to what people type consistently: 民办函[2019]52号 = 民办函〔2019〕52号. */
export const docNumberKey = (s: string): string => normalise(s).replace(NOT_KEY, '');

/** Escapes LIKE wildcards so a term matches literally. */
export const likeContains = (term: string): string => '%' + term.replace(/[\\%_]/g, (c) => '\\' + c) + '%';

/**
 * Characters a person cannot have meant to type into a form: C0 controls other than tab and line
 * breaks, DEL, and U+FFFD (what a body that was not valid UTF-8 decodes to). Forms refuse text with
 * them, with a message, rather than store it altered.
 */
const UNREADABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/;
export const hasUnreadable = (text: string): boolean => UNREADABLE.test(text);
