import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { describedBy, ErrorBox, Field, formatDateTime, Honeypot, PostForm } from '../../../web/components.js';
import { fileUrl } from '../../../core/files/index.js';
import type { Guest, InterviewState, QuestionState } from '../schema.js';
import type { PublicInterview, QuestionStatus } from '../interviews.js';

export const PUBLIC_BASE = '/fangtan';
const CRUMB = { href: PUBLIC_BASE, label: '在线访谈' };
export type FormValues = Record<string, string>;

export const STATE_TAG: Record<InterviewState, string> = { draft: '草稿', announced: '访谈预告', live: '正在直播', ended: '已结束' };
export const QUESTION_STATE_LABELS: Record<QuestionState, string> = {
  pending: '已收到，等待审核', held: '已收到，内容需人工复核后决定是否采用', approved: '已采用，等待答复', rejected: '未采用',
  answered: '已答复', transferred: '访谈中未能答复，已转为留言办理',
};

export const guestText = (gs: Guest[]): string => gs.map((g) => [g.agency, g.title, g.name].filter(Boolean).join(' ')).join('；');
const Paras = ({ text }: { text: string }): SafeHtml => <Fragment>{text.split(/\n+/).filter((p) => p.trim()).map((p) => <p>{p}</p>)}</Fragment>;

type ListRow = { id: number; topic: string; guests: Guest[]; startsAt: Date; state: InterviewState; transcriptPublishedAt: Date | null };

export function ListPage({ ctx, rows }: { ctx: PageCtx; rows: ListRow[] }): SafeHtml {
  const group = (title: string, id: string, list: ListRow[], empty: string) => (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {list.length ? (
        <ul class="doc-list">
          {list.map((r) => (
            <li>
              <a href={`${PUBLIC_BASE}/${r.id}`}>{r.topic}</a>
              <span class={r.state === 'live' ? 'tag tag-due_soon' : 'tag'}>{STATE_TAG[r.state]}</span>
              {r.transcriptPublishedAt ? <span class="tag">有实录</span> : null}
              <div class="doc-list-meta">访谈时间：{formatDateTime(r.startsAt)} · 嘉宾：{guestText(r.guests)}</div>
            </li>
          ))}
        </ul>
      ) : <p>{empty}</p>}
    </section>
  );
  const coming = rows.filter((r) => r.state !== 'ended').sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return (
    <Layout ctx={ctx} title="在线访谈" crumbs={[{ href: '/', label: '首页' }, { label: '在线访谈' }]}>
      <h1>在线访谈</h1>
      <p>部门负责人走进访谈间，就群众关心的问题与网友在线交流。访谈前和访谈中均可提问，未能在访谈中答复的问题，会后转为留言办理并答复。</p>
      <p><a href={`${PUBLIC_BASE}/status`}>查询我的提问</a></p>
      {group('访谈预告和正在进行的访谈', 'iv-coming', coming, '暂无访谈预告。')}
      {group('往期访谈', 'iv-past', rows.filter((r) => r.state === 'ended'), '暂无往期访谈。')}
    </Layout>
  );
}

