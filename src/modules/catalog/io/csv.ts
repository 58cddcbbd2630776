/** Minimal RFC 4180 reading and writing; catalogues are small, so whole-string processing is fine. */

export type CsvParse = { ok: true; records: string[][] } | { ok: false; record: number };

/**
 * Parses comma-separated records (undoing the export's formula guard, see guard()). Quoted fields
 * may hold commas, doubled quotes and line breaks;
 * records end at CRLF, LF or CR. A stray quote inside an unquoted field is kept as text, the way
 * Excel reads it. An unterminated quoted field fails with its 1-based record number.
 */
export function parseCsv(text: string): CsvParse {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStart = true;
  const endField = (): void => {
    record.push(unguard(field));
    field = '';
    fieldStart = true;
  };
  const endRecord = (): void => {
    endField();
    records.push(record);
    record = [];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (ch === ',') endField();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      field += ch;
      fieldStart = false;
    }
  }
  if (quoted) return { ok: false, record: records.length + 1 };
  // A final line break does not start another record.
  if (!fieldStart || record.length > 0) endRecord();
  return { ok: true, records };
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or CR) as a formula, so a catalog
 * text such as `=HYPERLINK(…)` typed by anyone who can edit an item would run on the office's
 * machine when the export is opened (CSV injection). Such a cell is written with a leading `'`,
 * and reading strips it again, so an export imports back unchanged. Plain numbers (-5) are left alone.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
/** Apostrophes already in front of a formula start get one more, so reading back is exact. */
const needsGuard = (field: string) => FORMULA_START.test(field) && !PLAIN_NUMBER.test(field);

function guard(field: string): string {
  return needsGuard(field) ? `'${field}` : field;
}

/** The inverse of guard(): a `'` before a formula start is the export's, not the author's. */
export function unguard(field: string): string {
  return field.startsWith("'") && needsGuard(field.slice(1)) ? field.slice(1) : field;
}

function quote(field: string): string {
  const f = guard(field);
  return /[",\r\n]|^\s|\s$/.test(f) ? `"${f.replace(/"/g, '""')}"` : f;
}

export function stringifyCsv(records: readonly (readonly string[])[]): string {
  return records.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** UTF-8 (BOM optional) first; bytes that are not valid UTF-8 are read as GB18030, which covers GBK/GB2312. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
