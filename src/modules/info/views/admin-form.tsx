import { h, raw, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { DATE_HINT, describedBy, Field, PostForm } from '../../../web/components.js';
import { ALL_KINDS, ARTICLE_20, DISCLOSURE_LABELS, INTERPRETATION_KIND, THEMES, type Disclosure } from '../metadata.js';
import { bodyFromText } from '../validate.js';
import { DOCX_MAX_BYTES } from '../docx.js';

export type FormValues = {
  title: string; kind: string; theme: string; assembly: string; docNumber: string; writtenDate: string; formedDate: string;
  regulatory: boolean; statutoryItem: number | null; body: string; disclosure: Disclosure; disclosureGround: string; negEntryId: string; negArticle: string;
  catalogItemKeys: string[]; changeNote: string; minorChange: boolean; qa: string; mediaUrl: string;
};

/** A form's problems by field name, each shown beside its control. */
export type FieldErrors = Record<string, string>;

export type CatalogChoice = { itemKey: string; label: string };

export const emptyForm = (today: string): FormValues => ({
  title: '', kind: '通知', theme: '综合政务\\政务公开', assembly: '政策法规', docNumber: '', writtenDate: today, formedDate: today,
  regulatory: false, statutoryItem: null, body: '', disclosure: 'active', disclosureGround: '', negEntryId: '', negArticle: '', catalogItemKeys: [], changeNote: '', minorChange: false, qa: '', mediaUrl: '',
});

/** A negative-list entry the document may cite when it is 不予公开. */
export type NegChoice = { id: number; label: string; article: string };

/** What each 公开属性 means, so that the three choices read as separate options. */
const DISCLOSURE_HINTS: Record<Disclosure, string> = {
  active: '审核通过后在政府信息公开平台发布',
  on_request: '不主动发布，公民、法人或其他组织可依申请获取',
  not_public: '依法不予公开，每年度评估一次是否可以公开',
};

/** The drafting form: every metadata element, the disclosure attribute decided at the source, the body. */
export function DocumentForm({ ctx, action, v, catalog, assemblies, withChangeNote, submitLabel, errors = {}, negChoices = [] }: { ctx: PageCtx; action: string; v: FormValues; catalog: CatalogChoice[]; assemblies: string[]; withChangeNote: boolean; submitLabel: string; errors?: FieldErrors; negChoices?: NegChoice[] }): SafeHtml {
  const choices = assemblies.includes(v.assembly) || !v.assembly ? assemblies : [v.assembly, ...assemblies];
  const d = (id: string, name: string, hint = false) => describedBy(id, { hint, error: errors[name] });
  const docnoHint = '格式如 示政办〔2026〕12号：年份用六角括号“〔〕”，序号不加“第”、不编虚位。无文号可不填。';
  const catalogError = Object.entries(errors).find(([k]) => k === 'catalogItemKeys' || k.startsWith('catalogItemKeys.'))?.[1];
  return (
    <PostForm ctx={ctx} action={action} className="stack doc-form">
      <fieldset>
        <legend>基本信息</legend>
        <Field id="d-title" label="名称" required error={errors.title}>
          <input id="d-title" name="title" required maxlength="300" value={v.title} aria-describedby={d('d-title', 'title')} />
        </Field>
        <div class="field-row">
          <Field id="d-kind" label="公文种类" error={errors.kind}>
            <select id="d-kind" name="kind" aria-describedby={d('d-kind', 'kind')}>{ALL_KINDS.map((k) => <option value={k} selected={k === v.kind}>{k}</option>)}</select>
          </Field>
          <Field id="d-docno" label="文号" hint={docnoHint} error={errors.docNumber}>
            <input id="d-docno" name="docNumber" maxlength="50" value={v.docNumber} aria-describedby={d('d-docno', 'docNumber', true)} />
          </Field>
        </div>
        <div class="field-row">
          <Field id="d-written" label="成文日期" required hint={DATE_HINT} error={errors.writtenDate}>
            <input id="d-written" name="writtenDate" type="date" required value={v.writtenDate} aria-describedby={d('d-written', 'writtenDate', true)} />
          </Field>
          <Field id="d-formed" label="信息形成（变更）日期" required hint={`${DATE_HINT}。公开时限从该日期起算（条例第二十六条：20个工作日内）。`} error={errors.formedDate}>
            <input id="d-formed" name="formedDate" type="date" required value={v.formedDate} aria-describedby={d('d-formed', 'formedDate', true)} />
          </Field>
        </div>
        <label class="check"><input type="checkbox" name="regulatory" value="1" checked={v.regulatory} /> 行政规范性文件（须与政策解读同步发布）</label>
      </fieldset>
      <fieldset>
        <legend>分类</legend>
        <div class="field-row">
          <Field id="d-theme" label="主题分类" error={errors.theme}>
            <select id="d-theme" name="theme" aria-describedby={d('d-theme', 'theme')}>
              {THEMES.map(([l1, subs]) => subs.length
                ? <optgroup label={l1}>{subs.map((s) => { const val = `${l1}\\${s}`; return <option value={val} selected={val === v.theme}>{l1} › {s}</option>; })}</optgroup>
                : <option value={l1} selected={l1 === v.theme}>{l1}</option>)}
            </select>
          </Field>
          <Field id="d-assembly" label="组配分类" error={errors.assembly}>
            <select id="d-assembly" name="assembly" aria-describedby={d('d-assembly', 'assembly')}>{choices.map((a) => <option value={a} selected={a === v.assembly}>{a}</option>)}</select>
          </Field>
        </div>
        <Field id="d-art20" label="条例第二十条事项" error={errors.statutoryItem}>
          <select id="d-art20" name="statutoryItem" aria-describedby={d('d-art20', 'statutoryItem')}>
            <option value="">（不属于）</option>
            {ARTICLE_20.map((t, i) => <option value={i + 1} selected={v.statutoryItem === i + 1}>（{i + 1}）{t}</option>)}
          </select>
        </Field>
        {catalog.length ? (
          <fieldset class="inner" aria-describedby={catalogError ? 'd-catalog-error' : undefined}>
            <legend>对应的公开目录事项</legend>
            {catalogError ? <p class="field-error" id="d-catalog-error">{catalogError}</p> : null}
            <div class="checks">{catalog.map((c) => <label class="check"><input type="checkbox" name="catalogItemKeys" value={c.itemKey} checked={v.catalogItemKeys.includes(c.itemKey)} /> {c.label}</label>)}</div>
          </fieldset>
        ) : null}
      </fieldset>
      <fieldset class="disclosure" aria-describedby={errors.disclosure ? 'd-disclosure-error' : undefined}>
        <legend>公开属性（源头认定）<span class="req" aria-hidden="true">*</span></legend>
        {errors.disclosure ? <p class="field-error" id="d-disclosure-error">{errors.disclosure}</p> : null}
        <div class="choices">
          {(Object.keys(DISCLOSURE_LABELS) as Disclosure[]).map((k) => (
            <label class="choice">
              <input type="radio" name="disclosure" value={k} checked={v.disclosure === k} required aria-describedby={`d-disc-${k}-hint`} />
              <span class="choice-label">{DISCLOSURE_LABELS[k]}</span>
              <span class="choice-hint" id={`d-disc-${k}-hint`}>{DISCLOSURE_HINTS[k]}</span>
            </label>
          ))}
        </div>
        <Field id="d-ground" label="依申请公开的依据" hint="选择依申请公开时必填，如：《政府信息公开条例》第二十七条。不予公开的依据由下面选择的负面清单事项自动填写。" error={errors.disclosureGround}>
          <input id="d-ground" name="disclosureGround" maxlength="1000" value={v.disclosure === 'not_public' ? '' : v.disclosureGround} aria-describedby={d('d-ground', 'disclosureGround', true)} />
        </Field>
        <div class="field-row">
          <Field id="d-negentry" label="不予公开所依据的负面清单事项" hint={negChoices.length ? '选择不予公开时必选：本单位或本级政府已发布的负面清单事项。' : '本单位及本级政府尚无已发布的负面清单事项，不能标注为不予公开；请先在“负面清单”中编制并发布。'} error={errors.negEntryId}>
            <select id="d-negentry" name="negEntryId" aria-describedby={d('d-negentry', 'negEntryId', true)}>
              <option value="">（不适用）</option>
              {negChoices.map((c) => <option value={String(c.id)} selected={v.negEntryId === String(c.id)}>{c.label}</option>)}
            </select>
          </Field>
          <Field id="d-negarticle" label="所引条款" hint="不填则为所选事项的条款；可写得更具体，如：第十六条第二款。" error={errors.negArticle}>
            <input id="d-negarticle" name="negArticle" maxlength="100" value={v.negArticle} aria-describedby={d('d-negarticle', 'negArticle', true)} />
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>正文</legend>
        <Field id="d-body" label="正文内容" hint="可直接从 Word 或 WPS 复制粘贴：标题、列表、表格和加粗会保留，字体、颜色等其他格式会去除。也可手工输入，段落之间空一行。" error={errors.body}>
          <textarea id="d-body" name="body" rows="14" maxlength="200000" aria-describedby={d('d-body', 'body', true)} data-clean-url="/admin/info/clean-body" data-preview="d-body-preview" data-status="d-body-status">{v.body}</textarea>
        </Field>
        <p id="d-body-status" class="field-hint" role="status" aria-live="polite"></p>
        <details class="body-preview" open={v.body ? true : undefined}>
          <summary>正文预览（按保存后的样子显示）</summary>
          <div id="d-body-preview" class="doc-body">{raw(bodyFromText(v.body))}</div>
        </details>
      </fieldset>
      {v.kind === INTERPRETATION_KIND || v.qa || v.mediaUrl ? (
        <fieldset>
          <legend>解读形式（图解请作为图片附件上传）</legend>
          <Field id="d-qa" label="简明问答" hint="每组一问一答，分行书写，如：问：哪些人可以申请？ 换行 答：本县户籍的……" error={errors.qa}>
            <textarea id="d-qa" name="qa" rows="8" maxlength="100000" aria-describedby={d('d-qa', 'qa', true)}>{v.qa}</textarea>
          </Field>
          <Field id="d-media" label="音频或视频解读链接" hint="以 https:// 开头的网址" error={errors.mediaUrl}>
            <input id="d-media" name="mediaUrl" type="url" maxlength="500" value={v.mediaUrl} aria-describedby={d('d-media', 'mediaUrl', true)} />
          </Field>
        </fieldset>
      ) : null}
      {withChangeNote ? (
        <fieldset>
          <legend>修订</legend>
          <Field id="d-note" label="修订说明（公众可见）" hint="勾选“细微修改”时可不填" error={errors.changeNote}>
            <input id="d-note" name="changeNote" maxlength="2000" value={v.changeNote} aria-describedby={d('d-note', 'changeNote', true)} />
          </Field>
          <label class="check"><input type="checkbox" name="minorChange" value="1" checked={v.minorChange} /> 细微修改（如错别字），不需要修订说明</label>
        </fieldset>
      ) : null}
      <button type="submit">{submitLabel}</button>
      <script src="/static/info-editor.js" defer></script>
    </PostForm>
  );
}

/**
 * Reads a 公文's .docx into the drafting form below it (body, and title, 文号, 成文日期 when its
 * header is recognised). Nothing is saved until the form is.
 */
export function DocxImportForm({ ctx, action, error }: { ctx: PageCtx; action: string; error?: string | null }): SafeHtml {
  return (
    <PostForm ctx={ctx} action={action} enctype="multipart/form-data" className="stack docx-import">
      <fieldset>
        <legend>从 Word 文档导入正文</legend>
        <Field id="d-docx" label="公文的 Word 文档（.docx）" hint={`${DOCX_MAX_BYTES / 1024 / 1024} MB 以内。正文（含标题、列表、表格、加粗）填入下方表单，能识别的文号、标题和成文日期一并填入；保存前可以修改。旧版 .doc 文件请先另存为 .docx。`} error={error}>
          <input id="d-docx" type="file" name="docx" required accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" aria-describedby={describedBy('d-docx', { hint: true, error })} />
        </Field>
        <button type="submit" class="secondary">读取文档</button>
      </fieldset>
    </PostForm>
  );
}
