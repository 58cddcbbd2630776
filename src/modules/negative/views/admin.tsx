import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { DATE_HINT, describedBy, ErrorBox, Field, formatDateTime, Notice, PostForm, TableScroll } from '../../../web/components.js';
import { NEG_CATEGORIES, NEG_FORCES, NEG_STATES } from '../schema.js';
import { NEG_ROWS, ROW_LABELS, ROWS_OF_CATEGORY, rowReportLabel } from '../rows.js';
import { CATEGORY_LABELS, CATEGORY_SHORT, FORCE_LABELS, STATE_LABELS, type getEntry, type StaffEntry, type StaffFilters } from '../entries.js';

export const ADMIN_BASE = '/admin/negative';
export const PUBLIC_BASE = '/fumian';
export type Problems = { list: string[]; fields: Record<string, string> };
const NO_PROBLEMS: Problems = { list: [], fields: {} };
export type V = Record<string, string | undefined>;
const str = (v: V, k: string) => v[k] ?? '';

export const NOTICES: Record<string, string> = {
  created: '负面清单事项已保存为草稿，发布后在公开页面显示。', updated: '修改已保存为新版本；该事项需重新发布。', published: '事项已发布，公开页面已更新。',
  withdrawn: '事项已撤回，不再在公开页面显示。', reviewed: '评估审查已登记，下次评估日期已更新。', settings: '默认评估审查周期已保存。',
};

function AdminNav({ here }: { here: string }): SafeHtml {
  const items = [{ href: ADMIN_BASE, label: '负面清单' }, { href: `${ADMIN_BASE}/new`, label: '新增事项' }, { href: PUBLIC_BASE, label: '查看公开页面' }];
  return <nav class="subnav" aria-label="负面清单"><ul>{items.map((i) => <li><a href={i.href} aria-current={i.href === here ? 'page' : undefined}>{i.label}</a></li>)}</ul></nav>;
}

const Basis = ({ e }: { e: Pick<StaffEntry, 'lawName' | 'lawVersion' | 'article'> }): SafeHtml => <Fragment>{e.lawName}（{e.lawVersion} 版）{e.article}</Fragment>;

function FlagBox({ flags, confirmed }: { flags: string[]; confirmed: string }): SafeHtml | null {
  if (!flags.length) return null;
  return (
    <div class="notice notice-warn" role="alert">
      <p><strong>依据疑似使用 2007 年版《政府信息公开条例》的条款编号。</strong>2019 年修订后，不予公开的情形为第十四条（国家秘密等）、第十五条（商业秘密、个人隐私）、第十六条（内部事务、过程性信息、行政执法案卷）。</p>
      <ul>{flags.map((f) => <li>{f}</li>)}</ul>
      {confirmed ? <p>已确认无误：{confirmed}</p> : <p>请修改依据；确认无误的，发布时须填写确认理由。</p>}
    </div>
  );
}

