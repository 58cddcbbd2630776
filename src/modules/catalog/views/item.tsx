import { h, type Child, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { describedBy, Field, PostForm } from '../../../web/components.js';
import { describeTimeRule, type TimeRule } from '../time-rule.js';
import { LEVEL_LABELS, STANDARD_CHANNELS, type CatalogItemInput, type Level } from '../types.js';

/** √ for screen readers too: the symbol alone is read inconsistently. */
const mark = (v: boolean) => (v ? [<span aria-hidden="true">√</span>, <span class="sr-only">是</span>] : '');

export function levelText(levels: Level[]): string {
  return levels.length ? levels.map((l) => LEVEL_LABELS[l]).join('、') : '未标注';
}

/** The fixed channel checklist, ■ for selected and □ for not, as the guide template prints it. */
export function ChannelList({ item }: { item: Pick<CatalogItemInput, 'channels' | 'otherChannels'> }): SafeHtml {
  return (
    <ul class="channels" aria-label="公开渠道和载体">
      {STANDARD_CHANNELS.map((c) => {
        const on = item.channels.includes(c);
        return <li class={on ? 'on' : 'off'}><span aria-hidden="true">{on ? '■' : '□'}</span>{c}<span class="sr-only">{on ? '（已选）' : '（未选）'}</span></li>;
      })}
      {item.otherChannels.map((c) => <li class="on"><span aria-hidden="true">■</span>{c}<span class="sr-only">（已选）</span></li>)}
    </ul>
  );
}

export function TimeRuleText({ rule, ok }: { rule: TimeRule; ok: boolean }): SafeHtml {
  return ok ? <span class="rule">{describeTimeRule(rule)}</span> : <span class="rule flag">⚠ 时限未能自动识别，待公开办确认</span>;
}

/** Every standard element of an item, as a definition list. */
export function ItemElements({ item, timeRule, timeRuleOk }: { item: CatalogItemInput; timeRule?: TimeRule; timeRuleOk?: boolean }): SafeHtml {
  return (
    <dl class="facts">
      <dt>一级事项</dt><dd>{item.level1}</dd>
      <dt>二级事项</dt><dd>{item.level2}</dd>
      {item.level3 ? [<dt>三级事项</dt>, <dd>{item.level3}</dd>] : null}
      {item.itemCode ? [<dt>事项编码</dt>, <dd>{item.itemCode}</dd>] : null}
      <dt>公开内容（要素）</dt><dd class="pre">{item.content}</dd>
      <dt>公开依据</dt><dd class="pre">{item.basis || '（未载明）'}</dd>
      <dt>公开时限</dt>
      <dd>{item.timeLimitText}{timeRule ? <div><TimeRuleText rule={timeRule} ok={timeRuleOk ?? false} /></div> : null}</dd>
      <dt>公开主体</dt><dd>{item.subject}</dd>
      <dt>公开渠道和载体</dt><dd><ChannelList item={item} /></dd>
      <dt>公开对象</dt><dd>{[item.audiencePublic ? '全社会' : '', item.audienceSpecific ? '特定群体' : ''].filter(Boolean).join('、')}</dd>
      <dt>公开方式</dt><dd>{[item.modeActive ? '主动' : '', item.modeOnRequest ? '依申请' : ''].filter(Boolean).join('、')}</dd>
      <dt>公开层级</dt><dd>{levelText(item.levels)}</dd>
    </dl>
  );
}

type Row = CatalogItemInput & { id: number; timeRule: TimeRule; timeRuleOk: boolean };

/** The catalog as the standard wide table (scrolls sideways on a phone). */
export function ItemTable({ items, link, caption }: { items: Row[]; link?: (id: number) => string; caption: string }): SafeHtml {
  return (
    <div class="table-wrap" role="region" aria-label={caption} tabindex="0">
      <table class="data catalog">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">序号</th><th scope="col">一级事项</th><th scope="col">二级事项</th><th scope="col">公开内容（要素）</th>
            <th scope="col">公开依据</th><th scope="col">公开时限</th><th scope="col">公开主体</th><th scope="col">公开渠道和载体</th>
            <th scope="col">全社会</th><th scope="col">特定群体</th><th scope="col">主动</th><th scope="col">依申请</th><th scope="col">公开层级</th>
          </tr>
        </thead>
        <tbody>
          {items.map((it, i) => (
            <tr>
              <td data-label="序号">{i + 1}</td>
              <td data-label="一级事项">{it.level1}</td>
              <td data-label="二级事项">{link ? <a href={link(it.id)}>{it.level2}</a> : it.level2}{it.level3 ? ` / ${it.level3}` : ''}</td>
              <td data-label="公开内容（要素）" class="pre">{it.content}</td>
              <td data-label="公开依据">{it.basis}</td>
              <td data-label="公开时限">{it.timeLimitText}{it.timeRuleOk ? null : <div class="flag">⚠ 待确认</div>}</td>
              <td data-label="公开主体">{it.subject}</td>
              <td data-label="公开渠道和载体">{[...it.channels, ...it.otherChannels].join('、')}</td>
              <td data-label="全社会">{mark(it.audiencePublic)}</td><td data-label="特定群体">{mark(it.audienceSpecific)}</td>
              <td data-label="主动">{mark(it.modeActive)}</td><td data-label="依申请">{mark(it.modeOnRequest)}</td>
              <td data-label="公开层级">{levelText(it.levels)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const ORIGIN_LABELS = { local: '本级补充事项', power_list: '权责清单', service_list: '公共服务事项清单' } as const;
export type ItemOrigin = keyof typeof ORIGIN_LABELS;

/**
 * Add/edit form for one item; every element of the standard, grouped as the guide's table groups
 * them, each problem beside its box (`errors` by field name).
 */
export function ItemForm({ ctx, action, item, submitLabel, withOrigin, origin = 'local', errors = {} }: { ctx: PageCtx; action: string; item?: CatalogItemInput; submitLabel: string; withOrigin?: boolean; origin?: ItemOrigin; errors?: Record<string, string> }): SafeHtml {
  const v = (k: keyof CatalogItemInput) => String(item?.[k] ?? '');
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: errors[name] });
  const text = (name: keyof CatalogItemInput, label: string, max: number, required = true, hint?: string) => (
    <Field id={`i-${name}`} label={label} required={required} hint={hint} error={errors[name]}>
      <input id={`i-${name}`} name={name} maxlength={max} value={v(name)} required={required} aria-describedby={d(`i-${name}`, name, !!hint)} />
    </Field>
  );
  const area = (name: keyof CatalogItemInput, label: string, required = true) => (
    <Field id={`i-${name}`} label={label} required={required} error={errors[name]}>
      <textarea id={`i-${name}`} name={name} rows="3" maxlength="4000" required={required} aria-describedby={d(`i-${name}`, name)}>{v(name)}</textarea>
    </Field>
  );
  const box = (name: string, value: string, label: string, on: boolean) => (
    <label class="check"><input type="checkbox" name={name} value={value} checked={on} /> {label}</label>
  );
  /** A group of checkboxes whose one problem (e.g. none chosen) shows under its legend. */
  const group = (id: string, legend: string, error: string | undefined, children: Child, required = true) => (
    <fieldset id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}{required ? <span class="req" aria-hidden="true">*</span> : null}</legend>
      {error ? <p class="field-error" id={`${id}-error`}>{error}</p> : null}
      {children}
    </fieldset>
  );
  const timeHint = '如“信息形成或者变更之日起20个工作日内”。系统会自动识别时限规则，无法识别的会提示公开办确认，不影响保存。';
  return (
    <PostForm ctx={ctx} action={action} className="stack item-form">
      <fieldset>
        <legend>公开事项</legend>
        {withOrigin ? (
          <Field id="i-origin" label="事项来源" error={errors.origin}>
            <select id="i-origin" name="origin" aria-describedby={d('i-origin', 'origin')}>
              {(Object.keys(ORIGIN_LABELS) as ItemOrigin[]).map((k) => <option value={k} selected={k === origin}>{ORIGIN_LABELS[k]}</option>)}
            </select>
          </Field>
        ) : null}
        <div class="field-row">
          {text('level1', '一级事项', 200)}
          {text('level2', '二级事项', 200)}
        </div>
        <div class="field-row">
          {text('level3', '三级事项', 200, false)}
          {text('itemCode', '事项编码', 50, false)}
        </div>
      </fieldset>
      <fieldset>
        <legend>公开要素</legend>
        {area('content', '公开内容（要素）')}
        {area('basis', '公开依据', false)}
        {text('timeLimitText', '公开时限', 500, true, timeHint)}
        {text('subject', '公开主体', 500)}
      </fieldset>
      {group('i-channels', '公开渠道和载体', errors.channels, [
        <div class="checks">{STANDARD_CHANNELS.map((c) => box('channels', c, c, item?.channels.includes(c) ?? c === '政府网站'))}</div>,
        <Field id="i-other" label="其他渠道（多个用顿号分隔）" error={errors.otherChannels}>
          <input id="i-other" name="otherChannels" maxlength="1000" value={item?.otherChannels.join('、') ?? ''} aria-describedby={d('i-other', 'otherChannels')} />
        </Field>,
      ])}
      {group('i-audience', '公开对象', errors.audiencePublic ?? errors.audienceSpecific, <div class="checks">{box('audiencePublic', '1', '全社会', item?.audiencePublic ?? true)}{box('audienceSpecific', '1', '特定群体', item?.audienceSpecific ?? false)}</div>)}
      {group('i-mode', '公开方式', errors.modeActive ?? errors.modeOnRequest, <div class="checks">{box('modeActive', '1', '主动', item?.modeActive ?? true)}{box('modeOnRequest', '1', '依申请', item?.modeOnRequest ?? false)}</div>)}
      {group('i-levels', '公开层级', errors.levels, <div class="checks">
        {box('levels', 'county', '县级', item?.levels.includes('county') ?? false)}
        {box('levels', 'township', '乡级', item?.levels.includes('township') ?? true)}
        {box('levels', 'village', '村级', item?.levels.includes('village') ?? false)}
      </div>, false)}
      <button type="submit">{submitLabel}</button>
    </PostForm>
  );
}
