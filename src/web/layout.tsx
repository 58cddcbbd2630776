import { h, Fragment, type Child, type SafeHtml } from '../core/render/jsx.js';
import type { PageCtx } from './context.js';
import { ROLE_LABELS } from '../core/auth/actor.js';
import { currentHref } from './nav.js';

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

function PublicNav({ ctx }: { ctx: PageCtx }): SafeHtml {
  const links = ctx.nav.public;
  const current = currentHref(links.map((l) => l.href), ctx.path);
  return (
    <nav aria-label="主导航" class="nav">
      <ul>
        {links.map(({ href, label }) => <li><a href={href} aria-current={href === current || (href === '/' && ctx.path.split('?')[0] === '/') ? 'page' : undefined}>{label}</a></li>)}
      </ul>
    </nav>
  );
}

/** A count of waiting items beside a navigation link (outside it, so the link's name stays the label). */
const Waiting = ({ n }: { n: number }): SafeHtml | null => (n > 0 ? <span class="nav-count" title={`${n} 件待办`}>{String(n)}<span class="sr-only"> 件待办</span></span> : null);

/**
 * The staff navigation, grouped by the work. Wide screens show the groups in a row and the current
 * group's pages in a second row; at phone width it folds behind a 菜单 toggle — a checkbox and
 * its label, so it opens without JavaScript — and lists every group with its pages.
 */
function StaffNav({ ctx }: { ctx: PageCtx }): SafeHtml {
  const groups = ctx.nav.staff;
  const path = ctx.path.split('?')[0] ?? '/';
  const all = groups.flatMap((g) => g.entries.map((e) => e.href));
  const current = currentHref(all, path);
  const currentGroup = groups.find((g) => g.entries.some((e) => e.href === current));
  const total = groups.reduce((n, g) => n + g.waiting, 0);
  const here = (href: string) => (href === current ? 'page' : undefined);
  return (
    <>
      <input type="checkbox" id="nav-toggle" class="nav-toggle" aria-controls="staff-nav" />
      <label for="nav-toggle" class="nav-toggle-label">菜单{total ? `（待办 ${total}）` : ''}</label>
      <nav aria-label="后台导航" class="nav staff-nav" id="staff-nav">
        <ul class="nav-groups">
          <li class="nav-group"><a href="/admin" aria-current={path === '/admin' ? 'page' : undefined}>工作台</a><Waiting n={total} /></li>
          {groups.map((g) => (
            <li class={`nav-group${g === currentGroup ? ' current' : ''}`}>
              <a href={g.href} aria-current={g.entries.length === 1 ? here(g.href) : undefined} class="nav-group-link">{g.label}</a>
              <Waiting n={g.waiting} />
              <ul class="nav-sub">{g.entries.map((e) => <li><a href={e.href} aria-current={here(e.href)}>{e.label}</a></li>)}</ul>
            </li>
          ))}
        </ul>
      </nav>
      {currentGroup && currentGroup.entries.length > 1 ? (
        <nav aria-label={`${currentGroup.label}导航`} class="subnav">
          <ul>{currentGroup.entries.map((e) => <li><a href={e.href} aria-current={here(e.href)}>{e.label}</a></li>)}</ul>
        </nav>
      ) : null}
    </>
  );
}

function Nav({ ctx, admin }: { ctx: PageCtx; admin: boolean }): SafeHtml {
  return admin && ctx.actor ? <StaffNav ctx={ctx} /> : <PublicNav ctx={ctx} />;
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
