import type { ModuleManifest } from '../../core/module.js';
import { registerFeedRoutes } from './feeds.js';
import { registerInfoAdminRoutes } from './routes.admin.js';
import { registerInfoApi } from './routes.api.js';
import { registerComplianceRoutes } from './routes.compliance.js';
import { registerInfoPublicRoutes } from './routes.public.js';
import { registerReevaluationRoutes } from './routes.reevaluation.js';
import { registerInfoSettingsRoutes } from './routes.settings.js';
import { documentSearchSource } from './indexing.js';
import { publishDue } from './service.js';
import { seedInfoDemo } from './seed.js';
import { infoWorklist } from './worklist.js';

/** Government information: documents and editions, 索引号, 三同步, validity, re-evaluation, timeliness, /xxgk, feeds. */
export const infoModule: ModuleManifest = {
  name: 'info',
  label: '政府信息',
  routes: {
    public: async (app, deps) => {
      registerInfoPublicRoutes(app, deps);
      registerFeedRoutes(app, deps);
    },
    staff: async (app, deps) => {
      registerInfoAdminRoutes(app, deps);
      registerReevaluationRoutes(app, deps);
      registerComplianceRoutes(app, deps);
      registerInfoSettingsRoutes(app, deps);
    },
    api: registerInfoApi,
  },
  nav: [
    { group: 'info', href: '/admin/info', label: '信息发布', roles: ['editor', 'reviewer', 'office'], order: 10 },
    { group: 'info', href: '/admin/info/reevaluation', label: '年度评估', roles: ['reviewer', 'office'], order: 20 },
    { group: 'supervision', href: '/admin/compliance', label: '公开时效', roles: ['editor', 'reviewer', 'office'], order: 10 },
    { group: 'settings', href: '/admin/info/settings', label: '公开设置', roles: ['office', 'admin'], order: 30 },
  ],
  search: [documentSearchSource],
  // Scheduled publication happens at its time even across restarts: a missed one runs at start-up.
  jobs: [{ name: 'publish-due', everyMs: 15_000, run: ({ db }) => publishDue(db) }],
  seed: { demo: seedInfoDemo },
  worklist: infoWorklist,
};
