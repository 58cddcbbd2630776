/**
 * The acceptance walk of a township catalog, through the real UI only: a township editor compiles
 * 社会救助 from the standard templates, the county 民政局 returns it once and then approves it,
 * the 政务公开办 publishes it, and the public reads it in 简体 and 繁體.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { login, skipReason, startHarness, watchPage, type Harness } from './harness.js';

const RETURN_COMMENT = '请补充不适用理由的依据文件，并核对公开主体。';
const EXCLUSION_REASON = '本镇未承担该项职能，由县民政局统一公开。';
// Chosen so that 简体 → 繁體 changes many characters (and avoids phrases OpenCC converts wrongly).
const EDITED_CONTENT = '城关镇最低生活保障对象名单、保障标准和审批结果（浏览器验收测试修改）';
const EDITED_CONTENT_HANT = '城關鎮最低生活保障對象名單、保障標準和審批結果（瀏覽器驗收測試修改）';
const ELEMENT_LABELS = ['一级事项', '二级事项', '公开内容（要素）', '公开依据', '公开时限', '公开主体', '公开渠道和载体', '公开对象', '公开方式', '公开层级'];

describe('a township 社会救助 catalog goes from template to public page through the staff UI', { skip: skipReason() }, () => {
  let h: Harness;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  let editor: Page; // 城关镇 editor, one browser session for the whole walk
  let supervisor: Page; // 县民政局
  let versionUrl = '';
  let versionPath = '';
  let excluded = { level1: '', level2: '' };
  let templateCount = 0;
  let catalogItemUrl = '';

  /** A new browser (own cookies) with one page, watched for script errors and CSP refusals. */
  const openBrowser = async (options = {}): Promise<Page> => {
    const context = await h.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    problems.push(watchPage(page).problems);
    return page;
  };

  /** Clicks a workflow button on the version page and waits for the redirect with its notice. */
  const act = async (page: Page, label: string, action: string) => {
    await Promise.all([
      page.waitForURL((u) => u.pathname === versionPath && u.searchParams.get('notice') === action),
      page.getByRole('button', { name: label, exact: true }).click(),
    ]);
  };

  const stateOf = (page: Page) => page.locator('strong.state').innerText();

  /** Opens the 城关镇 社会救助 version from the 工作台 "待我处理" list, as staff would. */
  const openFromWorkbench = async (page: Page) => {
    await page.goto('/admin');
    const waiting = page.locator('h2', { hasText: '待我处理' }).locator('xpath=following-sibling::*[1]');
    const link = waiting.getByRole('link', { name: /城关镇 · 社会救助目录 第 1 版/ });
    await link.waitFor();
    await Promise.all([page.waitForURL((u) => u.pathname === versionPath), link.click()]);
  };

  before(async () => {
    h = await startHarness();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await h?.close();
  });

  it('lets the 城关镇 editor compile a 社会救助 draft from the standard template, leaving out one item with a reason', async () => {
    editor = await openBrowser();
    await login(editor, 'chengguan');
    assert.equal(new URL(editor.url()).pathname, '/admin');

    await Promise.all([
      editor.waitForURL('**/admin/catalogs'),
      editor.getByRole('navigation', { name: '后台导航' }).getByRole('link', { name: '公开目录', exact: true }).click(),
    ]);
    await editor.locator('#new-domain').selectOption({ label: '社会救助' });
    await Promise.all([
      editor.waitForURL((u) => u.pathname === '/admin/catalogs/new' && u.searchParams.has('domain')),
      editor.getByRole('button', { name: '从标准模板编制' }).click(),
    ]);
    await assertHeading(editor, '编制社会救助领域公开事项目录');

    const rows = editor.locator('table.data tbody tr');
    templateCount = await rows.count();
    assert.ok(templateCount >= 2, `expected several template rows, found ${templateCount}`);
    const row = rows.nth(1);
    excluded = { level1: (await row.locator('td').nth(1).innerText()).trim(), level2: (await row.locator('td').nth(2).innerText()).trim() };
    const adopt = row.locator('input[type=checkbox][name=adopt]');
    assert.equal(await adopt.isChecked(), true, 'template rows start adopted');
    await adopt.uncheck();
    await row.getByRole('textbox', { name: /^不适用理由/ }).fill(EXCLUSION_REASON);

    await Promise.all([
      editor.waitForURL((u) => /^\/admin\/catalogs\/versions\/\d+$/.test(u.pathname) && u.searchParams.get('notice') === 'compiled'),
      editor.getByRole('button', { name: '生成目录草稿' }).click(),
    ]);
    versionPath = new URL(editor.url()).pathname;
    versionUrl = versionPath;
    await assertHeading(editor, '城关镇 · 社会救助领域目录 第 1 版');
    assert.equal(await stateOf(editor), '草稿');
    assert.match(await editor.locator('.notice').innerText(), /目录草稿已生成/);
    assert.match(await editor.getByRole('heading', { level: 2, name: /^事项（/ }).innerText(), new RegExp(`事项（${templateCount - 1}）`));
    const exclusions = editor.locator('section', { has: editor.getByRole('heading', { name: '未采用的模板事项' }) });
    assert.match(await exclusions.innerText(), new RegExp(`${escapeRe(excluded.level2)}：${escapeRe(EXCLUSION_REASON)}`));
  });

  it('hides the 城关镇 draft from the 河西乡 editor: the version URL is not found and the list does not show it', async () => {
    const other = await openBrowser();
    await login(other, 'hexi');
    await assertHiddenFromHexi(other, versionUrl);
    await other.context().close();
  });

  it('lets the editor submit the draft for review', async () => {
    await act(editor, '提交审核', 'submit');
    assert.equal(await stateOf(editor), '待指导单位审核');
    assert.equal(await editor.getByRole('button', { name: '提交审核' }).count(), 0, 'no second submit while under review');
  });

  it('still hides the submitted catalog from the 河西乡 editor', async () => {
    const other = await openBrowser();
    await login(other, 'hexi');
    await assertHiddenFromHexi(other, versionUrl);
    await other.context().close();
  });

  it('lets the 县民政局 supervisor find it under 待我处理 and return it with a comment', async () => {
    supervisor = await openBrowser();
    await login(supervisor, 'minzheng');
    await openFromWorkbench(supervisor);
    assert.equal(await stateOf(supervisor), '待指导单位审核');
    await supervisor.getByLabel(/^退回意见/).fill(RETURN_COMMENT);
    await act(supervisor, '退回修改', 'return');
    assert.equal(await stateOf(supervisor), '已退回修改');
  });

  it('shows the editor the return comment in 审核记录, lets them edit an item and resubmit', async () => {
    await openFromWorkbench(editor);
    assert.equal(await stateOf(editor), '已退回修改');
    const history = editor.locator('section', { has: editor.getByRole('heading', { name: '审核记录' }) });
    assert.match(await history.innerText(), new RegExp(`待指导单位审核 → 已退回修改：.*${escapeRe(RETURN_COMMENT)}`));
    assert.equal(await history.locator('q.comment').innerText(), RETURN_COMMENT);

    const table = editor.locator('table.catalog');
    const firstLink = table.locator('tbody tr').first().getByRole('link');
    const itemName = (await firstLink.innerText()).trim();
    await Promise.all([editor.waitForURL(/\/admin\/catalogs\/items\/\d+$/), firstLink.click()]);
    await assertHeading(editor, new RegExp(`^编辑事项：.* / ${escapeRe(itemName)}$`));
    await editor.getByLabel(/^公开内容（要素）/).fill(EDITED_CONTENT);
    await Promise.all([
      editor.waitForURL((u) => u.pathname === versionPath && u.searchParams.get('notice') === 'saved'),
      editor.getByRole('button', { name: '保存事项' }).click(),
    ]);
    assert.equal((await table.locator('tbody tr').first().locator('td').nth(3).innerText()).trim(), EDITED_CONTENT);

    await act(editor, '提交审核', 'submit');
    assert.equal(await stateOf(editor), '待指导单位审核');
  });

  it('lets the supervisor approve the resubmitted catalog', async () => {
    await openFromWorkbench(supervisor);
    assert.equal(await stateOf(supervisor), '待指导单位审核');
    await supervisor.getByLabel('审核意见').fill('符合标准指引要求。');
    await act(supervisor, '审核通过', 'approve');
    assert.equal(await stateOf(supervisor), '已审核待发布');
  });

  it('lets the 政务公开办 publish the approved catalog', async () => {
    const office = await openBrowser();
    await login(office, 'office');
    await openFromWorkbench(office);
    assert.equal(await stateOf(office), '已审核待发布');
    await act(office, '发布', 'publish');
    assert.equal(await stateOf(office), '已发布');
    assert.match(await office.locator('.notice').innerText(), /目录已发布/);
  });

  it('shows the published 城关镇 catalog to an anonymous visitor, in 简体 and 繁體', async () => {
    const visitor = await openBrowser();
    await visitor.goto('/catalog/domains/social-assistance');
    await assertHeading(visitor, /社会救助/);
    const block = visitor.locator('section.catalog-block', { has: visitor.getByRole('heading', { level: 2, name: '城关镇', exact: true }) });
    await block.waitFor();
    assert.match(await block.locator('table.catalog').innerText(), new RegExp(escapeRe(EDITED_CONTENT)));
    assert.equal(await block.locator('tbody tr').count(), templateCount - 1, 'every adopted item is public');
    const pairs = await block.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.children[1]?.textContent?.trim(), tr.querySelector('a')?.textContent?.trim()].join(' / ')));
    assert.ok(!pairs.includes(`${excluded.level1} / ${excluded.level2}`), `the excluded item ${excluded.level1} / ${excluded.level2} is not public`);

    await Promise.all([
      visitor.waitForURL((u) => u.pathname === '/catalog/domains/social-assistance'),
      visitor.getByRole('region', { name: '阅读设置' }).getByRole('link', { name: '繁體' }).click(),
    ]);
    await visitor.waitForFunction(() => document.documentElement.lang === 'zh-Hant');
    await assertHeading(visitor, /社會救助/);
    const blockHant = visitor.locator('section.catalog-block', { has: visitor.getByRole('heading', { level: 2, name: '城關鎮', exact: true }) });
    await blockHant.waitFor();
    assert.match(await blockHant.locator('table.catalog').innerText(), new RegExp(escapeRe(EDITED_CONTENT_HANT)));
    assert.equal(await blockHant.locator('tbody tr').count(), templateCount - 1);

    await Promise.all([
      visitor.waitForURL((u) => u.pathname === '/catalog/domains/social-assistance'),
      // In 繁體 mode the whole page, this label included, is shown in traditional characters (簡體).
      visitor.getByRole('region', { name: /閱讀設置|阅读设置/ }).getByRole('link', { name: /^(简体|簡體)$/ }).click(),
    ]);
    await visitor.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
    await assertHeading(visitor, /社会救助/);

    const itemLink = block.locator('tbody tr').first().getByRole('link');
    await Promise.all([visitor.waitForURL(/\/catalog\/items\/\d+$/), itemLink.click()]);
    catalogItemUrl = new URL(visitor.url()).pathname;
    const labels = (await visitor.locator('dl.facts dt').allInnerTexts()).map((s) => s.trim());
    for (const label of ELEMENT_LABELS) assert.ok(labels.includes(label), `item page lacks the element label ${label}; has ${labels.join('、')}`);
    const contentValue = visitor.locator('dl.facts dt', { hasText: '公开内容（要素）' }).locator('xpath=following-sibling::dd[1]');
    assert.equal((await contentValue.innerText()).trim(), EDITED_CONTENT);
    assert.match(await visitor.locator('main').innerText(), /城关镇 · 社会救助领域 · 目录第 1 版/);
  });

  it('publishes a public revision history for the new catalog', async () => {
    const visitor = await openBrowser();
    await visitor.goto('/catalog/domains/social-assistance');
    const block = visitor.locator('section.catalog-block', { has: visitor.getByRole('heading', { level: 2, name: '城关镇', exact: true }) });
    const historyLink = block.getByRole('link', { name: '修订历史' });
    await Promise.all([visitor.waitForURL(/\/catalog\/catalogs\/\d+\/history$/), historyLink.click()]);
    const response = await visitor.reload();
    assert.equal(response?.status(), 200);
    await assertHeading(visitor, '城关镇 社会救助领域目录 修订历史');
    const history = await visitor.locator('ol.history').innerText();
    assert.match(history, /第 1 版（现行）/);
    assert.ok(catalogItemUrl, 'item page was visited');
  });

  // 繁體 is a reading preference: a form saved in it must store what the editor saw, not converted text.
  it('keeps stored text in simplified characters when an editor saves an item while reading in 繁體', async () => {
    const page = await openBrowser();
    await login(page, 'hexi');
    await page.goto('/admin/catalogs');
    const mine = page.locator('table.data tbody tr', { hasText: '社会救助' }).getByRole('link');
    await Promise.all([page.waitForURL(/\/admin\/catalogs\/versions\/\d+$/), mine.click()]);
    await page.getByLabel('修订原因').fill('繁體模式编辑测试');
    await Promise.all([page.waitForURL((u) => u.searchParams.get('notice') === 'version'), page.getByRole('button', { name: '发起新版本' }).click()]);
    const draftPath = new URL(page.url()).pathname;
    const firstRow = page.locator('table.catalog tbody tr').first();
    // textContent, not innerText: innerText depends on whether the stylesheet (white-space: pre-wrap)
    // is applied yet, and under load it read a stored line break as a space.
    const storedContent = (await firstRow.locator('td').nth(3).textContent())?.trim();

    await Promise.all([
      page.waitForURL((u) => u.pathname === draftPath),
      page.getByRole('region', { name: '阅读设置' }).getByRole('link', { name: '繁體', exact: true }).click(),
    ]);
    await Promise.all([page.waitForURL(/\/admin\/catalogs\/items\/\d+$/), firstRow.getByRole('link').click()]);
    // Save without changing anything.
    await Promise.all([
      page.waitForURL((u) => u.pathname === draftPath && u.searchParams.get('notice') === 'saved'),
      page.locator('form.item-form button[type="submit"]').click(),
    ]);
    await Promise.all([
      page.waitForURL((u) => u.pathname === draftPath),
      page.getByRole('region', { name: /閱讀設置|阅读设置/ }).getByRole('link', { name: /^(简体|簡體)$/ }).click(),
    ]);
    assert.equal((await page.locator('table.catalog tbody tr').first().locator('td').nth(3).textContent())?.trim(), storedContent);
  });

  it('raised no script errors or CSP refusals on any page', () => {
    assert.deepEqual(problems.flat(), []);
  });
});

async function assertHeading(page: Page, expected: string | RegExp): Promise<void> {
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  const text = (await h1.innerText()).trim();
  if (typeof expected === 'string') assert.equal(text, expected);
  else assert.match(text, expected);
}

async function assertHiddenFromHexi(page: Page, versionUrl: string): Promise<void> {
  const response = await page.goto(versionUrl);
  assert.equal(response?.status(), 404, `河西乡 should get 404 for ${versionUrl}`);
  assert.match(await page.locator('main').innerText(), /未找到/);
  assert.doesNotMatch(await page.locator('main').innerText(), /城关镇/);

  await page.goto('/admin/catalogs');
  const rows = await page.locator('table.data tbody tr').allInnerTexts();
  assert.ok(rows.some((r) => r.includes('河西乡') && r.includes('社会救助')), '河西乡 sees its own 社会救助 catalog');
  assert.ok(!rows.some((r) => r.includes('城关镇')), `河西乡 must not see 城关镇 catalogs, saw:\n${rows.join('\n')}`);
  assert.equal(await page.locator(`a[href="${versionUrl}"]`).count(), 0);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
