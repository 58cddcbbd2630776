import type { ModuleManifest } from '../../core/module.js';
import { negativeWorklist } from './worklist.js';
import { registerNegativeAdminRoutes } from './routes.admin.js';
import { registerNegativePublicRoutes } from './routes.public.js';
import { seedNegativeDemo } from './seed.js';

/** 政务公开负面清单: each agency's matters not disclosed, on the exemption grounds of the 2019 条例, reviewed periodically, published as a table. */
export const negativeModule: ModuleManifest = {
  name: 'negative',
  label: '政务公开负面清单',
  routes: { public: registerNegativePublicRoutes, staff: registerNegativeAdminRoutes },
  nav: [{ group: 'info', href: '/admin/negative', label: '负面清单', roles: ['editor', 'reviewer', 'office', 'admin'], order: 40 }],
  seed: { demo: seedNegativeDemo },
  worklist: negativeWorklist,
  audit: {
    actions: {
      'negative.created': '新增负面清单事项', 'negative.updated': '修改负面清单事项', 'negative.published': '发布负面清单事项',
      'negative.withdrawn': '撤回负面清单事项', 'negative.reviewed': '负面清单评估审查', 'negative.settings_updated': '修改负面清单评估周期',
    },
    targets: { neg_entry: '负面清单事项', neg_settings: '负面清单设置' },
  },
};
