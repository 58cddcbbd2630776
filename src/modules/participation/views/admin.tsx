import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { describedBy, ErrorBox, Field, formatDateTime, Notice, PostForm, TableScroll } from '../../../web/components.js';
import { CONSULTATION_KINDS, DISPOSITIONS, MATTER_CATEGORIES, METHODS } from '../schema.js';
import { articleLabel, splitArticles } from '../articles.js';
import { DISPOSITION_LABELS, KIND_LABELS, MATTER_CATEGORY_SHORT, METHOD_LABELS, OPINION_STATE_LABELS, REJECT_REASONS, STATE_LABELS } from '../labels.js';
import type { ConsultationRow } from '../consultations.js';
import type { OpinionRow } from '../opinions.js';
import type { ReportContent, ReportRecord } from '../report.js';
import type { Matter } from '../matters.js';
import type { PartSettings } from '../settings.js';
import { ReportView, CATALOG_BASE } from './public.js';

export const ADMIN_BASE = '/admin/participation';
export type Problems = { list: string[]; fields: Record<string, string> };
export const NO_PROBLEMS: Problems = { list: [], fields: {} };
type V = Record<string, string | string[] | undefined>;
const str = (v: V, k: string) => { const x = v[k]; return (Array.isArray(x) ? x.at(-1) : x) ?? ''; };

export const NOTICES: Record<string, string> = {
  created: '已保存草稿。', saved: '已保存。', published: '已发布。', attached: '附件已上传。', removed: '附件已删除。', moderated: '已审核。', decided: '处理结果已保存。',
  grouped: '已归为一组。', ungrouped: '已移出该组。', submitted: '意见采纳情况已提交审核。', reviewed: '审核完成。', returned: '已退回修改。', finished: '已办结。', linked: '已关联正式文件。',
  recorded: '意见已录入。', settings: '设置已保存。', matter: '决策事项已保存。', adjusted: '已调整，新版本已记录。',
};

function AdminNav({ here }: { here: string }): SafeHtml {
  const items = [{ href: ADMIN_BASE, label: '征求意见' }, { href: `${ADMIN_BASE}/new`, label: '新建征求意见' }, { href: `${ADMIN_BASE}/matters`, label: '决策事项目录' }, { href: `${ADMIN_BASE}/settings`, label: '公众参与设置' }];
  return <nav class="subnav" aria-label="公众参与"><ul>{items.map((i) => <li><a href={i.href} aria-current={i.href === here ? 'page' : undefined}>{i.label}</a></li>)}</ul></nav>;
}

