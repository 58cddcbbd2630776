import type { ModuleManifest } from '../../core/module.js';
import { registerHearingAdminRoutes } from './routes.admin.js';
import { registerHearingPublicRoutes } from './routes.public.js';
import { hearingWorklist } from './worklist.js';
import { seedHearingDemo } from './seed.js';
import { mayReadMeetingFile } from './records.js';
import { consultationMeetingsPanel } from './meetings.js';

/** 听证会 · 座谈会: meetings of a consultation, registration, participants, materials, minutes, and their opinions in the consultation's list. */
export const hearingModule: ModuleManifest = {
  name: 'hearing',
  label: '听证会座谈会',
  routes: { public: registerHearingPublicRoutes, staff: registerHearingAdminRoutes },
  publicNav: [{ href: '/tingzheng', label: '听证座谈', order: 36, section: 'participation', note: '听证会、座谈会的公告、报名、参加人名单和会议纪要。' }],
  nav: [
    { group: 'interaction', href: '/admin/hearing', label: '听证会·座谈会', roles: ['editor', 'reviewer', 'office', 'admin'], order: 15 },
    { group: 'settings', href: '/admin/hearing/settings', label: '听证座谈设置', roles: ['office', 'admin'], order: 41 },
  ],
  seed: { demo: seedHearingDemo },
  worklist: hearingWorklist,
  files: mayReadMeetingFile,
  consultationPanels: [consultationMeetingsPanel],
  audit: {
    actions: {
      'hearing.created': '新建听证会座谈会', 'hearing.updated': '修改听证会座谈会', 'hearing.announced': '发布会议公告',
      'hearing.selected': '确定会议参加人', 'hearing.unselected': '取消会议参加人', 'hearing.drawn': '随机抽选会议参加人',
      'hearing.list_published': '公布会议参加人名单', 'hearing.material_added': '上传会议材料', 'hearing.material_removed': '删除会议材料',
      'hearing.materials_published': '发布会议材料', 'hearing.minutes_recorded': '录入会议笔录', 'hearing.minutes_published': '公开会议笔录',
      'hearing.report_saved': '保存会议报告', 'hearing.report_published': '公开会议报告', 'hearing.opinion_entered': '录入会上意见',
      'hearing.settings_updated': '修改听证座谈设置', 'hearing.cancelled': '取消会议',
    },
    targets: { hear_meeting: '听证会座谈会', hear_settings: '听证座谈设置' },
  },
};
