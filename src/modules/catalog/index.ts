import { catalogNoticeProvider } from './notice.js';
import type { ModuleManifest } from '../../core/module.js';
import { transitionLabels } from '../../core/audit/labels.js';
import { TRANSITIONS } from './policy.js';
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
  nav: [
    { group: 'catalog', href: '/admin/catalogs', label: '目录管理', roles: ['editor', 'reviewer', 'supervisor', 'office'], order: 10 },
    { group: 'catalog', href: '/admin/templates', label: '领域标准模板', roles: ['editor', 'reviewer', 'supervisor', 'office', 'admin'], order: 20 },
    { group: 'catalog', href: '/admin/catalogs/supervision', label: '目录审核层级', roles: ['office', 'admin'], order: 30 },
  ],
  search: [catalogSearchSource],
  notices: [catalogNoticeProvider],
  seed: { reference: seedCatalogReference, demo: seedCatalogDemo },
  worklist: catalogWorklist,
  audit: {
    actions: {
      'catalog.compiled': '编制目录', 'catalog.imported': '导入目录事项', 'catalog.new_version': '新建目录版本',
      'catalog.item_added': '新增目录事项', 'catalog.item_updated': '修改目录事项', 'catalog.item_removed': '删除目录事项', 'domain.created': '新增领域', 'catalog.supervision_set': '设置目录审核层级',
      'catalog.import_previewed': '上传导入文件（待确认）', 'catalog.import_discarded': '放弃导入', 'catalog.template_imported': '导入领域标准模板',
      ...transitionLabels('catalog', '公开目录', TRANSITIONS),
    },
    targets: { government: '政府', catalog_version: '目录版本', catalog_item: '目录事项', domain: '领域', catalog_import: '导入文件' },
  },
};
