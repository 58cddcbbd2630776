import type { ModuleManifest } from '../../core/module.js';
import { transitionLabels } from '../../core/audit/labels.js';
import { REPORT_TRANSITIONS } from './policy.js';
import { registerReportAdminRoutes } from './routes.admin.js';
import { registerReportPublicRoutes } from './routes.public.js';
import { reportWorklist } from './worklist.js';
import { seedReportDemo } from './seed.js';

/** The statutory annual report (政府信息公开工作年度报告): tables computed, checked, published, exported. */
export const reportModule: ModuleManifest = {
  name: 'report',
  label: '年度报告',
  routes: { public: registerReportPublicRoutes, staff: registerReportAdminRoutes },
  nav: [{ group: 'supervision', href: '/admin/reports', label: '年度报告', roles: ['editor', 'reviewer', 'office', 'admin'], order: 20 }],
  seed: { demo: seedReportDemo },
  worklist: reportWorklist,
  audit: {
    actions: { 'report.created': '新建年度报告', 'report.updated': '修改年度报告', ...transitionLabels('report', '年度报告', REPORT_TRANSITIONS) },
    targets: { annual_report: '年度报告' },
  },
};
