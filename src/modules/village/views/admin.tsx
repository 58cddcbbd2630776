import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { DATE_HINT, describedBy, ErrorBox, Field, Notice, PostForm, TableScroll } from '../../../web/components.js';
import type { Place } from '../access.js';
import type { CaseView } from '../cases.js';
import type { DisclosureRow, StaffDisclosure } from '../disclosures.js';
import type { Difference, LateItem } from '../overdue.js';
import type { StaffObjection } from '../public.js';
import type { MatterRow, TemplateRow } from '../templates.js';
import { CADENCE_LABELS, CATEGORY_LABELS, MEETING_STEPS, periodLabel, SHARED_LABELS, STATE_LABELS, STEP_LABELS } from '../rules.js';
import { VG_CADENCES, VG_CATEGORIES, VG_SHARED, type VgCadence } from '../schema.js';
import { ADMIN_BASE, PUBLIC_BASE, publicDisclosurePath } from './paths.js';
import { DataTable, NO_PROBLEMS, Paragraphs, type Problems, type V } from './shared.js';

export const NOTICES: Record<string, string> = {
  created: '已保存为草稿。提交监委会审核后才能发布。', updated: '修改已保存。', submitted: '已提交村务监督委员会审核。', returned: '已退回，并通知村务工作人员在规定期限内答复。',
  answered: '答复已记录，已重新提交监委会审核。', signed: '已审核签字，村务工作人员可以发布公示。', published: '已发布，公示期开始。', listed: '已按模板生成公开目录。',
  template: '模板已保存；之后生成的村（社区）目录使用新模板。', settings: '答复期限已保存。', case: '决策事项已登记。', step: '步骤已登记。', answeredObjection: '异议答复已保存。',
};

function AdminNav({ here, office }: { here: string; office: boolean }): SafeHtml {
  const items = [{ href: ADMIN_BASE, label: '村务公开' }, { href: `${ADMIN_BASE}/diff`, label: '名单一致性' }, ...(office ? [{ href: `${ADMIN_BASE}/templates`, label: '公开事项模板' }] : []), { href: PUBLIC_BASE, label: '查看公开页面' }];
  return <nav class="subnav" aria-label="村务公开"><ul>{items.map((i) => <li><a href={i.href} aria-current={i.href === here ? 'page' : undefined}>{i.label}</a></li>)}</ul></nav>;
}

const rule = (m: { cadence: VgCadence; dueDay: number; afterDays: number }) =>
  m.cadence === 'quarterly' ? `每季度，次季首月 ${m.dueDay} 日前` : m.cadence === 'monthly' ? `每月，次月 ${m.dueDay} 日前` : m.cadence === 'afterApproval' ? `批复后 ${m.afterDays} 日内` : '随时公开';

function LateTable({ items }: { items: LateItem[] }): SafeHtml {
  if (!items.length) return <p>没有逾期未公开的事项。</p>;
  return (
    <TableScroll label="逾期未公开事项">
      <table class="data feedback">
        <thead><tr><th scope="col">村（社区）</th><th scope="col">事项</th><th scope="col">期间</th><th scope="col">应公开日期</th></tr></thead>
        <tbody>{items.map((l) => <tr><td><a href={`${ADMIN_BASE}/v/${l.village.id}`}>{l.village.name}</a></td><td>{l.matterName}</td><td>{l.period ? periodLabel(l.period) : '批复后公开'}</td><td>{l.dueOn} <span class="tag tag-overdue">已逾期</span></td></tr>)}</tbody>
      </table>
    </TableScroll>
  );
}

