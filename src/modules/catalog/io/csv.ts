/** Minimal RFC 4180 reading and writing; catalogues are small, so whole-string processing is fine. */

export type CsvParse = { ok: true; records: string[][] } | { ok: false; record: number };

/**
 * Parses comma-separated records. Quoted fields may hold commas, doubled quotes and line breaks;
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
    record.push(field);
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

function quote(field: string): string {
  return /[",\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
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
