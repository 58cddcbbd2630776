import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { ErrorBox, Field, formatDateTime, Notice, PostForm } from '../../../web/components.js';
import { STATE_LABELS, type PublicListItem, type RawAnswers, type Results, type SurveyFull } from '../service.js';
import { QuestionControl, ResultsBody, type FieldErrors } from './common.js';

export const PUBLIC_BASE = '/diaocha';
const crumbs = (label?: string) => [{ href: '/', label: '首页' }, ...(label ? [{ href: PUBLIC_BASE, label: '问卷调查' }, { label }] : [{ label: '问卷调查' }])];

const period = (s: { opensAt: Date; closesAt: Date }) => `${formatDateTime(s.opensAt)} 至 ${formatDateTime(s.closesAt)}`;

export function PublicListPage({ ctx, items }: { ctx: PageCtx; items: PublicListItem[] }): SafeHtml {
  const open = items.filter((s) => s.state === 'open');
  const ended = items.filter((s) => s.state !== 'open');
  const list = (xs: PublicListItem[]) => (
    <ul class="cards survey-list">
      {xs.map((s) => (
        <li>
          <a href={`${PUBLIC_BASE}/${s.id}`}>{s.title}</a>
          <p>{s.agencyName} · {STATE_LABELS[s.state]}</p>
          <p>调查时间：{period(s)}</p>
          {s.state === 'published' ? <p><a href={`${PUBLIC_BASE}/${s.id}/results`}>查看结果公告</a></p> : null}
        </li>
      ))}
    </ul>
  );
  return (
    <Layout ctx={ctx} title="问卷调查" crumbs={crumbs()}>
      <h1>问卷调查</h1>
      <p>围绕政策制定和公共事务开展的问卷调查和民意调查。参与调查无需注册，不收集姓名等个人信息；调查结束后公布结果。</p>
      <h2>正在进行的调查</h2>
      {open.length ? list(open) : <p class="muted">目前没有正在进行的调查。</p>}
      <h2>已结束的调查</h2>
      {ended.length ? list(ended) : <p class="muted">暂无已结束的调查。</p>}
    </Layout>
  );
}

export type PhoneState = { verified: boolean; phone?: string; error?: string; sent?: boolean };

/** The survey and its form (a plain HTML form: it works without JavaScript). */
export function SurveyPage({ ctx, s, values, errors = [], fieldErrors = {}, submitKey, answered, phone }: {
  ctx: PageCtx; s: SurveyFull; values: RawAnswers; errors?: string[]; fieldErrors?: FieldErrors; submitKey: string; answered: string | null; phone?: PhoneState;
}): SafeHtml {
  const open = s.state === 'open';
  return (
    <Layout ctx={ctx} title={s.title} crumbs={crumbs(s.title)}>
      <h1>{s.title}</h1>
      <p class="muted">发起机关：{s.agencyName} · 调查时间：{period(s)} · {STATE_LABELS[s.state]}</p>
      {s.description ? <div class="pre survey-intro">{s.description}</div> : null}
      {!open ? (
        <div class="notice notice-warn" role="status">
          <p>本次调查已结束，不再接受提交。</p>
          {s.state === 'published' ? <p><a href={`${PUBLIC_BASE}/${s.id}/results`}>查看结果公告</a></p> : <p>调查结果整理后将在本页公布。</p>}
        </div>
      ) : answered ? (
        <div class="notice" role="status">
          <p>您已参加过本次调查（回执编号 <strong class="code">{answered}</strong>），每人只能提交一次。感谢您的参与！</p>
        </div>
      ) : (
        <>
          <ErrorBox errors={errors} />
          {s.phoneCheck ? <PhoneStep ctx={ctx} s={s} phone={phone ?? { verified: false }} /> : null}
          <PostForm ctx={ctx} action={`${PUBLIC_BASE}/${s.id}`} className="stack survey-form">
            <input type="hidden" name="submitKey" value={submitKey} />
            <div class="sr-only" aria-hidden="true">
              <label for="sv-website">请勿填写此项</label>
              <input id="sv-website" name="website" tabindex="-1" autocomplete="off" value="" />
            </div>
            <p class="muted">带 <span class="req">*</span> 的为必答题。</p>
            {s.questions.map((q, i) => <QuestionControl q={q} n={i + 1} values={values} error={fieldErrors[`q${q.id}`]} />)}
            {s.phoneCheck ? (
              <Field id="sv-code" label="手机验证码" required hint="请先在上方获取验证码，10 分钟内有效。" error={fieldErrors.code}>
                <input id="sv-code" name="code" inputmode="numeric" maxlength="6" autocomplete="one-time-code" required aria-describedby="sv-code-hint" />
              </Field>
            ) : null}
            <button type="submit">提交问卷</button>
          </PostForm>
          <p class="muted">本调查不收集姓名等个人信息。为防止重复提交，本网站会在您的浏览器中记录已参加本次调查，并以不可还原的方式记录提交的网络地址{s.phoneCheck ? '和手机号码' : ''}。</p>
        </>
      )}
    </Layout>
  );
}

function PhoneStep({ ctx, s, phone }: { ctx: PageCtx; s: SurveyFull; phone: PhoneState }): SafeHtml {
  return (
    <PostForm ctx={ctx} action={`${PUBLIC_BASE}/${s.id}/code`} className="stack survey-phone">
      <fieldset>
        <legend>第一步：验证手机号码</legend>
        <p class="field-hint">本次调查每个手机号码只能参加一次。号码只用于发送验证码，不保存原文。</p>
        {phone.sent ? <p class="notice" role="status">验证码已发送，请查收短信后填写在问卷下方。</p> : null}
        <Field id="sv-phone" label="手机号码" required error={phone.error}>
          <input id="sv-phone" name="phone" inputmode="numeric" maxlength="11" autocomplete="tel" required value={phone.phone ?? ''} />
        </Field>
        <button type="submit" class="secondary">获取验证码</button>
      </fieldset>
    </PostForm>
  );
}

export function ThanksPage({ ctx, s, receipt }: { ctx: PageCtx; s: SurveyFull; receipt: string | null }): SafeHtml {
  return (
    <Layout ctx={ctx} title="提交成功" crumbs={crumbs(s.title)}>
      <h1>{receipt ? '问卷已提交，感谢您的参与！' : '没有找到您的提交记录'}</h1>
      {receipt ? (
        <>
          <p>调查：{s.title}</p>
          <p>回执编号：<strong class="code">{receipt}</strong></p>
          <p class="muted">请保存回执编号。调查结束后，结果将在本网站“问卷调查”栏目公布。</p>
        </>
      ) : <p>本浏览器没有本次调查的提交记录。如已提交，请使用提交时的浏览器查看。</p>}
      <p><a href={PUBLIC_BASE}>返回问卷调查</a></p>
    </Layout>
  );
}

export function PublicResultsPage({ ctx, r }: { ctx: PageCtx; r: Results }): SafeHtml {
  const s = r.survey;
  return (
    <Layout ctx={ctx} title={`${s.title} 结果公告`} crumbs={crumbs(s.title)}>
      <h1>{s.title} 结果公告</h1>
      <p class="muted">发起机关：{s.agencyName} · 调查时间：{period(s)} · 公布时间：{formatDateTime(s.publishedAt)}</p>
      {s.resultSummary ? <section><h2>结果说明</h2><div class="pre">{s.resultSummary}</div></section> : null}
      <h2>统计结果</h2>
      <ResultsBody r={r} showTexts={false} />
    </Layout>
  );
}

export { Notice };
