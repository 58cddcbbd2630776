/**
 * The acceptance walk of a regulatory document (行政规范性文件), through the real UI only: the 城关镇
 * editor drafts it, the reviewer cannot publish it without an interpretation (三同步), the editor adds
 * one, both are approved and go out together, a visitor finds it by a 繁體 query and by its 文号,
 * and after it is abolished its page says so.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { axeCheck, formatViolations, login, skipReason, startHarness, watchPage, type Harness } from './harness.js';

const TITLE = '城关镇农村集体经济组织收益分配管理办法';
// The same title as a reader in Taiwan or Hong Kong would type it.
const TITLE_HANT_QUERY = '農村集體經濟組織收益分配';
const DOC_NUMBER = '城政规〔2026〕2号';
const QA_QUESTION = '收益分配方案由谁决定？';

describe('a regulatory document goes out only with its interpretation, is found, and is later abolished', { skip: skipReason() }, () => {
  let h: Harness;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  let editor: Page;
  let reviewer: Page;
  let visitor: Page;
  let policyPath = '';
  let interpretationPath = '';
  let publicPath = '';

  const openBrowser = async (): Promise<Page> => {
    const context = await h.newContext();
    contexts.push(context);
    const page = await context.newPage();
    problems.push(watchPage(page).problems);
    return page;
  };

  /** Submits one of the workflow forms on an edition page (the button names the action). */
  const act = async (page: Page, label: string) => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/transition')),
      page.getByRole('button', { name: label, exact: true }).click(),
    ]);
    await page.waitForLoadState('domcontentloaded');
    return response.status();
  };
  const stateText = (page: Page) => page.locator('dl.facts dt', { hasText: '状态' }).locator('xpath=following-sibling::dd[1]').innerText();

  before(async () => {
    h = await startHarness();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await h?.close();
  });

  it('lets the 城关镇 editor draft a 规范性文件 and submit it', async () => {
    editor = await openBrowser();
    await login(editor, 'chengguan');
    await editor.goto('/admin/info');
    await Promise.all([editor.waitForURL('**/admin/info/new'), editor.getByRole('link', { name: /新建/ }).first().click()]);
    await editor.locator('#d-title').fill(TITLE);
    await editor.locator('#d-kind').selectOption('通知');
    await editor.locator('#d-docno').fill(DOC_NUMBER);
    await editor.locator('input[name="regulatory"]').check();
    await editor.locator('#d-body').fill('第一条 为规范农村集体经济组织收益分配，保障成员合法权益，制定本办法。\n\n第二条 本办法自印发之日起施行。');
    await Promise.all([editor.waitForURL(/\/admin\/info\/editions\/\d+\?notice=created/), editor.getByRole('button', { name: '保存草稿' }).click()]);
    policyPath = new URL(editor.url()).pathname;
    assert.equal(await act(editor, '提交审核'), 303);
    assert.match(await stateText(editor), /待审核/);
  });

  it('refuses to publish it without an approved interpretation, saying why', async () => {
    reviewer = await openBrowser();
    await login(reviewer, 'chengguan-sh');
    await reviewer.goto(policyPath);
    assert.equal(await act(reviewer, '审核通过（含保密审查）'), 303);
    assert.match(await stateText(reviewer), /已审核待发布/);
    assert.equal(await act(reviewer, '立即发布'), 409);
    assert.match(await reviewer.locator('.error-box').innerText(), /须与政策解读同步发布/);
    await reviewer.goto(policyPath);
    assert.match(await stateText(reviewer), /已审核待发布/, 'still not published');
  });

  it('lets the editor add the interpretation with a 简明问答, which the reviewer approves', async () => {
    await editor.goto(policyPath);
    await Promise.all([editor.waitForURL(/\/admin\/info\/new\?interprets=\d+/), editor.getByRole('link', { name: '添加解读' }).click()]);
    assert.equal(await editor.locator('#d-kind').inputValue(), '政策解读');
    await editor.locator('#d-docno').fill('');
    await editor.locator('#d-body').fill('一、制定背景：为规范收益分配，制定本办法。\n\n二、主要内容：明确分配程序和公示要求。');
    await editor.locator('#d-qa').fill(`问：${QA_QUESTION}\n答：由成员（代表）大会讨论决定，并公示不少于七日。`);
    await Promise.all([editor.waitForURL(/\/admin\/info\/editions\/\d+\?notice=created/), editor.getByRole('button', { name: '保存草稿' }).click()]);
    interpretationPath = new URL(editor.url()).pathname;
    assert.equal(await act(editor, '提交审核'), 303);

    await reviewer.goto(interpretationPath);
    assert.equal(await act(reviewer, '审核通过（含保密审查）'), 303);
    // Published on its own it would float free of its policy: the system says it goes with the policy.
    assert.equal(await act(reviewer, '立即发布'), 409);
    assert.match(await reviewer.locator('.error-box').innerText(), /一同发布/);
  });

  it('publishes the policy and its interpretation together, with a 索引号', async () => {
    await reviewer.goto(policyPath);
    assert.equal(await act(reviewer, '立即发布'), 303);
    assert.match(await stateText(reviewer), /已发布/);
    const indexNumber = await reviewer.locator('dl.facts dt', { hasText: '索引号' }).locator('xpath=following-sibling::dd[1]').innerText();
    assert.match(indexNumber, /^[0-9A-Z]{18}\/2\d{3}-\d{5}$/);
    publicPath = await reviewer.locator('dl.facts a[href^="/xxgk/"]').getAttribute('href') ?? '';
    assert.match(publicPath, /^\/xxgk\/\d+$/);
    await reviewer.goto(interpretationPath);
    assert.match(await stateText(reviewer), /已发布/, 'the interpretation went out with it');
  });

  it('lets a visitor find it by a 繁體 query and by its 文号, and read it with its interpretation', async () => {
    visitor = await openBrowser();
    await visitor.goto('/');
    await visitor.locator('#site-q').fill(TITLE_HANT_QUERY);
    await Promise.all([visitor.waitForURL((u) => u.pathname === '/search'), visitor.locator('#site-q').press('Enter')]);
    const hit = visitor.locator('.search-results a', { hasText: /农村集体经济组织收益分配管理办法/ }).first();
    await hit.waitFor();
    assert.equal(await hit.getAttribute('href'), publicPath);
    assert.deepEqual(await axeCheck(visitor), [], formatViolations('search results', await axeCheck(visitor)));

    await visitor.goto(`/search?q=${encodeURIComponent(DOC_NUMBER)}`);
    const exact = visitor.locator('section', { has: visitor.locator('#s-exact') }).locator('a').first();
    assert.equal(await exact.getAttribute('href'), publicPath, 'the 文号 finds the document itself');

    await Promise.all([visitor.waitForURL((u) => u.pathname === publicPath), exact.click()]);
    assert.equal(await visitor.locator('h1').innerText(), TITLE);
    const meta = await visitor.locator('dl.doc-meta').innerText();
    assert.match(meta, new RegExp(DOC_NUMBER.replace(/[〔〕]/g, '.')));
    assert.match(meta, /有效/);
    assert.match(await visitor.locator('.doc-marking').innerText(), /此件公开发布/);
    const interp = visitor.locator('.doc-related a').first();
    await Promise.all([visitor.waitForURL((u) => u.pathname !== publicPath), interp.click()]);
    assert.match(await visitor.locator('.doc-qa').innerText(), new RegExp(QA_QUESTION.replace('？', '.')));
    assert.equal(await visitor.locator('.doc-related a').first().getAttribute('href'), publicPath, 'the interpretation links back to its policy');
    const violations = await axeCheck(visitor);
    assert.deepEqual(violations, [], formatViolations('interpretation page', violations));
  });

  it('marks the page once the document is abolished, and lists it in the cleanup results', async () => {
    await reviewer.goto(policyPath);
    await reviewer.locator('#v-validity').selectOption('abolished');
    await reviewer.locator('#v-date').fill('2026-12-31');
    await Promise.all([reviewer.waitForURL(/notice=validity/), reviewer.getByRole('button', { name: '更新有效性' }).click()]);

    await visitor.goto(publicPath);
    const notice = await visitor.locator('.notice-warn').innerText();
    assert.match(notice, /本文件已废止/);
    assert.match(notice, /2026-12-31/);
    assert.match(await visitor.locator('dl.doc-meta').innerText(), /废止/);
    const violations = await axeCheck(visitor);
    assert.deepEqual(violations, [], formatViolations('abolished document page', violations));

    await visitor.goto('/xxgk/cleanup');
    assert.ok(await visitor.locator('main a', { hasText: TITLE }).count(), 'listed among the cleanup results');
    assert.deepEqual(problems.flat(), []);
  });
});
