import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { describedBy, ErrorBox, Field, formatDateTime, PostForm, Honeypot } from '../../../web/components.js';
import type { MeetingRow } from '../policy.js';
import type { ParticipantCategory } from '../schema.js';
import { CATEGORY_LABELS, KIND_LABELS, REGISTRATION_STATE_LABELS, RULE_LABELS } from '../labels.js';
import { fullMessage, hasAffected, type RegistrationStatus, type RegistrationStatusView } from '../registrations.js';

export const PUBLIC_BASE = '/tingzheng';
const CRUMB = { href: PUBLIC_BASE, label: '听证会·座谈会' };
export type FormValues = Record<string, string>;

const Paras = ({ text }: { text: string }): SafeHtml => <Fragment>{text.split(/\n+/).filter((p) => p.trim()).map((p) => <p>{p}</p>)}</Fragment>;

export function ListPage({ ctx, rows }: { ctx: PageCtx; rows: MeetingRow[] }): SafeHtml {
  const now = new Date();
  return (
    <Layout ctx={ctx} title="听证会·座谈会" crumbs={[{ href: '/', label: '首页' }, { label: '听证会·座谈会' }]}>
      <h1>听证会·座谈会</h1>
      <p>重大行政决策和涉及群众切身利益的文件草案，通过听证会、座谈会听取意见。会上提出的意见与网上意见一样逐条研究处理，并在意见采纳情况中说明。</p>
      <p><a href={`${PUBLIC_BASE}/status`}>查询报名状态</a></p>
      {rows.length ? (
        <ul class="doc-list">
          {rows.map((m) => (
            <li>
              <a href={`${PUBLIC_BASE}/${m.id}`}>{m.title}</a>
              <span class="tag">{KIND_LABELS[m.kind]}</span>
              <div class="doc-list-meta">
                会议时间：{formatDateTime(m.startsAt)} · 地点：{m.place}
                {m.state === 'cancelled' ? <span class="tag">已取消</span> : m.startsAt <= now ? <span class="tag">已召开</span> : now >= m.regOpensAt && now < m.regClosesAt ? <span class="tag tag-due_soon">正在报名</span> : null}
              </div>
            </li>
          ))}
        </ul>
      ) : <p>暂无听证会、座谈会。</p>}
    </Layout>
  );
}

export type PublicMeetingView = {
  m: MeetingRow; consultationTitle: string; taken: number; status: RegistrationStatus;
  participants: { name: string; category: ParticipantCategory }[] | null; materialsLate: boolean; materialsDays: number;
};

function RegistrationForm({ ctx, v, values, errors, fieldErrors }: { ctx: PageCtx; v: PublicMeetingView; values: FormValues; errors: string[]; fieldErrors: Record<string, string> }): SafeHtml {
  const { m } = v;
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: fieldErrors[name] });
  return (
    <section aria-labelledby="reg-h" id="register">
      <h2 id="reg-h">报名参加</h2>
      <p>报名时间：{formatDateTime(m.regOpensAt)} 至 {formatDateTime(m.regClosesAt)}；名额 {m.capacity} 人，已报名 {v.taken} 人。</p>
      <ErrorBox errors={errors} />
      <PostForm ctx={ctx} action={`${PUBLIC_BASE}/${m.id}/register`} className="stack">
        <input type="hidden" name="submitKey" value={values.submitKey ?? ''} />
        <div class="field-row">
          <Field id="r-name" label="姓名" required hint="确定为参加人的，姓名和身份类别随名单公布" error={fieldErrors.name}>
            <input id="r-name" name="name" maxlength="50" required value={values.name ?? ''} autocomplete="name" aria-describedby={d('r-name', 'name', true)} />
          </Field>
          <Field id="r-phone" label="联系电话" required hint="仅供工作人员通知，不公开" error={fieldErrors.phone}>
            <input id="r-phone" name="phone" maxlength="30" required inputmode="tel" value={values.phone ?? ''} autocomplete="tel" aria-describedby={d('r-phone', 'phone', true)} />
          </Field>
        </div>
        <Field id="r-category" label="身份类别" required error={fieldErrors.category}>
          <select id="r-category" name="category" required aria-describedby={d('r-category', 'category')}>
            <option value="">请选择</option>
            {m.categories.map((c) => <option value={c} selected={values.category === c}>{CATEGORY_LABELS[c]}</option>)}
          </select>
        </Field>
        <Field id="r-reason" label="报名理由（选填）" hint="例如与本事项的关系、希望发表的意见要点，最多 1000 字" error={fieldErrors.reason}>
          <textarea id="r-reason" name="reason" rows="5" aria-describedby={d('r-reason', 'reason', true)}>{values.reason ?? ''}</textarea>
        </Field>
        <Honeypot id="r-homepage" />
        <p class="form-actions"><button type="submit">提交报名</button></p>
      </PostForm>
    </section>
  );
}

