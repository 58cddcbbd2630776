import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { describedBy, ErrorBox, Field, formatDate, formatDateTime, Notice, PostForm } from '../../../web/components.js';
import type { StaffEventRow, staffEvent } from '../events.js';
import type { odRegistrations } from '../schema.js';
import { STAFF_STATE_LABELS } from '../export-xlsx.js';
import { MODE_LABELS } from './public.js';

export const ADMIN_BASE = '/admin/openday';
/** A refused form's problems; `form` names the form they belong to, so they show beside its fields only. */
export type Problems = { list: string[]; fields: Record<string, string>; form?: string };
const NO_PROBLEMS: Problems = { list: [], fields: {} };
export type V = Record<string, string | string[] | undefined>;
const str = (v: V, k: string) => { const x = v[k]; return (Array.isArray(x) ? x.at(-1) : x) ?? ''; };
const nth = (v: V, k: string, i: number) => { const x = v[k]; return (Array.isArray(x) ? x[i] : i === 0 ? x : '') ?? ''; };

export const NOTICES: Record<string, string> = {
  created: '已保存活动草稿。核对后发布，公开页面才会显示。', announced: '活动已发布，公开页面开始显示并按时开放报名。', cancelled: '活动已取消，公开页面已说明原因。',
  selected: '参加人已调整。', drawn: '已随机抽选参加人。', listed: '参加人名单已公布。', opinion: '意见已录入。', assigned: '意见已交办。', answered: '答复已保存，并在公开页面的活动回顾中显示。', settings: '设置已保存。',
  summary_saved: '活动回顾已保存，尚未公开。核对后点“保存并公开”。', summary_published: '活动回顾已公开，显示在公开页面的活动回顾中。',
  summary_updated: '活动回顾已修改，公开页面同步更新。', summary_unchanged: '活动回顾没有改动。',
};

const OPINION_STATE_LABELS = { received: '待交办', assigned: '办理中', answered: '已答复' } as const;

function AdminNav({ here }: { here: string }): SafeHtml {
  const items = [{ href: ADMIN_BASE, label: '政府开放日' }, { href: `${ADMIN_BASE}/new`, label: '新建活动' }, { href: `${ADMIN_BASE}/settings`, label: '开放日设置' }];
  return <nav class="subnav" aria-label="政府开放日"><ul>{items.map((i) => <li><a href={i.href} aria-current={i.href === here ? 'page' : undefined}>{i.label}</a></li>)}</ul></nav>;
}

type EvLike = { state: string; regOpensAt: Date; regClosesAt: Date };
export const stateOf = (e: EvLike, sessions: { startsAt: Date }[], now = new Date()) =>
  e.state === 'draft' ? '草稿' : e.state === 'cancelled' ? '已取消'
    : sessions.length && sessions.every((s) => s.startsAt <= now) ? '已举办'
    : now < e.regOpensAt ? '已发布，报名未开始' : now < e.regClosesAt ? '报名中' : '报名已截止';

