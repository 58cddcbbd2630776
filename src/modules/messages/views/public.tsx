import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { describedBy, ErrorBox, Field, formatDate, formatDateTime, Honeypot, Notice, PostForm, TableScroll } from '../../../web/components.js';
import { MESSAGE_KINDS, RATINGS } from '../schema.js';
import { KIND_LABELS, RATING_LABELS, SCREEN_LABELS, STATE_LABELS, STEP_LABELS } from '../labels.js';
import type { messageStatus } from '../intake.js';
import type { MonthRow, publicMessage, publicMessagesPage, publicSteps } from '../queries.js';

export const PUBLIC_BASE = '/liuyan';
const HOME = { href: '/', label: '首页' };
const CRUMB = { href: PUBLIC_BASE, label: '留言咨询' };
export type FormValues = Record<string, string>;
type PublicRow = Awaited<ReturnType<typeof publicMessagesPage>>['rows'][number];
export type StatusView = Awaited<ReturnType<typeof messageStatus>>;

const Paras = ({ text }: { text: string }): SafeHtml => <Fragment>{text.split(/\n+/).filter((p) => p.trim()).map((p) => <p>{p}</p>)}</Fragment>;

function Links({ here }: { here?: string }): SafeHtml {
  const items = [{ href: `${PUBLIC_BASE}/new`, label: '我要留言' }, { href: `${PUBLIC_BASE}/status`, label: '查询办理情况' }, { href: `${PUBLIC_BASE}/faq`, label: '常见问题' }, { href: `${PUBLIC_BASE}/tongji`, label: '办理统计' }];
  // Not .subnav: the site hides that at phone width (the staff menu carries it), and these are the public's ways in.
  return <nav class="pager" aria-label="留言咨询">{items.map((i) => (i.href === here ? <strong aria-current="page">{i.label}</strong> : <a href={i.href}>{i.label}</a>))}</nav>;
}

function Pager({ total, page, pageSize, href }: { total: number; page: number; pageSize: number; href: (n: number) => string }): SafeHtml | null {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label="分页">
      {page > 1 ? <a href={href(page - 1)} rel="prev">上一页</a> : null}
      <span>第 {page} / {pages} 页，共 {total} 条</span>
      {page < pages ? <a href={href(page + 1)} rel="next">下一页</a> : null}
    </nav>
  );
}

function MessageItem({ m }: { m: PublicRow }): SafeHtml {
  return (
    <li>
      <a href={`${PUBLIC_BASE}/${m.id}`}>{m.title}</a>
      <span class="tag">{KIND_LABELS[m.kind]}</span>
      <div class="doc-list-meta">受理日期：{m.acceptedOn ?? '—'} · 答复日期：{m.repliedOn ?? '—'} · 答复部门：{m.replyAgency}</div>
    </li>
  );
}

export function ListPage({ ctx, p }: { ctx: PageCtx; p: Awaited<ReturnType<typeof publicMessagesPage>> }): SafeHtml {
  return (
    <Layout ctx={ctx} title="留言咨询" crumbs={[HOME, { label: '留言咨询' }]}>
      <h1>留言咨询</h1>
      <p>您可以向本级政府各部门、乡镇（街道）或领导信箱咨询、投诉、提出建议。留言经甄别受理后，由承办单位在规定的工作日内答复；选择公开的留言及其答复在本栏目公布，留言人的姓名和联系电话不会公开。</p>
      <Links />
      <h2>公开的留言及答复</h2>
      {p.rows.length ? <ul class="doc-list">{p.rows.map((m) => <MessageItem m={m} />)}</ul> : <p>暂无公开的留言答复。</p>}
      <Pager total={p.total} page={p.page} pageSize={p.pageSize} href={(n) => (n > 1 ? `${PUBLIC_BASE}?page=${n}` : PUBLIC_BASE)} />
    </Layout>
  );
}

type PublicStep = Awaited<ReturnType<typeof publicSteps>>[number];
const stepText = (s: { step: string; from: string; to: string }) =>
  s.step === 'transferred' ? `转办：${s.from} → ${s.to}` : s.step === 'received' && s.to ? `收到留言（${s.to}）` : s.step === 'replied' && s.from ? `答复（${s.from}）` : STEP_LABELS[s.step] ?? s.step;

