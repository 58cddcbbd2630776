import QRCode from 'qrcode';

/**
 * QR codes for printed pages (简版指南, 公开栏 notices, 办事一本通): a phone camera opens the item's
 * page. Medium error correction survives a notice board's wear; the quiet zone is the standard's
 * minimum the printers here need (the page margins add more).
 */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** The code as an inline SVG element (scales to any print size without blur). */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...OPTIONS, type: 'svg' });
}

/** The code as a PNG of `width` pixels, for DOCX and PDF documents. */
export async function qrPng(text: string, width = 300): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: 'png', width });
}

/** The number of modules per side (version 1 is 21); longer addresses need larger codes. */
export function qrModules(text: string): number {
  return QRCode.create(text, { errorCorrectionLevel: OPTIONS.errorCorrectionLevel }).modules.size;
}
