/**
 * Turning spreadsheet cell values into the text an official sees in the cell.
 * exceljs hands back a union of shapes (plain, rich text, formula, hyperlink, error);
 * everything the importer checks works on plain strings.
 */

/** Excel line breaks are LF; CSV files saved on Windows may carry CR LF inside quoted cells. */
export function cleanText(s: string): string {
  return s.replace(/\r\n?/g, '\n').trim();
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value !== 'object') return String(value);
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) {
    return v.richText.map((run: unknown) => cellText((run as { text?: unknown }).text)).join('');
  }
  // A formula cell shows its cached result; a formula never calculated shows nothing.
  if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
  if ('hyperlink' in v || 'text' in v) return cellText(v.text);
  if (typeof v.error === 'string') return v.error;
  return '';
}

function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  // exceljs reads Excel serial dates as UTC midnight; a time part of zero is noise.
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
