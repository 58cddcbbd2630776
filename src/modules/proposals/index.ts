import type { ModuleManifest } from '../../core/module.js';
import { proposalsWorklist } from './worklist.js';
import { registerProposalsAdminRoutes } from './routes.admin.js';
import { registerProposalsPublicRoutes } from './routes.public.js';
import { proposalSearchSource } from './search.js';
import { seedProposalsDemo } from './seed.js';

/** 建议提案办理: NPC deputies' suggestions and CPPCC proposals, their handling, replies and their public column. */
export const proposalsModule: ModuleManifest = {
  name: 'proposals',
  label: '建议提案办理',
  routes: { public: registerProposalsPublicRoutes, staff: registerProposalsAdminRoutes },
  publicNav: [{ href: '/jianyi', label: '建议提案办理', order: 56, section: 'interaction', note: '人大代表建议、政协委员提案的办理复文（全文或摘要）。' }],
  nav: [
    { group: 'interaction', href: '/admin/proposals', label: '建议提案办理', roles: ['editor', 'reviewer', 'office', 'admin'], order: 30 },
    { group: 'settings', href: '/admin/proposals/settings', label: '建议提案办理设置', roles: ['office', 'admin'], order: 43 },
  ],
  search: [proposalSearchSource],
  seed: { demo: seedProposalsDemo },
  worklist: proposalsWorklist,
  audit: {
    actions: {
      'proposals.registered': '交办建议提案', 'proposals.co_view_recorded': '录入协办意见', 'proposals.extended': '建议提案延期办理',
      'proposals.replied': '答复建议提案', 'proposals.satisfaction_recorded': '登记代表委员满意度', 'proposals.follow_up_added': '登记跟踪落实情况',
      'proposals.published': '公开建议提案办理结果', 'proposals.settings_updated': '修改建议提案办理设置',
    },
    targets: { prop_item: '建议提案', prop_settings: '建议提案办理设置' },
  },
};
