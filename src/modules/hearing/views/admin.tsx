import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { describedBy, ErrorBox, Field, formatDateTime, Notice, PostForm } from '../../../web/components.js';
import { localDateTime } from '../../participation/consultations.js';
import { DISPOSITION_LABELS } from '../../participation/labels.js';
import { articleLabel, splitArticles } from '../../participation/articles.js';
import { MEETING_KINDS, PARTICIPANT_CATEGORIES, SELECTION_RULES, type ParticipantCategory } from '../schema.js';
import { CATEGORY_LABELS, KIND_LABELS, REGISTRATION_STATE_LABELS, RULE_LABELS } from '../labels.js';
import type { MeetingRow } from '../policy.js';
import type { RegistrationRow } from '../registrations.js';
import type { meetingOpinions } from '../records.js';
import type { HearSettings } from '../settings.js';
import { PUBLIC_BASE } from './public.js';

export const ADMIN_BASE = '/admin/hearing';
export type Problems = { list: string[]; fields: Record<string, string> };
const NO_PROBLEMS: Problems = { list: [], fields: {} };
type V = Record<string, string | string[] | undefined>;
const str = (v: V, k: string) => { const x = v[k]; return (Array.isArray(x) ? x.at(-1) : x) ?? ''; };
const list = (v: V, k: string) => { const x = v[k]; return Array.isArray(x) ? x : x ? [x] : []; };

export const NOTICES: Record<string, string> = {
  created: '已保存会议草稿。', saved: '已保存。', announced: '会议公告已发布。', cancelled: '会议已取消，公开页面已说明原因。', selected: '参加人已调整。', drawn: '已随机抽选参加人。', listed: '参加人名单已公布。',
  attached: '材料已上传。', removed: '材料已删除。', materials: '会议材料已发布。', minutes: '会议笔录已保存。', minutesPublished: '会议笔录已公开。',
  report: '会议报告已保存。', reportPublished: '会议报告已公开。', opinion: '意见已录入征求意见的意见清单。', settings: '设置已保存。',
};

function AdminNav({ here }: { here: string }): SafeHtml {
  const items = [{ href: ADMIN_BASE, label: '听证会·座谈会' }, { href: `${ADMIN_BASE}/new`, label: '新建会议' }, { href: `${ADMIN_BASE}/settings`, label: '听证座谈设置' }, { href: '/admin/participation', label: '征求意见' }];
  return <nav class="subnav" aria-label="听证会座谈会"><ul>{items.map((i) => <li><a href={i.href} aria-current={i.href === here ? 'page' : undefined}>{i.label}</a></li>)}</ul></nav>;
}

const stateOf = (m: MeetingRow, now = new Date()) => m.state === 'draft' ? '草稿' : m.state === 'cancelled' ? '已取消' : m.minutesAt ? '已召开' : m.startsAt <= now ? '已召开，待录入笔录' : now < m.regClosesAt ? '报名中' : '报名已截止';

export function AdminList({ ctx, rows, notice }: { ctx: PageCtx; rows: (MeetingRow & { consultationTitle: string })[]; notice?: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title="听证会·座谈会" admin>
      <h1>听证会·座谈会</h1>
      <AdminNav here={ADMIN_BASE} />
      <Notice text={notice} />
      {rows.length ? (
        <div class="table-wrap">
          <table class="data">
            <caption>会议（{rows.length}）</caption>
            <thead><tr><th scope="col">会议</th><th scope="col">类型</th><th scope="col">征求意见</th><th scope="col">会议时间</th><th scope="col">状态</th></tr></thead>
            <tbody>{rows.map((m) => <tr><td><a href={`${ADMIN_BASE}/${m.id}`}>{m.title}</a></td><td>{KIND_LABELS[m.kind]}</td><td><a href={`/admin/participation/${m.consultationId}`}>{m.consultationTitle}</a></td><td>{formatDateTime(m.startsAt)}</td><td>{stateOf(m)}</td></tr>)}</tbody>
          </table>
        </div>
      ) : <p>还没有听证会、座谈会。<a href={`${ADMIN_BASE}/new`}>新建会议</a></p>}
    </Layout>
  );
}

