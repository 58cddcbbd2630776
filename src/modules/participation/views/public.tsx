import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import type { DocumentPanel } from '../../../core/module.js';
import { Layout } from '../../../web/layout.js';
import { describedBy, ErrorBox, Field, formatDate, formatDateTime, LinkPanels, PostForm, TableScroll, Honeypot } from '../../../web/components.js';
import { fileUrl } from '../../../core/files/index.js';
import { DISPOSITIONS } from '../schema.js';
import { articleLabel, splitArticles, type Article } from '../articles.js';
import { DISPOSITION_LABELS, KIND_LABELS, MATTER_CATEGORY_LABELS, MATTER_CATEGORY_SHORT, METHOD_LABELS, OPINION_STATE_LABELS, STATE_LABELS } from '../labels.js';
import { daysLeft, TABS, type PublicTab, type publicConsultation, type publicList } from '../queries.js';
import { methodsInReport, type ReportContent } from '../report.js';
import { reportLead } from '../exports.js';
import type { OpinionStatus } from '../opinions.js';
import type { Matter, matterPage } from '../matters.js';

export const PUBLIC_BASE = '/zhengqiu';
export const CATALOG_BASE = '/juece';
const CRUMB = { href: PUBLIC_BASE, label: '意见征集' };

type ListRow = Awaited<ReturnType<typeof publicList>>[number];
export type ConsultationView = Awaited<ReturnType<typeof publicConsultation>>;
export type FormValues = Record<string, string>;

const period = (c: { startsAt: Date; endsAt: Date }) => `${formatDateTime(c.startsAt)} 至 ${formatDateTime(c.endsAt)}`;

export function ListPage({ ctx, tab, rows }: { ctx: PageCtx; tab: PublicTab; rows: ListRow[] }): SafeHtml {
  return (
    <Layout ctx={ctx} title="意见征集" crumbs={[{ href: '/', label: '首页' }, { label: '意见征集' }]}>
      <h1>意见征集</h1>
      <p>涉及群众切身利益的重大行政决策、规章和行政规范性文件，在作出决定前向社会公开征求意见。每条意见都会逐条研究处理，征集结束后公布意见采纳情况。<a href={CATALOG_BASE}>重大行政决策事项目录</a> · <a href={`${PUBLIC_BASE}/status`}>查询我的意见</a></p>
      <nav class="subnav" aria-label="征集状态">
        <ul>{TABS.map((t) => <li><a href={`${PUBLIC_BASE}?tab=${t.id}`} aria-current={t.id === tab ? 'page' : undefined}>{t.label}</a></li>)}</ul>
      </nav>
      {rows.length ? (
        <ul class="doc-list consultations">
          {rows.map((r) => (
            <li>
              <a href={`${PUBLIC_BASE}/${r.id}`}>{r.title}</a>
              <span class="tag">{KIND_LABELS[r.kind]}</span>
              <div class="doc-list-meta">
                征集时间：{period(r)}
                {r.state === 'open' ? <span class="tag tag-due_soon">剩余 {daysLeft(r.endsAt)} 天</span> : r.state === 'scheduled' ? <span class="tag">尚未开始</span> : null}
                <span class="tag">意见 {r.comments} 条</span>
              </div>
            </li>
          ))}
        </ul>
      ) : <p>暂无{TABS.find((t) => t.id === tab)!.label}的事项。</p>}
    </Layout>
  );
}

function DraftText({ text, articles }: { text: string; articles: Article[] }): SafeHtml {
  if (!articles.length) return <div class="pre doc-body">{text}</div>;
  // Each article gets an anchor (#art-3), so a comment's 第三条 links to the text it is about.
  const lines = text.split('\n');
  let current = 0;
  return (
    <div class="doc-body draft">
      {lines.map((line) => {
        const a = articles.find((x) => line.trimStart().startsWith(x.label) && x.no > current);
        if (a) current = a.no;
        return line.trim() ? <p id={a ? `art-${a.no}` : undefined}>{a ? <strong>{a.label}</strong> : null}{a ? line.trimStart().slice(a.label.length) : line}</p> : null;
      })}
    </div>
  );
}

