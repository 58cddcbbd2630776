import { escapeHtml } from '../render/jsx.js';

/**
 * Re-emits the SVG that zrender produced, keeping only what a static chart needs.
 *
 * - zrender escapes text content but writes attribute values verbatim, so every tag is rebuilt
 *   from allow-listed elements and attributes with escaped values; anything unexpected throws
 *   rather than reaching the page.
 * - The site's CSP (style-src 'self') blocks `style` attributes and `<style>` elements in inline
 *   SVG, which would drop the font size and family of every label: font declarations become
 *   presentation attributes, and the `<style>` block (hover effects only) is dropped.
 */

const ELEMENTS = new Set([
  'svg', 'g', 'rect', 'path', 'text', 'tspan', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'defs', 'clipPath', 'linearGradient', 'radialGradient', 'stop', 'title', 'desc',
]);

const ATTRIBUTES = new Set([
  'xmlns', 'xmlns:xlink', 'version', 'baseProfile', 'viewBox', 'width', 'height',
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'd', 'points', 'transform', 'id', 'clip-path',
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap',
  'stroke-linejoin', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-miterlimit', 'opacity', 'paint-order',
  'dominant-baseline', 'text-anchor', 'xml:space', 'font-size', 'font-family', 'font-weight', 'font-style',
  'offset', 'stop-color', 'stop-opacity', 'gradientUnits', 'gradientTransform', 'visibility',
]);

const FONT_PROPS = new Set(['font-size', 'font-family', 'font-weight', 'font-style']);
const FONT_SHORTHAND = /^(?:(italic|oblique)\s+)?(?:(normal|bold|bolder|lighter|\d{3})\s+)?(\d+(?:\.\d+)?px)\s+(.+)$/;

const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s="'<>/]+(?:="[^"<>]*")?)*)\s*(\/?)>$/;
const ATTR = /\s+([^\s="'<>/]+)(?:="([^"<>]*)")?/g;

class UnsafeSvgError extends Error {
  constructor(what: string) {
    super(`图表输出包含不允许的内容：${what}`);
  }
}

/** Font declarations of a `style` attribute as presentation attributes; other declarations are dropped. */
export function fontAttributes(style: string): [string, string][] {
  const out: [string, string][] = [];
  for (const decl of style.split(';')) {
    const i = decl.indexOf(':');
    if (i < 0) continue;
    const prop = decl.slice(0, i).trim().toLowerCase();
    const value = decl.slice(i + 1).trim();
    if (!value) continue;
    if (FONT_PROPS.has(prop)) out.push([prop, value]);
    else if (prop === 'font') {
      const m = FONT_SHORTHAND.exec(value);
      if (!m) continue;
      if (m[1]) out.push(['font-style', m[1]]);
      if (m[2] && m[2] !== 'normal') out.push(['font-weight', m[2]]);
      out.push(['font-size', m[3]!], ['font-family', m[4]!]);
    }
  }
  return out;
}

function rebuildTag(tag: string): string {
  const m = TAG.exec(tag);
  if (!m) throw new UnsafeSvgError(tag.slice(0, 40));
  const [, close, name, attrs, selfClose] = m;
  if (!ELEMENTS.has(name!)) throw new UnsafeSvgError(`<${name}>`);
  if (close) return `</${name}>`;
  const kept = new Map<string, string | null>();
  for (const [, attr, value] of attrs!.matchAll(ATTR)) {
    if (attr === 'style') for (const [k, v] of fontAttributes(value ?? '')) kept.set(k, v);
    else if (ATTRIBUTES.has(attr!)) kept.set(attr!, value ?? null);
  }
  let out = '<' + name;
  for (const [k, v] of kept) out += v == null ? ` ${k}` : ` ${k}="${escapeHtml(v)}"`;
  return out + (selfClose ? '/>' : '>');
}

/**
 * The cleaned SVG with role="img", aria-label and a <title> naming the chart.
 * Throws when the markup holds anything outside the allow-list.
 */
export function cleanSvg(svg: string, label: string): string {
  const body = svg.trim().replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '');
  let out = '';
  let opened = false;
  for (const part of body.split(/(<[^>]*>)/)) {
    if (part.startsWith('<')) {
      let tag = rebuildTag(part);
      if (!opened) {
        if (!tag.startsWith('<svg')) throw new UnsafeSvgError('根元素不是 svg');
        const a = escapeHtml(label);
        tag = tag.replace(/^<svg/, `<svg class="chart" role="img" aria-label="${a}"`) + `<title>${a}</title>`;
        opened = true;
      }
      out += tag;
    } else if (/[<>]/.test(part)) {
      throw new UnsafeSvgError('未转义的文本');
    } else {
      out += part.trim() ? part : '';
    }
  }
  if (!opened) throw new UnsafeSvgError('缺少 svg 元素');
  return out;
}