export function MeetingForm({ ctx, action, heading, values, problems = NO_PROBLEMS, consultations }: { ctx: PageCtx; action: string; heading: string; values: V; problems?: Problems; consultations?: { id: number; title: string }[] }): SafeHtml {
  const e = problems.fields;
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: e[name] });
  const dt = (name: string, label: string) => <Field id={`m-${name}`} label={label} required error={e[name]}><input id={`m-${name}`} name={name} type="datetime-local" required value={str(values, name)} aria-describedby={d(`m-${name}`, name)} /></Field>;
  return (
    <Layout ctx={ctx} title={heading} admin>
      <h1>{heading}</h1>
      <AdminNav here={consultations ? `${ADMIN_BASE}/new` : ''} />
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={action} className="stack doc-form">
        {consultations ? (
          <Field id="m-consultation" label="征求意见事项" required hint="会上意见将列入该征求意见的意见清单，逐条处理" error={e.consultationId}>
            <select id="m-consultation" name="consultationId" required aria-describedby={d('m-consultation', 'consultationId', true)}>
              <option value="">请选择</option>
              {consultations.map((c) => <option value={String(c.id)} selected={str(values, 'consultationId') === String(c.id)}>{c.title}</option>)}
            </select>
          </Field>
        ) : null}
        <fieldset><legend>会议类型</legend>
          {MEETING_KINDS.map((k) => <label class="check"><input type="radio" name="kind" value={k} checked={str(values, 'kind') === k} /> {KIND_LABELS[k]}</label>)}
          {e.kind ? <p class="field-error">{e.kind}</p> : null}
        </fieldset>
        <Field id="m-title" label="会议名称" required error={e.title}><input id="m-title" name="title" maxlength="200" required value={str(values, 'title')} aria-describedby={d('m-title', 'title')} /></Field>
        <div class="field-row">
          {dt('startsAt', '会议时间')}
          <Field id="m-place" label="会议地点" required error={e.place}><input id="m-place" name="place" maxlength="200" required value={str(values, 'place')} aria-describedby={d('m-place', 'place')} /></Field>
        </div>
        <Field id="m-announcement" label="会议公告" required hint="会议事项、时间地点、参加人条件、报名方式等，向社会公开" error={e.announcement}>
          <textarea id="m-announcement" name="announcement" rows="8" required aria-describedby={d('m-announcement', 'announcement', true)}>{str(values, 'announcement')}</textarea>
        </Field>
        <fieldset><legend>参加人类别</legend>
          <p class="hint">听证会的参加人应当包括利害关系人代表。</p>
          {PARTICIPANT_CATEGORIES.map((c) => <label class="check"><input type="checkbox" name="categories" value={c} checked={list(values, 'categories').includes(c)} /> {CATEGORY_LABELS[c]}</label>)}
          {e.categories ? <p class="field-error">{e.categories}</p> : null}
        </fieldset>
        <fieldset><legend>遴选方式</legend>
          {SELECTION_RULES.map((r) => <label class="check"><input type="radio" name="rule" value={r} checked={str(values, 'rule') === r} /> {RULE_LABELS[r]}</label>)}
          {e.rule ? <p class="field-error">{e.rule}</p> : null}
          <Field id="m-ruleText" label="遴选办法说明" hint="随机抽选、按类别遴选的须说明办法（例如各类别名额），向社会公开" error={e.ruleText}>
            <textarea id="m-ruleText" name="ruleText" rows="3" aria-describedby={d('m-ruleText', 'ruleText', true)}>{str(values, 'ruleText')}</textarea>
          </Field>
        </fieldset>
        <div class="field-row">
          {dt('regOpensAt', '报名开始时间')}
          {dt('regClosesAt', '报名截止时间')}
        </div>
        <div class="field-row">
          <Field id="m-capacity" label="报名名额" required hint="报名人数达到名额后不再接受报名" error={e.capacity}><input id="m-capacity" name="capacity" inputmode="numeric" maxlength="6" required value={str(values, 'capacity')} aria-describedby={d('m-capacity', 'capacity', true)} /></Field>
          <Field id="m-seats" label="参加人数" hint="随机抽选、按类别遴选时确定的参加人数；先报名先得时等于报名名额" error={e.seats}><input id="m-seats" name="seats" inputmode="numeric" maxlength="6" value={str(values, 'seats')} aria-describedby={d('m-seats', 'seats', true)} /></Field>
        </div>
        <p class="form-actions"><button type="submit">保存</button></p>
      </PostForm>
    </Layout>
  );
}

