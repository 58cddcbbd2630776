import { h, Fragment, type Child, type SafeHtml } from '../core/render/jsx.js';
import { DEFAULT_SITE, type PageCtx } from './context.js';
import { ROLE_LABELS } from '../core/auth/actor.js';
import { currentHref } from './nav.js';

/** The name a page shows before the site's identity is set or loaded (see PageCtx.site). */
export const SITE_NAME = DEFAULT_SITE.name;

/**
 * What a page tells the 网页设计规范's meta tags about itself (政府网站发展指引). Every page has
 * SiteName, SiteDomain, SiteIDCode, ColumnName, Keywords and Description; a document page adds
 * ArticleTitle, PubDate and ContentSource.
 */
export type PageMeta = {
  /** ColumnName: by default the current section of the public navigation. */
  column?: string;
  articleTitle?: string;
  pubDate?: Date | null;
  /** ContentSource: who published the content (the 发布机构). */
  contentSource?: string;
  keywords?: string;
  description?: string;
};

type Crumb = { href?: string; label: string };
type LayoutProps = { ctx: PageCtx; title: string; children?: Child; admin?: boolean; crumbs?: Crumb[]; meta?: PageMeta };

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

/**
 * The public section a page is in: the navigation link its path falls under, else the one its
 * breadcrumbs pass through (/xxgk/123 sits under 政府信息公开 by its crumbs), else none.
 */
export function currentSection(ctx: PageCtx, crumbs?: Crumb[]): { href: string; label: string } | null {
  const links = ctx.nav.public;
  // A section's columns count as the section: a page under /zhengqiu is in 公众参与.
  const owner = new Map(links.flatMap((l) => [[l.href, l] as const, ...(l.children ?? []).map((c) => [c.href, l] as const)]));
  const hrefs = [...owner.keys()];
  const path = ctx.path.split('?')[0] ?? '/';
  const candidates = [path, ...(crumbs ?? []).map((c) => c.href).filter((h): h is string => Boolean(h) && h !== '/').reverse()];
  for (const p of candidates) {
    const hit = currentHref(hrefs, p);
    if (hit) return owner.get(hit) ?? null;
  }
  return path === '/' ? (links.find((l) => l.href === '/') ?? null) : null;
}

function PublicNav({ ctx, crumbs }: { ctx: PageCtx; crumbs?: Crumb[] }): SafeHtml {
  const links = ctx.nav.public;
  const current = currentSection(ctx, crumbs)?.href;
  return (
    <nav aria-label="主导航" class="nav">
      <ul>
        {links.map(({ href, label }) => <li><a href={href} aria-current={href === current ? 'page' : undefined}>{label}</a></li>)}
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

function Nav({ ctx, admin, crumbs }: { ctx: PageCtx; admin: boolean; crumbs?: Crumb[] }): SafeHtml {
  return admin && ctx.actor ? <StaffNav ctx={ctx} /> : <PublicNav ctx={ctx} crumbs={crumbs} />;
}

// PubDate as the 规范 writes it: 2026-04-01 09:30, on the Asia/Shanghai clock.
const PUB_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** The 网页设计规范's meta tags for this page. */
function MetaTags({ ctx, title, admin, crumbs, meta = {} }: { ctx: PageCtx; title: string; admin: boolean; crumbs?: Crumb[]; meta?: PageMeta }): SafeHtml {
  const site = ctx.site;
  const column = meta.column ?? (admin ? '工作人员后台' : currentSection(ctx, crumbs)?.label ?? crumbs?.[1]?.label ?? title);
  const tag = (name: string, content: string | undefined | null) => (content == null ? null : <meta name={name} content={content} />);
  return (
    <>
      {tag('SiteName', site.name)}
      {tag('SiteDomain', site.domain || ctx.host)}
      {tag('SiteIDCode', site.idCode)}
      {tag('ColumnName', column)}
      {tag('ArticleTitle', meta.articleTitle)}
      {tag('PubDate', meta.pubDate ? PUB_DATE.format(meta.pubDate) : undefined)}
      {tag('ContentSource', meta.contentSource)}
      {tag('Keywords', meta.keywords || site.keywords || site.name)}
      {tag('Description', meta.description || site.description || `${site.name}${column === title ? '' : ' ' + column} ${title}`)}
    </>
  );
}

const beian = {
  icp: 'https://beian.miit.gov.cn/',
  police: (digits: string) => `https://beian.mps.gov.cn/#/query/webSearch?code=${digits}`,
};

/** The footer: who runs the site, how to reach them, its 标识码 and 备案号, the site map and the 无障碍 statement. */
function SiteFooter({ ctx }: { ctx: PageCtx }): SafeHtml {
  const s = ctx.site;
  const item = (label: string, value: string) => (value ? <span class="footer-item">{label}：{value}</span> : null);
  const police = /\d{14}/.exec(s.police)?.[0];
  return (
    <footer class="site-footer">
      <nav aria-label="网站服务" class="footer-links">
        <ul>
          <li><a href="/sitemap">网站地图</a></li>
          <li><a href="/accessibility">无障碍声明</a></li>
          <li><a href="/api/v1/openapi.json">数据接口</a></li>
        </ul>
      </nav>
      {s.sponsor || s.organizer ? <p>{item('主办单位', s.sponsor)}{item('承办单位', s.organizer)}</p> : null}
      {s.address || s.phone || s.email ? <p>{item('联系地址', s.address)}{item('联系电话', s.phone)}{s.email ? <span class="footer-item">电子邮箱：<a href={`mailto:${s.email}`}>{s.email}</a></span> : null}</p> : null}
      {s.idCode || s.icp || s.police ? (
        <p>
          {item('网站标识码', s.idCode)}
          {s.icp ? <span class="footer-item"><a href={beian.icp} rel="noopener noreferrer">{s.icp}</a></span> : null}
          {s.police ? <span class="footer-item">{police ? <a href={beian.police(police)} rel="noopener noreferrer">{s.police}</a> : s.police}</span> : null}
        </p>
      ) : null}
      {ctx.actor ? <p class="muted">当前角色：{ctx.actor.roles.map((r) => ROLE_LABELS[r.role]).filter((v, i, a) => a.indexOf(v) === i).join('、')}</p> : null}
    </footer>
  );
}

export function Breadcrumbs({ crumbs }: { crumbs: Crumb[] }): SafeHtml {
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
export function Layout({ ctx, title, children, admin = false, crumbs, meta }: LayoutProps): SafeHtml {
  const name = ctx.site.name;
  return (
    <html lang={ctx.hant ? 'zh-Hant' : 'zh-Hans'} class={`font-${ctx.font}`}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === name ? name : `${title} - ${name}`}</title>
        <MetaTags ctx={ctx} title={title} admin={admin} crumbs={crumbs} meta={meta} />
        <link rel="icon" href="/favicon.ico" sizes="32x32" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/site.css" />
        <script src="/static/app.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">跳到主要内容</a>
        <Toolbar ctx={ctx} />
        <header class="site-header">
          <div class="brand">
            <a href={admin ? '/admin' : '/'}>{name}</a>
            {admin ? <span class="badge">工作人员后台</span> : null}
          </div>
          <Nav ctx={ctx} admin={admin} crumbs={crumbs} />
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
        <SiteFooter ctx={ctx} />
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