export function ReportView({ content, publishedAt, docxHref }: { content: ReportContent; publishedAt: Date | null; docxHref?: string }): SafeHtml {
  const ms = methodsInReport(content);
  return (
    <Fragment>
      <p>{reportLead(content)}</p>
      {content.summary ? content.summary.split(/\n+/).filter(Boolean).map((p) => <p>{p}</p>) : null}
      <TableScroll label="意见处理情况统计">
        <table class="data">
          <caption>意见处理情况统计（条）</caption>
          <thead><tr><th scope="col">征求方式</th>{DISPOSITIONS.map((d) => <th scope="col">{DISPOSITION_LABELS[d]}</th>)}<th scope="col">合计</th></tr></thead>
          <tbody>
            {ms.map((m) => <tr><th scope="row">{METHOD_LABELS[m]}</th>{DISPOSITIONS.map((d) => <td>{content.counts[m][d]}</td>)}<td>{DISPOSITIONS.reduce((n, d) => n + content.counts[m][d], 0)}</td></tr>)}
            <tr><th scope="row">合计</th>{DISPOSITIONS.map((d) => <td>{content.byDisposition[d]}</td>)}<td>{content.total}</td></tr>
          </tbody>
        </table>
      </TableScroll>
      <TableScroll label="意见采纳情况逐条说明">
        <table class="data feedback">
          <caption>意见采纳情况逐条说明</caption>
          <thead><tr><th scope="col">序号</th><th scope="col">条款</th><th scope="col">意见内容</th><th scope="col">条数</th><th scope="col">处理结果</th><th scope="col">理由</th></tr></thead>
          <tbody>
            {content.rows.map((r) => <tr><td>{r.no}</td><td>{r.article}</td><td class="pre">{r.text}</td><td>{r.count}</td><td>{DISPOSITION_LABELS[r.disposition]}</td><td class="pre">{r.reason || '—'}</td></tr>)}
          </tbody>
        </table>
      </TableScroll>
      {publishedAt ? <p class="muted">发布时间：{formatDateTime(publishedAt)}{docxHref ? <Fragment> · <a href={docxHref}>下载 Word 版（DOCX）</a></Fragment> : null}</p> : null}
    </Fragment>
  );
}

function CommentForm({ ctx, v, articles, values, errors, fieldErrors }: { ctx: PageCtx; v: ConsultationView; articles: Article[]; values: FormValues; errors: string[]; fieldErrors: Record<string, string> }): SafeHtml {
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: fieldErrors[name] });
  return (
    <section aria-labelledby="form-h" id="comment">
      <h2 id="form-h">发表意见</h2>
      <ErrorBox errors={errors} />
      <PostForm ctx={ctx} action={`${PUBLIC_BASE}/${v.c.id}/comment`} className="stack">
        <input type="hidden" name="submitKey" value={values.submitKey ?? ''} />
        <Field id="c-article" label="针对第几条" hint="可以针对草案整体，也可以针对某一条" error={fieldErrors.article}>
          <select id="c-article" name="article" aria-describedby={d('c-article', 'article', true)}>
            <option value="0">整体意见</option>
            {articles.map((a) => <option value={String(a.no)} selected={values.article === String(a.no)}>{a.label}</option>)}
          </select>
        </Field>
        <Field id="c-quote" label="引用原文（选填）" hint="可粘贴您所针对的原文语句，最多 500 字" error={fieldErrors.quote}>
          <input id="c-quote" name="quote" maxlength="500" value={values.quote ?? ''} aria-describedby={d('c-quote', 'quote', true)} />
        </Field>
        <Field id="c-body" label="意见内容" required hint="经审核后公开，不公开姓名和联系方式" error={fieldErrors.body}>
          <textarea id="c-body" name="body" rows="8" required aria-describedby={d('c-body', 'body', true)}>{values.body ?? ''}</textarea>
        </Field>
        <div class="field-row">
          <Field id="c-name" label="姓名（选填）" error={fieldErrors.name}>
            <input id="c-name" name="name" maxlength="50" value={values.name ?? ''} autocomplete="name" aria-describedby={d('c-name', 'name')} />
          </Field>
          <Field id="c-contact" label="联系方式" required hint="电话或电子邮箱，仅供核实，不公开" error={fieldErrors.contact}>
            <input id="c-contact" name="contact" maxlength="100" required value={values.contact ?? ''} autocomplete="tel" aria-describedby={d('c-contact', 'contact', true)} />
          </Field>
        </div>
        <Honeypot id="c-homepage" />
        <p class="form-actions"><button type="submit">提交意见</button></p>
      </PostForm>
    </section>
  );
}

