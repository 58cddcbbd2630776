import type { ModuleManifest } from '../../core/module.js';
import { registerOfflineAdminRoutes } from './routes.admin.js';
import { registerOfflinePublicRoutes } from './routes.public.js';
import { seedOfflineDemo } from './seed.js';

/** 线下公开渠道: the register of 公开查阅点, 政务公开专区 and 便民服务站 with address and hours on the public site. */
export const offlineModule: ModuleManifest = {
  name: 'offline',
  label: '公开查阅点',
  routes: { public: registerOfflinePublicRoutes, staff: registerOfflineAdminRoutes },
  nav: [{ group: 'settings', href: '/admin/offline', label: '公开查阅点', roles: ['office', 'admin'], order: 43 }],
  seed: { demo: seedOfflineDemo },
  audit: {
    actions: {
      'offline.point_created': '登记公开查阅点', 'offline.point_updated': '修改公开查阅点',
      'offline.point_deactivated': '停用公开查阅点', 'offline.point_reactivated': '恢复公开查阅点',
    },
    targets: { offline_point: '公开查阅点' },
  },
};
