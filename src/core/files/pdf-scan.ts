import { constants, inflateSync } from 'node:zlib';

/**
 * Finds what makes a PDF act rather than show: script, launching programs, actions run on opening
 * or on events, XML forms (XFA, which carry script), embedded files and media. No pure-JS parser
 * made for this is kept up (pdf-lib's last release is from 2021; pdf.js reports only what it
 * would run itself), so this is a scan in the manner of Didier Stevens' pdfid, made stricter:
 *
 * - every byte outside stream data is read as PDF syntax, whatever the cross-reference table
 *   says, so objects a repairing viewer would find (incremental updates, broken xref, objects
 *   hidden after a short /Length) are read too: a stream is taken to end at the earlier of its
 *   direct /Length and the first `endstream`, so what any viewer reads as syntax, this reads too;
 * - object streams (/Type /ObjStm, or a stream with /N and /First) are decoded (Flate, ASCIIHex,
 *   ASCII85, chained) and read the same way; one that cannot be decoded (encrypted, LZW,
 *   predictors, over the size budget) makes the file uncheckable, and it is refused;
 * - names are compared after #xx escapes are decoded (/J#53 is /JS);
 * - /OpenAction is allowed only as a destination or a /GoTo action, inline or by reference.
 *
 * Limits: the text of content streams, fonts and images is not read (no viewer takes actions
 * from there); a /URI link is allowed (ordinary documents have them); a name inside a literal
 * string outside streams counts as a name (a refusal to err on); encrypted files are read
 * only where encryption leaves names in clear (top-level dictionaries), and refused when their
 * objects sit in (encrypted) object streams.
 */

/** Names that are never in a document meant only to be read. */
const ACTIVE_NAMES: Record<string, string> = {
  JavaScript: '脚本（JavaScript）',
  JS: '脚本（JavaScript）',
  Launch: '启动程序的动作（Launch）',
  AA: '打开、翻页或点击时自动执行的动作（AA）',
  XFA: 'XFA 表单（可含脚本）',
  RichMedia: '嵌入的多媒体（RichMedia）',
  EmbeddedFile: '嵌入的文件',
  EmbeddedFiles: '嵌入的文件',
  SubmitForm: '提交表单的动作',
  ImportData: '导入数据的动作',
};

export type PdfFinding = { kind: 'active'; what: string } | { kind: 'uncheckable'; why: string };

const MAX_DECODED = 64 * 1024 * 1024; // all object streams together
const NAME_RE = /\/([^\s/[\]<>(){}%]*)/g;
const decodeName = (n: string) => n.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/** The findings in a PDF, empty when it is inert. Never throws on malformed input. */
export function scanPdf(buf: Buffer): PdfFinding[] {
  const s = buf.toString('latin1');
  const syntax: string[] = [];
  const objStms: { raw: string; first: number }[] = [];
  const findings: PdfFinding[] = [];
  let budget = MAX_DECODED;
  const streamRe = /(?<![A-Za-z])stream(?:\r\n|\n|\r)/g;
  let from = 0;
  for (let m = streamRe.exec(s); m; m = streamRe.exec(s)) {
    const start = m.index + m[0].length;
    const before = s.slice(from, m.index);
    syntax.push(before);
    const dict = normalise(before.slice(Math.max(before.lastIndexOf(' obj'), before.lastIndexOf('\nobj'), before.lastIndexOf('\robj'), 0)));
    const byEnd = s.indexOf('endstream', start);
    const len = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    let end = byEnd < 0 ? s.length : byEnd;
    if (len && start + Number(len[1]) < end) end = start + Number(len[1]);
    if (/\/Type\s*\/ObjStm\b/.test(dict) || (/\/N\s+\d/.test(dict) && /\/First\s+\d/.test(dict))) {
      const decoded = decodeStream(buf.subarray(start, end), dict, budget);
      if (typeof decoded === 'string') findings.push({ kind: 'uncheckable', why: decoded });
      else {
        budget -= decoded.length;
        objStms.push({ raw: decoded.toString('latin1'), first: Number(/\/First\s+(\d+)/.exec(dict)?.[1] ?? 0) });
      }
    }
    from = end;
    streamRe.lastIndex = end;
  }
  syntax.push(s.slice(from));

  const texts = [...syntax.map(normalise), ...objStms.map((o) => normalise(o.raw))];
  const seen = new Set<string>();
  for (const t of texts) {
    for (const m of t.matchAll(NAME_RE)) {
      const what = Object.hasOwn(ACTIVE_NAMES, m[1]!) ? ACTIVE_NAMES[m[1]!]! : null;
      if (what && !seen.has(what)) {
        seen.add(what);
        findings.push({ kind: 'active', what });
      }
    }
  }
  for (const t of texts) for (const v of t.matchAll(/\/OpenAction\s*/g)) checkOpenAction(t.slice(v.index + v[0].length), objectsIn(texts, objStms), findings);
  return findings;
}

/** Names written with #xx escapes, spelt out (so /J#53 reads /JS). */
const normalise = (t: string) => (t.includes('#') ? t.replace(NAME_RE, (_, n: string) => '/' + decodeName(n)) : t);