export function DetailPage({ ctx, m, steps }: { ctx: PageCtx; m: NonNullable<Awaited<ReturnType<typeof publicMessage>>>; steps: PublicStep[] }): SafeHtml {
  return (
    <Layout ctx={ctx} title={m.title} crumbs={[HOME, CRUMB, { label: m.title }]}>
      <article class="doc">
        <h1>{m.title}</h1>
        <dl class="facts">
          <dt>留言类别</dt><dd>{KIND_LABELS[m.kind]}</dd>
          <dt>受理日期</dt><dd>{m.acceptedOn ?? '—'}</dd>
          <dt>答复日期</dt><dd>{m.repliedOn ?? '—'}</dd>
          <dt>答复部门</dt><dd>{m.replyAgency}</dd>
        </dl>
        <section aria-labelledby="body-h"><h2 id="body-h">留言内容</h2><div class="doc-body"><Paras text={m.body} /></div></section>
        <section aria-labelledby="reply-h"><h2 id="reply-h">答复内容</h2><div class="doc-body"><Paras text={m.replyText} /></div></section>
        <section aria-labelledby="steps-h">
          <h2 id="steps-h">办理过程</h2>
          <ol class="timeline">{steps.map((s) => <li><time>{formatDateTime(s.at)}</time> {stepText(s)}</li>)}</ol>
        </section>
      </article>
      <Links />
    </Layout>
  );
}

export type Target = { id: number; name: string };
export function NewPage({ ctx, agencies, mailboxes, values, errors = [], fieldErrors = {} }: { ctx: PageCtx; agencies: Target[]; mailboxes: Target[]; values: FormValues; errors?: string[]; fieldErrors?: Record<string, string> }): SafeHtml {
  const e = fieldErrors;
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: e[name] });
  const target = values.target ?? '';
  return (
    <Layout ctx={ctx} title="我要留言" crumbs={[HOME, CRUMB, { label: '我要留言' }]}>
      <h1>我要留言</h1>
      <p>请如实填写。提交后您将获得查询码和查询密钥，凭二者查询办理情况、评价答复。涉及信访事项、检举控告的，工作人员甄别后会告知您应向何处反映。</p>
      <ErrorBox errors={errors} />
      <PostForm ctx={ctx} action={`${PUBLIC_BASE}/new`} className="stack doc-form">
        <input type="hidden" name="submitKey" value={values.submitKey ?? ''} />
        <Field id="m-target" label="留言对象" required hint="选择部门、乡镇（街道），或领导信箱" error={e.target ?? e.agencyId ?? e.mailboxId}>
          <select id="m-target" name="target" required aria-describedby={describedBy('m-target', { hint: true, error: e.target ?? e.agencyId ?? e.mailboxId })}>
            <option value="">请选择</option>
            {mailboxes.length ? <optgroup label="领导信箱">{mailboxes.map((b) => <option value={`mb-${b.id}`} selected={target === `mb-${b.id}`}>{b.name}</option>)}</optgroup> : null}
            <optgroup label="部门、乡镇（街道）">{agencies.map((a) => <option value={`ag-${a.id}`} selected={target === `ag-${a.id}`}>{a.name}</option>)}</optgroup>
          </select>
        </Field>
        <fieldset aria-describedby={e.kind ? 'm-kind-error' : undefined}><legend>留言类别<span class="req" aria-hidden="true">*</span></legend>
          {e.kind ? <p class="field-error" id="m-kind-error">{e.kind}</p> : null}
          {MESSAGE_KINDS.map((k) => <label class="check"><input type="radio" name="kind" value={k} checked={values.kind === k} /> {KIND_LABELS[k]}</label>)}
        </fieldset>
        <fieldset aria-describedby={e.isPublic ? 'm-public-error' : 'm-public-hint'}><legend>是否公开<span class="req" aria-hidden="true">*</span></legend>
          <p class="field-hint" id="m-public-hint">公开的留言连同答复在网站公布（不公布姓名和电话）；涉及个人隐私的请选择不公开。</p>
          {e.isPublic ? <p class="field-error" id="m-public-error">{e.isPublic}</p> : null}
          <label class="check"><input type="radio" name="isPublic" value="yes" checked={values.isPublic === 'yes'} /> 公开</label>
          <label class="check"><input type="radio" name="isPublic" value="no" checked={values.isPublic === 'no'} /> 不公开</label>
        </fieldset>
        <div class="field-row">
          <Field id="m-name" label="姓名" required hint="仅供工作人员联系，不会公开" error={e.name}>
            <input id="m-name" name="name" maxlength="50" required autocomplete="name" value={values.name ?? ''} aria-describedby={d('m-name', 'name', true)} />
          </Field>
          <Field id="m-phone" label="联系电话" required hint="仅供工作人员联系，不会公开" error={e.phone}>
            <input id="m-phone" name="phone" maxlength="30" required inputmode="tel" autocomplete="tel" value={values.phone ?? ''} aria-describedby={d('m-phone', 'phone', true)} />
          </Field>
        </div>
        <Field id="m-title" label="留言标题" required hint="不超过 100 个字" error={e.title}>
          <input id="m-title" name="title" maxlength="100" required value={values.title ?? ''} aria-describedby={d('m-title', 'title', true)} />
        </Field>
        <Field id="m-body" label="留言内容" required hint="请写明事情经过、地点和您的诉求；不超过 3000 个字" error={e.body}>
          <textarea id="m-body" name="body" rows="10" required aria-describedby={d('m-body', 'body', true)}>{values.body ?? ''}</textarea>
        </Field>
        <Honeypot id="m-homepage" />
        <p class="form-actions"><button type="submit">提交留言</button></p>
      </PostForm>
    </Layout>
  );
}

