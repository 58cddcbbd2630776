import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { describedBy, ErrorBox, Field, formatDateTime, Notice, PostForm } from '../../../web/components.js';
import { CATEGORIES, GRADES, ITEM_STATES, RESPONSE_KINDS, SEVERITIES, SOURCES, type ItemState, type Severity } from '../schema.js';
import { CATEGORY_LABELS, GRADE_LABELS, RESPONSE_LABELS, SEVERITY_LABELS, SOURCE_LABELS, STATE_LABELS } from '../labels.js';
import { clockNote, type Clock } from '../clocks.js';
import type { ItemView, Proposal } from '../items.js';
import type { OpSettings } from '../settings.js';
import type { AgencyOption, StatsGroup, StatsTable, TimelineStep } from '../staff.js';
import { onTimeText } from '../export-xlsx.js';

export const ADMIN_BASE = '/admin/opinion';
export type Problems = { list: string[]; fields: Record<string, string> };
const NO_PROBLEMS: Problems = { list: [], fields: {} };
export type V = Record<string, string | string[] | undefined>;
const str = (v: V, k: string) => { const x = v[k]; return (Array.isArray(x) ? x.at(-1) : x) ?? ''; };
const list = (v: V, k: string) => { const x = v[k]; return Array.isArray(x) ? x : x ? [x] : []; };

export const NOTICES: Record<string, string> = {
  registered: '舆情已登记。', agency: '第一责任单位已调整。', consulted: '会商情况已记录。', responded: '回应已登记。',
  evaluated: '评估意见已保存。', closed: '舆情已关闭。', settings: '回应时限已保存。',
};

function AdminNav({ here }: { here: string }): SafeHtml {
  const items = [{ href: ADMIN_BASE, label: '舆情登记簿' }, { href: `${ADMIN_BASE}/new`, label: '登记舆情' }, { href: `${ADMIN_BASE}/stats`, label: '回应统计' }, { href: `${ADMIN_BASE}/settings`, label: '回应时限设置' }];
  return <nav class="subnav" aria-label="政务舆情回应"><ul>{items.map((i) => <li><a href={i.href} aria-current={i.href === here ? 'page' : undefined}>{i.label}</a></li>)}</ul></nav>;
}

const CLOCK_TAG: Record<Clock['status'], { cls: string; text: string }> = {
  running: { cls: 'tag', text: '计时中' }, nearing: { cls: 'tag tag-due_soon', text: '临近时限' }, overdue: { cls: 'tag tag-overdue', text: '已超时' },
  met: { cls: 'tag', text: '按时完成' }, late: { cls: 'tag tag-overdue', text: '超时完成' },
};
/** One clock: the sentence with time left or overdue, and a coloured tag (red overdue or late, amber nearing). */
export const ClockLine = ({ c }: { c: Clock }): SafeHtml => <span class="op-clock">{clockNote(c)}<span class={CLOCK_TAG[c.status].cls}>{CLOCK_TAG[c.status].text}</span></span>;

export type ListFilter = { state: string; severity: string; clock: string };
type ListRow = ItemView | (Omit<ItemView, 'consultations' | 'responses'>);

