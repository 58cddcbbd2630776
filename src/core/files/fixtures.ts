import { createRequire } from 'node:module';
import { crc32, deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import jpeg from 'jpeg-js';

/**
 * Real files of each accepted kind, built in memory for the tests. jszip is not a direct
 * dependency: it comes with exceljs, so it is resolved from there.
 */
type JSZipLike = { file(name: string, data: string | Buffer): void; generateAsync(o: { type: 'nodebuffer'; compression?: string }): Promise<Buffer> };
const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip') as new () => JSZipLike;

/** A PDF of the given objects (object 1 is the catalog) with a correct xref table. */
export function pdfFrom(objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  let size = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(size);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof o === 'string' ? Buffer.from(o, 'latin1') : o, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(b);
    size += b.length;
  });
  let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) tail += `${String(off).padStart(10, '0')} 00000 n \n`;
  tail += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`;
  return Buffer.concat([...parts, Buffer.from(tail, 'latin1')]);
}

/** A stream object: its dictionary entries and its (raw) data. */
const streamObject = (dict: string, data: Buffer) =>
  Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);

/** The objects of a one-page PDF showing `text`, with extra catalog entries and objects from 6 on. */
function onePage(text: string, catalogExtra = '', extra: (string | Buffer)[] = []): (string | Buffer)[] {
  return [
    `<< /Type /Catalog /Pages 2 0 R${catalogExtra} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    streamObject('', Buffer.from(`BT /F1 12 Tf 20 50 Td (${text}) Tj ET`, 'latin1')),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...extra,
  ];
}

/** A minimal but well-formed one-page PDF with a correct xref table. */
export const pdfBytes = (text = 'Gongkai'): Buffer => pdfFrom(onePage(text));

/** Ordinary PDFs that must pass: opening at the first page fitted, a /GoTo open action, a web link. */
export const benignPdfs = (): Record<string, Buffer> => ({
  'open at page 1': pdfFrom(onePage('fit', ' /OpenAction [3 0 R /Fit]')),
  'GoTo open action by reference': pdfFrom(onePage('goto', ' /OpenAction 6 0 R', ['<< /S /GoTo /D [3 0 R /Fit] >>'])),
  'web link': pdfFrom(onePage('link', '', ['<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://www.gov.cn/) >> >>'])),
  'compressed object stream': pdfFrom(onePage('objstm', '', [streamObject('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', deflateSync(Buffer.from('7 0 << /Title (通知) >>', 'latin1')))])),
});

/** PDFs that act when opened, each hiding it a different way. */
export const activePdfs = (): Record<string, Buffer> => ({
  'JavaScript open action': pdfFrom(onePage('js', ' /OpenAction 6 0 R', ['<< /Type /Action /S /JavaScript /JS (app.alert\\(document.cookie\\)) >>'])),
  'script in a compressed object stream, names escaped': pdfFrom(onePage('hidden', ' /OpenAction 7 0 R', [
    streamObject('/Type /ObjStm /N 1 /First 4 /Filter [/ASCIIHexDecode /FlateDecode]', Buffer.from(deflateSync(Buffer.from('7 0 << /S /J#61vaScript /J#53 (app.launchURL\\(1\\)) >>', 'latin1')).toString('hex') + '>', 'latin1')),
  ])),
  'launch action on a page event': pdfFrom(onePage('launch', '', ['<< /AA << /O << /S /Launch /F (cmd.exe) >> >> >>'])),
  'open action that fetches a URL': pdfFrom(onePage('uri', ' /OpenAction << /S /URI /URI (https://evil.example/) >>')),
  'object hidden inside a stream whose length is short': pdfFrom(onePage('short', '', ['<< /Length 2 >>\nstream\nBT\n9 0 obj << /JS (x) >> endobj\nET\nendstream'])),
});

/** An object stream that cannot be read (here: LZW), so the file cannot be checked. */
export const uncheckablePdf = (): Buffer => pdfFrom(onePage('lzw', '', [streamObject('/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode', Buffer.from([0x80, 0x0b, 0x60, 0x50, 0x22]))]));

export async function xlsxBytes(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('附件').addRow(['名称', '金额']).commit();
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The smallest WordprocessingML package Word opens: content types, package rels, one document. */
export async function docxBytes(text = '政府信息公开'): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const b64 = (s: string) => Buffer.from(s, 'base64');
/** 1×1 images. */
export const pngBytes = () => b64('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==');
export const gifBytes = () => b64('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7');
export const webpBytes = () => b64('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==');
/** A 2×2 baseline JPEG (as cameras and phones write them), made by jpeg-js. */
export const jpegBytes = (): Buffer =>
  Buffer.from(jpeg.encode({ data: Buffer.from([200, 30, 30, 255, 30, 200, 30, 255, 30, 30, 200, 255, 240, 240, 240, 255]), width: 2, height: 2 }, 90).data);

/** `png` with a chunk of the given type and data inserted after IHDR. */
function withPngChunk(png: Buffer, type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}

const POLYGLOT_HTML = '<html><body><script>alert(document.cookie)</script></body></html>';
/** A PNG that is also a web page: markup in a text chunk and after the image's end. */
export const pngHtmlPolyglot = (): Buffer => Buffer.concat([withPngChunk(pngBytes(), 'tEXt', Buffer.from(`Comment\0${POLYGLOT_HTML}`, 'latin1')), Buffer.from(POLYGLOT_HTML)]);
/** A JPEG that is also a web page: markup in a comment segment and after the image's end. */
export const jpegHtmlPolyglot = (): Buffer => {
  const j = jpegBytes();
  const com = Buffer.from(POLYGLOT_HTML, 'latin1');
  const seg = Buffer.alloc(4);
  seg.writeUInt16BE(0xfffe, 0);
  seg.writeUInt16BE(com.length + 2, 2);
  return Buffer.concat([j.subarray(0, 2), seg, com, j.subarray(2), Buffer.from(POLYGLOT_HTML)]);
};
/** A JPEG with EXIF saying "rotate 90°" (orientation 6) and a GPS-like note that must not survive. */
export const jpegWithExif = (orientation = 6): Buffer => {
  const tiff = Buffer.alloc(8 + 2 + 2 * 12 + 4 + 32);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(2, 8);
  tiff.writeUInt16BE(0x0112, 10); tiff.writeUInt16BE(3, 12); tiff.writeUInt32BE(1, 14); tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt16BE(0x010e, 22); tiff.writeUInt16BE(2, 24); tiff.writeUInt32BE(32, 26); tiff.writeUInt32BE(38, 30); // ImageDescription
  tiff.write('GPS 39.9042N 116.4074E home\0', 38, 'latin1');
  const app1 = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const seg = Buffer.alloc(4);
  seg.writeUInt16BE(0xffe1, 0);
  seg.writeUInt16BE(app1.length + 2, 2);
  const j = jpegBytes();
  return Buffer.concat([j.subarray(0, 2), seg, app1, j.subarray(2)]);
};

/** Bytes that must never be accepted whatever they are called. */
export const exeBytes = () => {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c); // e_lfanew → PE header
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(0x14c, 0x84); // i386
  return b;
};
export const htmlBytes = () => Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
export const svgBytes = () => Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
