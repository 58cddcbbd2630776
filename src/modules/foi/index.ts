import type { ModuleManifest } from '../../core/module.js';
import { EVENT_LABELS } from './intake.js';
import { registerFoiAdminRoutes } from './routes.admin.js';
import { registerFoiPublicRoutes } from './routes.public.js';
import { seedFoiDemo } from './seed.js';
import { foiWorklist } from './worklist.js';
import { mayReadCaseFile } from './queries.js';

/** Applications for disclosure (依申请公开) on the statutory working-day clock. */
export const foiModule: ModuleManifest = {
  name: 'foi',
  label: '依申请公开',
  // The public registrar also declares the JSON API's POST /api/v1/applications (rate-limited with the form).
  routes: { public: registerFoiPublicRoutes, staff: registerFoiAdminRoutes },
  publicNav: [{ href: '/yishenqing', label: '依申请公开', order: 30 }],
  nav: [
    { group: 'foi', href: '/admin/foi', label: '申请办理', roles: ['editor', 'reviewer', 'office', 'admin'], order: 10 },
    { group: 'foi', href: '/admin/foi/register', label: '登记申请', roles: ['editor', 'reviewer', 'office'], order: 20 },
    { group: 'foi', href: '/admin/foi/stats', label: '办理统计', roles: ['editor', 'reviewer', 'office', 'admin'], order: 30 },
    { group: 'foi', href: '/admin/foi/popular', label: '多人申请的信息', roles: ['editor', 'reviewer', 'office', 'admin'], order: 40 },
    { group: 'foi', href: '/admin/foi/reviews', label: '复议与诉讼', roles: ['editor', 'reviewer', 'office'], order: 50 },
    { group: 'settings', href: '/admin/foi/settings', label: '依申请公开设置', roles: ['office', 'admin'], order: 35 },
  ],
  seed: { demo: seedFoiDemo },
  worklist: foiWorklist,
  files: mayReadCaseFile,
  audit: {
    actions: {
      'foi.registered': '登记申请', 'foi.confirmed': '确认受理网上申请', 'foi.supplied_online': '申请人网上提交补正', 'foi.review_added': '登记行政复议或诉讼', 'foi.review_decided': '记录复议或诉讼结果',
      'foi.settings_updated': '修改依申请公开设置', 'foi.remedies_updated': '设置行政复议机关和人民法院', ...Object.fromEntries(Object.entries(EVENT_LABELS).map(([k, v]) => [`foi.${k}`, `依申请公开：${v}`])),
    },
    targets: { foi_application: '依申请公开申请', foi_review: '行政复议或诉讼', foi_settings: '依申请公开设置' },
  },
};