export type AdminView = {
  m: MeetingRow; consultation: { id: number; title: string; draftText: string; state: string }; mayRun: boolean; registrations: RegistrationRow[];
  opinions: Awaited<ReturnType<typeof meetingOpinions>>; materialsDays: number; materialsDueAt: Date; materialsLate: boolean; now: Date; publicUrl?: string;
};

const Warn = ({ children }: { children?: unknown }): SafeHtml => <div class="notice warning" role="alert">{children as SafeHtml}</div>;

export function AdminMeeting({ ctx, v, notice, problems = NO_PROBLEMS }: { ctx: PageCtx; v: AdminView; notice?: string; problems?: Problems }): SafeHtml {
  const { m, now } = v;
  const base = `${ADMIN_BASE}/${m.id}`;
  const selected = v.registrations.filter((r) => r.state === 'selected');
  const affected = selected.filter((r) => r.category === 'affected').length;
  const held = m.startsAt <= now;
  const articles = splitArticles(v.consultation.draftText);
  const e = problems.fields;
  const noAffected = m.kind === 'hearing' && m.state === 'announced' && !affected;
  return (
    <Layout ctx={ctx} title={m.title} admin>
      <h1>{m.title}</h1>
      <AdminNav here="" />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      {noAffected ? <Warn>听证会的参加人中还没有利害关系人代表。请从报名人中确定利害关系人代表，或说明原因后再公布名单。</Warn> : null}
      {m.state === 'announced' && !m.materialsPublishedAt && !held && v.materialsLate ? <Warn>距会议已不足 {v.materialsDays} 天（应于 {formatDateTime(v.materialsDueAt)} 前送达），会议材料尚未发布。现在发布将晚于规定时间。</Warn> : null}
      {m.materialsPublishedAt && v.materialsLate ? <Warn>会议材料于 {formatDateTime(m.materialsPublishedAt)} 发布，晚于会前 {v.materialsDays} 天的要求，页面如实显示。</Warn> : null}
      {held && !m.minutesAt && m.state === 'announced' ? <Warn>会议已于 {formatDateTime(m.startsAt)} 召开，请录入会议笔录。</Warn> : null}
      <dl class="facts">
        <dt>类型</dt><dd>{KIND_LABELS[m.kind]}</dd>
        <dt>状态</dt><dd>{stateOf(m, now)}{m.state !== 'draft' ? <Fragment> · <a href={v.publicUrl ?? `${PUBLIC_BASE}/${m.id}`}>查看公开页面</a></Fragment> : null}</dd>
        <dt>征求意见</dt><dd><a href={`/admin/participation/${v.consultation.id}`}>{v.consultation.title}</a></dd>
        <dt>会议时间、地点</dt><dd>{formatDateTime(m.startsAt)}，{m.place}</dd>
        <dt>报名</dt><dd>{formatDateTime(m.regOpensAt)} 至 {formatDateTime(m.regClosesAt)}；名额 {m.capacity} 人，已报名 {v.registrations.length} 人</dd>
        <dt>遴选方式</dt><dd>{RULE_LABELS[m.rule]}，参加人 {m.seats} 人，已确定 {selected.length} 人（利害关系人代表 {affected} 人）</dd>
        <dt>参加人类别</dt><dd>{m.categories.map((c) => CATEGORY_LABELS[c]).join('、')}</dd>
      </dl>
      {v.mayRun && !m.minutesAt ? <p><a class="button secondary" href={`${base}/edit`}>修改会议信息</a></p> : null}
      {m.state === 'cancelled' ? <Warn>会议已于 {formatDateTime(m.cancelledAt!)} 取消。原因：{m.cancelReason}</Warn> : null}
      {v.mayRun && m.state === 'announced' && !held && !m.minutesAt ? (
        <details class="cancel-meeting" open={e.cancelReason ? true : undefined}>
          <summary>取消会议</summary>
          <PostForm ctx={ctx} action={`${base}/cancel`} className="stack">
            <Field id="m-cancel" label="取消原因" required hint="在公开页面向报名人和社会说明" error={e.cancelReason}>
              <textarea id="m-cancel" name="cancelReason" rows="3" required maxlength="1000" aria-describedby={e.cancelReason ? 'm-cancel-hint m-cancel-error' : 'm-cancel-hint'}></textarea>
            </Field>
            <p><button type="submit" class="secondary">确认取消会议</button></p>
          </PostForm>
        </details>
      ) : null}
      {v.mayRun && m.state === 'draft' ? <PostForm ctx={ctx} action={`${base}/announce`}><p>公告发布后，会议信息和报名表在公开页面显示。</p><button type="submit">发布会议公告</button></PostForm> : null}

      <section aria-labelledby="reg-h">
        <h2 id="reg-h">报名情况（{v.registrations.length}）</h2>
        {v.registrations.length ? (
          <PostForm ctx={ctx} action={`${base}/selection`}>
            <div class="table-wrap">
              <table class="data">
                <caption>报名人（联系电话仅供工作人员使用，不公开）</caption>
                <thead><tr><th scope="col">选择</th><th scope="col">报名时间</th><th scope="col">姓名</th><th scope="col">联系电话</th><th scope="col">身份类别</th><th scope="col">报名理由</th><th scope="col">状态</th></tr></thead>
                <tbody>{v.registrations.map((r) => (
                  <tr>
                    <td><input type="checkbox" name="ids" value={String(r.id)} aria-label={`选择 ${r.name}`} /></td>
                    <td>{formatDateTime(r.submittedAt)}</td><td>{r.name}</td><td>{r.phone}</td><td>{CATEGORY_LABELS[r.category]}</td><td class="pre">{r.reason || '—'}</td><td>{REGISTRATION_STATE_LABELS[r.state]}</td>
                  </tr>
                ))}</tbody>
              </table>
            </div>
            {v.mayRun && !m.minutesAt ? <p class="form-actions"><button type="submit" name="action" value="select">确定为参加人</button> <button type="submit" class="secondary" name="action" value="unselect">不作为参加人</button></p> : null}
          </PostForm>
        ) : <p>还没有人报名。</p>}
        {v.mayRun && m.rule === 'random' && !m.minutesAt ? <PostForm ctx={ctx} action={`${base}/draw`}><p>报名截止后，从待遴选的报名人中随机抽选剩余名额（抽选结果记入操作日志）。</p><button type="submit">随机抽选参加人</button></PostForm> : null}
        {v.mayRun && m.state === 'announced' ? (
          <PostForm ctx={ctx} action={`${base}/list`}>
            <p>{m.listPublishedAt ? `名单已于 ${formatDateTime(m.listPublishedAt)} 公布；此后调整参加人，公开名单随之更新。` : `公布后，公开页面显示参加人的姓名和身份类别（不显示联系电话）。已确定 ${selected.length} 人，其中利害关系人代表 ${affected} 人。`}</p>
            {m.listPublishedAt ? null : <button type="submit">公布参加人名单</button>}
          </PostForm>
        ) : null}
      </section>

      <section aria-labelledby="mat-h">
        <h2 id="mat-h">会议材料</h2>
        <p>会议材料应于会前 {v.materialsDays} 天（{formatDateTime(v.materialsDueAt)} 前）送达参加人并公开。{m.materialsPublishedAt ? `已于 ${formatDateTime(m.materialsPublishedAt)} 发布。` : '尚未发布。'}</p>
        {m.materials.length ? <ul>{m.materials.map((f) => <li><a href={`${base}/files/${f.fileId}`}>{f.name}</a>{v.mayRun && !m.materialsPublishedAt ? <PostForm ctx={ctx} action={`${base}/materials/${f.fileId}/remove`} className="inline"><button type="submit" class="link">删除</button></PostForm> : null}</li>)}</ul> : <p>还没有上传材料。</p>}
        {v.mayRun ? (
          <PostForm ctx={ctx} action={`${base}/materials`} enctype="multipart/form-data" className="stack">
            <Field id="mat-file" label="上传材料" hint="PDF、Word 等，不超过 20 MB"><input id="mat-file" type="file" name="file" required aria-describedby="mat-file-hint" /></Field>
            <p class="form-actions"><button type="submit" class="secondary">上传</button></p>
          </PostForm>
        ) : null}
        {v.mayRun && m.state === 'announced' && m.materials.length && !m.materialsPublishedAt ? <PostForm ctx={ctx} action={`${base}/materials/publish`}><button type="submit">发布会议材料</button></PostForm> : null}
      </section>

      <section aria-labelledby="min-h">
        <h2 id="min-h">会议笔录</h2>
        {!held ? <p>会议召开后录入笔录。</p> : (
          <Fragment>
            {m.minutesPublishedAt ? <p>已于 {formatDateTime(m.minutesPublishedAt)} 公开。</p> : null}
            {v.mayRun && !m.minutesPublishedAt ? (
              <PostForm ctx={ctx} action={`${base}/minutes`} className="stack">
                <Field id="min-text" label="笔录内容" required error={e.minutesText}><textarea id="min-text" name="minutesText" rows="10" required aria-describedby={describedBy('min-text', { error: e.minutesText })}>{m.minutesText}</textarea></Field>
                <p class="form-actions"><button type="submit">保存笔录</button></p>
              </PostForm>
            ) : <div class="pre">{m.minutesText || '尚未录入。'}</div>}
            {m.minutesFile ? <p>笔录文件：<a href={`${base}/files/${m.minutesFile.fileId}`}>{m.minutesFile.name}</a></p> : null}
            {v.mayRun && m.minutesAt && !m.minutesPublishedAt ? (
              <Fragment>
                <PostForm ctx={ctx} action={`${base}/minutes/file`} enctype="multipart/form-data" className="stack">
                  <Field id="min-file" label="笔录文件（选填）" hint="签字后的笔录扫描件等"><input id="min-file" type="file" name="file" required aria-describedby="min-file-hint" /></Field>
                  <p class="form-actions"><button type="submit" class="secondary">上传笔录文件</button></p>
                </PostForm>
                <PostForm ctx={ctx} action={`${base}/minutes/publish`}><button type="submit">公开会议笔录</button></PostForm>
              </Fragment>
            ) : null}
          </Fragment>
        )}
      </section>

      <section aria-labelledby="op-h">
        <h2 id="op-h">会上提出的意见（{v.opinions.length}）</h2>
        <p>逐条录入发言人提出的意见。录入后列入征求意见的意见清单，与网上意见一样逐条作出处理，并在意见采纳情况中公布。</p>
        {v.opinions.length ? (
          <div class="table-wrap">
            <table class="data">
              <caption>会上意见</caption>
              <thead><tr><th scope="col">发言人类别</th><th scope="col">条款</th><th scope="col">意见内容</th><th scope="col">处理结果</th></tr></thead>
              <tbody>{v.opinions.map((o) => <tr><td>{CATEGORY_LABELS[o.category]}</td><td>{articleLabel(articles, o.article)}</td><td class="pre">{o.body}</td><td>{o.disposition ? DISPOSITION_LABELS[o.disposition] : o.groupId ? '已归组' : '待处理'}</td></tr>)}</tbody>
            </table>
          </div>
        ) : null}
        {v.mayRun && held && m.state === 'announced' && v.consultation.state !== 'finished' ? (
          <PostForm ctx={ctx} action={`${base}/opinions`} className="stack">
            <div class="field-row">
              <Field id="op-category" label="发言人类别" required error={e.category}>
                <select id="op-category" name="category" required aria-describedby={describedBy('op-category', { error: e.category })}>
                  <option value="">请选择</option>
                  {PARTICIPANT_CATEGORIES.map((c: ParticipantCategory) => <option value={c}>{CATEGORY_LABELS[c]}</option>)}
                </select>
              </Field>
              <Field id="op-article" label="针对第几条" error={e.article}>
                <select id="op-article" name="article" aria-describedby={describedBy('op-article', { error: e.article })}>
                  <option value="0">整体意见</option>
                  {articles.map((a) => <option value={String(a.no)}>{a.label}</option>)}
                </select>
              </Field>
            </div>
            <Field id="op-body" label="意见内容" required error={e.body}><textarea id="op-body" name="body" rows="4" required aria-describedby={describedBy('op-body', { error: e.body })}></textarea></Field>
            <p class="form-actions"><button type="submit">录入意见</button></p>
          </PostForm>
        ) : null}
      </section>

      <section aria-labelledby="rep-h">
        <h2 id="rep-h">{m.kind === 'hearing' ? '听证报告' : '座谈会情况报告'}</h2>
        {m.reportPublishedAt ? <Fragment><p>已于 {formatDateTime(m.reportPublishedAt)} 公开。</p><div class="pre">{m.reportText}</div></Fragment>
          : !m.minutesAt ? <p>录入会议笔录后形成会议报告。</p>
          : v.mayRun ? (
            <PostForm ctx={ctx} action={`${base}/report`} className="stack">
              <Field id="rep-text" label="报告内容" required error={e.reportText}><textarea id="rep-text" name="reportText" rows="8" required aria-describedby={describedBy('rep-text', { error: e.reportText })}>{m.reportText}</textarea></Field>
              <p class="form-actions"><button type="submit" name="action" value="save" class="secondary">保存</button> <button type="submit" name="action" value="publish">保存并公开</button></p>
            </PostForm>
          ) : <div class="pre">{m.reportText || '尚未形成。'}</div>}
      </section>
    </Layout>
  );
}

