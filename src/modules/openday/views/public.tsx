import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { describedBy, ErrorBox, Field, formatDate, formatDateTime, PostForm, Honeypot } from '../../../web/components.js';
import type { RegState } from '../schema.js';
import type { EventRow, SessionRow } from '../events.js';
import type { PublicEventView, PublicSession } from '../public.js';

export const PUBLIC_BASE = '/kaifangri';
const CRUMB = { href: PUBLIC_BASE, label: '政府开放日' };
export type FormValues = Record<string, string>;

export const MODE_LABELS = { first_come: '先报名先得（满额后进入候补）', selection: '报名后遴选（名单在本页公布）' } as const;
export const REG_STATE_LABELS: Record<RegState, string> = {
  confirmed: '报名成功，已获得名额', waiting: '候补中（有人取消时按报名先后递补）', registered: '已报名，等待遴选结果',
  selected: '已入选，请按时参加', not_selected: '未入选', cancelled: '已取消报名',
};
const REG_STATUS_TAG = { open: '正在报名', not_open: '报名未开始', closed: '报名已截止', cancelled: '已取消', held: '已举办' } as const;

const Paras = ({ text }: { text: string }): SafeHtml => <Fragment>{text.split(/\n+/).filter((p) => p.trim()).map((p) => <p>{p}</p>)}</Fragment>;

type ListRow = EventRow & { host: string; sessions: SessionRow[] };

