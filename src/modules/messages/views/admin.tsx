import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import { hasRole } from '../../../core/auth/actor.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { describedBy, ErrorBox, Field, formatDateTime, Notice, PostForm, TableScroll } from '../../../web/components.js';
import { MESSAGE_KINDS, MESSAGE_STATES, SCREEN_RESULTS } from '../schema.js';
import { KIND_LABELS, RATING_LABELS, SCREEN_LABELS, STATE_LABELS, STEP_LABELS } from '../labels.js';
import type { MsgSettings } from '../settings.js';
import type { handlingChoices, MonthRow, staffMessages, staffMessageView } from '../queries.js';
import { MonthForm, PUBLIC_BASE, StatsTable } from './public.js';

export const ADMIN_BASE = '/admin/messages';
export type Problems = { list: string[]; fields: Record<string, string> };
const NO_PROBLEMS: Problems = { list: [], fields: {} };
type V = Record<string, string>;

export const NOTICES: Record<string, string> = {
  released: '已审核通过，留言转入甄别。', screened: '甄别结果已保存，留言人可凭查询码查看。', assigned: '已交办。', transferred: '已转办，办理过程中记录了转办链条。',
  replied: '答复已发送，留言人可凭查询码查看并评价。', faq: '已列入常见问题，在单位页面和全站搜索中显示。', unfaq: '已移出常见问题。', settings: '设置已保存。',
};

/** A public page's address on the site of the government it belongs to (a county's prefix under the city's host). */
export type SiteLink = (govId: number | null | undefined, url: string) => string;
const bare: SiteLink = (_g, url) => url;

function AdminNav({ ctx, here, office, link }: { ctx: PageCtx; here: string; office: boolean; link: SiteLink }): SafeHtml {
  const items = [{ href: ADMIN_BASE, label: '留言办理' }, ...(office ? [{ href: `${ADMIN_BASE}/stats`, label: '办理统计' }, { href: `${ADMIN_BASE}/settings`, label: '留言办理设置' }, { href: `${ADMIN_BASE}/mailboxes`, label: '领导信箱' }] : []), { href: link(ctx.actor?.placement.govId, PUBLIC_BASE), label: '公开页面' }];
  return <nav class="subnav" aria-label="留言办理"><ul>{items.map((i) => <li><a href={i.href} aria-current={i.href === here ? 'page' : undefined}>{i.label}</a></li>)}</ul></nav>;
}

type Row = Awaited<ReturnType<typeof staffMessages>>[number];
export type ListFilter = { state: string; kind: string; agency: string; flag: string };
const FLAG_FILTERS: Record<string, string> = { overdue: '答复已超期', warning: '长期未答复预警', red: '超过三个月未答复（红色预警）' };

const FlagTag = ({ r }: { r: { flag: string | null; overdue: boolean } }): SafeHtml | null =>
  r.flag === 'red' ? <span class="tag tag-overdue">红色预警：超过三个月未答复</span>
    : r.flag === 'warning' ? <span class="tag tag-due_soon">预警：即将达到三个月</span>
    : r.overdue ? <span class="tag tag-overdue">已超期</span> : null;

