import type { FastifyRequest } from 'fastify';
import { invalid, notFound } from '../core/errors.js';

export type FormBody = Record<string, string | string[] | undefined>;

/** The urlencoded body as a plain record; anything else is refused. */
export function formBody(req: FastifyRequest): FormBody {
  const b = req.body;
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw invalid('请通过页面表单提交。');
  return b as FormBody;
}

/** One text field: the last value if repeated, '' when absent; oversize input is refused, not cut. */
export function field(b: FormBody, name: string, max = 10000): string {
  const v = b[name];
  const s = Array.isArray(v) ? (v.at(-1) ?? '') : (v ?? '');
  if (typeof s !== 'string') return '';
  if (s.length > max) throw invalid(`“${name}”内容过长（最多 ${max} 个字符）。`);
  return s;
}

export function fields(b: FormBody, name: string): string[] {
  const v = b[name];
  return (Array.isArray(v) ? v : v == null ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

export const checked = (b: FormBody, name: string): boolean => fields(b, name).length > 0;

const isId = (s: string) => /^[1-9]\d{0,9}$/.test(s) && Number(s) <= 2147483647;

/** A positive integer id from a route path; anything else names nothing, so it is a 404. */
export function idParam(v: unknown): number {
  const s = String(v ?? '');
  if (!isId(s)) throw notFound();
  return Number(s);
}

/** An id typed into a form or query string: a malformed one is bad input (400). */
export function idField(v: unknown, label = '编号'): number {
  const s = String(v ?? '').trim();
  if (!isId(s)) throw invalid(`${label}格式不正确。`);
  return Number(s);
}

/** A local path to return to after an action; never another site. */
export function safeBack(v: unknown, fallback = '/'): string {
  const s = typeof v === 'string' ? v : '';
  return s.startsWith('/') && !s.startsWith('//') && !s.startsWith('/\\') && s.length < 500 ? s : fallback;
}
