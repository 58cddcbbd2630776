import type { ModuleManifest } from '../../core/module.js';
import { messagesWorklist } from './queries.js';
import { registerMessagesPublicRoutes } from './routes.public.js';
import { registerMessagesAdminRoutes } from './routes.admin.js';
import { registerMailboxRoutes } from './routes.mailboxes.js';
import { agencyFaqPanel, faqSearchSource } from './search.js';
import { seedMessagesDemo } from './seed.js';

/** 留言 · 咨询 · 投诉 · 建议 · 领导信箱: messages to agencies and leaders' mailboxes, screening, transfer, reply on the working-day calendar, rating, 常见问题, monthly statistics. */
export const messagesModule: ModuleManifest = {
  name: 'messages',
  label: '留言咨询',
  routes: { public: registerMessagesPublicRoutes, staff: (app, deps) => { registerMessagesAdminRoutes(app, deps); registerMailboxRoutes(app, deps); } },
  publicNav: [{ href: '/liuyan', label: '留言咨询', order: 50, section: 'interaction', note: '向部门、乡镇和领导信箱留言咨询、投诉、建议；查询办理情况，查看公开的答复和常见问题。' }],
  nav: [
    { group: 'interaction', href: '/admin/messages', label: '留言办理', roles: ['editor', 'reviewer', 'office', 'admin'], order: 5 },
    { group: 'interaction', href: '/admin/messages/stats', label: '留言办理统计', roles: ['office', 'admin'], order: 6 },
    { group: 'settings', href: '/admin/messages/settings', label: '留言办理设置', roles: ['office', 'admin'], order: 42 },
    { group: 'settings', href: '/admin/messages/mailboxes', label: '领导信箱', roles: ['office', 'admin'], order: 42.5 },
  ],
  search: [faqSearchSource],
  agencyPanels: [agencyFaqPanel],
  seed: { demo: seedMessagesDemo },
  worklist: messagesWorklist,
  audit: {
    actions: {
      'messages.filed': '收到留言', 'messages.released': '留言审核通过', 'messages.screened': '甄别留言', 'messages.assigned': '交办留言',
      'messages.transferred': '转办留言', 'messages.replied': '答复留言', 'messages.rated': '评价留言答复', 'messages.reopened': '留言重新办理',
      'messages.faq_added': '列入常见问题', 'messages.faq_removed': '移出常见问题', 'messages.mailbox_created': '开通领导信箱', 'messages.mailbox_closed': '停用领导信箱', 'messages.mailbox_reopened': '恢复领导信箱',
      'messages.settings_updated': '修改留言办理设置',
    },
    targets: { msg_message: '留言', msg_mailbox: '领导信箱', msg_settings: '留言办理设置' },
  },
};
