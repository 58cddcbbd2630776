import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { DATE_HINT, describedBy, ErrorBox, Field, Notice, PostForm, TableScroll } from '../../../web/components.js';
import { PROPOSAL_KINDS, PROPOSAL_STATES, SATISFACTIONS, type ProposalKind, type ProposalState } from '../schema.js';
import { KIND_LABELS, SATISFACTION_LABELS, STATE_LABELS, type StaffItem } from '../items.js';
import type { PropSettings } from '../settings.js';
import { PUBLIC_BASE } from '../search.js';
import type { RegisterFilters as ListFilters, RegisterRow } from '../register.js';

export const ADMIN_BASE = '/admin/proposals';
export type Problems = { list: string[]; fields: Record<string, string> };
const NO_PROBLEMS: Problems = { list: [], fields: {} };
export type V = Record<string, string | string[] | undefined>;
const str = (v: V, k: string) => { const x = v[k]; return (Array.isArray(x) ? x.at(-1) : x) ?? ''; };
const list = (v: V, k: string) => { const x = v[k]; return Array.isArray(x) ? x : x ? [x] : []; };

export const NOTICES: Record<string, string> = {
  created: '建议提案已交办，答复期限和协办意见期限已开始计算。', view: '协办意见已录入。', extended: '已延期，答复期限已更新。', replied: '答复已录入，请在规定期限内公开。',
  satisfaction: '满意度已登记。', followUp: '跟踪落实情况已登记。', published: '办理结果已公开，公开页面和站内搜索已更新。', settings: '设置已保存。',
};


export function AdminNav({ here, office }: { here: string; office: boolean }): SafeHtml {
  const items = [{ href: ADMIN_BASE, label: '建议提案登记' }, ...(office ? [{ href: `${ADMIN_BASE}/new`, label: '交办建议提案' }, { href: `${ADMIN_BASE}/settings`, label: '办理设置' }] : [])];
  return <nav class="subnav" aria-label="建议提案办理"><ul>{items.map((i) => <li><a href={i.href} aria-current={i.href === here ? 'page' : undefined}>{i.label}</a></li>)}</ul></nav>;
}

export function RegisterPage({ ctx, rows, sessions, filters, office, notice, exportHref }: { ctx: PageCtx; rows: RegisterRow[]; sessions: string[]; filters: ListFilters; office: boolean; notice?: string; exportHref: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title="建议提案办理" admin>
      <h1>建议提案办理</h1>
      <AdminNav here={ADMIN_BASE} office={office} />
      <Notice text={notice} />
      <form method="get" action={ADMIN_BASE} class="filters" aria-label="筛选">
        <label for="f-kind">类别</label>
        <select id="f-kind" name="kind">
          <option value="">全部</option>
          {PROPOSAL_KINDS.map((k) => <option value={k} selected={filters.kind === k}>{KIND_LABELS[k]}</option>)}
        </select>
        <label for="f-session">届次会次</label>
        <select id="f-session" name="session">
          <option value="">全部</option>
          {sessions.map((s) => <option value={s} selected={filters.session === s}>{s}</option>)}
        </select>
        <label for="f-state">状态</label>
        <select id="f-state" name="state">
          <option value="">全部</option>
          {PROPOSAL_STATES.map((s) => <option value={s} selected={filters.state === s}>{STATE_LABELS[s]}</option>)}
        </select>
        <label for="f-q">标题或编号</label>
        <input id="f-q" name="q" maxlength="100" value={filters.q ?? ''} />
        <label class="check"><input type="checkbox" name="overdue" value="1" checked={filters.overdue} /> 只看超期</label>
        <button type="submit">筛选</button>
      </form>
      <p><a href={exportHref}>导出 Excel（当前筛选结果）</a></p>
      {rows.length ? (
        <TableScroll label="建议提案登记表">
          <table class="data">
            <caption>建议提案（{rows.length}）</caption>
            <thead><tr><th scope="col">类别</th><th scope="col">届次会次</th><th scope="col">编号</th><th scope="col">标题</th><th scope="col">主办单位</th><th scope="col">答复期限</th><th scope="col">状态</th><th scope="col">超期</th><th scope="col">公开期限</th></tr></thead>
            <tbody>{rows.map((r) => (
              <tr>
                <td>{KIND_LABELS[r.kind]}</td><td>{r.session}</td><td>{r.number}</td>
                <td><a href={`${ADMIN_BASE}/${r.id}`}>{r.title}</a></td>
                <td>{r.hostName}{r.coHandlers.length ? <span class="doc-list-meta"><br />协办：{r.coHandlers.map((c) => c.agencyName).join('、')}</span> : null}</td>
                <td>{r.due}{r.extension ? '（已延期）' : ''}</td>
                <td>{STATE_LABELS[r.state]}</td>
                <td>{r.overdue ? <span class="tag tag-overdue">{r.overdue}</span> : '—'}</td>
                <td>{r.publishDue ?? '—'}{r.publishLate ? <Fragment> <span class="tag tag-overdue">{r.publishLate}</span></Fragment> : null}</td>
              </tr>
            ))}</tbody>
          </table>
        </TableScroll>
      ) : <p>没有符合条件的建议提案。{office ? <a href={`${ADMIN_BASE}/new`}>交办建议提案</a> : null}</p>}
    </Layout>
  );
}

