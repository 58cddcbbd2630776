import type { Db } from '../../db/client.js';
import type { DocumentPanel } from '../../core/module.js';
import { isVillage, placeOf } from './access.js';
import { PUBLIC_BASE } from './views/paths.js';

/** On a village's, community's or township's public page: the link to its 村（居）务公开. */
export async function villagePanel(db: Db, agencyId: number): Promise<DocumentPanel | null> {
  const p = await placeOf(db, agencyId);
  if (!p || !(isVillage(p) || p.kind === 'township' || p.kind === 'street')) return null;
  return {
    title: '村（居）务公开',
    links: [
      isVillage(p) ? { href: `${PUBLIC_BASE}/${p.id}`, label: `${p.name}${p.kind === 'community' ? '居务公开' : '村务公开'}`, note: '党务、村务、事务、财务公开，“四议两公开”和村务档案' } : { href: `${PUBLIC_BASE}/${p.id}`, label: `${p.name}统一公示名单`, note: '低保、残疾人两项补贴、涉农补贴、征地补偿名单' },
      { href: PUBLIC_BASE, label: '全部村（社区）' },
    ],
  };
}
