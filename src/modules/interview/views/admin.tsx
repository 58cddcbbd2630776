import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { describedBy, ErrorBox, Field, formatDateTime, Notice, PostForm } from '../../../web/components.js';
import { fileUrl } from '../../../core/files/index.js';
import { MAX_GUESTS, type staffInterview, type staffInterviews } from '../interviews.js';
import type { QuestionState } from '../schema.js';
import { guestText, PUBLIC_BASE, STATE_TAG } from './public.js';

export const ADMIN_BASE = '/admin/interview';
export type Problems = { list: string[]; fields: Record<string, string> };
const NO_PROBLEMS: Problems = { list: [], fields: {} };
type V = Record<string, string>;

export const NOTICES: Record<string, string> = {
  created: '已保存访谈草稿。', saved: '已保存。', announced: '访谈预告已发布，公开页面开始征集问题。', live: '访谈已开始。',
  ended: '访谈已结束。', transferred: '未答复的问题已转为留言办理。', closedQ: '已停止征集问题。', openedQ: '已恢复征集问题。',
  approved: '问题已采用，在公开页面公布。', rejected: '问题已不采用，提问人可查到理由。', answered: '答复已保存并公开。', image: '图片已上传。', imageRemoved: '图片已删除。',
  transcript: '实录已保存。', transcriptPublished: '实录已发布。',
};

export const ADMIN_QUESTION_LABELS: Record<QuestionState, string> = {
  pending: '待审核', held: '含敏感词，待复核', approved: '已采用，待答复', rejected: '不采用', answered: '已答复', transferred: '已转为留言',
};

function AdminNav({ here }: { here: string }): SafeHtml {
  const items = [{ href: ADMIN_BASE, label: '在线访谈' }, { href: `${ADMIN_BASE}/new`, label: '新建访谈' }];
  return <nav class="subnav" aria-label="在线访谈"><ul>{items.map((i) => <li><a href={i.href} aria-current={i.href === here ? 'page' : undefined}>{i.label}</a></li>)}</ul></nav>;
}

export function AdminList({ ctx, rows, notice }: { ctx: PageCtx; rows: Awaited<ReturnType<typeof staffInterviews>>; notice?: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title="在线访谈" admin>
      <h1>在线访谈</h1>
      <AdminNav here={ADMIN_BASE} />
      <Notice text={notice} />
      {rows.length ? (
        <div class="table-wrap">
          <table class="data">
            <caption>在线访谈（{rows.length}）</caption>
            <thead><tr><th scope="col">访谈主题</th><th scope="col">嘉宾</th><th scope="col">访谈时间</th><th scope="col">状态</th><th scope="col">待审核问题</th></tr></thead>
            <tbody>{rows.map((r) => <tr><td><a href={`${ADMIN_BASE}/${r.id}`}>{r.topic}</a></td><td>{guestText(r.guests)}</td><td>{formatDateTime(r.startsAt)}</td><td>{STATE_TAG[r.state]}{r.transcriptPublishedAt ? '，实录已发布' : ''}</td><td>{r.toReview ? String(r.toReview) : '—'}</td></tr>)}</tbody>
          </table>
        </div>
      ) : <p>还没有在线访谈。<a href={`${ADMIN_BASE}/new`}>新建访谈</a></p>}
    </Layout>
  );
}

