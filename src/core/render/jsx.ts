/**
 * A tiny server-side JSX runtime that escapes by default: every string child and attribute value
 * is HTML-escaped unless it is already a SafeHtml produced by this runtime (or by `raw`, which is
 * reserved for trusted, already-sanitised markup).
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Child = SafeHtml | string | number | boolean | null | undefined | Child[];
export type Props = Record<string, unknown> & { children?: Child };
export type Component<P = Props> = (props: P) => SafeHtml;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const ESCAPE_RE = /[&<>"']/g;

export function escapeHtml(s: string): string {
  return ESCAPE_RE.test(s) ? s.replace(ESCAPE_RE, (c) => ESCAPES[c]!) : s;
}

/** Marks trusted markup as safe. Never pass user input. */
export function raw(html: string): SafeHtml {
  return new SafeHtml(html);
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const ATTR_NAME = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction']);
const SAFE_URL = /^(?:[/?#.]|https?:|mailto:|tel:)/i;

function renderChild(c: Child): string {
  if (c == null || c === false || c === true) return '';
  if (c instanceof SafeHtml) return c.value;
  if (Array.isArray(c)) {
    let s = '';
    for (const x of c) s += renderChild(x);
    return s;
  }
  return escapeHtml(String(c));
}

function renderAttr(name: string, v: unknown): string {
  if (v == null || v === false) return '';
  if (name === 'className') name = 'class';
  else if (name === 'htmlFor') name = 'for';
  if (!ATTR_NAME.test(name) || /^on/i.test(name)) return '';
  if (v === true) return ' ' + name;
  let s = String(v);
  if (URL_ATTRS.has(name.toLowerCase()) && !SAFE_URL.test(s.trim())) s = '#';
  return ` ${name}="${escapeHtml(s)}"`;
}

export function h(tag: string | Component<any>, props: Props | null, ...children: Child[]): SafeHtml {
  if (typeof tag === 'function') {
    return tag({ ...(props ?? {}), children: children.length === 1 ? children[0] : children });
  }
  let out = '<' + tag;
  if (props) for (const k in props) if (k !== 'children') out += renderAttr(k, props[k]);
  out += '>';
  if (VOID.has(tag)) return new SafeHtml(out);
  return new SafeHtml(out + renderChild(children) + '</' + tag + '>');
}

export function Fragment(props: { children?: Child }): SafeHtml {
  return new SafeHtml(renderChild(props.children ?? null));
}

/** Renders a whole document. */
export function renderDocument(root: SafeHtml): string {
  return '<!DOCTYPE html>' + root.value;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    type Element = SafeHtml;
    interface IntrinsicElements {
      [tag: string]: Record<string, unknown>;
    }
    interface ElementChildrenAttribute {
      children: unknown;
    }
  }
}