export function AdminList({ ctx, rows, all, f, office, notice, link = bare }: { ctx: PageCtx; rows: Row[]; all: Row[]; f: ListFilter; office: boolean; notice?: string; link?: SiteLink }): SafeHtml {
  const agencies = [...new Map(all.map((r) => [r.agencyId, r.agency])).entries()];
  return (
    <Layout ctx={ctx} title="留言办理" admin>
      <h1>留言办理</h1>
      <AdminNav ctx={ctx} here={ADMIN_BASE} office={office} link={link} />
      <Notice text={notice} />
      <form method="get" action={ADMIN_BASE} class="filters">
        <label for="f-state">状态</label>
        <select id="f-state" name="state"><option value="">全部</option>{MESSAGE_STATES.map((s) => <option value={s} selected={f.state === s}>{STATE_LABELS[s]}</option>)}</select>
        <label for="f-kind">类别</label>
        <select id="f-kind" name="kind"><option value="">全部</option>{MESSAGE_KINDS.map((k) => <option value={k} selected={f.kind === k}>{KIND_LABELS[k]}</option>)}</select>
        {agencies.length > 1 ? <Fragment><label for="f-agency">承办单位</label>
          <select id="f-agency" name="agency"><option value="">全部</option>{agencies.map(([id, name]) => <option value={String(id)} selected={f.agency === String(id)}>{name}</option>)}</select></Fragment> : null}
        <label for="f-flag">期限</label>
        <select id="f-flag" name="flag"><option value="">全部</option>{Object.entries(FLAG_FILTERS).map(([k, l]) => <option value={k} selected={f.flag === k}>{l}</option>)}</select>
        <button type="submit">筛选</button>
      </form>
      {rows.length ? (
        <TableScroll label="留言">
          {/* table.feedback: the site style for a wide table that scrolls sideways at phone width */}
          <table class="data feedback">
            <caption>留言（{rows.length}）</caption>
            <thead><tr><th scope="col">标题</th><th scope="col">类别</th><th scope="col">承办单位</th><th scope="col">收到时间</th><th scope="col">状态</th><th scope="col">答复期限</th></tr></thead>
            <tbody>{rows.map((r) => (
              <tr>
                <td><a href={`${ADMIN_BASE}/${r.id}`}>{r.title}</a><div class="muted">{r.code}</div></td>
                <td>{KIND_LABELS[r.kind]}</td><td>{r.agency}</td><td>{formatDateTime(r.createdAt)}</td><td>{STATE_LABELS[r.state]}</td>
                <td>{r.state === 'accepted' ? r.dueOn : '—'}<FlagTag r={r} /></td>
              </tr>
            ))}</tbody>
          </table>
        </TableScroll>
      ) : <p>{all.length ? '没有符合筛选条件的留言。' : '暂无留言。'}</p>}
      <p class="muted">有效留言受理后长期未答复的显示预警，超过 3 个月（可在设置中调整）显示红色预警——网站检查将其列为单项否决情形，请优先办理。</p>
    </Layout>
  );
}

export type View = Awaited<ReturnType<typeof staffMessageView>> & { choices: Awaited<ReturnType<typeof handlingChoices>> | null };
const Paras = ({ text }: { text: string }): SafeHtml => <Fragment>{text.split(/\n+/).filter((p) => p.trim()).map((p) => <p>{p}</p>)}</Fragment>;
const stepText = (s: { step: string; from: string; to: string; note: string }) =>
  `${s.step === 'transferred' ? `转办：${s.from} → ${s.to}` : s.step === 'received' && s.to ? `收到留言（${s.to}）` : s.step === 'assigned' ? `交办（${s.to}）` : s.step === 'replied' ? `答复（${s.from}）` : STEP_LABELS[s.step] ?? s.step}${s.note ? `：${s.note}` : ''}`;