export function InterviewForm({ ctx, action, heading, values, hosts, problems = NO_PROBLEMS }: { ctx: PageCtx; action: string; heading: string; values: V; hosts: { id: number; name: string }[]; problems?: Problems }): SafeHtml {
  const e = problems.fields;
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: e[name] });
  const text = (name: string, label: string, opts: { required?: boolean; hint?: string; max?: number } = {}) => (
    <Field id={`f-${name}`} label={label} required={opts.required} hint={opts.hint} error={e[name]}>
      <input id={`f-${name}`} name={name} maxlength={String(opts.max ?? 100)} required={opts.required} value={values[name] ?? ''} aria-describedby={d(`f-${name}`, name, !!opts.hint)} />
    </Field>
  );
  return (
    <Layout ctx={ctx} title={heading} admin>
      <h1>{heading}</h1>
      <AdminNav here={action.endsWith('/new') ? `${ADMIN_BASE}/new` : ''} />
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={action} className="stack doc-form">
        {text('topic', '访谈主题', { required: true, max: 200 })}
        <Field id="f-startsAt" label="访谈时间" required hint="北京时间" error={e.startsAt}>
          <input id="f-startsAt" name="startsAt" type="datetime-local" required value={values.startsAt ?? ''} aria-describedby={d('f-startsAt', 'startsAt', true)} />
        </Field>
        <Field id="f-agencyId" label="主办单位" hint="访谈中未答复的问题转为留言时，交由该单位办理" error={e.agencyId}>
          <select id="f-agencyId" name="agencyId" aria-describedby={d('f-agencyId', 'agencyId', true)}>
            {hosts.map((a) => <option value={String(a.id)} selected={values.agencyId === String(a.id)}>{a.name}</option>)}
          </select>
        </Field>
        {Array.from({ length: MAX_GUESTS }, (_, k) => k + 1).map((i) => (
          <fieldset>
            <legend>第 {i} 位嘉宾{i === 1 ? '' : '（选填）'}</legend>
            <div class="field-row">
              {text(`g${i}Name`, '姓名', { required: i === 1 })}
              {text(`g${i}Title`, '职务')}
              {text(`g${i}Agency`, '单位')}
            </div>
          </fieldset>
        ))}
        <Field id="f-description" label="访谈介绍" hint="访谈的背景和主要内容，在公开页面显示" error={e.description}>
          <textarea id="f-description" name="description" rows="6" aria-describedby={d('f-description', 'description', true)}>{values.description ?? ''}</textarea>
        </Field>
        <p class="form-actions"><button type="submit">保存</button></p>
      </PostForm>
    </Layout>
  );
}

type AdminView = Awaited<ReturnType<typeof staffInterview>> & { files: Record<number, string>; publicUrl?: string };