export function AdminList({ ctx, rows, pending, notice }: { ctx: PageCtx; rows: (ConsultationRow & { agencyName: string })[]; pending: Map<number, number>; notice?: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title="征求意见" admin>
      <h1>公众参与：征求意见</h1>
      <AdminNav here={ADMIN_BASE} />
      <Notice text={notice} />
      {rows.length ? (
        <TableScroll label="征求意见列表">
          <table class="data">
            <caption>征求意见（{rows.length}）</caption>
            <thead><tr><th scope="col">标题</th><th scope="col">起草单位</th><th scope="col">类别</th><th scope="col">征集时间</th><th scope="col">状态</th><th scope="col">待审核意见</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td><a href={`${ADMIN_BASE}/${r.id}`}>{r.title}</a></td>
                  <td>{r.agencyName}</td>
                  <td>{KIND_LABELS[r.kind]}</td>
                  <td>{formatDateTime(r.startsAt)} 至 {formatDateTime(r.endsAt)}</td>
                  <td>{STATE_LABELS[r.state]}</td>
                  <td>{pending.get(r.id) ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : <p>还没有征求意见。<a href={`${ADMIN_BASE}/new`}>新建征求意见</a></p>}
    </Layout>
  );
}

export function ConsultationForm({ ctx, action, values, problems = NO_PROBLEMS, matters, heading }: { ctx: PageCtx; action: string; values: V; problems?: Problems; matters: Matter[]; heading: string }): SafeHtml {
  const e = problems.fields;
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: e[name] });
  const methods = Array.isArray(values.methods) ? values.methods : values.methods ? [values.methods] : ['online'];
  return (
    <Layout ctx={ctx} title={heading} admin>
      <h1>{heading}</h1>
      <AdminNav here={action.endsWith('/new') ? `${ADMIN_BASE}/new` : ''} />
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={action} className="stack doc-form">
        <Field id="f-title" label="标题" required error={e.title}>
          <input id="f-title" name="title" required maxlength="200" value={str(values, 'title')} aria-describedby={d('f-title', 'title')} />
        </Field>
        <Field id="f-kind" label="草案类别" required hint="决定最短征求意见期限：重大行政决策、规章不少于30日，行政规范性文件不少于7个工作日" error={e.kind}>
          <select id="f-kind" name="kind" aria-describedby={d('f-kind', 'kind', true)}>{CONSULTATION_KINDS.map((k) => <option value={k} selected={str(values, 'kind') === k}>{KIND_LABELS[k]}</option>)}</select>
        </Field>
        <Field id="f-matter" label="对应的重大行政决策事项（选填）" error={e.matterId}>
          <select id="f-matter" name="matterId" aria-describedby={d('f-matter', 'matterId')}>
            <option value="">无</option>
            {matters.map((m) => <option value={String(m.id)} selected={str(values, 'matterId') === String(m.id)}>{m.year}年：{m.current.title}</option>)}
          </select>
        </Field>
        <Field id="f-draft" label="草案文本" required hint="每条另起一行，以“第X条”开头，公众可以逐条发表意见" error={e.draftText}>
          <textarea id="f-draft" name="draftText" rows="16" required aria-describedby={d('f-draft', 'draftText', true)}>{str(values, 'draftText')}</textarea>
        </Field>
        <Field id="f-exp" label="起草说明" error={e.explanation}>
          <textarea id="f-exp" name="explanation" rows="6" aria-describedby={d('f-exp', 'explanation')}>{str(values, 'explanation')}</textarea>
        </Field>
        <fieldset aria-describedby={e.methods ? 'f-methods-error' : undefined}>
          <legend>征求意见方式<span class="req" aria-hidden="true">*</span></legend>
          {e.methods ? <p class="field-error" id="f-methods-error">{e.methods}</p> : null}
          <div class="checks">{METHODS.map((m) => <label class="check"><input type="checkbox" name="methods" value={m} checked={methods.includes(m)} /> {METHOD_LABELS[m]}</label>)}</div>
        </fieldset>
        <div class="field-row">
          <Field id="f-start" label="开始时间" required hint="北京时间" error={e.startsAt}>
            <input id="f-start" name="startsAt" type="datetime-local" required value={str(values, 'startsAt')} aria-describedby={d('f-start', 'startsAt', true)} />
          </Field>
          <Field id="f-end" label="截止时间" required hint="北京时间" error={e.endsAt}>
            <input id="f-end" name="endsAt" type="datetime-local" required value={str(values, 'endsAt')} aria-describedby={d('f-end', 'endsAt', true)} />
          </Field>
        </div>
        <Field id="f-short" label="期限缩短的理由" hint="期限短于最短期限时必填，将向社会公开" error={e.shortReason}>
          <textarea id="f-short" name="shortReason" rows="3" aria-describedby={d('f-short', 'shortReason', true)}>{str(values, 'shortReason')}</textarea>
        </Field>
        <p class="form-actions"><button type="submit">保存</button></p>
      </PostForm>
    </Layout>
  );
}

type Group = { id: number; point: string; disposition: string | null; reason: string };
export type AdminView = {
  c: ConsultationRow; agencyName: string; mayRun: boolean; mayReview: boolean; opinions: OpinionRow[]; groups: Group[];
  report: ReportRecord | null; preview: ReportContent | null; work: { unmoderated: number; undecided: number };
};

