import { h, Fragment, raw, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { TableScroll } from '../../../web/components.js';
import { ENTERPRISE_THEMES, limitText, PERSON_THEMES } from '../elements.js';
import type { GuideSummary, GuideView } from '../public.js';
import type { BundleView } from '../bundles.js';
import { GuideBody, guideHref, PUBLIC_BASE } from './parts.js';

const CRUMBS = [{ href: '/', label: '首页' }, { href: PUBLIC_BASE, label: '办事服务' }];
export type Browse = { by: 'agency' | 'theme'; theme?: string; agencyId?: number; domain?: string };

function GuideList({ list }: { list: GuideSummary[] }): SafeHtml {
  const top = list.filter((g) => !g.parentCode || !list.some((p) => p.code === g.parentCode));
  const kids = (code: string) => list.filter((g) => g.parentCode === code);
  const item = (g: GuideSummary): SafeHtml => (
    <li><a href={guideHref(g.code)}>{g.name}</a> <span class="muted">{g.itemType}</span>
      {kids(g.code).length ? <ul>{kids(g.code).map(item)}</ul> : null}
    </li>
  );
  return <ul class="doc-list">{top.map(item)}</ul>;
}

export function IndexPage({ ctx, all, browse, bundles }: { ctx: PageCtx; all: GuideSummary[]; browse: Browse; bundles: BundleView[] }): SafeHtml {
  const agencies = [...new Map(all.map((g) => [g.agencyId, g.agencyName])).entries()];
  const count = (t: string) => all.filter((g) => g.personThemes.includes(t) || g.enterpriseThemes.includes(t)).length;
  const themed = browse.theme ? all.filter((g) => g.personThemes.includes(browse.theme!) || g.enterpriseThemes.includes(browse.theme!)) : [];
  const themeLinks = (list: readonly string[]) => <ul class="domain-grid">{list.map((t) => <li>{count(t) ? <a href={`${PUBLIC_BASE}?theme=${encodeURIComponent(t)}`} aria-current={browse.theme === t ? 'page' : undefined}>{t}（{count(t)}）</a> : <span class="muted">{t}</span>}</li>)}</ul>;
  return (
    <Layout ctx={ctx} title="办事指南" crumbs={[CRUMBS[0]!, { label: '办事指南' }]}>
      <h1>办事指南</h1>
      <p>按部门、按主题或按“一件事”查找政务服务事项的办事指南。每个指南列明受理条件、申请材料、办理流程、办结时限、收费、办理地点和咨询投诉方式，并提供可打印的简版指南。全部事项汇编成册的<a href={`${PUBLIC_BASE}/yibentong`}>办事一本通</a>可下载 PDF 和 Word 版。</p>
      {browse.domain ? <p class="notice">以下为{browse.domain}领域的办事指南。<a href={PUBLIC_BASE}>查看全部事项</a></p> : null}
      {browse.theme ? (
        <section aria-labelledby="theme-h">
          <h2 id="theme-h">主题：{browse.theme}</h2>
          {themed.length ? <GuideList list={themed} /> : <p>该主题下暂无事项。</p>}
          <p><a href={PUBLIC_BASE}>返回全部事项</a></p>
        </section>
      ) : null}
      <section aria-labelledby="person-h"><h2 id="person-h">个人办事（按主题）</h2>{themeLinks(PERSON_THEMES)}</section>
      <section aria-labelledby="ent-h"><h2 id="ent-h">法人办事（按主题）</h2>{themeLinks(ENTERPRISE_THEMES)}</section>
      <section aria-labelledby="yjs-h">
        <h2 id="yjs-h">“一件事”集成服务</h2>
        {bundles.length ? <ul class="cards">{bundles.map((b) => <li><a href={`${PUBLIC_BASE}/yijianshi/${b.id}`}>{b.name}</a><p>牵头部门：{b.lead}；{b.items.length} 个事项</p></li>)}</ul> : <p>暂无。</p>}
      </section>
      <section aria-labelledby="dept-h">
        <h2 id="dept-h">按部门</h2>
        {agencies.length ? agencies.map(([id, name]) => (
          <section aria-labelledby={`dept-${id}`}>
            <h3 id={`dept-${id}`}>{name}</h3>
            <GuideList list={all.filter((g) => g.agencyId === id)} />
          </section>
        )) : <p>暂无已发布的办事指南。</p>}
      </section>
    </Layout>
  );
}

export function GuidePage({ ctx, g, files = {} }: { ctx: PageCtx; g: GuideView; files?: Record<number, { url: string; ext: string }> }): SafeHtml {
  return (
    <Layout ctx={ctx} title={g.name} crumbs={[...CRUMBS.slice(0, 1), { href: PUBLIC_BASE, label: '办事指南' }, { label: g.name }]}>
      <article class="guide-page">
        <h1>{g.name}</h1>
        <p class="doc-meta">实施主体：{g.agencyName} · 实施编码：{g.code} · 第 {String(g.version)} 版 · 发布日期：{g.publishedOn}{g.source === 'provincial' ? ' · 来源：省级事项清单' : ''}</p>
        {g.parent ? <p>上级事项：<a href={guideHref(g.parent.code)}>{g.parent.name}</a></p> : null}
        {g.children.length ? <p>下设事项：{g.children.map((c, i) => <Fragment>{i ? '、' : ''}<a href={guideHref(c.code)}>{c.name}</a></Fragment>)}</p> : null}
        <p><a href={`${guideHref(g.code)}/jianban`}>简版指南（可打印，一页 A4）</a> · <a href={`/haocha?code=${encodeURIComponent(g.code)}`}>评价此事项（好差评）</a></p>
        <GuideBody data={g.data} agencyName={g.agencyName} code={g.code} files={files} />
      </article>
    </Layout>
  );
}

export function BundlePage({ ctx, b }: { ctx: PageCtx; b: BundleView }): SafeHtml {
  return (
    <Layout ctx={ctx} title={b.name} crumbs={[CRUMBS[0]!, { href: PUBLIC_BASE, label: '办事指南' }, { label: b.name }]}>
      <h1>{b.name}</h1>
      {b.description ? <p>{b.description}</p> : null}
      <dl class="facts">
        <dt>服务对象</dt><dd>{b.audience === 'person' ? '个人' : '法人'}</dd>
        <dt>牵头部门</dt><dd>{b.lead}</dd>
        <dt>配合部门</dt><dd>{b.cooperating.length ? b.cooperating.join('、') : '—'}</dd>
      </dl>
      <h2>办理事项（按办理顺序）</h2>
      <ol>{b.items.map((g) => <li><a href={guideHref(g.code)}>{g.name}</a>（{g.agencyName}，承诺 {limitText(g.data.promisedLimit)}）</li>)}</ol>
      <h2>申请材料（合并后一次提交）</h2>
      <TableScroll label="合并材料清单">
        <table class="data">
          <thead><tr><th scope="col">序号</th><th scope="col">材料名称</th><th scope="col">必要性</th><th scope="col">份数</th><th scope="col">用于事项</th></tr></thead>
          <tbody>{b.materials.map((m, i) => <tr><td>{String(i + 1)}</td><td>{m.name}</td><td>{m.necessity}</td><td>{`原件 ${m.originals} 份，复印件 ${m.copies} 份`}</td><td>{m.forItems.join('、')}</td></tr>)}</tbody>
        </table>
      </TableScroll>
    </Layout>
  );
}

/** The 简版指南: a standalone document sized by its own print CSS to one A4 sheet, with a QR code to the full guide. */
export function BriefPage({ g, siteName, url, qr }: { g: GuideView; siteName: string; url: string; qr: string }): SafeHtml {
  const d = g.data;
  const needed = d.materials;
  return (
    <html lang="zh-Hans">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${g.name}（简版指南） - ${siteName}`}</title>
        <link rel="stylesheet" href={`${PUBLIC_BASE}/jianban.css`} />
        <script src="/static/app.js" defer></script>
      </head>
      <body class="brief">
        <main class="brief-sheet">
          <header class="brief-head">
            <div>
              <h1>{g.name}</h1>
              <p>简版办事指南 · {g.agencyName} · 实施编码 {g.code}</p>
            </div>
            <figure class="brief-qr">{raw(qr)}<figcaption>扫码查看完整指南</figcaption></figure>
          </header>
          <table class="brief-facts">
            <tbody>
              <tr><th scope="row">事项类型</th><td>{d.itemType}（{d.handleType}）</td><th scope="row">服务对象</th><td>{d.serviceObject}</td></tr>
              <tr><th scope="row">法定时限</th><td>{limitText(d.legalLimit)}</td><th scope="row">承诺时限</th><td>{limitText(d.promisedLimit)}</td></tr>
              <tr><th scope="row">到现场次数</th><td>{String(d.visits)} 次</td><th scope="row">收费</th><td>{d.fees.length ? d.fees.map((f) => `${f.name}：${f.standard}`).join('；') : '不收费'}</td></tr>
            </tbody>
          </table>
          <h2>受理条件</h2>
          <p class="clip">{d.conditions}</p>
          <h2>申请材料</h2>
          <ol class="brief-materials">{needed.map((m) => <li>{m.name}（{m.necessity}，原件 {String(m.originals)} 份、复印件 {String(m.copies)} 份）</li>)}</ol>
          <h2>办理流程</h2>
          <p class="clip">{d.steps.map((s) => s.name).join(' → ')}</p>
          <h2>办理地点和时间</h2>
          <p class="clip">{d.place}；{d.hours}</p>
          <h2>咨询和投诉</h2>
          <p class="clip">咨询：{d.consult}；投诉：{d.complaint}</p>
          <footer class="brief-foot">
            <span>{siteName} · 第 {String(g.version)} 版 · {g.publishedOn} 发布</span>
            <span class="brief-url">{url}</span>
          </footer>
        </main>
        <p class="no-print brief-actions"><button type="button" class="print-button" data-print hidden>打印</button> <a href={guideHref(g.code)}>查看完整指南</a></p>
      </body>
    </html>
  );
}

/** Print CSS for the 简版: A4 with 12 mm margins; long lists shrink by font size and columns, never onto a second sheet. */
export const BRIEF_CSS = `
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body.brief { margin: 0; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; color: #111; background: #f4f4f4; }
.brief-sheet { background: #fff; width: 100%; max-width: 186mm; margin: 1rem auto; padding: 6mm; font-size: 10.5pt; line-height: 1.45; overflow: hidden; }
.brief-head { display: flex; justify-content: space-between; gap: 4mm; border-bottom: 2px solid #b3261e; padding-bottom: 2mm; }
.brief-head h1 { font-size: 16pt; margin: 0 0 1mm; overflow-wrap: anywhere; }
.brief-head p { margin: 0; font-size: 9pt; color: #444; overflow-wrap: anywhere; }
.brief-qr { margin: 0; width: 28mm; flex: none; text-align: center; font-size: 7.5pt; }
.brief-qr svg { width: 26mm; height: 26mm; display: block; margin: 0 auto; }
.brief-facts { width: 100%; border-collapse: collapse; margin: 2mm 0; font-size: 9.5pt; }
.brief-facts th, .brief-facts td { border: 1px solid #999; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
.brief-facts th { background: #f1f1f1; white-space: nowrap; width: 16%; }
.brief h2 { font-size: 11pt; margin: 2.5mm 0 1mm; color: #b3261e; }
.brief p { margin: 0; overflow-wrap: anywhere; }
.clip { display: -webkit-box; -webkit-line-clamp: 4; -webkit-box-orient: vertical; overflow: hidden; }
.brief-materials { margin: 0; padding-left: 5mm; columns: 2; column-gap: 6mm; font-size: 9.5pt; }
.brief-materials li { break-inside: avoid; }
.brief-foot { display: flex; justify-content: space-between; flex-wrap: wrap; gap: 2mm; border-top: 1px solid #999; margin-top: 3mm; padding-top: 1mm; font-size: 8pt; color: #444; }
.brief-url { overflow-wrap: anywhere; }
.brief-actions { text-align: center; }
@media (max-width: 40rem) { .brief-sheet { margin: 0; padding: 4mm; } .brief-materials { columns: 1; } .brief-head { flex-direction: column-reverse; } .brief-qr { align-self: center; } }
@media print {
  body.brief { background: #fff; }
  .brief-sheet { margin: 0; padding: 0; max-width: none; max-height: 272mm; }
  .no-print { display: none !important; }
}
`;
