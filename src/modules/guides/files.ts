// The 空白表格 and 示例样表 of a guide's materials: stored by the files module, referenced by id in
// the version's elements. A draft's files are read by whoever may read that draft (FileReader);
// publishing a version makes its files public in the same transaction.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { downloadName, fileUrl, files, markFilesPublic } from '../../core/files/index.js';
import type { GuideData } from './elements.js';

export const FILE_KINDS = ['blankFileId', 'sampleFileId'] as const;
export type FileKind = (typeof FILE_KINDS)[number];
export const FILE_KIND_LABELS: Record<FileKind, string> = { blankFileId: '空白表格', sampleFileId: '示例样表' };

/** A file id as the elements or a form carry it (a number, or digits from a hidden field). */
export const idOf = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** Every file id the materials of a version use. */
export function materialFileIds(data: Pick<GuideData, 'materials'> | Record<string, unknown>): number[] {
  const mats = Array.isArray((data as { materials?: unknown }).materials) ? ((data as { materials: unknown[] }).materials) : [];
  const ids = mats.flatMap((m) => FILE_KINDS.map((k) => (m && typeof m === 'object' ? (m as Record<string, unknown>)[k] : null)));
  return [...new Set(ids.map(idOf).filter((x): x is number => x != null))];
}

/** Publishing: the version's files become public (restricted files, personal data, never do). */
export async function publishMaterialFiles(tx: Exec, data: GuideData): Promise<void> {
  const ids = materialFileIds(data);
  if (!ids.length) return;
  const ok = await tx.select({ id: files.id }).from(files).where(and(inArray(files.id, ids), eq(files.restricted, false)));
  await markFilesPublic(tx, ok.map((r) => r.id));
}

export type FileLink = { url: string; ext: string };
/** Download links for the files of some materials, by id; named after the material. */
export async function materialFileLinks(db: Db | Exec, data: Pick<GuideData, 'materials'> | Record<string, unknown>, o: { publicOnly?: boolean } = {}): Promise<Record<number, FileLink>> {
  const ids = materialFileIds(data);
  if (!ids.length) return {};
  const rows = await db.select({ id: files.id, sha256: files.sha256, ext: files.ext }).from(files).where(and(inArray(files.id, ids), o.publicOnly ? isNotNull(files.publicAt) : undefined));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: Record<number, FileLink> = {};
  const mats = (Array.isArray(data.materials) ? data.materials : []) as Record<string, unknown>[];
  for (const m of mats) for (const k of FILE_KINDS) {
    const id = idOf(m[k]);
    const r = id ? byId.get(id) : undefined;
    if (id && r && !out[id]) out[id] = { url: fileUrl(r.sha256, downloadName(`${typeof m.name === 'string' ? m.name : ''}${FILE_KIND_LABELS[k]}.${r.ext}`, r.ext)), ext: r.ext };
  }
  return out;
}

/** Files this person may keep in a saved form without uploading again: those already in the item, and those they uploaded themselves. */
export async function keepableFileIds(db: Exec, userId: number, existing: number[], asked: number[]): Promise<Set<number>> {
  const ok = new Set(asked.filter((id) => existing.includes(id)));
  const rest = asked.filter((id) => !ok.has(id));
  if (rest.length) {
    const mine = await db.select({ id: files.id }).from(files).where(and(inArray(files.id, rest), eq(files.createdBy, userId), eq(files.restricted, false)));
    for (const r of mine) ok.add(r.id);
  }
  return ok;
}