export function AdminList({ ctx, rows, notice }: { ctx: PageCtx; rows: StaffEventRow[]; notice?: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title="政府开放日" admin>
      <h1>政府开放日</h1>
      <AdminNav here={ADMIN_BASE} />
      <Notice text={notice} />
      <p><a class="button" href={`${ADMIN_BASE}/new`}>新建活动</a></p>
      {rows.length ? (
        <div class="table-wrap">
          <table class="data">
            <caption>活动（{rows.length}）</caption>
            <thead><tr><th scope="col">活动</th><th scope="col">状态</th><th scope="col">场次与名额</th><th scope="col">意见</th></tr></thead>
            <tbody>{rows.map((e) => (
              <tr>
                <td><a href={`${ADMIN_BASE}/${e.id}`}>{e.theme}</a><div class="muted">{e.mode === 'first_come' ? '先报名先得' : '遴选'}</div></td>
                <td>{stateOf(e, e.sessions)}</td>
                <td><ul class="worklist">{e.sessions.map((s) => <li>{formatDateTime(s.startsAt)}：{e.mode === 'first_come' ? '已报' : '已选'} {s.taken} / {s.capacity}，余 {Math.max(0, s.capacity - s.taken)}{s.waiting ? `，${e.mode === 'first_come' ? '候补' : '待遴选'} ${s.waiting}` : ''}</li>)}</ul></td>
                <td>{e.opinionsOpen ? `待办 ${e.opinionsOpen} 条` : '—'}{e.opinionsOverdue ? <Fragment><br /><span class="tag tag-overdue">逾期 {e.opinionsOverdue} 条</span></Fragment> : null}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      ) : <p>还没有政府开放日活动。<a href={`${ADMIN_BASE}/new`}>新建活动</a></p>}
    </Layout>
  );
}

export const SESSION_ROWS = 4;

export function EventForm({ ctx, values, units, problems = NO_PROBLEMS }: { ctx: PageCtx; values: V; units: { id: number; name: string }[]; problems?: Problems }): SafeHtml {
  const e = problems.fields;
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: e[name] });
  const dt = (name: string, label: string) => <Field id={`e-${name}`} label={label} required error={e[name]}><input id={`e-${name}`} name={name} type="datetime-local" required value={str(values, name)} aria-describedby={d(`e-${name}`, name)} /></Field>;
  return (
    <Layout ctx={ctx} title="新建政府开放日活动" admin>
      <h1>新建政府开放日活动</h1>
      <AdminNav here={`${ADMIN_BASE}/new`} />
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={`${ADMIN_BASE}/new`} className="stack doc-form">
        <Field id="e-theme" label="活动主题" required error={e.theme}><input id="e-theme" name="theme" maxlength="200" required value={str(values, 'theme')} aria-describedby={d('e-theme', 'theme')} /></Field>
        <Field id="e-agency" label="主办单位" required error={e.agencyId}>
          <select id="e-agency" name="agencyId" required aria-describedby={d('e-agency', 'agencyId')}>
            {units.map((u) => <option value={String(u.id)} selected={str(values, 'agencyId') === String(u.id)}>{u.name}</option>)}
          </select>
        </Field>
        <Field id="e-description" label="活动介绍" hint="参观内容、座谈安排、注意事项等，向社会公开" error={e.description}>
          <textarea id="e-description" name="description" rows="6" aria-describedby={d('e-description', 'description', true)}>{str(values, 'description')}</textarea>
        </Field>
        <Field id="e-eligibility" label="参加对象" hint="例如：年满 16 周岁的本县居民，每人限报一个场次" error={e.eligibility}>
          <input id="e-eligibility" name="eligibility" maxlength="500" value={str(values, 'eligibility')} aria-describedby={d('e-eligibility', 'eligibility', true)} />
        </Field>
        <fieldset><legend>报名方式</legend>
          {(['first_come', 'selection'] as const).map((m) => <label class="check"><input type="radio" name="mode" value={m} checked={str(values, 'mode') === m} /> {MODE_LABELS[m]}</label>)}
          {e.mode ? <p class="field-error">{e.mode}</p> : null}
        </fieldset>
        <div class="field-row">
          {dt('regOpensAt', '报名开始时间')}
          {dt('regClosesAt', '报名截止时间')}
        </div>
        <fieldset aria-describedby={e.sessions ? 'e-sessions-error' : 'e-sessions-hint'}><legend>活动场次</legend>
          <p class="field-hint" id="e-sessions-hint">至少填写一个场次；不用的行留空。场次时间应晚于报名截止时间。</p>
          {e.sessions ? <p class="field-error" id="e-sessions-error">{e.sessions}</p> : null}
          {Array.from({ length: SESSION_ROWS }, (_, i) => (
            <div class="field-row">
              <Field id={`e-s${i}-at`} label={`场次 ${i + 1} 时间`} error={e[`session${i}At`]}><input id={`e-s${i}-at`} name="sessionStartsAt" type="datetime-local" value={nth(values, 'sessionStartsAt', i)} aria-describedby={describedBy(`e-s${i}-at`, { error: e[`session${i}At`] })} /></Field>
              <Field id={`e-s${i}-place`} label="地点" error={e[`session${i}Place`]}><input id={`e-s${i}-place`} name="sessionPlace" maxlength="200" value={nth(values, 'sessionPlace', i)} aria-describedby={describedBy(`e-s${i}-place`, { error: e[`session${i}Place`] })} /></Field>
              <Field id={`e-s${i}-cap`} label="名额（人）" error={e[`session${i}Cap`]}><input id={`e-s${i}-cap`} name="sessionCapacity" inputmode="numeric" maxlength="5" value={nth(values, 'sessionCapacity', i)} aria-describedby={describedBy(`e-s${i}-cap`, { error: e[`session${i}Cap`] })} /></Field>
            </div>
          ))}
        </fieldset>
        <p class="form-actions"><button type="submit">保存草稿</button></p>
      </PostForm>
    </Layout>
  );
}

export type AdminView = Awaited<ReturnType<typeof staffEvent>> & {
  registrations: (typeof odRegistrations.$inferSelect)[]; units: { id: number; name: string }[]; answerWorkdays: number; now: Date; publicUrl: string;
};

const Warn = ({ children }: { children?: unknown }): SafeHtml => <div class="notice warning" role="alert">{children as SafeHtml}</div>;

export function AdminEvent({ ctx, v, notice, problems = NO_PROBLEMS, values }: { ctx: PageCtx; v: AdminView; notice?: string; problems?: Problems; values?: V }): SafeHtml {
  const { e, now } = v;
  const base = `${ADMIN_BASE}/${e.id}`;
  const fe = (form: string) => (problems.form === form ? problems.fields : {});
  const held = v.sessions.length > 0 && v.sessions.every((s) => s.startsAt <= now);
  const sel = e.mode === 'selection';
  const live = e.state === 'announced';
  const ce = fe('cancel');
  const oe = fe('opinion');
  return (
    <Layout ctx={ctx} title={e.theme} admin>
      <h1>{e.theme}</h1>
      <AdminNav here="" />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      {e.state === 'cancelled' ? <Warn>活动已于 {formatDateTime(e.cancelledAt)} 取消。原因：{e.cancelReason}</Warn> : null}
      <dl class="facts">
        <dt>状态</dt><dd>{stateOf(e, v.sessions, now)}{e.state !== 'draft' ? <Fragment> · <a href={v.publicUrl}>查看公开页面</a></Fragment> : null}</dd>
        <dt>主办单位</dt><dd>{v.host}</dd>
        <dt>报名方式</dt><dd>{MODE_LABELS[e.mode]}</dd>
        <dt>报名时间</dt><dd>{formatDateTime(e.regOpensAt)} 至 {formatDateTime(e.regClosesAt)}</dd>
        {e.eligibility ? <Fragment><dt>参加对象</dt><dd>{e.eligibility}</dd></Fragment> : null}
        {e.description ? <Fragment><dt>活动介绍</dt><dd class="pre">{e.description}</dd></Fragment> : null}
      </dl>
      {e.state === 'draft' ? <PostForm ctx={ctx} action={`${base}/announce`}><p>发布后，活动在公开页面显示，并按报名时间开放报名。</p><button type="submit">发布活动</button></PostForm> : null}
      {e.state !== 'cancelled' && !held ? (
        <details class="cancel-meeting" open={ce.cancelReason ? true : undefined}>
          <summary>取消活动</summary>
          <PostForm ctx={ctx} action={`${base}/cancel`} className="stack">
            <Field id="e-cancel" label="取消原因" required hint="在公开页面向报名人和社会说明，不超过 500 字" error={ce.cancelReason}>
              <textarea id="e-cancel" name="cancelReason" rows="3" required maxlength="500" aria-describedby={describedBy('e-cancel', { hint: true, error: ce.cancelReason })}></textarea>
            </Field>
            <p><button type="submit" class="secondary">确认取消活动</button></p>
          </PostForm>
        </details>
      ) : null}

      <section aria-labelledby="ses-h">
        <h2 id="ses-h">场次与名额</h2>
        <div class="table-wrap">
          <table class="data">
            <thead><tr><th scope="col">场次时间</th><th scope="col">地点</th><th scope="col">名额</th><th scope="col">{sel ? '已入选' : '已获名额'}</th><th scope="col">剩余</th><th scope="col">{sel ? '待遴选' : '候补'}</th><th scope="col">报名表</th></tr></thead>
            <tbody>{v.sessions.map((s) => (
              <tr><td>{formatDateTime(s.startsAt)}</td><td>{s.place}</td><td>{s.capacity}</td><td>{s.taken}</td><td>{Math.max(0, s.capacity - s.taken)}</td><td>{s.waiting}</td><td><a href={`${base}/registrations.xlsx?session=${s.id}`}>下载 Excel</a></td></tr>
            ))}</tbody>
          </table>
        </div>
        <p><a href={`${base}/registrations.xlsx`}>下载全部场次报名人（Excel，身份证号码已遮挡）</a></p>
      </section>

      <section aria-labelledby="reg-h">
        <h2 id="reg-h">报名情况（{v.registrations.filter((r) => r.state !== 'cancelled').length}）</h2>
        <p class="muted">姓名和联系电话仅供工作人员核验、通知使用，不公开；身份证号码只保存遮挡后的号码。</p>
        {v.sessions.map((s) => {
          const regs = v.registrations.filter((r) => r.sessionId === s.id);
          return (
            <Fragment>
              <h3>{formatDateTime(s.startsAt)} · {s.place}（{regs.length} 人报名）</h3>
              {regs.length ? (
                <PostForm ctx={ctx} action={`${base}/selection`}>
                  <div class="table-wrap">
                    <table class="data">
                      <thead><tr>{sel && !held ? <th scope="col">选择</th> : null}<th scope="col">报名时间</th><th scope="col">查询码</th><th scope="col">姓名</th><th scope="col">联系电话</th><th scope="col">身份证号码</th><th scope="col">状态</th></tr></thead>
                      <tbody>{regs.map((r) => (
                        <tr>
                          {sel && !held ? <td>{r.state === 'cancelled' ? '' : <input type="checkbox" name="ids" value={String(r.id)} aria-label={`选择 ${r.name}`} />}</td> : null}
                          <td>{formatDateTime(r.submittedAt)}</td><td>{r.code}</td><td>{r.name}</td><td>{r.phone}</td><td>{r.idMasked}</td><td>{STAFF_STATE_LABELS[r.state]}</td>
                        </tr>
                      ))}</tbody>
                    </table>
                  </div>
                  {sel && live && !held ? <p class="form-actions"><button type="submit" name="action" value="select">确定为参加人</button> <button type="submit" class="secondary" name="action" value="unselect">不作为参加人</button></p> : null}
                </PostForm>
              ) : <p>还没有人报名这个场次。</p>}
            </Fragment>
          );
        })}
        {sel && live && !held ? <PostForm ctx={ctx} action={`${base}/draw`}><p>报名截止后，从待遴选的报名人中随机抽选各场次剩余名额，其余为未入选（抽选结果记入操作日志）。</p><button type="submit" class="secondary">随机抽选</button></PostForm> : null}
        {live ? (
          <PostForm ctx={ctx} action={`${base}/list`}>
            <p>{e.listPublishedAt ? `名单已于 ${formatDateTime(e.listPublishedAt)} 公布；此后调整参加人，公开名单随之更新。` : '公布后，公开页面按场次显示参加人名单，只显示姓氏（如“张**”），不显示电话和身份证号码。'}</p>
            {e.listPublishedAt ? null : <button type="submit">公布参加人名单</button>}
          </PostForm>
        ) : null}
      </section>

      <section aria-labelledby="op-h">
        <h2 id="op-h">意见建议（{v.opinions.length}）</h2>
        <p>参加人活动后可在公开页面凭查询码和取消密钥提交意见，工作人员也可录入座谈会上收集的意见。每条意见交办本级政府所属单位，默认 {v.answerWorkdays} 个工作日内答复；答复后在公开页面的“活动回顾”中显示（不显示提出人）。</p>
        {v.opinions.length ? (
          <ul class="worklist">
            {v.opinions.map((o) => {
              const ae = fe(`assign-${o.id}`);
              const we = fe(`answer-${o.id}`);
              const overdue = o.state === 'assigned' && o.dueOn != null && o.dueOn < formatIso(now);
              return (
                <li class={overdue ? 'work work-overdue' : 'work'}>
                  <p class="pre">{o.body}</p>
                  <p class="muted">{o.fromRegistrant ? '参加人网上提交' : '工作人员录入'} · {formatDateTime(o.createdAt)} · {OPINION_STATE_LABELS[o.state]}{o.unit ? ` · 承办：${o.unit}` : ''}{o.dueOn ? ` · 应于 ${o.dueOn} 前答复` : ''}{overdue ? <Fragment> <span class="tag tag-overdue">已逾期</span></Fragment> : null}</p>
                  {o.state === 'answered' ? <p><strong>答复（{formatDate(o.answeredAt)}）：</strong><span class="pre">{o.answer}</span></p> : null}
                  {o.state !== 'answered' && e.state !== 'draft' ? (
                    <PostForm ctx={ctx} action={`${base}/opinions/${o.id}/assign`} className="stack">
                      <div class="field-row">
                        <Field id={`a-${o.id}-unit`} label={o.state === 'assigned' ? '改交承办单位' : '承办单位'} required error={ae.unitId}>
                          <select id={`a-${o.id}-unit`} name="unitId" required aria-describedby={describedBy(`a-${o.id}-unit`, { error: ae.unitId })}>
                            <option value="">请选择</option>
                            {v.units.map((u) => <option value={String(u.id)} selected={o.unitId === u.id}>{u.name}</option>)}
                          </select>
                        </Field>
                        <Field id={`a-${o.id}-due`} label="答复期限" hint={`留空则为 ${v.answerWorkdays} 个工作日后`} error={ae.dueOn}>
                          <input id={`a-${o.id}-due`} name="dueOn" type="date" value="" aria-describedby={describedBy(`a-${o.id}-due`, { hint: true, error: ae.dueOn })} />
                        </Field>
                      </div>
                      <p class="form-actions"><button type="submit" class="secondary">交办</button></p>
                    </PostForm>
                  ) : null}
                  {o.state === 'assigned' ? (
                    <PostForm ctx={ctx} action={`${base}/opinions/${o.id}/answer`} className="stack">
                      <Field id={`w-${o.id}`} label="答复内容" required hint="向社会公开，请勿写入个人信息" error={we.answer}>
                        <textarea id={`w-${o.id}`} name="answer" rows="3" required aria-describedby={describedBy(`w-${o.id}`, { hint: true, error: we.answer })}></textarea>
                      </Field>
                      <p class="form-actions"><button type="submit">保存答复</button></p>
                    </PostForm>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : <p>还没有意见建议。</p>}
        {e.state === 'announced' && v.sessions.some((s) => s.startsAt <= now) ? (
          <PostForm ctx={ctx} action={`${base}/opinions`} className="stack">
            <Field id="op-body" label="录入意见建议" required hint="座谈会上、现场意见箱收集的意见，每次录入一条，不写提出人的个人信息" error={oe.body}>
              <textarea id="op-body" name="body" rows="3" required aria-describedby={describedBy('op-body', { hint: true, error: oe.body })}></textarea>
            </Field>
            <p class="form-actions"><button type="submit" class="secondary">录入</button></p>
          </PostForm>
        ) : null}
      </section>

      <section aria-labelledby="sum-h">
        <h2 id="sum-h">活动回顾</h2>
        <SummarySection ctx={ctx} v={v} problems={problems} values={values} />
      </section>
    </Layout>
  );
}

/**
 * The office's 活动回顾: written after the first session has started, kept as a draft (保存) or
 * published (保存并公开) above the answered opinions on the public page.
 */
function SummarySection({ ctx, v, problems, values }: { ctx: PageCtx; v: AdminView; problems: Problems; values?: V }): SafeHtml {
  const { e, now } = v;
  const answered = v.opinions.filter((o) => o.state === 'answered').length;
  const started = v.sessions.some((s) => s.startsAt <= now);
  const published = e.summaryPublishedAt != null;
  const err = problems.form === 'summary' ? problems.fields.summary : undefined;
  const text = values && problems.form === 'summary' ? str(values, 'summary') : e.summary;
  const link = e.state !== 'draft' ? <Fragment> <a href={`${v.publicUrl}#sum-h`}>查看公开的活动回顾</a></Fragment> : null;
  const opinionsNote = `公开页面的活动回顾还显示已答复的意见建议及答复（现有 ${answered} 条），尚未答复的意见不显示。`;
  if (e.state === 'cancelled') return <p>活动已取消，不撰写活动回顾。</p>;
  if (e.state === 'draft' || !started) return <p>活动开始后，可以在这里撰写活动回顾（参观了哪些地方、多少人参加、座谈交流了什么），保存后核对，再在公开页面公开。{opinionsNote}</p>;
  return (
    <Fragment>
      <p>
        {published ? `活动回顾已于 ${formatDateTime(e.summaryPublishedAt)} 公开；修改后保存，公开页面同步更新。` : e.summary ? '活动回顾已保存，尚未公开。' : '还没有撰写活动回顾。'}
        {opinionsNote}{link}
      </p>
      <PostForm ctx={ctx} action={`${ADMIN_BASE}/${e.id}/summary`} className="stack">
        <Field id="sum-text" label="活动回顾" required hint={`参观了哪些地方、多少人参加、座谈交流了什么；向社会公开，请勿写入参加人的姓名、电话等个人信息；不超过 5000 字，换行分段`} error={err}>
          <textarea id="sum-text" name="summary" rows="8" required aria-describedby={describedBy('sum-text', { hint: true, error: err })}>{text}</textarea>
        </Field>
        <p class="form-actions">
          {published ? <button type="submit" name="publish" value="1">保存修改</button> : (
            <Fragment><button type="submit" name="publish" value="0" class="secondary">保存</button> <button type="submit" name="publish" value="1">保存并公开</button></Fragment>
          )}
        </p>
      </PostForm>
    </Fragment>
  );
}

const formatIso = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export function SettingsPage({ ctx, answerWorkdays, values, problems = NO_PROBLEMS, notice, mayChange }: { ctx: PageCtx; answerWorkdays: number; values?: V; problems?: Problems; notice?: string; mayChange: boolean }): SafeHtml {
  const e = problems.fields;
  const val = values ? str(values, 'answerWorkdays') : String(answerWorkdays);
  return (
    <Layout ctx={ctx} title="政府开放日设置" admin>
      <h1>政府开放日设置</h1>
      <AdminNav here={`${ADMIN_BASE}/settings`} />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      {mayChange ? (
        <PostForm ctx={ctx} action={`${ADMIN_BASE}/settings`} className="stack doc-form">
          <Field id="s-days" label="意见答复期限（工作日）" hint="交办承办单位后，按法定工作日（含调休）计算的答复期限；交办时可另定日期" error={e.answerWorkdays}>
            <input id="s-days" name="answerWorkdays" inputmode="numeric" maxlength="3" value={val} aria-describedby={describedBy('s-days', { hint: true, error: e.answerWorkdays })} />
          </Field>
          <p class="form-actions"><button type="submit">保存设置</button></p>
        </PostForm>
      ) : (
        <Fragment>
          <dl class="facts"><dt>意见答复期限</dt><dd>{answerWorkdays} 个工作日</dd></dl>
          <p class="muted">本设置对全平台各级政府有效，由最上级政府的政务公开办或系统管理员设置。</p>
        </Fragment>
      )}
    </Layout>
  );
}
