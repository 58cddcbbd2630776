import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { AppError } from '../errors.js';
import { checkFile, PUBLIC_UPLOAD_TYPES } from './check.js';
import { scanPdf } from './pdf-scan.js';
import * as fx from './fixtures.js';

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    return e;
  }
  assert.fail('expected a refusal');
};

/** Issue 11, item 10: what is accepted can do nothing but be read. */
describe('uploads are inert', () => {
  it('refuses PDFs that run script or actions, however they hide it, with a Chinese message', async () => {
    for (const [how, pdf] of Object.entries(fx.activePdfs())) {
      const e = await refusal(checkFile(pdf, '身份证明.pdf'));
      assert.equal(e.code, 'file_pdf_active', how);
      assert.equal(e.status, 400);
      assert.match(e.message, /^该 PDF 文件含有.+，出于安全原因不能上传。请在原软件中用“另存为 PDF”或“打印为 PDF”重新生成/, how);
    }
    const js = await refusal(checkFile(fx.activePdfs()['JavaScript open action']!, 'a.pdf'));
    assert.match(js.message, /脚本（JavaScript）/);
    assert.match(js.message, /打开文件时自动执行的动作（OpenAction）/);
  });

  it('refuses a PDF whose object streams cannot be read rather than waving it through', async () => {
    const e = await refusal(checkFile(fx.uncheckablePdf(), 'a.pdf'));
    assert.equal(e.code, 'file_pdf_uncheckable');
    assert.match(e.message, /无法进行安全检查（对象流使用了无法检查的压缩方式（LZWDecode））/);
  });

  it('accepts ordinary PDFs: an open-at-page action, a /GoTo, web links, compressed object streams', async () => {
    for (const [what, pdf] of Object.entries(fx.benignPdfs())) {
      assert.deepEqual(scanPdf(pdf), [], what);
      const r = await checkFile(pdf, '通知.pdf');
      assert.ok(r.bytes.equals(pdf), `${what}: a PDF is stored as it came`);
    }
  });

  it('keeps only the pixels of a PNG or JPEG that is also a web page', async () => {
    for (const [buf, name, ext] of [[fx.pngHtmlPolyglot(), '身份证.png', 'png'], [fx.jpegHtmlPolyglot(), '身份证.jpg', 'jpg']] as const) {
      assert.ok(buf.includes('<script>'), 'the fixture carries markup');
      const r = await checkFile(buf, name, { types: PUBLIC_UPLOAD_TYPES });
      assert.equal(r.ext, ext);
      assert.ok(!r.bytes.includes('<script') && !r.bytes.includes('<html'), `${name}: no markup survives`);
    }
    const png = PNG.sync.read((await checkFile(fx.pngHtmlPolyglot(), 'a.png')).bytes);
    assert.deepEqual([png.width, png.height], [1, 1], 'still the same picture');
    const original = jpeg.decode(fx.jpegBytes(), { useTArray: true });
    const again = jpeg.decode((await checkFile(fx.jpegHtmlPolyglot(), 'a.jpg')).bytes, { useTArray: true });
    assert.deepEqual([again.width, again.height], [original.width, original.height]);
    assert.ok(Math.abs(again.data[0]! - original.data[0]!) < 16, 'colours survive re-encoding');
  });

  it('drops a photo’s metadata but keeps its orientation, and re-encodes the same upload the same way', async () => {
    const r = await checkFile(fx.jpegWithExif(6), 'photo.jpg');
    assert.ok(!r.bytes.includes('GPS'), 'no location or description survives');
    const exif = r.bytes.indexOf('Exif\0\0');
    assert.ok(exif > 0, 'an EXIF block remains, for the orientation');
    assert.equal(r.bytes.readUInt16BE(exif + 6 + 8 + 2), 0x0112);
    assert.equal(r.bytes.readUInt16BE(exif + 6 + 8 + 10), 6, 'still “rotate 90°”');
    assert.equal((await checkFile(fx.jpegWithExif(6), 'again.jpg')).sha256, r.sha256, 'deterministic: stored once');
    assert.equal((await checkFile(fx.jpegBytes(), 'plain.jpg')).bytes.indexOf('Exif'), -1, 'no EXIF block when there was no orientation');
  });

  it('refuses an image it cannot decode, and anything but PDF, JPEG and PNG from the public', async () => {
    const broken = Buffer.concat([fx.pngBytes().subarray(0, 40), Buffer.from('<html>')]);
    assert.equal((await refusal(checkFile(broken, 'a.png'))).code, 'image_unreadable');
    const gif = await refusal(checkFile(fx.gifBytes(), 'a.gif', { types: PUBLIC_UPLOAD_TYPES }));
    assert.equal(gif.code, 'file_type_not_allowed');
    assert.match(gif.message, /附件只能是以下格式：PDF、JPEG、PNG。/);
    assert.equal((await checkFile(fx.gifBytes(), 'a.gif')).ext, 'gif', 'staff may still attach a GIF');
  });
});
