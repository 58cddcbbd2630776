import { placementOf } from '../../core/org/scope.js';
import type { Role } from '../../core/auth/actor.js';
import type { DemoWorld } from '../../core/module.js';
import { listDomains } from '../catalog/queries.js';
import { seedUser } from './service.js';

/** The password of every demo account (demo mode only; outside it they must be changed at sign-in). */
export const DEMO_PASSWORD = 'Gongkai@2026';

type Account = { username: string; name: string; agency: number; roles: { role: Role; domainId: number | null }[] };

/** The demo county's staff: the office, an administrator, supervising departments and township clerks. */
export async function seedDemoAccounts(world: DemoWorld): Promise<void> {
  const { db } = world;
  const allDomains = await listDomains(db);
  const domainId = (name: string) => allDomains.find((d) => d.name === name)!.id;
  const agency = (name: string) => {
    const id = world.agencies.get(name);
    if (id == null) throw new Error(`demo agency not seeded: ${name}`);
    return id;
  };
  const dept = agency;
  const town = agency;
  const org = { office: agency('县人民政府办公室') };
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
  for (const a of accounts) {
    const id = await seedUser(db, { username: a.username, displayName: a.name, agencyId: a.agency, password: DEMO_PASSWORD, roles: a.roles, mustChangePassword: world.mustChangePassword });
    world.actors.set(a.username, { userId: id, username: a.username, name: a.name, agencyId: a.agency, placement: await placementOf(db, a.agency), roles: a.roles, mustChangePassword: false });
  }
}
