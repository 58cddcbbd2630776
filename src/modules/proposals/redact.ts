/** What a removed contact detail is replaced with in published text. */
export const REDACTED = '〔联系方式已删除〕';

const MOBILE = /(?<![\d])(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)/g;
// A landline needs its area code (0 + 2–3 digits), so dates, amounts and document numbers stay:
// (0373)5234567, 0373-5234567, 0373 5234567, 03735234567, with an optional 转/-extension.
const LANDLINE = /(?<![\d])(?:[(（]0\d{2,3}[)）][\s-]?|0\d{2,3}[\s-]?)[2-9]\d{6,7}(?:(?:[-转]|\s*转\s*)\d{1,6})?(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+(?:@|＠)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

const digits = (s: string) => s.replace(/\D/g, '');

/**
 * The text with phone numbers (Chinese mobiles, landlines with area code) and e-mail addresses
 * replaced, and any of `known` (the authors' own phones, however they are spaced) as well.
 */
export function redactContacts(text: string, known: readonly string[] = []): string {
  let out = text.replace(EMAIL, REDACTED).replace(MOBILE, REDACTED).replace(LANDLINE, REDACTED);
  for (const k of known.map(digits).filter((d) => d.length >= 5)) {
    // The known number with any spaces or dashes between its digits.
    const re = new RegExp(`(?<!\\d)${k.split('').join('[\\s-]?')}(?!\\d)`, 'g');
    out = out.replace(re, REDACTED);
  }
  return out;
}
