import { h, Fragment, raw, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import type { DocumentPanel } from '../../../core/module.js';
import { Layout } from '../../../web/layout.js';
import { LinkPanels } from '../../../web/components.js';
import { DISCLOSURE_MARKING, VALIDITY_LABELS } from '../metadata.js';
import type { PublicDocument, PublicEdition } from '../queries.js';
import { docHref, themeText, validityText, ymd } from './shared.js';

const CRUMBS = [{ href: '/', label: '首页' }, { href: '/zfxxgk', label: '政府信息公开' }, { href: '/xxgk', label: '信息公开目录' }];

/** The metadata block of a disclosure page (seed 001): label/value pairs, two pairs a row on a wide screen. */
export function MetaBlock({ e }: { e: PublicEdition }): SafeHtml {
  const pair = (label: string, value: string, wide = false) => [<dt>{label}</dt>, <dd class={wide ? 'wide' : undefined}>{value}</dd>];
  return (
    <dl class="facts doc-meta" aria-label="信息属性">
      {pair('索引号', e.indexNumber ?? '')}
      {pair('发布机构', e.agencyName)}
      {pair('组配分类', e.assembly)}
      {pair('主题分类', themeText(e.theme))}
      {pair('名称', e.title, true)}
      {pair('文号', e.docNumber ?? '无')}
      {pair('公文种类', e.kind)}
      {pair('成文日期', e.writtenDate)}
      {pair('发布日期', ymd(e.publishedAt))}
      {pair('有效性', validityText(e), true)}
    </dl>
  );
}

/** Withdrawal and validity notices go first: a reader must not act on a document without seeing them. */
function Notices({ d }: { d: PublicDocument }): SafeHtml {
  const e = d.edition;
  const withdrawn = e.state === 'withdrawn' ? (
    <div class="notice notice-warn" role="note">
      <p><strong>本信息已于 {ymd(e.withdrawnAt)} 撤回</strong>，以下内容仅供查阅。</p>
      {e.withdrawnReason ? <p>撤回理由：{e.withdrawnReason}</p> : null}
    </div>
  ) : null;
  const invalid = e.validity !== 'valid' ? (
    <div class="notice notice-warn" role="note">
      <p><strong>本文件已{VALIDITY_LABELS[e.validity]}</strong>{e.validityDate ? `（${e.validity === 'expired' ? '失效' : e.validity === 'abolished' ? '废止' : '修订'}日期：${e.validityDate}）` : ''}，请勿再作为依据。</p>
      {d.replacedBy ? <p>{e.validity === 'amended' ? '修订后的文件' : '现行文件'}：<a href={docHref(d.replacedBy.documentId)}>{d.replacedBy.title}</a></p> : null}
    </div>
  ) : null;
  return <Fragment>{withdrawn}{invalid}</Fragment>;
}

/** 三同步: a policy links to its interpretations, an interpretation to its policy. */
function Related({ d }: { d: PublicDocument }): SafeHtml | null {
  if (!d.interpretations.length && !d.policy) return null;
  return (
    <section class="doc-related" aria-labelledby="related-h">
      <h2 id="related-h">相关信息</h2>
      {d.interpretations.length ? (
        <p>政策解读：{d.interpretations.map((i, n) => [n ? '；' : '', <a href={docHref(i.documentId)}>{i.title}</a>])}</p>
      ) : null}
      {d.policy ? <p>本解读对应的文件：<a href={docHref(d.policy.documentId)}>{d.policy.title}</a></p> : null}
    </section>
  );
}

function History({ d }: { d: PublicDocument }): SafeHtml | null {
  if (!d.history.length) return null;
  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h">版本记录</h2>
      <div class="table-wrap">
        <table class="data">
          <caption>本信息的发布版本</caption>
          <thead><tr><th scope="col">版本</th><th scope="col">发布日期</th><th scope="col">修订说明</th></tr></thead>
          <tbody>
            {d.history.map((x) => (
              <tr>
                <th scope="row">第 {x.editionNo} 版{x.editionNo === d.edition.editionNo ? '（当前）' : ''}</th>
                <td>{ymd(x.publishedAt)}</td>
                <td>{x.editionNo === 1 ? '首次发布' : x.changeNote || '—'}{x.minorChange ? <span class="tag">细微修改</span> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.ceil(n / 1024))} KB`);

/** 简明问答, 图解 (image attachments) and the audio/video link of an interpretation; then the other attachments. */
function Extras({ d }: { d: PublicDocument }): SafeHtml {
  const e = d.edition;
  const images = d.attachments.filter((a) => a.mime.startsWith('image/'));
  const others = d.attachments.filter((a) => !a.mime.startsWith('image/'));
  return (
    <Fragment>
      {e.qa.length ? (
        <section class="doc-qa" aria-labelledby="qa-h">
          <h2 id="qa-h">简明问答</h2>
          <dl>{e.qa.map((p) => [<dt>问：{p.q}</dt>, <dd>答：{p.a}</dd>])}</dl>
        </section>
      ) : null}
      {images.length ? (
        <section class="doc-figures" aria-labelledby="fig-h">
          <h2 id="fig-h">{e.interpretsId ? '图解' : '图片'}</h2>
          {images.map((a) => <figure><img src={a.url} alt={a.name.replace(/\.[a-z]+$/i, '')} loading="lazy" /><figcaption>{a.name}</figcaption></figure>)}
        </section>
      ) : null}
      {e.mediaUrl ? <p class="doc-media">音视频解读：<a href={e.mediaUrl} rel="noopener noreferrer nofollow">{e.mediaUrl}</a></p> : null}
      {others.length ? (
        <section class="doc-attachments" aria-labelledby="att-h">
          <h2 id="att-h">附件</h2>
          <ul>{others.map((a) => <li><a href={a.url} download>{a.name}</a> <span class="muted">（{kb(a.size)}）</span></li>)}</ul>
        </section>
      ) : null}
    </Fragment>
  );
}

/** The 网页设计规范's article meta tags of a document page: its title, publication time and publisher. */
const documentMeta = (e: PublicEdition) => ({
  articleTitle: e.title,
  pubDate: e.publishedAt,
  contentSource: e.agencyName,
  keywords: [e.kind, themeText(e.theme), e.assembly, e.agencyName].filter(Boolean).join(','),
  description: `${e.agencyName}${e.docNumber ? ` ${e.docNumber}` : ''} ${e.title}`,
});


export function DocumentPage({ ctx, d, panels = [] }: { ctx: PageCtx; d: PublicDocument; panels?: readonly DocumentPanel[] }): SafeHtml {
  const e = d.edition;
  return (
    <Layout ctx={ctx} title={e.title} crumbs={[...CRUMBS, { label: e.title }]} meta={documentMeta(e)}>
      <article class="doc">
        <Notices d={d} />
        <MetaBlock e={e} />
        <h1>{e.title}</h1>
        {e.docNumber ? <p class="doc-number">{e.docNumber}</p> : null}
        {/* Sanitised when it was written (validate.ts sanitiseBody / bodyFromText). */}
        <div class="doc-body">{raw(e.bodyHtml)}</div>
        <Extras d={d} />
        <p class="doc-marking">（{DISCLOSURE_MARKING[e.disclosure]}）</p>
        <Related d={d} />
        <LinkPanels panels={panels} />
        <History d={d} />
      </article>
    </Layout>
  );
}

/** Information withdrawn because it was published in error: 410, said plainly. */
export function GonePage({ ctx, message }: { ctx: PageCtx; message: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title="信息已撤回" crumbs={[...CRUMBS, { label: '信息已撤回' }]}>
      <h1>信息已撤回</h1>
      <p role="alert">{message}该信息不再公开，原链接已失效。</p>
      <p><a href="/xxgk">返回信息公开目录</a></p>
    </Layout>
  );
}