export function MeetingPage({ ctx, v, values = {}, errors = [], fieldErrors = {} }: { ctx: PageCtx; v: PublicMeetingView; values?: FormValues; errors?: string[]; fieldErrors?: Record<string, string> }): SafeHtml {
  const { m } = v;
  const kind = KIND_LABELS[m.kind];
  return (
    <Layout ctx={ctx} title={m.title} crumbs={[{ href: '/', label: '首页' }, CRUMB, { label: m.title }]}>
      <article class="doc meeting">
        <h1>{m.title}</h1>
        {m.state === 'cancelled' ? <p class="notice" role="status">本次会议已取消。原因：{m.cancelReason}</p> : null}
        <dl class="facts">
          <dt>会议类型</dt><dd>{kind}</dd>
          <dt>会议时间</dt><dd>{formatDateTime(m.startsAt)}</dd>
          <dt>会议地点</dt><dd>{m.place}</dd>
          <dt>征求意见事项</dt><dd><a href={`/zhengqiu/${m.consultationId}`}>{v.consultationTitle}</a></dd>
          <dt>参加人类别</dt><dd>{m.categories.map((c) => CATEGORY_LABELS[c]).join('、')}</dd>
          <dt>遴选方式</dt><dd>{RULE_LABELS[m.rule]}{m.rule === 'first_come' ? `（按报名先后，前 ${m.capacity} 名为参加人）` : `（报名名额 ${m.capacity} 人，确定参加人 ${m.seats} 人）`}</dd>
          <dt>报名时间</dt><dd>{formatDateTime(m.regOpensAt)} 至 {formatDateTime(m.regClosesAt)}</dd>
          {m.state === 'cancelled' ? <Fragment><dt>状态</dt><dd>已取消（{formatDateTime(m.cancelledAt ?? m.startsAt)}）：{m.cancelReason}</dd></Fragment> : null}
        </dl>
        <section aria-labelledby="ann-h"><h2 id="ann-h">会议公告</h2><div class="doc-body"><Paras text={m.announcement} /></div></section>
        {m.ruleText ? <section aria-labelledby="rule-h"><h2 id="rule-h">参加人遴选办法</h2><Paras text={m.ruleText} /></section> : null}
        {v.status === 'open' ? <RegistrationForm ctx={ctx} v={v} values={values} errors={errors} fieldErrors={fieldErrors} />
          : v.status === 'full' ? <p class="notice" role="status">{fullMessage(m)}</p>
          : v.status === 'not_open' ? <p class="notice">报名将于 {formatDateTime(m.regOpensAt)} 开始。</p>
          : m.state === 'announced' && !v.participants ? <p class="notice">报名已经截止，参加人名单确定后在本页公布。</p> : null}
        {errors.length && v.status !== 'open' ? <ErrorBox errors={errors} /> : null}
        {v.participants ? (
          <section aria-labelledby="pl-h">
            <h2 id="pl-h">参加人名单（{v.participants.length} 人）</h2>
            <p>{hasAffected(v.participants) ? `参加人中有利害关系人代表 ${v.participants.filter((p) => p.category === 'affected').length} 人。` : '参加人中没有利害关系人代表。'}</p>
            <div class="table-wrap">
              <table class="data">
                <caption>参加人名单</caption>
                <thead><tr><th scope="col">序号</th><th scope="col">姓名</th><th scope="col">身份类别</th></tr></thead>
                <tbody>{v.participants.map((p, i) => <tr><td>{i + 1}</td><td>{p.name}</td><td>{CATEGORY_LABELS[p.category]}</td></tr>)}</tbody>
              </table>
            </div>
          </section>
        ) : null}
        {m.materialsPublishedAt ? (
          <section aria-labelledby="mat-h">
            <h2 id="mat-h">会议材料</h2>
            <p class="muted">发布时间：{formatDateTime(m.materialsPublishedAt)}{v.materialsLate ? `（晚于会前 ${v.materialsDays} 天）` : ''}</p>
            <ul>{m.materials.map((f) => <li><a href={`${PUBLIC_BASE}/${m.id}/files/${f.fileId}`}>{f.name}</a></li>)}</ul>
          </section>
        ) : null}
        {m.minutesPublishedAt ? (
          <section aria-labelledby="min-h">
            <h2 id="min-h">会议笔录</h2>
            <div class="pre">{m.minutesText}</div>
            {m.minutesFile ? <p><a href={`${PUBLIC_BASE}/${m.id}/files/${m.minutesFile.fileId}`}>{m.minutesFile.name}</a></p> : null}
          </section>
        ) : null}
        {m.reportPublishedAt ? (
          <section aria-labelledby="rep-h">
            <h2 id="rep-h">{m.kind === 'hearing' ? '听证报告' : '座谈会情况报告'}</h2>
            <Paras text={m.reportText} />
            <p class="muted">公开时间：{formatDateTime(m.reportPublishedAt)}。会上提出的意见已列入<a href={`/zhengqiu/${m.consultationId}`}>征求意见</a>，逐条处理结果在意见采纳情况中公布。</p>
          </section>
        ) : null}
      </article>
    </Layout>
  );
}

