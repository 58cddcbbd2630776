import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { ErrorBox, Field, describedBy, Honeypot, Notice, PostForm } from '../../../web/components.js';
import type { PublicDisclosure, PublicPlacePage, TownshipIndex } from '../public.js';
import type { Place } from '../access.js';
import { CATEGORY_LABELS, periodLabel, STEP_LABELS, MEETING_STEPS } from '../rules.js';
import { VG_CATEGORIES } from '../schema.js';
import { PUBLIC_BASE, publicDisclosurePath } from './paths.js';
import { DataTable, NO_PROBLEMS, Paragraphs, type Problems, type V } from './shared.js';

const crumbs = (extra: { href?: string; label: string }[]) => [{ href: '/', label: '首页' }, { href: PUBLIC_BASE, label: '村（居）务公开' }, ...extra];

export function IndexPage({ ctx, towns }: { ctx: PageCtx; towns: TownshipIndex[] }): SafeHtml {
  return (
    <Layout ctx={ctx} title="村（居）务公开" crumbs={[{ href: '/', label: '首页' }, { label: '村（居）务公开' }]}>
      <h1>村（居）务公开</h1>
      <p>各村（社区）按照《中华人民共和国村民委员会组织法》第三十条公开党务、村（居）务、事务和财务：一般事项至少每季度公开一次，财务收支每月公开，涉及村民利益的重大事项随时公开。公开内容经村（居）务监督委员会审核；低保、残疾人两项补贴等名单由乡镇（街道）统一公示，与村（社区）公开栏内容一致。</p>
      {towns.length ? towns.map((t) => (
        <section aria-labelledby={`t-${t.township.id}`}>
          <h2 id={`t-${t.township.id}`}><a href={`${PUBLIC_BASE}/${t.township.id}`}>{t.township.name}</a></h2>
          <ul class="link-list">{t.villages.map((v) => <li><a href={`${PUBLIC_BASE}/${v.id}`}>{v.name}</a></li>)}</ul>
        </section>
      )) : <p>暂无村（社区）公开信息。</p>}
    </Layout>
  );
}

const Publicity = ({ d }: { d: PublicDisclosure }): SafeHtml => (
  <p class="muted">{CATEGORY_LABELS[d.category]}{d.period ? ` · ${periodLabel(d.period)}` : ''} · 公示期 {d.publishedOn} 至 {d.publicityUntil}{d.signedBy ? ` · ${d.byTownship ? '审核' : '监督委员会审核'}：${d.signedBy}` : ''}{d.byTownship ? ` · 由${d.issuer}统一公示` : ''}</p>
);

function Item({ d, villageId, villageName }: { d: PublicDisclosure; villageId?: number; villageName?: (id: number | null) => string }): SafeHtml {
  return (
    <article class="card" aria-labelledby={`d-${d.id}`}>
      <h3 id={`d-${d.id}`}><a href={publicDisclosurePath(d.id, d.shared ? villageId : undefined)}>{d.title}</a></h3>
      <Publicity d={d} />
      <Paragraphs text={d.body} />
      {d.table ? <DataTable table={d.table} label={d.title} villageName={villageName} /> : null}
      {d.tableHidden ? <p class="muted">公示期已结束，名单中的个人信息不再公开显示。</p> : null}
      {d.objections ? <p class="muted">公示期内收到异议 {String(d.objections)} 件，已答复 {String(d.answered)} 件。</p> : null}
    </article>
  );
}