export function FiledPage({ ctx, code, checkKey, held }: { ctx: PageCtx; code: string; checkKey: string; held: boolean }): SafeHtml {
  return (
    <Layout ctx={ctx} title="留言已提交" crumbs={[HOME, CRUMB, { label: '留言已提交' }]}>
      <h1>留言已提交</h1>
      <div class="notice" role="status">
        <p>查询码：<strong class="code">{code}</strong></p>
        <p>查询密钥：<strong class="code">{checkKey}</strong></p>
        <p>请抄下或截图保存查询码和查询密钥，本页关闭后不再显示。凭二者可在“<a href={`${PUBLIC_BASE}/status`}>查询办理情况</a>”查看每一步办理情况并评价答复。</p>
      </div>
      {held
        ? <p class="notice warning">您的留言含有需要人工审核的内容，已经保存，工作人员审核后将转交办理。审核期间可凭查询码查看状态。</p>
        : <p>工作人员将对留言进行甄别；受理后，承办单位将在规定的工作日内答复。</p>}
      <Links />
    </Layout>
  );
}

export function StatusPage({ ctx, code = '', checkKey = '', s, error, done, fieldErrors = {}, values = {} }: { ctx: PageCtx; code?: string; checkKey?: string; s?: StatusView; error?: string; done?: string; fieldErrors?: Record<string, string>; values?: FormValues }): SafeHtml {
  return (
    <Layout ctx={ctx} title="查询办理情况" crumbs={[HOME, CRUMB, { label: '查询办理情况' }]}>
      <h1>查询办理情况</h1>
      <Links here={`${PUBLIC_BASE}/status`} />
      <Notice text={done} />
      {error ? <ErrorBox errors={[error]} /> : null}
      <PostForm ctx={ctx} action={`${PUBLIC_BASE}/status`} className="stack">
        <div class="field-row">
          <Field id="s-code" label="查询码" required hint="如 LY-ABCDE23456" error={null}>
            <input id="s-code" name="code" maxlength="20" required autocomplete="off" value={code} aria-describedby="s-code-hint" />
          </Field>
          <Field id="s-key" label="查询密钥" required hint="提交留言时显示的 6 位字母数字" error={null}>
            <input id="s-key" name="checkKey" maxlength="10" required autocomplete="off" value={checkKey} aria-describedby="s-key-hint" />
          </Field>
        </div>
        <p class="form-actions"><button type="submit" name="action" value="show">查询</button></p>
      </PostForm>
      {s ? <StatusDetail ctx={ctx} s={s} checkKey={checkKey} fieldErrors={fieldErrors} values={values} /> : null}
    </Layout>
  );
}