export function ConsultationPage({ ctx, v, panels = [], values = {}, errors = [], fieldErrors = {} }: { ctx: PageCtx; v: ConsultationView; panels?: readonly DocumentPanel[]; values?: FormValues; errors?: string[]; fieldErrors?: Record<string, string> }): SafeHtml {
  const { c } = v;
  const articles = splitArticles(c.draftText);
  const open = c.state === 'open' && c.methods.includes('online');
  return (
    <Layout ctx={ctx} title={c.title} crumbs={[{ href: '/', label: '首页' }, CRUMB, { label: c.title }]}>
      <article class="doc consultation">
        <h1>{c.title}</h1>
        <dl class="facts">
          <dt>状态</dt><dd>{STATE_LABELS[c.state]}{c.state === 'open' ? `（剩余 ${daysLeft(c.endsAt)} 天）` : ''}</dd>
          <dt>草案类别</dt><dd>{KIND_LABELS[c.kind]}</dd>
          <dt>征集时间</dt><dd>{period(c)}</dd>
          {c.shortReason ? <Fragment><dt>期限缩短的理由</dt><dd class="pre">{c.shortReason}</dd></Fragment> : null}
          <dt>征求意见方式</dt><dd>{c.methods.map((m) => METHOD_LABELS[m]).join('、')}</dd>
          <dt>收到意见</dt><dd>{v.comments} 条</dd>
          {v.matter ? <Fragment><dt>决策事项</dt><dd><a href={`${CATALOG_BASE}/${v.matter.id}`}>{v.matter.title}</a></dd></Fragment> : null}
          {c.documentId ? <Fragment><dt>正式文件</dt><dd><a href={`/xxgk/${c.documentId}`}>查看正式发布的文件</a></dd></Fragment> : null}
        </dl>
        <LinkPanels panels={panels} />
        {v.report ? (
          <section aria-labelledby="fb-h" class="feedback-report">
            <h2 id="fb-h">意见采纳情况</h2>
            <ReportView content={v.report.content} publishedAt={v.report.publishedAt} docxHref={`${PUBLIC_BASE}/${c.id}/feedback.docx`} />
          </section>
        ) : c.state === 'closed' ? <p class="notice">征求意见已结束，意见正在逐条研究处理，处理完毕后将在本页公布意见采纳情况。</p> : null}
        <section aria-labelledby="draft-h">
          <h2 id="draft-h">草案全文</h2>
          <DraftText text={c.draftText} articles={articles} />
        </section>
        {c.explanation ? <section aria-labelledby="exp-h"><h2 id="exp-h">起草说明</h2><div class="pre">{c.explanation}</div></section> : null}
        {c.attachments.length ? (
          <section aria-labelledby="att-h"><h2 id="att-h">附件</h2><ul>{c.attachments.map((a) => <li><a href={`${PUBLIC_BASE}/${c.id}/files/${a.fileId}`}>{a.name}</a></li>)}</ul></section>
        ) : null}
        {open ? <CommentForm ctx={ctx} v={v} articles={articles} values={values} errors={errors} fieldErrors={fieldErrors} /> : null}
        <section aria-labelledby="ops-h">
          <h2 id="ops-h">公开的意见（{v.opinions.length}）</h2>
          {v.opinions.length ? (
            <ol class="opinions">
              {v.opinions.map((o) => (
                <li>
                  <p class="muted">{formatDate(o.submittedAt)} · {o.article ? <a href={`#art-${o.article}`}>{articleLabel(articles, o.article)}</a> : '整体意见'}</p>
                  {o.quote ? <p class="muted">引用原文：“{o.quote}”</p> : null}
                  <p class="pre">{o.body}</p>
                </li>
              ))}
            </ol>
          ) : <p>暂无公开的意见。网上意见经审核后在此公开。</p>}
        </section>
      </article>
    </Layout>
  );
}

