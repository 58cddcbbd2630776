/**
 * The 工作台 in Chromium: every demo account signs in and finds exactly what the full demo left
 * waiting for it, most urgent first, each link opening its page; the grouped navigation, its
 * counts, and the phone menu that opens without JavaScript.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeCheck, formatViolations, login, pageOpener, skipReason, startHarness, type Harness } from './harness.js';
import { DEMO_USERS, expectedWorklist, worklistProblems, type ShownItem } from '../../src/test/demo-worklist.js';
import { todayInShanghai } from '../../src/core/calendar/dates.js';

describe('the staff worklist and navigation', { skip: skipReason() }, () => {
  let h: Harness;
  const pages = pageOpener(() => h);
  const openBrowser = pages.open;
  let today = '';
  const missingYears: number[] = [];

  const readWorklist = (page: Page): Promise<ShownItem[]> =>
    page.locator('ul.worklist > li').evaluateAll((lis) =>
      lis.map((li) => ({
        urgency: li.querySelector('strong')?.textContent ?? '',
        title: li.querySelector('a')?.textContent ?? '',
        href: li.querySelector('a')?.getAttribute('href') ?? '',
        meta: li.querySelector('.work-meta')?.textContent ?? '',
        due: li.getAttribute('data-due'),
      })),
    );

  before(async () => {
    // Ten accounts and more sign in within a minute here: above the per-address login limit.
    h = await startHarness({ env: { LOGIN_RATE_LIMIT: '1000' } });
    today = todayInShanghai();
    const year = Number(today.slice(0, 4));
    const page = await openBrowser();
    for (const y of [year, year + 1]) {
      const res = await page.request.get(`${h.baseURL}/api/v1/calendar/days?year=${y}&only=special`);
      if (!((await res.json()) as { hasData: boolean }).hasData) missingYears.push(y);
    }
  });

  after(async () => {
    await pages.closeAll();
    await h?.close();
  });

  for (const user of DEMO_USERS) {
    it(`shows ${user} exactly the seeded items waiting for them, in urgency order, with working links`, async () => {
      const page = await openBrowser({ viewport: { width: 1366, height: 900 } });
      await login(page, user);
      await page.goto('/admin');
      const shown = await readWorklist(page);
      assert.deepEqual(worklistProblems(shown, expectedWorklist(user, { today, yearsWithoutData: missingYears })), [], `${user}: ${JSON.stringify(shown.map((s) => `${s.urgency} ${s.title}`))}`);
      assert.equal(await page.getByRole('heading', { name: `待我处理（${shown.length}）` }).count(), 1);
      // Each link opens its page (clicked, as staff would), not an error page.
      for (const [i, s] of shown.entries()) {
        const link = page.locator('ul.worklist > li').nth(i).getByRole('link');
        const [response] = await Promise.all([page.waitForNavigation(), link.click()]);
        assert.equal(response?.status(), 200, `${user}: ${s.title} → ${s.href}`);
        assert.notEqual(await page.locator('h1').first().innerText(), '无法完成操作', `${user}: ${s.href} is not an error page`);
        await page.goBack();
      }
      // The navigation shows each group's count beside its name.
      for (const group of await page.locator('.staff-nav .nav-group:has(> .nav-group-link)').all()) {
        const label = await group.locator('.nav-group-link').innerText();
        const n = shown.filter((s) => s.meta.startsWith(`${label} · `)).length;
        const badge = group.locator(':scope > .nav-count');
        assert.equal((await badge.count()) ? Number((await badge.innerText()).replace(/\D+/g, '')) : 0, n, `${user}: ${label} count`);
      }
    });
  }

  it('is accessible on wide and phone screens, for the office and a township clerk', async () => {
    for (const user of ['office', 'chengguan-sh']) {
      for (const width of [1366, 390]) {
        const page = await openBrowser({ viewport: { width, height: 800 } });
        await login(page, user);
        await page.goto('/admin');
        if (width === 390) await page.locator('label[for="nav-toggle"]').click();
        const violations = await axeCheck(page);
        assert.equal(violations.length, 0, formatViolations(`/admin as ${user} at ${width}px`, violations));
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(sideways <= 0, `no sideways scrolling at ${width}px (${sideways}px)`);
      }
    }
  });

  it('folds the navigation into a 菜单 at 390 px that opens without JavaScript', async () => {
    const page = await openBrowser({ viewport: { width: 390, height: 800 }, javaScriptEnabled: false });
    await login(page, 'chengguan-sh');
    await page.goto('/admin');
    const nav = page.getByRole('navigation', { name: '后台导航' });
    assert.equal(await nav.isVisible(), false, 'closed at first: the page starts with the work');
    const toggle = page.locator('label[for="nav-toggle"]');
    assert.match(await toggle.innerText(), /菜单（待办 \d+）/);
    await toggle.click();
    assert.equal(await nav.isVisible(), true, 'opens on a tap, with JavaScript off');
    // Every group the reviewer has, with its pages, is in the open menu.
    for (const name of ['政府信息', '依申请公开', '考核监督', '系统设置', '信息发布', '年度评估', '申请办理', '年度报告', '修改密码']) {
      assert.ok(await nav.getByRole('link', { name, exact: true }).isVisible(), `${name} in the open menu`);
    }
    assert.equal(await nav.getByRole('link', { name: '账号管理' }).count(), 0, 'no page the reviewer cannot use');
    await Promise.all([page.waitForURL('**/admin/info/reevaluation'), nav.getByRole('link', { name: '年度评估', exact: true }).click()]);
  });

  it('shows the current group’s pages in a second row on wide screens', async () => {
    const page = await openBrowser({ viewport: { width: 1366, height: 800 } });
    await login(page, 'office');
    await page.goto('/admin/foi/stats');
    const sub = page.getByRole('navigation', { name: '依申请公开导航' });
    assert.ok(await sub.isVisible());
    assert.equal(await sub.locator('a[aria-current="page"]').innerText(), '办理统计');
    assert.equal(await page.locator('label[for="nav-toggle"]').isVisible(), false, 'no menu toggle on a wide screen');
  });

  it('ran without script errors or CSP refusals', () => {
    assert.deepEqual(pages.problems(), []);
  });
});