export function InterviewPage({ ctx, v, values, errors = [], fieldErrors = {} }: { ctx: PageCtx; v: PublicInterview; values: FormValues; errors?: string[]; fieldErrors?: Record<string, string> }): SafeHtml {
  const { iv } = v;
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: fieldErrors[name] });
  const qa = (list: { body: string; answer: string }[]) => (
    <ol class="stack qa">
      {list.map((q) => <li><p><strong>网友提问：</strong>{q.body}</p><p><strong>嘉宾答复：</strong>{q.answer}</p></li>)}
    </ol>
  );
  return (
    <Layout ctx={ctx} title={iv.topic} crumbs={[{ href: '/', label: '首页' }, CRUMB, { label: iv.topic }]}>
      <article class="doc interview">
        <h1>{iv.topic}</h1>
        {iv.state === 'live' ? <p class="notice" role="status">访谈正在进行，欢迎提问。</p> : null}
        <dl class="facts">
          <dt>访谈时间</dt><dd>{formatDateTime(iv.startsAt)}</dd>
          <dt>访谈嘉宾</dt><dd>{iv.guests.map((g, i) => <Fragment>{i ? <br /> : null}{[g.agency, g.title, g.name].filter(Boolean).join(' ')}</Fragment>)}</dd>
          {v.host ? <Fragment><dt>主办单位</dt><dd>{v.host}</dd></Fragment> : null}
          <dt>状态</dt><dd>{STATE_TAG[iv.state]}{v.open ? '，正在征集问题' : iv.state !== 'ended' ? '，已停止征集问题' : ''}</dd>
        </dl>
        {iv.imageFileId ? <figure class="fit"><img class="fit" src={imgSrc(v, iv.imageFileId, iv.imageName)} alt={`${iv.topic}访谈图片`} /></figure> : null}
        {iv.description ? <section aria-labelledby="desc-h"><h2 id="desc-h">访谈介绍</h2><div class="doc-body"><Paras text={iv.description} /></div></section> : null}

        {v.open ? (
          <section aria-labelledby="ask-h">
            <h2 id="ask-h">我要提问</h2>
            <p class="muted">问题经审核后在本页公布；姓名和联系电话只供工作人员联系，不会公开。访谈中未能答复的问题，会后转为留言办理。</p>
            <ErrorBox errors={errors} />
            <PostForm ctx={ctx} action={`${PUBLIC_BASE}/${iv.id}/ask`} className="stack">
              <input type="hidden" name="submitKey" value={values.submitKey ?? ''} />
              <Field id="q-body" label="问题" required hint="不超过 1000 字" error={fieldErrors.body}>
                <textarea id="q-body" name="body" rows="5" maxlength="1000" required aria-describedby={d('q-body', 'body', true)}>{values.body ?? ''}</textarea>
              </Field>
              <Field id="q-name" label="姓名（选填）" hint="不公开" error={fieldErrors.name}>
                <input id="q-name" name="name" maxlength="50" autocomplete="name" value={values.name ?? ''} aria-describedby={d('q-name', 'name', true)} />
              </Field>
              <Field id="q-phone" label="联系电话" required hint="问题转为留言办理时供工作人员联系，不公开" error={fieldErrors.phone}>
                <input id="q-phone" name="phone" maxlength="30" required inputmode="tel" autocomplete="tel" value={values.phone ?? ''} aria-describedby={d('q-phone', 'phone', true)} />
              </Field>
              <Honeypot id="q-homepage" />
              <p class="form-actions"><button type="submit">提交问题</button></p>
            </PostForm>
          </section>
        ) : null}

        {v.live.length ? <section aria-labelledby="live-h"><h2 id="live-h">访谈中答复的问题（{v.live.length}）</h2>{qa(v.live)}</section> : null}
        {v.after.length ? <section aria-labelledby="after-h"><h2 id="after-h">会后答复（{v.after.length}）</h2>{qa(v.after)}</section> : null}
        {v.waiting.length ? (
          <section aria-labelledby="wait-h">
            <h2 id="wait-h">已采用、等待答复的问题（{v.waiting.length}）</h2>
            <ol class="stack">{v.waiting.map((q) => <li>{q.body}</li>)}</ol>
          </section>
        ) : null}
        {v.transferred.length ? (
          <section aria-labelledby="tr-h">
            <h2 id="tr-h">转为留言办理的问题（{v.transferred.length}）</h2>
            <p class="muted">以下问题访谈中未能答复，已转交主办单位作为留言办理，答复后在留言栏目公开。</p>
            <ol class="stack">{v.transferred.map((q) => <li><p>{q.body}</p><p class="muted">留言查询码：<span class="code">{q.messageCode}</span></p></li>)}</ol>
          </section>
        ) : null}
        {iv.transcriptPublishedAt ? (
          <section aria-labelledby="tr-text-h">
            <h2 id="tr-text-h">访谈实录</h2>
            <p class="muted">发布时间：{formatDateTime(iv.transcriptPublishedAt)}</p>
            {iv.transcriptImages.length ? <div class="iv-images">{iv.transcriptImages.map((im) => <figure class="fit"><img class="fit" src={imgSrc(v, im.fileId, im.name)} alt={`访谈现场图片：${im.name}`} loading="lazy" /></figure>)}</div> : null}
            <div class="doc-body"><Paras text={iv.transcript} /></div>
          </section>
        ) : null}
        <p><a href={`${PUBLIC_BASE}/status`}>查询我的提问</a></p>
      </article>
    </Layout>
  );
}