export function NewForm({ ctx, values, problems = NO_PROBLEMS, hosts }: { ctx: PageCtx; values: V; problems?: Problems; hosts: { id: number; name: string }[] }): SafeHtml {
  const e = problems.fields;
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: e[name] });
  const coHint = '每行一人：姓名，后面可接联系电话（仅供工作人员联系，公开时删除）。如：李某某 13800000000';
  return (
    <Layout ctx={ctx} title="交办建议提案" admin>
      <h1>交办建议提案</h1>
      <AdminNav here={`${ADMIN_BASE}/new`} office />
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={`${ADMIN_BASE}/new`} className="stack doc-form">
        <fieldset><legend>类别</legend>
          {PROPOSAL_KINDS.map((k) => <label class="check"><input type="radio" name="kind" value={k} checked={str(values, 'kind') === k} /> {KIND_LABELS[k]}</label>)}
          {e.kind ? <p class="field-error">{e.kind}</p> : null}
        </fieldset>
        <div class="field-row">
          <Field id="p-session" label="届次会次" required hint="如：县第十八届人民代表大会第三次会议" error={e.session}><input id="p-session" name="session" maxlength="100" required value={str(values, 'session')} aria-describedby={d('p-session', 'session', true)} /></Field>
          <Field id="p-number" label="建议号或提案号" required hint="如：12" error={e.number}><input id="p-number" name="number" maxlength="30" required value={str(values, 'number')} aria-describedby={d('p-number', 'number', true)} /></Field>
        </div>
        <Field id="p-title" label="标题" required error={e.title}><input id="p-title" name="title" maxlength="200" required value={str(values, 'title')} aria-describedby={d('p-title', 'title')} /></Field>
        <div class="field-row">
          <Field id="p-lead" label="领衔代表或提案人" required hint="姓名随办理结果公开" error={e.leadAuthor}><input id="p-lead" name="leadName" maxlength="50" required value={str(values, 'leadName')} aria-describedby={d('p-lead', 'leadAuthor', true)} /></Field>
          <Field id="p-lead-phone" label="联系电话" hint="仅供工作人员联系，公开时删除" error={e.leadPhone}><input id="p-lead-phone" name="leadPhone" maxlength="20" inputmode="tel" value={str(values, 'leadPhone')} aria-describedby={d('p-lead-phone', 'leadPhone', true)} /></Field>
        </div>
        <Field id="p-co" label="联名代表或联名提案人（选填）" hint={coHint} error={e.coAuthors}><textarea id="p-co" name="coAuthors" rows="3" aria-describedby={d('p-co', 'coAuthors', true)}>{str(values, 'coAuthors')}</textarea></Field>
        <Field id="p-host" label="主办单位" required error={e.hostAgencyId}>
          <select id="p-host" name="hostAgencyId" required aria-describedby={d('p-host', 'hostAgencyId')}>
            <option value="">请选择</option>
            {hosts.map((a) => <option value={String(a.id)} selected={str(values, 'hostAgencyId') === String(a.id)}>{a.name}</option>)}
          </select>
        </Field>
        <fieldset><legend>协办单位（选填）</legend>
          <p class="hint">协办单位应在交办之日起 1 个月内向主办单位提出书面意见。</p>
          <div class="checks">{hosts.map((a) => <label class="check"><input type="checkbox" name="coAgencyIds" value={String(a.id)} checked={list(values, 'coAgencyIds').includes(String(a.id))} /> {a.name}</label>)}</div>
          {e.coAgencyIds ? <p class="field-error">{e.coAgencyIds}</p> : null}
        </fieldset>
        <Field id="p-assigned" label="交办日期" required hint={DATE_HINT} error={e.assignedOn}><input id="p-assigned" name="assignedOn" type="date" required value={str(values, 'assignedOn')} aria-describedby={d('p-assigned', 'assignedOn', true)} /></Field>
        <p class="form-actions"><button type="submit">交办</button></p>
      </PostForm>
    </Layout>
  );
}

