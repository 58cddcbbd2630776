import type { ModuleManifest } from '../../core/module.js';
import { registerPortalRoutes } from './routes.js';
import { registerPortalAdminRoutes } from './routes.admin.js';
import { seedPortalDemo } from './seed.js';
import { portalWorklist } from './worklist.js';

/**
 * The portal's front: the site's identity (name, footer, meta tags, favicon), the home page, the
 * 政府信息公开 column's landing pages with each agency's 公开指南 and 制度, the site map (HTML and
 * XML) and the 无障碍 statement.
 */
export const portalModule: ModuleManifest = {
  name: 'portal',
  label: '门户首页',
  routes: { public: registerPortalRoutes, staff: registerPortalAdminRoutes },
  publicNav: [
    { href: '/', label: '首页', order: 0 },
    { href: '/zfxxgk', label: '政府信息公开', order: 10 },
  ],
  nav: [
    { group: 'info', href: '/admin/guides', label: '公开指南与制度', roles: ['editor', 'reviewer', 'office'], order: 40 },
    { group: 'settings', href: '/admin/site', label: '网站标识', roles: ['admin'], order: 5 },
  ],
  seed: { demo: seedPortalDemo },
  worklist: portalWorklist,
  audit: {
    actions: {
      'portal.site_updated': '修改网站标识',
      'portal.guide_saved': '保存政府信息公开指南',
      'portal.guide_published': '发布政府信息公开指南',
      'portal.rules_saved': '保存政府信息公开制度',
      'portal.rules_published': '发布政府信息公开制度',
    },
    targets: { portal_site: '网站标识', portal_guide: '政府信息公开指南', portal_rules: '政府信息公开制度' },
  },
};
