import type { ModuleManifest } from '../../core/module.js';
import { opinionPanel } from './items.js';
import { opinionWorklist } from './worklist.js';
import { registerOpinionAdminRoutes } from './routes.admin.js';
import { registerOpinionPublicRoutes } from './routes.public.js';
import { seedOpinionDemo } from './seed.js';

/** 政务舆情回应: the office's register with 5 h / 24 h / 48 h clocks, 会商, responses, evaluation, closure. */
export const opinionModule: ModuleManifest = {
  name: 'opinion',
  label: '政务舆情回应',
  routes: { public: registerOpinionPublicRoutes, staff: registerOpinionAdminRoutes },
  publicNav: [{ href: '/huiying', label: '回应关切', order: 58, section: 'interaction', note: '对社会关注的热点和政务舆情，政府发布的权威信息、新闻发布会和解读回应。' }],
  nav: [
    { group: 'interaction', href: '/admin/opinion', label: '政务舆情回应', roles: ['office', 'admin'], order: 30 },
    { group: 'interaction', href: '/admin/opinion/stats', label: '舆情回应统计', roles: ['office', 'admin'], order: 31 },
    { group: 'settings', href: '/admin/opinion/settings', label: '舆情回应时限', roles: ['office', 'admin'], order: 44 },
  ],
  seed: { demo: seedOpinionDemo },
  worklist: opinionWorklist,
  documentPanels: [opinionPanel],
  audit: {
    actions: {
      'opinion.registered': '登记政务舆情', 'opinion.agency_changed': '调整舆情第一责任单位', 'opinion.consulted': '记录舆情会商',
      'opinion.consulting': '舆情进入会商研判', 'opinion.response_recorded': '登记舆情回应', 'opinion.responded': '舆情已回应',
      'opinion.evaluated': '评估舆情回应', 'opinion.closed': '关闭政务舆情', 'opinion.settings_updated': '修改舆情回应时限',
    },
    targets: { op_item: '政务舆情', op_settings: '舆情回应时限设置' },
  },
};
