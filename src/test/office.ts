/**
 * Opening exports in a real office suite: LibreOffice converts XLSX/DOCX to PDF, poppler's
 * pdftotext reads the text back with each word's box. Tests then check that every cell and
 * paragraph is there in full (a cell LibreOffice cuts loses its hidden lines from the PDF) and
 * that no two words are drawn over each other (text spilling into the next row).
 * scripts/install-office.sh installs both; without them a test is skipped, except in CI.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { TestContext } from 'node:test';

const run = promisify(execFile);
const CONVERT_TIMEOUT_MS = 180_000;

async function onPath(cmd: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * True when soffice and pdftotext are installed. Otherwise the test is skipped with the reason
 * (so a local run says so instead of passing silently), or fails when CI=true.
 */
export async function officeAvailable(t: TestContext): Promise<boolean> {
  const missing = [];
  if (!(await onPath('soffice'))) missing.push('LibreOffice (soffice)');
  if (!(await onPath('pdftotext'))) missing.push('poppler-utils (pdftotext)');
  if (!missing.length) return true;
  const why = `${missing.join(' and ')} not installed — run scripts/install-office.sh to open the exports in an office suite`;
  if (process.env.CI && process.env.CI !== 'false') throw new Error(`${why} (required in CI)`);
  t.skip(why);
  return false;
}

export type PdfWord = { page: number; x0: number; y0: number; x1: number; y1: number; text: string };
export type Pdf = {
  pages: number;
  /** Page sizes in points, e.g. A4 portrait 595 × 842. */
  sizes: { width: number; height: number }[];
  /** Text of each page in content order (pdftotext -raw). */
  pageText: string[];
  words: PdfWord[];
};

/**
 * Converts each file to PDF in one LibreOffice run, with a private profile (parallel runs and a
 * desktop LibreOffice do not clash) and a timeout, and reads the PDFs back.
 */
export async function convertToPdf(files: Record<string, Buffer>): Promise<Record<string, Pdf>> {
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-office-'));
  try {
    const inputs: string[] = [];
    for (const [name, bytes] of Object.entries(files)) {
      const path = join(dir, name);
      await writeFile(path, bytes);
      inputs.push(path);
    }
    const profile = pathToFileURL(join(dir, 'profile')).href;
    const out = join(dir, 'pdf');
    await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nologo', '--convert-to', 'pdf', '--outdir', out, ...inputs], {
      timeout: CONVERT_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    const made = new Set(await readdir(out));
    const result: Record<string, Pdf> = {};
    for (const name of Object.keys(files)) {
      const pdf = name.replace(/\.[^.]+$/, '.pdf');
      if (!made.has(pdf)) throw new Error(`LibreOffice did not convert ${name} (got ${[...made].join(', ') || 'nothing'})`);
      result[name] = await readPdf(join(out, pdf));
    }
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const entities = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

async function readPdf(path: string): Promise<Pdf> {
  const { stdout: raw } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-'], { maxBuffer: 64 << 20 });
  const { stdout: bbox } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], { maxBuffer: 64 << 20 });
  const pageText = raw.split('\f').slice(0, -1);
  const sizes: Pdf['sizes'] = [];
  const words: PdfWord[] = [];
  for (const m of bbox.matchAll(/<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[1]) sizes.push({ width: Number(m[1]), height: Number(m[2]) });
    else words.push({ page: sizes.length, x0: Number(m[3]), y0: Number(m[4]), x1: Number(m[5]), y1: Number(m[6]), text: entities(m[7]!) });
  }
  return { pages: sizes.length, sizes, pageText, words };
}

/** Text compared without whitespace: line wrapping inserts breaks anywhere in CJK text. */
export const squash = (s: string): string => s.replace(/\s+/g, '');

/** The expected texts (cells, paragraphs) that do not appear in full in the PDF. */
export function missingTexts(pdf: Pdf, texts: readonly string[]): string[] {
  const all = squash(pdf.pageText.join(''));
  return [...new Set(texts.map((t) => t.trim()).filter(Boolean))].filter((t) => !all.includes(squash(t)));
}

/**
 * Numbers must appear as whole words, as often as the cells that hold them (a "###" for a number
 * too wide for its column, or a lost row, shows here).
 */
export function missingNumbers(pdf: Pdf, numbers: readonly number[]): string[] {
  const have = new Map<string, number>();
  for (const w of pdf.words) have.set(w.text, (have.get(w.text) ?? 0) + 1);
  const want = new Map<string, number>();
  for (const n of numbers) want.set(String(n), (want.get(String(n)) ?? 0) + 1);
  return [...want].filter(([n, k]) => (have.get(n) ?? 0) < k).map(([n, k]) => `${n} ×${k} (found ${have.get(n) ?? 0})`);
}

/** Pairs of words drawn over each other on the same page (more than a sliver of both boxes). */
export function overlappingWords(pdf: Pdf): string[] {
  const out: string[] = [];
  const byPage = new Map<number, PdfWord[]>();
  for (const w of pdf.words) byPage.set(w.page, [...(byPage.get(w.page) ?? []), w]);
  for (const [page, ws] of byPage) {
    ws.sort((a, b) => a.y0 - b.y0);
    for (let i = 0; i < ws.length; i++) {
      const a = ws[i]!;
      for (let j = i + 1; j < ws.length && ws[j]!.y0 < a.y1; j++) {
        const b = ws[j]!;
        const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        const dy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        if (dx > 1 && dy > 0.3 * Math.min(a.y1 - a.y0, b.y1 - b.y0)) out.push(`page ${page}: “${a.text}” overlaps “${b.text}”`);
      }
    }
  }
  return out;
}

/** A4 in points, either way round, within a point. */
export const isA4 = (s: { width: number; height: number }, orientation: 'portrait' | 'landscape'): boolean => {
  const [w, h] = orientation === 'portrait' ? [595.3, 841.9] : [841.9, 595.3];
  return Math.abs(s.width - w) < 1 && Math.abs(s.height - h) < 1;
};