export function AdminInterview({ ctx, v, notice, problems = NO_PROBLEMS, transcriptValue }: { ctx: PageCtx; v: AdminView; notice?: string; problems?: Problems; transcriptValue?: string }): SafeHtml {
  const { iv } = v;
  const base = `${ADMIN_BASE}/${iv.id}`;
  const e = problems.fields;
  const toReview = v.questions.filter((q) => q.state === 'pending' || q.state === 'held');
  const approved = v.questions.filter((q) => q.state === 'approved');
  const done = v.questions.filter((q) => q.state === 'answered' || q.state === 'transferred' || q.state === 'rejected');
  const img = (fileId: number, name: string, alt: string) => v.files[fileId] ? <img class="fit thumb" src={fileUrl(v.files[fileId]!, name)} alt={alt} /> : null;
  const open = (iv.state === 'announced' || iv.state === 'live') && !iv.questionsClosedAt;
  const button = (path: string, label: string, hint?: string, secondary = false) => (
    <PostForm ctx={ctx} action={`${base}/${path}`} className="stack">
      {hint ? <p class="muted">{hint}</p> : null}
      <p><button type="submit" class={secondary ? 'secondary' : undefined}>{label}</button></p>
    </PostForm>
  );
  return (
    <Layout ctx={ctx} title={iv.topic} admin>
      <h1>{iv.topic}</h1>
      <AdminNav here="" />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      <dl class="facts">
        <dt>状态</dt><dd>{STATE_TAG[iv.state]}{iv.state === 'announced' || iv.state === 'live' ? (open ? '，正在征集问题' : '，已停止征集问题') : ''}{iv.state !== 'draft' ? <Fragment> · <a href={v.publicUrl ?? `${PUBLIC_BASE}/${iv.id}`}>查看公开页面</a></Fragment> : null}</dd>
        <dt>访谈时间</dt><dd>{formatDateTime(iv.startsAt)}</dd>
        <dt>嘉宾</dt><dd>{guestText(iv.guests)}</dd>
        <dt>主办单位</dt><dd>{v.host}</dd>
      </dl>
      {iv.state !== 'ended' ? <p><a class="button secondary" href={`${base}/edit`}>修改访谈信息</a></p> : null}

      <section aria-labelledby="act-h">
        <h2 id="act-h">访谈进程</h2>
        {iv.state === 'draft' ? button('announce', '发布访谈预告', '发布后，访谈预告在公开页面显示，并开始征集网友问题。') : null}
        {iv.state === 'announced' ? button('live', '开始访谈', '访谈开始后答复的问题，作为“访谈中答复”公开。') : null}
        {open ? button('questions/close', '停止征集问题', undefined, true) : null}
        {(iv.state === 'announced' || iv.state === 'live') && iv.questionsClosedAt ? button('questions/open', '恢复征集问题', undefined, true) : null}
        {iv.state === 'announced' || iv.state === 'live' ? button('end', '结束访谈', `结束后不再征集问题；已采用但未答复的 ${approved.length} 个问题将转为留言，交主办单位（${v.host}）办理。`) : null}
        {iv.state === 'ended' && !approved.length ? <p>访谈已结束，已采用的问题均已答复或转为留言办理。</p> : null}
        {iv.state === 'ended' && approved.length ? button('transfer', '转为留言办理', `还有 ${approved.length} 个已采用的问题未答复。可以在下方作会后答复，或转为留言交主办单位办理。`) : null}
      </section>

      <section aria-labelledby="img-h">
        <h2 id="img-h">访谈图片</h2>
        {iv.imageFileId ? <figure class="fit">{img(iv.imageFileId, iv.imageName, '访谈图片')}</figure> : <p>还没有上传访谈图片。</p>}
        <PostForm ctx={ctx} action={`${base}/image`} enctype="multipart/form-data" className="stack">
          <Field id="img-file" label={iv.imageFileId ? '更换访谈图片' : '上传访谈图片'} hint="JPG 或 PNG，不超过 10 MB；发布预告后在公开页面显示" error={e.file && !e.transcriptImage ? e.file : undefined}>
            <input id="img-file" type="file" name="file" accept="image/jpeg,image/png" required aria-describedby="img-file-hint" />
          </Field>
          <p><button type="submit">上传</button></p>
        </PostForm>
      </section>

      <section aria-labelledby="mod-h">
        <h2 id="mod-h">待审核的问题（{toReview.length}）</h2>
        {toReview.length ? (
          <ol class="stack">
            {toReview.map((q) => (
              <li>
                <p class="pre">{q.body}</p>
                <p class="muted">{q.code} · {formatDateTime(q.submittedAt)} · {ADMIN_QUESTION_LABELS[q.state]}</p>
                <PostForm ctx={ctx} action={`${base}/questions/${q.id}/approve`} className="inline"><button type="submit">采用并公布</button></PostForm>
                <PostForm ctx={ctx} action={`${base}/questions/${q.id}/reject`} className="stack">
                  <Field id={`rj-${q.id}`} label="不采用的理由" hint="提问人凭查询码可见" error={e[`reason-${q.id}`]}>
                    <input id={`rj-${q.id}`} name="reason" maxlength="500" required aria-describedby={describedBy(`rj-${q.id}`, { hint: true, error: e[`reason-${q.id}`] })} />
                  </Field>
                  <p><button type="submit" class="secondary">不采用</button></p>
                </PostForm>
              </li>
            ))}
          </ol>
        ) : <p>没有待审核的问题。</p>}
      </section>

      <section aria-labelledby="ans-h">
        <h2 id="ans-h">已采用、待答复的问题（{approved.length}）</h2>
        {iv.state === 'ended' ? <p class="muted">访谈已结束，现在的答复作为“会后答复”公开。</p> : iv.state !== 'live' ? <p class="muted">访谈开始后即可答复；访谈开始前答复的，也作为访谈中答复公开。</p> : null}
        {approved.length ? (
          <ol class="stack">
            {approved.map((q) => (
              <li>
                <p class="pre">{q.body}</p>
                <PostForm ctx={ctx} action={`${base}/questions/${q.id}/answer`} className="stack">
                  <Field id={`an-${q.id}`} label={iv.state === 'ended' ? '会后答复' : '答复'} required error={e[`answer-${q.id}`]}>
                    <textarea id={`an-${q.id}`} name="answer" rows="4" required aria-describedby={describedBy(`an-${q.id}`, { error: e[`answer-${q.id}`] })}></textarea>
                  </Field>
                  <p><button type="submit">保存并公开答复</button></p>
                </PostForm>
              </li>
            ))}
          </ol>
        ) : <p>没有待答复的问题。</p>}
      </section>

      {done.length ? (
        <section aria-labelledby="done-h">
          <h2 id="done-h">已处理的问题（{done.length}）</h2>
          <div class="table-wrap">
            <table class="data">
              <caption>已答复、不采用和转为留言的问题</caption>
              <thead><tr><th scope="col">问题</th><th scope="col">处理</th><th scope="col">答复或理由</th></tr></thead>
              <tbody>{done.map((q) => (
                <tr>
                  <td class="pre">{q.body}</td>
                  <td>{q.state === 'answered' ? (q.answeredWhen === 'after' ? '会后答复' : '访谈中答复') : ADMIN_QUESTION_LABELS[q.state]}{q.messageCode ? <Fragment><br /><span class="code">{q.messageCode}</span></Fragment> : null}</td>
                  <td class="pre">{q.state === 'answered' ? q.answer : q.state === 'rejected' ? q.rejectReason : '交主办单位作为留言办理'}</td>
                </tr>
              ))}</tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="tx-h">
        <h2 id="tx-h">访谈实录</h2>
        {iv.transcriptPublishedAt ? <p class="notice">实录已于 {formatDateTime(iv.transcriptPublishedAt)} 发布；保存修改后公开页面随即更新。</p> : null}
        <PostForm ctx={ctx} action={`${base}/transcript`} className="stack">
          <Field id="tx-text" label="实录文字" required hint="主持人、嘉宾和网友问答的文字记录" error={e.transcript}>
            <textarea id="tx-text" name="transcript" rows="14" required aria-describedby={describedBy('tx-text', { hint: true, error: e.transcript })}>{transcriptValue ?? iv.transcript}</textarea>
          </Field>
          <p class="form-actions">
            <button type="submit" name="action" value="save" class="secondary">保存</button>{' '}
            {iv.state !== 'draft' ? <button type="submit" name="action" value="publish">{iv.transcriptPublishedAt ? '保存并更新公开实录' : '发布实录'}</button> : null}
          </p>
        </PostForm>
        <h3>实录图片（{iv.transcriptImages.length}）</h3>
        {iv.transcriptImages.length ? (
          <div class="stack">
            {iv.transcriptImages.map((im) => (
              <figure class="fit">
                {img(im.fileId, im.name, im.name)}
                <figcaption>{im.name}{!iv.transcriptPublishedAt ? <Fragment>{' '}<PostForm ctx={ctx} action={`${base}/images/${im.fileId}/remove`} className="inline"><button type="submit" class="link">删除</button></PostForm></Fragment> : null}</figcaption>
              </figure>
            ))}
          </div>
        ) : <p>还没有实录图片。</p>}
        <PostForm ctx={ctx} action={`${base}/images`} enctype="multipart/form-data" className="stack">
          <Field id="tx-image" label="上传实录图片" hint="JPG 或 PNG，不超过 10 MB；随实录发布" error={e.transcriptImage}>
            <input id="tx-image" type="file" name="file" accept="image/jpeg,image/png" required aria-describedby="tx-image-hint" />
          </Field>
          <p><button type="submit">上传</button></p>
        </PostForm>
      </section>
    </Layout>
  );
}
