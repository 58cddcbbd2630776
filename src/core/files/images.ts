import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';

/** Large enough for a 600 dpi A3 scan or a 48 MP phone photo; beyond it decoding needs gigabytes. */
export const MAX_MEGAPIXELS = 50;

export const imageErrors = {
  unreadable: () => new AppError('image_unreadable', 400, '图片无法读取或已损坏。请用看图软件打开后重新另存为 JPEG 或 PNG，再上传。'),
  tooLarge: () => new AppError('image_too_large', 400, `图片像素过多（超过 ${MAX_MEGAPIXELS * 100} 万像素），请缩小后再上传。`),
};

const WORKER = new URL('./image-worker.mjs', import.meta.url);

// One image at a time: each takes a core and up to a few hundred megabytes while it runs.
let queue: Promise<unknown> = Promise.resolve();

/**
 * A PNG or JPEG decoded to its pixels and encoded afresh (image-worker.mjs), so nothing but the
 * image survives: no trailing HTML or script, no chunk or segment carrying a payload, no metadata
 * (GPS position, camera, comments) except a JPEG's orientation. Identical input gives identical
 * output, so re-uploads are still stored once.
 */
export function reencodeImage(buf: Buffer, kind: 'png' | 'jpg'): Promise<Buffer> {
  if (kind === 'png' && pngPixels(buf) > MAX_MEGAPIXELS * 1e6) return Promise.reject(imageErrors.tooLarge());
  const run = queue.then(() => inWorker(buf, kind));
  queue = run.catch(() => undefined);
  return run;
}

function inWorker(buf: Buffer, kind: 'png' | 'jpg'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { kind, bytes: new Uint8Array(buf), maxMegapixels: MAX_MEGAPIXELS }, execArgv: [] });
    let done = false;
    worker.once('message', (m: { bytes?: Uint8Array; error?: string }) => {
      done = true;
      if (m.bytes) resolve(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
      else reject(m.error === 'too_large' ? imageErrors.tooLarge() : imageErrors.unreadable());
      void worker.terminate();
    });
    worker.once('error', () => { if (!done) reject(imageErrors.unreadable()); });
    worker.once('exit', () => { if (!done) reject(imageErrors.unreadable()); });
  });
}

/** Width × height from the PNG header (IHDR is always the first chunk). */
function pngPixels(buf: Buffer): number {
  if (buf.length < 24 || buf.toString('latin1', 12, 16) !== 'IHDR') return 0; // the decoder will refuse it
  return buf.readUInt32BE(16) * buf.readUInt32BE(20);
}
