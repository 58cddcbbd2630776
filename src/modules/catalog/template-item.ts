import { AppError } from '../../core/errors.js';
import type { Template } from './repository.js';
import { toInput } from './repository.js';
import type { CatalogItemInput } from './types.js';
import { parseItem } from './validate.js';

/** The reason recorded for a template row an agency could not adopt as it stands. */
export const CUT_REASON = '模板事项在来源目录中被截断，内容不全，未采用';

/** Whether 公开对象 / 公开方式 were left unticked because the source did not show them. */
export const marksUnknown = (t: Pick<CatalogItemInput, 'audiencePublic' | 'audienceSpecific' | 'modeActive' | 'modeOnRequest'>) => ({
  audience: !t.audiencePublic && !t.audienceSpecific,
  mode: !t.modeActive && !t.modeOnRequest,
});

/**
 * A template row as the item an agency adopts: its own text, with 全社会 / 主动 where the source
 * showed no mark (the compile page says so), and the agency's localised 公开主体 when given.
 */
export function templateAsItem(t: Template, subject?: string): CatalogItemInput {
  const base = toInput(t);
  const unknown = marksUnknown(base);
  return { ...base, subject: subject || base.subject, audiencePublic: base.audiencePublic || unknown.audience, modeActive: base.modeActive || unknown.mode };
}

/** Why a template row cannot be adopted as it stands (cut off in its source, a required element missing), or null. */
export function templateProblem(t: Template, subject?: string): string | null {
  if (t.cut) return '来源目录在此行截断，内容不全';
  try {
    parseItem(templateAsItem(t, subject));
    return null;
  } catch (e) {
    if (e instanceof AppError) return `${e.message}（来源未载明）`;
    throw e;
  }
}