export function RegisterList({ ctx, rows, names, filter, notice }: { ctx: PageCtx; rows: ListRow[]; names: Map<number, string>; filter: ListFilter; notice?: string }): SafeHtml {
  const sel = (name: keyof ListFilter, label: string, options: [string, string][]) => (
    <Fragment>
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">全部</option>
        {options.map(([v, l]) => <option value={v} selected={filter[name] === v}>{l}</option>)}
      </select>
    </Fragment>
  );
  return (
    <Layout ctx={ctx} title="政务舆情回应" admin>
      <h1>政务舆情回应</h1>
      <AdminNav here={ADMIN_BASE} />
      <Notice text={notice} />
      <p>按照国办发〔2016〕61号、80号文件，对涉及本级政府的政务舆情登记、会商研判、回应、评估。特别重大、重大突发事件 5 小时内发布权威信息、24 小时内举行新闻发布会；其他舆情 48 小时内首次回应（时限可在“回应时限设置”中调整）。</p>
      <form method="get" action={ADMIN_BASE} class="filters" role="search" aria-label="筛选舆情">
        {sel('state', '状态', ITEM_STATES.map((s) => [s, STATE_LABELS[s]]))}
        {sel('severity', '级别', SEVERITIES.map((s) => [s, SEVERITY_LABELS[s]]))}
        {sel('clock', '时限', [['overdue', '已超时'], ['nearing', '临近时限'], ['running', '计时中']])}
        <button type="submit" class="secondary">筛选</button>
      </form>
      {rows.length ? (
        <div class="table-wrap">
          <table class="data">
            <caption>舆情（{rows.length}）</caption>
            <thead><tr><th scope="col">舆情</th><th scope="col">级别 · 状态</th><th scope="col">回应时限</th></tr></thead>
            <tbody>{rows.map((i) => (
              <tr>
                <td><a href={`${ADMIN_BASE}/${i.id}`}>{i.summary.length > 80 ? `${i.summary.slice(0, 80)}…` : i.summary}</a>
                  <div class="doc-list-meta">{CATEGORY_LABELS[i.category]} · 首次发现 {formatDateTime(i.firstSeenAt)} · {SOURCE_LABELS[i.source]} · 第一责任单位：{names.get(i.agencyId) ?? ''}</div></td>
                <td>{SEVERITY_LABELS[i.severity]}{i.emergency ? <span class="tag tag-overdue">突发</span> : null}<div>{STATE_LABELS[i.state]}</div></td>
                <td><ul class="timeline">{i.clocks.map((c) => <li><ClockLine c={c} /></li>)}</ul></td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      ) : <p>没有符合条件的舆情。<a href={`${ADMIN_BASE}/new`}>登记舆情</a></p>}
    </Layout>
  );
}

const places = (a: AgencyOption[]) => a.filter((x) => ['township', 'street', 'village', 'community'].includes(x.kind));
const depts = (a: AgencyOption[]) => a.filter((x) => x.kind === 'department');
const responsible = (a: AgencyOption[]) => a.filter((x) => !['village', 'community'].includes(x.kind));

function AgencySelect({ id, name, label, options, value, error, hint, required, empty = '请选择' }: { id: string; name: string; label: string; options: AgencyOption[]; value: string; error?: string; hint?: string; required?: boolean; empty?: string }): SafeHtml {
  return (
    <Field id={id} label={label} hint={hint} required={required} error={error}>
      <select id={id} name={name} required={required} aria-describedby={describedBy(id, { hint: !!hint, error })}>
        <option value="">{empty}</option>
        {options.map((o) => <option value={String(o.id)} selected={value === String(o.id)}>{o.name}</option>)}
      </select>
    </Field>
  );
}

export function NewItemForm({ ctx, values, agencies, proposal, problems = NO_PROBLEMS }: { ctx: PageCtx; values: V; agencies: AgencyOption[]; proposal?: Proposal | null; problems?: Problems }): SafeHtml {
  const e = problems.fields;
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: e[name] });
  return (
    <Layout ctx={ctx} title="登记舆情" admin>
      <h1>登记舆情</h1>
      <AdminNav here={`${ADMIN_BASE}/new`} />
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={`${ADMIN_BASE}/new`} className="stack doc-form">
        <div class="field-row">
          <Field id="o-source" label="来源" required error={e.source}>
            <select id="o-source" name="source" required aria-describedby={d('o-source', 'source')}>
              <option value="">请选择</option>
              {SOURCES.map((s) => <option value={s} selected={str(values, 'source') === s}>{SOURCE_LABELS[s]}</option>)}
            </select>
          </Field>
          <Field id="o-firstSeenAt" label="首次发现时间" required hint="北京时间" error={e.firstSeenAt}>
            <input id="o-firstSeenAt" name="firstSeenAt" type="datetime-local" required value={str(values, 'firstSeenAt')} aria-describedby={d('o-firstSeenAt', 'firstSeenAt', true)} />
          </Field>
        </div>
        <Field id="o-link" label="原始链接" hint="以 http:// 或 https:// 开头（选填）" error={e.link}>
          <input id="o-link" name="link" type="url" maxlength="500" value={str(values, 'link')} aria-describedby={d('o-link', 'link', true)} />
        </Field>
        <Field id="o-summary" label="舆情摘要" required hint="不超过 2000 字；仅供工作人员使用，不公开" error={e.summary}>
          <textarea id="o-summary" name="summary" rows="4" required aria-describedby={d('o-summary', 'summary', true)}>{str(values, 'summary')}</textarea>
        </Field>
        <Field id="o-category" label="舆情类别（国办发〔2016〕61号）" required error={e.category}>
          <select id="o-category" name="category" required aria-describedby={d('o-category', 'category')}>
            <option value="">请选择</option>
            {CATEGORIES.map((c) => <option value={c} selected={str(values, 'category') === c}>{CATEGORY_LABELS[c]}</option>)}
          </select>
        </Field>
        <fieldset><legend>舆情级别</legend>
          {SEVERITIES.map((s) => <label class="check"><input type="radio" name="severity" value={s} checked={str(values, 'severity') === s} /> {SEVERITY_LABELS[s]}</label>)}
          {e.severity ? <p class="field-error">{e.severity}</p> : null}
          <label class="check"><input type="checkbox" name="emergency" value="yes" checked={str(values, 'emergency') === 'yes'} /> 属于突发事件（特别重大、重大突发事件适用 5 小时、24 小时时限）</label>
        </fieldset>
        <div class="field-row">
          <AgencySelect id="o-place" name="placeAgencyId" label="发生地" hint="本级所辖乡镇（街道）、村（社区），用于属地管理" options={places(agencies)} value={str(values, 'placeAgencyId')} error={e.placeAgencyId} empty="未明确或不限于一地" />
          <AgencySelect id="o-concerned" name="concernedAgencyId" label="涉事部门" hint="谁主管谁负责" options={depts(agencies)} value={str(values, 'concernedAgencyId')} error={e.concernedAgencyId} empty="未明确" />
        </div>
        <section class="notice" aria-labelledby="o-prop-h">
          <h2 id="o-prop-h">第一责任单位</h2>
          {proposal ? <p>平台建议：<strong>{proposal.agencyName}</strong>。{proposal.reason}</p> : <p>按“属地管理、分级负责、谁主管谁负责”，平台根据级别、发生地和涉事部门提出建议。填好上面各项后点“查看建议”，或直接登记（采用平台建议）。</p>}
          <AgencySelect id="o-agency" name="agencyId" label="确定第一责任单位" hint="不选则采用平台建议；登记后仍可调整" options={responsible(agencies)} value={str(values, 'agencyId')} error={e.agencyId} empty="采用平台建议" />
          <p><button type="submit" name="action" value="propose" class="secondary">查看建议</button></p>
        </section>
        <p class="form-actions"><button type="submit" name="action" value="register">登记</button></p>
      </PostForm>
    </Layout>
  );
}

const Steps = ({ steps }: { steps: TimelineStep[] }): SafeHtml => (
  <ol class="timeline">
    {steps.map((s) => <li><strong>{formatDateTime(s.at)}</strong> {s.label}{s.detail ? <Fragment>：<span class="pre">{s.detail}</span></Fragment> : null}{s.href ? <Fragment> · <a href={s.href}>查看</a></Fragment> : null}</li>)}
  </ol>
);

export type ItemPageView = { v: ItemView; names: Map<number, string>; agencies: AgencyOption[]; steps: TimelineStep[]; documents: { id: number; title: string }[]; nowLocal: string; onSite?: (url: string) => string };

export function ItemPage({ ctx, p, values = {}, notice, problems = NO_PROBLEMS }: { ctx: PageCtx; p: ItemPageView; values?: V; notice?: string; problems?: Problems }): SafeHtml {
  const { v, names } = p;
  const base = `${ADMIN_BASE}/${v.id}`;
  const e = problems.fields;
  const open = v.state !== 'closed';
  const mayRespond = v.state !== 'closed' && v.state !== 'evaluated';
  const name = (id: number | null) => (id != null ? (names.get(id) ?? '') : '');
  return (
    <Layout ctx={ctx} title="政务舆情" admin>
      <h1>政务舆情：{v.summary.length > 40 ? `${v.summary.slice(0, 40)}…` : v.summary}</h1>
      <AdminNav here="" />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      <dl class="facts">
        <dt>舆情摘要</dt><dd class="pre">{v.summary}</dd>
        <dt>来源</dt><dd>{SOURCE_LABELS[v.source]}{v.link ? <Fragment> · <a href={v.link} rel="noopener noreferrer nofollow">{v.link}</a></Fragment> : null}</dd>
        <dt>首次发现时间</dt><dd>{formatDateTime(v.firstSeenAt)}</dd>
        <dt>类别</dt><dd>{CATEGORY_LABELS[v.category]}</dd>
        <dt>级别</dt><dd>{SEVERITY_LABELS[v.severity]}{v.emergency ? <span class="tag tag-overdue">突发事件</span> : null}</dd>
        <dt>发生地</dt><dd>{name(v.placeAgencyId) || '未明确'}</dd>
        <dt>第一责任单位</dt><dd>{name(v.agencyId)}{v.proposedAgencyId != null ? <div class="hint">平台建议：{name(v.proposedAgencyId)}（{v.proposalReason}）</div> : null}</dd>
        <dt>状态</dt><dd>{STATE_LABELS[v.state]}</dd>
      </dl>

      <section aria-labelledby="clk-h">
        <h2 id="clk-h">回应时限</h2>
        <ul class="timeline">{v.clocks.map((c) => <li><ClockLine c={c} /></li>)}</ul>
      </section>

      <section aria-labelledby="tl-h">
        <h2 id="tl-h">处置过程</h2>
        <Steps steps={p.steps.map((s) => (s.href?.startsWith('/') && p.onSite ? { ...s, href: p.onSite(s.href) } : s))} />
      </section>

      {open ? (
        <section aria-labelledby="ag-h">
          <h2 id="ag-h">调整第一责任单位</h2>
          <PostForm ctx={ctx} action={`${base}/agency`} className="stack">
            <AgencySelect id="a-agency" name="agencyId" label="第一责任单位" required options={responsible(p.agencies)} value={str(values, 'agencyId') || String(v.agencyId)} error={e.agencyId} />
            <p class="form-actions"><button type="submit" class="secondary">调整</button></p>
          </PostForm>
        </section>
      ) : null}

      {open ? (
        <section aria-labelledby="cs-h">
          <h2 id="cs-h">会商研判</h2>
          <PostForm ctx={ctx} action={`${base}/consult`} className="stack">
            <fieldset><legend>参加会商的单位</legend>
              <div class="checks">{responsible(p.agencies).map((a) => <label class="check"><input type="checkbox" name="agencyIds" value={String(a.id)} checked={list(values, 'agencyIds').includes(String(a.id))} /> {a.name}</label>)}</div>
              {e.agencyIds ? <p class="field-error">{e.agencyIds}</p> : null}
            </fieldset>
            <Field id="c-heldAt" label="会商时间" required error={e.heldAt}><input id="c-heldAt" name="heldAt" type="datetime-local" required value={str(values, 'heldAt') || p.nowLocal} aria-describedby={describedBy('c-heldAt', { error: e.heldAt })} /></Field>
            <Field id="c-conclusion" label="各单位意见和会商结论" required hint="不超过 2000 字" error={e.conclusion}><textarea id="c-conclusion" name="conclusion" rows="4" required aria-describedby={describedBy('c-conclusion', { hint: true, error: e.conclusion })}>{str(values, 'conclusion')}</textarea></Field>
            <p class="form-actions"><button type="submit" class="secondary">记录会商</button></p>
          </PostForm>
        </section>
      ) : null}

      <section aria-labelledby="rs-h">
        <h2 id="rs-h">回应（{v.responses.length}）</h2>
        {v.responses.length ? (
          <ul class="timeline">{v.responses.map((r) => <li>{formatDateTime(r.respondedAt)} {RESPONSE_LABELS[r.kind]}：{r.title}{r.documentId != null ? <Fragment> · <a href={p.onSite ? p.onSite(`/xxgk/${r.documentId}`) : `/xxgk/${r.documentId}`}>已公开信息</a></Fragment> : r.link ? <Fragment> · <a href={r.link} rel="noopener noreferrer nofollow">链接</a></Fragment> : null}{r.isPublic ? <span class="tag">在“回应关切”公开</span> : null}</li>)}</ul>
        ) : <p>尚未回应。</p>}
        {mayRespond ? (
          <PostForm ctx={ctx} action={`${base}/respond`} className="stack">
            <div class="field-row">
              <Field id="r-kind" label="回应方式" required error={e.kind}>
                <select id="r-kind" name="kind" required aria-describedby={describedBy('r-kind', { error: e.kind })}>
                  <option value="">请选择</option>
                  {RESPONSE_KINDS.map((k) => <option value={k} selected={str(values, 'kind') === k}>{RESPONSE_LABELS[k]}</option>)}
                </select>
              </Field>
              <Field id="r-respondedAt" label="回应时间" required error={e.respondedAt}><input id="r-respondedAt" name="respondedAt" type="datetime-local" required value={str(values, 'respondedAt') || p.nowLocal} aria-describedby={describedBy('r-respondedAt', { error: e.respondedAt })} /></Field>
            </div>
            <Field id="r-title" label="回应标题" required hint="公开时显示，不超过 200 字" error={e.title}><input id="r-title" name="title" maxlength="200" required value={str(values, 'title')} aria-describedby={describedBy('r-title', { hint: true, error: e.title })} /></Field>
            <Field id="r-document" label="以已公开的政府信息回应" hint="选择后该信息页面显示“回应关切”，本回应在“回应关切”栏目公开" error={e.documentId}>
              <select id="r-document" name="documentId" aria-describedby={describedBy('r-document', { hint: true, error: e.documentId })}>
                <option value="">不关联</option>
                {p.documents.map((d) => <option value={String(d.id)} selected={str(values, 'documentId') === String(d.id)}>{d.title}</option>)}
              </select>
            </Field>
            <Field id="r-link" label="回应链接" hint="新闻发布会、采访报道等的网址（选填）" error={e.link}><input id="r-link" name="link" type="url" maxlength="500" value={str(values, 'link')} aria-describedby={describedBy('r-link', { hint: true, error: e.link })} /></Field>
            <label class="check"><input type="checkbox" name="isPublic" value="yes" checked={str(values, 'isPublic') === 'yes'} /> 在“回应关切”栏目公开（须有链接；关联政府信息的自动公开）</label>
            <p class="form-actions"><button type="submit">登记回应</button></p>
          </PostForm>
        ) : null}
      </section>

      <section aria-labelledby="ev-h">
        <h2 id="ev-h">评估</h2>
        {v.evaluatedAt ? <p>{formatDateTime(v.evaluatedAt)} 评估：回应效果{v.grade ? GRADE_LABELS[v.grade] : ''}。<span class="pre">{v.evaluation}</span></p>
          : v.state === 'responded' ? (
            <PostForm ctx={ctx} action={`${base}/evaluate`} className="stack">
              <fieldset><legend>回应效果</legend>
                {GRADES.map((g) => <label class="check"><input type="radio" name="grade" value={g} checked={str(values, 'grade') === g} /> {GRADE_LABELS[g]}</label>)}
                {e.grade ? <p class="field-error">{e.grade}</p> : null}
              </fieldset>
              <Field id="e-evaluation" label="评估意见" required hint="舆情走势、网民反应、回应是否到位，不超过 2000 字" error={e.evaluation}><textarea id="e-evaluation" name="evaluation" rows="4" required aria-describedby={describedBy('e-evaluation', { hint: true, error: e.evaluation })}>{str(values, 'evaluation')}</textarea></Field>
              <p class="form-actions"><button type="submit" class="secondary">保存评估</button></p>
            </PostForm>
          ) : <p>回应后进行评估。</p>}
      </section>

      <section aria-labelledby="cl-h">
        <h2 id="cl-h">关闭</h2>
        {v.closedAt ? <p>已于 {formatDateTime(v.closedAt)} 关闭。{v.closeNote}</p>
          : v.state === 'evaluated' ? (
            <PostForm ctx={ctx} action={`${base}/close`} className="stack">
              <Field id="x-note" label="关闭说明" hint="选填，不超过 1000 字" error={e.closeNote}><textarea id="x-note" name="closeNote" rows="2" aria-describedby={describedBy('x-note', { hint: true, error: e.closeNote })}>{str(values, 'closeNote')}</textarea></Field>
              <p class="form-actions"><button type="submit" class="secondary">关闭舆情</button></p>
            </PostForm>
          ) : <p>评估后可以关闭。</p>}
      </section>
    </Layout>
  );
}

export function SettingsPage({ ctx, s, values, problems = NO_PROBLEMS, notice }: { ctx: PageCtx; s: OpSettings; values?: V; problems?: Problems; notice?: string }): SafeHtml {
  const v: V = values ?? { authHours: String(s.authHours), pressHours: String(s.pressHours), firstHours: String(s.firstHours) };
  const e = problems.fields;
  const num = (name: keyof OpSettings, label: string, hint: string) => <Field id={`s-${name}`} label={label} hint={hint} error={e[name]}><input id={`s-${name}`} name={name} inputmode="numeric" maxlength="4" value={str(v, name)} aria-describedby={describedBy(`s-${name}`, { hint: true, error: e[name] })} /></Field>;
  return (
    <Layout ctx={ctx} title="舆情回应时限设置" admin>
      <h1>舆情回应时限设置</h1>
      <AdminNav here={`${ADMIN_BASE}/settings`} />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={`${ADMIN_BASE}/settings`} className="stack doc-form">
        {num('authHours', '发布权威信息时限（小时）', '特别重大、重大突发事件，自首次发现起；国办发〔2016〕80号为 5 小时')}
        {num('pressHours', '举行新闻发布会时限（小时）', '特别重大、重大突发事件，自首次发现起；国办发〔2016〕80号为 24 小时')}
        {num('firstHours', '首次回应时限（小时）', '其他舆情，自首次发现起；国办发〔2016〕61号为 48 小时')}
        <p class="form-actions"><button type="submit">保存设置</button></p>
      </PostForm>
    </Layout>
  );
}

const pct = (g: StatsGroup) => (g.onTimeShare == null ? '—' : `${Math.round(g.onTimeShare * 1000) / 10}%`);
const GroupRow = ({ label, g }: { label: string; g: StatsGroup }): SafeHtml => <tr><th scope="row">{label}</th><td>{g.count}</td><td>{g.responded}</td><td>{g.averageHours ?? '—'}</td><td>{g.onTime} / {g.decided}</td><td>{pct(g)}</td></tr>;
const GROUP_HEAD = (first: string) => <thead><tr><th scope="col">{first}</th><th scope="col">舆情</th><th scope="col">已回应</th><th scope="col">平均用时</th><th scope="col">按时/到期</th><th scope="col">按时率</th></tr></thead>;

export function StatsPage({ ctx, t, from, to, problems = NO_PROBLEMS }: { ctx: PageCtx; t: StatsTable; from: string; to: string; problems?: Problems }): SafeHtml {
  const e = problems.fields;
  const q = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  return (
    <Layout ctx={ctx} title="舆情回应统计" admin>
      <h1>舆情回应统计</h1>
      <AdminNav here={`${ADMIN_BASE}/stats`} />
      <ErrorBox errors={problems.list} />
      <form method="get" action={`${ADMIN_BASE}/stats`} class="filters" aria-label="统计期间">
        <label for="st-from">首次发现自</label><input id="st-from" name="from" type="date" value={from} aria-invalid={e.from ? 'true' : undefined} />
        <label for="st-to">至</label><input id="st-to" name="to" type="date" value={to} aria-invalid={e.to ? 'true' : undefined} />
        <button type="submit" class="secondary">统计</button>
      </form>
      <p>用时为自首次发现至首次回应的小时数。按时：各项时限均按时完成；已到时限：已完成或已超时的舆情。<a href={`${ADMIN_BASE}/stats.xlsx?${q}`}>下载统计表（Excel）</a></p>
      <div class="table-wrap">
        <table class="data">
          <caption>按级别汇总（平均用时单位：小时）</caption>
          {GROUP_HEAD('级别')}
          <tbody>
            {SEVERITIES.map((s: Severity) => <GroupRow label={SEVERITY_LABELS[s]} g={t.bySeverity[s]} />)}
            <GroupRow label="合计" g={t.total} />
          </tbody>
        </table>
      </div>
      <div class="table-wrap">
        <table class="data">
          <caption>按类别汇总</caption>
          {GROUP_HEAD('类别')}
          <tbody>{CATEGORIES.filter((c) => t.byCategory[c].count).map((c) => <GroupRow label={CATEGORY_LABELS[c]} g={t.byCategory[c]} />)}</tbody>
        </table>
      </div>
      {t.items.length ? (
        <div class="table-wrap">
          <table class="data">
            <caption>逐条（{t.items.length}）</caption>
            <thead><tr><th scope="col">舆情</th><th scope="col">首次回应</th><th scope="col">是否按时</th></tr></thead>
            <tbody>{t.items.map((i) => (
              <tr>
                <td><a href={`${ADMIN_BASE}/${i.id}`}>{i.summary.length > 40 ? `${i.summary.slice(0, 40)}…` : i.summary}</a><div class="doc-list-meta">{SEVERITY_LABELS[i.severity]}{i.emergency ? '（突发）' : ''} · 首次发现 {formatDateTime(i.firstSeenAt)}</div></td>
                <td>{i.firstResponseAt ? <Fragment>{formatDateTime(i.firstResponseAt)}<div class="doc-list-meta">用时 {i.hours} 小时</div></Fragment> : '未回应'}</td>
                <td>{i.onTime === false ? <span class="tag tag-overdue">超时</span> : onTimeText(i.onTime)}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      ) : <p>该期间没有登记的舆情。</p>}
    </Layout>
  );
}

export const isState = (s: string): s is ItemState => (ITEM_STATES as readonly string[]).includes(s);
