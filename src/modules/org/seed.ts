import type { DemoWorld } from '../../core/module.js';
import { agencies } from '../../core/org/schema.js';
import { creditCodeCheckChar } from './credit-code.js';
import { PILOT_DEPARTMENTS } from './demo-departments.js';

export const DEMO_COUNTY = '示范县人民政府';

const code = (n: number) => {
  const first17 = '11419901' + String(n).padStart(9, '0');
  return first17 + creditCodeCheckChar(first17);
};

const COUNTY_FACTS = {
  functions: '执行县人民代表大会及其常务委员会的决议，领导县政府各工作部门和乡镇人民政府的工作。',
  head: '县长 王某某',
  officeHours: '周一至周五 上午8:30-12:00，下午14:30-17:30（法定节假日除外）',
  address: '示范县人民路1号',
  phone: '0373-1234567',
};

/** The demo county's tree: the county, its departments (one per pilot domain's department), three townships and their villages. */
export async function seedDemoAgencies(world: DemoWorld): Promise<void> {
  const { db } = world;
  const [county] = await db.insert(agencies).values({ name: DEMO_COUNTY, kind: 'county', creditCode: code(1), ...COUNTY_FACTS }).returning();
  const countyId = county!.id;
  const deptNames = ['县人民政府办公室', ...PILOT_DEPARTMENTS];
  const departments = new Map<string, number>();
  let n = 2;
  for (const [i, name] of deptNames.entries()) {
    const [row] = await db
      .insert(agencies)
      .values({
        name,
        kind: 'department',
        parentId: countyId,
        creditCode: code(n++),
        functions: name === '县人民政府办公室' ? '负责县政府日常工作，承担全县政务公开工作的组织协调、指导推进和监督检查（县政务公开办公室设在本机关）。' : `负责全县${name.replace(/^县|^国家税务总局示范县/, '')}相关工作。`,
        head: '主任（局长） 张某某',
        officeHours: COUNTY_FACTS.officeHours,
        address: `示范县人民路${10 + i}号`,
        phone: `0373-12345${String(10 + i).padStart(2, '0')}`,
        sort: i + 1,
      })
      .returning();
    departments.set(name, row!.id);
  }
  const townships = new Map<string, number>();
  const towns: [string, 'township' | 'street', string[]][] = [
    ['城关镇', 'township', ['东关村', '西关社区']],
    ['河西乡', 'township', ['河西村', '柳树庄村']],
    ['东街街道', 'street', ['东街社区']],
  ];
  for (const [i, [name, kind, villages]] of towns.entries()) {
    const [t] = await db
      .insert(agencies)
      .values({ name, kind, parentId: countyId, creditCode: code(n++), functions: `${name}人民政府（办事处）负责本辖区经济社会发展、公共服务和社会管理。`, head: '镇长（乡长、主任） 李某某', officeHours: COUNTY_FACTS.officeHours, address: `示范县${name}政府路${i + 1}号`, phone: `0373-22345${String(i).padStart(2, '0')}`, sort: 100 + i })
      .returning();
    townships.set(name, t!.id);
    for (const [j, v] of villages.entries()) {
      await db.insert(agencies).values({ name: v, kind: v.endsWith('社区') ? 'community' : 'village', parentId: t!.id, functions: '村（居）民自治组织，负责本村（社区）村（居）务公开。', head: '主任 赵某某', address: `${name}${v}`, phone: '', sort: 200 + j });
    }
  }
  world.agencies.set(DEMO_COUNTY, countyId);
  for (const [k, v] of [...departments, ...townships]) world.agencies.set(k, v);
}