function DecisionFields({ idp, disposition, reason }: { idp: string; disposition: string | null; reason: string }): SafeHtml {
  return (
    <Fragment>
      <label for={`${idp}-d`}>处理结果</label>
      <select id={`${idp}-d`} name="disposition"><option value="">请选择</option>{DISPOSITIONS.map((d) => <option value={d} selected={disposition === d}>{DISPOSITION_LABELS[d]}</option>)}</select>
      <label for={`${idp}-r`}>理由</label>
      <input id={`${idp}-r`} name="reason" maxlength="2000" value={reason} />
    </Fragment>
  );
}

export function AdminConsultation({ ctx, v, notice, problems = NO_PROBLEMS }: { ctx: PageCtx; v: AdminView; notice?: string; problems?: Problems }): SafeHtml {
  const { c } = v;
  const base = `${ADMIN_BASE}/${c.id}`;
  const articles = splitArticles(c.draftText);
  const editable = v.mayRun && (c.state === 'draft' || c.state === 'scheduled');
  const deciding = v.mayRun && c.state === 'closed' && !v.report;
  const toModerate = v.opinions.filter((o) => o.state === 'pending' || o.state === 'held');
  const decidable = v.opinions.filter((o) => o.state === 'approved');
  return (
    <Layout ctx={ctx} title={c.title} admin crumbs={[{ href: '/admin', label: '工作台' }, { href: ADMIN_BASE, label: '征求意见' }, { label: c.title }]}>
      <h1>{c.title}</h1>
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      <dl class="facts">
        <dt>状态</dt><dd>{STATE_LABELS[c.state]}</dd>
        <dt>起草单位</dt><dd>{v.agencyName}</dd>
        <dt>类别</dt><dd>{KIND_LABELS[c.kind]}</dd>
        <dt>征集时间</dt><dd>{formatDateTime(c.startsAt)} 至 {formatDateTime(c.endsAt)}</dd>
        {c.shortReason ? <Fragment><dt>期限缩短的理由</dt><dd class="pre">{c.shortReason}</dd></Fragment> : null}
        <dt>方式</dt><dd>{c.methods.map((m) => METHOD_LABELS[m]).join('、')}</dd>
        <dt>意见</dt><dd>共 {v.opinions.length} 条；待审核 {v.work.unmoderated} 条；待处理 {v.work.undecided} 条</dd>
      </dl>
      <p class="form-actions">
        {editable ? <a class="button secondary" href={`${base}/edit`}>修改草案和期限</a> : null}
        {' '}<a class="button secondary" href={`${base}/export.xlsx`}>导出全部意见（XLSX）</a>
      </p>
      {v.mayRun && c.state === 'draft' ? (
        <PostForm ctx={ctx} action={`${base}/publish`} className="action-form"><p>发布后，征求意见在开始时间自动开始、截止时间自动结束。</p><button type="submit">发布征求意见</button></PostForm>
      ) : null}
      {editable ? (
        <section aria-labelledby="att-h">
          <h2 id="att-h">附件</h2>
          {c.attachments.length ? <ul>{c.attachments.map((a) => <li>{a.name} <PostForm ctx={ctx} action={`${base}/attachments/${a.fileId}/remove`} className="inline"><button type="submit" class="secondary">删除</button></PostForm></li>)}</ul> : <p>暂无附件。</p>}
          <PostForm ctx={ctx} action={`${base}/attachments`} enctype="multipart/form-data" className="inline">
            <label for="att-file">上传附件</label> <input id="att-file" type="file" name="file" required /> <button type="submit">上传</button>
          </PostForm>
        </section>
      ) : c.attachments.length ? <section aria-labelledby="att-h"><h2 id="att-h">附件</h2><ul>{c.attachments.map((a) => <li>{a.name}</li>)}</ul></section> : null}

      {toModerate.length ? (
        <section aria-labelledby="mod-h">
          <h2 id="mod-h">待审核的网上意见（{toModerate.length}）</h2>
          <p class="hint">审核通过的意见在征求意见页面公开（不公开姓名和联系方式）。不予公开须选择理由并说明，提交人可凭查询码看到。</p>
          {toModerate.map((o) => (
            <div class="article opinion">
              <p class="muted">{o.code} · {formatDateTime(o.submittedAt)} · {articleLabel(articles, o.article)} · {OPINION_STATE_LABELS[o.state]}{o.heldWords.length ? <span class="tag tag-overdue">含敏感词：{o.heldWords.join('、')}</span> : null}</p>
              {o.quote ? <p class="muted">引用原文：“{o.quote}”</p> : null}
              <p class="pre">{o.body}</p>
              <p class="muted">提交人：{o.name || '（未留姓名）'} · {o.contact}</p>
              {v.mayRun ? (
                <div class="row-form">
                  <PostForm ctx={ctx} action={`${base}/opinions/${o.id}/moderate`} className="inline"><input type="hidden" name="action" value="approve" /><button type="submit">通过并公开</button></PostForm>
                  <PostForm ctx={ctx} action={`${base}/opinions/${o.id}/moderate`} className="inline">
                    <input type="hidden" name="action" value="reject" />
                    <label for={`rj-${o.id}`}>不予公开理由</label>
                    <select id={`rj-${o.id}`} name="reason" required><option value="">请选择</option>{Object.entries(REJECT_REASONS).map(([k, l]) => <option value={k}>{l}</option>)}</select>
                    <label for={`rt-${o.id}`}>说明</label>
                    <input id={`rt-${o.id}`} name="text" required maxlength="1000" />
                    <button type="submit" class="secondary">不予公开</button>
                  </PostForm>
                </div>
              ) : null}
            </div>
          ))}
        </section>
      ) : null}

      {v.opinions.some((o) => o.state === 'rejected') ? (
        <section aria-labelledby="rej-h">
          <h2 id="rej-h">不予公开的意见（{v.opinions.filter((o) => o.state === 'rejected').length}）</h2>
          <p class="hint">不予公开的意见保留原文，不列入意见采纳情况；提交人可凭查询码看到理由。</p>
          {v.opinions.filter((o) => o.state === 'rejected').map((o) => (
            <div class="article opinion rejected">
              <p class="muted">{o.code} · {formatDateTime(o.submittedAt)} · {articleLabel(articles, o.article)} · 理由：{REJECT_REASONS[o.rejectReason as keyof typeof REJECT_REASONS] ?? o.rejectReason}：{o.rejectText}</p>
              <p class="pre">{o.body}</p>
            </div>
          ))}
        </section>
      ) : null}

      {v.mayRun && (c.state === 'scheduled' || c.state === 'open' || (c.state === 'closed' && !v.report)) ? (
        <section aria-labelledby="rec-h">
          <h2 id="rec-h">录入其他方式收集的意见</h2>
          <p class="hint">书面征求意见、实地走访、座谈会等方式收集的意见逐条录入，与网上意见一起逐条处理并计入意见采纳情况。听证会的意见请在“听证会·座谈会”中随会议记录录入。</p>
          <PostForm ctx={ctx} action={`${base}/opinions/record`} className="stack">
            <div class="field-row">
              <Field id="r-method" label="征求方式" required>
                <select id="r-method" name="method" required>
                  {METHODS.filter((m) => m !== 'online').map((m) => <option value={m}>{METHOD_LABELS[m]}</option>)}
                </select>
              </Field>
              <Field id="r-article" label="针对第几条">
                <select id="r-article" name="article">
                  <option value="0">整体意见</option>
                  {articles.map((a) => <option value={String(a.no)}>{a.label}</option>)}
                </select>
              </Field>
            </div>
            <Field id="r-source" label="来源说明" hint="如：2026年11月5日城关镇座谈会、县人大常委会来函，最多 200 字">
              <input id="r-source" name="source" maxlength="200" aria-describedby="r-source-hint" />
            </Field>
            <Field id="r-name" label="提出意见的单位或个人（不公开）">
              <input id="r-name" name="name" maxlength="50" />
            </Field>
            <Field id="r-body" label="意见内容" required>
              <textarea id="r-body" name="body" rows="4" required maxlength="20000"></textarea>
            </Field>
            <p><button type="submit">录入意见</button></p>
          </PostForm>
        </section>
      ) : null}

      {c.state === 'closed' || c.state === 'finished' || decidable.length ? (
        <section aria-labelledby="dec-h">
          <h2 id="dec-h">{c.state === 'closed' || c.state === 'finished' ? '逐条处理意见' : '已审核公开的意见'}（{decidable.length}）</h2>
          {c.state === 'open' || c.state === 'scheduled' ? <p class="hint">征求意见截止后逐条作出处理。</p> : null}
          {deciding ? <p class="hint">每条意见须作出处理：采纳、部分采纳、不予采纳、已有规定或不属于本事项；除采纳外须说明理由。观点相同的意见可以勾选后归为一组，整组作出处理。</p> : null}
          {deciding && decidable.length > 1 ? (
            <div class="inline group-controls">
              <label for="g-point">勾选下列观点相同的意见，概括共同观点</label>
              <input id="g-point" name="point" maxlength="1000" form="group-form" />
              <button type="submit" class="secondary" form="group-form">归为一组</button>
            </div>
          ) : null}
          {v.groups.map((g, i) => {
            const members = decidable.filter((o) => o.groupId === g.id);
            return (
              <div class="article group">
                <h3>第{i + 1}组：{g.point}（{members.length} 条）{g.disposition ? <span class="tag">{DISPOSITION_LABELS[g.disposition as keyof typeof DISPOSITION_LABELS]}</span> : <span class="tag tag-overdue">待处理</span>}</h3>
                <ul>{members.map((o) => <li>{o.code} · {METHOD_LABELS[o.method]} · {articleLabel(articles, o.article)}：{o.body.slice(0, 200)}{deciding ? <PostForm ctx={ctx} action={`${base}/opinions/${o.id}/ungroup`} className="inline"><button type="submit" class="secondary">移出该组</button></PostForm> : null}</li>)}</ul>
                {deciding ? <PostForm ctx={ctx} action={`${base}/groups/${g.id}/decide`} className="inline"><DecisionFields idp={`g${g.id}`} disposition={g.disposition} reason={g.reason} /><button type="submit">保存</button></PostForm> : g.reason ? <p>理由：{g.reason}</p> : null}
              </div>
            );
          })}
          {decidable.filter((o) => !o.groupId).map((o) => (
            <div class="article opinion">
              <p class="muted">
                {deciding && decidable.length > 1 ? <label class="check"><input type="checkbox" name="ids" value={String(o.id)} form="group-form" /> 选中</label> : null}
                {' '}{o.code} · {METHOD_LABELS[o.method]}{o.source ? `（${o.source}）` : ''} · {articleLabel(articles, o.article)}
                {o.disposition ? <span class="tag">{DISPOSITION_LABELS[o.disposition]}</span> : c.state === 'closed' ? <span class="tag tag-overdue">待处理</span> : null}
              </p>
              {o.quote ? <p class="muted">引用原文：“{o.quote}”</p> : null}
              <p class="pre">{o.body}</p>
              {deciding ? <PostForm ctx={ctx} action={`${base}/opinions/${o.id}/decide`} className="inline"><DecisionFields idp={`o${o.id}`} disposition={o.disposition} reason={o.reason} /><button type="submit">保存</button></PostForm> : o.reason ? <p>理由：{o.reason}</p> : null}
            </div>
          ))}
          {deciding && decidable.length > 1 ? <form id="group-form" method="post" action={`${base}/groups`}><input type="hidden" name="_csrf" value={ctx.csrf()} /></form> : null}
        </section>
      ) : null}

      {c.state === 'closed' || c.state === 'finished' ? (
        <section aria-labelledby="rep-h">
          <h2 id="rep-h">意见采纳情况</h2>
          {v.report ? (
            <Fragment>
              <p>{v.report.state === 'published' ? `已发布（${formatDateTime(v.report.publishedAt)}）。` : '已提交，等待审核（须由提交人以外的审核人员或政务公开办审核）。'}</p>
              <ReportView content={v.report.content} publishedAt={v.report.publishedAt} />
              <p><a href={`${base}/feedback.docx`}>下载 Word 版（DOCX）</a></p>
              {v.report.state === 'submitted' && v.mayReview ? (
                <div class="row-form">
                  <PostForm ctx={ctx} action={`${base}/report/review`} className="inline"><input type="hidden" name="action" value="publish" /><button type="submit">审核通过并发布</button></PostForm>
                  <PostForm ctx={ctx} action={`${base}/report/review`} className="inline"><input type="hidden" name="action" value="return" /><label for="rv-note">退回理由</label><input id="rv-note" name="note" maxlength="1000" /><button type="submit" class="secondary">退回修改</button></PostForm>
                </div>
              ) : null}
            </Fragment>
          ) : v.preview ? (
            <Fragment>
              <p class="hint">以下为按目前处理结果生成的预览。提交后由另一人审核，审核通过即在征求意见页面公布。</p>
              <ReportView content={v.preview} publishedAt={null} />
              {v.mayRun ? (
                <PostForm ctx={ctx} action={`${base}/report`} className="stack">
                  <Field id="r-sum" label="补充说明（选填）" error={problems.fields.summary}><textarea id="r-sum" name="summary" rows="4">{''}</textarea></Field>
                  <p class="form-actions"><button type="submit">提交审核</button></p>
                </PostForm>
              ) : null}
            </Fragment>
          ) : <p>还有 {v.work.unmoderated} 条意见待审核、{v.work.undecided} 条待处理；全部处理后生成意见采纳情况。</p>}
          {v.mayRun && c.state === 'closed' ? <PostForm ctx={ctx} action={`${base}/finish`} className="action-form"><p>所有意见均已处理且意见采纳情况已发布后，可以办结。</p><button type="submit">办结</button></PostForm> : null}
        </section>
      ) : null}

      {v.mayRun && c.state !== 'draft' ? (
        <section aria-labelledby="doc-h">
          <h2 id="doc-h">正式文件</h2>
          <p class="hint">草案定稿并在“政府信息”中发布后，填写该信息的编号，信息页面将显示“公众参与情况”并链接回本次征求意见。</p>
          <PostForm ctx={ctx} action={`${base}/document`} className="inline">
            <label for="d-id">信息编号</label>
            <input id="d-id" name="documentId" inputmode="numeric" maxlength="10" value={c.documentId ? String(c.documentId) : ''} />
            <button type="submit" class="secondary">保存</button>
          </PostForm>
        </section>
      ) : null}

      <section aria-labelledby="txt-h">
        <h2 id="txt-h">草案文本</h2>
        <div class="pre doc-body">{c.draftText}</div>
        {c.explanation ? <Fragment><h3>起草说明</h3><div class="pre">{c.explanation}</div></Fragment> : null}
      </section>
    </Layout>
  );
}

