import { h, Fragment, type Child, type SafeHtml } from '../../../core/render/jsx.js';
import { paragraphs, reportPreface, type ReportContent } from '../content.js';
import { SECTION_TITLES } from '../labels.js';
import { Table2, Table3, Table4 } from './tables.js';

function Text({ text }: { text: string }): SafeHtml {
  const ps = paragraphs(text);
  return ps.length ? <Fragment>{ps.map((p) => <p class="report-para">{p}</p>)}</Fragment> : <p class="muted">（尚未填写）</p>;
}

/** The six sections in order, tables 2–4 inside sections 二–四. Staff text is escaped like all text. */
export function ReportBody({ c, level = 2 }: { c: ReportContent; level?: 2 | 3 }): SafeHtml {
  const H = (props: { id: string; children?: Child }) => (level === 2 ? <h2 id={props.id}>{props.children}</h2> : <h3 id={props.id}>{props.children}</h3>);
  return (
    <div class="report-body">
      <p class="report-para">{reportPreface(c)}</p>
      <section aria-labelledby="sec-1"><H id="sec-1">{SECTION_TITLES[0]}</H><Text text={c.sections.overview} /></section>
      <section aria-labelledby="sec-2">
        <H id="sec-2">{SECTION_TITLES[1]}</H>
        <Table2 t={c.tables} />
      </section>
      <section aria-labelledby="sec-3"><H id="sec-3">{SECTION_TITLES[2]}</H><Table3 t={c.tables} /></section>
      <section aria-labelledby="sec-4"><H id="sec-4">{SECTION_TITLES[3]}</H><Table4 t={c.tables} /></section>
      <section aria-labelledby="sec-5"><H id="sec-5">{SECTION_TITLES[4]}</H><Text text={c.sections.problems} /></section>
      <section aria-labelledby="sec-6"><H id="sec-6">{SECTION_TITLES[5]}</H><Text text={c.sections.otherMatters} /></section>
    </div>
  );
}
