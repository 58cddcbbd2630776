import { h, type SafeHtml } from '../../../core/render/jsx.js';
import type { GuideFields, RulesFields } from '../guide.js';

/** Plain text as paragraphs, one per line (the text is escaped like every string). */
export function Paras({ text }: { text: string }): SafeHtml {
  return <div class="guide-text">{text.split('\n').filter((l) => l.trim()).map((l) => <p>{l}</p>)}</div>;
}

const orUnset = (v: string) => v || '暂未公布';

/** The guide in the order Article 12 lists its parts. `idPrefix` keeps heading ids unique on a page. */
export function GuideBody({ g, idPrefix = 'g' }: { g: GuideFields; idPrefix?: string }): SafeHtml {
  const id = (n: string) => `${idPrefix}-${n}`;
  return (
    <div class="guide">
      <section aria-labelledby={id('1')}>
        <h2 id={id('1')}>一、政府信息的分类和编排体系</h2>
        <Paras text={g.classification} />
      </section>
      <section aria-labelledby={id('2')}>
        <h2 id={id('2')}>二、获取政府信息的方式</h2>
        <h3>（一）主动公开</h3>
        <Paras text={g.activeHow} />
        <h3>（二）依申请公开</h3>
        <Paras text={g.applyHow} />
        <ul class="guide-actions">
          <li><a href="/yishenqing/apply">在线提交政府信息公开申请</a></li>
          <li><a href="/yishenqing/follow">查询申请办理进度</a></li>
        </ul>
      </section>
      <section aria-labelledby={id('3')}>
        <h2 id={id('3')}>三、政府信息公开工作机构</h2>
        <dl class="facts">
          <dt>机构名称</dt><dd>{g.officeName}</dd>
          <dt>办公地址</dt><dd>{g.address}</dd>
          <dt>办公时间</dt><dd>{g.officeHours}</dd>
          <dt>联系电话</dt><dd>{g.phone}</dd>
          <dt>传真号码</dt><dd>{orUnset(g.fax)}</dd>
          <dt>电子邮箱</dt><dd>{g.email ? <a href={`mailto:${g.email}`}>{g.email}</a> : orUnset('')}</dd>
          <dt>邮政编码</dt><dd>{orUnset(g.postcode)}</dd>
          <dt>网上申请</dt><dd><a href="/yishenqing/apply">本网站“依申请公开”栏目</a></dd>
        </dl>
      </section>
      <section aria-labelledby={id('4')}>
        <h2 id={id('4')}>四、监督和救济</h2>
        <Paras text={g.remedies} />
      </section>
    </div>
  );
}

export function RulesBody({ r }: { r: RulesFields }): SafeHtml {
  return (
    <div class="guide">
      {r.items.map((it, i) => (
        <section aria-labelledby={`rule-${i + 1}`}>
          <h2 id={`rule-${i + 1}`}>{`${i + 1}. ${it.title}`}</h2>
          <Paras text={it.body} />
        </section>
      ))}
    </div>
  );
}
