import type { DemoWorld } from '../../core/module.js';
import { agencies } from '../../core/org/schema.js';
import { creditCodeCheckChar } from './credit-code.js';
import { PILOT_DEPARTMENTS } from './demo-departments.js';

export const DEMO_COUNTY = '示范县人民政府';
/** The region demo (`npm start`): the city above 示范县, and its second county. */
export const DEMO_CITY = '示范市人民政府';
export const DEMO_SOUTH_COUNTY = '示范南县人民政府';
/** World keys of the second county's agencies: its departments share 示范县's names, so they are prefixed. */
export const SOUTH = (name: string) => `示范南县/${name}`;
const CITY_DEPARTMENTS = ['市人民政府办公室', '市民政局', '市教育局', '市财政局'];

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
  const cityId = world.region ? await seedDemoCity(world) : null;
  const [county] = await db.insert(agencies).values({ name: DEMO_COUNTY, kind: 'county', parentId: cityId, creditCode: code(1), ...COUNTY_FACTS }).returning();
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
  if (world.region) await seedDemoSouthCounty(world);
}


/** The city above the demo counties, with its office and the departments that supervise some domains. */
async function seedDemoCity(world: DemoWorld): Promise<number> {
  const { db } = world;
  const [city] = await db
    .insert(agencies)
    .values({ name: DEMO_CITY, kind: 'city', creditCode: code(900), functions: '执行市人民代表大会及其常务委员会的决议，领导市政府各工作部门和各县（市、区）人民政府的工作。', head: '市长 韩某某', officeHours: COUNTY_FACTS.officeHours, address: '示范市市府路1号', phone: '0373-3000000' })
    .returning();
  world.agencies.set(DEMO_CITY, city!.id);
  for (const [i, name] of CITY_DEPARTMENTS.entries()) {
    const [row] = await db
      .insert(agencies)
      .values({
        name,
        kind: 'department',
        parentId: city!.id,
        creditCode: code(901 + i),
        functions: name === '市人民政府办公室' ? '负责市政府日常工作，承担全市政务公开工作的组织协调、指导推进和监督检查（市政务公开办公室设在本机关）。' : `负责全市${name.slice(1)}相关工作，指导各县（市、区）对口部门。`,
        head: '主任（局长） 许某某',
        officeHours: COUNTY_FACTS.officeHours,
        address: `示范市市府路${10 + i}号`,
        phone: `0373-30000${String(10 + i).padStart(2, '0')}`,
        sort: i + 1,
      })
      .returning();
    world.agencies.set(name, row!.id);
  }
  return city!.id;
}

/** The city's second county, of the same shape as 示范县 (office, departments, townships, villages); its keys are SOUTH(name). */
export async function seedDemoSouthCounty(world: DemoWorld): Promise<void> {
  const { db } = world;
  const cityId = world.agencies.get(DEMO_CITY)!;
  const facts = { ...COUNTY_FACTS, address: '示范南县南湖路1号', phone: '0373-5234567', head: '县长 马某某' };
  const [county] = await db.insert(agencies).values({ name: DEMO_SOUTH_COUNTY, kind: 'county', parentId: cityId, creditCode: code(500), ...facts, sort: 2 }).returning();
  world.agencies.set(DEMO_SOUTH_COUNTY, county!.id);
  let n = 501;
  for (const [i, name] of ['县人民政府办公室', ...PILOT_DEPARTMENTS].entries()) {
    const [row] = await db
      .insert(agencies)
      .values({ name: name.replace('示范县', '示范南县'), kind: 'department', parentId: county!.id, creditCode: code(n++), functions: `负责全县${name.replace(/^县|^国家税务总局示范县/, '')}相关工作。`, head: '主任（局长） 高某某', officeHours: facts.officeHours, address: `示范南县南湖路${10 + i}号`, phone: `0373-52345${String(10 + i).padStart(2, '0')}`, sort: i + 1 })
      .returning();
    world.agencies.set(SOUTH(name), row!.id);
  }
  const towns: [string, string[]][] = [
    ['南关镇', ['南关村', '南湖社区']],
    ['柳河乡', ['柳河村']],
  ];
  for (const [i, [name, villages]] of towns.entries()) {
    const [t] = await db
      .insert(agencies)
      .values({ name, kind: 'township', parentId: county!.id, creditCode: code(n++), functions: `${name}人民政府负责本辖区经济社会发展、公共服务和社会管理。`, head: '镇长（乡长） 罗某某', officeHours: facts.officeHours, address: `示范南县${name}政府路${i + 1}号`, phone: `0373-62345${String(i).padStart(2, '0')}`, sort: 100 + i })
      .returning();
    world.agencies.set(SOUTH(name), t!.id);
    for (const [j, v] of villages.entries()) {
      await db.insert(agencies).values({ name: v, kind: v.endsWith('社区') ? 'community' : 'village', parentId: t!.id, functions: '村（居）民自治组织，负责本村（社区）村（居）务公开。', head: '主任 宋某某', address: `${name}${v}`, phone: '', sort: 200 + j });
    }
  }
}
