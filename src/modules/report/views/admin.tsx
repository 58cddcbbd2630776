import { h, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { describedBy, ErrorBox, Field, Notice, PostForm, formatDateTime } from '../../../web/components.js';
import type { Agency } from '../../org/service.js';
import { reportCoverage, reportTitle } from '../content.js';
import { REPORT_STATE_LABELS, REPORT_TRANSITIONS, type ReportAction } from '../policy.js';
import { daysLeftText, type ReportReminder } from '../reminders.js';
import type { ReportListRow, StaffReportView } from '../service.js';
import { SECTION_MAX } from '../validate.js';
import { PUBLIC_BASE } from './public.js';
import { ReportBody } from './report.js';

export const ADMIN_BASE = '/admin/reports';

export function ReminderTable({ rows }: { rows: ReportReminder[] }): SafeHtml {
  if (!rows.length) return <p>上一年度的年度报告均已发布。</p>;
  return (
    <div class="table-wrap">
      <table class="data">
        <caption>{rows[0]!.year}年度报告尚未发布的机构（{rows.length}）</caption>
        <thead><tr><th scope="col">机构</th><th scope="col">法定公布期限</th><th scope="col">剩余时间</th><th scope="col">报告状态</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{r.agencyName}</th>
              <td>{r.deadline}</td>
              <td class={r.daysLeft < 0 ? 'flag' : undefined}>{daysLeftText(r.daysLeft)}</td>
              <td>{r.reportId ? <a href={`${ADMIN_BASE}/${r.reportId}`}>{REPORT_STATE_LABELS[r.state!]}</a> : '尚未编制'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A refused form's problems: the summary on top, each field's first one beside it. */
export type Problems = { list: string[]; fields: Record<string, string> };
export const NO_PROBLEMS: Problems = { list: [], fields: {} };

/** What was chosen in the form that starts a report, to show again when it is refused. */
export type NewReportValues = { agencyId: string; year: string };

type ListProps = { ctx: PageCtx; reports: ReportListRow[]; reminders: ReportReminder[]; agencies: Agency[]; years: number[]; defaultYear: number; problems?: Problems; chosen?: NewReportValues };

export function ReportAdminList({ ctx, reports, reminders, agencies, years, defaultYear, problems = NO_PROBLEMS, chosen }: ListProps): SafeHtml {
  // A problem of the pair (the report exists already) is said once in the form, and both boxes name it.
  const pair = problems.list.length && !problems.fields.agencyId && !problems.fields.year ? problems.list.join('；') : undefined;
  const d = (id: string, error?: string) => describedBy(id, { error }) ?? (pair ? 'n-error' : undefined);
  return (
    <Layout ctx={ctx} title="年度报告" admin>
      <h1>政府信息公开工作年度报告</h1>
      <p class="hint">条例第四十九条、第五十条：各部门、乡镇（街道）每年1月31日前，县级以上人民政府（县、市、省）每年3月31日前公布上一年度的年度报告。表二、表三、表四按平台记录自动统计，发布前实时计算，发布时定稿。</p>
      <ErrorBox errors={problems.list} />
      <section aria-labelledby="rem-h">
        <h2 id="rem-h">公布期限提醒</h2>
        <ReminderTable rows={reminders} />
      </section>
      {agencies.length ? (
        <section aria-labelledby="new-h">
          <h2 id="new-h">编制年度报告</h2>
          <PostForm ctx={ctx} action={ADMIN_BASE} className="stack new-report">
            {pair ? <p class="field-error" id="n-error">{pair}</p> : null}
            <div class="field-row">
              <Field id="n-agency" label="机构" required error={problems.fields.agencyId}>
                <select id="n-agency" name="agencyId" required aria-describedby={d('n-agency', problems.fields.agencyId)}>{agencies.map((a) => <option value={a.id} selected={String(a.id) === chosen?.agencyId}>{a.name}</option>)}</select>
              </Field>
              <Field id="n-year" label="年度" required error={problems.fields.year}>
                <select id="n-year" name="year" required aria-describedby={d('n-year', problems.fields.year)}>{years.map((y) => <option value={y} selected={chosen ? String(y) === chosen.year : y === defaultYear}>{y}年度</option>)}</select>
              </Field>
            </div>
            <button type="submit">新建报告</button>
          </PostForm>
        </section>
      ) : null}
      <section aria-labelledby="list-h">
        <h2 id="list-h">已编制的报告</h2>
        {reports.length ? (
          <div class="table-wrap">
            <table class="data">
              <caption>年度报告（{reports.length}）</caption>
              <thead><tr><th scope="col">报告</th><th scope="col">状态</th><th scope="col">最后修改</th></tr></thead>
              <tbody>
                {reports.map((r) => (
                  <tr><td><a href={`${ADMIN_BASE}/${r.id}`}>{reportTitle(r)}</a></td><td>{REPORT_STATE_LABELS[r.state]}</td><td>{formatDateTime(r.updatedAt)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p>尚无年度报告。</p>}
      </section>
    </Layout>
  );
}

export type FormValues = { overview: string; problems: string; otherMatters: string; feesWan: string };

function SectionsForm({ ctx, id, v, errors }: { ctx: PageCtx; id: number; v: FormValues; errors: Record<string, string> }): SafeHtml {
  const area = (name: keyof FormValues, label: string, hint: string, rows = 10) => (
    <Field id={`s-${name}`} label={label} hint={hint} error={errors[name]}>
      <textarea id={`s-${name}`} name={name} rows={rows} maxlength={SECTION_MAX} aria-describedby={describedBy(`s-${name}`, { hint, error: errors[name] })}>{v[name]}</textarea>
    </Field>
  );
  const feesHint = '平台目前尚无收费登记，此项由工作人员根据财务记录填写，最多保留四位小数；没有收费的填 0。';
  return (
    <PostForm ctx={ctx} action={`${ADMIN_BASE}/${id}`} className="stack">
      {area('overview', '一、总体情况', `概述本年度主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面的情况。每段另起一行，最多 ${SECTION_MAX} 字。`, 14)}
      <fieldset>
        <legend>表二 主动公开政府信息情况：需要人工填写的数</legend>
        <Field id="s-feesWan" label="行政事业性收费：本年收费金额（单位：万元）" hint={feesHint} error={errors.feesWan}>
          <input id="s-feesWan" name="feesWan" inputmode="decimal" maxlength="20" value={v.feesWan} aria-describedby={describedBy('s-feesWan', { hint: feesHint, error: errors.feesWan })} />
        </Field>
      </fieldset>
      {area('problems', '五、存在的主要问题及改进情况', '如实说明存在的主要问题、上一年度问题的整改情况和下一步改进措施。')}
      {area('otherMatters', '六、其他需要报告的事项', '须说明本年度信息处理费收取情况（国办函〔2020〕109号），包括收取的件数和金额，未收取的也请写明；以及其他需要报告的事项。请把“___”替换为实际内容；括号中的填写提示（如“（未收取的写 0 元）”）不会出现在发布的报告中。', 8)}
      <button type="submit">保存</button>
    </PostForm>
  );
}

function ActionForm({ ctx, id, action, error, text }: { ctx: PageCtx; id: number; action: ReportAction; error?: string; text?: string }): SafeHtml {
  return (
    <PostForm ctx={ctx} action={`${ADMIN_BASE}/${id}/transition`} className="stack action-form">
      <input type="hidden" name="action" value={action} />
      {action === 'return' ? (
        <Field id="a-comment" label="退回意见" required error={error}>
          <textarea id="a-comment" name="comment" rows="2" maxlength="2000" required aria-describedby={describedBy('a-comment', { error })}>{text ?? ''}</textarea>
        </Field>
      ) : null}
      {action === 'publish' ? <p class="hint">发布时将按当前数据最后计算一次各表并定稿；任一校验未通过则不能发布。发布后报告不可再修改。</p> : null}
      <button type="submit" class={action === 'return' ? 'secondary' : ''}>{REPORT_TRANSITIONS[action].label}</button>
    </PostForm>
  );
}

const NOTICES: Record<string, string> = { created: '年度报告草稿已创建。', saved: '已保存。', submit: '已提交政务公开办审核。', return: '已退回修改。', publish: '年度报告已发布。' };

/** A refused form on the report page: its problems, and for 退回 the typed comment. */
export type RefusedForm = { problems: Problems; action?: ReportAction; comment?: string };

export function ReportAdminPage({ ctx, view, refused, values, notice }: { ctx: PageCtx; view: StaffReportView; refused?: RefusedForm; values?: FormValues; notice?: string }): SafeHtml {
  const errors = refused?.problems.list ?? [];
  const { report, content } = view;
  const title = reportTitle(content);
  const v: FormValues = values ?? { overview: report.overview, problems: report.problems, otherMatters: report.otherMatters, feesWan: content.tables.t2.feesWan ?? '' };
  const pending = [...view.missing, ...view.failures];
  return (
    <Layout ctx={ctx} title={title} admin>
      <h1>{title}</h1>
      <Notice text={notice ? NOTICES[notice] : null} />
      <ErrorBox errors={errors} />
      <dl class="facts">
        <dt>状态</dt><dd>{REPORT_STATE_LABELS[report.state]}{report.publishedAt ? `（${formatDateTime(report.publishedAt)} 发布）` : ''}</dd>
        <dt>统计范围</dt><dd>{reportCoverage(content) ?? view.agency.name}</dd>
        {report.reviewNote ? [<dt>退回意见</dt>, <dd class="pre">{report.reviewNote}</dd>] : null}
        {report.state === 'published' ? [<dt>公开页面</dt>, <dd><a href={`${PUBLIC_BASE}/${report.id}`}>{`${PUBLIC_BASE}/${report.id}`}</a></dd>] : null}
        <dt>下载</dt><dd><a href={`${ADMIN_BASE}/${report.id}/report.docx`}>Word 文档（DOCX）</a> · <a href={`${ADMIN_BASE}/${report.id}/report.xlsx`}>统计表（XLSX）</a></dd>
      </dl>
      {report.state !== 'published' ? (
        <section aria-labelledby="chk-h" class={pending.length ? 'error-box' : 'notice'}>
          <h2 id="chk-h">发布前校验</h2>
          {pending.length ? (
            <div>
              {view.missing.length ? [<p><strong>尚待完成：</strong></p>, <ul>{view.missing.map((m) => <li>{m}</li>)}</ul>] : null}
              {view.failures.length ? [<p><strong>勾稽关系未通过：</strong></p>, <ul>{view.failures.map((m) => <li>{m}</li>)}</ul>] : null}
            </div>
          ) : <p>各表勾稽关系校验通过，各部分已填写，可以发布。</p>}
        </section>
      ) : null}
      {view.actions.map((a) => <ActionForm ctx={ctx} id={report.id} action={a} error={refused?.action === a ? refused.problems.fields.comment : undefined} text={refused?.action === a ? refused.comment : undefined} />)}
      {view.editable ? <section aria-labelledby="edit-h"><h2 id="edit-h">编写报告</h2><SectionsForm ctx={ctx} id={report.id} v={v} errors={refused && !refused.action ? refused.problems.fields : {}} /></section> : null}
      <section aria-labelledby="prev-h">
        <h2 id="prev-h">{report.state === 'published' ? '已发布的报告' : '报告预览（表格按平台当前数据实时计算）'}</h2>
        <ReportBody c={content} level={3} />
      </section>
    </Layout>
  );
}
