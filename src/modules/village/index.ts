import type { ModuleManifest } from '../../core/module.js';
import { archiveEnded } from './disclosures.js';
import { villageNotices } from './notices.js';
import { villagePanel } from './panel.js';
import { registerVillageAdminRoutes } from './routes.admin.js';
import { registerVillagePublicRoutes } from './routes.public.js';
import { seedVillageDemo } from './seed.js';
import { seedDefaultTemplate } from './templates.js';
import { villageWorklist } from './worklist.js';

/** 村（居）务公开: each village's list from the province's template, the 监委会's review, 公示 and objections, 村务档案, the township's shared lists and 四议两公开. */
export const villageModule: ModuleManifest = {
  name: 'village',
  label: '村（居）务公开',
  routes: { public: registerVillagePublicRoutes, staff: registerVillageAdminRoutes },
  nav: [{ group: 'info', href: '/admin/cunwu', label: '村（居）务公开', roles: ['editor', 'reviewer', 'office', 'admin'], order: 45 }],
  agencyPanels: [villagePanel],
  jobs: [{ name: 'village.archive', everyMs: 10 * 60_000, run: ({ db }) => archiveEnded(db) }],
  seed: { reference: seedDefaultTemplate, demo: seedVillageDemo },
  worklist: villageWorklist,
  notices: [villageNotices],
  audit: {
    actions: {
      'village.template_saved': '修改村务公开事项模板', 'village.list_made': '生成村务公开目录', 'village.drafted': '起草村务公开', 'village.updated': '修改村务公开',
      'village.submitted': '提交监委会审核', 'village.returned': '监委会退回村务公开', 'village.answered': '答复监委会意见', 'village.signed': '监委会审核签字',
      'village.published': '发布村务公开', 'village.archived': '村务公开归档', 'village.objection_received': '收到村务公开异议', 'village.objection_answered': '答复村务公开异议',
      'village.case_created': '登记四议两公开事项', 'village.case_step': '登记四议两公开步骤', 'village.settings_updated': '修改村务公开设置',
    },
    targets: { vg_template: '村务公开事项模板', vg_village: '村（社区）公开目录', vg_disclosure: '村务公开', vg_objection: '村务公开异议', vg_case: '四议两公开事项', vg_settings: '村务公开设置' },
  },
};
