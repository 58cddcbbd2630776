// The service guides on the 政务公开专区 touch screen: the guides module's published guides, read
// through its public functions, shown inside the kiosk shell (large type, idle reset) instead of
// sending the visitor to the site's /banshi pages, which are sized for a desk.
import { h, Fragment, raw, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { limitText } from '../../guides/elements.js';
import type { GuideSummary, GuideView } from '../../guides/public.js';
import type { BundleView } from '../../guides/bundles.js';
import { KIOSK, KioskLayout, KioskList, PrintButton } from './kiosk.js';

export const KIOSK_GUIDES = `${KIOSK}/banshi`;
export const kioskGuideHref = (code: string) => `${KIOSK_GUIDES}/${encodeURIComponent(code)}`;

const lines = (s: string): SafeHtml => <Fragment>{s.split('\n').map((l, i) => (i ? <Fragment><br />{l}</Fragment> : l))}</Fragment>;
const item = (g: GuideSummary) => ({ href: kioskGuideHref(g.code), title: g.name, note: `${g.agencyName} · ${g.itemType}` });

/** Guides by 主题 (the tiles of the themes that have guides) and by department; ?theme= narrows to one theme. */
export function KioskGuideIndex({ ctx, idle, all, themes, theme, bundles }: { ctx: PageCtx; idle: number; all: GuideSummary[]; themes: { person: readonly string[]; enterprise: readonly string[] }; theme?: string; bundles: BundleView[] }): SafeHtml {
  const has = (g: GuideSummary, t: string) => g.personThemes.includes(t) || g.enterpriseThemes.includes(t);
  const count = (t: string) => all.filter((g) => has(g, t)).length;
  const tiles = (label: string, list: readonly string[]) => {
    const shown = list.filter((t) => count(t) > 0);
    return shown.length ? (
      <section class="k-group">
        <h3>{label}</h3>
        <div class="k-chips">{shown.map((t) => <a class="k-chip" href={`${KIOSK_GUIDES}?theme=${encodeURIComponent(t)}`} aria-current={theme === t ? 'page' : undefined}>{t}<span>{String(count(t))} 项</span></a>)}</div>
      </section>
    ) : null;
  };
  const agencies = [...new Map(all.map((g) => [g.agencyId, g.agencyName])).entries()];
  return (
    <KioskLayout ctx={ctx} title={theme ? `办事指南 · ${theme}` : '办事指南'} idle={idle}>
      <h1>{theme ? `办事指南 · ${theme}` : '办事指南'}</h1>
      {theme ? (
        <>
          <p class="k-lead">“{theme}”主题下共 {String(all.filter((g) => has(g, theme)).length)} 个事项，触摸事项名称查看办理条件和所需材料。</p>
          <KioskList items={all.filter((g) => has(g, theme)).map(item)} />
          <p class="k-actions"><a class="k-btn" href={KIOSK_GUIDES}>查看全部事项</a></p>
        </>
      ) : (
        <>
          <p class="k-lead">按主题或按部门查找要办的事，触摸事项名称查看办理条件、所需材料、办理时限和地点。</p>
          {all.length ? null : <p>暂无已发布的办事指南。</p>}
          <nav class="k-jump" aria-label="查找方式"><a class="k-btn" href="#by-theme">按主题</a><a class="k-btn" href="#by-dept">按部门</a>{bundles.length ? <a class="k-btn" href="#by-bundle">“一件事”</a> : null}</nav>
          <section aria-labelledby="by-theme">
            <h2 id="by-theme">按主题查找</h2>
            {tiles('个人办事', themes.person)}
            {tiles('企业办事', themes.enterprise)}
          </section>
          {bundles.length ? (
            <section aria-labelledby="by-bundle">
              <h2 id="by-bundle">“一件事”集成服务</h2>
              {bundles.map((b) => (
                <section class="k-group">
                  <h3>{b.name}</h3>
                  <p class="k-n">牵头部门：{b.lead}，共 {String(b.items.length)} 个事项，按办理顺序：</p>
                  <KioskList items={b.items.map((g) => item(g))} />
                </section>
              ))}
            </section>
          ) : null}
          <section aria-labelledby="by-dept">
            <h2 id="by-dept">按部门查找</h2>
            {agencies.map(([id, name]) => (
              <section class="k-group" aria-labelledby={`k-dept-${id}`}>
                <h3 id={`k-dept-${id}`}>{name}</h3>
                <KioskList items={all.filter((g) => g.agencyId === id).map((g) => ({ ...item(g), note: g.itemType }))} />
              </section>
            ))}
          </section>
        </>
      )}
    </KioskLayout>
  );
}

/** One guide's key elements in large type, printable, with a QR code to its full page on the site. */
export function KioskGuidePage({ ctx, idle, g, qr, url }: { ctx: PageCtx; idle: number; g: GuideView; qr: string; url: string }): SafeHtml {
  const d = g.data;
  const needed = (n: string) => (n === '必要' ? 'k-need' : n === '容缺后补' ? 'k-later' : 'k-opt');
  return (
    <KioskLayout ctx={ctx} title={g.name} idle={idle}>
      <div class="k-guide-head">
        <div>
          <h1>{g.name}</h1>
          <p class="k-lead">{g.agencyName} · {d.itemType} · 服务对象：{d.serviceObject}</p>
        </div>
        <figure class="k-qr">{raw(qr)}<figcaption>手机扫码查看完整指南</figcaption></figure>
      </div>
      <dl class="k-facts">
        <div><dt>承诺办结时限</dt><dd>{limitText(d.promisedLimit)}</dd></div>
        <div><dt>法定办结时限</dt><dd>{limitText(d.legalLimit)}</dd></div>
        <div><dt>到现场次数</dt><dd>{String(d.visits)} 次</dd></div>
        <div><dt>收费</dt><dd>{d.fees.length ? `收费（${String(d.fees.length)} 项，见下文）` : '不收费'}</dd></div>
      </dl>
      <section class="k-body" aria-labelledby="kg-cond"><h2 id="kg-cond">受理条件</h2><p>{lines(d.conditions)}</p></section>
      <section class="k-body" aria-labelledby="kg-mat">
        <h2 id="kg-mat">申请材料（共 {String(d.materials.length)} 项）</h2>
        {d.materials.length ? (
          <ol class="k-materials">{d.materials.map((m) => (
            <li>
              <div class="k-mat-head"><span class="k-mat-name">{m.name}</span><span class={`k-tag ${needed(m.necessity)}`}>{m.necessity}</span></div>
              <p class="k-n">原件 {String(m.originals)} 份，复印件 {String(m.copies)} 份 · {m.form}{m.size ? ` · ${m.size}` : ''} · {m.source}{m.sourceNote ? `（${m.sourceNote}）` : ''}</p>
              {m.requirement ? <p class="k-req">{m.requirement}</p> : null}
            </li>
          ))}</ol>
        ) : <p>无需提交材料。</p>}
      </section>
      <section class="k-body" aria-labelledby="kg-steps">
        <h2 id="kg-steps">办理流程</h2>
        <ol class="k-steps">{d.steps.map((s) => <li><strong>{s.name}</strong>{s.description ? `：${s.description}` : ''}{s.limit ? `（时限：${s.limit}）` : ''}</li>)}</ol>
      </section>
      <section class="k-body" aria-labelledby="kg-fee">
        <h2 id="kg-fee">收费标准</h2>
        {d.fees.length ? <ul>{d.fees.map((f) => <li><strong>{f.name}</strong>：{f.standard}{f.reducible ? '（可减免）' : ''}<br /><span class="k-n">依据：{f.basis}</span></li>)}</ul> : <p>不收费。</p>}
      </section>
      <section class="k-body" aria-labelledby="kg-where">
        <h2 id="kg-where">办理地点和时间</h2>
        <dl class="k-meta"><dt>办理地点</dt><dd>{lines(d.place)}</dd><dt>办理时间</dt><dd>{d.hours}</dd></dl>
      </section>
      <section class="k-body" aria-labelledby="kg-contact">
        <h2 id="kg-contact">咨询和投诉</h2>
        <dl class="k-meta"><dt>咨询方式</dt><dd>{lines(d.consult)}</dd><dt>投诉方式</dt><dd>{lines(d.complaint)}</dd></dl>
      </section>
      <p class="k-n k-url">完整指南：{url} · 实施编码 {g.code} · 第 {String(g.version)} 版 · {g.publishedOn} 发布</p>
      <p class="k-actions"><PrintButton /> <a class="k-btn" href={KIOSK_GUIDES}>全部办事指南</a></p>
    </KioskLayout>
  );
}

/** A guide code that names nothing here: a Chinese message inside the kiosk shell, so the visitor stays in kiosk mode. */
export function KioskNotFound({ ctx, idle, what, back }: { ctx: PageCtx; idle: number; what: string; back: string }): SafeHtml {
  return (
    <KioskLayout ctx={ctx} title="页面不存在" idle={idle}>
      <h1>页面不存在</h1>
      <p class="k-lead">未找到该{what}，可能已调整或停止办理。请返回列表重新查找，或咨询现场工作人员。</p>
      <p class="k-actions"><a class="k-btn k-primary" href={back}>返回列表</a> <a class="k-btn" href={KIOSK}>返回首页</a></p>
    </KioskLayout>
  );
}