export function ListPage({ ctx, rows, filters, agencies, notice, office, top, reviewMonths, problems = NO_PROBLEMS, values = {}, today }: {
  ctx: PageCtx; rows: StaffEntry[]; filters: StaffFilters; agencies: { id: number; name: string }[]; notice?: string; office: boolean; top: boolean; reviewMonths: number; problems?: Problems; values?: V; today: string;
}): SafeHtml {
  const byAgency = new Map<string, StaffEntry[]>();
  for (const r of rows) byAgency.set(r.agencyName, [...(byAgency.get(r.agencyName) ?? []), r]);
  return (
    <Layout ctx={ctx} title="政务公开负面清单" admin>
      <h1>政务公开负面清单</h1>
      <AdminNav here={ADMIN_BASE} />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      <p class="muted">负面清单以外的事项原则上都应依法公开。每个事项须对应 2019 年修订的《政府信息公开条例》第十四条、第十五条或第十六条，并定期评估审查。</p>
      <form method="get" action={ADMIN_BASE} class="filters" aria-label="筛选">
        <label for="f-agency">单位</label>
        <select id="f-agency" name="agency">
          <option value="">全部</option>
          {agencies.map((a) => <option value={String(a.id)} selected={filters.agencyId === a.id}>{a.name}</option>)}
        </select>
        <label for="f-category">类别</label>
        <select id="f-category" name="category">
          <option value="">全部</option>
          {NEG_CATEGORIES.map((c) => <option value={c} selected={filters.category === c}>{CATEGORY_SHORT[c]}</option>)}
        </select>
        <label for="f-state">状态</label>
        <select id="f-state" name="state">
          <option value="">全部</option>
          {NEG_STATES.map((s) => <option value={s} selected={filters.state === s}>{STATE_LABELS[s]}</option>)}
        </select>
        <label class="check"><input type="checkbox" name="due" value="1" checked={filters.due} /> 只看到期未评估</label>
        <label class="check"><input type="checkbox" name="flagged" value="1" checked={filters.flagged} /> 只看依据待核实</label>
        <button type="submit">筛选</button>
      </form>
      {rows.length ? [...byAgency].map(([name, list]) => (
        <section>
          <h2>{name}（{list.length}）</h2>
          <TableScroll label={`${name}负面清单`}>
            <table class="data feedback">
              <thead><tr><th scope="col">事项</th><th scope="col">类别</th><th scope="col">年报计入</th><th scope="col">依据</th><th scope="col">性质</th><th scope="col">下次评估</th><th scope="col">状态</th></tr></thead>
              <tbody>{list.map((e) => (
                <tr>
                  <td><a href={`${ADMIN_BASE}/${e.id}`}>{e.matter}</a></td>
                  <td>{CATEGORY_SHORT[e.category]}</td>
                  <td>{ROW_LABELS[e.reportRow]}</td>
                  <td><Basis e={e} />{e.flags.length && !e.citationConfirmed ? <Fragment> <span class="tag tag-overdue">疑似 2007 年版编号</span></Fragment> : null}</td>
                  <td>{FORCE_LABELS[e.force]}</td>
                  <td>{e.reviewDue}{e.state === 'published' && e.reviewDue <= today ? <Fragment> <span class="tag tag-overdue">到期未评估</span></Fragment> : null}</td>
                  <td>{STATE_LABELS[e.state]}</td>
                </tr>
              ))}</tbody>
            </table>
          </TableScroll>
        </section>
      )) : <p>没有符合条件的事项。<a href={`${ADMIN_BASE}/new`}>新增事项</a></p>}
      {office && top ? (
        <section aria-labelledby="set-h">
          <h2 id="set-h">默认评估审查周期</h2>
          <PostForm ctx={ctx} action={`${ADMIN_BASE}/settings`} className="stack">
            <Field id="s-months" label="评估审查周期（月）" required hint="新增事项未填写周期时使用此默认值。" error={problems.fields.reviewMonths}>
              <input id="s-months" name="reviewMonths" inputmode="numeric" maxlength="3" required value={values.reviewMonths ?? String(reviewMonths)} aria-describedby={describedBy('s-months', { hint: true, error: problems.fields.reviewMonths })} />
            </Field>
            <p class="form-actions"><button type="submit" class="secondary">保存</button></p>
          </PostForm>
        </section>
      ) : null}
    </Layout>
  );
}

