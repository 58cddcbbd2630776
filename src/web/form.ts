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

/**
 * An id typed into a form that points at another record (e.g. the document that replaces this
 * one). Anything that is not an id in range points at nothing: 0, which matches no row, so the
 * service answers as for any id it cannot find — never a database error for 999999999999.
 */
export function refId(v: unknown): number {
  const s = String(v ?? '').trim();
  return isId(s) ? Number(s) : 0;
}

/** An id typed into a form or query string: a malformed one is bad input (400). */
export function idField(v: unknown, label = '编号'): number {
  const s = String(v ?? '').trim();
  if (!isId(s)) throw invalid(`${label}格式不正确。`);
  return Number(s);
}

/**
 * A local path to return to after an action (a `back=` or `next=` value); never another site.
 *
 * Accepted only as a same-site path, judged on the value and on its percent-decoding alike:
 * exactly one leading '/', not followed by another '/' or a backslash (a browser reads '//x' and
 * '/\x' alike as another host), and no control character anywhere (a browser drops tab and newline, so
 * '/\t/evil.example' would become '//evil.example'). Anything else gives `fallback`. What comes back
 * is fit for a `Location` header: characters outside printable ASCII are percent-encoded.
 */
export function safeBack(v: unknown, fallback = '/'): string {
  const s = typeof v === 'string' ? v : '';
  if (s.length >= 500) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(s);
  } catch {
    return fallback;
  }
  const local = (p: string) => /^\/(?![/\\])/.test(p) && !/[\u0000-\u001f\u007f-\u009f]/.test(p);
  if (!local(s) || !local(decoded)) return fallback;
  try {
    return s.replace(/[^\x21-\x7e]+/g, (c) => encodeURIComponent(c));
  } catch {
    return fallback; // a lone surrogate cannot be encoded
  }
}

/**
 * The entry of a fixed map (actions, notices) that a request names, or undefined. Only the map's
 * own keys count: 'constructor', 'toString' or '__proto__' name nothing.
 */
export function known<T>(map: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(map, key) ? map[key] : undefined;
}

/**
 * A public form's honeypot (a field people never see, that a program filling every box fills):
 * refused with one message everywhere, saying what happened and what to do.
 */
export function refuseFilledHoneypot(value: string | undefined): void {
  if (value) throw invalid('提交未成功：表单中有一个不应填写的隐藏项被填写了。如果您使用了自动填表工具，请关闭后重新提交。');
}
