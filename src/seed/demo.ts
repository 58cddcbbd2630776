import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Actor, Role } from '../core/auth/actor.js';
import { agencies } from '../modules/org/schema.js';
import { creditCodeCheckChar } from '../modules/org/credit-code.js';
import { catalogVersions, domains } from '../modules/catalog/schema.js';
import { PILOT_DOMAINS } from '../modules/catalog/data/domains.js';
import { seedUser } from '../modules/account/service.js';
import { compileCatalog, startNewVersion, transition, updateItem } from '../modules/catalog/service.js';
import { domainTemplates, versionItems, toInput } from '../modules/catalog/repository.js';
import { seedDemoInformation } from './demo-info.js';

/** The password of every demo account (demo mode only; outside it they must be changed at sign-in). */
export const DEMO_PASSWORD = 'Gongkai@2026';
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

type SeededOrg = { county: number; office: number; departments: Map<string, number>; townships: Map<string, number> };

async function seedAgencies(db: Db): Promise<SeededOrg> {
  const [county] = await db.insert(agencies).values({ name: DEMO_COUNTY, kind: 'county', creditCode: code(1), ...COUNTY_FACTS }).returning();
  const countyId = county!.id;
  const deptNames = ['县人民政府办公室', ...new Set(PILOT_DOMAINS.map((d) => d.department))];
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
  return { county: countyId, office: departments.get('县人民政府办公室')!, departments, townships };
}

type Account = { username: string; name: string; agency: number; roles: { role: Role; domainId: number | null }[] };

/** Seeds the demo county: organisations, staff accounts, and published catalogs made through the real workflow. */
/** Seeds the demo county once; `information` adds published government information (off in unit tests, whose counts it would change). */
export async function seedDemo(db: Db, opts: { mustChangePassword: boolean; information?: boolean }): Promise<void> {
  const [existing] = await db.select({ id: agencies.id }).from(agencies).limit(1);
  if (existing) return;
  const org = await seedAgencies(db);
  const allDomains = await db.select().from(domains);
  const domainId = (name: string) => allDomains.find((d) => d.name === name)!.id;
  for (const d of PILOT_DOMAINS) {
    await db.update(domains).set({ responsibleAgencyId: org.departments.get(d.department)! }).where(eq(domains.code, d.code));
  }
  const dept = (name: string) => org.departments.get(name)!;
  const town = (name: string) => org.townships.get(name)!;
  const accounts: Account[] = [
    { username: 'admin', name: '系统管理员', agency: org.office, roles: [{ role: 'admin', domainId: null }] },
    { username: 'office', name: '县政务公开办 刘主任', agency: org.office, roles: [{ role: 'office', domainId: null }] },
    { username: 'minzheng', name: '县民政局 陈科长', agency: dept('县民政局'), roles: [{ role: 'supervisor', domainId: domainId('社会救助') }, { role: 'supervisor', domainId: domainId('养老服务') }, { role: 'editor', domainId: null }] },
    { username: 'jiaoyu', name: '县教育局 周科长', agency: dept('县教育局'), roles: [{ role: 'supervisor', domainId: domainId('义务教育') }, { role: 'editor', domainId: null }] },
    { username: 'caizheng', name: '县财政局 吴科长', agency: dept('县财政局'), roles: [{ role: 'supervisor', domainId: domainId('财政预决算') }, { role: 'editor', domainId: null }] },
    { username: 'fagai', name: '县发改委 郑科长', agency: dept('县发展和改革委员会'), roles: [{ role: 'supervisor', domainId: domainId('重大建设项目') }, { role: 'supervisor', domainId: domainId('公共资源交易') }, { role: 'editor', domainId: null }] },
    { username: 'chengguan', name: '城关镇 孙干事', agency: town('城关镇'), roles: [{ role: 'editor', domainId: null }] },
    { username: 'chengguan-sh', name: '城关镇 钱审核', agency: town('城关镇'), roles: [{ role: 'reviewer', domainId: null }] },
    { username: 'hexi', name: '河西乡 冯干事', agency: town('河西乡'), roles: [{ role: 'editor', domainId: null }] },
    { username: 'dongjie', name: '东街街道 何干事', agency: town('东街街道'), roles: [{ role: 'editor', domainId: null }] },
  ];
  const actors = new Map<string, Actor>();
  for (const a of accounts) {
    const id = await seedUser(db, { username: a.username, displayName: a.name, agencyId: a.agency, password: DEMO_PASSWORD, roles: a.roles, mustChangePassword: opts.mustChangePassword });
    actors.set(a.username, { userId: id, username: a.username, name: a.name, agencyId: a.agency, roles: a.roles, mustChangePassword: false });
  }
  const as = (u: string) => ({ db, actor: actors.get(u)! });

  // Published catalogs, made through the same workflow staff use, so history and audit are real.
  const publish = async (editor: string, supervisor: string, domain: string, subject: string) => {
    const templates = await domainTemplates(db, domainId(domain));
    const vid = await compileCatalog(as(editor), { domainId: domainId(domain), templateIds: templates.map((t) => t.id), exclusions: [], subject });
    await transition(as(editor), vid, 'submit');
    await transition(as(supervisor), vid, 'approve', '符合标准指引要求。');
    await transition(as('office'), vid, 'publish');
    return vid;
  };
  const v1 = await publish('hexi', 'minzheng', '社会救助', '河西乡人民政府');
  await publish('jiaoyu', 'jiaoyu', '义务教育', '县教育局');
  await publish('caizheng', 'caizheng', '财政预决算', '县财政局');
  await publish('fagai', 'fagai', '重大建设项目', '县发展和改革委员会');

  // A second version of 河西乡's catalog, so the public history shows a real diff.
  const [catalog] = await db.select({ id: catalogVersions.catalogId }).from(catalogVersions).where(eq(catalogVersions.id, v1));
  const v2 = await startNewVersion(as('hexi'), catalog!.id, '根据县民政局通知，增加乡便民服务中心公开渠道。');
  const first = (await versionItems(db, v2))[0]!;
  await updateItem(as('hexi'), first.id, { ...toInput(first), channels: [...first.channels, '便民服务站'] });
  await transition(as('hexi'), v2, 'submit');
  await transition(as('minzheng'), v2, 'approve', '同意。');
  await transition(as('office'), v2, 'publish');

  if (opts.information) await seedDemoInformation(as('chengguan'), as('chengguan-sh'));
}
