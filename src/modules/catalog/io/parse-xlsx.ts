import { importGrid } from './import-grid.js';
import { findHeaderIndex } from './layout.js';
import { readXlsxGrids } from './read-xlsx.js';
import { fileError, type ImportResult } from './result.js';

const NOT_XLSX = '文件不是有效的 Excel 工作簿（.xlsx），无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入';
const OLD_XLS = '这是旧版 Excel（.xls）文件，暂不支持。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入';
const UNREADABLE = '读取文件时出错，文件可能已损坏。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入';

/** .xls (and other OLE2 compound documents) start with this signature. */
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Imports the first visible worksheet that carries a catalogue header. Never throws: any failure
 * becomes an ImportError the uploader can act on.
 */
export async function importCatalogXlsx(input: Buffer): Promise<ImportResult> {
  // Upload handlers sometimes pass a plain Uint8Array despite the type; anything else is not a file.
  const bytes: unknown = input;
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) return fileError(NOT_XLSX);
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.subarray(0, OLE2_MAGIC.length).equals(OLE2_MAGIC)) return fileError(OLD_XLS);
  try {
    const sheets = await readXlsxGrids(buf);
    if (!sheets) return fileError(NOT_XLSX);
    const withHeader = sheets.find((s) => findHeaderIndex(s.grid) >= 0) ?? sheets[0];
    // No sheet at all reads as an empty grid, which reports the missing header.
    return importGrid(withHeader?.grid ?? [], withHeader?.name ?? null);
  } catch {
    return fileError(UNREADABLE);
  }
}