export function HomePage({ ctx, places, late, office, notice }: { ctx: PageCtx; places: Place[]; late: LateItem[]; office: boolean; notice?: string }): SafeHtml {
  const towns = places.filter((p) => p.kind === 'township' || p.kind === 'street');
  return (
    <Layout ctx={ctx} title="村（居）务公开" admin>
      <h1>村（居）务公开</h1>
      <AdminNav here={ADMIN_BASE} office={office} />
      <Notice text={notice} />
      <section aria-labelledby="late-h">
        <h2 id="late-h">逾期未公开（{String(late.length)}）</h2>
        <LateTable items={late} />
      </section>
      <section aria-labelledby="pl-h">
        <h2 id="pl-h">村（社区）</h2>
        {towns.length ? <p>乡镇（街道）：{towns.map((t, i) => <Fragment>{i ? '、' : ''}<a href={`${ADMIN_BASE}/v/${t.id}`}>{t.name}（统一公示名单）</a></Fragment>)}</p> : null}
        <ul class="link-list">{places.filter((p) => !towns.includes(p)).map((p) => <li><a href={`${ADMIN_BASE}/v/${p.id}`}>{p.name}</a>{late.some((l) => l.village.id === p.id) ? <Fragment> <span class="tag tag-overdue">逾期 {String(late.filter((l) => l.village.id === p.id).length)} 项</span></Fragment> : null}</li>)}</ul>
      </section>
    </Layout>
  );
}

const StateTag = ({ s }: { s: DisclosureRow['state'] }) => <span class={`tag${s === 'returned' ? ' tag-overdue' : ''}`}>{STATE_LABELS[s]}</span>;

function DisclosureList({ rows }: { rows: DisclosureRow[] }): SafeHtml {
  if (!rows.length) return <p>还没有公开记录。</p>;
  return (
    <TableScroll label="公开记录">
      <table class="data feedback">
        <thead><tr><th scope="col">标题</th><th scope="col">类别</th><th scope="col">期间</th><th scope="col">状态</th><th scope="col">公示期</th></tr></thead>
        <tbody>{rows.map((d) => <tr><td><a href={`${ADMIN_BASE}/d/${d.id}`}>{d.title}</a></td><td>{CATEGORY_LABELS[d.category]}</td><td>{d.period ? periodLabel(d.period) : '—'}</td><td><StateTag s={d.state} /></td><td>{d.publishedOn ? `${d.publishedOn} 至 ${d.publicityUntil}` : '—'}</td></tr>)}</tbody>
      </table>
    </TableScroll>
  );
}

