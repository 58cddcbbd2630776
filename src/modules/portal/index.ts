import type { ModuleManifest } from '../../core/module.js';
import { registerPortalRoutes } from './routes.js';

/** The portal's front: home page, the 政府信息公开 column's landing pages, sitemap.xml. */
export const portalModule: ModuleManifest = {
  name: 'portal',
  label: '门户首页',
  routes: { public: registerPortalRoutes },
  publicNav: [
    { href: '/', label: '首页', order: 0 },
    { href: '/zfxxgk', label: '政府信息公开', order: 10 },
  ],
};
