import type { ModuleManifest } from '../../core/module.js';
import { registerOfflineAdminRoutes } from './routes.admin.js';
import { registerOfflinePublicRoutes } from './routes.public.js';
import { seedOfflineDemo } from './seed.js';
import { seedBoardsDemo } from './seed.boards.js';
import { registerBoardRoutes } from './routes.boards.js';
import { registerKioskRoutes } from './routes.kiosk.js';
import { registerKioskGuideRoutes } from './routes.kiosk-guides.js';
import { registerKioskAdminRoutes } from './routes.kiosk-admin.js';
import { mayReadPostingPhoto, takeDownEnded } from './boards.js';
import { offlineWorklist } from './worklist.js';

/** 线下公开渠道: the register of 公开查阅点, 政务公开专区 and 便民服务站 with address and hours on the public site. */
export const offlineModule: ModuleManifest = {
  name: 'offline',
  label: '公开查阅点',
  routes: {
    public: async (app, deps) => {
      registerOfflinePublicRoutes(app, deps);
      registerKioskRoutes(app, deps);
      registerKioskGuideRoutes(app, deps);
    },
    staff: async (app, deps, modules) => {
      registerOfflineAdminRoutes(app, deps);
      registerBoardRoutes(app, deps, modules);
      registerKioskAdminRoutes(app, deps);
    },
  },
  nav: [
    { group: 'settings', href: '/admin/offline', label: '公开查阅点', roles: ['office', 'admin'], order: 43 },
    { group: 'services', href: '/admin/offline/boards', label: '公开栏', roles: ['office', 'admin'], order: 60 },
    { group: 'services', href: '/admin/offline/notices', label: '打印公告', roles: ['office', 'admin'], order: 61 },
    { group: 'settings', href: '/admin/offline/kiosk', label: '专区触摸屏', roles: ['office', 'admin'], order: 44 },
  ],
  // A posting whose notice had a 公示 end comes down the day after it, even across restarts.
  jobs: [{ name: 'offline.take-down', everyMs: 60_000, run: ({ db }) => takeDownEnded(db) }],
  worklist: offlineWorklist,
  files: mayReadPostingPhoto,
  seed: { demo: async (world) => { await seedOfflineDemo(world); await seedBoardsDemo(world); } },
  audit: {
    actions: {
      'offline.point_created': '登记公开查阅点', 'offline.point_updated': '修改公开查阅点',
      'offline.point_deactivated': '停用公开查阅点', 'offline.point_reactivated': '恢复公开查阅点',
      'offline.board_created': '登记公开栏', 'offline.board_updated': '修改公开栏', 'offline.board_deactivated': '停用公开栏', 'offline.board_reactivated': '恢复公开栏',
      'offline.posted': '登记公告张贴', 'offline.taken_down': '撤下公告', 'offline.auto_taken_down': '公示期满自动撤下公告', 'offline.photo_set': '上传张贴照片', 'offline.kiosk_updated': '修改专区触摸屏设置',
    },
    targets: { offline_point: '公开查阅点', offline_board: '公开栏', offline_posting: '公告张贴', offline_kiosk: '专区触摸屏' },
  },
};
