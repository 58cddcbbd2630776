import type { FastifyInstance } from 'fastify';
import { h } from '../../core/render/jsx.js';
import type { AppDeps } from '../../core/module.js';
import { Layout } from '../../web/layout.js';
import { listDomains, publishedCatalogs } from '../catalog/queries.js';
import { listAgencies } from '../org/service.js';
import { ARTICLE_20 } from '../info/metadata.js';
import { sitemapDocuments, statutoryCounts } from '../info/queries.js';
import { el, siteOrigin } from '../info/feeds.js';

/** The four parts every 政府信息公开 column has (国办公开办函〔2019〕61号 practice). */
export const DISCLOSURE_PARTS = [
  { slug: 'guide', title: '政府信息公开指南', text: '公开的方式、申请的渠道和受理机构、办公时间与联系方式等。' },
  { slug: 'rules', title: '政府信息公开制度', text: '本县政府信息公开工作的各项制度。' },
  { slug: 'statutory', title: '法定主动公开内容', text: '《中华人民共和国政府信息公开条例》第二十条、第二十一条规定应当主动公开的政府信息。' },
  { slug: 'annual-reports', title: '政府信息公开年报', text: '本县及各部门、乡镇（街道）的政府信息公开工作年度报告。' },
] as const;

/** The portal's home page and the 政府信息公开 column's landing pages. */
export function registerPortalRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  app.get('/', async (_req, reply) => {
    const [domains, catalogs, agencies] = await Promise.all([listDomains(db), publishedCatalogs(db), listAgencies(db)]);
    const county = agencies.find((a) => a.kind === 'county');
    const recent = [...catalogs].sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0)).slice(0, 6);
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="首页">
        <h1>{county?.name ?? '政务公开平台'} 政务公开</h1>
        <p class="lead">法定主动公开内容、基层政务公开标准目录和机构信息，一站查询。</p>
        <section>
          <h2>政府信息公开</h2>
          <ul class="cards">{DISCLOSURE_PARTS.map((p) => <li><a href={`/zfxxgk/${p.slug}`}>{p.title}</a><p>{p.text}</p></li>)}</ul>
        </section>
        <section>
          <h2>基层政务公开标准目录</h2>
          <ul class="domain-grid">{domains.map((d) => <li><a href={`/catalog/domains/${d.code}`}>{d.name}</a></li>)}</ul>
        </section>
        {recent.length ? (
          <section>
            <h2>最近发布的目录</h2>
            <ul>{recent.map((c) => <li><a href={`/catalog/domains/${c.domainCode}?agency=${c.agencyId}`}>{c.agencyName} · {c.domainName}领域目录（第 {c.versionNo} 版）</a></li>)}</ul>
          </section>
        ) : null}
      </Layout>
    ));
  });

  app.get('/zfxxgk', async (_req, reply) =>
    reply.page((ctx) => (
      <Layout ctx={ctx} title="政府信息公开" crumbs={[{ href: '/', label: '首页' }, { label: '政府信息公开' }]}>
        <h1>政府信息公开</h1>
        <ul class="cards">{DISCLOSURE_PARTS.map((p) => <li><a href={`/zfxxgk/${p.slug}`}>{p.title}</a><p>{p.text}</p></li>)}</ul>
      </Layout>
    )),
  );

  app.get('/zfxxgk/:part', async (req, reply) => {
    const part = DISCLOSURE_PARTS.find((p) => p.slug === (req.params as { part: string }).part);
    if (!part) return reply.callNotFound();
    const counts = part.slug === 'statutory' ? await statutoryCounts(db) : null;
    return reply.page((ctx) => (
      <Layout ctx={ctx} title={part.title} crumbs={[{ href: '/', label: '首页' }, { href: '/zfxxgk', label: '政府信息公开' }, { label: part.title }]}>
        <h1>{part.title}</h1>
        <p>{part.text}</p>
        {counts ? (
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
        ) : <p class="muted">本栏目内容正在建设中。</p>}
      </Layout>
    ));
  });

  // Every public page a search engine should know, with each published document's date.
  app.get('/sitemap.xml', async (req, reply) => {
    const origin = siteOrigin(req);
    const [domains, agencies, docs] = await Promise.all([listDomains(db), listAgencies(db), sitemapDocuments(db)]);
    const pages = ['/', '/zfxxgk', ...DISCLOSURE_PARTS.map((p) => `/zfxxgk/${p.slug}`), '/xxgk', '/xxgk/statutory', '/xxgk/regulatory', '/xxgk/cleanup', '/catalog', ...domains.map((d) => `/catalog/domains/${encodeURIComponent(d.code)}`), '/agencies', ...agencies.map((a) => `/agencies/${a.id}`)];
    const url = (path: string, lastmod?: Date | null) => `<url>${el('loc', origin + path)}${lastmod ? el('lastmod', lastmod.toISOString()) : ''}</url>`;
    const body = [...pages.map((p) => url(p)), ...docs.map((d) => url(`/xxgk/${d.id}`, d.publishedAt))].join('\n');
    return reply.type('application/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`);
  });
}
