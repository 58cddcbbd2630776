import { documentNoticeProvider } from './notice.js';
import type { ModuleManifest } from '../../core/module.js';
import { transitionLabels } from '../../core/audit/labels.js';
import { TRANSITIONS } from './policy.js';
import { registerFeedRoutes } from './feeds.js';
import { registerInfoAdminRoutes } from './routes.admin.js';
import { registerInfoApi } from './routes.api.js';
import { registerComplianceRoutes } from './routes.compliance.js';
import { registerInfoPublicRoutes } from './routes.public.js';
import { registerReevaluationRoutes } from './routes.reevaluation.js';
import { registerInfoSettingsRoutes } from './routes.settings.js';
import { documentSearchSource } from './indexing.js';
import { publishDue } from './service.js';
import { mayReadAttachedFile } from './attachments.js';
import { seedInfoDemo } from './seed.js';
import { infoWorklist } from './worklist.js';

/** Government information: documents and editions, 索引号, 三同步, validity, re-evaluation, timeliness, /xxgk, feeds. */
export const infoModule: ModuleManifest = {
  name: 'info',
  label: '政府信息',
  routes: {
    public: async (app, deps, modules) => {
      registerInfoPublicRoutes(app, deps, modules);
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
  notices: [documentNoticeProvider],
  files: mayReadAttachedFile,
  audit: {
    actions: {
      'info.created': '新建政府信息', 'info.updated': '修改政府信息', 'info.new_edition': '新建修订版本', 'info.validity': '变更有效性',
      'info.reevaluated': '不予公开信息年度评估', 'info.settings_updated': '修改公开设置', 'info.attachment_added': '添加附件', 'info.attachment_removed': '删除附件',
      'info.schedule_failed': '政府信息：定时发布未成功', ...transitionLabels('info', '政府信息', TRANSITIONS),
    },
    targets: { info_document: '政府信息', info_edition: '政府信息版本', info_settings: '公开设置' },
  },
};
