import type { Level } from '../types.js';

/** What counties put in the 对象/方式/层级 boxes. */
const CHECKED = new Set(['√', '✓', '✔', '●', '■', '☑', '是', 'Y']);
const UNCHECKED = new Set(['', '□', '☐', '否']);

/** true / false for a readable mark, null when the cell holds something we must not guess at. */
export function parseMark(text: string): boolean | null {
  const t = text.replace(/\s+/g, '').toUpperCase();
  if (CHECKED.has(t)) return true;
  if (UNCHECKED.has(t)) return false;
  return null;
}

/**
 * Maps a 公开层级 sub-header to a level. Catalogues name the tiers after their own place in
 * the hierarchy (县级/区级/市级/东阳市级, 乡级/镇级/乡、村级/镇(街)级/镇街乡, 村级/村), so the
 * match is by the characters that identify the tier; 乡、村级 is published as one township tier.
 */
export function levelOfLabel(label: string): Level | null {
  const t = label.replace(/\s+/g, '');
  if (t === '') return null;
  if (/[乡镇街]/.test(t)) return 'township';
  if (/村|社区|居委/.test(t)) return 'village';
  if (/[县区市旗州]/.test(t)) return 'county';
  return null;
}
