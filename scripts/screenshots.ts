/**
 * npm run screenshots [-- <folder>]: starts the app on a fresh demo database, follows the links of
 * the public site and of 工作台 for each kind of demo account, and saves every page it reaches at
 * 1366×900 and 390×844 (full page) into <folder> (default screenshots/), with an index.html to
 * look through. For people to look at; nothing is asserted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { login, startHarness } from '../test/browser/harness.js';
import { crawl } from '../test/browser/crawl.js';

const out = resolve(process.argv[2] ?? 'screenshots');
const SIZES = [{ width: 1366, height: 900 }, { width: 390, height: 844 }];
const WHO: { name: string; user?: string; start: string[] }[] = [
  { name: 'public', start: ['/', '/yishenqing/apply', '/yishenqing/follow', '/login'] },
  { name: 'office', user: 'office', start: ['/admin'] },
  { name: 'minzheng', user: 'minzheng', start: ['/admin'] },
  { name: 'chengguan', user: 'chengguan', start: ['/admin'] },
  { name: 'chengguan-sh', user: 'chengguan-sh', start: ['/admin'] },
  { name: 'admin', user: 'admin', start: ['/admin'] },
];

const slug = (path: string) => (path.replace(/^\//, '').replace(/[^\p{L}\p{N}]+/gu, '_') || 'home').slice(0, 80);

mkdirSync(out, { recursive: true });
const h = await startHarness();
const rows: string[] = [];
try {
  for (const w of WHO) {
    const context = await h.newContext({ viewport: SIZES[0] });
    const page = await context.newPage();
    if (w.user) await login(page, w.user);
    let n = 0;
    await crawl(page, w.start, {
      limit: 80,
      within: (p) => (w.user ? p.startsWith('/admin') : !p.startsWith('/admin')),
      visit: async (p, f) => {
        n++;
        const base = `${w.name}-${String(n).padStart(3, '0')}-${slug(f.path)}`;
        for (const size of SIZES) {
          await p.setViewportSize(size);
          // Very long pages (the audit log) are cut at 12 000 px: beyond that the renderer gives up.
          const height = await p.evaluate(() => document.documentElement.scrollHeight);
          await p.screenshot({ path: join(out, `${base}-${size.width}.png`), fullPage: true, clip: { x: 0, y: 0, width: size.width, height: Math.min(height, 12_000) } });
        }
        await p.setViewportSize(SIZES[0]!);
        rows.push(`<tr><td>${w.name}</td><td><code>${f.path.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</code></td>${SIZES.map((s) => `<td><a href="${base}-${s.width}.png">${s.width}</a></td>`).join('')}</tr>`);
      },
    });
    console.log(`${w.name}: ${n} pages`);
    await context.close();
  }
} finally {
  await h.close();
}
writeFileSync(join(out, 'index.html'), `<!doctype html><meta charset="utf-8"><title>Gongkai screenshots</title><table border="1" cellpadding="4"><tr><th>who</th><th>page</th><th colspan="2">width</th></tr>${rows.join('\n')}</table>\n`);
console.log(`${rows.length} pages × ${SIZES.length} widths in ${out}/ (open index.html)`);
