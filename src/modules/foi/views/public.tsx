import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { describedBy, ErrorBox, Field, Notice, PostForm } from '../../../web/components.js';
import type { PublicView, Submitted } from '../intake.js';
import { APPLICANT_CATEGORY_LABELS, OUTCOME_INFO, isOutcome } from '../outcomes.js';
import { DELIVERIES, FORMS, ID_TYPES, ORG_CATEGORIES } from '../validate.js';
import { MAX_PROOF_BYTES, MAX_SUPPLEMENT_FILES, MAX_SUPPLEMENT_TEXT } from '../intake.js';
import { letterFromText, type Letter } from '../letter.js';
import { LetterView } from './letter.js';

const crumbs = (label: string) => [{ href: '/', label: '首页' }, { href: '/yishenqing', label: '依申请公开' }, { label }];

export function IntroPage({ ctx }: { ctx: PageCtx }): SafeHtml {
  return (
    <Layout ctx={ctx} title="依申请公开" crumbs={[{ href: '/', label: '首页' }, { label: '依申请公开' }]}>
      <h1>政府信息依申请公开</h1>
      <p>公民、法人或者其他组织可以向县、乡镇人民政府和县政府部门申请获取相关政府信息（《中华人民共和国政府信息公开条例》第二十七条）。</p>
      <ul class="actions">
        <li><a class="button" href="/yishenqing/apply">在线提交申请</a></li>
        <li><a class="button secondary" href="/yishenqing/follow">查询办理进度</a></li>
      </ul>
      <h2>办理时限</h2>
      <p>能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内答复（收到申请当日不计入，法定节假日不计入，调休上班日计入）。需要延长的，经批准并告知申请人，延长期限最长不超过 20 个工作日。征求第三方或其他机关意见所需时间不计入答复期限。</p>
      <h2>收到申请之日</h2>
      <p>当面提交的，以提交之日为准；邮寄的，以本机关签收之日为准；通过互联网或传真提交的，以双方确认之日为准。网上提交后，受理机关确认当日即为收到申请之日。</p>
      <h2>补正</h2>
      <p>申请内容不明确的，受理机关会在收到申请之日起 7 个工作日内一次性告知需要补正的事项和合理的补正期限；答复期限自收到补正后的申请之日起计算。</p>
      <h2>费用</h2>
      <p>依申请提供政府信息不收取费用；但申请数量、频次明显超过合理范围的，按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费：同一申请人一个自然月内 10 件以内免费，或 30 页以内免费。</p>
    </Layout>
  );
}

export type FormValues = Record<string, string>;
export type AgencyOption = { id: number; name: string; kindLabel: string };

const opt = (value: string, label: string, current: string | undefined) => <option value={value} selected={current === value}>{label}</option>;

export type FieldErrors = Record<string, string>;

/** A form's field errors as AppError details carry them ({ fields: { name: message } }). */
/** Each field's problem from an error's details (either shape the services use). */
export { fieldErrorsOf } from '../../../web/components.js';

