import { invalid } from '../../core/errors.js';

/**
 * The urlencoded parser leaves a value it cannot decode (invalid UTF-8 such as %C3%28) as the raw
 * percent text; a browser always encodes what a person types, so a value still holding an escaped
 * byte of 0x80 or more came from a malformed body. Refused by field, never stored as typed garbage.
 */
const UNDECODED = /%[89a-f][0-9a-f]/i;
export function refuseUndecoded(values: Record<string, string | undefined>): void {
  const bad = Object.entries(values).filter(([, v]) => v && UNDECODED.test(v)).map(([k]) => k);
  if (bad.length) throw invalid('提交的内容编码不正确，含有无法识别的字符，请删除后重新提交。', { fields: Object.fromEntries(bad.map((k) => [k, '内容含有无法识别的字符，请删除后重新提交。'])) });
}