export type DetailView = {
  item: StaffItem & { followUps: { id: number; on: string; text: string }[]; mayAct: boolean };
  settings: PropSettings; due: string; overdue: string; publishDue: string | null; publishLate: string;
  preview: string | null; actorAgencyId: number; office: boolean; today: string; publicUrl?: string;
};

const Paras = ({ text }: { text: string }): SafeHtml => <div class="pre letter">{text}</div>;

export function DetailPage({ ctx, v, notice, problems = NO_PROBLEMS, form = '', values = {} }: { ctx: PageCtx; v: DetailView; notice?: string; problems?: Problems; form?: string; values?: V }): SafeHtml {
  const { item: it, settings: s } = v;
  const base = `${ADMIN_BASE}/${it.id}`;
  const e = problems.fields;
  const val = (f: string, k: string, fallback = '') => (form === f ? str(values, k) : fallback);
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: e[name] });
  const cls = s.classes.find((c) => c.code === it.replyClass);
  const heading = `${it.session}第${it.number}号`;
  return (
    <Layout ctx={ctx} title={it.title} admin>
      <h1>{it.title}</h1>
      <AdminNav here="" office={v.office} />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      {v.overdue ? <div class="notice notice-warn" role="alert">{v.overdue}：答复期限为 {v.due}。</div> : null}
      {v.publishLate ? <div class="notice notice-warn" role="alert">{v.publishLate}：答复后 {s.publishWorkdays} 个工作日内（{v.publishDue} 前）应公开。</div> : null}
      <dl class="facts">
        <dt>类别</dt><dd>{KIND_LABELS[it.kind]}</dd>
        <dt>届次会次、编号</dt><dd>{heading}</dd>
        <dt>领衔代表或提案人</dt><dd>{it.leadAuthor.name}{it.leadAuthor.phone ? `（联系电话：${it.leadAuthor.phone}，不公开）` : ''}</dd>
        {it.coAuthors.length ? <Fragment><dt>联名</dt><dd>{it.coAuthors.map((a) => a.phone ? `${a.name}（${a.phone}）` : a.name).join('、')}</dd></Fragment> : null}
        <dt>主办单位</dt><dd>{it.hostName}</dd>
        <dt>协办单位</dt><dd>{it.coHandlers.length ? it.coHandlers.map((c) => c.agencyName).join('、') : '无'}</dd>
        <dt>交办日期</dt><dd>{it.assignedOn}</dd>
        <dt>答复期限</dt><dd>{v.due}{it.extension ? `（经批准延期，原期限 ${it.dueOn}）` : ''}</dd>
        <dt>协办意见期限</dt><dd>{it.viewsDueOn}</dd>
        <dt>状态</dt><dd>{STATE_LABELS[it.state]}{it.state === 'published' ? <Fragment> · <a href={v.publicUrl ?? `${PUBLIC_BASE}/${it.id}`}>查看公开页面</a></Fragment> : null}</dd>
        {v.publishDue ? <Fragment><dt>公开期限</dt><dd>{v.publishDue}（答复后 {s.publishWorkdays} 个工作日）</dd></Fragment> : null}
      </dl>

      <section aria-labelledby="co-h">
        <h2 id="co-h">协办意见</h2>
        {it.coHandlers.length ? it.coHandlers.map((c) => {
          const mine = it.mayAct || c.agencyId === v.actorAgencyId;
          const f = `view-${c.agencyId}`;
          return (
            <div class="action-form">
              <h3>{c.agencyName}</h3>
              {c.viewOn ? <Fragment><p>意见日期：{c.viewOn}</p><Paras text={c.viewText} /></Fragment> : <p>尚未提出意见（应于 {it.viewsDueOn} 前提出）。</p>}
              {mine && it.state === 'handling' ? (
                <PostForm ctx={ctx} action={`${base}/view`} className="stack">
                  <input type="hidden" name="agencyId" value={String(c.agencyId)} />
                  <Field id={`cv-text-${c.agencyId}`} label={c.viewOn ? '修改协办意见' : '协办意见'} required error={form === f ? e.text : undefined}><textarea id={`cv-text-${c.agencyId}`} name="text" rows="4" required aria-describedby={form === f ? d(`cv-text-${c.agencyId}`, 'text') : undefined}>{val(f, 'text', c.viewText)}</textarea></Field>
                  <Field id={`cv-on-${c.agencyId}`} label="意见日期" required hint={DATE_HINT} error={form === f ? e.on : undefined}><input id={`cv-on-${c.agencyId}`} name="on" type="date" required value={val(f, 'on', c.viewOn ?? v.today)} aria-describedby={form === f ? d(`cv-on-${c.agencyId}`, 'on', true) : `cv-on-${c.agencyId}-hint`} /></Field>
                  <p class="form-actions"><button type="submit" class="secondary">保存协办意见</button></p>
                </PostForm>
              ) : null}
            </div>
          );
        }) : <p>没有协办单位。</p>}
      </section>

      <section aria-labelledby="ext-h">
        <h2 id="ext-h">延期办理</h2>
        {it.extension ? (
          <dl class="facts">
            <dt>批准人</dt><dd>{it.extension.approver}</dd><dt>批准日期</dt><dd>{it.extension.approvedOn}</dd>
            <dt>延期理由</dt><dd class="pre">{it.extension.reason}</dd><dt>延期后期限</dt><dd>{it.extension.dueOn}</dd>
          </dl>
        ) : it.state !== 'handling' ? <p>未延期。</p> : it.mayAct ? (
          <PostForm ctx={ctx} action={`${base}/extend`} className="stack">
            <p>情况复杂、确需延期的，经批准并告知代表委员后，答复期限可延至交办之日起 {s.extendedMonths} 个月。</p>
            <div class="field-row">
              <Field id="x-approver" label="批准人" required error={e.approver}><input id="x-approver" name="approver" maxlength="50" required value={val('extend', 'approver')} aria-describedby={d('x-approver', 'approver')} /></Field>
              <Field id="x-on" label="批准日期" required hint={DATE_HINT} error={e.approvedOn}><input id="x-on" name="approvedOn" type="date" required value={val('extend', 'approvedOn', v.today)} aria-describedby={d('x-on', 'approvedOn', true)} /></Field>
            </div>
            <Field id="x-reason" label="延期理由" required error={e.reason && form === 'extend' ? e.reason : undefined}><textarea id="x-reason" name="reason" rows="3" required aria-describedby={form === 'extend' ? d('x-reason', 'reason') : undefined}>{val('extend', 'reason')}</textarea></Field>
            <p class="form-actions"><button type="submit" class="secondary">延期</button></p>
          </PostForm>
        ) : <p>未延期。</p>}
      </section>

      <section aria-labelledby="rep-h">
        <h2 id="rep-h">答复</h2>
        {it.state !== 'handling' ? (
          <Fragment>
            <p>答复日期：{it.replyOn} · 答复类别：{it.replyClass} {cls?.label ?? ''}</p>
            <Paras text={it.replyText} />
          </Fragment>
        ) : it.mayAct ? (
          <PostForm ctx={ctx} action={`${base}/reply`} className="stack">
            <fieldset><legend>答复类别</legend>
              {s.classes.map((c) => <label class="check"><input type="radio" name="replyClass" value={c.code} checked={val('reply', 'replyClass') === c.code} /> {c.code} {c.label}</label>)}
              {e.replyClass ? <p class="field-error">{e.replyClass}</p> : null}
            </fieldset>
            <Field id="r-on" label="答复日期" required hint={DATE_HINT} error={form === 'reply' ? e.replyOn : undefined}><input id="r-on" name="replyOn" type="date" required value={val('reply', 'replyOn', v.today)} aria-describedby={d('r-on', 'replyOn', true)} /></Field>
            <Field id="r-text" label="答复内容" required hint="答复全文；公开时自动删除代表委员的联系电话等联系方式" error={form === 'reply' ? e.text : undefined}><textarea id="r-text" name="text" rows="10" required aria-describedby={d('r-text', 'text', true)}>{val('reply', 'text')}</textarea></Field>
            <p class="form-actions"><button type="submit">提交答复</button></p>
          </PostForm>
        ) : <p>尚未答复。</p>}
      </section>

      {it.state !== 'handling' ? (
        <section aria-labelledby="sat-h">
          <h2 id="sat-h">代表委员满意度</h2>
          <p>{it.satisfaction ? `${SATISFACTION_LABELS[it.satisfaction]}${it.satisfactionNote ? `：${it.satisfactionNote}` : ''}` : '尚未登记。'}</p>
          {it.mayAct ? (
            <PostForm ctx={ctx} action={`${base}/satisfaction`} className="stack">
              <fieldset><legend>征询意见表中的满意度</legend>
                {SATISFACTIONS.map((x) => <label class="check"><input type="radio" name="satisfaction" value={x} checked={(form === 'satisfaction' ? str(values, 'satisfaction') : it.satisfaction) === x} /> {SATISFACTION_LABELS[x]}</label>)}
                {e.satisfaction ? <p class="field-error">{e.satisfaction}</p> : null}
              </fieldset>
              <Field id="s-note" label="说明（选填）" error={form === 'satisfaction' ? e.note : undefined}><textarea id="s-note" name="note" rows="2" aria-describedby={form === 'satisfaction' ? d('s-note', 'note') : undefined}>{val('satisfaction', 'note', it.satisfactionNote)}</textarea></Field>
              <p class="form-actions"><button type="submit" class="secondary">登记满意度</button></p>
            </PostForm>
          ) : null}
        </section>
      ) : null}

      {it.state !== 'handling' && cls?.followUp ? (
        <section aria-labelledby="fu-h">
          <h2 id="fu-h">跟踪落实</h2>
          <p>答复类别为“{cls.code} {cls.label}”的，应跟踪落实并登记进展。</p>
          {it.followUps.length ? <ul class="timeline">{it.followUps.map((f) => <li><strong>{f.on}</strong> <span class="pre">{f.text}</span></li>)}</ul> : <p>还没有跟踪记录。</p>}
          {it.mayAct ? (
            <PostForm ctx={ctx} action={`${base}/follow-up`} className="stack">
              <Field id="fu-on" label="跟踪日期" required hint={DATE_HINT} error={form === 'followUp' ? e.on : undefined}><input id="fu-on" name="on" type="date" required value={val('followUp', 'on', v.today)} aria-describedby={form === 'followUp' ? d('fu-on', 'on', true) : 'fu-on-hint'} /></Field>
              <Field id="fu-text" label="落实情况" required error={form === 'followUp' ? e.text : undefined}><textarea id="fu-text" name="text" rows="3" required aria-describedby={form === 'followUp' ? d('fu-text', 'text') : undefined}>{val('followUp', 'text')}</textarea></Field>
              <p class="form-actions"><button type="submit" class="secondary">登记跟踪情况</button></p>
            </PostForm>
          ) : null}
        </section>
      ) : null}

      {it.state !== 'handling' ? (
        <section aria-labelledby="pub-h">
          <h2 id="pub-h">公开办理结果</h2>
          {it.state === 'published' ? (
            <Fragment>
              <p>已于 {it.publishedOn} {it.publishMode === 'summary' ? '摘要公开' : '全文公开'}{it.summaryReason ? `（不全文公开的理由：${it.summaryReason}）` : ''}。公开内容：</p>
              <Paras text={it.publishedText} />
            </Fragment>
          ) : it.mayAct ? (
            <Fragment>
              <p>答复后 {s.publishWorkdays} 个工作日内（{v.publishDue} 前）在“建议提案办理”栏目公开。下面是全文公开时将显示的内容，代表委员的联系电话、电子邮箱等已删除，请核对：</p>
              <div class="pre letter" role="region" aria-label="将公开的答复内容">{v.preview ?? ''}</div>
              <PostForm ctx={ctx} action={`${base}/publish`} className="stack">
                <fieldset><legend>公开方式</legend>
                  <label class="check"><input type="radio" name="mode" value="full" checked={val('publish', 'mode', 'full') === 'full'} /> 全文公开</label>
                  <label class="check"><input type="radio" name="mode" value="summary" checked={val('publish', 'mode') === 'summary'} /> 摘要公开</label>
                  {e.mode ? <p class="field-error">{e.mode}</p> : null}
                </fieldset>
                <Field id="pb-summary" label="答复摘要（摘要公开时填写）" hint="公开前同样删除联系方式" error={form === 'publish' ? e.summary : undefined}><textarea id="pb-summary" name="summary" rows="5" aria-describedby={d('pb-summary', 'summary', true)}>{val('publish', 'summary')}</textarea></Field>
                <Field id="pb-reason" label="不全文公开的理由（摘要公开时填写）" error={form === 'publish' ? e.reason : undefined}><textarea id="pb-reason" name="reason" rows="2" aria-describedby={form === 'publish' ? d('pb-reason', 'reason') : undefined}>{val('publish', 'reason')}</textarea></Field>
                <Field id="pb-on" label="公开日期" required hint={DATE_HINT} error={form === 'publish' ? e.on : undefined}><input id="pb-on" name="on" type="date" required value={val('publish', 'on', v.today)} aria-describedby={form === 'publish' ? d('pb-on', 'on', true) : 'pb-on-hint'} /></Field>
                <p class="form-actions"><button type="submit">公开</button></p>
              </PostForm>
            </Fragment>
          ) : <p>尚未公开。</p>}
        </section>
      ) : null}
    </Layout>
  );
}