/** The fields of Article 29, shared by the public form and staff registration. */
export function ApplicationFields({ agencies, values, proof, errors = {} }: { agencies: AgencyOption[]; values: FormValues; proof?: boolean; errors?: FieldErrors }): SafeHtml {
  const v = values;
  const isOrg = v.applicantType === 'org';
  const d = (id: string, name: string, hasHint = false) => describedBy(id, { hint: hasHint, error: errors[name] });
  return (
    <div class="stack">
      <fieldset>
        <legend>受理机关</legend>
        <Field id="a-agency" label="受理机关" required error={errors.agencyId}>
          <select id="a-agency" name="agencyId" required aria-describedby={d('a-agency', 'agencyId')}>
            <option value="">请选择</option>
            {agencies.map((a) => <option value={String(a.id)} selected={v.agencyId === String(a.id)}>{a.name}（{a.kindLabel}）</option>)}
          </select>
        </Field>
      </fieldset>
      <fieldset>
        <legend>申请人信息</legend>
        <fieldset class="inner" aria-describedby={errors.applicantType ? 'a-type-error' : undefined}>
          <legend>申请人类型<span class="req" aria-hidden="true">*</span></legend>
          {errors.applicantType ? <p class="field-error" id="a-type-error">{errors.applicantType}</p> : null}
          <div class="checks">
            <label class="check"><input type="radio" name="applicantType" value="natural" checked={!isOrg} required /> 公民</label>
            <label class="check"><input type="radio" name="applicantType" value="org" checked={isOrg} /> 法人或者其他组织</label>
          </div>
        </fieldset>
        <Field id="a-name" label="姓名或名称" required error={errors.name}>
          <input id="a-name" name="name" required maxlength="100" value={v.name ?? ''} autocomplete="name" aria-describedby={d('a-name', 'name')} />
        </Field>
        <div class="field-row">
          <Field id="a-idtype" label="证件类型" hint="公民填写" error={errors.idType}>
            <select id="a-idtype" name="idType" aria-describedby={d('a-idtype', 'idType', true)}>{ID_TYPES.map((t) => opt(t, t, v.idType ?? '居民身份证'))}</select>
          </Field>
          <Field id="a-orgcat" label="组织类别" hint="法人或其他组织填写" error={errors.orgCategory}>
            <select id="a-orgcat" name="orgCategory" aria-describedby={d('a-orgcat', 'orgCategory', true)}>
              <option value="">请选择</option>
              {ORG_CATEGORIES.map((c) => opt(c, APPLICANT_CATEGORY_LABELS[c], v.orgCategory))}
            </select>
          </Field>
        </div>
        <Field id="a-id" label="证件号码" required hint="法人或其他组织填写统一社会信用代码" error={errors.idNumber}>
          <input id="a-id" name="idNumber" required maxlength="40" value={v.idNumber ?? ''} autocomplete="off" aria-describedby={d('a-id', 'idNumber', true)} />
        </Field>
        <div class="field-row">
          <Field id="a-contact" label="联系人" hint="法人或其他组织填写" error={errors.contactPerson}>
            <input id="a-contact" name="contactPerson" maxlength="50" value={v.contactPerson ?? ''} aria-describedby={d('a-contact', 'contactPerson', true)} />
          </Field>
          <Field id="a-phone" label="联系电话" required error={errors.phone}>
            <input id="a-phone" name="phone" required maxlength="20" inputmode="tel" value={v.phone ?? ''} autocomplete="tel" aria-describedby={d('a-phone', 'phone')} />
          </Field>
        </div>
        <Field id="a-email" label="电子邮箱" hint="选择电子邮件获取时必填" error={errors.email}>
          <input id="a-email" name="email" type="email" maxlength="100" value={v.email ?? ''} autocomplete="email" aria-describedby={d('a-email', 'email', true)} />
        </Field>
        <div class="field-row">
          <Field id="a-address" label="通信地址" hint="选择邮寄获取时必填" error={errors.address} className="grow">
            <input id="a-address" name="address" maxlength="200" value={v.address ?? ''} autocomplete="street-address" aria-describedby={d('a-address', 'address', true)} />
          </Field>
          <Field id="a-postcode" label="邮政编码" hint="6 位数字" error={errors.postcode} className="short">
            <input id="a-postcode" name="postcode" maxlength="6" inputmode="numeric" value={v.postcode ?? ''} autocomplete="postal-code" aria-describedby={d('a-postcode', 'postcode', true)} />
          </Field>
        </div>
        {proof ? (
          <Field id="a-proof" label="身份证明（选填）" hint={`PDF 或图片，不超过 ${MAX_PROOF_BYTES / 1024 / 1024} MB`} error={errors.proof}>
            <input id="a-proof" name="proof" type="file" accept=".pdf,.jpg,.jpeg,.png" aria-describedby={d('a-proof', 'proof', true)} />
          </Field>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>所需政府信息</legend>
        <Field id="a-content" label="信息名称或内容描述" required hint="便于查找的特征性描述，如文件名称、发布机关、时间段" error={errors.content}>
          <textarea id="a-content" name="content" required minlength="5" maxlength="2000" rows="5" aria-describedby={d('a-content', 'content', true)}>{v.content ?? ''}</textarea>
        </Field>
        <div class="field-row">
          <Field id="a-docno" label="文号（如知道）" error={errors.docNumber}>
            <input id="a-docno" name="docNumber" maxlength="100" value={v.docNumber ?? ''} aria-describedby={d('a-docno', 'docNumber')} />
          </Field>
          <Field id="a-purpose" label="用途说明（选填）" error={errors.purpose}>
            <input id="a-purpose" name="purpose" maxlength="500" value={v.purpose ?? ''} aria-describedby={d('a-purpose', 'purpose')} />
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>提供形式和获取方式</legend>
        <div class="field-row">
          <Field id="a-form" label="提供形式" required error={errors.form}>
            <select id="a-form" name="form" aria-describedby={d('a-form', 'form')}>{Object.entries(FORMS).map(([k, l]) => opt(k, l, v.form ?? 'electronic'))}</select>
          </Field>
          <Field id="a-delivery" label="获取方式" required error={errors.delivery}>
            <select id="a-delivery" name="delivery" aria-describedby={d('a-delivery', 'delivery')}>{Object.entries(DELIVERIES).map(([k, l]) => opt(k, l, v.delivery ?? 'online'))}</select>
          </Field>
        </div>
      </fieldset>
    </div>
  );
}

export function ApplyPage({ ctx, agencies, values, errors, fieldErrors, submitKey }: { ctx: PageCtx; agencies: AgencyOption[]; values: FormValues; errors: string[]; fieldErrors?: FieldErrors; submitKey: string }): SafeHtml {
  const v = values;
  return (
    <Layout ctx={ctx} title="在线申请政府信息公开" crumbs={crumbs('在线申请')}>
      <h1>在线申请政府信息公开</h1>
      <p class="hint">带 <span class="req">*</span> 的为必填项。您的身份证件号码加密保存，只有办理本申请的工作人员可以查看，不会公开。</p>
      <ErrorBox errors={errors} />
      <PostForm ctx={ctx} action="/yishenqing/apply" className="stack" enctype="multipart/form-data">
        <input type="hidden" name="submitKey" value={submitKey} />
        <ApplicationFields agencies={agencies} values={v} proof errors={fieldErrors} />
        <button type="submit">提交申请</button>
      </PostForm>
    </Layout>
  );
}

export type Receipt = { code: string; secret: string; agencyName: string; submittedOn: string; receivedOn: string | null; dueOn: string | null };

/** The receipt (回执): what the applicant keeps, printable on one A4 page without the site's chrome. */
export function SubmittedPage({ ctx, s }: { ctx: PageCtx; s: Receipt }): SafeHtml {
  return (
    <Layout ctx={ctx} title="申请已提交" crumbs={crumbs('申请已提交')}>
      <h1>申请已提交</h1>
      <section class="receipt" aria-labelledby="receipt-h">
        <h2 id="receipt-h" class="receipt-title">政府信息公开申请回执</h2>
        <p>您的申请已提交至{s.agencyName}。请记下或打印本回执，凭查询码和密码查询办理进度、补正要求和答复。</p>
        <dl class="facts">
          <dt>查询码</dt><dd><strong class="code">{s.code}</strong></dd>
          <dt>密码</dt><dd><strong class="code">{s.secret}</strong></dd>
          <dt>受理机关</dt><dd>{s.agencyName}</dd>
          <dt>提交日期</dt><dd>{s.submittedOn}</dd>
          <dt>收到申请之日</dt><dd>{s.receivedOn ?? '受理机关确认之日（确认后可查询）'}</dd>
          {s.dueOn ? [<dt>答复期限</dt>, <dd>{s.dueOn}</dd>] : null}
        </dl>
        <h3>如何查询</h3>
        <p>访问本网站“依申请公开 → 查询办理进度”，输入查询码和密码。网上提交的申请，以受理机关确认之日为收到申请之日；答复期限为收到申请之日起 20 个工作日（不含当日，遇法定节假日顺延），需要补正、征求意见或延期的，查询页面会写明。</p>
        <p class="muted">为保护您的信息，本回执只在提交申请的浏览器中保留 24 小时，密码不会再次显示。</p>
      </section>
      <p class="no-print"><button type="button" class="print-button" data-print hidden>打印回执</button> <a href="/yishenqing/follow">查询办理进度</a></p>
    </Layout>
  );
}

/** The reply letter alone, to print: an A4 letter, nothing of the site on paper. */
export function LetterPage({ ctx, letter }: { ctx: PageCtx; letter: Letter }): SafeHtml {
  return (
    <Layout ctx={ctx} title={letter.title} crumbs={crumbs('答复书')}>
      <h1>答复书</h1>
      <p class="no-print"><button type="button" class="print-button" data-print hidden>打印</button> <a href="/yishenqing/progress">返回办理进度</a></p>
      <LetterView letter={letter} />
    </Layout>
  );
}

/** The receipt page opened in another browser, or after its 24 hours. */
export function ReceiptMissing({ ctx }: { ctx: PageCtx }): SafeHtml {
  return (
    <Layout ctx={ctx} title="申请回执" crumbs={crumbs('申请回执')}>
      <h1>申请回执</h1>
      <p role="status">回执只在提交申请的浏览器中保留 24 小时，这里没有找到。请凭查询码和密码<a href="/yishenqing/follow">查询办理进度</a>；遗失查询码或密码的，请联系受理机关。</p>
    </Layout>
  );
}

export function FollowForm({ ctx, error, code }: { ctx: PageCtx; error?: string; code?: string }): SafeHtml {
  const forgotten = ctx.path.includes('notice=forgotten');
  return (
    <Layout ctx={ctx} title="查询办理进度" crumbs={crumbs('查询办理进度')}>
      <h1>查询办理进度</h1>
      {forgotten ? <div class="notice" role="status">已结束查询，本浏览器不再保留您的查询码和密码。</div> : null}
      <ErrorBox errors={error ? [error] : []} />
      <PostForm ctx={ctx} action="/yishenqing/follow" className="stack">
        <label for="f-code">查询码</label>
        <input id="f-code" name="code" required maxlength="40" value={code ?? ''} autocomplete="off" />
        <label for="f-secret">密码</label>
        <input id="f-secret" name="secret" type="password" required maxlength="64" autocomplete="off" />
        <button type="submit">查询</button>
      </PostForm>
    </Layout>
  );
}

/** The 补正 asked for, and the form to supply it online while it is open. */
function SupplementSection({ ctx, v, errors, message, text }: { ctx: PageCtx; v: PublicView; errors: FieldErrors; message?: string; text?: string }): SafeHtml | null {
  const s = v.supplement;
  if (!s) return null;
  return (
    <section aria-labelledby="supp-h" class="supplement">
      <h2 id="supp-h">补正{s.open ? '（待您补正）' : ''}</h2>
      <p>{v.agencyName}于 {s.askedOn} 告知，需要补正以下事项，请于 <strong>{s.dueOn}</strong> 前补正。收到补正之日起重新计算答复期限；无正当理由逾期不补正的，视为放弃申请。</p>
      <div class="letter pre">{s.items}</div>
      {v.supplied ? (
        <div class="notice">
          <p>已于 {v.supplied.on} {v.supplied.channel === 'online' ? '在线提交补正' : '向受理机关提交补正'}。</p>
          {v.supplied.channel === 'online' && v.supplied.text ? <p class="pre">{v.supplied.text}</p> : null}
          {v.supplied.files.length ? <p>文件：{v.supplied.files.join('、')}</p> : null}
        </div>
      ) : null}
      {s.open ? (
        <>
          <ErrorBox errors={message ? message.split('；') : []} />
          <PostForm ctx={ctx} action="/yishenqing/progress/supplement" className="stack no-print" enctype="multipart/form-data">
            <fieldset>
              <legend>在线补正</legend>
              <Field id="s-text" label="补正内容" hint={`对需要补正事项的说明，最多 ${MAX_SUPPLEMENT_TEXT} 字；只上传文件的可不填`} error={errors.text}>
                <textarea id="s-text" name="text" rows="5" maxlength={String(MAX_SUPPLEMENT_TEXT)} aria-describedby={describedBy('s-text', { hint: true, error: errors.text })}>{text ?? ''}</textarea>
              </Field>
              <Field id="s-files" label="补正材料（选填）" hint={`PDF 或图片，最多 ${MAX_SUPPLEMENT_FILES} 个，每个不超过 ${MAX_PROOF_BYTES / 1024 / 1024} MB`} error={errors.files}>
                <input id="s-files" name="files" type="file" multiple accept=".pdf,.jpg,.jpeg,.png" aria-describedby={describedBy('s-files', { hint: true, error: errors.files })} />
              </Field>
            </fieldset>
            <button type="submit">提交补正</button>
          </PostForm>
          <p class="hint">也可以按告知书写明的方式邮寄或当面提交补正材料，由受理机关登记。</p>
        </>
      ) : null}
    </section>
  );
}

export function FollowPage({ ctx, v, notice, supplyErrors = {}, supplyMessage, supplyText }: { ctx: PageCtx; v: PublicView; notice?: string | null; supplyErrors?: FieldErrors; supplyMessage?: string; supplyText?: string }): SafeHtml {
  const outcome = v.reply && isOutcome(v.reply.outcome) ? OUTCOME_INFO[v.reply.outcome] : null;
  return (
    <Layout ctx={ctx} title={`申请 ${v.code}`} crumbs={crumbs('办理进度')}>
      <h1>申请 {v.code}</h1>
      <Notice text={notice} />
      <dl class="facts">
        <dt>受理机关</dt><dd>{v.agencyName}</dd>
        <dt>办理状态</dt><dd><strong>{v.status}</strong></dd>
        <dt>提交日期</dt><dd>{v.submittedOn}</dd>
        <dt>收到申请之日</dt><dd>{v.receivedOn ?? '待确认'}</dd>
        {v.dueOn ? [<dt>答复期限</dt>, <dd>{v.dueOn} 前</dd>] : null}
        {v.supplementDueOn ? [<dt>补正期限</dt>, <dd>{v.supplementDueOn} 前</dd>] : null}
        {v.paymentDueOn ? [<dt>缴费期限</dt>, <dd>{v.paymentDueOn} 前</dd>] : null}
      </dl>
      {v.clockNote ? <p class="hint">{v.clockNote}</p> : null}
      <SupplementSection ctx={ctx} v={v} errors={supplyErrors} message={supplyMessage} text={supplyText} />
      <h2>申请内容</h2>
      <p class="pre">{v.content}</p>
      <h2>办理过程</h2>
      <ol class="timeline">
        {v.timeline.map((t) => <li><time datetime={t.on}>{t.on}</time> <strong>{t.label}</strong>{t.note ? <span>：{t.note}</span> : null}</li>)}
      </ol>
      {v.reply ? (
        <section aria-labelledby="reply-h">
          <h2 id="reply-h">答复（{outcome?.staffLabel ?? ''}，{v.reply.on}）</h2>
          <p class="letter-downloads no-print">下载答复书：<a href="/yishenqing/progress/letter.pdf" download>PDF</a> · <a href="/yishenqing/progress/letter.docx" download>Word（DOCX）</a> · <a href="/yishenqing/progress/letter">打印</a></p>
          <LetterView letter={letterFromText(v.reply.text)} />
          {v.reply.files.length ? [<h3>公开的政府信息</h3>, <ul>{v.reply.files.map((f) => <li><a href={f.url} download>{f.name}</a></li>)}</ul>, <p class="hint">下载链接一小时内有效，过期后请重新查询。</p>] : null}
        </section>
      ) : null}
      <PostForm ctx={ctx} action="/yishenqing/progress/forget" className="no-print">
        <p class="hint">本页在关闭浏览器前可随时刷新。在公用电脑上查询的，请在离开前结束查询。</p>
        <button type="submit">结束查询</button>
      </PostForm>
    </Layout>
  );
}
