import type { FastifyInstance, FastifyReply } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { invalid, notFound } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { Layout } from '../../web/layout.js';
import { formatDate } from '../../web/components.js';
import { idField, idParam } from '../../web/form.js';
import { governmentAgencies } from '../../core/org/scope.js';
import { siteScopeOf } from '../../web/context.js';
import { catalogHistory, domainByCode, listDomains, publishedCatalogs, publishedItem, publishedItems, toInput } from './queries.js';
import { ItemElements, ItemTable } from './views/item.js';
import { DiffList } from './views/diff.js';
import { exportCatalogCsv, exportCatalogJson, exportCatalogXlsx } from './io/index.js';
import { LEVEL_LABELS, type Level } from './types.js';

export function parseLevel(v: unknown): Level | undefined {
  if (v === undefined || v === '') return undefined;
  if (v === 'county' || v === 'township' || v === 'village') return v;
  throw invalid('公开层级参数只能是 county、township 或 village。');
}
const optionalId = (v: unknown) => (v === undefined || v === '' ? undefined : idField(v, '机构编号'));

export async function sendExport(reply: FastifyReply, format: string, items: ReturnType<typeof toInput>[], title: string) {
  const name = encodeURIComponent(title);
  if (format === 'xlsx') {
    const buf = await exportCatalogXlsx(items, { title });
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename*=UTF-8''${name}.xlsx`).send(buf);
  }
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename*=UTF-8''${name}.csv`).send(exportCatalogCsv(items));
  if (format === 'json') return reply.type('application/json; charset=utf-8').header('content-disposition', `attachment; filename*=UTF-8''${name}.json`).send(exportCatalogJson(items));
  throw invalid('导出格式只能是 xlsx、csv 或 json。');
}

