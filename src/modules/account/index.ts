import type { ModuleManifest } from '../../core/module.js';
import { registerAccountRoutes } from './routes.js';
import { seedDemoAccounts } from './seed.js';
import { accountWorklist } from './worklist.js';

/** Staff accounts, roles, sign-in and the audit log's page. */
export const accountModule: ModuleManifest = {
  name: 'account',
  label: '账号',
  routes: { staff: registerAccountRoutes },
  nav: [
    { group: 'settings', href: '/admin/users', label: '账号管理', roles: ['admin'], order: 20 },
    { group: 'settings', href: '/admin/audit', label: '审计日志', roles: ['admin', 'office'], order: 50 },
    { group: 'settings', href: '/admin/security', label: '登录安全', roles: 'any', order: 85 },
    { group: 'settings', href: '/admin/password', label: '修改密码', roles: 'any', order: 90 },
  ],
  seed: { demo: seedDemoAccounts },
  worklist: accountWorklist,
  audit: {
    actions: { 'account.created': '创建账号', 'account.seeded': '初始化账号', 'account.login': '登录', 'account.logout': '退出登录', 'account.password_changed': '修改密码',
      'account.login_failed': '登录密码错误',
      'account.sign_in_alert': '多次密码错误，登录受限并提醒',
      'account.sign_in_alert_handled': '处理登录异常提醒',
    },
    targets: { user: '账号' },
  },
};