export function EntryForm({ ctx, action, title, values, problems = NO_PROBLEMS, agencies, fixedAgency }: {
  ctx: PageCtx; action: string; title: string; values: V; problems?: Problems; agencies: { id: number; name: string }[]; fixedAgency?: string;
}): SafeHtml {
  const e = problems.fields;
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: e[name] });
  return (
    <Layout ctx={ctx} title={title} admin>
      <h1>{title}</h1>
      <AdminNav here={fixedAgency ? '' : `${ADMIN_BASE}/new`} />
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={action} className="stack doc-form">
        {fixedAgency ? <p>单位：{fixedAgency}</p> : (
          <Field id="n-agency" label="单位" required error={e.agencyId}>
            <select id="n-agency" name="agencyId" required aria-describedby={d('n-agency', 'agencyId')}>
              {agencies.length > 1 ? <option value="">请选择</option> : null}
              {agencies.map((a) => <option value={String(a.id)} selected={str(values, 'agencyId') === String(a.id)}>{a.name}</option>)}
            </select>
          </Field>
        )}
        <fieldset><legend>不予公开的依据类别（2019 年修订的《政府信息公开条例》）<span class="req" aria-hidden="true">*</span></legend>
          {e.category ? <p class="field-error" id="n-category-error">{e.category}</p> : null}
          {NEG_CATEGORIES.map((c) => <label class="check"><input type="radio" name="category" value={c} checked={str(values, 'category') === c} /> {CATEGORY_LABELS[c]}</label>)}
        </fieldset>
        <Field id="n-row" label="年度报告计入的情形" required hint="申请答复引用本事项不予公开时，计入年度报告表三“不予公开”的这一项。第十四条对应 1–3 项，第十五条对应第 4 项，第十六条对应 5–7 项。" error={e.reportRow}>
          <select id="n-row" name="reportRow" required aria-describedby={d('n-row', 'reportRow', true)}>
            <option value="">请选择</option>
            {NEG_CATEGORIES.map((c) => (
              <optgroup label={CATEGORY_SHORT[c]}>
                {ROWS_OF_CATEGORY[c].map((r) => <option value={r} selected={str(values, 'reportRow') === r}>{String(NEG_ROWS.indexOf(r) + 1)}. {ROW_LABELS[r]}</option>)}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field id="n-matter" label="不予公开的事项" required hint="写明信息的范围，如：低保对象的身份证号码、家庭住址等个人信息。" error={e.matter}>
          <textarea id="n-matter" name="matter" rows="3" maxlength="500" required aria-describedby={d('n-matter', 'matter', true)}>{str(values, 'matter')}</textarea>
        </Field>
        <Field id="n-law" label="依据的法律法规名称" required hint="如：《中华人民共和国政府信息公开条例》" error={e.lawName}>
          <input id="n-law" name="lawName" maxlength="100" required value={str(values, 'lawName')} aria-describedby={d('n-law', 'lawName', true)} />
        </Field>
        <div class="field-row">
          <Field id="n-version" label="版本日期" required hint={`所依据文本的公布或修订日期。2019 年修订的条例为 2019-04-03。${DATE_HINT}`} error={e.lawVersion}>
            <input id="n-version" name="lawVersion" type="date" required value={str(values, 'lawVersion')} aria-describedby={d('n-version', 'lawVersion', true)} />
          </Field>
          <Field id="n-article" label="条款" required hint="如：第十五条、第十六条第二款" error={e.article}>
            <input id="n-article" name="article" maxlength="100" required value={str(values, 'article')} aria-describedby={d('n-article', 'article', true)} />
          </Field>
        </div>
        <fieldset><legend>性质<span class="req" aria-hidden="true">*</span></legend>
          {e.force ? <p class="field-error" id="n-force-error">{e.force}</p> : null}
          {NEG_FORCES.map((f) => <label class="check"><input type="radio" name="force" value={f} checked={str(values, 'force') === f} /> {FORCE_LABELS[f]}</label>)}
          <p class="field-hint">第十四条、第十五条的情形应当不予公开；第十六条的情形可以不予公开。</p>
        </fieldset>
        <Field id="n-cond" label="可以公开的条件" hint="如：第三方同意公开、不公开会对公共利益造成重大影响、决定作出后。第十五条的事项必填。" error={e.releaseCondition}>
          <textarea id="n-cond" name="releaseCondition" rows="2" maxlength="500" aria-describedby={d('n-cond', 'releaseCondition', true)}>{str(values, 'releaseCondition')}</textarea>
        </Field>
        <div class="field-row">
          <Field id="n-cycle" label="评估审查周期（月）" hint="不填则使用默认周期。" error={e.reviewMonths}>
            <input id="n-cycle" name="reviewMonths" inputmode="numeric" maxlength="3" value={str(values, 'reviewMonths')} aria-describedby={d('n-cycle', 'reviewMonths', true)} />
          </Field>
          <Field id="n-last" label="上次评估审查日期" hint={`不填则为今天。${DATE_HINT}`} error={e.lastReviewedOn}>
            <input id="n-last" name="lastReviewedOn" type="date" value={str(values, 'lastReviewedOn')} aria-describedby={d('n-last', 'lastReviewedOn', true)} />
          </Field>
        </div>
        <p class="form-actions"><button type="submit">保存草稿</button></p>
      </PostForm>
    </Layout>
  );
}

export type Detail = Awaited<ReturnType<typeof getEntry>>;

export function DetailPage({ ctx, e, notice, problems = NO_PROBLEMS, form = '', values = {}, today }: { ctx: PageCtx; e: Detail; notice?: string; problems?: Problems; form?: string; values?: V; today: string }): SafeHtml {
  const base = `${ADMIN_BASE}/${e.id}`;
  const pe = problems.fields;
  const val = (f: string, k: string, fallback = '') => (form === f ? str(values, k) : fallback);
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: pe[name] });
  const due = e.state === 'published' && e.reviewDue <= today;
  return (
    <Layout ctx={ctx} title={e.matter.slice(0, 40)} admin>
      <h1>负面清单事项</h1>
      <AdminNav here="" />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      <FlagBox flags={e.flags} confirmed={e.citationConfirmed} />
      {due ? <div class="notice notice-warn" role="alert">该事项应于 {e.reviewDue} 前完成评估审查，已到期。</div> : null}
      <dl class="facts">
        <dt>单位</dt><dd>{e.agencyName}</dd>
        <dt>事项</dt><dd class="pre">{e.matter}</dd>
        <dt>类别</dt><dd>{CATEGORY_LABELS[e.category]}</dd>
        <dt>年度报告计入</dt><dd>{rowReportLabel(e.reportRow)}</dd>
        <dt>依据</dt><dd><Basis e={e} /></dd>
        <dt>性质</dt><dd>{FORCE_LABELS[e.force]}</dd>
        <dt>可以公开的条件</dt><dd class="pre">{e.releaseCondition || '—'}</dd>
        <dt>评估审查</dt><dd>每 {e.reviewMonths} 个月一次，上次 {e.lastReviewedOn}，下次 {e.reviewDue}</dd>
        <dt>状态</dt><dd>{STATE_LABELS[e.state]}{e.publishedOn ? `（发布于 ${e.publishedOn}）` : ''}</dd>
        <dt>版本</dt><dd>第 {e.version} 版{e.versions.length ? `（${e.versions.map((v) => `第 ${v.version} 版 ${formatDateTime(v.at)}`).join('；')}）` : ''}</dd>
      </dl>
      {e.mayEdit ? <p><a href={`${base}/edit`}>修改</a>{e.state === 'published' ? '（修改后需重新发布）' : ''}</p> : null}

      {e.mayPublish && e.state !== 'published' ? (
        <section aria-labelledby="pub-h" class="action-form">
          <h2 id="pub-h">发布</h2>
          <PostForm ctx={ctx} action={`${base}/publish`} className="stack">
            {e.flags.length && !e.citationConfirmed ? (
              <Field id="p-confirm" label="确认理由（依据经核实无误时填写）" hint="如：所引为其他法规的条款，并非《政府信息公开条例》2007 年版编号。" error={pe.confirm}>
                <textarea id="p-confirm" name="confirm" rows="2" maxlength="300" aria-describedby={d('p-confirm', 'confirm', true)}>{val('publish', 'confirm')}</textarea>
              </Field>
            ) : null}
            <p class="form-actions"><button type="submit">发布</button></p>
          </PostForm>
        </section>
      ) : null}
      {e.mayPublish && e.state === 'published' ? (
        <section aria-labelledby="wd-h" class="action-form">
          <h2 id="wd-h">撤回</h2>
          <PostForm ctx={ctx} action={`${base}/withdraw`} className="stack">
            <Field id="w-reason" label="撤回理由" required hint="如：经评估该事项已可以公开。" error={pe.reason}>
              <textarea id="w-reason" name="reason" rows="2" maxlength="300" required aria-describedby={d('w-reason', 'reason', true)}>{val('withdraw', 'reason')}</textarea>
            </Field>
            <p class="form-actions"><button type="submit" class="secondary">撤回</button></p>
          </PostForm>
        </section>
      ) : null}
      {e.mayEdit && e.state !== 'withdrawn' ? (
        <section aria-labelledby="rv-h" class="action-form">
          <h2 id="rv-h">登记评估审查</h2>
          <p>经评估该事项仍需不予公开的，在此登记；可以公开的，请撤回该事项并依法公开相关信息。</p>
          <PostForm ctx={ctx} action={`${base}/review`} className="stack">
            <Field id="r-on" label="评估审查日期" required hint={DATE_HINT} error={pe.on}>
              <input id="r-on" name="on" type="date" required value={val('review', 'on', today)} aria-describedby={d('r-on', 'on', true)} />
            </Field>
            <Field id="r-note" label="评估意见（选填）" error={pe.note}>
              <textarea id="r-note" name="note" rows="2" maxlength="300" aria-describedby={d('r-note', 'note')}>{val('review', 'note')}</textarea>
            </Field>
            <p class="form-actions"><button type="submit" class="secondary">登记评估审查</button></p>
          </PostForm>
        </section>
      ) : null}
    </Layout>
  );
}