/** The files-store address of an image the page shows (its sha256 looked up by the route). */
function imgSrc(v: PublicInterview, fileId: number, name: string): string {
  const sha = v.files?.[fileId];
  return sha ? fileUrl(sha, name) : '';
}

export function AskedPage({ ctx, code, state, interviewId, topic }: { ctx: PageCtx; code: string; state: QuestionState; interviewId: number; topic: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title="问题已提交" crumbs={[{ href: '/', label: '首页' }, CRUMB, { label: '问题已提交' }]}>
      <h1>问题已提交</h1>
      <div class="receipt">
        <p>您对访谈“{topic}”的提问已收到。</p>
        <p>状态：<strong>{QUESTION_STATE_LABELS[state]}</strong></p>
        {state === 'held' ? <p>您的问题含有需要人工复核的词语，工作人员复核后决定是否采用，问题不会被丢弃；结果可凭查询码查询。</p> : null}
        <p>查询码：<strong class="code">{code}</strong></p>
        <p>请记下查询码：凭查询码可以查询审核结果和答复；问题转为留言办理的，还可查到留言查询码和查询密钥。查询码只显示这一次。</p>
      </div>
      <p class="form-actions">
        <a class="button" href={`${PUBLIC_BASE}/status`}>查询我的提问</a>
        <a class="button secondary" href={`${PUBLIC_BASE}/${interviewId}`}>返回访谈页面</a>
      </p>
    </Layout>
  );
}

/** The messages module's status page, where a question filed as a message is followed with its LY- code and key. */
export const MESSAGE_STATUS = '/liuyan/status';

export function StatusPage({ ctx, code = '', error, s, links }: { ctx: PageCtx; code?: string; error?: string; s?: QuestionStatus; links?: { interview: string; messageStatus: string } }): SafeHtml {
  return (
    <Layout ctx={ctx} title="查询我的提问" crumbs={[{ href: '/', label: '首页' }, CRUMB, { label: '查询我的提问' }]}>
      <h1>查询我的提问</h1>
      <PostForm ctx={ctx} action={`${PUBLIC_BASE}/status`} className="stack narrow">
        <Field id="s-code" label="查询码" hint="提问后得到，如 FT-ABCD2345EF" error={error}>
          <input id="s-code" name="code" maxlength="40" required value={code} autocomplete="off" aria-describedby={describedBy('s-code', { hint: true, error })} />
        </Field>
        <Honeypot id="s-homepage" />
        <p class="form-actions"><button type="submit">查询</button></p>
      </PostForm>
      {s ? (
        <section aria-labelledby="st-h">
          <h2 id="st-h">查询结果</h2>
          <dl class="facts">
            <dt>访谈</dt><dd><a href={links?.interview ?? `${PUBLIC_BASE}/${s.interviewId}`}>{s.topic}</a></dd>
            <dt>问题</dt><dd class="pre">{s.body}</dd>
            <dt>状态</dt><dd>{QUESTION_STATE_LABELS[s.state]}</dd>
            {s.state === 'rejected' && s.rejectReason ? <Fragment><dt>未采用理由</dt><dd>{s.rejectReason}</dd></Fragment> : null}
            {s.state === 'answered' ? <Fragment><dt>{s.answeredWhen === 'after' ? '会后答复' : '访谈中答复'}</dt><dd class="pre">{s.answer}</dd></Fragment> : null}
            {s.state === 'transferred' && s.messageCode ? (
              <Fragment>
                <dt>留言查询码</dt><dd><strong class="code">{s.messageCode}</strong></dd>
                <dt>留言查询密钥</dt><dd><strong class="code">{s.messageCheckKey ?? ''}</strong></dd>
              </Fragment>
            ) : null}
          </dl>
          {s.state === 'transferred' ? (
            <Fragment>
              <p>您的问题访谈中未能答复，已转为留言交主办单位办理。请抄下上面的留言查询码和查询密钥，在“留言咨询”栏目的查询页面输入，即可查看办理过程和答复，并对答复作出评价。</p>
              {s.messageCode ? <p><a class="button" href={links?.messageStatus ?? MESSAGE_STATUS}>查询留言办理情况</a></p> : null}
            </Fragment>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}
