import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import { suppliedOf } from '../supplied.js';
import { letterFromText } from '../letter.js';
import { LetterView } from './letter.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { DATE_HINT, describedBy, ErrorBox, Field, Notice, PostForm } from '../../../web/components.js';
import { APPLICANT_CATEGORY_LABELS, OUTCOMES, OUTCOME_INFO, isApplicantCategory, isOutcome } from '../outcomes.js';
import { EVENT_LABELS, STATE_LABELS } from '../intake.js';
import { PLACEHOLDER, partField } from '../handling.js';
import { isWithheldGround, MAX_WITHHELD_PARTS } from '../replies.js';
import { entryOptionLabel, type CitableEntry } from '../../negative/citing.js';
import type { CaseDetail, CaseListItem, PopularRequest } from '../queries.js';
import { CHANNEL_LABELS, DELIVERIES, FORMS, RECEIPT_RULES } from '../validate.js';
import { FEE_RULES } from '../fees.js';
import { MAX_PAYMENT_WORKDAYS, type FoiSettings } from '../settings.js';
import { hasRole } from '../../../core/auth/actor.js';
import { attachedFiles } from '../handling.js';
import { ApplicationFields, type AgencyOption, type FieldErrors, type FormValues } from './public.js';
import { formatRate, type FoiStatistics, type StatisticsCharts } from '../statistics.js';
import { REVIEW_KIND_LABELS, REVIEW_RESULT_LABELS, type ReviewRow } from '../reviews.js';

const crumbs = (label?: string) => [{ href: '/admin', label: '工作台' }, ...(label ? [{ href: '/admin/foi', label: '依申请公开' }, { label }] : [{ label: '依申请公开' }])];
const categoryLabel = (c: string) => (isApplicantCategory(c) ? APPLICANT_CATEGORY_LABELS[c] : c);
const outcomeLabel = (o: string | null) => (o && isOutcome(o) ? OUTCOME_INFO[o].staffLabel : '');
const URGENCY = { overdue: '已超期', due_soon: '即将到期', ok: '', none: '' } as const;

