import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h, Fragment } from '../../core/render/jsx.js';
import { PUBLIC_SECTIONS, type AppDeps } from '../../core/module.js';
import { siteScopeOf, type PageCtx } from '../../web/context.js';
import { lowerSites } from './site.js';
import { governmentAgencies } from '../../core/org/scope.js';
import { Layout } from '../../web/layout.js';
import { formatDate } from '../../web/components.js';
import { idParam } from '../../web/form.js';
import { listDomains, publishedCatalogs } from '../catalog/queries.js';
import { ARTICLE_20 } from '../info/metadata.js';
import { searchPublished, sitemapDocuments, statutoryCounts, type DocSummary } from '../info/queries.js';
import { el, hostOrigin, siteOrigin } from '../info/feeds.js';
import { agencyTitle, guideAgencies, PART_LABELS, publicPart, topAgencyId, type GuideFields, type Part, type RulesFields } from './guide.js';
import { GuideBody, RulesBody } from './views/guide.js';

/** The four parts every 政府信息公开 column has (国办公开办函〔2019〕61号 practice). */
export const DISCLOSURE_PARTS = [
  { slug: 'guide', title: '政府信息公开指南', text: '信息的分类和编排、获取方式，申请的渠道，工作机构的办公地址、时间和联系方式。' },
  { slug: 'rules', title: '政府信息公开制度', text: '主动公开、保密审查、政策解读、依申请公开和年度报告等工作制度。' },
  { slug: 'statutory', title: '法定主动公开内容', text: '《中华人民共和国政府信息公开条例》第二十条、第二十一条规定应当主动公开的政府信息。' },
  { slug: 'annual-reports', title: '政府信息公开年报', text: '本级政府及各部门、乡镇（街道）的政府信息公开工作年度报告。' },
] as const;

const ZFXXGK_CRUMBS = [{ href: '/', label: '首页' }, { href: '/zfxxgk', label: '政府信息公开' }];
const NOTICE_KINDS = ['通知', '公告', '通告'];
const docHref = (id: number) => `/xxgk/${id}`;

function DocList({ items, empty }: { items: DocSummary[]; empty: string }) {
  if (!items.length) return <p class="muted">{empty}</p>;
  return (
    <ul class="doc-list">
      {items.map((d) => (
        <li>
          <a href={docHref(d.documentId)}>{d.title}</a>
          <span class="doc-list-meta"><span>{d.agencyName}</span> <time datetime={d.publishedAt?.toISOString()}>{formatDate(d.publishedAt)}</time></span>
        </li>
      ))}
    </ul>
  );
}

