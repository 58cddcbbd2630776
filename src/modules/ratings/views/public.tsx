import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { describedBy, ErrorBox, Field, Honeypot, PostForm } from '../../../web/components.js';
import { BODY_MAX, LEVEL_LABELS, LEVELS, type Target } from '../ratings.js';
import type { GuideSummary } from '../../guides/public.js';
import type { WindowView } from '../windows.js';
import type { Aggregates } from '../stats.js';
import { AggregateTables } from './stats.js';
import { PUBLIC_BASE } from './admin.js';

const CRUMBS = [{ href: '/', label: '首页' }, { href: '/hudong', label: '互动交流' }, { label: '好差评' }];
export type FormValues = { level?: string; tags?: string[]; body?: string; phone?: string };

export function ChoosePage({ ctx, guides, windows, notFound }: { ctx: PageCtx; guides: GuideSummary[]; windows: WindowView[]; notFound?: boolean }): SafeHtml {
  const byAgency = new Map<string, GuideSummary[]>();
  for (const g of guides) byAgency.set(g.agencyName, [...(byAgency.get(g.agencyName) ?? []), g]);
  return (
    <Layout ctx={ctx} title="政务服务好差评" crumbs={CRUMBS}>
      <h1>政务服务好差评</h1>
      {notFound ? <div class="error-box" role="alert"><p>没有找到要评价的事项或窗口，它可能已经调整。请在下面重新选择。</p></div> : null}
      <p>办完事，请对办理的事项或服务窗口作出评价：非常满意、满意、基本满意、不满意、非常不满意。评价“不满意”“非常不满意”的，承办单位会在规定时限内核实整改并反馈。评价自愿，任何人不得强迫或干扰您评价。</p>
      <p><a href={`${PUBLIC_BASE}/tongji`}>查看各单位好差评统计</a></p>
      <form method="get" action={PUBLIC_BASE} class="filters" aria-label="选择办理的事项">
        <label for="c-code">办理的事项</label>
        <select id="c-code" name="code" required>
          <option value="">请选择</option>
          {[...byAgency].map(([name, list]) => <optgroup label={name}>{list.map((g) => <option value={g.code}>{g.name}</option>)}</optgroup>)}
        </select>
        <button type="submit">评价该事项</button>
      </form>
      {windows.length ? (
        <form method="get" action={PUBLIC_BASE} class="filters" aria-label="选择服务窗口">
          <label for="c-window">服务窗口</label>
          <select id="c-window" name="window" required>
            <option value="">请选择</option>
            {windows.map((w) => <option value={String(w.id)}>{w.hall} {w.number} {w.name}</option>)}
          </select>
          <button type="submit">评价该窗口</button>
        </form>
      ) : null}
    </Layout>
  );
}

export function RatePage({ ctx, target, tags, values = {}, errors = [], fieldErrors = {} }: {
  ctx: PageCtx; target: Target; tags: string[]; values?: FormValues; errors?: string[]; fieldErrors?: Record<string, string>;
}): SafeHtml {
  const fe = fieldErrors;
  const chosen = new Set(values.tags ?? []);
  return (
    <Layout ctx={ctx} title={`评价：${target.name}`} crumbs={[...CRUMBS.slice(0, 2), { href: PUBLIC_BASE, label: '好差评' }, { label: '评价' }]}>
      <h1>评价：{target.name}</h1>
      <p>{target.target === 'item' ? '事项' : '窗口'}承办单位：{target.agencyName}{target.guideCode ? <Fragment>　实施编码：{target.guideCode}</Fragment> : null}</p>
      <ErrorBox errors={errors} />
      <PostForm ctx={ctx} action={PUBLIC_BASE} className="stack rating-form">
        {target.guideCode ? <input type="hidden" name="code" value={target.guideCode} /> : <input type="hidden" name="window" value={String(target.windowId)} />}
        <fieldset class={fe.level ? 'field-invalid' : undefined} aria-describedby={fe.level ? 'r-level-error' : undefined}>
          <legend>满意程度<span class="req" aria-hidden="true">*</span></legend>
          {fe.level ? <p class="field-error" id="r-level-error">{fe.level}</p> : null}
          <div class="checks rating-levels">{LEVELS.map((l) => <label class="check"><input type="radio" name="level" value={String(l)} checked={values.level === String(l)} required /> {LEVEL_LABELS[l]}</label>)}</div>
        </fieldset>
        <fieldset class={fe.tags ? 'field-invalid' : undefined} aria-describedby={['r-tags-hint', fe.tags ? 'r-tags-error' : ''].filter(Boolean).join(' ')}>
          <legend>问题标签</legend>
          <p class="field-hint" id="r-tags-hint">评价“不满意”或“非常不满意”时，请至少选择一个标签或在下面写明具体情况。</p>
          {fe.tags ? <p class="field-error" id="r-tags-error">{fe.tags}</p> : null}
          <div class="checks">{tags.map((t) => <label class="check"><input type="checkbox" name="tags" value={t} checked={chosen.has(t)} /> {t}</label>)}</div>
        </fieldset>
        <Field id="r-body" label="具体情况或建议" hint={`选填，${BODY_MAX} 字以内。请不要填写身份证号等个人信息。`} error={fe.body}>
          <textarea id="r-body" name="body" rows="4" maxlength={String(BODY_MAX)} aria-describedby={describedBy('r-body', { hint: true, error: fe.body })}>{values.body ?? ''}</textarea>
        </Field>
        <Field id="r-phone" label="联系电话" hint="选填。留下电话，承办单位可以回访、反馈整改情况。电话不会公开，工作人员只能看到部分号码，承办单位办理期间用于回访。" error={fe.phone}>
          <input id="r-phone" name="phone" type="tel" inputmode="tel" maxlength="20" autocomplete="tel" value={values.phone ?? ''} aria-describedby={describedBy('r-phone', { hint: true, error: fe.phone })} />
        </Field>
        <Honeypot id="r-homepage" />
        <p class="form-actions"><button type="submit">提交评价</button></p>
      </PostForm>
    </Layout>
  );
}

export function DonePage({ ctx, target, order }: { ctx: PageCtx; target: Target; order: boolean }): SafeHtml {
  return (
    <Layout ctx={ctx} title="评价已提交" crumbs={[...CRUMBS.slice(0, 2), { href: PUBLIC_BASE, label: '好差评' }, { label: '评价已提交' }]}>
      <h1>评价已提交</h1>
      <div class="notice" role="status">感谢您对“{target.name}”的评价。</div>
      {order ? <p>您的差评已转交{target.agencyName}办理，承办单位将在规定时限内核实整改；留有联系电话的，会回访并反馈整改情况。</p> : <p>您的评价将计入{target.agencyName}的好差评统计。</p>}
      <p><a href={`${PUBLIC_BASE}/tongji`}>查看好差评统计</a>　<a href={PUBLIC_BASE}>评价其他事项</a></p>
    </Layout>
  );
}

export function StatsPage({ ctx, stats }: { ctx: PageCtx; stats: Aggregates }): SafeHtml {
  return (
    <Layout ctx={ctx} title="好差评统计" crumbs={[...CRUMBS.slice(0, 2), { href: PUBLIC_BASE, label: '好差评' }, { label: '统计' }]}>
      <h1>政务服务好差评统计</h1>
      <p>按承办单位和事项（窗口）统计全部评价。“满意及以上”为非常满意和满意所占比例；整改率为差评中已完成整改的比例。经审核属于误评、恶意差评的不计入统计。</p>
      <AggregateTables stats={stats} />
      <p><a href={PUBLIC_BASE}>我要评价</a></p>
    </Layout>
  );
}