export function MattersAdmin({ ctx, matters, agencies, values = {}, problems = NO_PROBLEMS, notice, year, catalogUrl }: { ctx: PageCtx; catalogUrl?: string; matters: Matter[]; agencies: { id: number; name: string }[]; values?: V; problems?: Problems; notice?: string; year: number }): SafeHtml {
  return (
    <Layout ctx={ctx} title="重大行政决策事项目录" admin>
      <h1>重大行政决策事项目录</h1>
      <AdminNav here={`${ADMIN_BASE}/matters`} />
      <Notice text={notice} />
      <p class="hint">目录由本级政府的政务公开办维护：经同级党委同意后公布（国务院令第713号第十条）。调整时记录新版本和调整说明，历次版本在公开页面可查。<a href={catalogUrl ?? CATALOG_BASE}>查看公开目录</a></p>
      {matters.length ? (
        <TableScroll label="决策事项列表">
          <table class="data">
            <caption>决策事项（{matters.length}）</caption>
            <thead><tr><th scope="col">年度</th><th scope="col">事项</th><th scope="col">类别</th><th scope="col">承办单位</th><th scope="col">版本</th><th scope="col">公布日期</th></tr></thead>
            <tbody>{matters.map((m) => <tr><td>{m.year}</td><td><a href={`${ADMIN_BASE}/matters/${m.id}`}>{m.current.title}</a></td><td>{MATTER_CATEGORY_SHORT[m.current.category]}</td><td>{m.current.undertakerName}</td><td>第{m.current.version}版</td><td>{m.current.publishedOn ?? '未公布'}</td></tr>)}</tbody>
          </table>
        </TableScroll>
      ) : <p>目录中还没有事项。</p>}
      <h2>新增决策事项</h2>
      <MatterForm ctx={ctx} action={`${ADMIN_BASE}/matters`} agencies={agencies} values={{ year: String(year), ...values }} problems={problems} adjusting={false} />
    </Layout>
  );
}

