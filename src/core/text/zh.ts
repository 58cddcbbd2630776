import * as OpenCC from 'opencc-js';

type Convert = (s: string) => string;

// Built once: the converter builds its dictionaries on first use and is reused for every page.
let toHantConv: Convert | undefined;
let toHansConv: Convert | undefined;

// OpenCC maps 发 to 髮 (hair) in some compounds where government text means 發 (issue, pay out).
const HANT_FIXES: [string, string][] = [['髮放', '發放'], ['髮文', '發文'], ['髮佈', '發佈'], ['髮布', '發布']];

/** 简体 → 繁體 (Taiwan standard characters), for the 繁體 toggle. */
export function toHant(s: string): string {
  if (!toHantConv) {
    const base = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const fix = OpenCC.CustomConverter(HANT_FIXES);
    toHantConv = (x) => fix(base(x));
  }
  return toHantConv(s);
}

/** 繁體 → 简体, to fold queries and input onto the simplified text we store. */
export function toHans(s: string): string {
  const conv = (toHansConv ??= OpenCC.Converter({ from: 'tw', to: 'cn' }));
  return conv(s);
}

/**
 * Parts of a page that must reach the reader unconverted: form fields that post their text back
 * (a 繁體 reader saving a form must not rewrite stored 简体 text) and the 简体 toggle itself.
 */
const KEEP = /(<textarea\b[^>]*>[\s\S]*?<\/textarea>|<a\b[^>]*\blang="zh-Hans"[^>]*>[^<]*<\/a>)/i;

/**
 * Converts the text of an HTML document and its human-readable attributes, leaving markup, URLs,
 * form values and the parts in KEEP alone.
 */
export function htmlToHant(html: string): string {
  return html
    .split(KEEP)
    .map((part, i) => (i % 2 === 1 ? part : convertPart(part)))
    .join('');
}

function convertPart(html: string): string {
  return html
    .replace(/>([^<]+)</g, (_m, text: string) => '>' + toHant(text) + '<')
    .replace(/ (aria-label|title|placeholder|alt)="([^"]*)"/g, (_m, name: string, v: string) => ` ${name}="${toHant(v)}"`);
}
