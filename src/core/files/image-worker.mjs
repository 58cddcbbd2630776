// Re-encodes one PNG or JPEG, off the main thread (pure-JS codecs take seconds on a photo).
// Only the pixels survive: chunks, segments, comments, metadata and anything after the image are
// dropped. A JPEG keeps its EXIF orientation alone, so phone photos still stand the right way up.
// Plain JavaScript so that it runs in a worker however the app was started (see images.ts).
import { parentPort, workerData } from 'node:worker_threads';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';

const { kind, bytes, maxMegapixels } = workerData;

/** The EXIF Orientation (1–8) of a TIFF block (after "Exif\0\0"), 1 when absent or malformed. */
function orientation(tiff) {
  try {
    let b = Buffer.from(tiff);
    while (b.length && b[0] === 0) b = b.subarray(1);
    const le = b.toString('latin1', 0, 2) === 'II';
    const u16 = (o) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (o) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const ifd = u32(4);
    const n = u16(ifd);
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12;
      if (u16(e) === 0x0112) {
        const v = u16(e + 8);
        return v >= 1 && v <= 8 ? v : 1;
      }
    }
  } catch {
    // fall through: no usable orientation
  }
  return 1;
}

/** An EXIF block holding the orientation and nothing else. */
function orientationExif(v) {
  const b = Buffer.alloc(6 + 8 + 2 + 12 + 4);
  b.write('Exif\0\0', 0, 'latin1');
  b.write('MM', 6, 'latin1');
  b.writeUInt16BE(42, 8);
  b.writeUInt32BE(8, 10);
  b.writeUInt16BE(1, 14);
  b.writeUInt16BE(0x0112, 16);
  b.writeUInt16BE(3, 18);
  b.writeUInt32BE(1, 20);
  b.writeUInt16BE(v, 24);
  return b;
}

/** The PNG up to the end of its IEND chunk: the decoder refuses trailing bytes, and they are dropped anyway. */
function throughIend(buf) {
  let at = 8;
  while (at + 12 <= buf.length) {
    const len = buf.readUInt32BE(at);
    const end = at + 12 + len;
    if (buf.toString('latin1', at + 4, at + 8) === 'IEND') return buf.subarray(0, end);
    at = end;
  }
  return buf;
}

function reencodePng(buf) {
  const img = pngjs.PNG.sync.read(throughIend(buf));
  if (img.width * img.height > maxMegapixels * 1e6) throw Object.assign(new Error('too large'), { code: 'too_large' });
  const d = img.data;
  let opaque = true;
  let grey = true;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] !== 255) opaque = false;
    if (d[i] !== d[i + 1] || d[i] !== d[i + 2]) grey = false;
    if (!opaque && !grey) break;
  }
  const colorType = grey ? (opaque ? 0 : 4) : opaque ? 2 : 6;
  const out = new pngjs.PNG({ width: img.width, height: img.height, colorType, inputColorType: 6, inputHasAlpha: true, deflateLevel: 6 });
  d.copy(out.data);
  return pngjs.PNG.sync.write(out, { colorType, inputColorType: 6, inputHasAlpha: true, deflateLevel: 6 });
}

function reencodeJpeg(buf) {
  let img;
  try {
    img = jpeg.decode(buf, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: maxMegapixels, maxMemoryUsageInMB: 2048 });
  } catch (e) {
    if (/maxResolutionInMP|maxMemoryUsageInMB/.test(String(e && e.message))) throw Object.assign(new Error('too large'), { code: 'too_large' });
    throw e;
  }
  const o = img.exifBuffer ? orientation(img.exifBuffer) : 1;
  const out = jpeg.encode({ data: img.data, width: img.width, height: img.height, exifBuffer: o > 1 ? orientationExif(o) : undefined }, 90);
  return out.data;
}

try {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = kind === 'png' ? reencodePng(buf) : reencodeJpeg(buf);
  parentPort.postMessage({ bytes: new Uint8Array(out.buffer, out.byteOffset, out.byteLength) });
} catch (e) {
  parentPort.postMessage({ error: e && e.code === 'too_large' ? 'too_large' : 'unreadable' });
}