/** The portal's home page, the 政府信息公开 column's landing pages, the guides, the site map and the favicon. */
export function registerPortalRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  app.get('/favicon.ico', async (_req, reply) => reply.header('cache-control', 'public, max-age=86400').sendFile('favicon.ico'));

  app.get('/', async (req, reply) => {
    const govId = siteScopeOf(req).govId;
    const [domains, catalogs, latest, ...notices] = await Promise.all([
      listDomains(db),
      publishedCatalogs(db, { govId }),
      searchPublished(db, { limit: 8, interpretation: false, govId, count: false }),
      ...NOTICE_KINDS.map((kind) => searchPublished(db, { kind, limit: 6, govId, count: false })),
    ]);
    // Links to the sites below are absolute (another site's path, not this one's prefix).
    const root = hostOrigin(req);
    const lower = lowerSites(db, govId).map((l) => ({ name: l.identity.name, href: l.prefix ? `${root}/${l.prefix}/` : `http://${l.identity.domain}/` }));
    const noticeItems = notices.flatMap((n) => n.items).sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0)).slice(0, 6);
    const recent = [...catalogs].sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0)).slice(0, 6);
    return reply.page((ctx) => (
      <Layout ctx={ctx} title={ctx.site.name} meta={{ column: '首页' }}>
        <h1>{ctx.site.name} 政务公开</h1>
        <p class="lead">法定主动公开内容、基层政务公开标准目录、依申请公开和机构信息，一站查询。</p>
        <div class="home-grid">
          <section aria-labelledby="latest-h" class="home-panel">
            <h2 id="latest-h">最新信息</h2>
            <DocList items={latest.items} empty="暂无已发布的政府信息。" />
            <p class="more"><a href="/xxgk">更多政府信息</a></p>
          </section>
          <section aria-labelledby="notices-h" class="home-panel">
            <h2 id="notices-h">通知公告</h2>
            <DocList items={noticeItems} empty="暂无通知公告。" />
            <p class="more"><a href="/xxgk?kind=%E9%80%9A%E7%9F%A5">更多通知</a> <a href="/xxgk?kind=%E5%85%AC%E5%91%8A">更多公告</a></p>
          </section>
          <section aria-labelledby="ysq-h" class="home-panel home-apply">
            <h2 id="ysq-h">依申请公开</h2>
            <p>需要获取主动公开以外的政府信息，可以在线向有关机关提出申请，并凭查询码查询办理进度和答复。</p>
            <ul class="home-actions">
              <li><a class="button" href="/yishenqing/apply">在线申请</a></li>
              <li><a class="button secondary" href="/yishenqing/follow">查询办理进度</a></li>
              <li><a href="/zfxxgk/guide">政府信息公开指南</a></li>
            </ul>
          </section>
        </div>
        <section aria-labelledby="zfxxgk-h">
          <h2 id="zfxxgk-h">政府信息公开</h2>
          <ul class="cards">{DISCLOSURE_PARTS.map((p) => <li><a href={`/zfxxgk/${p.slug}`}>{p.title}</a><p>{p.text}</p></li>)}</ul>
        </section>
        <section aria-labelledby="catalog-h">
          <h2 id="catalog-h">基层政务公开标准目录</h2>
          <ul class="domain-grid">{domains.map((d) => <li><a href={`/catalog/domains/${d.code}`}>{d.name}</a></li>)}</ul>
        </section>
        {lower.length ? (
          <section aria-labelledby="lower-h">
            <h2 id="lower-h">各县（市、区）政务公开</h2>
            <ul class="domain-grid">{lower.map((l) => <li><a href={l.href}>{l.name}</a></li>)}</ul>
          </section>
        ) : null}
        {recent.length ? (
          <section aria-labelledby="recent-h">
            <h2 id="recent-h">最近发布的目录</h2>
            <ul>{recent.map((c) => <li><a href={`/catalog/domains/${c.domainCode}?agency=${c.agencyId}`}>{c.agencyName} · {c.domainName}领域目录（第 {c.versionNo} 版）</a></li>)}</ul>
          </section>
        ) : null}
      </Layout>
    ));
  });

  // 公众参与 · 互动交流: a landing page per section listing its columns (from the manifests).
  for (const section of PUBLIC_SECTIONS) {
    app.get(section.href, async (_req, reply) =>
      reply.page((ctx) => {
        const columns = ctx.nav.public.find((l) => l.href === section.href)?.children ?? [];
        return (
          <Layout ctx={ctx} title={section.label} crumbs={[{ href: '/', label: '首页' }, { label: section.label }]}>
            <h1>{section.label}</h1>
            <p class="lead">{section.intro}</p>
            <ul class="cards">{columns.map((c) => <li><a href={c.href}>{c.label}</a>{c.note ? <p>{c.note}</p> : null}</li>)}</ul>
          </Layout>
        );
      }),
    );
  }

  app.get('/zfxxgk', async (_req, reply) =>
    reply.page((ctx) => (
      <Layout ctx={ctx} title="政府信息公开" crumbs={[{ href: '/', label: '首页' }, { label: '政府信息公开' }]}>
        <h1>政府信息公开</h1>
        <ul class="cards">
          {DISCLOSURE_PARTS.map((p) => <li><a href={`/zfxxgk/${p.slug}`}>{p.title}</a><p>{p.text}</p></li>)}
          <li><a href="/fumian">政务公开负面清单</a><p>各单位依据《政府信息公开条例》第十四条、第十五条、第十六条不予公开的事项及其依据。</p></li>
        </ul>
        <h2>政府信息公开目录</h2>
        <ul>
          <li><a href="/xxgk">全部主动公开信息</a></li>
          <li><a href="/xxgk/regulatory">行政规范性文件</a></li>
          <li><a href="/xxgk/by-catalog">按基层政务公开标准目录查看</a></li>
        </ul>
        <h2>线下查阅</h2>
        <ul><li><a href="/chayuedian">政府信息公开查阅点</a>（地址、开放时间和电话）</li></ul>
      </Layout>
    )),
  );

  // 政府信息公开指南 and 制度: the top agency's at the column's address, every agency's at its own.
  const partPage = async (req: FastifyRequest, part: Part, agencyId: number | null) => {
    const govId = siteScopeOf(req).govId;
    const [list, id] = await Promise.all([guideAgencies(db, govId), agencyId == null ? topAgencyId(db, govId) : Promise.resolve(agencyId)]);
    const view = id == null ? null : await publicPart(db, id, part, govId);
    return { list, view };
  };
  const renderPart = (part: Part, data: Awaited<ReturnType<typeof partPage>>, ctx: PageCtx, atColumn: boolean) => {
    const label = PART_LABELS[part];
    const { list, view } = data;
    const title = view ? agencyTitle(view.agency.name, label) : label;
    const crumbs = atColumn ? [...ZFXXGK_CRUMBS, { label }] : [...ZFXXGK_CRUMBS, { href: `/zfxxgk/${part}`, label }, { label: view?.agency.name ?? '' }];
    const other: Part = part === 'guide' ? 'rules' : 'guide';
    return (
      <Layout ctx={ctx} title={title} crumbs={crumbs} meta={view ? { articleTitle: title, pubDate: view.publishedAt, contentSource: view.agency.name, keywords: `${label},${view.agency.name},政府信息公开`, description: `${view.agency.name}${label}` } : {}}>
        <h1>{title}</h1>
        {view ? (
          <>
            <p class="muted guide-status">
              {view.published ? `${view.agency.name}发布，发布日期：${formatDate(view.publishedAt)}` : `本${part === 'guide' ? '指南' : '页'}根据${view.agency.name}登记的机构信息和本平台的办理程序生成。`}
              {' '}<a href={`/zfxxgk/${other}/${view.agency.id}`}>{agencyTitle(view.agency.name, PART_LABELS[other])}</a>
            </p>
            {part === 'guide' ? <GuideBody g={view.fields as GuideFields} /> : <RulesBody r={view.fields as RulesFields} />}
          </>
        ) : <p>本平台尚未登记任何机关。</p>}
        {list.length > 1 ? (
          <nav aria-labelledby="others-h" class="guide-others">
            <h2 id="others-h">各机关的{label}</h2>
            <ul class="domain-grid">
              {list.map(({ agency }) => <li><a href={`/zfxxgk/${part}/${agency.id}`} aria-current={agency.id === view?.agency.id ? 'page' : undefined}>{agency.name}</a></li>)}
            </ul>
          </nav>
        ) : null}
      </Layout>
    );
  };
  for (const part of ['guide', 'rules'] as const) {
    app.get(`/zfxxgk/${part}`, async (req, reply) => {
      const data = await partPage(req, part, null);
      return reply.page((ctx) => renderPart(part, data, ctx, true));
    });
    app.get(`/zfxxgk/${part}/:agencyId`, async (req, reply) => {
      const data = await partPage(req, part, idParam((req.params as { agencyId: string }).agencyId));
      return reply.page((ctx) => renderPart(part, data, ctx, false));
    });
  }

  app.get('/zfxxgk/statutory', async (req, reply) => {
    const part = DISCLOSURE_PARTS[2];
    const counts = await statutoryCounts(db, siteScopeOf(req).govId);
    return reply.page((ctx) => (
      <Layout ctx={ctx} title={part.title} crumbs={[...ZFXXGK_CRUMBS, { label: part.title }]}>
        <h1>{part.title}</h1>
        <p>{part.text}</p>
        <section aria-labelledby="art20-h">
          <h2 id="art20-h">条例第二十条规定的主动公开内容</h2>
          <ol class="article20">{ARTICLE_20.map((t, i) => <li><a href={`/xxgk/statutory#item-${i + 1}`}>{t}</a> <span class="muted">（{counts.get(i + 1) ?? 0} 条）</span></li>)}</ol>
          <h2>专项内容</h2>
          <ul>
            <li><a href="/xxgk/regulatory">行政规范性文件</a>（含政策解读）</li>
            <li><a href="/xxgk/cleanup">规范性文件清理结果</a></li>
            <li><a href="/xxgk">全部主动公开信息</a>（可按机构、公文种类、主题分类、年份、有效性筛选）</li>
            <li><a href="/xxgk/by-catalog">按基层政务公开标准目录查看已公开信息</a></li>
          </ul>
          <p>基层政务公开事项见 <a href="/catalog">基层政务公开标准目录</a>；机构职能、办公地址、办公时间、联系方式和负责人见 <a href="/agencies">机构概况</a>。</p>
        </section>
      </Layout>
    ));
  });

  // 网站地图: every section of the site and its main pages, for people (sitemap.xml is for crawlers).
  app.get('/sitemap', async (req, reply) => {
    const [domains, guides] = await Promise.all([listDomains(db), guideAgencies(db, siteScopeOf(req).govId)]);
    return reply.page((ctx) => {
      const sub: Record<string, { href: string; label: string }[]> = {
        '/zfxxgk': [
          ...DISCLOSURE_PARTS.map((p) => ({ href: `/zfxxgk/${p.slug}`, label: p.title })),
          { href: '/fumian', label: '政务公开负面清单' },
          { href: '/xxgk', label: '政府信息公开目录' },
          { href: '/xxgk/statutory', label: '按条例第二十条查看' },
          { href: '/xxgk/regulatory', label: '行政规范性文件' },
          { href: '/xxgk/cleanup', label: '规范性文件清理结果' },
          { href: '/xxgk/by-catalog', label: '按标准目录查看已公开信息' },
        ],
        '/catalog': domains.map((d) => ({ href: `/catalog/domains/${encodeURIComponent(d.code)}`, label: `${d.name}领域` })),
        '/yishenqing': [{ href: '/yishenqing/apply', label: '在线申请' }, { href: '/yishenqing/follow', label: '查询办理进度' }],
      };
      return (
        <Layout ctx={ctx} title="网站地图" crumbs={[{ href: '/', label: '首页' }, { label: '网站地图' }]}>
          <h1>网站地图</h1>
          <ul class="sitemap">
            {ctx.nav.public.map((l) => (
              <li>
                <a href={l.href}>{l.label}</a>
                {(l.children ?? sub[l.href])?.length ? <ul class="domain-grid">{(l.children ?? sub[l.href])!.map((s) => <li><a href={s.href}>{s.label}</a></li>)}</ul> : null}
              </li>
            ))}
            <li>
              <span>各机关的政府信息公开指南</span>
              <ul class="domain-grid">{guides.map(({ agency }) => <li><a href={`/zfxxgk/guide/${agency.id}`}>{agency.name}</a></li>)}</ul>
            </li>
            <li>
              <span>网站服务</span>
              <ul class="domain-grid">
                <li><a href="/search">站内搜索</a></li>
                <li><a href="/accessibility">无障碍声明</a></li>
                <li><a href="/feeds/all.rss">信息订阅（RSS）</a></li>
                <li><a href="/sitemap.xml">XML 网站地图</a></li>
                <li><a href="/api/v1/openapi.json">数据接口</a></li>
                <li><a href="/login">工作人员登录</a></li>
              </ul>
            </li>
          </ul>
        </Layout>
      );
    });
  });

  // 无障碍声明: what the site does for readers with disabilities, its known limits, and whom to tell.
  app.get('/accessibility', async (_req, reply) =>
    reply.page((ctx) => {
      const s = ctx.site;
      return (
        <Layout ctx={ctx} title="无障碍声明" crumbs={[{ href: '/', label: '首页' }, { label: '无障碍声明' }]}>
          <h1>无障碍声明</h1>
          <p>{s.name}致力于让所有人都能获取本网站公开的政府信息，包括视力、听力、肢体、认知障碍人士和老年人。本网站以《信息技术 互联网内容无障碍可访问性技术要求与测试方法》（GB/T 37668—2019）和 WCAG 2.1 AA 级为目标建设。</p>
          <h2>本网站提供的无障碍功能</h2>
          <ul>
            <li>每页开头的“跳到主要内容”链接，可以跳过导航直接阅读正文。</li>
            <li>全部功能可以只用键盘操作，获得焦点的链接和按钮有明显的边框。</li>
            <li>页面顶部可以切换字号（大、中、小）和简体、繁體，设置对全站有效。</li>
            <li>页面在手机宽度下不需要左右滚动；较宽的表格在自己的区域内滚动。</li>
            <li>表单的每个输入框都有文字标签，填写错误时提示出现在相应输入框旁边。</li>
            <li>文字与背景的颜色对比度达到 4.5:1 以上；不只用颜色传达信息。</li>
            <li>关闭浏览器脚本（JavaScript）时，阅读、搜索、筛选和在线申请仍可使用。</li>
            <li>公开页面经过自动化无障碍检测（axe-core，WCAG 2.0/2.1 A 级和 AA 级规则）。</li>
          </ul>
          <h2>已知的不足</h2>
          <p>各机关上传的附件（如扫描的 PDF 文件）可能无法被读屏软件识别。如需这些内容的文字版本，可以通过下列方式联系我们，也可以依申请公开的方式申请获取。</p>
          <h2>联系我们</h2>
          <p>如在使用本网站时遇到障碍，请告诉我们您访问的页面和遇到的问题：</p>
          <ul>
            {s.organizer ? <li>承办单位：{s.organizer}</li> : null}
            {s.phone ? <li>联系电话：{s.phone}</li> : null}
            {s.email ? <li>电子邮箱：<a href={`mailto:${s.email}`}>{s.email}</a></li> : null}
            {s.address ? <li>联系地址：{s.address}</li> : null}
            <li>各机关的联系方式见 <a href="/zfxxgk/guide">政府信息公开指南</a> 和 <a href="/agencies">机构概况</a>。</li>
          </ul>
        </Layout>
      );
    }),
  );

  // Every public page a search engine should know, with each published document's date.
  app.get('/sitemap.xml', async (req, reply) => {
    const origin = siteOrigin(req);
    const govId = siteScopeOf(req).govId;
    const [domains, agencies, docs, guides] = await Promise.all([listDomains(db), governmentAgencies(db, govId), sitemapDocuments(db, 45000, govId), guideAgencies(db, govId)]);
    const pages = [
      '/', '/zfxxgk', ...DISCLOSURE_PARTS.map((p) => `/zfxxgk/${p.slug}`), ...guides.flatMap(({ agency }) => [`/zfxxgk/guide/${agency.id}`, `/zfxxgk/rules/${agency.id}`]), '/fumian',
      '/xxgk', '/xxgk/statutory', '/xxgk/regulatory', '/xxgk/cleanup', '/catalog', ...domains.map((d) => `/catalog/domains/${encodeURIComponent(d.code)}`),
      '/agencies', ...agencies.map((a) => `/agencies/${a.id}`), '/yishenqing', '/sitemap', '/accessibility',
    ];
    const url = (path: string, lastmod?: Date | null) => `<url>${el('loc', origin + path)}${lastmod ? el('lastmod', lastmod.toISOString()) : ''}</url>`;
    const body = [...pages.map((p) => url(p)), ...docs.map((d) => url(`/xxgk/${d.id}`, d.publishedAt))].join('\n');
    return reply.type('application/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`);
  });
}
