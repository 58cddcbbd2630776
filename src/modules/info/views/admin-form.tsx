import { h, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { PostForm } from '../../../web/components.js';
import { ALL_KINDS, ARTICLE_20, DISCLOSURE_LABELS, INTERPRETATION_KIND, THEMES, type Disclosure } from '../metadata.js';

export type FormValues = {
  title: string; kind: string; theme: string; assembly: string; docNumber: string; writtenDate: string; formedDate: string;
  regulatory: boolean; statutoryItem: number | null; body: string; disclosure: Disclosure; disclosureGround: string;
  catalogItemKeys: string[]; changeNote: string; minorChange: boolean; qa: string; mediaUrl: string;
};

export type CatalogChoice = { itemKey: string; label: string };

export const emptyForm = (today: string): FormValues => ({
  title: '', kind: '通知', theme: '综合政务\\政务公开', assembly: '政策法规', docNumber: '', writtenDate: today, formedDate: today,
  regulatory: false, statutoryItem: null, body: '', disclosure: 'active', disclosureGround: '', catalogItemKeys: [], changeNote: '', minorChange: false, qa: '', mediaUrl: '',
});

/** The drafting form: every metadata element, the disclosure attribute decided at the source, the body. */
export function DocumentForm({ ctx, action, v, catalog, assemblies, withChangeNote, submitLabel }: { ctx: PageCtx; action: string; v: FormValues; catalog: CatalogChoice[]; assemblies: string[]; withChangeNote: boolean; submitLabel: string }): SafeHtml {
  const choices = assemblies.includes(v.assembly) || !v.assembly ? assemblies : [v.assembly, ...assemblies];
  return (
    <PostForm ctx={ctx} action={action} className="stack">
      <label for="d-title">名称<span class="req" aria-hidden="true">*</span></label>
      <input id="d-title" name="title" required maxlength="300" value={v.title} />
      <label for="d-kind">公文种类</label>
      <select id="d-kind" name="kind">{ALL_KINDS.map((k) => <option value={k} selected={k === v.kind}>{k}</option>)}</select>
      <label for="d-theme">主题分类</label>
      <select id="d-theme" name="theme">
        {THEMES.map(([l1, subs]) => subs.length
          ? <optgroup label={l1}>{subs.map((s) => { const val = `${l1}\\${s}`; return <option value={val} selected={val === v.theme}>{l1} › {s}</option>; })}</optgroup>
          : <option value={l1} selected={l1 === v.theme}>{l1}</option>)}
      </select>
      <label for="d-assembly">组配分类</label>
      <select id="d-assembly" name="assembly">{choices.map((a) => <option value={a} selected={a === v.assembly}>{a}</option>)}</select>
      <label for="d-docno">文号（无文号可不填）</label>
      <input id="d-docno" name="docNumber" maxlength="50" value={v.docNumber} aria-describedby="d-docno-hint" />
      <p id="d-docno-hint" class="hint">格式如 示政办〔2026〕12号：年份用六角括号“〔〕”，序号不加“第”、不编虚位。</p>
      <label for="d-written">成文日期</label>
      <input id="d-written" name="writtenDate" type="date" required value={v.writtenDate} />
      <label for="d-formed">信息形成（变更）日期</label>
      <input id="d-formed" name="formedDate" type="date" required value={v.formedDate} aria-describedby="d-formed-hint" />
      <p id="d-formed-hint" class="hint">公开时限从该日期起算（条例第二十六条：20个工作日内）。</p>
      <label class="check"><input type="checkbox" name="regulatory" value="1" checked={v.regulatory} /> 行政规范性文件（须与政策解读同步发布）</label>
      <label for="d-art20">条例第二十条事项</label>
      <select id="d-art20" name="statutoryItem">
        <option value="">（不属于）</option>
        {ARTICLE_20.map((t, i) => <option value={i + 1} selected={v.statutoryItem === i + 1}>（{i + 1}）{t}</option>)}
      </select>
      {catalog.length ? (
        <fieldset>
          <legend>对应的公开目录事项</legend>
          <div class="checks">{catalog.map((c) => <label class="check"><input type="checkbox" name="catalogItemKeys" value={c.itemKey} checked={v.catalogItemKeys.includes(c.itemKey)} /> {c.label}</label>)}</div>
        </fieldset>
      ) : null}
      <fieldset>
        <legend>公开属性（源头认定）</legend>
        {(Object.keys(DISCLOSURE_LABELS) as Disclosure[]).map((d) => <label class="check"><input type="radio" name="disclosure" value={d} checked={v.disclosure === d} /> {DISCLOSURE_LABELS[d]}</label>)}
        <label for="d-ground">依申请公开或不予公开的依据</label>
        <input id="d-ground" name="disclosureGround" maxlength="1000" value={v.disclosureGround} placeholder="如：《政府信息公开条例》第十六条" />
      </fieldset>
      <label for="d-body">正文</label>
      <textarea id="d-body" name="body" rows="14" maxlength="200000">{v.body}</textarea>
      <p class="hint">段落之间空一行。可使用简单的 HTML（段落、标题、列表、表格），其他标记会被去除。</p>
      {v.kind === INTERPRETATION_KIND || v.qa || v.mediaUrl ? (
        <fieldset>
          <legend>解读形式（图解请作为图片附件上传）</legend>
          <label for="d-qa">简明问答</label>
          <textarea id="d-qa" name="qa" rows="8" maxlength="100000" aria-describedby="d-qa-hint">{v.qa}</textarea>
          <p id="d-qa-hint" class="hint">每组一问一答，分行书写，如：问：哪些人可以申请？ 换行 答：本县户籍的……</p>
          <label for="d-media">音频或视频解读链接</label>
          <input id="d-media" name="mediaUrl" type="url" maxlength="500" value={v.mediaUrl} placeholder="https://" />
        </fieldset>
      ) : null}
      {withChangeNote ? [
        <label for="d-note">修订说明（公众可见）</label>,
        <input id="d-note" name="changeNote" maxlength="2000" value={v.changeNote} />,
        <label class="check"><input type="checkbox" name="minorChange" value="1" checked={v.minorChange} /> 细微修改（如错别字），不需要修订说明</label>,
      ] : null}
      <button type="submit">{submitLabel}</button>
    </PostForm>
  );
}