export function PlacePage({ ctx, v }: { ctx: PageCtx; v: PublicPlacePage }): SafeHtml {
  const village = !v.villages.length && v.township != null;
  const name = (id: number | null) => v.villages.find((x) => x.id === id)?.name ?? '';
  return (
    <Layout ctx={ctx} title={`${v.place.name}${village ? (v.place.kind === 'community' ? '居务公开' : '村务公开') : '公示名单'}`} crumbs={crumbs([...(v.township ? [{ href: `${PUBLIC_BASE}/${v.township.id}`, label: v.township.name }] : []), { label: v.place.name }])}>
      <h1>{v.place.name}{village ? (v.place.kind === 'community' ? '居务公开' : '村务公开') : '公示名单'}</h1>
      {village ? null : <p>以下名单由{v.place.name}统一录入，在本页和各村（社区）页面同时公示，内容和公示期一致。辖区村（社区）：{v.villages.map((x, i) => <Fragment>{i ? '、' : ''}<a href={`${PUBLIC_BASE}/${x.id}`}>{x.name}</a></Fragment>)}</p>}
      <section aria-labelledby="cur-h">
        <h2 id="cur-h">正在公示</h2>
        {v.current.length ? v.current.map((d) => <Item d={d} villageId={village ? v.place.id : undefined} villageName={!village && d.shared ? name : undefined} />) : <p>目前没有正在公示的内容。</p>}
      </section>
      {village ? (
        <section aria-labelledby="case-h">
          <h2 id="case-h">“四议两公开”</h2>
          {v.cases.length ? v.cases.map((c) => (
            <article class="card">
              <h3>{c.title}</h3>
              <ol class="steps">{c.steps.map((s) => (
                <li><strong>{STEP_LABELS[s.step]}</strong>（{s.on}）{MEETING_STEPS.includes(s.step) ? `：应到 ${s.eligible} 人，实到 ${s.attendees} 人；赞成 ${s.votesFor}，反对 ${s.votesAgainst}，弃权 ${s.abstentions}。` : ''}{s.note ? ` ${s.note}` : ''}</li>
              ))}</ol>
              {c.next ? <p class="muted">下一步：{STEP_LABELS[c.next]}</p> : null}
            </article>
          )) : <p>暂无公开的决策事项。</p>}
        </section>
      ) : null}
      <section aria-labelledby="arc-h">
        <h2 id="arc-h">{village ? (v.place.kind === 'community' ? '居务档案' : '村务档案') : '往期公示'}</h2>
        {v.archive.length ? VG_CATEGORIES.filter((c) => v.archive.some((d) => d.category === c)).map((c) => (
          <Fragment>
            <h3>{CATEGORY_LABELS[c]}</h3>
            <ul class="link-list">{v.archive.filter((d) => d.category === c).map((d) => <li><a href={publicDisclosurePath(d.id, d.shared && village ? v.place.id : undefined)}>{d.title}</a> <span class="muted">（{d.period ? `${periodLabel(d.period)}，` : ''}公示 {d.publishedOn} 至 {d.publicityUntil}）</span></li>)}</ul>
          </Fragment>
        )) : <p>暂无归档内容。</p>}
      </section>
    </Layout>
  );
}

export function DisclosurePage({ ctx, d, villages, place, today, values = {}, problems = NO_PROBLEMS, notice }: {
  ctx: PageCtx; d: PublicDisclosure; villages: Place[]; place: Place; today: string; values?: V; problems?: Problems; notice?: string;
}): SafeHtml {
  const open = d.state === 'published' && d.publicityUntil != null && today <= d.publicityUntil;
  const name = (id: number | null) => villages.find((x) => x.id === id)?.name ?? '';
  const e = problems.fields;
  const showVillage = Boolean(d.shared) && villages.length > 0;
  return (
    <Layout ctx={ctx} title={d.title} crumbs={crumbs([{ href: `${PUBLIC_BASE}/${place.id}`, label: place.name }, { label: '公开内容' }])}>
      <h1>{d.title}</h1>
      <Notice text={notice} />
      {open ? null : <ErrorBox errors={problems.list} />}
      <Publicity d={d} />
      <Paragraphs text={d.body} />
      {d.table ? <DataTable table={d.table} label={d.title} villageName={showVillage ? name : undefined} /> : null}
      {d.tableHidden ? <p class="muted">公示期已结束，名单中的个人信息不再公开显示。</p> : null}
      {d.objections ? <p class="muted">公示期内收到异议 {String(d.objections)} 件，已答复 {String(d.answered)} 件。</p> : null}
      {open ? (
        <section aria-labelledby="obj-h" class="action-form">
          <h2 id="obj-h">对公示内容提出异议</h2>
          <p>公示期至 {d.publicityUntil}。您的姓名和电话只用于核实和答复，不会公开。</p>
          <ErrorBox errors={problems.list} />
          <PostForm ctx={ctx} action={`${PUBLIC_BASE}/gongkai/${d.id}/yiyi`} className="stack">
            <Field id="o-name" label="姓名" required error={e.name}>
              <input id="o-name" name="name" maxlength="50" required autocomplete="name" value={values.name ?? ''} aria-describedby={describedBy('o-name', { error: e.name })} />
            </Field>
            <Field id="o-contact" label="联系电话" required error={e.contact}>
              <input id="o-contact" name="contact" type="tel" maxlength="20" required autocomplete="tel" value={values.contact ?? ''} aria-describedby={describedBy('o-contact', { error: e.contact })} />
            </Field>
            <Field id="o-content" label="异议内容" required hint="写明对哪一项有异议及理由。" error={e.content}>
              <textarea id="o-content" name="content" rows="5" maxlength="2000" required aria-describedby={describedBy('o-content', { hint: true, error: e.content })}>{values.content ?? ''}</textarea>
            </Field>
            <Honeypot id="o-homepage" />
            <p class="form-actions"><button type="submit">提交异议</button></p>
          </PostForm>
        </section>
      ) : <p class="muted">{d.state === 'archived' ? '该公开已归档（村务档案）。' : '公示期已结束。'}</p>}
    </Layout>
  );
}