/** An /OpenAction value: a destination array, a /GoTo action (inline or by reference), or null. */
function checkOpenAction(value: string, lookup: (num: string, gen: string) => string[] | null, findings: PdfFinding[]): void {
  const refuse = () => findings.push({ kind: 'active', what: '打开文件时自动执行的动作（OpenAction）' });
  if (value.startsWith('[') || value.startsWith('null')) return;
  if (value.startsWith('<<')) {
    if (!isGoTo(dictAt(value))) refuse();
    return;
  }
  const ref = /^(\d+)\s+(\d+)\s+R/.exec(value);
  const targets = ref ? lookup(ref[1]!, ref[2]!) : null;
  if (!targets || !targets.length || targets.some((o) => !(o.trimStart().startsWith('[') || (o.trimStart().startsWith('<<') && isGoTo(dictAt(o.trimStart())))))) refuse();
}

const isGoTo = (dict: string) => /\/S\s*\/GoTo(?![^\s/[\]<>(){}%])/.test(dict);

/** The dictionary at the start of `t` (which starts with `<<`), nested ones included. */
function dictAt(t: string): string {
  let depth = 0;
  for (let i = 0; i < t.length - 1; i++) {
    if (t[i] === '<' && t[i + 1] === '<') { depth++; i++; }
    else if (t[i] === '>' && t[i + 1] === '>') { depth--; i++; if (depth === 0) return t.slice(0, i + 1); }
  }
  return t;
}

/** Finds every body of object `num gen` in the file's syntax and in its object streams. */
function objectsIn(texts: string[], objStms: { raw: string; first: number }[]) {
  return (num: string, gen: string): string[] | null => {
    const found: string[] = [];
    const re = new RegExp(`(?<!\\d)${num}\\s+${gen}\\s+obj\\b([\\s\\S]*?)endobj`, 'g');
    for (const t of texts) for (const m of t.matchAll(re)) found.push(m[1]!);
    if (gen === '0') for (const o of objStms) {
      const body = objectInStream(o.raw, o.first, num);
      if (body !== null) found.push(body);
    }
    return found.length ? found : null;
  };
}

/** Object `num` of a decoded object stream: its header lists `num offset` pairs; offsets count from /First. */
function objectInStream(decoded: string, first: number, num: string): string | null {
  const nums = decoded.slice(0, first).trim().split(/\s+/).map(Number);
  for (let i = 0; i + 1 < nums.length; i += 2) {
    if (String(nums[i]) !== num) continue;
    const at = first + nums[i + 1]!;
    const next = i + 3 < nums.length ? first + nums[i + 3]! : decoded.length;
    return normalise(decoded.slice(at, Math.max(next, at)));
  }
  return null;
}

/** Decodes a stream's filters; a string is the reason it could not be. */
function decodeStream(data: Buffer, dict: string, budget: number): Buffer | string {
  const filterValue = /\/Filter\s*(\[[^\]]*\]|\/[^\s/[\]<>(){}%]+)/.exec(dict)?.[1] ?? '';
  const filters = [...filterValue.matchAll(NAME_RE)].map((m) => m[1]!);
  if (/\/Predictor\s+([2-9]|\d\d)/.test(dict)) return '对象流使用了预测编码';
  let out = data;
  for (const f of filters) {
    try {
      if (f === 'FlateDecode' || f === 'Fl') out = inflateSync(out, { maxOutputLength: Math.max(budget, 1), finishFlush: constants.Z_SYNC_FLUSH });
      else if (f === 'ASCIIHexDecode' || f === 'AHx') out = asciiHex(out);
      else if (f === 'ASCII85Decode' || f === 'A85') out = ascii85(out);
      else return `对象流使用了无法检查的压缩方式（${f.slice(0, 30)}）`;
    } catch {
      return '对象流无法解压（文件可能已加密或已损坏）';
    }
    if (out.length > budget) return '对象流解压后过大';
  }
  return out;
}

function asciiHex(b: Buffer): Buffer {
  let hex = b.toString('latin1');
  const end = hex.indexOf('>');
  hex = (end >= 0 ? hex.slice(0, end) : hex).replace(/\s+/g, '');
  if (/[^0-9A-Fa-f]/.test(hex)) throw new Error('bad hex');
  if (hex.length % 2) hex += '0';
  return Buffer.from(hex, 'hex');
}

function ascii85(b: Buffer): Buffer {
  let t = b.toString('latin1').replace(/\s+/g, '');
  if (t.startsWith('<~')) t = t.slice(2);
  const end = t.indexOf('~>');
  if (end >= 0) t = t.slice(0, end);
  const out: number[] = [];
  let group: number[] = [];
  const flush = (n: number) => {
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const c of group) v = v * 85 + c;
    for (let i = 0; i < n; i++) out.push((v >>> (24 - 8 * i)) & 0xff);
    group = [];
  };
  for (const ch of t) {
    if (ch === 'z' && group.length === 0) { out.push(0, 0, 0, 0); continue; }
    const c = ch.charCodeAt(0) - 33;
    if (c < 0 || c > 84) throw new Error('bad ascii85');
    group.push(c);
    if (group.length === 5) flush(4);
  }
  if (group.length) flush(group.length - 1);
  return Buffer.from(out);
}