export function SettingsPage({ ctx, s, values, problems = NO_PROBLEMS, notice }: { ctx: PageCtx; s: HearSettings; values?: V; problems?: Problems; notice?: string }): SafeHtml {
  const v: V = values ?? { materialsDays: String(s.materialsDays), perAddressPerDay: String(s.perAddressPerDay) };
  const e = problems.fields;
  const num = (name: string, label: string, hint: string) => <Field id={`s-${name}`} label={label} hint={hint} error={e[name]}><input id={`s-${name}`} name={name} inputmode="numeric" maxlength="5" value={str(v, name)} aria-describedby={describedBy(`s-${name}`, { hint: true, error: e[name] })} /></Field>;
  return (
    <Layout ctx={ctx} title="听证座谈设置" admin>
      <h1>听证座谈设置</h1>
      <AdminNav here={`${ADMIN_BASE}/settings`} />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={`${ADMIN_BASE}/settings`} className="stack doc-form">
        {num('materialsDays', '会议材料提前送达天数', '会议材料应在会前多少天送达参加人；晚于此时发布的，平台提示并在公开页面注明')}
        {num('perAddressPerDay', '同一网络地址24小时内报名上限', '防止批量报名')}
        <p class="form-actions"><button type="submit">保存设置</button></p>
      </PostForm>
    </Layout>
  );
}

export const meetingFormValues = (m: MeetingRow): V => ({
  kind: m.kind, title: m.title, startsAt: localDateTime(m.startsAt), place: m.place, announcement: m.announcement, rule: m.rule, ruleText: m.ruleText,
  regOpensAt: localDateTime(m.regOpensAt), regClosesAt: localDateTime(m.regClosesAt), capacity: String(m.capacity), seats: String(m.seats), categories: m.categories,
});
