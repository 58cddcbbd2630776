// Who may read the files of an unpublished guide version (the files module asks every module).
import { sql } from 'drizzle-orm';
import type { FileReader } from '../../core/module.js';
import { guideVersions } from './schema.js';
import { getItem } from './service.js';
import { materialFileIds } from './files.js';

const usesFile = (fileId: number) => sql`jsonb_path_exists(${guideVersions.data}, '$.materials[*] ? (@.blankFileId == $f || @.sampleFileId == $f)', jsonb_build_object('f', ${fileId}::int))`;

/** Whether this person may read a guide version that uses the file (a draft: its agency and office only). */
export const mayReadGuideFile: FileReader = async (ctx, fileId) => {
  const rows = await ctx.db.select({ itemId: guideVersions.itemId }).from(guideVersions).where(usesFile(fileId));
  for (const itemId of new Set(rows.map((r) => r.itemId))) {
    // getItem applies the scope rule: another county's staff get notFound; an upper government
    // reads only what is published (and a published file is public anyway).
    const it = await getItem(ctx, itemId).catch(() => null);
    if (it && materialFileIds(it.data).includes(fileId)) return true;
  }
  return false;
};

