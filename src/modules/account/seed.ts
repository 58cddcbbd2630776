import { placementOf } from '../../core/org/scope.js';
import type { Role } from '../../core/auth/actor.js';
import type { DemoWorld } from '../../core/module.js';
import { listDomains } from '../catalog/queries.js';
import { seedUser } from './service.js';
import { SOUTH } from '../org/seed.js';

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
  if (world.region) accounts.push(...regionAccounts(agency, domainId));
  for (const a of accounts) {
    const id = await seedUser(db, { username: a.username, displayName: a.name, agencyId: a.agency, password: DEMO_PASSWORD, roles: a.roles, mustChangePassword: world.mustChangePassword });
    world.actors.set(a.username, { userId: id, username: a.username, name: a.name, agencyId: a.agency, placement: await placementOf(db, a.agency), roles: a.roles, mustChangePassword: false });
  }
}

/**
 * The region demo's staff: the city's administrator, office and the departments that supervise
 * 社会救助, 养老服务 and 义务教育 across both counties; 示范南县's office, administrator, a
 * department and two township clerks (nx-…). 示范县's accounts stay as they are.
 */
function regionAccounts(agency: (name: string) => number, domainId: (name: string) => number): Account[] {
  const s = (name: string) => agency(SOUTH(name));
  return [
    { username: 'shi-admin', name: '市系统管理员', agency: agency('市人民政府办公室'), roles: [{ role: 'admin', domainId: null }] },
    { username: 'shi-office', name: '市政务公开办 黄主任', agency: agency('市人民政府办公室'), roles: [{ role: 'office', domainId: null }] },
    { username: 'shi-minzheng', name: '市民政局 林科长', agency: agency('市民政局'), roles: [{ role: 'supervisor', domainId: domainId('社会救助') }, { role: 'supervisor', domainId: domainId('养老服务') }, { role: 'editor', domainId: null }] },
    { username: 'shi-jiaoyu', name: '市教育局 杨科长', agency: agency('市教育局'), roles: [{ role: 'supervisor', domainId: domainId('义务教育') }, { role: 'editor', domainId: null }] },
    { username: 'nx-admin', name: '南县系统管理员', agency: s('县人民政府办公室'), roles: [{ role: 'admin', domainId: null }] },
    { username: 'nx-office', name: '南县政务公开办 唐主任', agency: s('县人民政府办公室'), roles: [{ role: 'office', domainId: null }] },
    { username: 'nx-caizheng', name: '南县财政局 谢科长', agency: s('县财政局'), roles: [{ role: 'supervisor', domainId: domainId('财政预决算') }, { role: 'editor', domainId: null }] },
    { username: 'nx-nanguan', name: '南关镇 曹干事', agency: s('南关镇'), roles: [{ role: 'editor', domainId: null }] },
    { username: 'nx-liuhe', name: '柳河乡 邓干事', agency: s('柳河乡'), roles: [{ role: 'editor', domainId: null }] },
  ];
}
