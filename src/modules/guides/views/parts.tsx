import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import { TableScroll } from '../../../web/components.js';
import { limitText, type GuideData } from '../elements.js';

export const PUBLIC_BASE = '/banshi';
export const ADMIN_BASE = '/admin/banshi';
export const guideHref = (code: string) => `${PUBLIC_BASE}/${encodeURIComponent(code)}`;
const or = (s: string) => s || '—';
const lines = (s: string): SafeHtml => <Fragment>{s.split('\n').map((l, i) => (i ? <Fragment><br />{l}</Fragment> : l))}</Fragment>;

/** Every element of a guide, in the order the national element set and portals show them. */
/** `files`: download links of the materials' files by id (a file without a link is not shown). */
export function GuideBody({ data, agencyName, code, files = {} }: { data: GuideData; agencyName: string; code: string; files?: Record<number, { url: string; ext: string }> }): SafeHtml {
  const dl = (id: number | null, label: string) => {
    const f = id ? files[id] : undefined;
    return f ? <Fragment><br /><a class="material-file" href={f.url}>{label}（{f.ext.toUpperCase()}）</a></Fragment> : null;
  };
  return (
    <div class="guide-elements">
      <section aria-labelledby="g-basic">
        <h2 id="g-basic">基本信息</h2>
        <dl class="facts">
          <dt>事项名称</dt><dd>{data.name}</dd>
          <dt>实施编码</dt><dd>{code}</dd>
          <dt>事项类型</dt><dd>{data.itemType}</dd>
          <dt>实施主体</dt><dd>{agencyName}</dd>
          <dt>服务对象</dt><dd>{data.serviceObject}</dd>
          <dt>办件类型</dt><dd>{data.handleType}</dd>
          <dt>法定办结时限</dt><dd>{limitText(data.legalLimit)}</dd>
          <dt>承诺办结时限</dt><dd>{limitText(data.promisedLimit)}</dd>
          <dt>到办事现场次数</dt><dd>{String(data.visits)} 次{data.visitsReason ? `（${data.visitsReason}）` : ''}</dd>
          <dt>网上办理深度</dt><dd>{data.onlineDepth.length ? data.onlineDepth.join('、') : '不支持网上办理'}</dd>
          {data.onlineUrl ? <Fragment><dt>网上办理地址</dt><dd><a href={data.onlineUrl} rel="noopener noreferrer">{data.onlineUrl}</a></dd></Fragment> : null}
          {data.result ? <Fragment><dt>审批结果</dt><dd>{data.result}</dd></Fragment> : null}
        </dl>
      </section>
      <section aria-labelledby="g-basis"><h2 id="g-basis">设定依据</h2><p>{lines(data.basis)}</p></section>
      <section aria-labelledby="g-cond"><h2 id="g-cond">受理条件</h2><p>{lines(data.conditions)}</p></section>
      <section aria-labelledby="g-mat">
        <h2 id="g-mat">申请材料</h2>
        {data.materials.length ? (
          <TableScroll label="申请材料">
            <table class="data">
              <thead><tr><th scope="col">序号</th><th scope="col">材料名称</th><th scope="col">必要性</th><th scope="col">材料形式</th><th scope="col">原件/复印件</th><th scope="col">纸质规格</th><th scope="col">来源渠道</th><th scope="col">要求及依据</th></tr></thead>
              <tbody>{data.materials.map((m, i) => (
                <tr>
                  <td>{String(i + 1)}</td><td>{m.name}{dl(m.blankFileId, '下载空白表格')}{dl(m.sampleFileId, '下载示例样表')}</td>
                  <td>{m.necessity}</td><td>{m.form}</td><td>{`原件 ${m.originals} 份，复印件 ${m.copies} 份`}</td><td>{or(m.size)}</td>
                  <td>{m.source}{m.sourceNote ? `（${m.sourceNote}）` : ''}</td><td>{m.requirement}{m.basis ? ` 依据：${m.basis}` : ''}{m.note ? ` ${m.note}` : ''}</td>
                </tr>
              ))}</tbody>
            </table>
          </TableScroll>
        ) : <p>无需提交材料。</p>}
      </section>
      <section aria-labelledby="g-steps">
        <h2 id="g-steps">办理流程</h2>
        <ol class="guide-steps">{data.steps.map((s) => <li><strong>{s.name}</strong>{s.description ? `：${s.description}` : ''}{s.limit ? `（时限：${s.limit}）` : ''}</li>)}</ol>
        {data.steps.some((s) => s.special) ? (
          <Fragment>
            <h3>特别程序</h3>
            <TableScroll label="特别程序">
              <table class="data">
                <thead><tr><th scope="col">环节</th><th scope="col">类型</th><th scope="col">时限</th><th scope="col">是否计入办结时限</th><th scope="col">依据</th></tr></thead>
                <tbody>{data.steps.filter((s) => s.special).map((s) => <tr><td>{s.name}</td><td>{s.specialKind}</td><td>{or(s.limit)}</td><td>{s.countsInLimit ? '计入' : '不计入'}</td><td>{or(s.basis)}</td></tr>)}</tbody>
              </table>
            </TableScroll>
          </Fragment>
        ) : null}
      </section>
      <section aria-labelledby="g-fee">
        <h2 id="g-fee">收费标准</h2>
        {data.fees.length ? (
          <TableScroll label="收费标准">
            <table class="data">
              <thead><tr><th scope="col">收费项目</th><th scope="col">收费标准</th><th scope="col">收费依据</th><th scope="col">减免</th></tr></thead>
              <tbody>{data.fees.map((f) => <tr><td>{f.name}</td><td>{f.standard}</td><td>{f.basis}</td><td>{f.reducible ? `可减免${f.reductionBasis ? `（${f.reductionBasis}）` : ''}` : '不减免'}</td></tr>)}</tbody>
            </table>
          </TableScroll>
        ) : <p>不收费。</p>}
      </section>
      <section aria-labelledby="g-where">
        <h2 id="g-where">办理地点和时间</h2>
        <dl class="facts"><dt>办理地点</dt><dd>{lines(data.place)}</dd><dt>办理时间</dt><dd>{data.hours}</dd></dl>
      </section>
      <section aria-labelledby="g-contact">
        <h2 id="g-contact">咨询、监督投诉和救济</h2>
        <dl class="facts">
          <dt>咨询方式</dt><dd>{lines(data.consult)}</dd>
          <dt>监督投诉方式</dt><dd>{lines(data.complaint)}</dd>
          <dt>行政复议</dt><dd>{data.reviewBody}</dd>
          <dt>行政诉讼</dt><dd>{data.litigationBody}</dd>
          {data.rights ? <Fragment><dt>依法享有的权利</dt><dd>{data.rights}</dd></Fragment> : null}
          {data.duties ? <Fragment><dt>依法履行的义务</dt><dd>{data.duties}</dd></Fragment> : null}
        </dl>
      </section>
      {data.faqs.length ? (
        <section aria-labelledby="g-faq">
          <h2 id="g-faq">常见问题</h2>
          <dl class="faq">{data.faqs.map((f) => <Fragment><dt>{f.question}</dt><dd>{f.answer}</dd></Fragment>)}</dl>
        </section>
      ) : null}
    </div>
  );
}