function StatusDetail({ ctx, s, checkKey, fieldErrors, values }: { ctx: PageCtx; s: StatusView; checkKey: string; fieldErrors: Record<string, string>; values: FormValues }): SafeHtml {
  const e = fieldErrors;
  return (
    <section aria-labelledby="st-h">
      <h2 id="st-h">{s.title}</h2>
      <dl class="facts">
        <dt>查询码</dt><dd>{s.code}</dd>
        <dt>留言类别</dt><dd>{KIND_LABELS[s.kind]}</dd>
        <dt>是否公开</dt><dd>{s.isPublic ? '公开' : '不公开'}</dd>
        <dt>办理状态</dt><dd>{STATE_LABELS[s.state]}</dd>
        {s.screenResult ? <Fragment><dt>甄别结果</dt><dd>{SCREEN_LABELS[s.screenResult]}{s.screenReason ? `：${s.screenReason}` : ''}</dd></Fragment> : null}
        {s.turnTo ? <Fragment><dt>请向何处反映</dt><dd>{s.turnTo}</dd></Fragment> : null}
        {s.acceptedOn ? <Fragment><dt>受理日期</dt><dd>{s.acceptedOn}</dd></Fragment> : null}
        {s.dueOn && s.state === 'accepted' ? <Fragment><dt>答复期限</dt><dd>{s.dueOn} 前</dd></Fragment> : null}
        {s.repliedOn ? <Fragment><dt>答复日期</dt><dd>{s.repliedOn}</dd></Fragment> : null}
        {s.replyAgency ? <Fragment><dt>答复部门</dt><dd>{s.replyAgency}</dd></Fragment> : null}
      </dl>
      <h3>办理过程</h3>
      <ol class="timeline">{s.steps.map((x) => <li><time>{formatDateTime(x.at)}</time> {stepText(x)}{x.note ? `：${x.note}` : ''}</li>)}</ol>
      {s.replyText ? <Fragment><h3>答复内容</h3><div class="doc-body"><Paras text={s.replyText} /></div></Fragment> : null}
      {s.rating ? <p>您的评价：<strong>{RATING_LABELS[s.rating]}</strong>{s.ratingComment ? `（${s.ratingComment}）` : ''}</p> : null}
      {s.state === 'replied' ? (
        <PostForm ctx={ctx} action={`${PUBLIC_BASE}/status`} className="stack">
          <h3>评价答复</h3>
          <input type="hidden" name="code" value={s.code} />
          <input type="hidden" name="checkKey" value={checkKey} />
          <fieldset aria-describedby={e.rating ? 'r-rating-error' : 'r-rating-hint'}><legend>您对答复是否满意<span class="req" aria-hidden="true">*</span></legend>
            <p class="field-hint" id="r-rating-hint">评价为“不满意”的，可以申请重新办理一次。</p>
            {e.rating ? <p class="field-error" id="r-rating-error">{e.rating}</p> : null}
            {RATINGS.map((r) => <label class="check"><input type="radio" name="rating" value={r} checked={values.rating === r} /> {RATING_LABELS[r]}</label>)}
          </fieldset>
          <Field id="r-comment" label="评价意见" hint="选填，不超过 500 字" error={e.comment}>
            <textarea id="r-comment" name="comment" rows="3" aria-describedby={describedBy('r-comment', { hint: true, error: e.comment })}>{values.comment ?? ''}</textarea>
          </Field>
          <label class="check"><input type="checkbox" name="reopen" value="yes" checked={values.reopen !== 'no'} /> 评价为“不满意”时，申请重新办理（每条留言仅一次）</label>
          <p class="form-actions"><button type="submit" name="action" value="rate">提交评价</button></p>
        </PostForm>
      ) : null}
      {s.mayReopen ? (
        <PostForm ctx={ctx} action={`${PUBLIC_BASE}/status`} className="stack">
          <input type="hidden" name="code" value={s.code} />
          <input type="hidden" name="checkKey" value={checkKey} />
          <p>您对答复不满意，可以申请重新办理。<strong>每条留言只能申请一次</strong>，承办单位将重新计算答复期限。</p>
          <p class="form-actions"><button type="submit" name="action" value="reopen">申请重新办理</button></p>
        </PostForm>
      ) : null}
    </section>
  );
}