export function CaseTable({ items }: { items: CaseListItem[] }): SafeHtml {
  if (!items.length) return <p class="muted">没有申请。</p>;
  return (
    <div class="table-wrap">
      <table class="data">
        <thead><tr><th scope="col">查询码</th><th scope="col">受理机关</th><th scope="col">申请人</th><th scope="col">内容</th><th scope="col">收到日期</th><th scope="col">答复期限</th><th scope="col">状态</th></tr></thead>
        <tbody>
          {items.map((c) => (
            <tr class={c.urgency === 'overdue' ? 'row-alarm' : c.urgency === 'due_soon' ? 'row-warn' : undefined}>
              <td><a href={`/admin/foi/${c.id}`}>{c.code}</a>{c.repeatOf ? <span class="tag">疑似重复</span> : null}</td>
              <td>{c.agencyName}</td>
              <td>{c.applicant}（{categoryLabel(c.applicantCategory)}）</td>
              <td>{c.content}</td>
              <td>{c.receivedOn ?? '待确认'}</td>
              <td>{c.dueOn ?? '—'} {URGENCY[c.urgency] ? <strong class={`tag tag-${c.urgency}`}>{URGENCY[c.urgency]}</strong> : null}{c.warnings.length ? <span class="tag tag-overdue" title={c.warnings.join('；')}>日历缺数据</span> : null}</td>
              <td>{STATE_LABELS[c.state]}{c.outcome ? `：${outcomeLabel(c.outcome)}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CaseListPage({ ctx, items, tab, counts, notice }: { ctx: PageCtx; items: CaseListItem[]; tab: string; counts: { overdue: number; dueSoon: number; pending: number }; notice?: string | null }): SafeHtml {
  return (
    <Layout ctx={ctx} title="依申请公开" admin crumbs={crumbs()}>
      <h1>依申请公开</h1>
      <Notice text={notice} />
      <ul class="stats" aria-label="提醒">
        <li class={counts.overdue ? 'stat-alarm' : undefined}><strong>{String(counts.overdue)}</strong> 件已超期</li>
        <li class={counts.dueSoon ? 'stat-warn' : undefined}><strong>{String(counts.dueSoon)}</strong> 件 3 个工作日内到期</li>
        <li><strong>{String(counts.pending)}</strong> 件网上申请待确认受理</li>
      </ul>
      <nav class="tabs" aria-label="筛选">
        <a href="/admin/foi" aria-current={tab === 'open' ? 'page' : undefined}>办理中</a>
        <a href="/admin/foi?state=closed" aria-current={tab === 'closed' ? 'page' : undefined}>已办结</a>
        <a href="/admin/foi/register">登记申请</a>
        <a href="/admin/foi/reviews">复议与诉讼</a>
        <a href="/admin/foi/popular">多人申请的信息</a>
        <a href="/admin/foi/stats">统计</a>
        {ctx.actor && (hasRole(ctx.actor, 'office') || hasRole(ctx.actor, 'admin')) ? <a href="/admin/foi/settings">收费设置</a> : null}
      </nav>
      <CaseTable items={items} />
    </Layout>
  );
}

export function RegisterPage({ ctx, agencies, values, errors, fieldErrors = {} }: { ctx: PageCtx; agencies: AgencyOption[]; values: FormValues; errors: string[]; fieldErrors?: FieldErrors }): SafeHtml {
  return (
    <Layout ctx={ctx} title="登记申请" admin crumbs={crumbs('登记申请')}>
      <h1>登记信函、当面、传真或电子邮件申请</h1>
      <ErrorBox errors={errors} />
      <PostForm ctx={ctx} action="/admin/foi/register" className="stack">
        <fieldset>
          <legend>收到申请</legend>
          <Field id="r-channel" label="申请渠道" required error={fieldErrors.channel}>
            <select id="r-channel" name="channel" aria-describedby="r-rules">
              {(['letter', 'counter', 'fax', 'email'] as const).map((c) => <option value={c} selected={values.channel === c}>{CHANNEL_LABELS[c]}</option>)}
            </select>
          </Field>
          <ul id="r-rules" class="hint">{(['letter', 'counter', 'fax', 'email'] as const).map((c) => <li>{CHANNEL_LABELS[c]}：{RECEIPT_RULES[c]}</li>)}</ul>
          <Field id="r-received" label="收到申请日期" required hint={DATE_HINT} error={fieldErrors.receivedOn}>
            <input id="r-received" name="receivedOn" type="date" required value={values.receivedOn ?? ''} aria-describedby={describedBy('r-received', { hint: DATE_HINT, error: fieldErrors.receivedOn })} />
          </Field>
        </fieldset>
        <input type="hidden" name="submitKey" value={values.submitKey ?? ''} />
        <ApplicationFields agencies={agencies} values={values} errors={fieldErrors} />
        <button type="submit">登记</button>
      </PostForm>
    </Layout>
  );
}

const Fact = ({ label, value }: { label: string; value: string | null | undefined }) => [<dt>{label}</dt>, <dd>{value || '—'}</dd>];

export type PartValues = { content: string; ground: string; reason: string; entry?: string };
export type ReplyValues = { outcome: string; text: string; reason: string; parts: PartValues[]; competentAgencyId?: string; negEntryId?: string };
/** An action form that failed: which one, what was typed, and each field's problem. */
export type FailedAction = { action: string; values: Record<string, string>; fields: FieldErrors };

/** What one action form shows: open with the typed values and each field's error after a failed submit. */
type Slot = { open: boolean; value: (name: string) => string; error: (name: string) => string | undefined };
const slotOf = (failed: FailedAction | undefined, action: string): Slot => {
  const mine = failed?.action === action ? failed : undefined;
  return { open: !!mine, value: (n) => mine?.values[n] ?? '', error: (n) => mine?.fields[n] };
};

function Action({ ctx, id, action, title, children, button, slot }: { ctx: PageCtx; id: number; action: string; title: string; children?: unknown; button: string; slot?: Slot }): SafeHtml {
  return (
    <details class="action" open={slot?.open}>
      <summary>{title}</summary>
      <PostForm ctx={ctx} action={`/admin/foi/${id}/${action}`} className="stack">
        {children as SafeHtml}
        <button type="submit">{button}</button>
      </PostForm>
    </details>
  );
}

type FieldProps = { slot: Slot; id: string; name: string; label: string; required?: boolean; hint?: string };
/** A text, number or date box with its label above, its hint and its error. */
function Input({ slot, id, name, label, required, hint, type, max, min, maxlength, placeholder }: FieldProps & { type?: string; max?: string; min?: string; maxlength?: string; placeholder?: string }): SafeHtml {
  const h2 = type === 'date' ? [hint, DATE_HINT].filter(Boolean).join('；') : hint;
  const error = slot.error(name);
  return (
    <Field id={id} label={label} required={required} hint={h2} error={error}>
      <input id={id} name={name} type={type} required={required} max={max} min={min} maxlength={maxlength} placeholder={placeholder} value={slot.value(name)} aria-describedby={describedBy(id, { hint: h2, error })} aria-invalid={error ? 'true' : undefined} />
    </Field>
  );
}
function TextArea({ slot, id, name, label, required, hint, maxlength, rows, value }: FieldProps & { maxlength: string; rows: string; value?: string }): SafeHtml {
  const error = slot.error(name);
  return (
    <Field id={id} label={label} required={required} hint={hint} error={error}>
      <textarea id={id} name={name} required={required} maxlength={maxlength} rows={rows} aria-describedby={describedBy(id, { hint, error })} aria-invalid={error ? 'true' : undefined}>{value ?? slot.value(name)}</textarea>
    </Field>
  );
}
function Select({ slot, id, name, label, required, hint, options, selected }: FieldProps & { options: [string, string][]; selected?: string }): SafeHtml {
  const error = slot.error(name);
  const current = slot.value(name) || selected;
  return (
    <Field id={id} label={label} required={required} hint={hint} error={error}>
      <select id={id} name={name} aria-describedby={describedBy(id, { hint, error })} aria-invalid={error ? 'true' : undefined}>{options.map(([v, l]) => <option value={v} selected={v === current}>{l}</option>)}</select>
    </Field>
  );
}
/** The day the step happened, today when left empty. */
const DateInput = ({ slot, key, label }: { slot: Slot; key: string; label: string }) => <Input slot={slot} id={`d-${key}`} name="on" type="date" label={label} hint="留空为今天" />;

const entryOptions = (negs: CitableEntry[]): [string, string][] => [['', negs.length ? '请选择负面清单事项' : '（本单位及本级政府尚无已发布的负面清单事项）'], ...negs.map((n): [string, string] => [String(n.id), entryOptionLabel(n)])];
const NEG_HINT = '不予公开须依据本单位或本级政府已发布的负面清单事项；年度报告按所选事项计入表三“不予公开”的相应情形。';

/** 答复: the outcome, what the letter needs for it (each withheld part with its ground and reason), the letter. */
function ReplyForm({ ctx, d, reply, agencies, slot, negs }: { ctx: PageCtx; d: CaseDetail; reply: ReplyValues; agencies: AgencyOption[]; slot: Slot; negs: CitableEntry[] }): SafeHtml {
  const { row } = d;
  const outcome = isOutcome(reply.outcome) ? reply.outcome : null;
  // One blank row more than typed, so a further part can be added without script.
  const parts = reply.parts.length < MAX_WITHHELD_PARTS ? [...reply.parts, { content: '', ground: '', reason: '', entry: '' }] : reply.parts;
  // A whole refusal offers the entries that count under its row; a part of a 部分公开 any entry.
  const rowNegs = outcome && isWithheldGround(outcome) ? negs.filter((n) => n.reportRow === outcome) : [];
  return (
    <details class="action" open={!!reply.text || slot.open}>
      <summary>答复</summary>
      <form method="get" action={`/admin/foi/${row.id}`} class="inline">
        <label for="x-outcome-pick">办理结果</label>
        <select id="x-outcome-pick" name="outcome">{OUTCOMES.filter((o) => o !== 'other_no_supplement' && o !== 'other_no_payment').map((o) => <option value={o} selected={reply.outcome === o}>{OUTCOME_INFO[o].staffLabel}</option>)}</select>
        <button type="submit">生成标准文本</button>
      </form>
      {reply.text && outcome ? (
        <PostForm ctx={ctx} action={`/admin/foi/${row.id}/reply`} className="stack">
          <input type="hidden" name="outcome" value={outcome} />
          {suppliedOf(d.events) ? <p class="hint">申请人已补正，见上方“补正”。</p> : null}
          <p>办理结果：<strong>{OUTCOME_INFO[outcome].label}</strong>（{OUTCOME_INFO[outcome].articles.join('、')}）</p>
          {outcome === 'unavailable_not_held' ? (
            <Select slot={slot} id="x-competent" name="competentAgencyId" label="负责公开该信息的机关" hint="条例第三十六条第（五）项：能够确定负责公开的机关的，选择该机关，答复书写明其名称和联系方式。"
              options={[['', '不能确定负责公开的机关'], ...agencies.filter((a) => a.id !== row.agencyId).map((a): [string, string] => [String(a.id), a.name])]} selected={reply.competentAgencyId} />
          ) : null}
          {outcome === 'partial' ? (
            <fieldset class="withheld">
              <legend>不予公开的内容</legend>
              <p class="hint">每一项不予公开的内容，选择所依据的负面清单事项（答复书据此写明条款）并写明具体理由，答复书逐项列明。需要再增加一项的，填写后点“按填写内容重新生成答复书”，下面会多出一项空白。</p>
              {parts.map((p, i) => {
                const n = i + 1;
                const name = (f: 'content' | 'ground' | 'reason' | 'entry') => partField(n, f);
                return (
                  <fieldset class="withheld-part">
                    <legend>第 {String(n)} 项{i === reply.parts.length && i > 0 ? '（可不填）' : ''}</legend>
                    <TextArea slot={slot} id={`x-wp${n}-c`} name={name('content')} label="不予公开的内容" required={n === 1} maxlength="2000" rows="2" value={p.content} hint={n === 1 ? '如：第三方的身份证号码、银行账号' : undefined} />
                    <Select slot={slot} id={`x-wp${n}-e`} name={name('entry')} label="依据（负面清单事项）" required={n === 1} hint={n === 1 ? NEG_HINT : undefined} options={entryOptions(negs)} selected={p.entry} />
                    <TextArea slot={slot} id={`x-wp${n}-r`} name={name('reason')} label="具体理由" required={n === 1} maxlength="2000" rows="2" value={p.reason} />
                  </fieldset>
                );
              })}
            </fieldset>
          ) : (
            <Fragment>
            {isWithheldGround(outcome) ? (
              <Select slot={slot} id="x-negentry" name="negEntryId" label="依据（负面清单事项）" required hint={rowNegs.length ? `${NEG_HINT}下列为计入“${OUTCOME_INFO[outcome].label}”的事项。` : `本单位及本级政府的负面清单中没有计入“${OUTCOME_INFO[outcome].label}”的已发布事项：请改选办理结果，或先在负面清单中编制并发布该事项。`} options={entryOptions(rowNegs)} selected={reply.negEntryId} />
            ) : null}
            <TextArea slot={slot} id="x-rreason" name="reason" label={OUTCOME_INFO[outcome].needsReason ? '理由' : '说明（可不填）'} required={OUTCOME_INFO[outcome].needsReason && !isWithheldGround(outcome)} maxlength="2000" rows="2" value={reply.reason} hint={isWithheldGround(outcome) ? '写入答复书，告知申请人；不填则写明所依据的负面清单事项。' : '写入答复书，告知申请人。'} />
            </Fragment>
          )}
          <button type="submit" formaction={`/admin/foi/${row.id}/reply-draft`} formnovalidate class="secondary">按填写内容重新生成答复书</button>
          <TextArea slot={slot} id="x-text" name="text" label="答复书（可修改）" required maxlength="20000" rows="18" value={reply.text} />
          {PLACEHOLDER.test(reply.text) ? <p class="hint" role="status">答复书中带“（请填写…）”“（请选择…）”的地方尚未填写，答复前须补全。</p> : null}
          <p>随答复提供的文件：{attachedFiles(d.events).map((f) => f.name).join('、') || '无'}</p>
          <DateInput slot={slot} key="k8" label="答复日期" />
          <button type="submit">作出答复并办结</button>
        </PostForm>
      ) : null}
    </details>
  );
}

/** The 补正 asked and what came back: shown on the case and beside the reply form. */
function SupplementFacts({ d }: { d: CaseDetail }): SafeHtml | null {
  const asked = d.events.find((e) => e.kind === 'supplement_requested');
  if (!asked) return null;
  const s = suppliedOf(d.events);
  return (
    <section aria-labelledby="supp-h" class="supplement">
      <h2 id="supp-h">补正</h2>
      <dl class="facts">
        <dt>告知日期</dt><dd>{asked.on}</dd>
        <dt>需要补正的事项</dt><dd class="pre">{String(asked.data.items ?? '')}</dd>
        <dt>补正期限</dt><dd>{String(asked.data.dueOn ?? '')}</dd>
        <dt>补正情况</dt>
        <dd>
          {!s ? '尚未补正' : !d.canHandle ? `已于 ${s.on} 补正（内容仅承办机关可见）` : (
            <>
              <p>{s.on} {s.channel === 'online' ? '申请人在线提交' : '工作人员登记（信函或当面）'}，答复期限自当日重新计算。</p>
              {s.text ? <p class="pre">{s.text}</p> : <p class="muted">{s.channel === 'online' ? '（未填写文字说明）' : '（登记时未填写说明）'}</p>}
              {s.files.length ? <ul>{s.files.map((f) => <li><a href={`/admin/foi/${d.row.id}/supplement-files/${f.fileId}`}>{f.name}</a></li>)}</ul> : null}
            </>
          )}
        </dd>
      </dl>
    </section>
  );
}

export function CaseDetailPage({ ctx, d, errors, notice, staff, agencies, reply, fees, failed, negs = [] }: {
  ctx: PageCtx; d: CaseDetail; errors: string[]; notice?: string | null; staff: { id: number; name: string }[]; agencies: AgencyOption[]; fees: FoiSettings;
  reply: ReplyValues; failed?: FailedAction; negs?: CitableEntry[];
}): SafeHtml {
  const slot = (action: string) => slotOf(failed, action);
  const { row, clock, applicant: p } = d;
  const open = !['closed', 'archived', 'pending_confirmation'].includes(row.state);
  const openConsultations = d.clock.consultationsDue;
  const replied = [...d.events].reverse().find((e) => e.kind === 'replied');
  return (
    <Layout ctx={ctx} title={`申请 ${row.code}`} admin crumbs={crumbs(row.code)}>
      <h1>申请 {row.code}</h1>
      <Notice text={notice} />
      <ErrorBox errors={errors} />
      {clock.warnings.map((w) => <p class="notice notice-warn" role="alert">{w}</p>)}
      {d.repeatCode ? <p class="notice notice-warn">同一申请人曾申请相同内容（{d.repeatCode}）。如已答复，可按条例第三十六条第（六）项告知不予重复处理；数量、频次明显超过合理范围的，适用第三十五条。</p> : null}
      <section class="clock" aria-labelledby="clock-h">
        <h2 id="clock-h">期限</h2>
        <dl class="facts">
          {Fact({ label: '状态', value: STATE_LABELS[row.state] + (row.outcome ? `：${outcomeLabel(row.outcome)}` : '') })}
          {Fact({ label: '收到申请之日', value: clock.receivedOn })}
          {Fact({ label: '起算日', value: clock.startOn ? `${clock.startOn}${clock.restarted ? '（收到补正，重新起算）' : ''}` : null })}
          {Fact({ label: '答复期限', value: clock.status === 'paused' ? '暂停计算（征求意见或待缴费）' : clock.status === 'awaiting_supplement' ? '待补正，补正后重新起算' : clock.dueOn ? `${clock.dueOn}（共 ${clock.limit} 个工作日${clock.extension ? `，含延长 ${clock.extension} 个` : ''}）` : null })}
          {Fact({ label: '已用工作日', value: clock.startOn ? String(d.used) : null })}
          {clock.supplementNoticeBy ? Fact({ label: '补正告知截止', value: clock.supplementNoticeBy }) : null}
          {clock.supplementDueOn ? Fact({ label: '申请人补正期限', value: clock.supplementDueOn }) : null}
          {clock.paymentDueOn ? Fact({ label: '缴费期限', value: clock.paymentDueOn }) : null}
          {openConsultations.map((c) => Fact({ label: `征求意见（${c.party === 'agency' ? '其他机关' : '第三方'}）答复期限`, value: c.dueOn }))}
        </dl>
        {d.urgency === 'overdue' ? <p class="notice notice-warn" role="alert">已超过答复期限。</p> : d.urgency === 'due_soon' ? <p class="notice notice-warn">3 个工作日内到期。</p> : null}
      </section>
      <section aria-labelledby="app-h">
        <h2 id="app-h">申请内容</h2>
        <dl class="facts">
          {Fact({ label: '受理机关', value: d.agencyName })}
          {Fact({ label: '渠道', value: CHANNEL_LABELS[row.channel] })}
          {Fact({ label: '申请人', value: `${p.name}（${categoryLabel(p.category)}）` })}
          {Fact({ label: p.idType, value: p.idNumber })}
          {Fact({ label: '联系人', value: p.contactPerson })}
          {Fact({ label: '联系电话', value: p.phone })}
          {Fact({ label: '电子邮箱', value: p.email })}
          {Fact({ label: '通信地址', value: p.address ? `${p.address}${p.postcode ? `（${p.postcode}）` : ''}` : null })}
          {Fact({ label: '所需信息', value: row.content })}
          {Fact({ label: '文号', value: row.docNumber })}
          {Fact({ label: '用途', value: row.purpose })}
          {Fact({ label: '提供形式', value: FORMS[row.form as keyof typeof FORMS] })}
          {Fact({ label: '获取方式', value: DELIVERIES[row.delivery as keyof typeof DELIVERIES] })}
        </dl>
        {p.masked ? <p class="hint">申请人身份和联系方式仅对承办机关工作人员显示。</p> : row.idProofFileId ? <p><a href={`/admin/foi/${row.id}/proof`}>查看身份证明</a></p> : null}
      </section>
      <SupplementFacts d={d} />
      {d.canHandle && row.state !== 'archived' ? (
        <section aria-labelledby="act-h">
          <h2 id="act-h">办理</h2>
          {row.state === 'pending_confirmation' ? <Action ctx={ctx} id={row.id} action="confirm" title="确认受理（确认之日为收到申请之日）" button="确认受理" slot={slot('confirm')}><DateInput slot={slot('confirm')} key="k1" label="确认日期" /></Action> : null}
          {staff.length ? (
            <Action ctx={ctx} id={row.id} action="assign" title="分配承办人" button="分配" slot={slot('assign')}>
              <Select slot={slot('assign')} id="x-user" name="userId" label="承办人" options={staff.map((u) => [String(u.id), u.name])} selected={row.assigneeId ? String(row.assigneeId) : undefined} />
            </Action>
          ) : null}
          {open && clock.supplementNoticeBy ? (
            <Action ctx={ctx} id={row.id} action="supplement" title={`告知补正（一次性，${clock.supplementNoticeBy} 前）`} button="发出补正告知" slot={slot('supplement')}>
              <TextArea slot={slot('supplement')} id="x-items" name="items" label="需要补正的事项" required maxlength="2000" rows="3" hint="一次性写明全部需要补正的事项，申请人在查询页面可见。" />
              <Input slot={slot('supplement')} id="x-due" name="dueOn" type="date" label="补正期限" required />
              <DateInput slot={slot('supplement')} key="k2" label="告知日期" />
            </Action>
          ) : null}
          {row.state === 'awaiting_supplement' ? [
            <Action ctx={ctx} id={row.id} action="supplied" title="收到补正" button="记录补正" slot={slot('supplied')}>
              <DateInput slot={slot('supplied')} key="k3" label="收到补正日期" />
              <TextArea slot={slot('supplied')} id="x-snote" name="note" label="补正内容" hint="申请人邮寄或当面提交的材料及说明，答复时可见。" maxlength="2000" rows="3" />
            </Action>,
            <Action ctx={ctx} id={row.id} action="supplement-expired" title="逾期未补正，视为放弃" button="办结（逾期不补正）" />,
          ] : null}
          {open && row.state !== 'awaiting_supplement' ? (
            <Action ctx={ctx} id={row.id} action="consult" title="征求第三方或其他机关意见（期间不计入答复期限）" button="发出征求意见" slot={slot('consult')}>
              <Select slot={slot('consult')} id="x-party" name="party" label="对象" options={[['third_party', '第三方'], ['agency', '其他机关']]} />
              <Input slot={slot('consult')} id="x-pname" name="name" label="名称" required maxlength="200" />
              <DateInput slot={slot('consult')} key="k4" label="发出日期" />
            </Action>
          ) : null}
          {openConsultations.map((c) => {
            const sl = failed?.action === 'consulted' && failed.values.ref === String(c.eventId) ? slot('consulted') : slotOf(undefined, '');
            return (
              <Action ctx={ctx} id={row.id} action="consulted" title={`记录征求意见结果（${c.party === 'agency' ? '其他机关' : '第三方'}）`} button="记录意见" slot={sl}>
                <input type="hidden" name="ref" value={String(c.eventId)} />
                <Select slot={sl} id={`x-op-${c.eventId}`} name="opinion" label="意见" options={[['agree', '同意公开'], ['disagree', '不同意公开'], ['no_reply', '逾期未提出意见']]} />
                <DateInput slot={sl} key={`k5-${c.eventId}`} label="收到意见日期" />
              </Action>
            );
          })}
          {open && clock.dueOn ? (
            <Action ctx={ctx} id={row.id} action="extend" title="延长答复期限（须经负责人同意，最长 20 个工作日）" button="延长" slot={slot('extend')}>
              <Input slot={slot('extend')} id="x-days" name="workdays" type="number" label="延长工作日数" min="1" max={String(20 - clock.extension)} required hint={`本申请最多还可延长 ${20 - clock.extension} 个工作日。`} />
              <Input slot={slot('extend')} id="x-approver" name="approver" label="批准人（政府信息公开工作机构负责人）" required maxlength="50" />
              <TextArea slot={slot('extend')} id="x-reason" name="reason" label="理由" hint="将告知申请人。" required maxlength="500" rows="2" />
              <DateInput slot={slot('extend')} key="k10" label="延期日期" />
            </Action>
          ) : null}
          {open && row.state === 'in_progress' && fees.feesEnabled ? (
            <Action ctx={ctx} id={row.id} action="fee" title="收费通知（信息处理费）" button="发出收费通知" slot={slot('fee')}>
              <p class="hint">申请人应自通知之日起 {String(fees.paymentWorkdays)} 个工作日内缴费；等待缴费期间答复期限暂停计算。</p>
              <Select slot={slot('fee')} id="x-rule" name="rule" label="计费方式" options={Object.entries(FEE_RULES).map(([k, r]) => [k, r.label])} selected={fees.defaultFeeRule} />
              <Input slot={slot('fee')} id="x-pages" name="pages" type="number" label="页数（按量计收）" min="0" />
              <DateInput slot={slot('fee')} key="k6" label="通知日期" />
            </Action>
          ) : null}
          {row.state === 'awaiting_payment' ? [
            <Action ctx={ctx} id={row.id} action="paid" title="已缴费" button="记录缴费" slot={slot('paid')}><DateInput slot={slot('paid')} key="k7" label="缴费日期" /></Action>,
            <Action ctx={ctx} id={row.id} action="fee-expired" title="逾期未缴费，不再处理" button="办结（逾期未缴费）" />,
          ] : null}
          {open && row.state === 'in_progress' ? <ReplyForm ctx={ctx} d={d} reply={reply} agencies={agencies} slot={slot('reply')} negs={negs} /> : null}
          {row.state === 'pending_confirmation' ? (
            <Action ctx={ctx} id={row.id} action="transfer" title="转至负责的机关（确认受理前）" button="转交" slot={slot('transfer')}>
              <p class="hint">网上申请寄错机关的，受理前可在平台内转至负责的机关，由该机关确认受理、办理和统计。已受理的申请不再转交：信息不由本机关负责公开的，按条例第三十六条第（五）项答复，告知负责公开的机关。</p>
              <Select slot={slot('transfer')} id="x-to" name="toAgencyId" label="接收机关" options={agencies.filter((a) => a.id !== row.agencyId).map((a) => [String(a.id), a.name])} />
              <Input slot={slot('transfer')} id="x-tnote" name="note" label="说明" maxlength="500" />
            </Action>
          ) : null}
          {row.state === 'closed' ? [
            <Action ctx={ctx} id={row.id} action="deliver" title="记录送达" button="记录" slot={slot('deliver')}>
              <Input slot={slot('deliver')} id="x-method" name="method" label="送达方式" required maxlength="50" placeholder="邮寄（挂号信）、电子邮件、当面领取…" />
              <DateInput slot={slot('deliver')} key="k9" label="送达日期" />
            </Action>,
            <Action ctx={ctx} id={row.id} action="archive" title="归档（归档后不可修改）" button="归档" />,
          ] : null}
          {open ? (
            <details class="action">
              <summary>附加公开文件（随予以公开、部分公开的答复提供给申请人）</summary>
              <ul>{attachedFiles(d.events).map((f) => <li>{f.name}</li>)}</ul>
              <PostForm ctx={ctx} action={`/admin/foi/${row.id}/attach`} className="stack" enctype="multipart/form-data">
                <label for="x-file">文件（PDF、DOCX、XLSX 或图片）</label><input id="x-file" name="file" type="file" required />
                <button type="submit">上传并附加</button>
              </PostForm>
            </details>
          ) : null}
          <Action ctx={ctx} id={row.id} action="note" title="内部备注" button="保存备注" slot={slot('note')}><TextArea slot={slot('note')} id="x-note" name="note" label="备注" hint="仅工作人员可见。" required maxlength="2000" rows="2" /></Action>
        </section>
      ) : null}
      {replied ? (
        <section aria-labelledby="reply-h">
          <h2 id="reply-h">答复书</h2>
          <p><a href={`/admin/foi/${row.id}/reply.docx`}>下载 DOCX</a> · <a href={`/admin/foi/${row.id}/reply.pdf`}>下载 PDF</a> · <a href={`/admin/foi/${row.id}/print`}>打印</a></p>
          <LetterView letter={letterFromText(String(replied.data.text ?? ''))} />
        </section>
      ) : null}
      <section aria-labelledby="tl-h">
        <h2 id="tl-h">办理记录</h2>
        <ol class="timeline">
          {d.events.map((e) => (
            <li><time datetime={e.on}>{e.on}</time> <strong>{EVENT_LABELS[e.kind] ?? e.kind}</strong>{e.visible ? '' : '（仅工作人员可见）'}{e.publicNote ? `：${e.publicNote}` : e.data.note ? `：${String(e.data.note)}` : ''}{e.kind === 'supplement_received' && d.canHandle ? <SuppliedNote e={e} /> : null}</li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}

/** In the case log: what the supplement said and which files came with it. */
function SuppliedNote({ e }: { e: CaseDetail['events'][number] }): SafeHtml {
  const s = suppliedOf([e])!;
  const text = s.text.length > 200 ? s.text.slice(0, 200) + '…' : s.text;
  return <span class="muted">{text ? `（补正内容：${text}）` : ''}{s.files.length ? `（文件：${s.files.map((f) => f.name).join('、')}）` : ''}</span>;
}

export function PrintPage({ ctx, text, id }: { ctx: PageCtx; text: string; id: number }): SafeHtml {
  const letter = letterFromText(text);
  return (
    <Layout ctx={ctx} title={letter.title} admin>
      <p class="no-print"><button type="button" class="print-button" data-print hidden>打印</button> <a href={`/admin/foi/${id}`}>返回申请</a></p>
      <LetterView letter={letter} />
    </Layout>
  );
}

export function PopularPage({ ctx, items }: { ctx: PageCtx; items: PopularRequest[] }): SafeHtml {
  return (
    <Layout ctx={ctx} title="多人申请的信息" admin crumbs={crumbs('多人申请的信息')}>
      <h1>多人申请的信息</h1>
      <p class="hint">近两年内三个以上不同申请人申请相同内容的信息。按条例第四十四条，可以纳入主动公开范围。</p>
      {items.length ? (
        <table class="data">
          <thead><tr><th scope="col">内容</th><th scope="col">机关</th><th scope="col">申请人数</th><th scope="col">申请件数</th></tr></thead>
          <tbody>{items.map((p) => <tr><td>{p.example}</td><td>{p.agencyName}</td><td>{String(p.applicants)}</td><td>{String(p.applications)}</td></tr>)}</tbody>
        </table>
      ) : <p class="muted">暂无。</p>}
    </Layout>
  );
}

export function ReviewsPage({ ctx, items, errors, notice, failed }: { ctx: PageCtx; items: ReviewRow[]; errors: string[]; notice?: string | null; failed?: FailedAction }): SafeHtml {
  const sl = slotOf(failed, 'review');
  return (
    <Layout ctx={ctx} title="行政复议和行政诉讼" admin crumbs={crumbs('复议与诉讼')}>
      <h1>政府信息公开行政复议、行政诉讼</h1>
      <Notice text={notice} />
      <ErrorBox errors={errors} />
      <PostForm ctx={ctx} action="/admin/foi/reviews" className="stack">
        <fieldset>
          <legend>登记行政复议或行政诉讼</legend>
          <Input slot={sl} id="v-code" name="code" label="申请查询码" required maxlength="40" hint="如 2026-AB12CD34，须是本机关办理的申请。" />
          <Select slot={sl} id="v-kind" name="kind" label="类型" required options={Object.entries(REVIEW_KIND_LABELS)} />
          <Input slot={sl} id="v-filed" name="filedOn" type="date" label="受理（立案）日期" required />
          <Input slot={sl} id="v-body" name="body" label="复议机关或法院" maxlength="200" />
        </fieldset>
        <button type="submit">登记</button>
      </PostForm>
      <table class="data">
        <thead><tr><th scope="col">申请</th><th scope="col">类型</th><th scope="col">受理日期</th><th scope="col">结果</th><th scope="col">审结</th></tr></thead>
        <tbody>
          {items.map((r) => (
            <tr>
              <td>{r.code ?? '—'}</td><td>{REVIEW_KIND_LABELS[r.kind]}</td><td>{r.filedOn}</td><td>{REVIEW_RESULT_LABELS[r.result]}</td>
              <td>
                {r.result === 'pending' ? (
                  <PostForm ctx={ctx} action={`/admin/foi/reviews/${r.id}`} className="inline">
                    <label for={`v-r-${r.id}`}>结果</label>
                    <select id={`v-r-${r.id}`} name="result"><option value="upheld">结果维持</option><option value="corrected">结果纠正</option><option value="other">其他结果</option></select>
                    <label for={`v-d-${r.id}`}>审结日期</label><input id={`v-d-${r.id}`} name="decidedOn" type="date" required />
                    <button type="submit">记录</button>
                  </PostForm>
                ) : r.decidedOn}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function StatsPage({ ctx, s, charts, range }: { ctx: PageCtx; s: FoiStatistics; charts: StatisticsCharts; range: { from: string; to: string } }): SafeHtml {
  return (
    <Layout ctx={ctx} title="依申请公开统计" admin crumbs={crumbs('统计')}>
      <h1>依申请公开统计</h1>
      <form method="get" action="/admin/foi/stats" class="inline">
        <label for="s-from">自</label><input id="s-from" name="from" type="date" value={range.from} />
        <label for="s-to">至</label><input id="s-to" name="to" type="date" value={range.to} />
        <button type="submit">统计</button>
      </form>
      <ul class="stats">
        <li><strong>{String(s.received)}</strong> 件新收</li>
        <li><strong>{String(s.carriedIn)}</strong> 件上期结转</li>
        <li><strong>{String(s.closed)}</strong> 件办结</li>
        <li><strong>{String(s.open)}</strong> 件期末未办结</li>
        <li><strong>{formatRate(s.onTime.rate)}</strong> 按期答复率（{String(s.onTime.count)}/{String(s.onTime.of)}）</li>
        <li><strong>{s.averageWorkdays === null ? '—' : s.averageWorkdays.toFixed(1)}</strong> 平均答复工作日</li>
        <li class={s.overdue ? 'stat-alarm' : undefined}><strong>{String(s.overdue)}</strong> 件目前已超期</li>
      </ul>
      {charts.byMonth}
      {charts.byCategory}
      {charts.byOutcome}
      <h2>按渠道</h2>
      <table class="data"><thead><tr><th scope="col">渠道</th><th scope="col">件数</th></tr></thead>
        <tbody>{s.byChannel.map((c) => <tr><th scope="row">{c.label}</th><td>{String(c.count)}</td></tr>)}</tbody>
      </table>
    </Layout>
  );
}

type RemedyRow = { agency: { id: number; name: string }; reviewBody: string; court: string; defaults: { reviewBody: string; court: string }; overridden: boolean };

export function FoiSettingsPage({ ctx, values, errors, notice, remedies, fieldErrors = {} }: { ctx: PageCtx; values: { feesEnabled: boolean; defaultFeeRule: string; paymentWorkdays: string }; errors: string[]; notice?: string | null; remedies: RemedyRow[]; fieldErrors?: FieldErrors }): SafeHtml {
  const sl: Slot = { open: false, value: (n) => (n === 'paymentWorkdays' ? values.paymentWorkdays : n === 'defaultFeeRule' ? values.defaultFeeRule : ''), error: (n) => fieldErrors[n] };
  return (
    <Layout ctx={ctx} title="信息处理费设置" admin crumbs={crumbs('收费设置')}>
      <h1>信息处理费设置</h1>
      <Notice text={notice} />
      <ErrorBox errors={errors} />
      <p>收费标准按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）执行，由系统按同一申请人同一自然月累计计算。这里设置本县是否收费、默认计费方式和缴费期限；已发出的收费通知不受影响。</p>
      <PostForm ctx={ctx} action="/admin/foi/settings" className="stack">
        <fieldset>
          <legend>信息处理费</legend>
          <label class="check"><input type="checkbox" name="feesEnabled" value="on" checked={values.feesEnabled} /> 收取信息处理费</label>
          <Select slot={sl} id="s-rule" name="defaultFeeRule" label="默认计费方式" required options={Object.entries(FEE_RULES).map(([k, r]) => [k, r.label])} />
          <Input slot={sl} id="s-days" name="paymentWorkdays" type="number" label="缴费期限（工作日）" hint={`自收费通知之日起计算，1 到 ${MAX_PAYMENT_WORKDAYS} 个工作日。`} min="1" max={String(MAX_PAYMENT_WORKDAYS)} required />
        </fieldset>
        <button type="submit">保存</button>
      </PostForm>
      <section id="remedies" aria-labelledby="remedies-h">
        <h2 id="remedies-h">行政复议机关和人民法院</h2>
        <p>答复书告知申请人可以申请行政复议或提起行政诉讼的机关。默认按《中华人民共和国行政复议法》（2023年修订）第二十四条：县政府部门和乡镇（街道）的答复向县人民政府申请复议，向县人民法院起诉；县人民政府的答复向上一级人民政府申请复议，向中级人民法院起诉。县人民政府的上一级机关和中级人民法院须在此写明；实行行政案件集中管辖的地方，请写明指定的人民法院。留空即用默认。</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label="各机关的行政复议机关和人民法院（可左右滑动）">
          <table class="data">
            <thead><tr><th scope="col">受理申请的机关</th><th scope="col">行政复议机关</th><th scope="col">人民法院</th><th scope="col"><span class="sr-only">操作</span></th></tr></thead>
            <tbody>
              {remedies.map((r) => (
                <tr>
                  <th scope="row">{r.agency.name}{r.overridden ? <span class="muted">（已设置）</span> : null}</th>
                  <td colspan="3">
                    <PostForm ctx={ctx} action="/admin/foi/settings/remedies" className="row-form">
                      <input type="hidden" name="agencyId" value={String(r.agency.id)} />
                      <label for={`rb-${r.agency.id}`} class="sr-only">{r.agency.name}的行政复议机关</label>
                      <input id={`rb-${r.agency.id}`} name="reviewBody" maxlength="100" value={r.overridden && r.reviewBody !== r.defaults.reviewBody ? r.reviewBody : ''} placeholder={r.defaults.reviewBody} />
                      <label for={`ct-${r.agency.id}`} class="sr-only">{r.agency.name}的人民法院</label>
                      <input id={`ct-${r.agency.id}`} name="court" maxlength="100" value={r.overridden && r.court !== r.defaults.court ? r.court : ''} placeholder={r.defaults.court} />
                      <button type="submit" class="secondary">保存</button>
                    </PostForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
}
