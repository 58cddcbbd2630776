import type { DemoWorld } from '../../core/module.js';
import { portalSite } from './schema.js';

/**
 * The demo county's site identity, as its administrator would set it. The portal's seed runs
 * before the org module's, so it names the demo agencies rather than reading them.
 */
export async function seedPortalDemo(world: DemoWorld): Promise<void> {
  await world.db.insert(portalSite).values({
    id: 1,
    name: '示范县人民政府',
    domain: 'www.shifan.gov.cn',
    idCode: '4199010001',
    icp: '豫ICP备19000001号-1',
    police: '豫公网安备 41990102000001号',
    sponsor: '示范县人民政府',
    organizer: '示范县人民政府办公室',
    address: '示范县人民路10号',
    phone: '0373-1234510',
    email: 'zwgk@shifan.gov.cn',
    keywords: '示范县,示范县人民政府,政务公开,政府信息公开,依申请公开',
    description: '示范县人民政府门户网站政务公开专栏：法定主动公开内容、基层政务公开标准目录、依申请公开和机构信息。',
  }).onConflictDoNothing();
}
