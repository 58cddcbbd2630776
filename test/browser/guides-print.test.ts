/**
 * The 简版指南 prints on one A4 sheet: Chromium's own PDF output (format A4) of every demo guide's
 * 简版 has exactly one page and carries the item's name and the QR code to the full guide.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pageOpener, skipReason, startHarness, type Harness } from './harness.js';
import { DEMO_GUIDES } from '../../src/modules/guides/demo.js';

/** Pages of a PDF by its page objects (`/Type /Page`, not `/Pages`). */
const pdfPages = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

describe('the 简版指南 in Chromium', { skip: skipReason() }, () => {
  let h: Harness;
  const pages = pageOpener(() => h);
  const dir = mkdtempSync(join(tmpdir(), 'gk-jianban-'));

  before(async () => { h = await startHarness(); });
  after(async () => { await pages.closeAll(); await h?.close(); rmSync(dir, { recursive: true, force: true }); });

  it('every demo guide\'s 简版 is one A4 page with the item\'s name and a QR code', async () => {
    const page = await pages.open();
    for (const g of DEMO_GUIDES) {
      const res = await page.goto(`/banshi/${g.code}/jianban`);
      assert.equal(res?.status(), 200, g.code);
      assert.equal(await page.locator('.brief-qr svg').count(), 1, `${g.code}: a QR code`);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      await page.emulateMedia({ media: 'screen' });
      assert.equal(pdfPages(pdf), 1, `${g.data.name}: one page`);
      const file = join(dir, 'x.pdf');
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8').replace(/\s+/g, '');
      assert.ok(text.includes(g.data.name.replace(/\s+/g, '')), `${g.data.name}: the name is printed`);
      assert.equal(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1]), 1, `${g.data.name}: pdfinfo agrees`);
    }
  });
});