export function SubmittedPage({ ctx, code, held, consultationId }: { ctx: PageCtx; code: string; held: boolean; consultationId: number }): SafeHtml {
  return (
    <Layout ctx={ctx} title="意见已提交" crumbs={[{ href: '/', label: '首页' }, CRUMB, { label: '意见已提交' }]}>
      <h1>意见已提交</h1>
      <div class="receipt">
        <p>感谢您的意见。您的查询码是：<strong class="code">{code}</strong></p>
        <p>请记下查询码，凭它查询意见的审核状态和处理结果。{held ? '您的意见需经人工复核后再决定是否公开，不会被删除。' : '意见经审核后在征求意见页面公开。'}姓名和联系方式不会公开。</p>
      </div>
      <ul class="home-actions">
        <li><a class="button" href={`${PUBLIC_BASE}/status`}>查询意见状态</a></li>
        <li><a class="button secondary" href={`${PUBLIC_BASE}/${consultationId}`}>返回征求意见页面</a></li>
      </ul>
    </Layout>
  );
}

export function StatusPage({ ctx, code = '', error, s }: { ctx: PageCtx; code?: string; error?: string; s?: OpinionStatus }): SafeHtml {
  return (
    <Layout ctx={ctx} title="查询意见" crumbs={[{ href: '/', label: '首页' }, CRUMB, { label: '查询意见' }]}>
      <h1>查询意见的审核和处理情况</h1>
      <PostForm ctx={ctx} action={`${PUBLIC_BASE}/status`} className="stack">
        <Field id="s-code" label="查询码" hint="提交意见后得到，如 YJ-ABCD2345EFGH" error={error}>
          <input id="s-code" name="code" maxlength="40" required value={code} autocomplete="off" aria-describedby={describedBy('s-code', { hint: true, error })} />
        </Field>
        <p class="form-actions"><button type="submit">查询</button></p>
      </PostForm>
      {s ? (
        <section aria-labelledby="st-h">
          <h2 id="st-h">查询结果</h2>
          <dl class="facts">
            <dt>征求意见</dt><dd><a href={`${PUBLIC_BASE}/${s.consultationId}`}>{s.consultationTitle}</a></dd>
            <dt>提交时间</dt><dd>{formatDateTime(s.submittedAt)}</dd>
            <dt>审核状态</dt><dd>{OPINION_STATE_LABELS[s.state]}</dd>
            {s.state === 'rejected' ? <Fragment><dt>不予公开的理由</dt><dd>{s.rejectReason}{s.rejectText ? `：${s.rejectText}` : ''}</dd></Fragment> : null}
            <dt>处理结果</dt><dd>{s.disposition ? `${DISPOSITION_LABELS[s.disposition]}${s.reason ? `。理由：${s.reason}` : ''}` : s.state === 'rejected' ? '—' : '意见采纳情况公布后在此显示。'}</dd>
          </dl>
        </section>
      ) : null}
    </Layout>
  );
}

