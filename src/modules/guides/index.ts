import type { ModuleManifest } from '../../core/module.js';
import { mayReadGuideFile } from './file-reader.js';
import { guidesWorklist } from './worklist.js';
import { seedGuidesDemo } from './seed.js';
import { registerGuidesPublicRoutes } from './routes.public.js';
import { registerGuidesAdminRoutes } from './routes.admin.js';
import { handbookJob, HANDBOOK_AUDIT, HANDBOOK_NAV, registerHandbookPublicRoutes, registerHandbookStaffRoutes, seedHandbookDemo } from './handbook/index.js';

/** 办事指南 (service guides keyed by 实施编码, the national element set, versions and review) and the 一次性告知单. */
export const guidesModule: ModuleManifest = {
  name: 'guides',
  label: '办事指南',
  // 办事一本通 (handbook/) registers beside the guides' own routes, and adds a job, a nav entry and audit labels.
  routes: {
    public: async (app, deps) => { await registerGuidesPublicRoutes(app, deps); registerHandbookPublicRoutes(app, deps); },
    staff: async (app, deps) => { await registerGuidesAdminRoutes(app, deps); registerHandbookStaffRoutes(app, deps); },
  },
  jobs: [handbookJob],
  publicNav: [{ href: '/banshi', label: '办事指南', order: 32 }],
  nav: [{ group: 'services', href: '/admin/banshi', label: '办事指南', roles: ['editor', 'reviewer', 'office', 'admin'], order: 10 }, HANDBOOK_NAV],
  seed: { demo: async (world) => { await seedGuidesDemo(world); await seedHandbookDemo(world); } },
  worklist: guidesWorklist,
  files: mayReadGuideFile,
  audit: {
    actions: {
      'guides.created': '新增办事指南事项', 'guides.draft_saved': '修改办事指南', 'guides.submitted': '提交办事指南审核', 'guides.approved': '审核通过办事指南',
      'guides.returned': '退回办事指南', 'guides.published': '发布办事指南', 'guides.imported': '导入省级事项清单', 'guides.notice_issued': '出具一次性告知单',
      'guides.bundle_saved': '保存一件事集成服务', ...HANDBOOK_AUDIT.actions,
    },
    targets: { guide_item: '办事指南事项', guide_notice: '一次性告知单', guide_bundle: '一件事集成服务', guide_import: '事项清单导入', ...HANDBOOK_AUDIT.targets },
  },
};