export function RegisteredPage({ ctx, code, m, state }: { ctx: PageCtx; code: string; m: MeetingRow; state: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title="报名已提交" crumbs={[{ href: '/', label: '首页' }, CRUMB, { label: '报名已提交' }]}>
      <h1>报名已提交</h1>
      <div class="receipt">
        <p>您已报名参加“{m.title}”。您的查询码是：<strong class="code">{code}</strong></p>
        <p>请记下查询码，凭它查询报名状态。{state === 'selected' ? `本次会议按报名先后确定参加人，您已确定为参加人，请于 ${formatDateTime(m.startsAt)} 到 ${m.place} 参加会议。` : '参加人确定后，工作人员将电话通知，名单在会议页面公布。'}联系电话不会公开。</p>
      </div>
      <ul class="home-actions">
        <li><a class="button" href={`${PUBLIC_BASE}/status`}>查询报名状态</a></li>
        <li><a class="button secondary" href={`${PUBLIC_BASE}/${m.id}`}>返回会议页面</a></li>
      </ul>
    </Layout>
  );
}

export function StatusPage({ ctx, code = '', error, s }: { ctx: PageCtx; code?: string; error?: string; s?: RegistrationStatusView }): SafeHtml {
  return (
    <Layout ctx={ctx} title="查询报名状态" crumbs={[{ href: '/', label: '首页' }, CRUMB, { label: '查询报名状态' }]}>
      <h1>查询报名状态</h1>
      <PostForm ctx={ctx} action={`${PUBLIC_BASE}/status`} className="stack">
        <Field id="s-code" label="查询码" hint="报名后得到，如 TZ-ABCD2345EFGH" error={error}>
          <input id="s-code" name="code" maxlength="40" required value={code} autocomplete="off" aria-describedby={describedBy('s-code', { hint: true, error })} />
        </Field>
        <p class="form-actions"><button type="submit">查询</button></p>
      </PostForm>
      {s ? (
        <section aria-labelledby="st-h">
          <h2 id="st-h">查询结果</h2>
          <dl class="facts">
            <dt>会议</dt><dd><a href={`${PUBLIC_BASE}/${s.meetingId}`}>{s.title}</a>（{s.kindLabel}）</dd>
            <dt>报名时间</dt><dd>{formatDateTime(s.submittedAt)}</dd>
            <dt>身份类别</dt><dd>{s.category}</dd>
            <dt>报名状态</dt><dd>{REGISTRATION_STATE_LABELS[s.state]}</dd>
          </dl>
        </section>
      ) : null}
    </Layout>
  );
}
