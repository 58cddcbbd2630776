import type { ModuleManifest } from '../../core/module.js';
import { registerOrgRoutes } from './routes.js';
import { agencyEntry } from './search.js';
import { seedDemoAgencies } from './seed.js';
import { listAgencies } from './service.js';

/** The tree of agencies (县 → 部门 / 乡镇街道 → 村社区): public 机构概况 and its management. */
export const orgModule: ModuleManifest = {
  name: 'org',
  label: '机构',
  routes: { public: registerOrgRoutes },
  publicNav: [{ href: '/agencies', label: '机构概况', order: 40 }],
  nav: [{ group: 'settings', href: '/admin/agencies', label: '机构管理', roles: ['admin', 'office', 'editor'], order: 10 }],
  search: [{ kind: 'agency', label: '机构概况', entries: async (db) => (await listAgencies(db)).map(agencyEntry) }],
  seed: { demo: seedDemoAgencies },
  audit: { actions: { 'agency.created': '新增机构', 'agency.updated': '修改机构信息', 'org.government_placed': '置于上级政府之下' }, targets: { agency: '机构' } },
};
