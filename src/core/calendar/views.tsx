import { h, type SafeHtml } from '../render/jsx.js';
import type { PageCtx } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { ErrorBox, Notice, PostForm } from '../../web/components.js';
import type { DayStatus } from './calendar.js';
import { formatDateZh, MAX_YEAR, MIN_YEAR } from './dates.js';
import { KIND_LABELS, NAME_MAX, NOTE_MAX } from './import.js';
import type { OverrideRow } from './service.js';

export type FormValues = { date: string; kind: string; name: string; note: string };
export type CalendarPageProps = {
  ctx: PageCtx;
  year: number;
  hasData: boolean;
  warning: string | null;
  countStartDay: boolean;
  special: DayStatus[];
  overrides: OverrideRow[];
  notice: string | null;
  errors: { add: string[]; remove: string[]; import: string[] };
  add: FormValues;
  importText: string;
};

const STATUS_LABEL: Record<DayStatus['kind'], string> = { holiday: '放假', makeup_workday: '调休上班', workday: '上班', weekend: '休息' };
const SOURCE_LABEL: Record<DayStatus['source'], string> = { 'chinese-days': '国务院放假安排', override: '本办调整', rule: '—' };

function SpecialDays({ days }: { days: DayStatus[] }): SafeHtml {
  if (days.length === 0) return <p class="hint">本年度没有节假日或调休记录。</p>;
  return (
    <div class="table-wrap">
      <table class="data">
        <thead><tr><th scope="col">日期</th><th scope="col">安排</th><th scope="col">名称</th><th scope="col">来源</th></tr></thead>
        <tbody>
          {days.map((d) => (
            <tr><td>{formatDateZh(d.date)}</td><td>{STATUS_LABEL[d.kind]}</td><td>{d.name ?? ''}</td><td>{SOURCE_LABEL[d.source]}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Overrides({ ctx, year, rows, errors }: { ctx: PageCtx; year: number; rows: OverrideRow[]; errors: string[] }): SafeHtml {
  return (
    <section>
      <h2>本办调整（{year}年）</h2>
      <ErrorBox errors={errors} />
      {rows.length === 0 ? <p class="hint">本年度暂无调整。</p> : (
        <table class="data">
          <thead><tr><th scope="col">日期</th><th scope="col">安排</th><th scope="col">名称</th><th scope="col">备注</th><th scope="col">操作</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{formatDateZh(r.date)}</td><td>{KIND_LABELS[r.kind]}</td><td>{r.name}</td><td>{r.note}</td>
                <td>
                  <PostForm ctx={ctx} action="/admin/calendar/overrides/remove" className="inline">
                    <input type="hidden" name="date" value={r.date} />
                    <button type="submit" aria-label={`删除 ${r.date} 的调整`}>删除</button>
                  </PostForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function AddForm({ ctx, v, errors }: { ctx: PageCtx; v: FormValues; errors: string[] }): SafeHtml {
  return (
    <section>
      <h2>新增或修改一天</h2>
      <ErrorBox errors={errors} />
      <PostForm ctx={ctx} action="/admin/calendar/overrides" className="stack narrow">
        <label for="co-date">日期（YYYY-MM-DD）</label>
        <input id="co-date" name="date" required maxlength="10" placeholder="2027-02-06" value={v.date} />
        <label for="co-kind">安排</label>
        <select id="co-kind" name="kind">
          <option value="holiday" selected={v.kind === 'holiday'}>放假</option>
          <option value="workday" selected={v.kind === 'workday'}>调休上班</option>
        </select>
        <label for="co-name">名称（如 春节）</label>
        <input id="co-name" name="name" maxlength={String(NAME_MAX)} value={v.name} />
        <label for="co-note">备注（如 文件依据）</label>
        <input id="co-note" name="note" maxlength={String(NOTE_MAX)} value={v.note} />
        <button type="submit">保存</button>
      </PostForm>
    </section>
  );
}

function ImportForm({ ctx, text, errors }: { ctx: PageCtx; text: string; errors: string[] }): SafeHtml {
  return (
    <section>
      <h2>批量导入</h2>
      <p class="hint">每行一天：<code>日期,类型,名称</code>，类型填 放假 或 上班（也可填 holiday / workday），可加第四项备注。有任何一行有误时整批不导入。</p>
      <ErrorBox errors={errors} />
      <PostForm ctx={ctx} action="/admin/calendar/import" className="stack">
        <label for="co-import">导入内容</label>
        <textarea id="co-import" name="text" rows="10" maxlength="100000" placeholder={'2027-02-06,放假,春节\n2027-02-14,上班,春节'}>{text}</textarea>
        <button type="submit">导入</button>
      </PostForm>
    </section>
  );
}

export function CalendarPage(p: CalendarPageProps): SafeHtml {
  return (
    <Layout ctx={p.ctx} title={`工作日历（${p.year}年）`} admin>
      <h1>工作日历（{p.year}年）</h1>
      <Notice text={p.notice} />
      {p.warning ? <div class="error-box" role="alert"><p><strong>注意：</strong>{p.warning}</p></div> : null}
      <form method="get" action="/admin/calendar" class="filters">
        {p.year > MIN_YEAR ? <a href={`/admin/calendar?year=${p.year - 1}`}>上一年</a> : null}
        <label for="co-year">年份</label>
        <input id="co-year" name="year" inputmode="numeric" maxlength="4" size="5" value={String(p.year)} />
        <button type="submit">查看</button>
        {p.year < MAX_YEAR ? <a href={`/admin/calendar?year=${p.year + 1}`}>下一年</a> : null}
      </form>
      <p class="hint">
        依申请公开等期限按本日历计算工作日：周一至周五上班，周六、周日休息，另按国务院公布的放假安排和本办调整。
        本站设置：收到申请当日{p.countStartDay ? '（如为工作日）计入' : '不计入'}期限，{p.countStartDay ? '当日即为第1个工作日' : '自其后第一个工作日起算第1个工作日'}。
      </p>
      <section>
        <h2>节假日与调休上班（{p.year}年）</h2>
        <SpecialDays days={p.special} />
      </section>
      <Overrides ctx={p.ctx} year={p.year} rows={p.overrides} errors={p.errors.remove} />
      <AddForm ctx={p.ctx} v={p.add} errors={p.errors.add} />
      <ImportForm ctx={p.ctx} text={p.importText} errors={p.errors.import} />
    </Layout>
  );
}
