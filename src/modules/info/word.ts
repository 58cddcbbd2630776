/**
 * HTML that Microsoft Word (or WPS) puts on the clipboard, made into plain structural markup before
 * the body sanitiser (validate.ts `sanitiseBody`, the only gate) decides what is kept.
 *
 * Word writes lists as paragraphs styled `mso-list:l0 level1 lfo1`, with the bullet or number as text
 * inside `<![if !supportLists]>…<![endif]>`; headings as `<h1>`…; bold as `<b>`; and hard line
 * breaks inside the text of long lines. This turns those into `<ul>`/`<ol>`, shifts headings so that
 * the body starts at `<h2>` (the page's `<h1>` is the document's title) and removes the line breaks.
 * Styles, classes, `<o:p>`, comments and conditional comments are left for the sanitiser to drop.
 */

/** Word's HTML: its namespaces, its class names or its mso-* styles. */
export const isWordHtml = (html: string): boolean => /urn:schemas-microsoft-com:office|class=["']?Mso|mso-[a-z]/i.test(html);

const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
const JOIN_CJK = new RegExp(`([${CJK}])[ \\t]*\\r?\\n[ \\t]*(?=[${CJK}])`, 'g');

/** The text of a bit of markup, entities for spaces resolved. */
const textOf = (html: string): string => html.replace(/<[^>]*>/g, '').replace(/&nbsp;|&#160;/gi, ' ').replace(/\s+/g, ' ').trim();

type ListKind = 'ul' | 'ol' | 'text';

/**
 * What a list item's marker says: a bullet (ul), an arabic or latin number (ol), or 公文-style
 * numbering such as 一、 or （二）, which is kept as text because it is part of the document's wording.
 */
export function markerKind(marker: string): ListKind {
  const m = marker.trim();
  if (/^[（(]?[一二三四五六七八九十百〇零]+[）)、．.]?$/.test(m) || /^第[一二三四五六七八九十百〇零\d]+[条章节款项]$/.test(m)) return 'text';
  if (/^[（(]?(\d{1,3}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})[）).、．]?$/.test(m)) return 'ol';
  return 'ul';
}

type Item = { level: number; kind: 'ul' | 'ol'; content: string };

/** Consecutive list items as nested lists, each deeper level inside the item before it. */
function buildLists(items: Item[]): string {
  let out = '';
  const open: Item[] = [];
  for (const it of items) {
    while (open.length && open.at(-1)!.level > it.level) out += `</li></${open.pop()!.kind}>`;
    const top = open.at(-1);
    if (top && top.level === it.level && top.kind !== it.kind) {
      out += `</li></${open.pop()!.kind}>`;
    } else if (top && top.level === it.level) {
      out += '</li>';
    }
    if (!open.length || open.at(-1)!.level < it.level) {
      out += `<${it.kind}>`;
      open.push(it);
    }
    out += `<li>${it.content}`;
  }
  while (open.length) out += `</li></${open.pop()!.kind}>`;
  return out;
}

// A paragraph (or heading) of Word's list, with the marker block Word writes for older readers.
const LIST_PARA = /<(p|h[1-6])\b([^>]*mso-list:\s*l\d+\s+level(\d+)[^>]*)>([\s\S]*?)<\/\1>/gi;
const MARKER = /<!(?:--)?\[if !supportLists\](?:--)?>([\s\S]*?)<!(?:--)?\[endif\](?:--)?>/i;

/** Word's clipboard HTML with lists, headings and bold in plain tags; still to be sanitised. */
export function normaliseWordHtml(html: string): string {
  let s = html
    // The document head (styles, <xml> settings) and every comment, conditional ones included.
    .replace(/<head\b[\s\S]*?<\/head>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/?o:p\b[^>]*>/gi, '')
    // Word wraps long lines in its source; between Chinese characters a line break would show as a space.
    .replace(JOIN_CJK, '$1')
    .replace(/\r?\n/g, ' ');

  // Lists: runs of mso-list paragraphs (only spaces between them) become one nested list.
  let out = '';
  let run: Item[] = [];
  let last = 0;
  const flush = () => {
    if (run.length) out += buildLists(run);
    run = [];
  };
  for (const m of s.matchAll(LIST_PARA)) {
    const between = s.slice(last, m.index);
    if (between.trim() || /^h/i.test(m[1]!)) flush();
    out += between;
    last = m.index + m[0].length;
    const [, tag, attrs, level, inner] = m as unknown as [string, string, string, string, string];
    const marker = MARKER.exec(inner);
    const content = marker ? inner.replace(MARKER, '') : inner;
    const kind = marker ? markerKind(textOf(marker[1]!)) : 'ul';
    if (/^h/i.test(tag) || kind === 'text') {
      // A numbered heading, or 公文 numbering: the number stays as the text Word showed.
      flush();
      const number = marker ? textOf(marker[1]!) : '';
      out += `<${tag}${attrs}>${number}${number && !/[、）)．.：:]$/.test(number) ? ' ' : ''}${content}</${tag}>`;
      continue;
    }
    run.push({ level: Number(level), kind, content });
  }
  flush();
  out += s.slice(last);
  s = out.replace(/<!\[(?:if [^\]]*|endif)\]>/gi, '');

  // Headings: the body begins at h2; with h1 present every level moves down one.
  if (/<h1\b/i.test(s)) s = s.replace(/<(\/?)h([1-6])\b/gi, (_m, slash: string, n: string) => `<${slash}h${Math.min(Number(n) + 1, 4)}`);
  return s;
}
