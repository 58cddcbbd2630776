import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import { barChart } from '../../../core/charts/charts.js';
import { formatShare } from '../../../core/charts/table.js';
import { KIND_LABELS, type Question, type RawAnswers, type Results, type Tally } from '../service.js';

export type FieldErrors = Record<string, string>;

/** What one question asks for, in a line (选择 1 项, 至少 2 项, 1–5 分 …). */
export function questionHint(q: Question): string {
  if (q.kind === 'single') return '单选';
  if (q.kind === 'multiple') {
    const bounds = [q.minPicks != null ? `至少选 ${q.minPicks} 项` : '', q.maxPicks != null ? `最多选 ${q.maxPicks} 项` : ''].filter(Boolean).join('，');
    return bounds ? `多选，${bounds}` : '多选';
  }
  if (q.kind === 'scale') return `请在 ${q.scaleMin} 至 ${q.scaleMax} 之间选择${q.scaleMinLabel || q.scaleMaxLabel ? `（${q.scaleMin} 表示${q.scaleMinLabel || '最低'}，${q.scaleMax} 表示${q.scaleMaxLabel || '最高'}）` : ''}`;
  return `不超过 ${q.maxLength} 个字`;
}

/** The controls of one question, with what was typed kept (a refused form is shown again). */
export function QuestionControl({ q, n, values, error, disabled }: { q: Question; n: number; values: RawAnswers; error?: string; disabled?: boolean }): SafeHtml {
  const name = `q${q.id}`;
  const given = values[name] ?? [];
  const hintId = `${name}-hint`;
  const errId = `${name}-error`;
  const describedBy = [hintId, error ? errId : ''].filter(Boolean).join(' ');
  const legend = (
    <legend>
      {n}. {q.title}
      {q.required ? <span class="req" aria-hidden="true">*</span> : null}
      {q.required ? <span class="sr-only">（必答）</span> : <span class="muted">（选答）</span>}
    </legend>
  );
  if (q.kind === 'text') {
    return (
      <div class={['field', 'survey-q', error ? 'field-invalid' : ''].filter(Boolean).join(' ')}>
        <label for={name}>
          {n}. {q.title}
          {q.required ? <span class="req" aria-hidden="true">*</span> : <span class="muted">（选答）</span>}
        </label>
        <p class="field-hint" id={hintId}>{questionHint(q)}</p>
        {error ? <p class="field-error" id={errId}>{error}</p> : null}
        <textarea id={name} name={name} rows="4" maxlength={String(q.maxLength ?? 500)} required={q.required} disabled={disabled} aria-describedby={describedBy}>{given.at(-1) ?? ''}</textarea>
      </div>
    );
  }
  const items =
    q.kind === 'scale'
      ? Array.from({ length: q.scaleMax! - q.scaleMin! + 1 }, (_, i) => {
          const v = String(q.scaleMin! + i);
          const end = i === 0 ? q.scaleMinLabel : v === String(q.scaleMax) ? q.scaleMaxLabel : '';
          return { value: v, label: end ? `${v}（${end}）` : v };
        })
      : q.options.map((o) => ({ value: String(o.id), label: o.label }));
  const type = q.kind === 'multiple' ? 'checkbox' : 'radio';
  return (
    <fieldset class={['survey-q', error ? 'field-invalid' : ''].filter(Boolean).join(' ')} aria-describedby={describedBy}>
      {legend}
      <p class="field-hint" id={hintId}>{questionHint(q)}</p>
      {error ? <p class="field-error" id={errId}>{error}</p> : null}
      <div class="checks">
        {items.map((it) => (
          <label class="check"><input type={type} name={name} value={it.value} checked={given.includes(it.value)} required={q.required && type === 'radio'} disabled={disabled} /> {it.label}</label>
        ))}
      </div>
    </fieldset>
  );
}

/** One question's tally: its chart (server-rendered SVG with the data table) and, for staff, its text answers. */
export function TallyView({ t, n, responses, showTexts }: { t: Tally; n: number; responses: number; showTexts: boolean }): SafeHtml {
  const q = t.question;
  const head = (
    <>
      <h3>{n}. {q.title} <span class="tag">{KIND_LABELS[q.kind]}</span></h3>
      <p class="muted">回答人数 {t.answered}（共 {responses} 份问卷{responses ? `，占 ${formatShare(t.answered, responses)}` : ''}）{t.mean != null ? `；平均分 ${t.mean.toFixed(2)}` : ''}{q.kind === 'multiple' ? '；多选题各选项占比以回答人数为基数' : ''}</p>
    </>
  );
  if (q.kind === 'text') {
    return (
      <section class="survey-tally">
        {head}
        {!showTexts ? <p class="muted">填空题的回答不公开。</p> : t.texts.length === 0 ? <p class="muted">暂无回答。</p> : (
          <div class="table-wrap">
            <table class="data">
              <thead><tr><th scope="col">回执编号</th><th scope="col">回答</th></tr></thead>
              <tbody>{t.texts.map((x) => <tr><td>{x.receipt}</td><td class="pre">{x.text}</td></tr>)}</tbody>
            </table>
          </div>
        )}
      </section>
    );
  }
  const title = `${n}. ${q.title}`.slice(0, 60);
  const input = { title, categories: t.counts.map((c) => c.label), series: [{ name: '人数', data: t.counts.map((c) => c.count) }] };
  const svg = q.kind === 'scale' ? barChart({ ...input, height: 280 }) : barChart({ ...input, horizontal: true, height: Math.max(200, 80 + 36 * t.counts.length) });
  return (
    <section class="survey-tally">
      {head}
      <div class="survey-chart" role="group" aria-label={title}>
        {svg}
        <div class="table-wrap">
          <table class="data">
            <caption class="sr-only">{title}</caption>
            <thead><tr><th scope="col">{q.kind === 'scale' ? '分值' : '选项'}</th><th scope="col">人数</th><th scope="col">占回答人数</th></tr></thead>
            <tbody>{t.counts.map((c) => <tr><th scope="row">{c.label}</th><td>{c.count}</td><td>{formatShare(c.count, t.answered)}</td></tr>)}</tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

export function ResultsBody({ r, showTexts }: { r: Results; showTexts: boolean }): SafeHtml {
  return (
    <>
      <p>共收到有效问卷 <strong>{r.responses}</strong> 份。</p>
      {r.tallies.map((t, i) => <TallyView t={t} n={i + 1} responses={r.responses} showTexts={showTexts} />)}
    </>
  );
}
