/**
 * Publishing from Word in a real browser: a paste of Word's clipboard HTML into the information
 * editor keeps headings, lists, the table and bold (as the server's sanitiser keeps them), plain
 * lines already typed become paragraphs, the preview shows the result, and the page neither scrolls
 * sideways at phone width nor breaks the CSP.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { axeCheck, formatViolations, login, skipReason, startHarness, watchPage, type Harness } from './harness.js';

const clipboard = readFileSync(new URL('../../src/modules/info/fixtures/word-clipboard.html', import.meta.url), 'utf8');

/** What a paste from Word delivers to the page: the clipboard's HTML and its plain text. */
const pasteFromWord = (page: Page) => page.locator('#d-body').evaluate((area: HTMLTextAreaElement, html: string) => {
  area.focus();
  area.setSelectionRange(area.value.length, area.value.length);
  const data = new DataTransfer();
  data.setData('text/html', html);
  data.setData('text/plain', '一、工作目标');
  area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}, clipboard);

describe('pasting from Word into the information editor', { skip: skipReason() }, () => {
  let h: Harness;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  before(async () => {
    h = await startHarness();
    context = await h.newContext({ viewport: { width: 390, height: 844 } });
    page = await context.newPage();
    problems = watchPage(page).problems;
    await login(page, 'chengguan');
  });
  after(async () => {
    await context?.close();
    await h?.close();
  });

  it('keeps the structure, turns the lines typed before into paragraphs, and previews the body', async () => {
    await page.goto('/admin/info/new');
    await page.locator('#d-body').fill('各村（社区）：\n现将有关事项通知如下。');
    await pasteFromWord(page);
    await page.locator('#d-body-status').filter({ hasText: '已粘贴' }).waitFor();
    const body = await page.locator('#d-body').inputValue();
    assert.match(body, /^<p>各村（社区）：<\/p><p>现将有关事项通知如下。<\/p>\n<h2>一、工作目标<\/h2>/);
    assert.match(body, /<ul><li>巡查河道堤防<ul><li>重点险段每日一巡<\/li><\/ul><\/li>/);
    assert.match(body, /<table><tr><td><strong>村（社区）<\/strong><\/td>/);
    assert.ok(!/mso-|<o:p|<!--|style=|class=/.test(body), 'Word’s formatting is gone');
    const preview = page.locator('#d-body-preview');
    await preview.locator('table').waitFor();
    assert.equal(await preview.locator('h2').first().innerText(), '一、工作目标');
    assert.equal(await preview.locator(':scope > ul > li').count(), 2, 'two items, the nested one inside the first');
    assert.equal(await preview.locator('strong').first().innerText(), '重点任务');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'no sideways scroll at 390 px');

    await page.locator('#d-title').fill('城关镇关于做好春季防汛工作的通知');
    await Promise.all([page.waitForURL(/\/admin\/info\/editions\/\d+/), page.locator('form.doc-form button[type="submit"]').click()]);
    const saved = page.locator('.doc-body, #d-body-preview').first();
    await saved.locator('table').waitFor();
    assert.equal(await saved.locator('ol > li').count(), 2);
    assert.deepEqual(problems, []);
  });

  it('has no serious accessibility problem on the editor, and each label sits above its control', async () => {
    await page.goto('/admin/info/new');
    const violations = await axeCheck(page);
    assert.deepEqual(violations, [], formatViolations('/admin/info/new', violations));
    for (const id of ['d-title', 'd-docno', 'd-written', 'd-formed', 'd-ground', 'd-body', 'd-docx']) {
      const label = await page.locator(`label[for="${id}"]`).boundingBox();
      const control = await page.locator(`#${id}`).boundingBox();
      assert.ok(label && control && label.y + label.height <= control.y + 1 && Math.abs(label.x - control.x) < 4, `${id}: its label is directly above it`);
    }
  });
});
