import type { DemoWorld } from '../../core/module.js';
import { addDays, todayInShanghai } from '../../core/calendar/dates.js';
import { searchPublished } from '../info/queries.js';
import { publishedItems } from '../catalog/queries.js';
import { documentNotice } from '../info/notice.js';
import { catalogItemNotice } from '../catalog/notice.js';
import { boardOwners, createBoard, createPosting } from './boards.js';

/**
 * The demo county's notice boards, and notices posted on them by its office through the services:
 * one up now, one whose last day has passed and that someone must take down (it shows on the
 * office's worklist).
 */
export async function seedBoardsDemo(world: DemoWorld): Promise<void> {
  const office = world.as('office');
  const own = world.agencies.get('县人民政府办公室');
  const town = world.agencies.get('城关镇');
  // Villages are not in the demo's map of names: found among the agencies a board may belong to.
  const village = (await boardOwners(office)).find((a) => a.name === '东关村')?.id;
  if (own == null || village == null || town == null) return;
  const hall = await createBoard(office, { name: '县政务服务中心政务公开栏', place: '示范县人民路88号县政务服务中心一楼大厅东墙', agencyId: own });
  await createBoard(office, { name: '城关镇政务公开栏', place: '城关镇政府大门西侧', agencyId: town });
  const vb = await createBoard(office, { name: '东关村村务公开栏', place: '东关村村委会门前广场', agencyId: village });
  const today = todayInShanghai();
  const [doc] = (await searchPublished(world.db, { limit: 1, count: false, govId: office.actor?.placement.govId ?? null })).items;
  const docNotice = doc ? await documentNotice(office, doc.documentId) : null;
  if (doc && docNotice) await createPosting(office, { kind: 'info', id: doc.documentId, notice: docNotice }, { boardId: hall, fromOn: addDays(today, -2), toOn: addDays(today, 28) });
  const [item] = await publishedItems(world.db, { limit: 1 });
  const itemNotice = item ? await catalogItemNotice(office, item.id) : null;
  if (item && itemNotice) await createPosting(office, { kind: 'catalog', id: item.id, notice: itemNotice }, { boardId: vb, fromOn: addDays(today, -20), toOn: addDays(today, -1), paper: 'A3' });
}
