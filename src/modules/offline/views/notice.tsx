import { h, raw, renderDocument, type SafeHtml } from '../../../core/render/jsx.js';
import type { Notice } from '../../../core/module.js';

export const PAPERS = ['A4', 'A3'] as const;
export type Paper = (typeof PAPERS)[number];

const cn = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * The printable notice: a document of its own (no site chrome), sized by its stylesheet's @page
 * rule for the chosen paper. The QR code is inline SVG, sharp at any size.
 */
export function noticeDocument({ n, paper, url, qr, postHref }: { n: Notice; paper: Paper; url: string; qr: string; postHref: string }): string {
  const body: SafeHtml = (
    <html lang="zh-Hans">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${n.title}（${paper} 公告）`}</title>
        <link rel="stylesheet" href={`/admin/offline/print/notice-${paper.toLowerCase()}.css`} />
        <script src="/admin/offline/print/notice.js" defer></script>
      </head>
      <body class={`notice paper-${paper.toLowerCase()}`}>
        <div class="screen-only toolbar">
          <button type="button" id="print-notice">打印（{paper}）</button>
          <a href={`?paper=${paper === 'A4' ? 'A3' : 'A4'}`}>改为 {paper === 'A4' ? 'A3' : 'A4'} 纸</a>
          <a href={postHref}>登记张贴</a>
          <a href="/admin/offline/notices">返回</a>
          <span>打印时请选择 {paper} 纸、100% 缩放。</span>
        </div>
        <article class="sheet">
          <h1>{n.title}</h1>
          <p class="issuer">{n.issuer}</p>
          <div class="text">
            {n.paragraphs.map((p) => <p>{p}</p>)}
            {n.table ? (
              <table>
                <thead><tr>{n.table.head.map((c) => <th scope="col">{c}</th>)}</tr></thead>
                <tbody>{n.table.rows.map((r) => <tr>{r.map((c) => <td>{c}</td>)}</tr>)}</tbody>
              </table>
            ) : null}
          </div>
          <footer class="foot">
            <div class="dates">
              <p class="sign">{n.issuer}</p>
              <p>发布日期：{cn(n.publishedOn)}</p>
              {n.until ? <p class="until">公示期至：{cn(n.until)}</p> : null}
            </div>
            <figure class="qr">
              <span class="qr-code" role="img" aria-label="网页二维码">{raw(qr)}</span>
              <figcaption>扫码查看网上原文<br /><span class="url">{url}</span></figcaption>
            </figure>
          </footer>
        </article>
      </body>
    </html>
  );
  return renderDocument(body);
}

/** The stylesheet of a paper size: CSP allows no inline style, so each size has its own file. */
export function noticeCss(paper: Paper): string {
  const big = paper === 'A3';
  return `@page { size: ${paper} portrait; margin: ${big ? '22mm 20mm' : '16mm 15mm'}; }
* { box-sizing: border-box; }
html, body { margin: 0; background: #fff; color: #000; }
body { font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: ${big ? '20pt' : '14pt'}; line-height: 1.7; }
.toolbar { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 10px 16px; background: #f1f5f9; border-bottom: 1px solid #cbd5e1; font-family: sans-serif; font-size: 15px; }
.toolbar button { font-size: 16px; padding: 6px 16px; }
.sheet { max-width: ${big ? '297mm' : '210mm'}; margin: 0 auto; padding: ${big ? '22mm 20mm' : '16mm 15mm'}; }
h1 { font-family: "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; text-align: center; font-size: ${big ? '32pt' : '22pt'}; line-height: 1.35; margin: 0 0 .4em; color: #b00000; overflow-wrap: anywhere; }
.issuer { text-align: center; margin: 0 0 1em; padding-bottom: .5em; border-bottom: 2px solid #b00000; }
.text p { text-indent: 2em; margin: 0 0 .3em; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .6em 0; font-size: .85em; }
th, td { border: 1px solid #000; padding: 2px 6px; text-align: left; }
.foot { display: flex; justify-content: space-between; align-items: flex-end; gap: 1em; margin-top: 1.5em; break-inside: avoid; }
.dates p { margin: 0; }
.sign { font-weight: bold; }
.qr { margin: 0; text-align: center; width: ${big ? '48mm' : '36mm'}; }
.qr-code, .qr-code svg { display: block; width: ${big ? '48mm' : '36mm'}; height: ${big ? '48mm' : '36mm'}; }
.qr figcaption { font-size: ${big ? '11pt' : '8pt'}; line-height: 1.3; font-family: sans-serif; }
.url { overflow-wrap: anywhere; }
@media screen { body { background: #e2e8f0; } .sheet { background: #fff; margin: 16px auto; box-shadow: 0 1px 6px rgba(0,0,0,.2); } }
@media screen and (max-width: 700px) { .sheet { padding: 16px; } body { font-size: 16px; } h1 { font-size: 22px; } }
@media print { .screen-only { display: none !important; } .sheet { max-width: none; padding: 0; margin: 0; } }
`;
}

export const NOTICE_JS = `document.getElementById('print-notice')?.addEventListener('click', () => window.print());\n`;
