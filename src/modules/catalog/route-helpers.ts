import { AppError } from '../../core/errors.js';

/**
 * The messages of a refused form or upload, to show on the page (an import's errors one per row
 * and column). Anything that is not the user's to fix (404, 403, 401, 5xx) is thrown on.
 */
export const errorsOf = (e: unknown): string[] => {
  if (!(e instanceof AppError) || e.status >= 500 || e.status === 404 || e.status === 401 || e.status === 403) throw e;
  const d = e.details as { message: string; row?: number; column?: string }[] | undefined;
  return Array.isArray(d) && d.length ? d.map((x) => (x.row ? `第 ${x.row} 行「${x.column}」：${x.message}` : x.message)) : [e.message];
};