export function MatterForm({ ctx, action, agencies, values, problems, adjusting }: { ctx: PageCtx; action: string; agencies: { id: number; name: string }[]; values: V; problems: Problems; adjusting: boolean }): SafeHtml {
  const e = problems.fields;
  const d = (id: string, name: string) => describedBy(id, { error: e[name] });
  return (
    <Fragment>
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={action} className="stack doc-form">
        {adjusting ? null : <Field id="m-year" label="年度" required error={e.year}><input id="m-year" name="year" inputmode="numeric" maxlength="4" required value={str(values, 'year')} aria-describedby={d('m-year', 'year')} /></Field>}
        <Field id="m-title" label="决策事项名称" required error={e.title}><input id="m-title" name="title" maxlength="300" required value={str(values, 'title')} aria-describedby={d('m-title', 'title')} /></Field>
        <Field id="m-cat" label="事项类别" required hint="国务院令第713号第三条" error={e.category}>
          <select id="m-cat" name="category" aria-describedby={describedBy('m-cat', { hint: true, error: e.category })}><option value="">请选择</option>{MATTER_CATEGORIES.map((k) => <option value={k} selected={str(values, 'category') === k}>{MATTER_CATEGORY_SHORT[k]}</option>)}</select>
        </Field>
        <Field id="m-und" label="承办单位" required error={e.undertakerId}>
          <select id="m-und" name="undertakerId" aria-describedby={d('m-und', 'undertakerId')}><option value="">请选择</option>{agencies.map((a) => <option value={String(a.id)} selected={str(values, 'undertakerId') === String(a.id)}>{a.name}</option>)}</select>
        </Field>
        <div class="checks">
          <label class="check"><input type="checkbox" name="hearingRequired" checked={str(values, 'hearingRequired') === 'on'} /> 需要听证</label>
          <label class="check"><input type="checkbox" name="riskAssessmentRequired" checked={str(values, 'riskAssessmentRequired') === 'on'} /> 需要社会稳定风险评估</label>
          {adjusting ? <label class="check"><input type="checkbox" name="withdrawn" checked={str(values, 'withdrawn') === 'on'} /> 调出目录</label> : null}
        </div>
        <div class="field-row">
          <Field id="m-party" label="党委同意日期" hint="年-月-日" error={e.partyAgreedOn}><input id="m-party" name="partyAgreedOn" type="date" value={str(values, 'partyAgreedOn')} aria-describedby={describedBy('m-party', { hint: true, error: e.partyAgreedOn })} /></Field>
          <Field id="m-pub" label="公布日期" hint="年-月-日" error={e.publishedOn}><input id="m-pub" name="publishedOn" type="date" value={str(values, 'publishedOn')} aria-describedby={describedBy('m-pub', { hint: true, error: e.publishedOn })} /></Field>
        </div>
        <Field id="m-doc" label="已公开的决策文件编号（选填）" hint="政府信息的编号；信息页面将显示“公众参与情况”" error={e.documentId}><input id="m-doc" name="documentId" inputmode="numeric" maxlength="10" value={str(values, 'documentId')} aria-describedby={describedBy('m-doc', { hint: true })} /></Field>
        {adjusting ? <Field id="m-note" label="调整说明" required hint="将公开显示在调整记录中" error={e.changeNote}><textarea id="m-note" name="changeNote" rows="3" required aria-describedby={describedBy('m-note', { hint: true, error: e.changeNote })}>{str(values, 'changeNote')}</textarea></Field> : null}
        <p class="form-actions"><button type="submit">{adjusting ? '保存调整' : '加入目录'}</button></p>
      </PostForm>
    </Fragment>
  );
}

