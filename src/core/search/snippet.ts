import { escapeHtml } from '../render/jsx.js';
import { normaliseWithMap } from '../text/normalise.js';

/** Ranges of `text` (original UTF-16 offsets, merged) where a normalised term occurs. */
export function matchRanges(text: string, terms: string[]): [number, number][] {
  if (!terms.length || !text) return [];
  const { norm, starts, ends } = normaliseWithMap(text);
  const found: [number, number][] = [];
  for (const term of terms) {
    for (let i = norm.indexOf(term); i >= 0 && found.length < 500; i = norm.indexOf(term, i + term.length)) {
      found.push([starts[i]!, ends[i + term.length - 1]!]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of found) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

const isLow = (s: string, i: number) => i > 0 && i < s.length && /[\uDC00-\uDFFF]/.test(s[i]!);

/**
 * HTML for `text` with <mark> around the terms: the text is escaped piece by piece and only the
 * <mark> tags are ours, so stored text can never become markup. With `window`, only an excerpt of
 * about that many characters around the first match is kept, with … where it was cut.
 */
export function highlight(text: string, terms: string[], window?: number): string {
  let from = 0;
  let to = text.length;
  const ranges = matchRanges(text, terms);
  if (window && text.length > window) {
    const first = ranges[0]?.[0] ?? 0;
    from = Math.max(0, Math.min(first - Math.floor(window / 4), text.length - window));
    to = Math.min(text.length, from + window);
    if (isLow(text, from)) from++;
    if (isLow(text, to)) to--;
  }
  let out = from > 0 ? '…' : '';
  let at = from;
  for (const [a, b] of ranges) {
    if (b <= from || a >= to) continue;
    const s = Math.max(a, from);
    const e = Math.min(b, to);
    out += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    at = e;
  }
  return out + escapeHtml(text.slice(at, to)) + (to < text.length ? '…' : '');
}
