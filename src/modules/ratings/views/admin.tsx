import { h, Fragment, raw, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { DATE_HINT, describedBy, ErrorBox, Field, formatDateTime, Notice, PostForm, TableScroll } from '../../../web/components.js';
import { LEVEL_LABELS, type StaffRating, type RatingFilters } from '../ratings.js';
import { EVENT_LABELS, isOverdue, STATE_LABELS, type OrderDetail, type OrderFilters, type OrderSummary } from '../orders.js';
import { ORDER_STATES } from '../schema.js';
import type { Settings, WindowView } from '../windows.js';
import { AggregateTables } from './stats.js';
import type { Aggregates } from '../stats.js';

export const ADMIN_BASE = '/admin/ratings';
export const PUBLIC_BASE = '/haocha';
export type Problems = { list: string[]; fields: Record<string, string> };
const NO_PROBLEMS: Problems = { list: [], fields: {} };
export type V = Record<string, string | undefined>;

export const NOTICES: Record<string, string> = {
  callback: '回访情况已登记。', rectify: '整改措施已登记。', feedback: '已向评价人反馈，工单办结。', appeal: '申诉已提交，等待政务公开办审核。',
  accept: '申诉成立：该评价不再计入统计。', reject: '申诉不成立：工单退回承办单位继续办理。', window: '窗口已登记，可打印二维码张贴在窗口。',
  deactivated: '窗口已停用。', reactivated: '窗口已启用。', settings: '好差评设置已保存。',
};

function AdminNav({ here, office }: { here: string; office: boolean }): SafeHtml {
  const items = [{ href: ADMIN_BASE, label: '评价统计' }, { href: `${ADMIN_BASE}/orders`, label: '差评工单' }];
  if (office) items.push({ href: `${ADMIN_BASE}/windows`, label: '服务窗口' }, { href: `${ADMIN_BASE}/settings`, label: '设置' });
  items.push({ href: `${PUBLIC_BASE}/tongji`, label: '查看公开统计' });
  return <nav class="subnav" aria-label="好差评"><ul>{items.map((i) => <li><a href={i.href} aria-current={i.href === here ? 'page' : undefined}>{i.label}</a></li>)}</ul></nav>;
}

const Level = ({ level }: { level: number }): SafeHtml => <span class={level <= 2 ? 'tag tag-overdue' : 'tag'}>{LEVEL_LABELS[level] ?? ''}</span>;

export function HomePage({ ctx, office, filters, agencies, stats, rows, problems = NO_PROBLEMS }: {
  ctx: PageCtx; office: boolean; filters: RatingFilters; agencies: { id: number; name: string }[]; stats: Aggregates; rows: StaffRating[]; problems?: Problems;
}): SafeHtml {
  return (
    <Layout ctx={ctx} title="好差评" admin>
      <h1>政务服务好差评</h1>
      <AdminNav here={ADMIN_BASE} office={office} />
      <ErrorBox errors={problems.list} />
      <p class="muted">统计不含申诉成立的评价。“满意及以上”为非常满意和满意所占比例；整改率为差评中已登记整改的比例。评价人联系电话仅显示部分号码。</p>
      <form method="get" action={ADMIN_BASE} class="filters" aria-label="筛选">
        <label for="f-from">起始日期</label>
        <input id="f-from" name="from" type="date" value={filters.from ?? ''} aria-describedby="f-date-hint" />
        <label for="f-to">截止日期</label>
        <input id="f-to" name="to" type="date" value={filters.to ?? ''} aria-describedby="f-date-hint" />
        {agencies.length > 1 ? <Fragment>
          <label for="f-agency">单位</label>
          <select id="f-agency" name="agency">
            <option value="">全部</option>
            {agencies.map((a) => <option value={String(a.id)} selected={filters.agencyId === a.id}>{a.name}</option>)}
          </select>
        </Fragment> : null}
        <label class="check"><input type="checkbox" name="bad" value="1" checked={filters.bad} /> 只看差评</label>
        <span class="field-hint" id="f-date-hint">{DATE_HINT}</span>
        <button type="submit">筛选</button>
      </form>
      <AggregateTables stats={stats} />
      <h2>评价记录</h2>
      {rows.length ? (
        <TableScroll label="评价记录">
          <table class="data">
            <thead><tr><th scope="col">时间</th><th scope="col">评价对象</th><th scope="col">承办单位</th><th scope="col">评价</th><th scope="col">标签与内容</th><th scope="col">联系电话</th></tr></thead>
            <tbody>{rows.map((r) => (
              <tr>
                <td>{formatDateTime(r.submittedAt)}</td>
                <td>{r.targetName}{r.guideCode ? <Fragment><br /><span class="muted">{r.guideCode}</span></Fragment> : null}</td>
                <td>{r.agencyName}</td>
                <td><Level level={r.level} />{r.excluded ? <Fragment> <span class="tag">申诉成立</span></Fragment> : null}</td>
                <td>{r.tags.length ? <p>{r.tags.map((t) => <span class="tag">{t}</span>)}</p> : null}{r.body || (r.tags.length ? '' : '—')}</td>
                <td>{r.phone || '未留'}</td>
              </tr>
            ))}</tbody>
          </table>
        </TableScroll>
      ) : <p>所选期间没有评价。</p>}
    </Layout>
  );
}

export function OrdersPage({ ctx, office, rows, filters, today, notice }: { ctx: PageCtx; office: boolean; rows: OrderSummary[]; filters: OrderFilters; today: string; notice?: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title="差评工单" admin>
      <h1>差评工单</h1>
      <AdminNav here={`${ADMIN_BASE}/orders`} office={office} />
      <Notice text={notice} />
      <p class="muted">“不满意”“非常不满意”的评价自动生成工单，交事项实施主体或窗口所属单位办理：回访核实、整改、向评价人反馈；对误评、恶意差评可以申诉，由政务公开办审核。</p>
      <form method="get" action={`${ADMIN_BASE}/orders`} class="filters" aria-label="筛选">
        <label for="o-state">状态</label>
        <select id="o-state" name="state">
          <option value="">全部</option>
          {ORDER_STATES.map((s) => <option value={s} selected={filters.state === s}>{STATE_LABELS[s]}</option>)}
        </select>
        <label class="check"><input type="checkbox" name="overdue" value="1" checked={filters.overdue} /> 只看超期</label>
        <button type="submit">筛选</button>
      </form>
      {rows.length ? (
        <TableScroll label="差评工单">
          <table class="data">
            <thead><tr><th scope="col">工单</th><th scope="col">评价对象</th><th scope="col">承办单位</th><th scope="col">评价</th><th scope="col">办理期限</th><th scope="col">状态</th></tr></thead>
            <tbody>{rows.map((o) => (
              <tr>
                <td><a href={`${ADMIN_BASE}/orders/${o.id}`}>第 {String(o.id)} 号</a></td>
                <td>{o.targetName}</td>
                <td>{o.agencyName}</td>
                <td><Level level={o.level} /></td>
                <td>{o.dueOn}{isOverdue(o, today) ? <Fragment> <span class="tag tag-overdue">已超期</span></Fragment> : null}</td>
                <td>{STATE_LABELS[o.state]}</td>
              </tr>
            ))}</tbody>
          </table>
        </TableScroll>
      ) : <p>没有符合条件的工单。</p>}
    </Layout>
  );
}

function StepForm({ ctx, id, step, label, hint, button, problems, form, values, required = true }: {
  ctx: PageCtx; id: number; step: string; label: string; hint?: string; button: string; problems: Problems; form?: string; values: V; required?: boolean;
}): SafeHtml {
  const mine = form === step;
  const err = mine ? problems.fields.note ?? (problems.list[0] ?? undefined) : undefined;
  const fid = `o-${step}`;
  return (
    <PostForm ctx={ctx} action={`${ADMIN_BASE}/orders/${id}/${step}`} className="stack">
      <Field id={fid} label={label} required={required} hint={hint} error={err}>
        <textarea id={fid} name="note" rows="3" maxlength="1000" required={required} aria-describedby={describedBy(fid, { hint, error: err })}>{mine ? values.note ?? '' : ''}</textarea>
      </Field>
      <p class="form-actions"><button type="submit" class={step === 'appeal' || step === 'reject' ? 'secondary' : undefined}>{button}</button></p>
    </PostForm>
  );
}

export function OrderPage({ ctx, office, d, today, notice, problems = NO_PROBLEMS, form, values = {} }: {
  ctx: PageCtx; office: boolean; d: OrderDetail; today: string; notice?: string; problems?: Problems; form?: string; values?: V;
}): SafeHtml {
  const { order: o, rating: r } = d;
  const sp = { ctx, id: o.id, problems, form, values };
  return (
    <Layout ctx={ctx} title={`差评工单第 ${o.id} 号`} admin>
      <h1>差评工单第 {String(o.id)} 号</h1>
      <AdminNav here="" office={office} />
      <Notice text={notice} />
      {form ? null : <ErrorBox errors={problems.list} />}
      <dl class="facts">
        <dt>状态</dt><dd>{STATE_LABELS[o.state]}{isOverdue(o, today) ? <Fragment> <span class="tag tag-overdue">已超期</span></Fragment> : null}</dd>
        <dt>评价对象</dt><dd>{r.targetName}{r.guideCode ? `（实施编码 ${r.guideCode}）` : ''}</dd>
        <dt>承办单位</dt><dd>{d.agencyName}</dd>
        <dt>评价</dt><dd><Level level={r.level} /> {formatDateTime(r.submittedAt)}</dd>
        <dt>标签</dt><dd>{r.tags.length ? r.tags.join('、') : '—'}</dd>
        <dt>具体情况</dt><dd>{r.body || '—'}</dd>
        <dt>评价人电话</dt><dd>{d.phone || '未留联系电话'}{d.phoneFull ? <span class="muted">（仅承办单位办理期间可见，请勿外传）</span> : null}</dd>
        <dt>办理期限</dt><dd>{o.openedOn} 至 {o.dueOn}</dd>
        {o.calledBackOn ? <Fragment><dt>回访</dt><dd>{o.calledBackOn}：{o.callbackNote}</dd></Fragment> : null}
        {o.rectifiedOn ? <Fragment><dt>整改</dt><dd>{o.rectifiedOn}：{o.rectifyNote}</dd></Fragment> : null}
        {o.feedbackOn ? <Fragment><dt>反馈</dt><dd>{o.feedbackOn}：{o.feedbackNote}</dd></Fragment> : null}
        {o.appealReason ? <Fragment><dt>申诉理由</dt><dd>{o.appealReason}</dd></Fragment> : null}
        {o.decisionNote ? <Fragment><dt>审核意见</dt><dd>{o.decisionNote}</dd></Fragment> : null}
      </dl>
      {d.may.handle ? (
        <section aria-labelledby="h-handle">
          <h2 id="h-handle">办理</h2>
          <StepForm {...sp} step="callback" label="回访情况" hint="与评价人联系核实的时间、方式和情况。" button="登记回访" />
          <StepForm {...sp} step="rectify" label="整改措施" hint="立行立改的，写明已采取的措施；不能立即整改的，写明整改计划和时限。" button="登记整改" />
          <StepForm {...sp} step="feedback" label="向评价人反馈" hint="先登记回访。反馈后工单办结。" button="反馈并办结" />
          {d.may.appeal ? <StepForm {...sp} step="appeal" label="申诉理由" hint="认为属于误评或恶意差评的，写明理由，由政务公开办审核。申诉成立的评价不计入统计。" button="提出申诉" /> : null}
        </section>
      ) : null}
      {d.may.decide ? (
        <section aria-labelledby="h-decide">
          <h2 id="h-decide">审核申诉</h2>
          <StepForm {...sp} step="accept" label="审核意见" required={false} button="申诉成立" />
          <StepForm {...sp} step="reject" label="不予支持的理由" button="申诉不成立" />
        </section>
      ) : null}
      <h2>办理记录</h2>
      <ol>{d.events.map((e) => <li>{formatDateTime(e.at)} {EVENT_LABELS[e.kind] ?? e.kind}{e.userName ? `（${e.userName}）` : ''}{e.note ? `：${e.note}` : ''}</li>)}</ol>
    </Layout>
  );
}

export function WindowsPage({ ctx, rows, qr, agencies, notice, problems = NO_PROBLEMS, values = {} }: {
  ctx: PageCtx; rows: WindowView[]; qr: Map<number, { svg: string; url: string }>; agencies: { id: number; name: string }[]; notice?: string; problems?: Problems; values?: V;
}): SafeHtml {
  const e = problems.fields;
  return (
    <Layout ctx={ctx} title="服务窗口" admin>
      <h1>服务窗口</h1>
      <AdminNav here={`${ADMIN_BASE}/windows`} office />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      <p class="muted">每个窗口有一个评价二维码，打印后张贴在窗口，办事群众扫码即可“一次一评”。窗口的差评交窗口所属单位办理。</p>
      {rows.length ? (
        <TableScroll label="服务窗口">
          <table class="data">
            <thead><tr><th scope="col">大厅</th><th scope="col">编号</th><th scope="col">窗口名称</th><th scope="col">所属单位</th><th scope="col">评价二维码</th><th scope="col">状态</th></tr></thead>
            <tbody>{rows.map((w) => (
              <tr>
                <td>{w.hall}</td><td>{w.number}</td><td>{w.name}</td><td>{w.agencyName}</td>
                <td>{w.active && qr.get(w.id) ? <Fragment>{raw(qr.get(w.id)!.svg)}<br /><a href={`${ADMIN_BASE}/windows/${w.id}/qr`}>打印二维码</a></Fragment> : '—'}</td>
                <td>{w.active ? '使用中' : '已停用'}
                  <PostForm ctx={ctx} action={`${ADMIN_BASE}/windows/${w.id}/${w.active ? 'deactivate' : 'reactivate'}`}><button type="submit" class="secondary">{w.active ? '停用' : '启用'}</button></PostForm>
                </td>
              </tr>
            ))}</tbody>
          </table>
        </TableScroll>
      ) : <p>尚未登记窗口。</p>}
      <h2>新增窗口</h2>
      <PostForm ctx={ctx} action={`${ADMIN_BASE}/windows`} className="stack">
        <Field id="w-agency" label="所属单位" required error={e.agencyId}>
          <select id="w-agency" name="agencyId" required aria-describedby={describedBy('w-agency', { error: e.agencyId })}>
            <option value="">请选择</option>
            {agencies.map((a) => <option value={String(a.id)} selected={values.agencyId === String(a.id)}>{a.name}</option>)}
          </select>
        </Field>
        <Field id="w-hall" label="所在大厅" required hint="如：县政务服务中心一楼" error={e.hall}>
          <input id="w-hall" name="hall" maxlength="60" required value={values.hall ?? ''} aria-describedby={describedBy('w-hall', { hint: true, error: e.hall })} />
        </Field>
        <Field id="w-number" label="窗口编号" required hint="如：A01" error={e.number}>
          <input id="w-number" name="number" maxlength="20" required value={values.number ?? ''} aria-describedby={describedBy('w-number', { hint: true, error: e.number })} />
        </Field>
        <Field id="w-name" label="窗口名称" required hint="如：社会救助窗口" error={e.name}>
          <input id="w-name" name="name" maxlength="60" required value={values.name ?? ''} aria-describedby={describedBy('w-name', { hint: true, error: e.name })} />
        </Field>
        <p class="form-actions"><button type="submit">登记窗口</button></p>
      </PostForm>
    </Layout>
  );
}

export function SettingsPage({ ctx, s, notice, problems = NO_PROBLEMS, values }: { ctx: PageCtx; s: Settings; notice?: string; problems?: Problems; values?: V }): SafeHtml {
  const e = problems.fields;
  return (
    <Layout ctx={ctx} title="好差评设置" admin>
      <h1>好差评设置</h1>
      <AdminNav here={`${ADMIN_BASE}/settings`} office />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={`${ADMIN_BASE}/settings`} className="stack">
        <Field id="s-days" label="差评工单办理时限（工作日）" required hint="自评价次日起按工作日计算（节假日和调休以平台工作日历为准）。各地规定不一，如 5 个、7 个或 15 个工作日。" error={e.workDays}>
          <input id="s-days" name="workDays" inputmode="numeric" maxlength="2" required value={values?.workDays ?? String(s.workDays)} aria-describedby={describedBy('s-days', { hint: true, error: e.workDays })} />
        </Field>
        <Field id="s-tags" label="差评标签" required hint="每行一个，最多 20 个。评价“不满意”“非常不满意”时须选择标签或填写具体情况。" error={e.tags}>
          <textarea id="s-tags" name="tags" rows="8" required aria-describedby={describedBy('s-tags', { hint: true, error: e.tags })}>{values?.tags ?? s.tags.join('\n')}</textarea>
        </Field>
        <p class="form-actions"><button type="submit">保存</button></p>
      </PostForm>
    </Layout>
  );
}

/** A window's QR card for printing (the layout's print rules drop the navigation). */
export function QrCardPage({ ctx, w, svg, url }: { ctx: PageCtx; w: WindowView; svg: string; url: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title={`评价二维码：${w.number} ${w.name}`} admin>
      <h1>评价二维码</h1>
      <p class="no-print"><button type="button" class="print-button" data-print hidden>打印</button> <a href={`${ADMIN_BASE}/windows`}>返回服务窗口</a></p>
      <div class="receipt rating-card">
        <p><strong>{ctx.site.name}</strong></p>
        <h2>{w.hall} {w.number} 号窗口</h2>
        <p>{w.name}（{w.agencyName}）</p>
        {raw(svg)}
        <p><strong>请扫码对本窗口服务作出评价</strong></p>
        <p>非常满意 · 满意 · 基本满意 · 不满意 · 非常不满意</p>
        <p class="muted">{url}</p>
      </div>
    </Layout>
  );
}