export function MatterAdmin({ ctx, m, agencies, values, problems = NO_PROBLEMS, notice, publicUrl }: { ctx: PageCtx; publicUrl?: string; m: Matter; agencies: { id: number; name: string }[]; values?: V; problems?: Problems; notice?: string }): SafeHtml {
  const cur = m.current;
  const initial: V = values ?? { title: cur.title, category: cur.category, undertakerId: String(cur.undertakerId), hearingRequired: cur.hearingRequired ? 'on' : '', riskAssessmentRequired: cur.riskAssessmentRequired ? 'on' : '', partyAgreedOn: cur.partyAgreedOn ?? '', publishedOn: cur.publishedOn ?? '', documentId: m.documentId ? String(m.documentId) : '', withdrawn: cur.withdrawn ? 'on' : '' };
  return (
    <Layout ctx={ctx} title={cur.title} admin crumbs={[{ href: '/admin', label: '工作台' }, { href: `${ADMIN_BASE}/matters`, label: '决策事项目录' }, { label: cur.title }]}>
      <h1>{cur.title}</h1>
      <Notice text={notice} />
      <p><a href={publicUrl ?? `${CATALOG_BASE}/${m.id}`}>查看公开页面</a></p>
      <h2>调整记录</h2>
      <ol>{m.versions.map((x) => <li>第{x.version}版（{formatDateTime(x.createdAt)}）：{x.title}；{x.undertakerName}；{x.changeNote || '首次列入目录'}</li>)}</ol>
      <h2>调整事项</h2>
      <MatterForm ctx={ctx} action={`${ADMIN_BASE}/matters/${m.id}`} agencies={agencies} values={initial} problems={problems} adjusting />
    </Layout>
  );
}