export function SettingsPage({ ctx, s, values, problems = NO_PROBLEMS, notice, top }: { ctx: PageCtx; s: PropSettings; values?: V; problems?: Problems; notice?: string; top: boolean }): SafeHtml {
  const v: V = values ?? {
    replyMonths: String(s.replyMonths), extendedMonths: String(s.extendedMonths), viewsMonths: String(s.viewsMonths), publishWorkdays: String(s.publishWorkdays), warnWorkdays: String(s.warnWorkdays),
    classes: s.classes.map((c) => `${c.code} ${c.label}${c.followUp ? ' *' : ''}`).join('\n'),
  };
  const e = problems.fields;
  const num = (name: string, label: string, hint: string) => <Field id={`s-${name}`} label={label} hint={hint} error={e[name]}><input id={`s-${name}`} name={name} inputmode="numeric" maxlength="4" readonly={top ? undefined : true} value={str(v, name)} aria-describedby={describedBy(`s-${name}`, { hint: true, error: e[name] })} /></Field>;
  const classesHint = '每行一个类别：代码 名称；答复后需要跟踪落实的，在末尾加 *。如：B 列入计划拟解决 *';
  return (
    <Layout ctx={ctx} title="建议提案办理设置" admin>
      <h1>建议提案办理设置</h1>
      <AdminNav here={`${ADMIN_BASE}/settings`} office />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      {top ? null : <p class="notice">本设置对全平台各级政府有效，由最上级政府的政务公开办或系统管理员修改；您可以查看当前设置。</p>}
      <PostForm ctx={ctx} action={`${ADMIN_BASE}/settings`} className="stack doc-form">
        <div class="field-row">
          {num('replyMonths', '答复期限（月）', '自交办之日起')}
          {num('extendedMonths', '延期后期限（月）', '经批准延期后，自交办之日起')}
        </div>
        <div class="field-row">
          {num('viewsMonths', '协办意见期限（月）', '协办单位向主办单位提出意见')}
          {num('publishWorkdays', '答复后公开期限（工作日）', '按官方工作日历计算')}
        </div>
        {num('warnWorkdays', '公开期限前提醒（工作日）', '距公开期限不足该工作日数时列入待办')}
        <Field id="s-classes" label="答复类别" required hint={classesHint} error={e.classes}><textarea id="s-classes" name="classes" rows="5" readonly={top ? undefined : true} aria-describedby={describedBy('s-classes', { hint: true, error: e.classes })}>{str(v, 'classes')}</textarea></Field>
        {top ? <p class="form-actions"><button type="submit">保存设置</button></p> : null}
      </PostForm>
    </Layout>
  );
}