export function FaqPage({ ctx, rows }: { ctx: PageCtx; rows: PublicRow[] }): SafeHtml {
  return (
    <Layout ctx={ctx} title="常见问题" crumbs={[HOME, CRUMB, { label: '常见问题' }]}>
      <h1>常见问题</h1>
      <Links here={`${PUBLIC_BASE}/faq`} />
      <p>以下问题摘自群众留言，答复由承办单位作出，供有相同问题的群众参考。</p>
      {rows.length ? (
        <dl class="faq">
          {rows.map((m) => (
            <Fragment>
              <dt><a href={`${PUBLIC_BASE}/${m.id}`}>{m.title}</a></dt>
              <dd><Paras text={m.replyText} /><p class="muted">答复部门：{m.replyAgency} · 答复日期：{m.repliedOn}</p></dd>
            </Fragment>
          ))}
        </dl>
      ) : <p>暂无常见问题。</p>}
    </Layout>
  );
}

export function StatsTable({ rows, caption }: { rows: MonthRow[]; caption: string }): SafeHtml {
  const pct = (x: number | null) => (x == null ? '—' : `${x}%`);
  const sum = (k: 'received' | 'answered' | 'onTime') => rows.reduce((a, r) => a + r[k], 0);
  return (
    <TableScroll label={caption}>
      <table class="data feedback">
        <caption>{caption}</caption>
        <thead><tr><th scope="col">单位</th><th scope="col">收到</th><th scope="col">答复</th><th scope="col">按期答复</th><th scope="col">平均用时（工作日）</th><th scope="col">评价数</th><th scope="col">满意率</th></tr></thead>
        <tbody>
          {rows.map((r) => <tr><th scope="row">{r.agency}</th><td>{r.received}</td><td>{r.answered}</td><td>{r.onTime}</td><td>{r.avgWorkdays ?? '—'}</td><td>{r.rated}</td><td>{pct(r.satisfaction)}</td></tr>)}
          <tr><th scope="row">合计</th><td>{sum('received')}</td><td>{sum('answered')}</td><td>{sum('onTime')}</td><td></td><td>{rows.reduce((a, r) => a + r.rated, 0)}</td><td></td></tr>
        </tbody>
      </table>
    </TableScroll>
  );
}

export function MonthForm({ action, month, months, error }: { action: string; month: string; months: string[]; error?: string }): SafeHtml {
  return (
    <form method="get" action={action} class="filters">
      <label for="t-month">月份</label>
      <select id="t-month" name="month">{months.map((m) => <option value={m} selected={m === month}>{m.replace('-', ' 年 ')} 月</option>)}</select>
      <button type="submit">查看</button>
      {error ? <p class="field-error">{error}</p> : null}
    </form>
  );
}

export function TongjiPage({ ctx, month, months, rows }: { ctx: PageCtx; month: string; months: string[]; rows: MonthRow[] }): SafeHtml {
  return (
    <Layout ctx={ctx} title="留言办理统计" crumbs={[HOME, CRUMB, { label: '办理统计' }]}>
      <h1>留言办理统计</h1>
      <Links here={`${PUBLIC_BASE}/tongji`} />
      <p>按月统计各单位收到和答复留言的情况。按期答复指在规定的工作日内作出首次答复；满意率为评价“满意”和“基本满意”的占已评价留言的比例。</p>
      <MonthForm action={`${PUBLIC_BASE}/tongji`} month={month} months={months} />
      {rows.length ? <StatsTable rows={rows} caption={`${month.replace('-', ' 年 ')} 月留言办理情况`} /> : <p>本月暂无留言办理数据。</p>}
    </Layout>
  );
}

/** The months offered in a statistics picker: this one and the 23 before it. */
export function recentMonths(today: string, n = 24): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => { const t = y * 12 + (m - 1) - i; return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`; });
}

export { formatDate };
