/**
 * 公开栏 notices and the 专区 kiosk in Chromium: a document printed as A4 and A3 comes out of
 * Chromium's PDF on that paper with its QR code on the sheet; the kiosk at the touch screen's
 * 1080×1920 goes home after the office's idle timeout and leaves nothing typed behind.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axeCheck, formatViolations, login, pageOpener, skipReason, startHarness, type Harness } from './harness.js';

/** Points per millimetre in PDF user space. */
const PT = 72 / 25.4;
const PAPER = { A4: [210, 297], A3: [297, 420] } as const;

/** The page boxes of a PDF (Chromium writes them uncompressed). */
const mediaBoxes = (pdf: Buffer): number[][] =>
  [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => m.slice(1, 5).map(Number));

describe('notice printing and the kiosk in Chromium', { skip: skipReason() }, () => {
  let h: Harness;
  const pages = pageOpener(() => h);
  before(async () => {
    h = await startHarness({ env: { LOGIN_RATE_LIMIT: '1000', PUBLIC_CACHE_TTL: '0' } });
  });
  after(async () => {
    await pages.closeAll();
    await h?.close();
  });

  for (const paper of ['A4', 'A3'] as const) {
    it(`prints a published document on ${paper} with its issuer and the QR code on the sheet`, async () => {
      const page = await pages.open({ viewport: { width: 1366, height: 900 } });
      await login(page, 'office');
      await page.goto('/admin/offline/notices');
      await page.getByLabel('编号').fill('');
      // The newest published document of the county, from its public list.
      const pub = await pages.open();
      await pub.goto('/xxgk');
      const href = await pub.locator('a[href^="/xxgk/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!).find((x) => /^\/xxgk\/\d+$/.test(x)));
      assert.ok(href, 'a published document');
      const id = href!.split('/')[2]!;
      await page.getByLabel('公告内容').selectOption('info');
      await page.getByLabel('编号').fill(id);
      await page.getByLabel(paper, { exact: true }).check();
      await page.getByRole('button', { name: '预览并打印' }).click();
      await page.waitForURL(new RegExp(`/admin/offline/notices/info/${id}\\?paper=${paper}$`), { timeout: 8000 }).catch(async (e) => {
        throw new Error(`${page.url()} ${await page.locator('main, body').first().innerText().catch(() => '')}`.slice(0, 600), { cause: e });
      });
      await assert.doesNotReject(page.locator('h1').first().waitFor());
      assert.ok((await page.locator('.issuer').textContent())!.trim().length > 0, 'the issuer is printed under the title');
      assert.deepEqual(await axeCheck(page), [], formatViolations(`${paper} notice`, await axeCheck(page)));
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.toolbar').isVisible(), false, 'the screen toolbar is not printed');
      const qr = await page.locator('.qr-code svg').boundingBox();
      const side = paper === 'A3' ? 48 : 36;
      assert.ok(qr && Math.abs(qr.width - side * 96 / 25.4) < 3 && Math.abs(qr.height - qr.width) < 1, `QR ${side} mm square: ${JSON.stringify(qr)}`);
      assert.match((await page.locator('.qr .url').textContent())!, new RegExp(`/xxgk/${id}$`));
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const boxes = mediaBoxes(pdf);
      assert.ok(boxes.length >= 1, 'at least one page');
      const [w, hgt] = PAPER[paper];
      for (const b of boxes) {
        assert.ok(Math.abs(b[2]! - b[0]! - w * PT) < 2 && Math.abs(b[3]! - b[1]! - hgt * PT) < 2, `${paper} page: ${b.join(' ')}`);
      }
    });
  }

  it('returns the 1080×1920 kiosk to its home after the idle timeout and clears the application form', async () => {
    // Checked at the default timeout, before the office shortens it.
    const first = await pages.open({ viewport: { width: 1080, height: 1920 } });
    for (const path of ['/kiosk', '/kiosk/xxgk', '/kiosk/catalog', '/kiosk/apply', '/kiosk/banshi', '/kiosk/banshi/000718006000-411101']) {
      await first.goto(path);
      const v = await axeCheck(first);
      assert.deepEqual(v, [], formatViolations(path, v));
    }
    const office = await pages.open({ viewport: { width: 1366, height: 900 } });
    await login(office, 'office');
    await office.goto('/admin/offline/kiosk');
    await office.getByLabel('无操作自动返回时间（秒）').fill('5');
    await office.getByRole('button', { name: '保存' }).click();
    await office.waitForURL(/notice=saved/);

    const page = await pages.open({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    await page.goto('/kiosk');
    assert.equal(await page.locator('body').getAttribute('data-idle'), '5');
    await page.getByRole('link', { name: /申请公开/ }).tap();
    await page.waitForURL(/\/kiosk\/apply$/);
    const name = page.getByLabel('姓名或名称');
    const idNo = page.getByLabel('证件号码');
    await name.fill('赵六');
    await idNo.fill('11010519491231002X');
    await page.getByLabel('所需信息的名称或内容描述').fill('城关镇2026年低保名单');
    // A touch target the size of a finger.
    const submit = await page.getByRole('button', { name: '提交申请' }).boundingBox();
    assert.ok(submit && submit.height >= 64, `submit button ${submit?.height}px high`);
    await page.waitForURL(/\/kiosk$/, { timeout: 12_000 });
    assert.equal(await page.locator('h1').textContent(), '欢迎使用政务公开自助服务');
    assert.equal(await page.getByText('赵六').count(), 0);
    // 返回 does not bring back what was typed.
    await page.goBack().catch(() => undefined);
    if (/\/kiosk\/apply$/.test(page.url())) {
      assert.equal(await page.getByLabel('姓名或名称').inputValue(), '');
      assert.equal(await page.getByLabel('证件号码').inputValue(), '');
    }
  });
});
