import { h, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { formatDateTime } from '../../../web/components.js';
import type { PublicResponse } from '../public.js';

export const PUBLIC_BASE = '/huiying';

/** 回应关切: the government's public responses to public concerns — title, kind, time and where to read it; nothing of the internal register. */
export function ResponsesPage({ ctx, rows }: { ctx: PageCtx; rows: PublicResponse[] }): SafeHtml {
  return (
    <Layout ctx={ctx} title="回应关切" crumbs={[{ href: '/', label: '首页' }, { label: '回应关切' }]}>
      <h1>回应关切</h1>
      <p>对社会关注的热点问题和政务舆情，本级政府及其部门通过发布权威信息、召开新闻发布会、吹风会、接受采访等方式作出的回应。</p>
      {rows.length ? (
        <ul class="doc-list">
          {rows.map((r) => (
            <li id={`r${r.id}`}>
              <a href={r.href} rel={r.href.startsWith('/') ? undefined : 'noopener noreferrer nofollow'}>{r.title}</a>
              <span class="tag">{r.kindLabel}</span>
              <div class="doc-list-meta">回应时间：{formatDateTime(r.respondedAt)}{r.href.startsWith('/') ? ' · 政府信息' : ' · 外部链接'}</div>
            </li>
          ))}
        </ul>
      ) : <p>暂无回应。</p>}
    </Layout>
  );
}