export function SettingsPage({ ctx, s, values, problems = NO_PROBLEMS, notice }: { ctx: PageCtx; s: PartSettings; values?: V; problems?: Problems; notice?: string }): SafeHtml {
  const v: V = values ?? { ...Object.fromEntries(Object.entries(s).map(([k, x]) => [k, String(x)])), sensitiveWords: s.sensitiveWords.join('\n') };
  const e = problems.fields;
  const num = (name: string, label: string, hint?: string) => (
    <Field id={`s-${name}`} label={label} hint={hint} error={e[name]}><input id={`s-${name}`} name={name} inputmode="numeric" maxlength="5" value={str(v, name)} aria-describedby={describedBy(`s-${name}`, { hint: !!hint, error: e[name] })} /></Field>
  );
  return (
    <Layout ctx={ctx} title="公众参与设置" admin>
      <h1>公众参与设置</h1>
      <AdminNav here={`${ADMIN_BASE}/settings`} />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={`${ADMIN_BASE}/settings`} className="stack doc-form">
        <fieldset><legend>最短征求意见期限</legend>
          {num('majorDecisionDays', '重大行政决策（日）', '国务院令第713号第十五条：一般不少于30日')}
          {num('ruleDays', '规章（日）', '一般不少于30日')}
          {num('normativeWorkdays', '行政规范性文件（工作日）', '国办发〔2018〕37号：一般不少于7个工作日')}
        </fieldset>
        <fieldset><legend>防止滥用</legend>
          {num('maxCommentChars', '每条意见字数上限')}
          {num('perContactPerDay', '同一联系方式24小时内提交上限')}
          {num('perAddressPerDay', '同一网络地址24小时内提交上限')}
          <Field id="s-words" label="敏感词" hint="每行一个。含有敏感词的意见不会被删除，而是转人工复核" error={e.sensitiveWords}>
            <textarea id="s-words" name="sensitiveWords" rows="8" aria-describedby={describedBy('s-words', { hint: true, error: e.sensitiveWords })}>{str(v, 'sensitiveWords')}</textarea>
          </Field>
        </fieldset>
        <p class="form-actions"><button type="submit">保存设置</button></p>
      </PostForm>
    </Layout>
  );
}
