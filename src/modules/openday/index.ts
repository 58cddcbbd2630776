import type { ModuleManifest } from '../../core/module.js';
import { opendayWorklist } from './worklist.js';
import { registerOpendayPublicRoutes } from './routes.public.js';
import { registerOpendayAdminRoutes } from './routes.admin.js';
import { seedOpendayDemo } from './seed.js';

/** 政府开放日: events, sessions, registration with masked ID, waiting list, selection list, opinions after the visit. */
export const opendayModule: ModuleManifest = {
  name: 'openday',
  label: '政府开放日',
  routes: { public: registerOpendayPublicRoutes, staff: registerOpendayAdminRoutes },
  publicNav: [{ href: '/kaifangri', label: '政府开放日', order: 54, section: 'interaction', note: '走进政府机关，参观体验、座谈交流；在线报名、查看名单和活动回顾。' }],
  nav: [
    { group: 'interaction', href: '/admin/openday', label: '政府开放日', roles: ['editor', 'reviewer', 'office', 'admin'], order: 30 },
    { group: 'settings', href: '/admin/openday/settings', label: '政府开放日设置', roles: ['office', 'admin'], order: 44 },
  ],
  seed: { demo: seedOpendayDemo },
  worklist: opendayWorklist,
  audit: {
    actions: {
      'openday.created': '新建政府开放日活动', 'openday.announced': '发布政府开放日活动', 'openday.cancelled': '取消政府开放日活动',
      'openday.drawn': '抽选开放日参加人', 'openday.selected': '确定开放日参加人', 'openday.unselected': '取消开放日参加人',
      'openday.list_published': '公布开放日参加人名单', 'openday.opinion_entered': '录入开放日意见', 'openday.opinion_assigned': '交办开放日意见',
      'openday.opinion_answered': '答复开放日意见', 'openday.settings_updated': '修改政府开放日设置',
      'openday.summary_saved': '保存开放日活动回顾', 'openday.summary_published': '公开开放日活动回顾',
    },
    targets: { od_event: '政府开放日活动', od_settings: '政府开放日设置' },
  },
};