export function CatalogPage({ ctx, year, years, matters, govName }: { ctx: PageCtx; year: number; years: number[]; matters: Matter[]; govName: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title="重大行政决策事项目录" crumbs={[{ href: '/', label: '首页' }, CRUMB, { label: '重大行政决策事项目录' }]}>
      <h1>{govName}{year}年度重大行政决策事项目录</h1>
      <p>依据《重大行政决策程序暂行条例》（国务院令第713号），决策事项目录经同级党委同意后向社会公布，并根据实际情况调整；调整记录在各事项页面公开。</p>
      {years.length > 1 ? <nav class="subnav" aria-label="年度"><ul>{years.map((y) => <li><a href={`${CATALOG_BASE}?year=${y}`} aria-current={y === year ? 'page' : undefined}>{y}年</a></li>)}</ul></nav> : null}
      {matters.length ? (
        <TableScroll label="决策事项目录">
          <table class="data">
            <caption>{year}年度决策事项（{matters.length} 项）</caption>
            <thead><tr><th scope="col">序号</th><th scope="col">决策事项</th><th scope="col">类别</th><th scope="col">承办单位</th><th scope="col">听证</th><th scope="col">风险评估</th><th scope="col">公布日期</th></tr></thead>
            <tbody>
              {matters.map((m, i) => (
                <tr>
                  <td>{i + 1}</td>
                  <td><a href={`${CATALOG_BASE}/${m.id}`}>{m.current.title}</a>{m.current.withdrawn ? <span class="tag">已调出</span> : null}{m.versions.length > 1 ? <span class="tag">已调整</span> : null}</td>
                  <td>{MATTER_CATEGORY_SHORT[m.current.category]}</td>
                  <td>{m.current.undertakerName}</td>
                  <td>{m.current.hearingRequired ? '是' : '否'}</td>
                  <td>{m.current.riskAssessmentRequired ? '是' : '否'}</td>
                  <td>{m.current.publishedOn ?? m.versions.find((x) => x.publishedOn)?.publishedOn ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : <p>{year}年度暂未公布决策事项目录。</p>}
    </Layout>
  );
}

export function MatterPage({ ctx, v }: { ctx: PageCtx; v: Awaited<ReturnType<typeof matterPage>> }): SafeHtml {
  const m = v.matter;
  const cur = m.current;
  return (
    <Layout ctx={ctx} title={cur.title} crumbs={[{ href: '/', label: '首页' }, { href: `${CATALOG_BASE}?year=${m.year}`, label: `${m.year}年决策事项目录` }, { label: cur.title }]}>
      <h1>{cur.title}</h1>
      <dl class="facts">
        <dt>年度</dt><dd>{m.year}</dd>
        <dt>事项类别</dt><dd>{MATTER_CATEGORY_LABELS[cur.category]}</dd>
        <dt>承办单位</dt><dd>{cur.undertakerName}</dd>
        <dt>是否需要听证</dt><dd>{cur.hearingRequired ? '是' : '否'}</dd>
        <dt>是否需要风险评估</dt><dd>{cur.riskAssessmentRequired ? '是' : '否'}</dd>
        <dt>党委同意日期</dt><dd>{cur.partyAgreedOn ?? '—'}</dd>
        <dt>公布日期</dt><dd>{cur.publishedOn ?? '—'}</dd>
        {cur.withdrawn ? <Fragment><dt>状态</dt><dd>已调出目录</dd></Fragment> : null}
        {m.documentId ? <Fragment><dt>决策文件</dt><dd><a href={`/xxgk/${m.documentId}`}>查看已公开的决策文件</a></dd></Fragment> : null}
      </dl>
      <section aria-labelledby="mc-h">
        <h2 id="mc-h">公众参与</h2>
        {v.consultations.length ? <ul>{v.consultations.map((c) => <li><a href={`${PUBLIC_BASE}/${c.id}`}>{c.title}</a><span class="tag">{STATE_LABELS[c.state]}</span></li>)}</ul> : <p>尚未开展征求意见。</p>}
      </section>
      <section aria-labelledby="mh-h">
        <h2 id="mh-h">调整记录</h2>
        <TableScroll label="调整记录">
          <table class="data">
            <caption>本事项的各版本</caption>
            <thead><tr><th scope="col">版本</th><th scope="col">事项名称</th><th scope="col">承办单位</th><th scope="col">听证/风险评估</th><th scope="col">党委同意</th><th scope="col">公布</th><th scope="col">调整说明</th></tr></thead>
            <tbody>
              {m.versions.map((x) => <tr><td>第{x.version}版</td><td>{x.title}{x.withdrawn ? '（调出）' : ''}</td><td>{x.undertakerName}</td><td>{x.hearingRequired ? '需听证' : '不听证'}/{x.riskAssessmentRequired ? '需评估' : '不评估'}</td><td>{x.partyAgreedOn ?? '—'}</td><td>{x.publishedOn ?? '—'}</td><td>{x.changeNote || '首次列入目录'}</td></tr>)}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </Layout>
  );
}