export function AdminMessage({ ctx, v, values = {}, problems = NO_PROBLEMS, notice, link = bare }: { ctx: PageCtx; v: View; values?: V; problems?: Problems; notice?: string; link?: SiteLink }): SafeHtml {
  const { m } = v;
  const e = problems.fields;
  const base = `${ADMIN_BASE}/${m.id}`;
  const act = v.mayAct;
  const office = hasRole(v.actor, 'office') || hasRole(v.actor, 'admin');
  const ta = (id: string, name: string, label: string, hint: string, rows = 3, required = false) => (
    <Field id={id} label={label} hint={hint} required={required} error={e[name]}>
      <textarea id={id} name={name} rows={String(rows)} required={required} aria-describedby={describedBy(id, { hint: true, error: e[name] })}>{values[name] ?? ''}</textarea>
    </Field>
  );
  return (
    <Layout ctx={ctx} title={m.title} admin>
      <h1>{m.title}</h1>
      <AdminNav ctx={ctx} here="" office={office} link={link} />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      {v.flag === 'red' ? <div class="notice warning" role="alert">该留言自 {m.acceptedOn} 受理，已超过 {v.settings.redMonths} 个月未答复（网站检查单项否决情形），请立即答复。</div>
        : v.flag === 'warning' ? <div class="notice warning" role="alert">该留言自 {m.acceptedOn} 受理，已超过 {v.settings.warnMonths} 个月未答复，{v.redOn} 后将列为红色预警。</div>
        : v.left != null && v.left < 0 ? <div class="notice warning" role="alert">答复已超期 {-v.left} 个工作日（期限 {m.dueOn}）。</div> : null}
      {!act ? <p class="notice">该留言由承办单位办理，您只能查看。</p> : null}
      <dl class="facts">
        <dt>查询码</dt><dd>{m.code}</dd>
        <dt>留言对象</dt><dd>{v.mailbox ? `${v.mailbox}（${v.agency}承办）` : v.agency}</dd>
        <dt>类别</dt><dd>{KIND_LABELS[m.kind]}</dd>
        <dt>是否公开</dt><dd>{m.isPublic ? '公开' : '不公开'}</dd>
        <dt>状态</dt><dd>{STATE_LABELS[m.state]}<FlagTag r={{ flag: v.flag, overdue: v.left != null && v.left < 0 }} /></dd>
        <dt>收到时间</dt><dd>{formatDateTime(m.createdAt)}</dd>
        {act ? <Fragment><dt>留言人</dt><dd>{m.name}</dd><dt>联系电话</dt><dd>{m.phone}</dd></Fragment> : <Fragment><dt>留言人</dt><dd>仅承办单位可见</dd></Fragment>}
        {m.acceptedOn ? <Fragment><dt>受理日期</dt><dd>{m.acceptedOn}</dd></Fragment> : null}
        {m.dueOn ? <Fragment><dt>答复期限</dt><dd>{m.dueOn}（{v.settings.limits[m.kind]} 个工作日）{v.left != null && v.left >= 0 ? `，还剩 ${v.left} 个工作日` : ''}</dd></Fragment> : null}
        {m.acceptedOn && m.state === 'accepted' ? <Fragment><dt>预警 / 红线</dt><dd>{v.warnOn} 起预警，{v.redOn} 起红色预警</dd></Fragment> : null}
        {m.screenResult ? <Fragment><dt>甄别结果</dt><dd>{SCREEN_LABELS[m.screenResult]}{m.screenReason ? `：${m.screenReason}` : ''}{m.turnTo ? `（请向${m.turnTo}反映）` : ''}</dd></Fragment> : null}
        {m.heldWords.length ? <Fragment><dt>敏感词</dt><dd>{m.heldWords.join('、')}</dd></Fragment> : null}
        {m.repliedOn ? <Fragment><dt>答复</dt><dd>{v.replyAgency}，{m.repliedOn}{m.replyWorkdays != null ? `，用时 ${m.replyWorkdays} 个工作日${m.onTime ? '，按期' : '，超期'}` : ''}</dd></Fragment> : null}
        {m.rating ? <Fragment><dt>评价</dt><dd>{RATING_LABELS[m.rating]}{m.ratingComment ? `：${m.ratingComment}` : ''}{m.reopenCount ? '（已重新办理过一次）' : ''}</dd></Fragment> : null}
        {m.faq ? <Fragment><dt>常见问题</dt><dd>已列入常见问题（<a href={link(m.govId, `${PUBLIC_BASE}/${m.id}`)}>公开页面</a>）</dd></Fragment> : null}
      </dl>
      <section aria-labelledby="b-h"><h2 id="b-h">留言内容</h2><div class="doc-body"><Paras text={m.body} /></div></section>
      {m.replyText ? <section aria-labelledby="r-h"><h2 id="r-h">答复内容</h2><div class="doc-body"><Paras text={m.replyText} /></div></section> : null}
      <section aria-labelledby="t-h"><h2 id="t-h">办理过程</h2><ol class="timeline">{v.steps.map((s) => <li><time>{formatDateTime(s.at)}</time> {stepText(s)}</li>)}</ol></section>

      {act && m.state === 'held' ? (
        <section aria-labelledby="rel-h"><h2 id="rel-h">审核</h2>
          <p>留言含有敏感词“{m.heldWords.join('、')}”，已保存并告知留言人正在审核。审核无问题的，通过后进入甄别；不予受理的，通过后在甄别中说明理由。</p>
          <PostForm ctx={ctx} action={`${base}/release`}><button type="submit">审核通过</button></PostForm>
        </section>
      ) : null}

      {act && m.state === 'received' ? (
        <section aria-labelledby="sc-h"><h2 id="sc-h">甄别</h2>
          <PostForm ctx={ctx} action={`${base}/screen`} className="stack doc-form">
            <fieldset aria-describedby={e.result ? 'sc-result-error' : undefined}><legend>甄别结果<span class="req" aria-hidden="true">*</span></legend>
              {e.result ? <p class="field-error" id="sc-result-error">{e.result}</p> : null}
              {SCREEN_RESULTS.map((r) => <label class="check"><input type="radio" name="result" value={r} checked={values.result === r} /> {SCREEN_LABELS[r]}</label>)}
            </fieldset>
            {ta('sc-reason', 'reason', '理由', '无效、重复、转信访、转纪检的须说明理由，将告知留言人')}
            <Field id="sc-turnTo" label="请留言人向何处反映" hint="转信访、转纪检的须填写机关名称和联系方式" error={e.turnTo}>
              <input id="sc-turnTo" name="turnTo" maxlength="500" value={values.turnTo ?? ''} aria-describedby={describedBy('sc-turnTo', { hint: true, error: e.turnTo })} />
            </Field>
            <p class="form-actions"><button type="submit">保存甄别结果</button></p>
          </PostForm>
        </section>
      ) : null}

      {act && v.choices && (m.state === 'received' || m.state === 'accepted') ? (
        <Fragment>
          <section aria-labelledby="as-h"><h2 id="as-h">交办</h2>
            <PostForm ctx={ctx} action={`${base}/assign`} className="stack doc-form">
              <Field id="as-user" label="承办人" hint="本单位工作人员" error={e.userId}>
                <select id="as-user" name="userId" aria-describedby={describedBy('as-user', { hint: true, error: e.userId })}>
                  <option value="">请选择</option>
                  {v.choices.staff.map((u) => <option value={String(u.id)} selected={m.assigneeId === u.id}>{u.name}</option>)}
                </select>
              </Field>
              <p class="form-actions"><button type="submit">交办</button></p>
            </PostForm>
          </section>
          <section aria-labelledby="tr-h"><h2 id="tr-h">转办</h2>
            <p class="hint">不属于本单位职责的，转本级或下级、上一级政府的有关单位办理；转办链条向留言人公开，答复期限不重新计算。</p>
            <PostForm ctx={ctx} action={`${base}/transfer`} className="stack doc-form">
              <Field id="tr-to" label="转至" required error={e.toAgencyId}>
                <select id="tr-to" name="toAgencyId" required aria-describedby={describedBy('tr-to', { error: e.toAgencyId })}>
                  <option value="">请选择</option>
                  {v.choices.targets.map((t) => <option value={String(t.id)} selected={values.toAgencyId === String(t.id)}>{t.name}</option>)}
                </select>
              </Field>
              <Field id="tr-note" label="转办说明" hint="不超过 500 字，留言人可见" error={e.note}>
                <input id="tr-note" name="note" maxlength="500" value={values.note ?? ''} aria-describedby={describedBy('tr-note', { hint: true, error: e.note })} />
              </Field>
              <p class="form-actions"><button type="submit">转办</button></p>
            </PostForm>
          </section>
        </Fragment>
      ) : null}

      {act && m.state === 'accepted' ? (
        <section aria-labelledby="rp-h"><h2 id="rp-h">答复</h2>
          <PostForm ctx={ctx} action={`${base}/reply`} className="stack doc-form">
            {ta('rp-text', 'text', '答复内容', m.isPublic ? '留言人选择公开，答复将与留言一起在网站公布；请勿写入留言人的姓名、电话、住址' : '留言人可凭查询码查看', 10, true)}
            <p class="form-actions"><button type="submit">发送答复</button></p>
          </PostForm>
        </section>
      ) : null}

      {act && m.isPublic && (m.state === 'replied' || m.state === 'closed') ? (
        <section aria-labelledby="faq-h"><h2 id="faq-h">常见问题</h2>
          {m.faq
            ? <PostForm ctx={ctx} action={`${base}/faq`}><input type="hidden" name="faq" value="no" /><p>该答复已列入常见问题。</p><button type="submit">移出常见问题</button></PostForm>
            : <PostForm ctx={ctx} action={`${base}/faq`}><input type="hidden" name="faq" value="yes" /><p>答复具有普遍参考价值的，可列入常见问题，在单位页面、常见问题栏目和全站搜索中显示。</p><button type="submit">列入常见问题</button></PostForm>}
        </section>
      ) : null}
    </Layout>
  );
}

