/** The one error type: a stable code, an HTTP status and a Chinese message fit for the user. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = '内容') => new AppError('not_found', 404, `未找到该${what}，或您无权查看。`);
/** Protected resources look the same whether missing or forbidden. */
export const forbiddenAsNotFound = notFound;
export const forbidden = (msg = '您没有执行此操作的权限。') => new AppError('forbidden', 403, msg);
export const unauthenticated = () => new AppError('unauthenticated', 401, '请先登录。');
export const invalid = (msg: string, details?: unknown) => new AppError('invalid_input', 400, msg, details);
export const conflict = (code: string, msg: string) => new AppError(code, 409, msg);

/**
 * Collects the problems of one form's fields, so every one is reported in one pass, each by its
 * field: `done()` throws invalid_input with details `{ fields: { [name]: message } }` (the shape
 * the forms' per-field errors read), the messages joined for a summary.
 */
export class FieldProblems {
  readonly fields: Record<string, string> = {};
  add(name: string, message: string): void {
    this.fields[name] ??= message;
  }
  has(name: string): boolean {
    return name in this.fields;
  }
  done(): void {
    const messages = Object.values(this.fields);
    if (messages.length) throw invalid(messages.join(''), { fields: { ...this.fields } });
  }
}
