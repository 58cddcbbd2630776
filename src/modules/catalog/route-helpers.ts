import { AppError } from '../../core/errors.js';
import { fieldErrorsOf } from '../../web/components.js';

/**
 * The messages of a refused form or upload, to show on the page (an import's errors one per row
 * and column). Anything that is not the user's to fix (404, 403, 401, 5xx) is thrown on.
 */
export const errorsOf = (e: unknown): string[] => {
  if (!(e instanceof AppError) || e.status >= 500 || e.status === 404 || e.status === 401 || e.status === 403) throw e;
  const d = e.details as { message: string; row?: number; column?: string }[] | undefined;
  return Array.isArray(d) && d.length ? d.map((x) => (x.row ? `第 ${x.row} 行「${x.column}」：${x.message}` : x.message)) : [e.message];
};

/** A form's problems: the list for the summary on top, and each field's first one to show beside it. */
export type Problems = { list: string[]; fields: Record<string, string> };
export const NO_PROBLEMS: Problems = { list: [], fields: {} };

/**
 * A refused form's problems (thrown on as errorsOf does). A field's path is cut to its name
 * (`otherChannels.2` → `otherChannels`); a form with one box takes a bad-input error without a field as its own
 * (a conflict such as a changed state names no box).
 */
export function problemsOf(e: unknown, onlyField?: string): Problems {
  const list = errorsOf(e);
  const fields: Record<string, string> = {};
  for (const [k, m] of Object.entries(fieldErrorsOf((e as AppError).details))) fields[k.split('.')[0]!] ??= m;
  if (onlyField && (e as AppError).code === 'invalid_input' && !Object.keys(fields).length) fields[onlyField] = list[0]!;
  return { list, fields };
}

/** Beside an upload's file box: its one problem, or where the list of its problems is. */
export const fileError = (list: string[]): string => (list.length === 1 ? list[0]! : `文件有 ${list.length} 处问题，未导入任何内容，详见页面上方的列表。`);
