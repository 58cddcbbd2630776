import type { DemoWorld } from '../../core/module.js';
import { DEMO_CITY, DEMO_COUNTY, DEMO_SOUTH_COUNTY } from '../org/seed.js';
import { portalSite } from './schema.js';

const COUNTY_SITE = {
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
};

/**
 * The demo sites' identities, as their administrators would set them: 示范县's alone, or in the
 * region demo the city's (the root, at /) with 示范县 at /shifanxian and 示范南县 at /nanxian.
 */
export async function seedPortalDemo(world: DemoWorld): Promise<void> {
  const gov = (name: string) => world.agencies.get(name) ?? null;
  if (!world.region) {
    await world.db.insert(portalSite).values({ id: 1, governmentId: gov(DEMO_COUNTY), ...COUNTY_SITE }).onConflictDoNothing();
    return;
  }
  await world.db
    .insert(portalSite)
    .values([
      {
        id: 1, governmentId: gov(DEMO_CITY), prefix: '', name: '示范市人民政府', domain: '', idCode: '4199000001', icp: '豫ICP备19000000号-1', police: '豫公网安备 41990002000001号',
        sponsor: '示范市人民政府', organizer: '示范市人民政府办公室', address: '示范市市府路10号', phone: '0373-3000010', email: 'zwgk@shifanshi.gov.cn',
        keywords: '示范市,示范市人民政府,政务公开,政府信息公开', description: '示范市人民政府门户网站政务公开专栏：市本级和各县（市、区）的政务公开信息。',
      },
      { id: 2, governmentId: gov(DEMO_COUNTY), prefix: 'shifanxian', ...COUNTY_SITE },
      {
        id: 3, governmentId: gov(DEMO_SOUTH_COUNTY), prefix: 'nanxian', name: '示范南县人民政府', domain: '', idCode: '4199020001', icp: '豫ICP备19000002号-1', police: '豫公网安备 41990202000001号',
        sponsor: '示范南县人民政府', organizer: '示范南县人民政府办公室', address: '示范南县南湖路10号', phone: '0373-5234510', email: 'zwgk@nanxian.gov.cn',
        keywords: '示范南县,政务公开,政府信息公开,依申请公开', description: '示范南县人民政府门户网站政务公开专栏：法定主动公开内容、基层政务公开标准目录、依申请公开和机构信息。',
      },
    ])
    .onConflictDoNothing();
}
