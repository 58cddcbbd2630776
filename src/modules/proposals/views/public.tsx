import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { PROPOSAL_KINDS, type ProposalKind } from '../schema.js';
import { KIND_LABELS, type PublicProposal } from '../items.js';
import { PUBLIC_BASE } from '../search.js';

const TITLE = '建议提案办理';
const CRUMB = { href: PUBLIC_BASE, label: TITLE };

export type PublicFilters = { kind?: ProposalKind; year?: number; session?: string };

export function ListPage({ ctx, rows, filters, years, sessions }: { ctx: PageCtx; rows: PublicProposal[]; filters: PublicFilters; years: number[]; sessions: string[] }): SafeHtml {
  return (
    <Layout ctx={ctx} title={TITLE} crumbs={[{ href: '/', label: '首页' }, { label: TITLE }]}>
      <h1>{TITLE}</h1>
      <p>人大代表建议、政协委员提案的办理复文，在答复后 20 个工作日内公开（代表委员的联系方式已删除）。</p>
      <form method="get" action={PUBLIC_BASE} class="filters" aria-label="筛选">
        <label for="j-kind">类别</label>
        <select id="j-kind" name="kind">
          <option value="">全部</option>
          {PROPOSAL_KINDS.map((k) => <option value={k} selected={filters.kind === k}>{KIND_LABELS[k]}</option>)}
        </select>
        <label for="j-year">年份</label>
        <select id="j-year" name="year">
          <option value="">全部</option>
          {years.map((y) => <option value={String(y)} selected={filters.year === y}>{y}年</option>)}
        </select>
        <label for="j-session">届次会次</label>
        <select id="j-session" name="session">
          <option value="">全部</option>
          {sessions.map((s) => <option value={s} selected={filters.session === s}>{s}</option>)}
        </select>
        <button type="submit">筛选</button>
      </form>
      {rows.length ? (
        <ul class="doc-list">
          {rows.map((r) => (
            <li>
              <a href={`${PUBLIC_BASE}/${r.id}`}>{r.title}</a>
              <span class="tag">{r.kindLabel}</span>
              <div class="doc-list-meta">{r.session}第{r.number}号 · 主办单位：{r.hostName} · 答复日期：{r.replyOn ?? '—'}{r.mode === 'summary' ? ' · 摘要公开' : ''}</div>
            </li>
          ))}
        </ul>
      ) : <p>暂无公开的建议提案办理复文。</p>}
    </Layout>
  );
}

export function ItemPage({ ctx, r }: { ctx: PageCtx; r: PublicProposal }): SafeHtml {
  return (
    <Layout ctx={ctx} title={r.title} crumbs={[{ href: '/', label: '首页' }, CRUMB, { label: r.title }]}>
      <h1>{r.title}</h1>
      <dl class="facts">
        <dt>类别</dt><dd>{r.kindLabel}</dd>
        <dt>届次会次、编号</dt><dd>{r.session}第{r.number}号</dd>
        <dt>{r.kind === 'npc' ? '领衔代表' : '提案人'}</dt><dd>{r.leadAuthorName}{r.coAuthorNames.length ? `（联名：${r.coAuthorNames.join('、')}）` : ''}</dd>
        <dt>主办单位</dt><dd>{r.hostName}</dd>
        <dt>交办日期</dt><dd>{r.assignedOn}</dd>
        <dt>答复日期</dt><dd>{r.replyOn ?? '—'}</dd>
        {r.replyClass ? <Fragment><dt>答复类别</dt><dd>{r.replyClass} {r.replyClassLabel}</dd></Fragment> : null}
        {r.satisfactionLabel ? <Fragment><dt>代表委员满意度</dt><dd>{r.satisfactionLabel}</dd></Fragment> : null}
        <dt>公开方式</dt><dd>{r.mode === 'summary' ? '摘要公开' : '全文公开'} · {r.publishedOn}</dd>
      </dl>
      <section aria-labelledby="reply-h">
        <h2 id="reply-h">{r.mode === 'summary' ? '答复摘要' : '答复全文'}</h2>
        {r.text.split(/\n+/).filter((p) => p.trim()).map((p) => <p>{p}</p>)}
      </section>
      <p><a href={PUBLIC_BASE}>返回建议提案办理</a></p>
    </Layout>
  );
}
