import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { hasRole } from '../../core/auth/actor.js';
import { formatDateTime } from '../../web/components.js';
import { mySignInSecurity, openSignInAlerts } from './service.js';

/**
 * Wrong passwords that started a throttle: the holder sees their own alert until they have read
 * it, every administrator sees each alert until one of them has dealt with it.
 */
export async function accountWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  const own = (await mySignInSecurity(ctx)).alerts.filter((a) => !a.holderSeenAt);
  const items: WorkItem[] = own.map((a) => ({
    group: 'settings',
    kind: '登录安全提醒',
    title: '您的账号有多次密码错误的登录尝试',
    href: '/admin/security',
    detail: `自 ${formatDateTime(a.firstAt)} 起 ${a.failures} 次，最近一次来自 ${a.lastAddress}`,
    dueOn: null,
    urgency: 'due',
  }));
  if (hasRole(ctx.actor, 'admin')) {
    for (const a of await openSignInAlerts(ctx)) {
      items.push({
        group: 'settings',
        kind: '登录异常',
        title: `账号“${a.displayName}”（${a.username}）有多次密码错误的登录尝试`,
        href: '/admin/users#sign-in-alerts',
        detail: `自 ${formatDateTime(a.firstAt)} 起 ${a.failures} 次，最近一次来自 ${a.lastAddress}`,
        dueOn: null,
        urgency: 'due',
      });
    }
  }
  return items;
}
