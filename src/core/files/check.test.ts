import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.js';
import { checkFile, extensionOf } from './check.js';
import { contentDisposition, downloadName } from './names.js';
import * as fx from './fixtures.js';

const code = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    return { code: e.code, status: e.status, message: e.message };
  }
  assert.fail('expected a refusal');
};

/** Walks the JPEG markers so the fixture is known to be well-formed, not merely magic bytes. */
function jpegSegments(b: Buffer): number[] {
  const markers: number[] = [];
  let i = 2;
  while (i < b.length && b[i] === 0xff) {
    const m = b[i + 1]!;
    markers.push(m);
    if (m === 0xda) break;
    i += 2 + b.readUInt16BE(i + 2);
  }
  return markers;
}

describe('file checks by content', () => {
  it('accepts each allowed kind with the sniffed mime type', async () => {
    const cases: [Buffer, string, string, string][] = [
      [fx.pdfBytes(), '通知.pdf', 'application/pdf', 'pdf'],
      [await fx.docxBytes(), '通知.DOCX', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
      [await fx.xlsxBytes(), '预算表.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
      [fx.pngBytes(), 'a.png', 'image/png', 'png'],
      [fx.jpegBytes(), 'a.jpeg', 'image/jpeg', 'jpg'],
      [fx.jpegBytes(), 'a.JPG', 'image/jpeg', 'jpg'],
      [fx.gifBytes(), 'a.gif', 'image/gif', 'gif'],
      [fx.webpBytes(), 'a.webp', 'image/webp', 'webp'],
    ];
    for (const [buf, name, mime, ext] of cases) {
      const r = await checkFile(buf, name);
      assert.equal(r.mime, mime, name);
      assert.equal(r.ext, ext, name);
      assert.equal(r.size, r.bytes.length);
      assert.match(r.sha256, /^[0-9a-f]{64}$/);
      if (ext !== 'png' && ext !== 'jpg') assert.ok(r.bytes.equals(buf), `${name} is stored as it came`);
    }
    assert.deepEqual(jpegSegments(fx.jpegBytes()), [0xe0, 0xdb, 0xc0, 0xc4, 0xda]);
  });

  it('refuses a name that disagrees with the content', async () => {
    const png = await code(checkFile(fx.pngBytes(), 'scan.pdf'));
    assert.equal(png.code, 'file_type_mismatch');
    assert.match(png.message, /PNG/);
    assert.match(png.message, /PDF、Word（\.docx）、Excel（\.xlsx）、PNG、JPEG、GIF、WebP/);
    assert.equal((await code(checkFile(await fx.xlsxBytes(), 'report.docx'))).code, 'file_type_mismatch');
    assert.equal((await code(checkFile(await fx.docxBytes(), 'report.xlsx'))).code, 'file_type_mismatch');
    assert.equal((await code(checkFile(fx.pdfBytes(), 'noextension'))).code, 'file_type_mismatch');
    assert.equal((await code(checkFile(fx.pdfBytes(), 'x.pdf.exe'))).code, 'file_type_mismatch');
  });

  it('refuses executables, markup and script whatever they are called', async () => {
    for (const [buf, names] of [
      [fx.exeBytes(), ['setup.exe', 'setup.pdf', 'setup.png']],
      [fx.htmlBytes(), ['page.html', 'page.pdf', 'page.docx']],
      [fx.svgBytes(), ['logo.svg', 'logo.png']],
      [Buffer.from('alert(document.cookie)'), ['a.js', 'a.pdf']],
      [Buffer.from('PK\x03\x04not really a zip'), ['a.docx']],
    ] as const) {
      for (const n of names) {
        const r = await code(checkFile(buf, n));
        assert.equal(r.code, 'file_type_not_allowed', n);
        assert.match(r.message, /附件只能是以下格式/);
      }
    }
  });

  it('refuses empty and oversize files with their own codes', async () => {
    const empty = await code(checkFile(Buffer.alloc(0), 'a.pdf'));
    assert.deepEqual([empty.code, empty.status], ['file_empty', 400]);
    const big = await code(checkFile(fx.pdfBytes(), 'a.pdf', 100));
    assert.deepEqual([big.code, big.status], ['file_too_large', 413]);
    assert.match((await code(checkFile(Buffer.alloc(21 * 1024 * 1024, 1), 'a.pdf'))).message, /不能超过 20 MB/);
  });

  it('reads extensions from browser-sent paths', () => {
    assert.equal(extensionOf('C:\\Users\\x\\报告.PDF'), 'pdf');
    assert.equal(extensionOf('.pdf'), '');
    assert.equal(extensionOf('a.tar.gz'), 'gz');
  });
});

describe('download names', () => {
  it('strips paths, quotes and control characters and keeps the stored extension', () => {
    assert.equal(downloadName('../../etc/passwd', 'pdf'), 'passwd.pdf');
    assert.equal(downloadName('..\\..\\boot.ini', 'pdf'), 'boot.ini.pdf');
    assert.equal(downloadName('a"b.pdf', 'pdf'), 'ab.pdf');
    assert.equal(downloadName('a\r\nSet-Cookie: x=1.pdf', 'pdf'), 'aSet-Cookie x=1.pdf');
    assert.equal(downloadName('关于2026年预算的通知.pdf', 'pdf'), '关于2026年预算的通知.pdf');
    assert.equal(downloadName('photo.jpeg', 'jpg'), 'photo.jpeg');
    assert.equal(downloadName('run.exe', 'docx'), 'run.exe.docx');
    assert.equal(downloadName('', 'xlsx'), 'file.xlsx');
    assert.equal(downloadName('...', 'xlsx'), 'file.xlsx');
    assert.ok(downloadName('长'.repeat(500), 'pdf').length <= 125);
  });

  it('builds an RFC 5987 header with an ASCII fallback', () => {
    const h = contentDisposition('attachment', "预算(草案)'s.xlsx");
    assert.equal(h, `attachment; filename="__(__)'s.xlsx"; filename*=UTF-8''%E9%A2%84%E7%AE%97%28%E8%8D%89%E6%A1%88%29%27s.xlsx`);
    assert.doesNotMatch(h, /[\r\n]/);
  });
});
