/**
 * Download names. The name in a file URL is chosen by whoever wrote the link, so it is treated as
 * hostile: it must not name a directory, break out of the Content-Disposition header, or give a
 * PDF an `.exe` name that the desktop would then run.
 */

const MAX_NAME = 120;

/** A safe display name ending in the stored extension. */
export function downloadName(raw: string, ext: string): string {
  let s = raw.normalize('NFC');
  s = s.split(/[\\/]/).pop() ?? ''; // keep the last path segment only
  // Control characters (CR/LF would split headers), quotes and characters Windows forbids.
  s = s.replace(/[\u0000-\u001f\u007f-\u009f"'<>:|?*;%\u2028\u2029]/g, '');
  s = s.replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, '');
  if ([...s].length > MAX_NAME) s = [...s].slice(0, MAX_NAME).join('');
  if (!s || s.replace(/\.[^.]*$/, '') === '') s = 'file';
  const dot = s.lastIndexOf('.');
  const current = dot > 0 ? s.slice(dot + 1).toLowerCase() : '';
  const same = current === ext || (ext === 'jpg' && current === 'jpeg');
  return same ? s : `${s}.${ext}`;
}

/** RFC 5987 value: UTF-8, percent-encoded, with the characters encodeURIComponent leaves alone but the ABNF forbids. */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/** `inline` or `attachment` with an ASCII fallback name and the exact name in `filename*`. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${rfc5987(name)}`;
}
