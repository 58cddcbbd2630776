import type { DemoWorld } from '../../core/module.js';
import { addDays, todayInShanghai } from '../../core/calendar/dates.js';
import { DEMO_GUIDES } from './demo.js';
import { approveVersion, createItem, publishVersion, saveDraft, submitVersion } from './service.js';
import { saveBundle } from './bundles.js';

/**
 * The demo 办事指南 of 示范县: ten items of 县民政局, 县教育局 and 县人社局 (低保 claimed from the
 * provincial list), drafted by each department, reviewed and published by the office; then a
 * change to 特困人员 drafted 50 days ago and never published (overdue on the worklist), and the
 * "失业人员就业创业一件事" bundle.
 */
export async function seedGuidesDemo(world: DemoWorld): Promise<void> {
  const office = world.actors.get('office');
  if (!office) return;
  const today = todayInShanghai();
  const as = (agency: string) => (agency === '县民政局' ? 'minzheng' : agency === '县教育局' ? 'jiaoyu' : 'office');
  const ids = new Map<string, number>();
  for (const g of DEMO_GUIDES) {
    const agencyId = world.agencies.get(g.agency);
    if (!agencyId) continue;
    const id = await createItem(world.as(as(g.agency)), {
      agencyId, code: g.code, parentCode: g.parentCode, level: g.level, domainCode: g.domainCode, data: g.data, changedOn: addDays(today, -30),
      source: g.code === '000718006000-411101' ? 'provincial' : 'local',
    }, { today });
    await submitVersion(world.as(as(g.agency)), id);
    await approveVersion(world.as('office'), id);
    await publishVersion(world.as('office'), id, { today: addDays(today, -25) });
    ids.set(g.code, id);
  }
  const tekun = DEMO_GUIDES.find((g) => g.code === '000718007000-411101');
  const tekunId = ids.get('000718007000-411101');
  if (tekun && tekunId) {
    await saveDraft(world.as('minzheng'), tekunId, { changedOn: addDays(today, -50), data: { ...tekun.data, hours: '工作日 上午 8:30—12:00，下午 14:00—17:30（夏季作息 15:00—18:00）' } }, { today });
  }
  const rs = world.agencies.get('县人力资源和社会保障局'), cz = world.agencies.get('县财政局');
  if (rs && ids.has('000620001000-411101')) {
    await saveBundle(world.as('office'), {
      name: '失业人员就业创业一件事', audience: 'person', leadAgencyId: rs, cooperating: cz ? [cz] : [],
      description: '失业人员办理失业登记、申领就业创业证、申请创业担保贷款，一次告知、一表申请、一窗受理。',
      codes: ['000620001000-411101', '000620002000-411101', '000620003000-411101'],
    });
  }
}
