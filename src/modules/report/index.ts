import type { ModuleManifest } from '../../core/module.js';
import { registerReportAdminRoutes } from './routes.admin.js';
import { registerReportPublicRoutes } from './routes.public.js';
import { reportWorklist } from './worklist.js';

/** The statutory annual report (政府信息公开工作年度报告): tables computed, checked, published, exported. */
export const reportModule: ModuleManifest = {
  name: 'report',
  label: '年度报告',
  routes: { public: registerReportPublicRoutes, staff: registerReportAdminRoutes },
  nav: [{ group: 'supervision', href: '/admin/reports', label: '年度报告', roles: ['editor', 'reviewer', 'office', 'admin'], order: 20 }],
  worklist: reportWorklist,
};