export function ListPage({ ctx, rows }: { ctx: PageCtx; rows: ListRow[] }): SafeHtml {
  const now = new Date();
  return (
    <Layout ctx={ctx} title="政府开放日" crumbs={[{ href: '/', label: '首页' }, { label: '政府开放日' }]}>
      <h1>政府开放日</h1>
      <p>欢迎走进政府机关，参观办事大厅和工作场所，与工作人员座谈交流。在本栏目在线报名、查看参加人名单和活动回顾。</p>
      <p><a href={`${PUBLIC_BASE}/status`}>查询或取消报名</a></p>
      {rows.length ? (
        <ul class="doc-list">
          {rows.map((e) => {
            const st = e.state === 'cancelled' ? 'cancelled' : e.sessions.length && e.sessions.every((x) => x.startsAt <= now) ? 'held' : now < e.regOpensAt ? 'not_open' : now >= e.regClosesAt ? 'closed' : 'open';
            const first = e.sessions[0];
            return (
              <li>
                <a href={`${PUBLIC_BASE}/${e.id}`}>{e.theme}</a>
                <span class={st === 'open' ? 'tag tag-due_soon' : 'tag'}>{REG_STATUS_TAG[st]}</span>
                <div class="doc-list-meta">
                  主办：{e.host}{first ? <Fragment> · 活动时间：{formatDateTime(first.startsAt)}{e.sessions.length > 1 ? ` 等 ${e.sessions.length} 个场次` : ''}</Fragment> : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : <p>暂无政府开放日活动。</p>}
    </Layout>
  );
}

function SessionsTable({ v }: { v: PublicEventView }): SafeHtml {
  const open = v.regStatus === 'open';
  const fc = v.e.mode === 'first_come';
  return (
    <div class="table-wrap">
      <table class="data" aria-labelledby="ses-h">
        <thead><tr><th scope="col">场次时间</th><th scope="col">地点</th><th scope="col">名额</th><th scope="col">{fc ? '剩余名额' : '已入选'}</th>{open ? <th scope="col">报名</th> : null}</tr></thead>
        <tbody>
          {v.sessions.map((s) => (
            <tr>
              <td>{formatDateTime(s.startsAt)}</td><td>{s.place}</td><td>{s.capacity}</td>
              <td>{fc ? (s.left ? String(s.left) : '已满（可报名候补）') : String(s.taken)}</td>
              {open ? <td><a href={`${PUBLIC_BASE}/${v.e.id}/baoming/${s.id}`}>{fc && !s.left ? '报名候补' : '报名'}</a></td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type OpinionForm = { values: FormValues; errors: string[]; fieldErrors: Record<string, string> };

/** After the visit: a registrant who held a place sends an opinion with the query code and key. */
function OpinionFormSection({ ctx, v, f }: { ctx: PageCtx; v: PublicEventView; f: OpinionForm }): SafeHtml {
  const fe = f.fieldErrors;
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: fe[name] });
  return (
    <section aria-labelledby="op-h" id="yijian">
      <h2 id="op-h">参加人意见建议</h2>
      <p>参加了本次活动的报名人，可以凭报名时得到的查询码和取消密钥提出意见建议。意见交有关单位办理答复，答复可凭查询码在“<a href={`${PUBLIC_BASE}/status`}>查询报名</a>”中查看；答复后在本页活动回顾中公开（不显示提出人）。</p>
      <ErrorBox errors={f.errors} />
      <PostForm ctx={ctx} action={`${PUBLIC_BASE}/${v.e.id}/yijian#yijian`} className="stack">
        <div class="field-row">
          <Field id="o-code" label="查询码" required hint="如 KF-ABCD2345EFGH" error={fe.code}>
            <input id="o-code" name="code" maxlength="40" required autocomplete="off" value={f.values.code ?? ''} aria-describedby={d('o-code', 'code', true)} />
          </Field>
          <Field id="o-secret" label="取消密钥" required hint="与查询码一起显示的 10 位密钥" error={fe.secret}>
            <input id="o-secret" name="secret" maxlength="40" required autocomplete="off" value="" aria-describedby={d('o-secret', 'secret', true)} />
          </Field>
        </div>
        <Field id="o-body" label="意见建议" required hint="不超过 2000 字；请勿写入身份证号码、电话等个人信息" error={fe.body}>
          <textarea id="o-body" name="body" rows="5" maxlength="2000" required aria-describedby={d('o-body', 'body', true)}>{f.values.body ?? ''}</textarea>
        </Field>
        <Honeypot id="o-homepage" />
        <p class="form-actions"><button type="submit">提交意见</button></p>
      </PostForm>
    </section>
  );
}

export function OpinionDonePage({ ctx, v }: { ctx: PageCtx; v: PublicEventView }): SafeHtml {
  return (
    <Layout ctx={ctx} title="意见已提交" crumbs={[{ href: '/', label: '首页' }, CRUMB, { href: `${PUBLIC_BASE}/${v.e.id}`, label: v.e.theme }, { label: '意见已提交' }]}>
      <h1>意见已提交</h1>
      <div class="receipt">
        <p>感谢您对“{v.e.theme}”提出意见建议。意见将交有关单位办理并答复。</p>
        <p>凭报名查询码可以在“查询报名”中查看办理情况和答复。</p>
      </div>
      <p class="form-actions">
        <a class="button" href={`${PUBLIC_BASE}/status`}>查询报名和答复</a>
        <a class="button secondary" href={`${PUBLIC_BASE}/${v.e.id}`}>返回活动页面</a>
      </p>
    </Layout>
  );
}

export function EventPage({ ctx, v, opinion }: { ctx: PageCtx; v: PublicEventView; opinion?: OpinionForm }): SafeHtml {
  const { e } = v;
  const byId = new Map(v.sessions.map((s) => [s.id, s]));
  const held = v.sessions.length > 0 && v.sessions.every((s) => s.startsAt <= new Date());
  return (
    <Layout ctx={ctx} title={e.theme} crumbs={[{ href: '/', label: '首页' }, CRUMB, { label: e.theme }]}>
      <article class="doc openday">
        <h1>{e.theme}</h1>
        {e.state === 'cancelled' ? <p class="notice" role="status">本次活动已取消（{formatDateTime(e.cancelledAt)}）。原因：{e.cancelReason}</p> : null}
        <dl class="facts">
          <dt>主办单位</dt><dd>{v.host}</dd>
          <dt>报名方式</dt><dd>{MODE_LABELS[e.mode]}</dd>
          <dt>报名时间</dt><dd>{formatDateTime(e.regOpensAt)} 至 {formatDateTime(e.regClosesAt)}</dd>
          <dt>报名状态</dt><dd>{REG_STATUS_TAG[v.regStatus]}</dd>
          {e.eligibility ? <Fragment><dt>参加对象</dt><dd>{e.eligibility}</dd></Fragment> : null}
        </dl>
        {e.description ? <section aria-labelledby="desc-h"><h2 id="desc-h">活动介绍</h2><div class="doc-body"><Paras text={e.description} /></div></section> : null}
        <section aria-labelledby="ses-h">
          <h2 id="ses-h">活动场次</h2>
          <SessionsTable v={v} />
          {held && e.state !== 'cancelled' ? <p class="notice">本次活动已经举办。{e.summary ? '活动情况见下方活动回顾。' : v.summary.length ? '参加人提出的意见建议及答复见下方活动回顾。' : ''}</p>
            : v.regStatus === 'not_open' ? <p class="notice">报名将于 {formatDateTime(e.regOpensAt)} 开始。</p>
            : v.regStatus === 'closed' && e.mode === 'selection' && !e.listPublishedAt ? <p class="notice">报名已经截止，入选名单确定后在本页公布。</p>
            : v.regStatus === 'closed' ? <p class="notice">报名已经截止。</p> : null}
          {held || e.state === 'cancelled' ? null : <p class="muted">报名需填写姓名、联系电话和身份证号码，仅供工作人员核验和通知，不会公开；公布的名单只显示姓氏。已报名的可<a href={`${PUBLIC_BASE}/status`}>查询或取消报名</a>。</p>}
        </section>
        {e.listPublishedAt ? (
          <section aria-labelledby="pl-h">
            <h2 id="pl-h">参加人名单（{v.list.length} 人）</h2>
            <p class="muted">公布时间：{formatDateTime(e.listPublishedAt)}</p>
            <div class="table-wrap">
              <table class="data">
                <caption>参加人名单</caption>
                <thead><tr><th scope="col">序号</th><th scope="col">姓名</th><th scope="col">场次</th></tr></thead>
                <tbody>{v.list.map((p, i) => <tr><td>{i + 1}</td><td>{p.name}</td><td>{formatDateTime(byId.get(p.sessionId)?.startsAt)}</td></tr>)}</tbody>
              </table>
            </div>
          </section>
        ) : null}
        {v.sessions.some((s) => s.startsAt <= new Date()) && e.state !== 'cancelled' ? <OpinionFormSection ctx={ctx} v={v} f={opinion ?? { values: {}, errors: [], fieldErrors: {} }} /> : null}
        {e.summary || v.summary.length ? (
          <section aria-labelledby="sum-h">
            <h2 id="sum-h">活动回顾</h2>
            {e.summary ? <div class="doc-body"><Paras text={e.summary} /></div> : null}
            {v.summary.length ? (
              <Fragment>
                <h3>意见建议及答复</h3>
                <ol class="stack">
                  {v.summary.map((o) => (
                    <li>
                      <p><strong>意见建议：</strong>{o.body}</p>
                      <p><strong>答复：</strong>{o.answer}</p>
                      <p class="muted">答复日期：{formatDate(o.answeredAt)}</p>
                    </li>
                  ))}
                </ol>
              </Fragment>
            ) : null}
          </section>
        ) : null}
      </article>
    </Layout>
  );
}

export function RegisterPage({ ctx, v, s, values, errors = [], fieldErrors = {} }: { ctx: PageCtx; v: PublicEventView; s: PublicSession; values: FormValues; errors?: string[]; fieldErrors?: Record<string, string> }): SafeHtml {
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: fieldErrors[name] });
  const title = `报名：${v.e.theme}`;
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: '/', label: '首页' }, CRUMB, { href: `${PUBLIC_BASE}/${v.e.id}`, label: v.e.theme }, { label: '报名' }]}>
      <h1>报名参加政府开放日</h1>
      <dl class="facts">
        <dt>活动</dt><dd><a href={`${PUBLIC_BASE}/${v.e.id}`}>{v.e.theme}</a></dd>
        <dt>场次</dt><dd>{formatDateTime(s.startsAt)}，{s.place}</dd>
        <dt>名额</dt><dd>{v.e.mode === 'first_come' ? (s.left ? `剩余 ${s.left} 个` : '已满，报名后进入候补') : `${s.capacity} 人，报名截止后遴选`}</dd>
        <dt>报名截止</dt><dd>{formatDateTime(v.e.regClosesAt)}</dd>
      </dl>
      <ErrorBox errors={errors} />
      <PostForm ctx={ctx} action={`${PUBLIC_BASE}/${v.e.id}/baoming/${s.id}`} className="stack">
        <input type="hidden" name="submitKey" value={values.submitKey ?? ''} />
        <Field id="r-name" label="姓名" required hint="如入选，名单只公布姓氏，如“张**”" error={fieldErrors.name}>
          <input id="r-name" name="name" maxlength="50" required value={values.name ?? ''} autocomplete="name" aria-describedby={d('r-name', 'name', true)} />
        </Field>
        <Field id="r-phone" label="联系电话" required hint="仅供工作人员通知，不公开" error={fieldErrors.phone}>
          <input id="r-phone" name="phone" maxlength="30" required inputmode="tel" value={values.phone ?? ''} autocomplete="tel" aria-describedby={d('r-phone', 'phone', true)} />
        </Field>
        <Field id="r-id" label="身份证号码" required hint="18 位，入场核验用；只保存遮挡后的号码，不公开" error={fieldErrors.idNumber}>
          <input id="r-id" name="idNumber" maxlength="18" required autocomplete="off" value={values.idNumber ?? ''} aria-describedby={d('r-id', 'idNumber', true)} />
        </Field>
        <Honeypot id="r-homepage" />
        <p class="form-actions"><button type="submit">提交报名</button></p>
      </PostForm>
    </Layout>
  );
}

export function RegisteredPage({ ctx, code, secret, state, v, s }: { ctx: PageCtx; code: string; secret: string; state: RegState; v: PublicEventView; s: PublicSession }): SafeHtml {
  return (
    <Layout ctx={ctx} title="报名已提交" crumbs={[{ href: '/', label: '首页' }, CRUMB, { label: '报名已提交' }]}>
      <h1>报名已提交</h1>
      <div class="receipt">
        <p>您已报名“{v.e.theme}”（{formatDateTime(s.startsAt)}，{s.place}）。</p>
        <p>报名状态：<strong>{REG_STATE_LABELS[state]}</strong></p>
        <p>查询码：<strong class="code">{code}</strong></p>
        <p>取消密钥：<strong class="code">{secret}</strong></p>
        <p>请记下查询码和取消密钥：凭查询码和密钥可以查询状态，也可以取消报名。密钥只显示这一次，工作人员也无法查到。</p>
      </div>
      <p class="form-actions">
        <a class="button" href={`${PUBLIC_BASE}/status`}>查询或取消报名</a>
        <a class="button secondary" href={`${PUBLIC_BASE}/${v.e.id}`}>返回活动页面</a>
      </p>
    </Layout>
  );
}

export type StatusView = { code: string; eventId: number; theme: string; startsAt: Date; place: string; state: RegState; idMasked: string; opinions: { body: string; state: string; answer: string; answeredAt: Date | null; createdAt: Date }[] };

export function StatusPage({ ctx, code = '', error, secretError, s, done }: { ctx: PageCtx; code?: string; error?: string; secretError?: string; s?: StatusView; done?: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title="查询或取消报名" crumbs={[{ href: '/', label: '首页' }, CRUMB, { label: '查询或取消报名' }]}>
      <h1>查询或取消报名</h1>
      {done ? <p class="notice" role="status">{done}</p> : null}
      <PostForm ctx={ctx} action={`${PUBLIC_BASE}/status`} className="stack">
        <Field id="s-code" label="查询码" hint="报名后得到，如 KF-ABCD2345EFGH" error={error}>
          <input id="s-code" name="code" maxlength="40" required value={code} autocomplete="off" aria-describedby={describedBy('s-code', { hint: true, error })} />
        </Field>
        <Field id="s-secret" label="取消密钥（取消报名时填写）" hint="与查询码一起显示的 10 位密钥" error={secretError}>
          <input id="s-secret" name="secret" maxlength="40" autocomplete="off" value="" aria-describedby={describedBy('s-secret', { hint: true, error: secretError })} />
        </Field>
        <p class="form-actions">
          <button type="submit" name="action" value="show">查询</button>{' '}
          <button type="submit" name="action" value="cancel" class="secondary">取消报名</button>
        </p>
      </PostForm>
      {s ? (
        <section aria-labelledby="st-h">
          <h2 id="st-h">查询结果</h2>
          <dl class="facts">
            <dt>活动</dt><dd><a href={`${PUBLIC_BASE}/${s.eventId}`}>{s.theme}</a></dd>
            <dt>场次</dt><dd>{formatDateTime(s.startsAt)}，{s.place}</dd>
            <dt>身份证号码</dt><dd>{s.idMasked}</dd>
            <dt>报名状态</dt><dd>{REG_STATE_LABELS[s.state]}</dd>
          </dl>
          {s.opinions.length ? (
            <Fragment>
              <h3>您提出的意见建议</h3>
              <ol class="stack">
                {s.opinions.map((o) => (
                  <li>
                    <p class="pre">{o.body}</p>
                    <p class="muted">提交时间：{formatDateTime(o.createdAt)} · {o.state === 'answered' ? `已答复（${formatDate(o.answeredAt)}）` : '办理中'}</p>
                    {o.state === 'answered' ? <p><strong>答复：</strong><span class="pre">{o.answer}</span></p> : null}
                  </li>
                ))}
              </ol>
            </Fragment>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}
