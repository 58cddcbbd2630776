import type { ModuleManifest } from '../../core/module.js';
import { registerParticipationAdminRoutes } from './routes.admin.js';
import { registerParticipationPublicRoutes } from './routes.public.js';
import { participationWorklist } from './worklist.js';
import { participationPanel } from './queries.js';
import { runSchedule } from './consultations.js';
import { seedParticipationDemo } from './seed.js';
import { mayReadAttachment } from './files.js';

/** Public participation (公众参与): the decision-matter catalog, consultations, a decision on every opinion, the feedback report. */
export const participationModule: ModuleManifest = {
  name: 'participation',
  label: '公众参与',
  routes: { public: registerParticipationPublicRoutes, staff: registerParticipationAdminRoutes },
  publicNav: [{ href: '/zhengqiu', label: '意见征集', order: 35, section: 'participation', note: '规章、规范性文件和重大行政决策草案公开征求意见，查看意见采纳情况。' }],
  nav: [
    { group: 'interaction', href: '/admin/participation', label: '征求意见', roles: ['editor', 'reviewer', 'office', 'admin'], order: 10 },
    { group: 'interaction', href: '/admin/participation/matters', label: '重大行政决策事项目录', roles: ['office', 'admin'], order: 20 },
    { group: 'settings', href: '/admin/participation/settings', label: '公众参与设置', roles: ['office', 'admin'], order: 40 },
  ],
  jobs: [{ name: 'participation.schedule', everyMs: 60_000, run: ({ db }) => runSchedule(db) }],
  seed: { demo: seedParticipationDemo },
  worklist: participationWorklist,
  documentPanels: [participationPanel],
  files: mayReadAttachment,
  audit: {
    actions: {
      'participation.created': '新建征求意见', 'participation.updated': '修改征求意见', 'participation.published': '发布征求意见', 'participation.opened': '征求意见开始',
      'participation.closed': '征求意见截止', 'participation.attachment_added': '上传征求意见附件', 'participation.attachment_removed': '删除征求意见附件',
      'participation.document_linked': '关联征求意见的正式文件', 'participation.comment_approved': '审核通过网上意见', 'participation.comment_rejected': '网上意见不予公开',
      'participation.opinion_recorded': '录入意见', 'participation.opinion_decided': '处理意见', 'participation.grouped': '意见归组', 'participation.ungrouped': '意见移出组',
      'participation.group_decided': '处理一组意见', 'participation.report_submitted': '提交意见采纳情况', 'participation.report_published': '审核发布意见采纳情况',
      'participation.report_returned': '退回意见采纳情况', 'participation.finished': '征求意见办结', 'participation.comments_exported': '导出征求意见的全部意见',
      'participation.settings_updated': '修改公众参与设置', 'participation.matter_created': '新增重大行政决策事项', 'participation.matter_adjusted': '调整重大行政决策事项',
    },
    targets: { part_consultation: '征求意见', part_opinion: '意见', part_group: '意见组', part_matter: '重大行政决策事项', part_settings: '公众参与设置' },
  },
};