export function registerCatalogPublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  app.get('/catalog', async (req, reply) => {
    const q = req.query as { agency?: string };
    const agencyId = optionalId(q.agency);
    const govId = siteScopeOf(req).govId;
    const [domains, catalogs, agencies] = await Promise.all([listDomains(db), publishedCatalogs(db, { agencyId, govId }), governmentAgencies(db, govId)]);
    const agency = agencyId ? agencies.find((a) => a.id === agencyId) : undefined;
    const count = (domainId: number) => catalogs.filter((c) => c.domainId === domainId).length;
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="基层政务公开标准目录" crumbs={[{ href: '/', label: '首页' }, { label: '基层政务公开' }]}>
        <h1>基层政务公开标准目录{agency ? `：${agency.name}` : ''}</h1>
        <p>按照国务院部门制定的 26 个试点领域基层政务公开标准指引，本县各部门、乡镇（街道）编制并公开本级政务公开事项标准目录。</p>
        <p>村（社区）公开的党务、村务、事务和财务，以及乡镇统一公示的低保、补贴名单，见<a href="/cunwu">村（居）务公开</a>；负面清单（不予公开事项）见<a href="/fumian">政务公开负面清单</a>。</p>
        <form method="get" action="/catalog" class="filters">
          <label for="f-agency">按机构查看</label>
          <select id="f-agency" name="agency">
            <option value="">全部机构</option>
            {agencies.filter((a) => a.kind !== 'village' && a.kind !== 'community').map((a) => <option value={a.id} selected={a.id === agencyId}>{a.name}</option>)}
          </select>
          <button type="submit">查看</button>
        </form>
        {agency ? (
          <section>
            <h2>已发布的目录</h2>
            {catalogs.length ? <ul>{catalogs.map((c) => <li><a href={`/catalog/domains/${c.domainCode}?agency=${c.agencyId}`}>{c.domainName}领域</a>（{c.items} 项，第 {c.versionNo} 版）</li>)}</ul> : <p>该机构暂无已发布的目录。</p>}
          </section>
        ) : null}
        <h2>试点领域</h2>
        <ul class="domain-grid">
          {domains.map((d) => (
            <li><a href={`/catalog/domains/${d.code}`}>{d.name}</a> <span class="muted">{count(d.id) ? `${count(d.id)} 个目录` : '暂无目录'}</span></li>
          ))}
        </ul>
      </Layout>
    ));
  });

  app.get('/catalog/domains/:code', async (req, reply) => {
    const q = req.query as { agency?: string; level?: string };
    const domain = await domainByCode(db, String((req.params as { code: string }).code).slice(0, 100));
    const agencyId = optionalId(q.agency);
    const level = parseLevel(q.level);
    // One query for the whole domain (a county has at most a few dozen catalogs per domain);
    // the agency list, the filters and the grouping are derived from it.
    const all = await publishedItems(db, { domainId: domain.id, govId: siteScopeOf(req).govId, limit: 20000 });
    const catalogs = [...new Map(all.map((i) => [i.catalogId, { catalogId: i.catalogId, agencyId: i.agencyId, agencyName: i.agencyName, versionNo: i.versionNo, publishedAt: i.publishedAt }])).values()];
    const shown = all.filter((i) => (!agencyId || i.agencyId === agencyId) && (!level || i.levels.includes(level)));
    const byCatalog = catalogs.map((c) => ({ c, items: shown.filter((i) => i.catalogId === c.catalogId) })).filter((x) => x.items.length);
    return reply.page((ctx) => (
      <Layout ctx={ctx} title={`${domain.name}领域基层政务公开标准目录`} crumbs={[{ href: '/', label: '首页' }, { href: '/catalog', label: '基层政务公开' }, { label: domain.name }]}>
        <h1>{domain.name}领域基层政务公开标准目录</h1>
        {domain.guide ? <p class="muted">标准指引：{domain.guide}</p> : null}
        <form method="get" action={`/catalog/domains/${domain.code}`} class="filters">
          <label for="f-agency">公开主体机构</label>
          <select id="f-agency" name="agency">
            <option value="">全部</option>
            {catalogs.map((c) => <option value={c.agencyId} selected={c.agencyId === agencyId}>{c.agencyName}</option>)}
          </select>
          <label for="f-level">公开层级</label>
          <select id="f-level" name="level">
            <option value="">全部</option>
            {(Object.keys(LEVEL_LABELS) as Level[]).map((l) => <option value={l} selected={l === level}>{LEVEL_LABELS[l]}</option>)}
          </select>
          <button type="submit">筛选</button>
        </form>
        {byCatalog.length === 0 ? <p>暂无符合条件的已发布目录。</p> : null}
        {byCatalog.map(({ c, items: list }) => (
          <section class="catalog-block">
            <h2>{c.agencyName}</h2>
            <p class="muted">
              第 {c.versionNo} 版，发布于 {formatDate(c.publishedAt)} · <a href={`/catalog/catalogs/${c.catalogId}/history`}>修订历史</a> · 下载：
              <a href={`/catalog/catalogs/${c.catalogId}/export.xlsx`}>Excel</a> / <a href={`/catalog/catalogs/${c.catalogId}/export.csv`}>CSV</a> / <a href={`/catalog/catalogs/${c.catalogId}/export.json`}>JSON</a>
            </p>
            <ItemTable items={list} link={(id) => `/catalog/items/${id}`} caption={`${c.agencyName}${domain.name}领域公开事项`} />
          </section>
        ))}
      </Layout>
    ));
  });

  app.get('/catalog/items/:id', async (req, reply) => {
    const item = await publishedItem(db, idParam((req.params as { id: string }).id), siteScopeOf(req).govId);
    return reply.page((ctx) => (
      <Layout ctx={ctx} title={`${item.level2} - ${item.domainName}`} crumbs={[{ href: '/', label: '首页' }, { href: '/catalog', label: '基层政务公开' }, { href: `/catalog/domains/${item.domainCode}`, label: item.domainName }, { label: item.level2 }]}>
        <h1>{item.level1} · {item.level2}</h1>
        <p class="muted">{item.agencyName} · {item.domainName}领域 · 目录第 {item.versionNo} 版（{formatDate(item.publishedAt)} 发布）</p>
        <ItemElements item={item} timeRule={item.timeRule} timeRuleOk={item.timeRuleOk} />
        {/办事指南/.test(item.level2) ? <p><a href={`/banshi?domain=${encodeURIComponent(item.domainCode)}`}>查看{item.domainName}领域的办事指南</a></p> : null}
        <p><a href={`/catalog/domains/${item.domainCode}?agency=${item.agencyId}`}>返回该机构的{item.domainName}领域目录</a></p>
      </Layout>
    ));
  });

  app.get('/catalog/catalogs/:id/history', async (req, reply) => {
    const { catalog, entries } = await catalogHistory(db, idParam((req.params as { id: string }).id), siteScopeOf(req).govId);
    return reply.page((ctx) => (
      <Layout ctx={ctx} title={`${catalog.agencyName}${catalog.domainName}目录修订历史`} crumbs={[{ href: '/', label: '首页' }, { href: '/catalog', label: '基层政务公开' }, { href: `/catalog/domains/${catalog.domainCode}?agency=${catalog.agencyId}`, label: catalog.domainName }, { label: '修订历史' }]}>
        <h1>{catalog.agencyName} {catalog.domainName}领域目录 修订历史</h1>
        <ol class="history" reversed>
          {entries.map((e) => (
            <li>
              <h2>第 {e.versionNo} 版{e.current ? '（现行）' : ''} <span class="muted">{formatDate(e.publishedAt)} 发布</span></h2>
              {e.changeNote ? <p>修订说明：{e.changeNote}</p> : null}
              <DiffList diff={e.diff} />
            </li>
          ))}
        </ol>
      </Layout>
    ));
  });

  app.get('/catalog/catalogs/:id/export.:format', async (req, reply) => {
    const p = req.params as { id: string; format: string };
    const id = idParam(p.id);
    const [c] = (await publishedCatalogs(db, { govId: siteScopeOf(req).govId })).filter((x) => x.catalogId === id);
    if (!c) throw notFound('目录');
    const items = await publishedItems(db, { domainId: c.domainId, agencyId: c.agencyId, limit: 5000 });
    return sendExport(reply, p.format, items.map(toInput), `${c.agencyName}${c.domainName}领域基层政务公开标准目录`);
  });
}
