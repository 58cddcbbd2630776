import type { ModuleManifest } from '../../core/module.js';
import { registerCatalogAdminRoutes } from './routes.admin.js';
import { registerCatalogApi } from './routes.api.js';
import { registerCatalogPublicRoutes } from './routes.public.js';
import { catalogSearchSource } from './search.js';
import { seedCatalogDemo, seedCatalogReference } from './seed.js';
import { catalogWorklist } from './worklist.js';

/** The standard disclosure catalog of the 26 pilot domains: templates, agencies' catalogs, versions, import/export. */
export const catalogModule: ModuleManifest = {
  name: 'catalog',
  label: '基层政务公开标准目录',
  routes: { public: registerCatalogPublicRoutes, staff: registerCatalogAdminRoutes, api: registerCatalogApi },
  publicNav: [{ href: '/catalog', label: '基层政务公开', order: 20 }],
  nav: [{ group: 'catalog', href: '/admin/catalogs', label: '目录管理', roles: ['editor', 'reviewer', 'supervisor', 'office'], order: 10 }],
  search: [catalogSearchSource],
  seed: { reference: seedCatalogReference, demo: seedCatalogDemo },
  worklist: catalogWorklist,
};
