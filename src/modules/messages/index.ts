import type { ModuleManifest } from '../../core/module.js';
import { messagesWorklist } from './queries.js';

/** 留言 · 咨询 · 投诉 · 建议 · 领导信箱: messages to agencies and leaders' mailboxes, screening, transfer, reply on the working-day calendar, rating, 常见问题, monthly statistics. */
export const messagesModule: ModuleManifest = {
  name: 'messages',
  label: '留言咨询',
  // publicNav { href: '/liuyan', label: '留言咨询', order: 50, section: 'interaction' } and staff nav (group interaction)
  // come with the routes: manifest.test requires every nav entry to be a route.
  worklist: messagesWorklist,
  audit: {
    actions: {
      'messages.filed': '收到留言', 'messages.released': '留言审核通过', 'messages.screened': '甄别留言', 'messages.assigned': '交办留言',
      'messages.transferred': '转办留言', 'messages.replied': '答复留言', 'messages.rated': '评价留言答复', 'messages.reopened': '留言重新办理',
      'messages.faq_added': '列入常见问题', 'messages.faq_removed': '移出常见问题', 'messages.mailbox_created': '新建领导信箱',
      'messages.settings_updated': '修改留言办理设置',
    },
    targets: { msg_message: '留言', msg_mailbox: '领导信箱', msg_settings: '留言办理设置' },
  },
};
