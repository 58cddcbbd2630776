/**
 * Accessibility of every public page (axe-core, WCAG 2.0/2.1 A + AA) in 简体, 繁體 and at font size 大,
 * a phone-width layout check, and the reading settings and filters with JavaScript turned off.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { axeCheck, formatViolations, skipReason, startHarness, watchPage, type Harness } from './harness.js';

type PublicPage = { name: string; path: string; status: number };

const STATIC_PAGES: PublicPage[] = [
  { name: 'home page', path: '/', status: 200 },
  { name: '政府信息公开 index', path: '/zfxxgk', status: 200 },
  { name: '政府信息公开指南', path: '/zfxxgk/guide', status: 200 },
  { name: '法定主动公开内容', path: '/zfxxgk/statutory', status: 200 },
  { name: 'catalog index', path: '/catalog', status: 200 },
  { name: '社会救助 domain catalog', path: '/catalog/domains/social-assistance', status: 200 },
  { name: 'catalog item page', path: '', status: 200 },
  { name: 'catalog revision history', path: '', status: 200 },
  { name: 'agency list', path: '/agencies', status: 200 },
  { name: 'agency page', path: '', status: 200 },
  { name: '信息公开目录 list', path: '/xxgk', status: 200 },
  { name: '第二十条 statutory list', path: '/xxgk/statutory', status: 200 },
  { name: '行政规范性文件 list', path: '/xxgk/regulatory', status: 200 },
  { name: '清理结果 list', path: '/xxgk/cleanup', status: 200 },
  { name: 'document page with interpretation', path: '', status: 200 },
  { name: 'abolished document page', path: '', status: 200 },
  { name: 'search results', path: '/search?q=%E6%9C%80%E4%BD%8E%E7%94%9F%E6%B4%BB%E4%BF%9D%E9%9A%9C', status: 200 },
  { name: 'search without results', path: '/search?q=%E9%87%8F%E5%AD%90%E9%80%9A%E4%BF%A1', status: 200 },
  { name: '公众参与 section', path: '/canyu', status: 200 },
  { name: '互动交流 section', path: '/hudong', status: 200 },
  { name: '留言咨询 list', path: '/liuyan', status: 200 },
  { name: '留言 detail', path: '', status: 200 },
  { name: '我要留言 form', path: '/liuyan/new', status: 200 },
  { name: '留言 status lookup', path: '/liuyan/status', status: 200 },
  { name: '常见问题', path: '/liuyan/faq', status: 200 },
  { name: '留言办理统计', path: '/liuyan/tongji', status: 200 },
  { name: '在线访谈 list', path: '/fangtan', status: 200 },
  { name: '在线访谈 page', path: '', status: 200 },
  { name: '政府开放日 list', path: '/kaifangri', status: 200 },
  { name: '政府开放日 event', path: '', status: 200 },
  { name: '建议提案办理 list', path: '/jianyi', status: 200 },
  { name: '建议提案 reply', path: '', status: 200 },
  { name: '回应关切', path: '/huiying', status: 200 },
  { name: 'staff login', path: '/login', status: 200 },
  { name: 'not-found page', path: '/no-such-page', status: 404 },
];

const VARIANTS = [
  { name: '简体', toggle: null, lang: 'zh-Hans', htmlClass: 'font-medium' },
  { name: '繁體', toggle: '繁體', lang: 'zh-Hant', htmlClass: 'font-medium' },
  { name: 'font size 大', toggle: '字号大', lang: 'zh-Hans', htmlClass: 'font-large' },
] as const;

describe('public pages are accessible', { skip: skipReason() }, () => {
  let h: Harness;
  const pages = STATIC_PAGES.map((p) => ({ ...p }));
  const byName = (name: string) => pages.find((p) => p.name === name)!;

  before(async () => {
    h = await startHarness();
    // The data-dependent pages are found the way a visitor finds them: by following links.
    const context = await h.newContext();
    const page = await context.newPage();
    await page.goto('/catalog/domains/social-assistance');
    byName('catalog item page').path = await firstHref(page, 'a[href^="/catalog/items/"]');
    byName('catalog revision history').path = await firstHref(page, 'a[href$="/history"]');
    await page.goto('/agencies');
    byName('agency page').path = await firstHref(page, 'main a[href^="/agencies/"]');
    await page.goto('/xxgk/regulatory');
    byName('document page with interpretation').path = await firstDocumentHref(page);
    await page.goto('/xxgk/cleanup');
    byName('abolished document page').path = await firstDocumentHref(page);
    for (const [name, list] of [['留言 detail', '/liuyan'], ['在线访谈 page', '/fangtan'], ['政府开放日 event', '/kaifangri'], ['建议提案 reply', '/jianyi']] as const) {
      await page.goto(list);
      byName(name).path = await firstNumbered(page, list);
    }
    await context.close();
  });

  after(async () => {
    await h?.close();
  });

  it('the axe check itself reports a known violation (guards against a silent pass)', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await page.setContent('<!doctype html><html lang="zh-Hans"><head><title>t</title></head><body><main><img src="data:,"><input type="text"></main></body></html>');
    const ids = (await axeCheck(page)).map((v) => v.id).sort();
    await context.close();
    assert.deepEqual(ids, ['image-alt', 'label']);
  });

  for (const variant of VARIANTS) {
    describe(`in ${variant.name}`, () => {
      let context: BrowserContext;
      let page: Page;
      let watched: { problems: string[] };

      before(async () => {
        context = await h.newContext();
        page = await context.newPage();
        watched = watchPage(page);
        await page.goto('/');
        if (variant.toggle) {
          // Set the preference with the toolbar link, as a visitor would; it is kept in a cookie.
          await Promise.all([
            page.waitForURL((u) => u.pathname === '/'),
            page.getByRole('region', { name: /阅读设置|閱讀設置/ }).getByRole('link', { name: variant.toggle, exact: true }).click(),
          ]);
        }
        await page.waitForFunction(([lang, cls]) => document.documentElement.lang === lang && document.documentElement.classList.contains(cls), [variant.lang, variant.htmlClass] as const);
      });

      after(async () => {
        await context?.close();
      });

      for (const p of pages) {
        it(`${p.name} has no serious or critical WCAG 2.1 AA violations`, async () => {
          assert.ok(p.path, `no URL found for the ${p.name}`);
          const response = await page.goto(p.path);
          assert.equal(response?.status(), p.status, `${p.path} answered ${response?.status()}`);
          assert.equal(await page.evaluate(() => document.documentElement.lang), variant.lang, 'the reading setting applies on every page');
          const violations = await axeCheck(page);
          assert.equal(violations.length, 0, formatViolations(`${p.path} (${variant.name})`, violations));
        });
      }

      if (variant.htmlClass === 'font-large') {
        it('renders text larger at font size 大', async () => {
          await page.goto('/');
          const size = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
          assert.equal(size, '20px');
        });
      }

      it('raises no script errors or CSP refusals', () => {
        assert.deepEqual(watched.problems, []);
      });
    });
  }

  describe('on a 375×667 phone screen', () => {
    let context: BrowserContext;
    let page: Page;

    before(async () => {
      context = await h.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      page = await context.newPage();
    });

    after(async () => {
      await context?.close();
    });

    it('shows the home page without sideways scrolling', async () => {
      await page.goto('/');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375 + 1, `home page is ${width}px wide on a 375px screen`);
    });

    it('lays out the catalog, item and agency pages without sideways scrolling', async () => {
      for (const p of ['/catalog/domains/social-assistance', byName('catalog item page').path, byName('agency page').path]) {
        await page.goto(p);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 375 + 1, `${p} is ${width}px wide on a 375px screen`);
      }
    });

    it('has no serious or critical WCAG 2.1 AA violations on the home page and the catalog pages', async () => {
      const report: string[] = [];
      for (const p of ['/', '/catalog', '/catalog/domains/social-assistance', byName('catalog item page').path]) {
        await page.goto(p);
        const violations = await axeCheck(page);
        if (violations.length) report.push(formatViolations(`${p} (375×667)`, violations));
      }
      assert.equal(report.length, 0, report.join('\n'));
    });
  });

  describe('with JavaScript disabled', () => {
    let context: BrowserContext;
    let page: Page;

    before(async () => {
      context = await h.newContext({ javaScriptEnabled: false });
      page = await context.newPage();
    });

    after(async () => {
      await context?.close();
    });

    const h1 = () => page.getByRole('heading', { level: 1 }).innerText();

    it('switches to 繁體 and back with the toolbar links', async () => {
      await page.goto('/catalog/domains/social-assistance');
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/catalog/domains/social-assistance'),
        page.getByRole('region', { name: '阅读设置' }).getByRole('link', { name: '繁體', exact: true }).click(),
      ]);
      assert.match(await h1(), /社會救助/);
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hant');
      await page.goto('/');
      assert.match(await h1(), /示範縣/, 'the preference is remembered on other pages');
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/'),
        page.getByRole('region', { name: /閱讀設置|阅读设置/ }).getByRole('link', { name: /^(简体|簡體)$/ }).click(),
      ]);
      assert.match(await h1(), /示范县/);
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
    });

    it('filters the catalog index by agency with the 按机构查看 form', async () => {
      await page.goto('/catalog');
      await page.getByLabel('按机构查看').selectOption({ label: '河西乡' });
      await Promise.all([page.waitForURL((u) => u.pathname === '/catalog' && u.searchParams.has('agency')), page.getByRole('button', { name: '查看' }).click()]);
      assert.equal(await h1(), '基层政务公开标准目录：河西乡');
      const published = page.locator('section', { has: page.getByRole('heading', { name: '已发布的目录' }) });
      assert.match(await published.innerText(), /社会救助领域（\d+ 项，第 2 版）/);
    });

    it('filters a domain catalog by agency and level with the 筛选 form', async () => {
      await page.goto('/catalog/domains/social-assistance');
      await page.getByLabel('公开主体机构').selectOption({ label: '河西乡' });
      await page.getByLabel('公开层级').selectOption({ label: '乡级' });
      await Promise.all([page.waitForURL((u) => u.searchParams.has('level')), page.getByRole('button', { name: '筛选' }).click()]);
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('level'), 'township');
      assert.equal(await page.getByLabel('公开主体机构').inputValue(), url.searchParams.get('agency'));
      assert.equal(await page.getByLabel('公开层级').inputValue(), 'township', 'the chosen filter stays selected');
      const blocks = page.locator('section.catalog-block h2');
      const names = await blocks.allInnerTexts();
      assert.ok(names.every((n) => n === '河西乡'), `only 河西乡 is listed, got ${names.join('、')}`);
      const levels = await page.locator('table.catalog tbody tr td:last-child').allInnerTexts();
      assert.ok(levels.length > 0, '河西乡 has township-level items');
      assert.ok(levels.every((l) => l.includes('乡级')), `every listed item is published at township level, got ${levels.join(' | ')}`);
    });
  });
});

/** The first link in the main content to a document page (/xxgk/<id>). */
async function firstDocumentHref(page: Page): Promise<string> {
  const hrefs = await page.locator('main a[href^="/xxgk/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  const href = hrefs.find((x) => /^\/xxgk\/\d+$/.test(x));
  assert.ok(href, `no document link on ${page.url()}`);
  return href;
}

async function firstNumbered(page: Page, base: string): Promise<string> {
  const hrefs = await page.locator(`main a[href^="${base}/"]`).evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  const href = hrefs.find((x) => new RegExp(`^${base}/\\d+$`).test(x));
  assert.ok(href, `no numbered link under ${base} on ${page.url()}`);
  return href;
}

async function firstHref(page: Page, selector: string): Promise<string> {
  const link = page.locator(selector).first();
  await link.waitFor();
  const href = await link.getAttribute('href');
  assert.ok(href, `no link matching ${selector} on ${page.url()}`);
  return new URL(href, page.url()).pathname;
}
