import { h, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { ARTICLE_20 } from '../metadata.js';
import type { DocSummary } from '../queries.js';
import { FeedLinks, docHref, filterQuery, ymd } from './shared.js';

const CRUMBS = [{ href: '/', label: '首页' }, { href: '/zfxxgk', label: '政府信息公开' }];
type AgencyOpt = { id: number; name: string };

function AgencyForm({ action, agencies, agencyId, label }: { action: string; agencies: AgencyOpt[]; agencyId?: number; label: string }): SafeHtml {
  return (
    <form method="get" action={action} class="filters">
      <label for="f-agency">{label}</label>
      <select id="f-agency" name="agency">
        <option value="">全部机构</option>
        {agencies.map((a) => <option value={a.id} selected={a.id === agencyId}>{a.name}</option>)}
      </select>
      <button type="submit">查看</button>
    </form>
  );
}

function DocList({ items }: { items: DocSummary[] }): SafeHtml {
  return <ul class="doc-list">{items.map((d) => <li><a href={docHref(d.documentId)}>{d.title}</a> <span class="muted">{d.agencyName} · {ymd(d.publishedAt)}</span></li>)}</ul>;
}

export type StatutoryGroup = { item: number; items: DocSummary[]; total: number };

/** 条例第二十条: one section per item, each with its latest documents and a link to all of them. */
export function StatutoryPage({ ctx, groups, agencies, agencyId }: { ctx: PageCtx; groups: StatutoryGroup[]; agencies: AgencyOpt[]; agencyId?: number }): SafeHtml {
  const agency = agencyId ? agencies.find((a) => a.id === agencyId) : undefined;
  return (
    <Layout ctx={ctx} title="法定主动公开内容" crumbs={[...CRUMBS, { href: '/zfxxgk/statutory', label: '法定主动公开内容' }, { label: '按条例第二十条' }]}>
      <h1>法定主动公开内容{agency ? `：${agency.name}` : ''}</h1>
      <p>按《中华人民共和国政府信息公开条例》第二十条所列十五项内容分类。另见 <a href="/xxgk/regulatory">行政规范性文件</a>、<a href="/xxgk/cleanup">规范性文件清理结果</a>{agency ? [<span>、</span>, <a href={`/xxgk/by-catalog?agency=${agency.id}`}>{agency.name}按公开目录查看</a>] : null}。</p>
      <AgencyForm action="/xxgk/statutory" agencies={agencies} agencyId={agencyId} label="按机构查看" />
      <nav aria-label="第二十条各项">
        <ol class="article20">{ARTICLE_20.map((t, i) => <li><a href={`#item-${i + 1}`}>{t}</a></li>)}</ol>
      </nav>
      {groups.map((g) => (
        <section id={`item-${g.item}`} aria-labelledby={`item-${g.item}-h`} class="statutory-item">
          <h2 id={`item-${g.item}-h`}>（{g.item}）{ARTICLE_20[g.item - 1]}</h2>
          {g.items.length ? <DocList items={g.items} /> : <p class="muted">暂无</p>}
          {g.total > g.items.length ? <p><a href={`/xxgk${filterQuery({ agencyId, statutoryItem: g.item })}`}>更多（共 {g.total} 条）</a></p> : null}
        </section>
      ))}
      {agency ? <FeedLinks base={`/feeds/agency/${agency.id}`} label={agency.name} /> : <FeedLinks base="/feeds/all" label="全部信息" />}
    </Layout>
  );
}

export type CatalogGroup = { domainName: string; domainCode: string; items: { level1: string; level2: string; level3: string | null; id: number; docs: DocSummary[] }[] };

/** An agency's published documents under the catalog items they fulfil; an item with nothing yet says 暂无. */
export function ByCatalogPage({ ctx, agencies, agency, groups }: { ctx: PageCtx; agencies: AgencyOpt[]; agency?: AgencyOpt; groups: CatalogGroup[] }): SafeHtml {
  return (
    <Layout ctx={ctx} title="按公开目录查看" crumbs={[...CRUMBS, { href: '/xxgk', label: '信息公开目录' }, { label: '按公开目录查看' }]}>
      <h1>按公开目录查看{agency ? `：${agency.name}` : ''}</h1>
      <p>按机构已发布的基层政务公开标准目录，列出每个公开事项下已公开的信息。</p>
      <AgencyForm action="/xxgk/by-catalog" agencies={agencies} agencyId={agency?.id} label="选择机构" />
      {!agency ? <p role="status">请选择机构。</p> : groups.length === 0 ? <p role="status">该机构暂无已发布的公开目录。</p> : null}
      {groups.map((g) => (
        <section aria-labelledby={`d-${g.domainCode}`}>
          <h2 id={`d-${g.domainCode}`}>{g.domainName}领域</h2>
          <FeedLinks base={`/feeds/domain/${g.domainCode}`} label={`${g.domainName}领域（全县）`} />
          <div class="table-wrap">
            <table class="data docs">
              <caption>{agency?.name}{g.domainName}领域公开事项及已公开信息</caption>
              <thead><tr><th scope="col">一级事项</th><th scope="col">二级事项</th><th scope="col">已公开信息</th></tr></thead>
              <tbody>
                {g.items.map((it) => (
                  <tr>
                    <td data-label="一级事项">{it.level1}</td>
                    <th scope="row" data-label="二级事项"><a href={`/catalog/items/${it.id}`}>{it.level2}</a>{it.level3 ? ` / ${it.level3}` : ''}</th>
                    <td data-label="已公开信息">{it.docs.length ? <DocList items={it.docs} /> : <span class="muted">暂无</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Layout>
  );
}
