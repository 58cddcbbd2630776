/**
 * The site's identity as a visitor meets it: no console error from a missing favicon, the footer
 * and its 备案号 at phone width, the current section marked on deep pages, and the administrator's
 * change of the government's name reaching the header and the title at once.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axeCheck, formatViolations, login, pageOpener, skipReason, startHarness, type Harness } from './harness.js';

describe('the site identity in a browser', { skip: skipReason() }, () => {
  let h: Harness;
  const pages = pageOpener(() => h);

  before(async () => {
    h = await startHarness({ env: { DEMO_APPLICATIONS: 'false' } });
  });
  after(async () => {
    await pages.closeAll();
    await h?.close();
  });

  it('loads the new pages without a console error (the favicon is there) or an axe violation', async () => {
    const page = await pages.open();
    const errors: string[] = [];
    const failed: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
    const violations: string[] = [];
    for (const path of ['/', '/zfxxgk/guide', '/zfxxgk/rules', '/sitemap', '/accessibility']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const v = await axeCheck(page);
      if (v.length) violations.push(formatViolations(path, v));
    }
    assert.deepEqual(violations, [], violations.join('\n'));
    const icon = await page.request.get('/favicon.ico');
    assert.equal(icon.status(), 200);
    assert.deepEqual(failed, [], 'no request failed');
    assert.deepEqual(errors, [], 'no console error');
    assert.deepEqual(pages.problems(), []);
  });

  it('shows the footer in full at phone width and marks the section of a deep page', async () => {
    const page = await pages.open({ viewport: { width: 390, height: 844 } });
    await page.goto('/xxgk');
    const doc = await page.evaluate(() => [...document.querySelectorAll('main a')].map((a) => a.getAttribute('href') ?? '').find((href) => /^\/xxgk\/\d+$/.test(href)));
    assert.ok(doc && /^\/xxgk\/\d+$/.test(doc), `a document link on /xxgk, got ${doc}`);
    for (const [path, section] of [[doc, '政府信息公开'], ['/yishenqing/apply', '依申请公开'], ['/catalog/domains/social-assistance', '基层政务公开']] as const) {
      await page.goto(path);
      assert.equal(await page.locator('nav[aria-label="主导航"] a[aria-current="page"]').innerText(), section, path);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, `${path} does not scroll sideways`);
    }
    const footer = page.locator('footer.site-footer');
    for (const text of ['主办单位：示范县人民政府', '网站标识码：4199010001', '豫ICP备19000001号-1', '豫公网安备 41990102000001号']) {
      assert.ok(await footer.getByText(text).isVisible(), `footer shows ${text}`);
    }
    await footer.getByRole('link', { name: '网站地图' }).click();
    await page.waitForURL('**/sitemap');
    assert.equal(await page.locator('h1').innerText(), '网站地图');
  });

  it("puts the administrator's new name in the header and the title at once", async () => {
    const page = await pages.open();
    await login(page, 'admin');
    await page.goto('/admin/site');
    const settings = await axeCheck(page);
    assert.deepEqual(settings, [], formatViolations('/admin/site', settings));
    const office = await pages.open();
    await login(office, 'office');
    await office.goto('/admin/guides');
    await office.locator('main a[href^="/admin/guides/"]').first().click();
    assert.match(await office.locator('h1').innerText(), /政府信息公开指南与制度/);
    const editor = await axeCheck(office);
    assert.deepEqual(editor, [], formatViolations('guide editor', editor));
    await page.getByLabel('网站名称（政府名称）').fill('示范县人民政府（测试）');
    await page.getByLabel('ICP备案号').fill('ICP备案');
    await page.getByRole('button', { name: '保存网站标识' }).click();
    assert.match(await page.locator('#site-icp-error').innerText(), /ICP备案号的格式如/);
    await page.getByLabel('ICP备案号').fill('豫ICP备19000001号-2');
    await page.getByRole('button', { name: '保存网站标识' }).click();
    await page.waitForURL('**/admin/site?notice=saved');
    const visitor = await pages.open();
    await visitor.goto('/');
    assert.equal(await visitor.locator('.brand a').innerText(), '示范县人民政府（测试）');
    assert.equal(await visitor.title(), '示范县人民政府（测试）');
    assert.ok(await visitor.locator('footer').getByText('豫ICP备19000001号-2').isVisible(), 'the new ICP number');
  });
});
