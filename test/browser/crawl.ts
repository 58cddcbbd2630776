/**
 * Finds the pages a visitor or a staff member can reach by following links, the way they would:
 * from the home page (public) or from 工作台 (staff). Each URL shape (numbers folded to :id) is kept
 * only a few times, so 300 documents do not become 300 pages. GET only; downloads, API, feeds and
 * the reading-settings links (which change the session) are left out.
 */
import type { Page } from 'playwright-core';

export type Found = { path: string; shape: string };

const SKIP = [
  /^\/prefs/, /^\/api\//, /^\/static\//, /^\/logout/, /\.(xlsx|docx|pdf|xml|csv|json|zip|png|jpe?g|ico|svg)(\?|$)/i,
  /\/files\//, /\/download/, /\/export/, /\/proof/, /\/feed/, /\/rss/, /\/letter\.(pdf|docx)/, /\/ws\//,
];

/** A URL's shape: every number becomes :id, the query keeps only its keys. */
export function shapeOf(path: string): string {
  const [p, q] = path.split('?') as [string, string | undefined];
  const keys = q ? [...new URLSearchParams(q).keys()].sort().join('&') : '';
  // Numbers are ids; a domain's code after /domains/ or /templates/ is one too.
  return p.replace(/\/\d+(?=\/|$)/g, '/:id').replace(/\/(domains|templates)\/[^/]+/g, '/$1/:code') + (keys ? `?${keys}` : '');
}

/** `visit` runs on each found page while it is open (to check it or take its picture). */
export async function crawl(page: Page, start: string[], opts: { limit?: number; perShape?: number; within?: (path: string) => boolean; visit?: (page: Page, f: Found) => Promise<void> } = {}): Promise<Found[]> {
  const limit = opts.limit ?? 150;
  const perShape = opts.perShape ?? 1;
  const within = opts.within ?? (() => true);
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const queue = [...start];
  const found: Found[] = [];
  const origin = new URL(page.url() === 'about:blank' ? 'http://x/' : page.url()).origin;
  while (queue.length && found.length < limit) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const shape = shapeOf(path);
    if ((shapes.get(shape) ?? 0) >= perShape) continue;
    const res = await page.goto(path).catch(() => null);
    if (!res || res.status() >= 400 || !(res.headers()['content-type'] ?? '').includes('text/html')) continue;
    const landed = new URL(page.url());
    // A redirect (e.g. to /login) is not the page the link named.
    if (landed.pathname + landed.search !== path && landed.pathname !== path.split('?')[0]) continue;
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    found.push({ path, shape });
    if (page.isClosed()) throw new Error(`the page closed while opening ${path}`);
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      let u: URL;
      try { u = new URL(href); } catch { continue; }
      if (origin !== 'http://x' && u.origin !== new URL(page.url()).origin) continue;
      const p = u.pathname + u.search;
      if (SKIP.some((r) => r.test(p)) || !within(p) || seen.has(p)) continue;
      queue.push(p);
    }
    if (opts.visit) await opts.visit(page, { path, shape });
  }
  return found;
}

/** What a page does wrong at its current width: sideways scrolling, labels away from their boxes. */
// Sent as text: tsx would wrap named functions in a helper (__name) the page does not have.
const LAYOUT_SCRIPT = `(() => {
    const out = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) {
      // Name the widest culprits: elements reaching past the viewport that are not inside a scroll box.
      const wide = [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 1)
        .filter((e) => !e.closest('.table-scroll, .table-wrap, .sr-only, .skip'))
        .slice(0, 3)
        .map((e) => \`\${e.tagName.toLowerCase()}\${e.id ? '#' + e.id : ''}\${e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''} (\${Math.round(e.getBoundingClientRect().right)} px)\`);
      out.push(\`scrolls sideways: \${doc.scrollWidth} px wide in a \${doc.clientWidth} px window; \${wide.join(', ')}\`);
    }
    const visible = (e) => {
      const r = e.getBoundingClientRect();
      const s = getComputedStyle(e);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !e.closest('[hidden], .sr-only, details:not([open]) > :not(summary)');
    };
    const controls = document.querySelectorAll('input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([type=submit]):not([type=button]), select, textarea');
    for (const c of controls) {
      if (!visible(c) || !c.id) continue;
      const label = document.querySelector(\`label[for="\${CSS.escape(c.id)}"]\`);
      if (!label || !visible(label)) continue;
      const l = label.getBoundingClientRect();
      const r = c.getBoundingClientRect();
      const overlapX = Math.min(l.right, r.right) - Math.max(l.left, r.left);
      // Directly above: nothing but the field's own hint and error between (a Field groups them).
      const sameField = !!label.closest('.field') && label.closest('.field') === c.closest('.field');
      const above = l.bottom <= r.top + 2 && (r.top - l.bottom < 80 || sameField) && overlapX > 0 && Math.abs(l.left - r.left) < 40;
      const midL = (l.top + l.bottom) / 2;
      const leftSameRow = l.right <= r.left + 2 && r.left - l.right < 200 && midL >= r.top - 2 && midL <= r.bottom + 2;
      if (!above && !leftSameRow) out.push(\`label “\${(label.textContent ?? '').trim().slice(0, 30)}” is not directly above #\${c.id} nor to its left on the same row\`);
    }
    return out;
})()`;

export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(LAYOUT_SCRIPT) as Promise<string[]>;
}
