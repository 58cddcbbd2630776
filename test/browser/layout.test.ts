/**
 * Every page reachable by links — public, and staff for each kind of demo account — at phone width
 * (390 px) and desktop width (1366 px): no page scrolls sideways, and every form control's label sits
 * directly above it or to its left on the same row.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { login, pageOpener, skipReason, startHarness, type Harness } from './harness.js';
import { crawl, layoutProblems } from './crawl.js';

const WIDTHS = [{ width: 390, height: 844 }, { width: 1366, height: 900 }];
const ACCOUNTS = ['office', 'minzheng', 'chengguan', 'chengguan-sh', 'admin'];

describe('page layout at phone and desktop width', { skip: skipReason() }, () => {
  let h: Harness;
  const pages = pageOpener(() => h);
  before(async () => { h = await startHarness(); });
  after(async () => { await pages.closeAll(); await h?.close(); });

  const check = async (start: string[], who: string, within: (p: string) => boolean, setup?: (page: import('playwright-core').Page) => Promise<void>) => {
    const page = await pages.open({ viewport: WIDTHS[0] });
    if (setup) await setup(page);
    const problems: string[] = [];
    const found = await crawl(page, start, {
      limit: 70, within,
      visit: async (p, f) => {
        for (const size of WIDTHS) {
          await p.setViewportSize(size);
          for (const problem of await layoutProblems(p)) problems.push(`${who} ${f.path} at ${size.width} px: ${problem}`);
        }
        await p.setViewportSize(WIDTHS[0]!);
      },
    });
    assert.ok(found.length >= 8, `${who}: the crawl reached only ${found.length} pages: ${found.map((f) => f.path).join(' ')}`);
    assert.deepEqual(problems, [], problems.join('\n'));
    return found;
  };

  // 字号“大”: the reading setting a visitor with poor sight picks; documents and tables must still fit.
  it('public pages with the large font', async () => {
    const found = await check(['/', '/xxgk', '/yishenqing/apply', '/search?q=低保'], 'public (字号大)', (p) => !p.startsWith('/admin'), async (page) => {
      await page.goto("/prefs?font=large&back=/");
      assert.match(await page.locator('html').getAttribute('class') ?? '', /font-large/, 'the large font is on');
    });
    assert.ok(found.some((f) => /^\/xxgk\/.+/.test(f.path)), 'document pages were checked');
  });

  it('public pages', async () => {
    const found = await check(['/', '/yishenqing/apply', '/yishenqing/follow', '/login'], 'public', (p) => !p.startsWith('/admin'));
    assert.ok(found.some((f) => f.path === '/yishenqing/apply'), 'the application form was checked');
  });

  for (const who of ACCOUNTS) {
    it(`staff pages as ${who}`, async () => {
      await check(['/admin'], who, (p) => p.startsWith('/admin'), (page) => login(page, who));
    });
  }
  it('no page script errors', () => assert.deepEqual(pages.problems(), []));
});
