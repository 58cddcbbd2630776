import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../core/errors.js';

/**
 * What every request is held to before any route sees it, once for all routes: no string carries
 * a control character. PostgreSQL refuses a NUL in text (a 500 if it got that far), and nothing the
 * platform takes needs the others. A value may hold tab, line feed and carriage return — a
 * multi-line text box sends them, and the field's own rule judges them (a `next=` with a newline
 * is refused by safeBack, a title is one line) — but a path parameter or a field's name holds none.
 */
const IN_VALUE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const IN_NAME = /[\u0000-\u001f\u007f-\u009f]/;
const MAX_DEPTH = 20;

export const controlCharacters = (field?: string) =>
  new AppError('invalid_characters', 400, `${field ? `“${field}”` : '提交的内容'}含有不允许的控制字符（如空字符），请删除后重新提交。`, field ? { field } : undefined);

/** Where a string stands: a value (may hold tab and line breaks) or a name (a key, a path segment). */
type Place = 'value' | 'name';

/** The name of the first field holding a control character (keys are names), '' for the value itself, or null. */
export function findControl(value: unknown, place: Place, name = '', depth = 0): string | null {
  if (typeof value === 'string') return (place === 'value' ? IN_VALUE : IN_NAME).test(value) ? name : null;
  if (value == null || typeof value !== 'object' || Buffer.isBuffer(value) || depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = findControl(v, place, name, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (IN_NAME.test(k)) return name;
    const found = findControl(v, place, name || k, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** Throws the 400 when a string (or any string inside an object) holds a control character. */
export function assertNoControl(value: unknown, place: Place, name = ''): void {
  const found = findControl(value, place, name);
  if (found !== null) throw controlCharacters(found || undefined);
}

/**
 * zod's own messages (a wrong type, an unknown option) in Chinese, for every schema at once; a
 * schema's own message still wins. Set once, at startup.
 */
const TYPE_NAMES: Record<string, string> = { string: '文本', number: '数字', int: '整数', boolean: '是或否', array: '列表', object: '对象', date: '日期', bigint: '整数' };
export function useChineseValidationMessages(): void {
  z.config(z.locales.zhCN());
  z.config({
    customError: (issue) => {
      if (issue.code === 'invalid_type') return `格式不正确，应为${TYPE_NAMES[issue.expected] ?? '规定的格式'}`;
      if (issue.code === 'invalid_value') return '取值不在允许的范围内';
      if (issue.code === 'unrecognized_keys') return `含有未知的字段：${issue.keys.join('、')}`;
      return undefined;
    },
  });
}

/** Registers the control-character check on every route (the 404 handler included). */
export function registerBoundary(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    assertNoControl(req.params, 'name');
    assertNoControl(req.query, 'value');
    assertNoControl(req.body, 'value');
  });
}

/**
 * The errors the router raises before any hook runs — a path with bad percent-encoding
 * (`/xxgk/%FF`), a path parameter over the length limit — as the platform's own errors, answered
 * like every other one (a Chinese page; `{error:{code,message}}` under /api/).
 */
export function frameworkError(err: { code?: string }): AppError {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return new AppError('uri_too_long', 414, '请求的网址过长。');
  if (err.code === 'FST_ERR_BAD_URL') return new AppError('bad_url', 400, '网址格式不正确（含有无效的编码），请检查后重新访问。');
  return new AppError('bad_request', 400, '请求格式不正确。');
}

/** Headers for an answer given before the hooks (helmet's included) could run: a page that runs nothing. */
export const FRAMEWORK_ERROR_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};