export function PlacePage({ ctx, place, village, matters, templates, rows, cases, late, clerk, office, notice, problems = NO_PROBLEMS, values = {} }: {
  ctx: PageCtx; place: Place; village: boolean; matters: MatterRow[]; templates: TemplateRow[]; rows: DisclosureRow[]; cases: CaseView[]; late: LateItem[]; clerk: boolean; office: boolean; notice?: string; problems?: Problems; values?: V;
}): SafeHtml {
  return (
    <Layout ctx={ctx} title={`${place.name}村务公开`} admin>
      <h1>{place.name}{village ? (place.kind === 'community' ? '居务公开' : '村务公开') : '统一公示名单'}</h1>
      <AdminNav here="" office={office} />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      <p><a href={`${PUBLIC_BASE}/${place.id}`}>查看公开页面</a></p>
      {village ? (
        <section aria-labelledby="m-h">
          {late.length ? <Fragment><h2>逾期未公开（{String(late.length)}）</h2><LateTable items={late} /></Fragment> : null}
          <h2 id="m-h">公开目录</h2>
          {matters.length ? VG_CATEGORIES.filter((c) => matters.some((m) => m.category === c)).map((c) => (
            <Fragment>
              <h3>{CATEGORY_LABELS[c]}</h3>
              <TableScroll label={CATEGORY_LABELS[c]}>
                <table class="data">
                  <thead><tr><th scope="col">事项</th><th scope="col">时限</th><th scope="col">公示天数</th><th scope="col">操作</th></tr></thead>
                  <tbody>{matters.filter((m) => m.category === c).map((m) => (
                    <tr><td>{m.name}{m.shared ? <Fragment> <span class="tag">乡镇统一公示</span></Fragment> : null}</td><td>{rule(m)}</td><td>{String(m.publicityDays)}</td>
                      <td>{clerk ? <a href={`${ADMIN_BASE}/new?agency=${place.id}&matter=${m.id}`}>起草公开</a> : '—'}</td></tr>
                  ))}</tbody>
                </table>
              </TableScroll>
            </Fragment>
          )) : (
            <Fragment>
              <p>尚未生成公开目录。</p>
              {clerk || office ? <PostForm ctx={ctx} action={`${ADMIN_BASE}/v/${place.id}/list`}><button type="submit">按模板生成公开目录</button></PostForm> : null}
            </Fragment>
          )}
        </section>
      ) : (
        <section aria-labelledby="s-h">
          <h2 id="s-h">与政府目录一致的名单</h2>
          <p>低保、残疾人两项补贴、涉农补贴、征地补偿名单由乡镇（街道）录入一次，同时在乡镇页面和各村（社区）页面公示，内容和公示期一致。</p>
          {clerk ? <ul class="link-list">{templates.filter((t) => t.shared && t.active).map((t) => <li><a href={`${ADMIN_BASE}/new?agency=${place.id}&template=${t.id}`}>录入{t.name}</a></li>)}</ul> : null}
        </section>
      )}
      <section aria-labelledby="r-h">
        <h2 id="r-h">公开记录</h2>
        <DisclosureList rows={rows} />
      </section>
      {village ? (
        <section aria-labelledby="c-h">
          <h2 id="c-h">“四议两公开”</h2>
          {cases.length ? <ul class="link-list">{cases.map((c) => <li><a href={`${ADMIN_BASE}/c/${c.id}`}>{c.title}</a> <span class="muted">（{c.next ? `下一步：${STEP_LABELS[c.next]}` : '已完成'}）</span></li>)}</ul> : <p>暂无。</p>}
          {clerk ? (
            <PostForm ctx={ctx} action={`${ADMIN_BASE}/v/${place.id}/cases`} className="stack">
              <Field id="c-title" label="新的决策事项" required hint="如：村规民约修订、集体土地流转、村道硬化工程" error={problems.fields.title}>
                <input id="c-title" name="title" maxlength="200" required value={values.title ?? ''} aria-describedby={describedBy('c-title', { hint: true, error: problems.fields.title })} />
              </Field>
              <p class="form-actions"><button type="submit" class="secondary">登记</button></p>
            </PostForm>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}

export function DraftForm({ ctx, action, title, place, matterName, cadence, values, problems = NO_PROBLEMS, village, shared = false }: {
  ctx: PageCtx; action: string; title: string; place: Place; matterName: string; cadence: VgCadence; values: V; problems?: Problems; village: boolean; shared?: boolean;
}): SafeHtml {
  const e = problems.fields;
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: e[name] });
  return (
    <Layout ctx={ctx} title={title} admin>
      <h1>{title}</h1>
      <p>{place.name} · {matterName} · {CADENCE_LABELS[cadence]}</p>
      {village && shared ? <div class="notice notice-warn" role="note">该事项由乡镇（街道）统一录入，乡镇发布后自动显示在本村（社区）页面，无需另行录入。另行公布的内容须与乡镇记录一致，否则会列入“名单一致性”检查。</div> : null}
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={action} className="stack doc-form">
        {values.matterId ? <input type="hidden" name="matterId" value={values.matterId} /> : null}
        {values.templateId ? <input type="hidden" name="templateId" value={values.templateId} /> : null}
        <input type="hidden" name="agencyId" value={String(place.id)} />
        {cadence === 'quarterly' || cadence === 'monthly' ? (
          <Field id="f-period" label={cadence === 'quarterly' ? '所属季度' : '所属月份'} required hint={cadence === 'quarterly' ? '如 2026-Q3（2026年第三季度）' : '如 2026-09'} error={e.period}>
            <input id="f-period" name="period" maxlength="7" required value={values.period ?? ''} aria-describedby={d('f-period', 'period', true)} />
          </Field>
        ) : null}
        {cadence === 'afterApproval' || cadence === 'asNeeded' ? (
          <Field id="f-approval" label="批复日期" required={cadence === 'afterApproval'} hint={`须在批复后规定天数内公开。${DATE_HINT}`} error={e.approvalOn}>
            <input id="f-approval" name="approvalOn" type="date" value={values.approvalOn ?? ''} aria-describedby={d('f-approval', 'approvalOn', true)} />
          </Field>
        ) : null}
        <Field id="f-title" label="标题" hint="不填则为“单位名称 + 事项名称”。" error={e.title}>
          <input id="f-title" name="title" maxlength="200" value={values.title ?? ''} aria-describedby={d('f-title', 'title', true)} />
        </Field>
        <Field id="f-body" label="公开内容" error={e.body}>
          <textarea id="f-body" name="body" rows="6" maxlength="20000" aria-describedby={d('f-body', 'body')}>{values.body ?? ''}</textarea>
        </Field>
        <Field id="f-table" label={village ? '表格（选填）' : '名单表格'} required={!village} hint={village ? '每行一条，列之间用“|”分隔，第一行为表头。' : '每行一户，列之间用“|”分隔，第一行为表头，第一列为村（社区）名称，如：村（社区） | 户主姓名 | 家庭人口 | 月保障金额（元）'} error={e.table}>
          <textarea id="f-table" name="table" rows="8" aria-describedby={d('f-table', 'table', true)}>{values.table ?? ''}</textarea>
        </Field>
        <p class="form-actions"><button type="submit">保存草稿</button></p>
      </PostForm>
    </Layout>
  );
}

export function DetailPage({ ctx, d, objections, notice, problems = NO_PROBLEMS, form = '', values = {}, office }: {
  ctx: PageCtx; d: StaffDisclosure; objections: StaffObjection[]; notice?: string; problems?: Problems; form?: string; values?: V; office: boolean;
}): SafeHtml {
  const base = `${ADMIN_BASE}/d/${d.id}`;
  const pe = problems.fields;
  const val = (f: string) => (form === f ? values.note ?? '' : '');
  const name = (id: number | null) => d.villages?.find((v) => v.id === id)?.name ?? '';
  const act = (path: string, label: string, noteLabel: string | null, required = false, secondary = false) => (
    <PostForm ctx={ctx} action={`${base}/${path}`} className="stack">
      {noteLabel ? (
        <Field id={`a-${path}`} label={noteLabel} required={required} error={form === path ? pe.note : undefined}>
          <textarea id={`a-${path}`} name="note" rows="3" maxlength="1000" required={required} aria-describedby={describedBy(`a-${path}`, { error: form === path ? pe.note : undefined })}>{val(path)}</textarea>
        </Field>
      ) : null}
      <p class="form-actions"><button type="submit" class={secondary ? 'secondary' : undefined}>{label}</button></p>
    </PostForm>
  );
  return (
    <Layout ctx={ctx} title={d.title} admin>
      <h1>{d.title}</h1>
      <AdminNav here="" office={office} />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      {d.state === 'returned' ? <div class="notice notice-warn" role="alert"><p><strong>监委会退回理由：</strong>{d.returnReason}</p><p>请于 {d.answerDueOn} 前修改并答复。</p></div> : null}
      <dl class="facts">
        <dt>单位</dt><dd><a href={`${ADMIN_BASE}/v/${d.agencyId}`}>{d.agencyName}</a></dd>
        <dt>类别</dt><dd>{CATEGORY_LABELS[d.category]}{d.shared ? `（与政府目录一致：${SHARED_LABELS[d.shared]}）` : ''}</dd>
        <dt>期间</dt><dd>{d.period ? periodLabel(d.period) : d.approvalOn ? `批复日期 ${d.approvalOn}` : '随时公开'}</dd>
        <dt>状态</dt><dd><StateTag s={d.state} /></dd>
        <dt>公示期</dt><dd>{d.publishedOn ? `${d.publishedOn} 至 ${d.publicityUntil}` : `发布后 ${d.publicityDays} 天`}</dd>
        {d.signedBy ? <Fragment><dt>监委会审核</dt><dd>{d.signedBy}（{d.signedOn}）</dd></Fragment> : null}
      </dl>
      <Paragraphs text={d.body} />
      {d.table ? <DataTable table={d.table} label={d.title} villageName={d.villages ? name : undefined} /> : null}
      {d.state === 'published' || d.state === 'archived' ? <p><a href={publicDisclosurePath(d.id)}>查看公开页面</a></p> : null}
      {d.mayClerk && (d.state === 'draft' || d.state === 'returned') ? <p><a href={`${base}/edit`}>修改内容</a></p> : null}
      {d.mayClerk && d.state === 'draft' ? <section class="action-form" aria-labelledby="s-h"><h2 id="s-h">提交审核</h2>{act('submit', '提交监委会审核', null)}</section> : null}
      {d.mayClerk && d.state === 'returned' ? <section class="action-form" aria-labelledby="an-h"><h2 id="an-h">答复监委会</h2>{act('answer', '答复并重新提交', '答复意见', true)}</section> : null}
      {d.maySupervise && d.state === 'review' ? (
        <section class="action-form" aria-labelledby="rv-h">
          <h2 id="rv-h">村务监督委员会审核</h2>
          {act('sign', '审核通过并签字', '审核意见（选填）')}
          {act('return', '退回', '退回理由', true, true)}
        </section>
      ) : null}
      {d.mayClerk && d.state === 'signed' ? <section class="action-form" aria-labelledby="p-h"><h2 id="p-h">发布公示</h2><p>发布后公示 {String(d.publicityDays)} 天，期满自动归档到村务档案。</p>{act('publish', '发布公示', null)}</section> : null}
      <section aria-labelledby="h-h">
        <h2 id="h-h">审核记录</h2>
        {d.reviews.length ? <ol>{d.reviews.map((r) => <li>{r.on} {r.userName}：{r.action === 'submit' ? '提交审核' : r.action === 'return' ? '退回' : r.action === 'answer' ? '答复' : r.action === 'sign' ? '审核签字' : r.action === 'publish' ? '发布公示' : '归档'}{r.note ? `——${r.note}` : ''}</li>)}</ol> : <p>暂无。</p>}
      </section>
      <section aria-labelledby="objections">
        <h2 id="objections">异议（{String(objections.length)}）</h2>
        {objections.length ? objections.map((o) => (
          <article class="card">
            <p>{o.receivedOn} 收到：{o.content}</p>
            <p class="muted">反映人：{o.name}，电话 {o.contact}（仅工作人员可见）</p>
            {o.answeredOn ? <p>答复（{o.answeredOn}）：{o.answer}</p> : d.mayClerk ? (
              <PostForm ctx={ctx} action={`${ADMIN_BASE}/objection/${o.id}/answer`} className="stack">
                <Field id={`o-${o.id}`} label="答复" required error={form === `o${o.id}` ? pe.answer : undefined}>
                  <textarea id={`o-${o.id}`} name="answer" rows="3" maxlength="2000" required>{form === `o${o.id}` ? values.answer ?? '' : ''}</textarea>
                </Field>
                <p class="form-actions"><button type="submit" class="secondary">保存答复</button></p>
              </PostForm>
            ) : <p class="muted">待答复</p>}
          </article>
        )) : <p>暂无异议。</p>}
      </section>
    </Layout>
  );
}

export function TemplatesPage({ ctx, rows, editing, values = {}, problems = NO_PROBLEMS, notice, days }: { ctx: PageCtx; rows: TemplateRow[]; editing: number | null; values?: V; problems?: Problems; notice?: string; days: number }): SafeHtml {
  const e = problems.fields;
  const cur = editing ? rows.find((r) => r.id === editing) : undefined;
  const v = (k: keyof TemplateRow, fallback = '') => values[k] ?? (cur ? String(cur[k] ?? '') : fallback);
  return (
    <Layout ctx={ctx} title="村务公开事项模板" admin>
      <h1>村务公开事项模板</h1>
      <AdminNav here={`${ADMIN_BASE}/templates`} office />
      <Notice text={notice} />
      <p class="muted">依据《村民委员会组织法》第三十条和省村务公开条例。各村（社区）按此模板生成公开目录；修改模板不影响已生成的目录。</p>
      <TableScroll label="公开事项模板">
        <table class="data feedback">
          <thead><tr><th scope="col">类别</th><th scope="col">事项</th><th scope="col">依据</th><th scope="col">时限</th><th scope="col">公示天数</th><th scope="col">操作</th></tr></thead>
          <tbody>{rows.map((t) => <tr><td>{CATEGORY_LABELS[t.category]}</td><td>{t.name}{t.shared ? <Fragment> <span class="tag">乡镇统一公示</span></Fragment> : null}{t.active ? null : <Fragment> <span class="tag">已停用</span></Fragment>}</td><td>{t.basis}</td><td>{rule(t)}</td><td>{String(t.publicityDays)}</td><td><a href={`${ADMIN_BASE}/templates?edit=${t.id}#form`}>修改</a></td></tr>)}</tbody>
        </table>
      </TableScroll>
      <section aria-labelledby="form">
        <h2 id="form">{cur ? `修改：${cur.name}` : '新增事项'}</h2>
        <ErrorBox errors={problems.list} />
        <PostForm ctx={ctx} action={cur ? `${ADMIN_BASE}/templates/${cur.id}` : `${ADMIN_BASE}/templates`} className="stack doc-form">
          <Field id="t-category" label="类别" required error={e.category}>
            <select id="t-category" name="category">{VG_CATEGORIES.map((c) => <option value={c} selected={v('category') === c}>{CATEGORY_LABELS[c]}</option>)}</select>
          </Field>
          <Field id="t-name" label="事项名称" required error={e.name}><input id="t-name" name="name" maxlength="200" required value={v('name')} /></Field>
          <Field id="t-basis" label="依据" error={e.basis}><input id="t-basis" name="basis" maxlength="300" value={v('basis')} /></Field>
          <Field id="t-cadence" label="公开时限" required error={e.cadence}>
            <select id="t-cadence" name="cadence">{VG_CADENCES.map((c) => <option value={c} selected={v('cadence') === c}>{CADENCE_LABELS[c]}</option>)}</select>
          </Field>
          <div class="field-row">
            <Field id="t-due" label="到期日（次月第几日）" error={e.dueDay}><input id="t-due" name="dueDay" inputmode="numeric" maxlength="2" value={v('dueDay', '20')} /></Field>
            <Field id="t-after" label="批复后公开天数" error={e.afterDays}><input id="t-after" name="afterDays" inputmode="numeric" maxlength="2" value={v('afterDays', '5')} /></Field>
            <Field id="t-days" label="公示天数" error={e.publicityDays}><input id="t-days" name="publicityDays" inputmode="numeric" maxlength="2" value={v('publicityDays', '7')} /></Field>
          </div>
          <Field id="t-shared" label="与政府目录一致的事项" hint="选择后由乡镇（街道）统一录入，村（社区）页面读取乡镇记录。" error={e.shared}>
            <select id="t-shared" name="shared"><option value="">否（村级自行公开）</option>{VG_SHARED.map((s) => <option value={s} selected={v('shared') === s}>{SHARED_LABELS[s]}</option>)}</select>
          </Field>
          <Field id="t-active" label="状态"><select id="t-active" name="active"><option value="1" selected={v('active', 'true') !== 'false' && v('active') !== '0'}>启用</option><option value="0" selected={v('active') === 'false' || v('active') === '0'}>停用</option></select></Field>
          <p class="form-actions"><button type="submit">保存</button></p>
        </PostForm>
      </section>
      <section aria-labelledby="set-h">
        <h2 id="set-h">答复期限</h2>
        <PostForm ctx={ctx} action={`${ADMIN_BASE}/settings`} className="stack">
          <Field id="s-days" label="监委会退回和村民异议的答复期限（天）" required hint="各地规定一般为 7 天（一周）或 10 天。" error={e.answerDays}>
            <input id="s-days" name="answerDays" inputmode="numeric" maxlength="2" required value={values.answerDays ?? String(days)} aria-describedby={describedBy('s-days', { hint: true, error: e.answerDays })} />
          </Field>
          <p class="form-actions"><button type="submit" class="secondary">保存</button></p>
        </PostForm>
      </section>
    </Layout>
  );
}

export function DiffPage({ ctx, rows, office }: { ctx: PageCtx; rows: Difference[]; office: boolean }): SafeHtml {
  return (
    <Layout ctx={ctx} title="名单一致性检查" admin>
      <h1>名单一致性检查</h1>
      <AdminNav here={`${ADMIN_BASE}/diff`} office={office} />
      <p class="muted">低保、残疾人两项补贴、涉农补贴、征地补偿名单应以乡镇（街道）录入的记录为准。以下是村（社区）自行公布、与乡镇记录不一致的页面。</p>
      {rows.length ? (
        <TableScroll label="不一致的页面">
          <table class="data feedback">
            <thead><tr><th scope="col">村（社区）</th><th scope="col">事项</th><th scope="col">期间</th><th scope="col">问题</th><th scope="col">记录</th></tr></thead>
            <tbody>{rows.map((r) => <tr><td>{r.village.name}</td><td>{r.shared}</td><td>{periodLabel(r.period)}</td><td><ul>{r.problems.map((p) => <li>{p}</li>)}</ul></td><td><a href={`${ADMIN_BASE}/d/${r.villageDisclosureId}`}>村（社区）</a>{r.townshipDisclosureId ? <Fragment> · <a href={`${ADMIN_BASE}/d/${r.townshipDisclosureId}`}>乡镇</a></Fragment> : null}</td></tr>)}</tbody>
          </table>
        </TableScroll>
      ) : <p>没有发现不一致。</p>}
    </Layout>
  );
}

export function CasePage({ ctx, c, place, clerk, problems = NO_PROBLEMS, values = {}, notice, today }: { ctx: PageCtx; c: CaseView; place: Place; clerk: boolean; problems?: Problems; values?: V; notice?: string; today: string }): SafeHtml {
  const e = problems.fields;
  const meeting = c.next != null && MEETING_STEPS.includes(c.next);
  const n = (id: string, name: string, label: string) => <Field id={id} label={label} error={e[name]}><input id={id} name={name} inputmode="numeric" maxlength="6" value={values[name] ?? ''} /></Field>;
  return (
    <Layout ctx={ctx} title={c.title} admin>
      <h1>{c.title}</h1>
      <p><a href={`${ADMIN_BASE}/v/${place.id}`}>{place.name}</a> · “四议两公开”</p>
      <Notice text={notice} />
      <ol class="steps">{c.steps.map((s) => <li><strong>{STEP_LABELS[s.step]}</strong>（{s.on}）{MEETING_STEPS.includes(s.step) ? `：应到 ${s.eligible}，实到 ${s.attendees}；赞成 ${s.votesFor}，反对 ${s.votesAgainst}，弃权 ${s.abstentions}。` : ''} {s.note}</li>)}</ol>
      {c.next && clerk ? (
        <section class="action-form" aria-labelledby="n-h">
          <h2 id="n-h">登记下一步：{STEP_LABELS[c.next]}</h2>
          <ErrorBox errors={problems.list} />
          <PostForm ctx={ctx} action={`${ADMIN_BASE}/c/${c.id}/step`} className="stack">
            <input type="hidden" name="step" value={c.next} />
            <Field id="s-on" label="日期" required hint={DATE_HINT} error={e.on}><input id="s-on" name="on" type="date" required value={values.on ?? today} /></Field>
            {meeting ? <div class="field-row">{n('s-eligible', 'eligible', '应到人数')}{n('s-attendees', 'attendees', '实到人数')}</div> : null}
            {meeting ? <div class="field-row">{n('s-for', 'votesFor', '赞成')}{n('s-against', 'votesAgainst', '反对')}{n('s-abst', 'abstentions', '弃权')}</div> : null}
            <Field id="s-note" label={meeting ? '会议情况' : '内容'} error={e.note}><textarea id="s-note" name="note" rows="3" maxlength="2000">{values.note ?? ''}</textarea></Field>
            <p class="form-actions"><button type="submit">登记</button></p>
          </PostForm>
        </section>
      ) : c.next ? null : <p>六个步骤已全部完成。</p>}
    </Layout>
  );
}
