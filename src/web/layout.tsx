import { h, Fragment, type Child, type SafeHtml } from '../core/render/jsx.js';
import type { PageCtx } from './context.js';
import { hasRole, ROLE_LABELS, type Role } from '../core/auth/actor.js';

export const SITE_NAME = '政务公开平台';

type LayoutProps = { ctx: PageCtx; title: string; children?: Child; admin?: boolean; crumbs?: { href?: string; label: string }[] };

function toggleHref(ctx: PageCtx, key: string, value: string): string {
  return `/prefs?${key}=${value}&back=${encodeURIComponent(ctx.path)}`;
}

function Toolbar({ ctx }: { ctx: PageCtx }): SafeHtml {
  const fonts: [string, string][] = [['large', '大'], ['medium', '中'], ['small', '小']];
  return (
    <div class="toolbar" role="region" aria-label="阅读设置">
      <span class="toolbar-group">
        <a href={toggleHref(ctx, 'script', 'hans')} aria-current={!ctx.hant ? 'true' : undefined} lang="zh-Hans">简体</a>
        {' | '}
        <a href={toggleHref(ctx, 'script', 'hant')} aria-current={ctx.hant ? 'true' : undefined} lang="zh-Hant">繁體</a>
      </span>
      <span class="toolbar-group">
        字号：
        {fonts.map(([v, label]) => (
          <a href={toggleHref(ctx, 'font', v)} aria-current={ctx.font === v ? 'true' : undefined} aria-label={`字号${label}`}>{label}</a>
        ))}
      </span>
      {ctx.actor ? (
        <span class="toolbar-group">
          <a href="/admin">{ctx.actor.name}</a>
          <form method="post" action="/logout" class="inline">
            <input type="hidden" name="_csrf" value={ctx.csrf()} />
            <button type="submit" class="link">退出</button>
          </form>
        </span>
      ) : (
        <a href="/login">工作人员登录</a>
      )}
    </div>
  );
}

const PUBLIC_NAV: [string, string][] = [
  ['/', '首页'],
  ['/zfxxgk', '政府信息公开'],
  ['/catalog', '基层政务公开'],
  ['/yishenqing', '依申请公开'],
  ['/agencies', '机构概况'],
];

/** Back-office links, each shown only to the roles that can use it. */
const ADMIN_NAV: [string, string, Role[]][] = [
  ['/admin', '工作台', []],
  ['/admin/catalogs', '公开目录', ['editor', 'reviewer', 'supervisor', 'office']],
  ['/admin/info', '政府信息', ['editor', 'reviewer', 'office']],
  ['/admin/compliance', '公开时效', ['editor', 'reviewer', 'office']],
  ['/admin/foi', '依申请公开', ['editor', 'reviewer', 'office', 'admin']],
  ['/admin/info/reevaluation', '年度评估', ['reviewer', 'office']],
  ['/admin/info/settings', '公开设置', ['office', 'admin']],
  ['/admin/reports', '年度报告', ['editor', 'reviewer', 'office', 'admin']],
  ['/admin/agencies', '机构管理', ['admin', 'office', 'editor']],
  ['/admin/users', '账号管理', ['admin']],
  ['/admin/calendar', '工作日历', ['office', 'admin']],
  ['/admin/audit', '审计日志', ['admin', 'office']],
  ['/admin/password', '修改密码', []],
];

function Nav({ ctx, admin }: { ctx: PageCtx; admin: boolean }): SafeHtml {
  const actor = ctx.actor;
  const items = admin ? ADMIN_NAV.filter(([, , roles]) => roles.length === 0 || (actor && roles.some((r) => hasRole(actor, r)))) : PUBLIC_NAV;
  const current = ctx.path.split('?')[0] ?? '/';
  return (
    <nav aria-label={admin ? '后台导航' : '主导航'} class="nav">
      <ul>
        {items.map(([href, label]) => {
          const active = href === current || (href !== '/' && href !== '/admin' && current.startsWith(href));
          return (
            <li>
              <a href={href} aria-current={active ? 'page' : undefined}>{label}</a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function Breadcrumbs({ crumbs }: { crumbs: { href?: string; label: string }[] }): SafeHtml {
  return (
    <nav aria-label="当前位置" class="crumbs">
      <ol>
        {crumbs.map((c, i) => (
          <li>{c.href && i < crumbs.length - 1 ? <a href={c.href}>{c.label}</a> : <span aria-current={i === crumbs.length - 1 ? 'page' : undefined}>{c.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

/** The page shell: skip link, reading settings, header, navigation, main, footer. */
export function Layout({ ctx, title, children, admin = false, crumbs }: LayoutProps): SafeHtml {
  return (
    <html lang={ctx.hant ? 'zh-Hant' : 'zh-Hans'} class={`font-${ctx.font}`}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title} - {SITE_NAME}</title>
        <link rel="stylesheet" href="/static/site.css" />
        <script src="/static/app.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">跳到主要内容</a>
        <Toolbar ctx={ctx} />
        <header class="site-header">
          <div class="brand">
            <a href={admin ? '/admin' : '/'}>{SITE_NAME}</a>
            {admin ? <span class="badge">工作人员后台</span> : null}
          </div>
          <Nav ctx={ctx} admin={admin} />
          {admin ? null : (
            <form method="get" action="/search" role="search" aria-label="站内搜索" class="site-search">
              <label for="site-q">站内搜索</label>
              <input id="site-q" type="search" name="q" maxlength="100" placeholder="如：低保、义务教育、文号" />
              <button type="submit">搜索</button>
            </form>
          )}
        </header>
        <main id="main" tabindex="-1">
          {crumbs ? <Breadcrumbs crumbs={crumbs} /> : null}
          {children}
        </main>
        <footer class="site-footer">
          <p>政务公开平台 · 开放源代码 · <a href="/api/v1/openapi.json">数据接口</a></p>
          {ctx.actor ? <p class="muted">当前角色：{ctx.actor.roles.map((r) => ROLE_LABELS[r.role]).filter((v, i, a) => a.indexOf(v) === i).join('、')}</p> : null}
        </footer>
      </body>
    </html>
  );
}

/** A simple message page used for errors and confirmations. */
export function MessagePage({ ctx, title, message, admin }: { ctx: PageCtx; title: string; message: string; admin?: boolean }): SafeHtml {
  return (
    <Layout ctx={ctx} title={title} admin={admin}>
      <h1>{title}</h1>
      <p role="alert">{message}</p>
      <p><a href={admin ? '/admin' : '/'}>返回首页</a></p>
    </Layout>
  );
}

export { Fragment };
