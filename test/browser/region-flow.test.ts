/**
 * Issue 12's acceptance walk, through the real UI of the region demo (示范市 with 示范县 and
 * 示范南县): a 示范南县 township compiles its 社会救助 catalog; the city's 市民政局, which the
 * city's office made the supervisor of 社会救助, finds it in its one queue beside 示范县's and
 * approves it; 示范南县's office publishes it; it is on 示范南县's site, not on 示范县's, and the
 * city's site finds it when searching across its counties.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { login, skipReason, startHarness, watchPage, type Harness } from './harness.js';

describe('a county catalog reviewed by the city department and published on its county site', { skip: skipReason() }, () => {
  let h: Harness;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  let versionPath = '';

  const openBrowser = async (): Promise<Page> => {
    const context = await h.newContext({});
    contexts.push(context);
    const page = await context.newPage();
    problems.push(watchPage(page).problems);
    return page;
  };
  const act = async (page: Page, label: string, action: string) => {
    await Promise.all([
      page.waitForURL((u) => u.pathname === versionPath && u.searchParams.get('notice') === action),
      page.getByRole('button', { name: label, exact: true }).click(),
    ]);
  };
  const stateOf = (page: Page) => page.locator('strong.state').innerText();

  before(async () => {
    h = await startHarness({ env: { DEMO_REGION: 'true' } });
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await h?.close();
  });

  it('lets the 柳河乡 clerk of 示范南县 compile and submit a 社会救助 catalog', async () => {
    const editor = await openBrowser();
    await login(editor, 'nx-liuhe');
    await editor.goto('/admin/catalogs');
    await editor.locator('#new-domain').selectOption({ label: '社会救助' });
    await Promise.all([editor.waitForURL((u) => u.pathname === '/admin/catalogs/new'), editor.getByRole('button', { name: '从标准模板编制' }).click()]);
    await Promise.all([
      editor.waitForURL((u) => /^\/admin\/catalogs\/versions\/\d+$/.test(u.pathname) && u.searchParams.get('notice') === 'compiled'),
      editor.getByRole('button', { name: '生成目录草稿' }).click(),
    ]);
    versionPath = new URL(editor.url()).pathname;
    assert.equal(await editor.getByRole('heading', { level: 1 }).innerText(), '柳河乡 · 社会救助领域目录 第 1 版');
    await act(editor, '提交审核', 'submit');
    assert.equal(await stateOf(editor), '待指导单位审核');
  });

  it("shows 示范县's own 民政局 nothing of it: 社会救助 is the city's to review", async () => {
    const county = await openBrowser();
    await login(county, 'minzheng');
    const res = await county.goto(versionPath);
    assert.equal(res?.status(), 404);
    await county.goto('/admin/catalogs');
    assert.doesNotMatch(await county.locator('main').innerText(), /柳河乡/);
  });

  it("puts it in 市民政局's queue beside 示范县's 城关镇, each row naming its county, and records the approval with the department", async () => {
    const city = await openBrowser();
    await login(city, 'shi-minzheng');
    await city.goto('/admin/catalogs');
    const rows = city.locator('table.data tbody tr', { hasText: '待指导单位审核' });
    const text = (await rows.allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));
    assert.ok(text.some((r) => /示范南县人民政府 柳河乡 社会救助/.test(r)), text.join('\n'));
    assert.ok(text.some((r) => /示范县人民政府 城关镇 社会救助/.test(r)), text.join('\n'));
    // From the 工作台, as the department would.
    await city.goto('/admin');
    const link = city.getByRole('link', { name: /示范南县人民政府 柳河乡 · 社会救助目录 第 1 版/ });
    await Promise.all([city.waitForURL((u) => u.pathname === versionPath), link.click()]);
    await city.getByLabel(/^审核意见/).fill('符合标准指引要求，同意发布。');
    await act(city, '审核通过', 'approve');
    assert.equal(await stateOf(city), '已审核待发布');
    const history = city.locator('section', { has: city.getByRole('heading', { name: '审核记录' }) });
    assert.match(await history.innerText(), /待指导单位审核 → 已审核待发布：.*同意发布。（市民政局 林科长）/);
    assert.equal(await city.getByRole('button', { name: '发布', exact: true }).count(), 0, 'the city department does not publish');
  });

  it("lets only 示范南县's office publish it", async () => {
    const cityOffice = await openBrowser();
    await login(cityOffice, 'shi-office');
    await cityOffice.goto(versionPath);
    assert.equal(await stateOf(cityOffice), '已审核待发布', "the city's office reads it");
    assert.equal(await cityOffice.getByRole('button', { name: '发布', exact: true }).count(), 0, "…but does not act on a county's catalog");
    const office = await openBrowser();
    await login(office, 'nx-office');
    await office.goto(versionPath);
    await act(office, '发布', 'publish');
    assert.equal(await stateOf(office), '已发布');
  });

  it("shows it on 示范南县's site, not on 示范县's, and the city's site finds it across its counties", async () => {
    const visitor = await openBrowser();
    await visitor.goto('/nanxian/catalog/domains/social-assistance');
    assert.match(await visitor.locator('main').innerText(), /柳河乡/);
    assert.match(await visitor.locator('.brand').innerText(), /示范南县人民政府/);
    await visitor.goto('/shifanxian/catalog/domains/social-assistance');
    assert.doesNotMatch(await visitor.locator('main').innerText(), /柳河乡/);
    await visitor.goto('/search?q=%E6%9F%B3%E6%B2%B3%E4%B9%A1&scope=all');
    assert.match(await visitor.locator('main').innerText(), /柳河乡/);
    await visitor.goto('/shifanxian/search?q=%E6%9F%B3%E6%B2%B3%E4%B9%A1');
    assert.doesNotMatch(await visitor.locator('main').innerText(), /柳河乡 · |柳河乡社会救助/);
  });

  it('met no script error or refused resource on the way', () => {
    assert.deepEqual(problems.flat(), []);
  });
});