export function SettingsPage({ ctx, s, values, problems = NO_PROBLEMS, notice, link = bare }: { ctx: PageCtx; s: MsgSettings; values?: V; problems?: Problems; notice?: string; link?: SiteLink }): SafeHtml {
  const v: V = values ?? { ...Object.fromEntries(MESSAGE_KINDS.map((k) => [`limit_${k}`, String(s.limits[k])])), warnMonths: String(s.warnMonths), redMonths: String(s.redMonths), maxBody: String(s.maxBody) };
  const e = problems.fields;
  const num = (name: string, label: string, hint: string) => <Field id={`s-${name}`} label={label} hint={hint} error={e[name]}><input id={`s-${name}`} name={name} inputmode="numeric" maxlength="5" value={v[name] ?? ''} aria-describedby={describedBy(`s-${name}`, { hint: true, error: e[name] })} /></Field>;
  return (
    <Layout ctx={ctx} title="留言办理设置" admin>
      <h1>留言办理设置</h1>
      <AdminNav ctx={ctx} here={`${ADMIN_BASE}/settings`} office link={link} />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={`${ADMIN_BASE}/settings`} className="stack doc-form">
        <fieldset><legend>答复时限（工作日，自受理之日起）</legend>
          <p class="hint">国家未统一规定留言答复时限，默认 5 个工作日；按法定节假日和调休计算。</p>
          <div class="field-row">{MESSAGE_KINDS.map((k) => num(`limit_${k}`, `${KIND_LABELS[k]}`, '1 至 60'))}</div>
        </fieldset>
        <div class="field-row">
          {num('warnMonths', '预警月数', '受理后超过该月数未答复的，显示预警')}
          {num('redMonths', '红色预警月数', '网站检查以有效留言超过 3 个月未答复为单项否决')}
        </div>
        {num('maxBody', '留言内容字数上限', '200 至 20000')}
        <p class="form-actions"><button type="submit">保存设置</button></p>
      </PostForm>
    </Layout>
  );
}

export function StatsPage({ ctx, month, months, rows, error, link = bare }: { ctx: PageCtx; month: string; months: string[]; rows: MonthRow[]; error?: string; link?: SiteLink }): SafeHtml {
  return (
    <Layout ctx={ctx} title="留言办理统计" admin>
      <h1>留言办理统计</h1>
      <AdminNav ctx={ctx} here={`${ADMIN_BASE}/stats`} office link={link} />
      <MonthForm action={`${ADMIN_BASE}/stats`} month={month} months={months} error={error} />
      {rows.length ? <StatsTable rows={rows} caption={`${month.replace('-', ' 年 ')} 月留言办理情况`} /> : <p>本月暂无留言办理数据。</p>}
      <p><a href={`${ADMIN_BASE}/stats.xlsx?month=${month}`} download>下载 Excel 表格</a> · <a href={link(ctx.actor?.placement.govId, `${PUBLIC_BASE}/tongji?month=${month}`)}>公开页面</a></p>
      <p class="muted">统计数据按月自动在“留言咨询—办理统计”栏目公开，不含留言人信息。</p>
    </Layout>
  );
}
