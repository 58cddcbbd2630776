import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { ErrorBox, Field, formatDateTime, Notice, PostForm } from '../../../web/components.js';
import { KIND_LABELS, LIMITS, localTimeOf, STATE_LABELS, type Results, type SurveyFull, type SurveyListItem } from '../service.js';
import { QUESTION_KINDS } from '../schema.js';
import { questionHint, ResultsBody, type FieldErrors } from './common.js';
import { PUBLIC_BASE } from './public.js';

export const ADMIN_BASE = '/admin/surveys';
const crumbs = (label?: string, mid?: { href: string; label: string }) => [
  { href: '/admin', label: '工作台' },
  ...(label ? [{ href: ADMIN_BASE, label: '问卷调查' }, ...(mid ? [mid] : []), { label }] : [{ label: '问卷调查' }]),
];

export type FormValues = Record<string, string>;

export function SurveyListPage({ ctx, items, notice }: { ctx: PageCtx; items: SurveyListItem[]; notice?: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title="问卷调查" admin crumbs={crumbs()}>
      <h1>问卷调查</h1>
      <Notice text={notice} />
      <p><a class="button" href={`${ADMIN_BASE}/new`}>新建调查</a></p>
      {items.length === 0 ? <p class="muted">还没有调查。</p> : (
        <div class="table-wrap">
          <table class="data">
            <caption class="sr-only">调查列表</caption>
            <thead><tr><th scope="col">标题</th><th scope="col">发起机关</th><th scope="col">状态</th><th scope="col">调查时间</th><th scope="col">问卷数</th></tr></thead>
            <tbody>
              {items.map((s) => (
                <tr>
                  <td><a href={`${ADMIN_BASE}/${s.id}`}>{s.title}</a></td>
                  <td>{s.agencyName}</td>
                  <td>{STATE_LABELS[s.state]}</td>
                  <td>{formatDateTime(s.opensAt)} 至 {formatDateTime(s.closesAt)}</td>
                  <td>{s.responses}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export const surveyValues = (s: SurveyFull): FormValues => ({
  title: s.title, description: s.description, opensAt: localTimeOf(s.opensAt), closesAt: localTimeOf(s.closesAt), maxPerAddress: String(s.maxPerAddress),
  phoneCheck: s.phoneCheck ? '1' : '', consultationId: s.consultationId == null ? '' : String(s.consultationId),
});

function SurveyFields({ v, errors, gateway }: { v: FormValues; errors: FieldErrors; gateway: boolean }): SafeHtml {
  return (
    <>
      <Field id="s-title" label="调查标题" required error={errors.title}>
        <input id="s-title" name="title" required maxlength={String(LIMITS.title)} value={v.title ?? ''} />
      </Field>
      <Field id="s-desc" label="调查说明" hint="调查的目的、对象和结果的用途，显示在问卷上方。" error={errors.description}>
        <textarea id="s-desc" name="description" rows="4" aria-describedby="s-desc-hint">{v.description ?? ''}</textarea>
      </Field>
      <div class="field-row">
        <Field id="s-opens" label="开始时间" required hint="北京时间；到时自动开始" error={errors.opensAt}>
          <input id="s-opens" name="opensAt" type="datetime-local" required value={v.opensAt ?? ''} aria-describedby="s-opens-hint" />
        </Field>
        <Field id="s-closes" label="结束时间" required hint="北京时间；到时自动结束" error={errors.closesAt}>
          <input id="s-closes" name="closesAt" type="datetime-local" required value={v.closesAt ?? ''} aria-describedby="s-closes-hint" />
        </Field>
      </div>
      <div class="field-row">
        <Field id="s-max" label="同一网络地址最多提交份数" required hint="同一单位、小区常共用一个网络地址，可适当放宽" error={errors.maxPerAddress}>
          <input id="s-max" name="maxPerAddress" inputmode="numeric" required value={v.maxPerAddress ?? '3'} aria-describedby="s-max-hint" />
        </Field>
        <Field id="s-cons" label="关联的意见征集编号" hint="选填；本调查属于某项意见征集时填写" error={errors.consultationId}>
          <input id="s-cons" name="consultationId" inputmode="numeric" value={v.consultationId ?? ''} aria-describedby="s-cons-hint" />
        </Field>
      </div>
      <div class={['field', errors.phoneCheck ? 'field-invalid' : ''].filter(Boolean).join(' ')}>
        {errors.phoneCheck ? <p class="field-error" id="s-phone-error">{errors.phoneCheck}</p> : null}
        <label class="check"><input type="checkbox" name="phoneCheck" value="1" checked={v.phoneCheck === '1'} aria-describedby={errors.phoneCheck ? 's-phone-error' : 's-phone-hint'} /> 要求手机验证码核验（每个手机号码只能参加一次）</label>
        <p class="field-hint" id="s-phone-hint">{gateway ? '已配置短信网关。' : '尚未配置短信网关，开启此项前需先在“问卷调查设置”中配置。'}</p>
      </div>
    </>
  );
}

export function NewSurveyPage({ ctx, values, errors = [], fieldErrors = {}, gateway }: { ctx: PageCtx; values: FormValues; errors?: string[]; fieldErrors?: FieldErrors; gateway: boolean }): SafeHtml {
  return (
    <Layout ctx={ctx} title="新建调查" admin crumbs={crumbs('新建调查')}>
      <h1>新建调查</h1>
      <ErrorBox errors={errors} />
      <PostForm ctx={ctx} action={`${ADMIN_BASE}/new`} className="stack">
        <SurveyFields v={values} errors={fieldErrors} gateway={gateway} />
        <button type="submit">保存草稿并添加题目</button>
      </PostForm>
    </Layout>
  );
}

export type EditorRefusal = { form: 'survey' | 'question' | 'action'; errors: string[]; fieldErrors: FieldErrors; values: FormValues };

export function SurveyEditorPage({ ctx, s, notice, refused, gateway, publicUrl }: { ctx: PageCtx; publicUrl?: string; s: SurveyFull & { mayRun: boolean; responses: number }; notice?: string; refused?: EditorRefusal; gateway: boolean }): SafeHtml {
  const draft = s.state === 'draft';
  const editable = s.mayRun && (draft || s.state === 'scheduled');
  const r = (form: EditorRefusal['form']) => (refused?.form === form ? refused : undefined);
  const qv = r('question')?.values ?? { kind: 'single', required: '1' };
  const qe = r('question')?.fieldErrors ?? {};
  return (
    <Layout ctx={ctx} title={s.title} admin crumbs={crumbs(s.title)}>
      <h1>{s.title}</h1>
      <p class="muted">{s.agencyName} · <strong>{STATE_LABELS[s.state]}</strong> · {formatDateTime(s.opensAt)} 至 {formatDateTime(s.closesAt)} · 已收到问卷 {s.responses} 份</p>
      <Notice text={notice} />
      <ErrorBox errors={r('action')?.errors ?? []} />
      <ul class="guide-actions">
        {s.state !== 'draft' ? <li><a class="button secondary" href={publicUrl ?? `${PUBLIC_BASE}/${s.id}`}>查看公开页面</a></li> : null}
        <li><a class="button secondary" href={`${ADMIN_BASE}/${s.id}/results`}>统计结果</a></li>
      </ul>
      {s.mayRun ? <Actions ctx={ctx} s={s} /> : <p class="muted">本调查由发起机关或本级政务公开办管理，您只能查看。</p>}

      <h2>基本信息</h2>
      {editable ? (
        <>
          <ErrorBox errors={r('survey')?.errors ?? []} />
          <PostForm ctx={ctx} action={`${ADMIN_BASE}/${s.id}`} className="stack">
            <SurveyFields v={r('survey')?.values ?? surveyValues(s)} errors={r('survey')?.fieldErrors ?? {}} gateway={gateway} />
            <button type="submit">保存基本信息</button>
          </PostForm>
        </>
      ) : (
        <dl class="facts">
          <dt>说明</dt><dd class="pre">{s.description || '（无）'}</dd>
          <dt>同一网络地址最多提交</dt><dd>{s.maxPerAddress} 份</dd>
          <dt>手机验证码核验</dt><dd>{s.phoneCheck ? '开启' : '未开启'}</dd>
          {s.consultationId != null ? <><dt>关联的意见征集</dt><dd>编号 {s.consultationId}</dd></> : null}
        </dl>
      )}

      <h2>题目（{s.questions.length}）</h2>
      {s.questions.length === 0 ? <p class="muted">还没有题目。</p> : (
        <ol class="survey-questions">
          {s.questions.map((q, i) => (
            <li>
              <p><strong>{q.title}</strong> <span class="tag">{KIND_LABELS[q.kind]}</span>{q.required ? <span class="tag">必答</span> : <span class="tag">选答</span>}</p>
              <p class="muted">{questionHint(q)}</p>
              {q.options.length ? <ul>{q.options.map((o) => <li>{o.label}</li>)}</ul> : null}
              {draft && s.mayRun ? (
                <div class="form-actions">
                  {i > 0 ? <PostForm ctx={ctx} action={`${ADMIN_BASE}/${s.id}/questions/${q.id}/up`} className="inline"><button type="submit" class="secondary">上移</button></PostForm> : null}
                  {i < s.questions.length - 1 ? <PostForm ctx={ctx} action={`${ADMIN_BASE}/${s.id}/questions/${q.id}/down`} className="inline"><button type="submit" class="secondary">下移</button></PostForm> : null}
                  <PostForm ctx={ctx} action={`${ADMIN_BASE}/${s.id}/questions/${q.id}/remove`} className="inline"><button type="submit" class="danger">删除</button></PostForm>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {draft && s.mayRun ? (
        <>
          <h2>添加题目</h2>
          <ErrorBox errors={r('question')?.errors ?? []} />
          <PostForm ctx={ctx} action={`${ADMIN_BASE}/${s.id}/questions`} className="stack">
            <Field id="q-kind" label="题型" required error={qe.kind}>
              <select id="q-kind" name="kind">{QUESTION_KINDS.map((k) => <option value={k} selected={qv.kind === k}>{KIND_LABELS[k]}</option>)}</select>
            </Field>
            <Field id="q-title" label="题目" required error={qe.title}>
              <input id="q-title" name="title" required maxlength={String(LIMITS.question)} value={qv.title ?? ''} />
            </Field>
            <label class="check"><input type="checkbox" name="required" value="1" checked={qv.required === '1'} /> 必答</label>
            <fieldset>
              <legend>单选题、多选题</legend>
              <Field id="q-options" label="选项" hint="每行一个选项" error={qe.options}>
                <textarea id="q-options" name="options" rows="5" aria-describedby="q-options-hint">{qv.options ?? ''}</textarea>
              </Field>
              <div class="field-row">
                <Field id="q-min" label="多选题最少选择项数" hint="不限请留空" error={qe.minPicks}><input id="q-min" name="minPicks" inputmode="numeric" value={qv.minPicks ?? ''} aria-describedby="q-min-hint" /></Field>
                <Field id="q-max" label="多选题最多选择项数" hint="不限请留空" error={qe.maxPicks}><input id="q-max" name="maxPicks" inputmode="numeric" value={qv.maxPicks ?? ''} aria-describedby="q-max-hint" /></Field>
              </div>
            </fieldset>
            <fieldset>
              <legend>量表题</legend>
              <div class="field-row">
                <Field id="q-smin" label="最小值" error={qe.scaleMin}><input id="q-smin" name="scaleMin" inputmode="numeric" value={qv.scaleMin ?? '1'} /></Field>
                <Field id="q-smax" label="最大值" error={qe.scaleMax}><input id="q-smax" name="scaleMax" inputmode="numeric" value={qv.scaleMax ?? '5'} /></Field>
              </div>
              <div class="field-row">
                <Field id="q-sminl" label="最小值的含义" hint="如：很不满意" error={qe.scaleMinLabel}><input id="q-sminl" name="scaleMinLabel" maxlength="20" value={qv.scaleMinLabel ?? ''} aria-describedby="q-sminl-hint" /></Field>
                <Field id="q-smaxl" label="最大值的含义" hint="如：非常满意"><input id="q-smaxl" name="scaleMaxLabel" maxlength="20" value={qv.scaleMaxLabel ?? ''} aria-describedby="q-smaxl-hint" /></Field>
              </div>
            </fieldset>
            <fieldset>
              <legend>填空题</legend>
              <Field id="q-len" label="最多字数" error={qe.maxLength}><input id="q-len" name="maxLength" inputmode="numeric" value={qv.maxLength ?? '500'} /></Field>
            </fieldset>
            <button type="submit">添加题目</button>
          </PostForm>
        </>
      ) : null}
    </Layout>
  );
}

function Actions({ ctx, s }: { ctx: PageCtx; s: SurveyFull }): SafeHtml {
  const act = (action: string, label: string, cls?: string) => (
    <PostForm ctx={ctx} action={`${ADMIN_BASE}/${s.id}/${action}`} className="inline"><button type="submit" class={cls}>{label}</button></PostForm>
  );
  return (
    <div class="form-actions">
      {s.state === 'draft' ? act('schedule', '发布调查') : null}
      {s.state === 'draft' ? <p class="muted">发布后，到开始时间自动开始接受提交，到结束时间自动结束；发布后题目不能再修改。</p> : null}
      {s.state === 'scheduled' ? act('unschedule', '撤回为草稿', 'secondary') : null}
      {s.state === 'open' ? act('close', '提前结束调查', 'danger') : null}
      {s.state === 'closed' ? <p>调查已结束。请在 <a href={`${ADMIN_BASE}/${s.id}/results`}>统计结果</a> 页面填写结果说明并公布结果公告。</p> : null}
    </div>
  );
}

export function StaffResultsPage({ ctx, r, mayRun, refused, notice, resultsUrl }: { ctx: PageCtx; resultsUrl?: string; r: Results; mayRun: boolean; refused?: { errors: string[]; summary: string }; notice?: string }): SafeHtml {
  const s = r.survey;
  return (
    <Layout ctx={ctx} title={`${s.title} 统计结果`} admin crumbs={crumbs('统计结果', { href: `${ADMIN_BASE}/${s.id}`, label: s.title })}>
      <h1>{s.title} 统计结果</h1>
      <p class="muted">{STATE_LABELS[s.state]} · {formatDateTime(s.opensAt)} 至 {formatDateTime(s.closesAt)}</p>
      <Notice text={notice} />
      <ul class="guide-actions">
        <li><a class="button secondary" href={`${ADMIN_BASE}/${s.id}/responses.xlsx`}>导出全部问卷（Excel）</a></li>
        <li><a class="button secondary" href={`${ADMIN_BASE}/${s.id}`}>调查详情</a></li>
        {s.state === 'published' ? <li><a class="button secondary" href={resultsUrl ?? `${PUBLIC_BASE}/${s.id}/results`}>查看结果公告</a></li> : null}
      </ul>
      {s.state === 'closed' && mayRun ? (
        <section>
          <h2>公布结果公告</h2>
          <ErrorBox errors={refused?.errors ?? []} />
          <PostForm ctx={ctx} action={`${ADMIN_BASE}/${s.id}/publish`} className="stack">
            <Field id="r-summary" label="结果说明" hint={`选填，不超过 ${LIMITS.summary} 字；与各选择题、量表题的统计图一并公布。填空题的回答不公开。`}>
              <textarea id="r-summary" name="summary" rows="5" aria-describedby="r-summary-hint">{refused?.summary ?? s.resultSummary}</textarea>
            </Field>
            <button type="submit">公布结果公告</button>
          </PostForm>
        </section>
      ) : null}
      {s.state === 'published' && s.resultSummary ? <section><h2>结果说明</h2><div class="pre">{s.resultSummary}</div></section> : null}
      <h2>各题统计</h2>
      <ResultsBody r={r} showTexts={true} />
    </Layout>
  );
}

export function SettingsPage({ ctx, url, mayChange, errors = [], fieldErrors = {}, notice }: { ctx: PageCtx; url: string; mayChange: boolean; errors?: string[]; fieldErrors?: FieldErrors; notice?: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title="问卷调查设置" admin crumbs={crumbs('问卷调查设置')}>
      <h1>问卷调查设置</h1>
      <Notice text={notice} />
      <p>手机验证码核验通过短信网关发送验证码。平台以 HTTP POST 向下面的地址发送 JSON（<code>{'{"phone": "手机号码", "text": "短信内容"}'}</code>），由对接短信服务商的接口程序发出短信；返回 2xx 即为发送成功。未配置时，各调查不能开启手机验证。</p>
      <ErrorBox errors={errors} />
      {mayChange ? (
        <PostForm ctx={ctx} action={`${ADMIN_BASE}/settings`} className="stack">
          <Field id="st-url" label="短信网关地址" hint="留空表示不使用短信网关" error={fieldErrors.smsWebhookUrl}>
            <input id="st-url" name="smsWebhookUrl" type="url" maxlength="500" value={url} aria-describedby="st-url-hint" />
          </Field>
          <button type="submit">保存</button>
        </PostForm>
      ) : <p>短信网关地址：{url || '（未配置）'}。本设置由最上级政府的政务公开办或系统管理员设置。</p>}
    </Layout>
  );
}
