import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { qrModules, qrPng, qrSvg } from './qr.js';

describe('QR codes for printed pages', () => {
  const url = 'https://xian-a.gov.example/shifanxian/banshi/11411000MB0000001X4000117001';

  it('draws an SVG whose grid is the size the encoder chose for the address', async () => {
    const svg = await qrSvg(url);
    assert.match(svg, /^<svg[^>]*viewBox="0 0 (\d+) \1"/);
    const side = Number(/viewBox="0 0 (\d+)/.exec(svg)![1]);
    assert.equal(side, qrModules(url) + 4, 'modules plus a two-module quiet zone on each side');
  });

  it('needs a larger code for a longer address', () => {
    assert.ok(qrModules(url + '?' + 'x'.repeat(200)) > qrModules(url));
  });

  it('gives a PNG of the asked width with dark modules in it', async () => {
    const png = PNG.sync.read(await qrPng(url, 240));
    assert.equal(png.width, 240);
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 128) dark++;
    assert.ok(dark > png.width * png.height * 0.2 && dark < png.width * png.height * 0.7, `dark share ${dark}`);
  });
});
