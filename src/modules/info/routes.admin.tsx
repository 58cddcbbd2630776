import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, raw, type Child, type SafeHtml } from '../../core/render/jsx.js';
import { AppError, invalid } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { Layout } from '../../web/layout.js';
import { DATE_HINT, describedBy, ErrorBox, Field, Notice, PostForm, formatDate, formatDateTime, TableScroll } from '../../web/components.js';
import { checked, field, fields, formBody, idParam, known, refId, type FormBody } from '../../web/form.js';
import type { PageCtx } from '../../web/context.js';
import { getAgency } from '../org/service.js';
import { publishedItems } from '../catalog/queries.js';
import { DISCLOSURE_LABELS, DISCLOSURE_MARKING, VALIDITY_LABELS, type Disclosure } from './metadata.js';
import { STATE_LABELS, TRANSITIONS, availableActions, canEdit, type EditionAction } from './policy.js';
import { documentEditions, editionTransitions, interpretationsOf, type Edition } from './repository.js';
import { attachFile, editionAttachments, removeAttachment } from './attachments.js';
import { needsInterpretation, createDraft, newEdition, readableEdition, setValidity, staffEditionList, transition, updateDraft } from './service.js';
import { fieldProblems, qaText } from './validate.js';
import { cleanBodyFor, DOCX_MAX_BYTES, PASTE_MAX_CHARS, readDocxDraft, type DocxDraft } from './docx.js';
import { getInfoSettings } from './settings.js';
import { DocumentForm, DocxImportForm, emptyForm, type CatalogChoice, type FieldErrors, type FormValues, type NegChoice } from './views/admin-form.js';
import { entryOptionLabel, negEntriesFor } from '../negative/citing.js';

const todayShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

function formValues(b: FormBody): FormValues {
  const item = field(b, 'statutoryItem', 3);
  return {
    title: field(b, 'title', 300), kind: field(b, 'kind', 20), theme: field(b, 'theme', 100), assembly: field(b, 'assembly', 50),
    docNumber: field(b, 'docNumber', 50), writtenDate: field(b, 'writtenDate', 10), formedDate: field(b, 'formedDate', 10),
    regulatory: checked(b, 'regulatory'), statutoryItem: item ? Number(item) : null, body: field(b, 'body', 200_000),
    disclosure: field(b, 'disclosure', 20) as Disclosure, disclosureGround: field(b, 'disclosureGround', 1000),
    negEntryId: field(b, 'negEntryId', 200), negArticle: field(b, 'negArticle', 1000),
    catalogItemKeys: fields(b, 'catalogItemKeys').slice(0, 50), changeNote: field(b, 'changeNote', 2000), minorChange: checked(b, 'minorChange'),
    qa: field(b, 'qa', 100_000), mediaUrl: field(b, 'mediaUrl', 500),
  };
}

const fromEdition = (e: Edition): FormValues => ({
  title: e.title, kind: e.kind, theme: e.theme, assembly: e.assembly, docNumber: e.docNumber ?? '', writtenDate: e.writtenDate, formedDate: e.formedDate,
  regulatory: e.regulatory, statutoryItem: e.statutoryItem, body: e.bodyHtml, disclosure: e.disclosure, disclosureGround: e.disclosureGround,
  negEntryId: e.negEntryId == null ? '' : String(e.negEntryId), negArticle: e.negArticle,
  catalogItemKeys: e.catalogItemKeys, changeNote: e.changeNote, minorChange: e.minorChange, qa: qaText(e.qa), mediaUrl: e.mediaUrl ?? '',
});

type Problems = { list: string[]; fields: FieldErrors };

/** A refusal the page can show: every message, and each field's beside it; anything else is rethrown. */
const problems = (e: unknown): Problems => {
  if (!(e instanceof AppError) || e.status >= 500 || [401, 403, 404].includes(e.status)) throw e;
  const d = e.details as { message: string }[] | undefined;
  return { list: Array.isArray(d) && d.length ? [...new Set(d.map((x) => x.message))] : [e.message], fields: fieldProblems(e.details) };
};
const messages = (e: unknown): string[] => problems(e).list;
const NO_PROBLEMS: Problems = { list: [], fields: {} };

/** An uploaded .docx, or the reason it was refused (its size is checked when the bytes are read). */
async function docxUpload(req: FastifyRequest): Promise<{ buffer: Buffer; filename: string }> {
  const file = await req.file({ limits: { fileSize: DOCX_MAX_BYTES } });
  if (!file) throw new AppError('docx_missing', 400, '请选择要导入的 Word 文档（.docx）。', [{ field: 'docx', message: '请选择要导入的 Word 文档（.docx）。' }]);
  try {
    return { buffer: await file.toBuffer(), filename: file.filename };
  } catch (e) {
    if ((e as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw e;
    const message = `Word 文档不能超过 ${DOCX_MAX_BYTES / 1024 / 1024} MB，未导入。图片较多的文档请删除图片后导入，图片作为附件上传。`;
    throw new AppError('docx_too_large', 413, message, [{ field: 'docx', message }]);
  }
}

/** What a read .docx fills in: the body always, the header's metadata where the form has none yet. */
const withDocx = (v: FormValues, d: DocxDraft, fresh: boolean): FormValues => ({
  ...v,
  body: d.bodyHtml,
  title: v.title || d.title || '',
  docNumber: v.docNumber || d.docNumber || '',
  kind: fresh && d.kind ? d.kind : v.kind,
  writtenDate: fresh && d.writtenDate ? d.writtenDate : v.writtenDate,
  formedDate: fresh && d.writtenDate && d.writtenDate > v.formedDate ? d.writtenDate : v.formedDate,
});

const docxNotice = (name: string, d: DocxDraft): string => {
  const found = [d.title ? '标题' : '', d.docNumber ? '文号' : '', d.writtenDate ? '成文日期' : ''].filter(Boolean);
  return `已读取“${name}”的正文${found.length ? `，并识别出${found.join('、')}` : ''}。尚未保存：请核对下方各项后点击保存。`;
};

const NOTICES: Record<string, string> = {
  created: '草稿已保存。', saved: '修改已保存。', submit: '已提交审核。', return: '已退回修改。', approve: '审核通过，保密审查已记录。',
  schedule: '已设定定时发布。', attached: '附件已上传。', detached: '附件已删除。', unschedule: '已取消定时发布。', publish: '已发布。', withdraw: '已撤回。', edition: '已创建新版本草稿。', validity: '有效性已更新。',
};

export function registerInfoAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });

  const catalogChoices = async (agencyId: number): Promise<CatalogChoice[]> =>
    (await publishedItems(db, { agencyId, limit: 2000 })).map((i) => ({ itemKey: i.itemKey, label: `${i.domainName}：${i.level1} / ${i.level2}` }));

  const negChoices = async (req: FastifyRequest, agencyId: number): Promise<NegChoice[]> =>
    (await negEntriesFor(db, req.actor, agencyId)).map((n) => ({ id: n.id, label: entryOptionLabel(n), article: n.article }));

  app.get('/admin/info', async (req, reply) => {
    const list = await staffEditionList(ctxOf(req));
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="政府信息" admin>
        <h1>政府信息</h1>
        {req.actor!.roles.some((r) => r.role === 'editor') ? <p><a href="/admin/info/new">新建信息</a></p> : null}
        <TableScroll label="本机构的政府信息（可左右滑动）"><table class="data">
          <caption>本机构的政府信息（{list.length}）</caption>
          <thead><tr><th scope="col">名称</th><th scope="col">文号</th><th scope="col">版本</th><th scope="col">状态</th><th scope="col">公开属性</th><th scope="col">发布日期</th></tr></thead>
          <tbody>
            {list.map((e) => (
              <tr>
                <td><a href={`/admin/info/editions/${e.id}`}>{e.title}</a>{e.interpretsId ? <span class="muted">（解读）</span> : null}</td>
                <td>{e.docNumber ?? ''}</td><td>第 {e.editionNo} 版</td><td>{STATE_LABELS[e.state]}</td>
                <td>{DISCLOSURE_LABELS[e.disclosure]}</td><td>{formatDate(e.publishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table></TableScroll>
      </Layout>
    ));
  });

  type PageExtras = { notice?: string | null; docxError?: string | null };

  const renderNew = async (req: FastifyRequest, reply: FastifyReply, v: FormValues, p: Problems, extras: PageExtras = {}) => {
    const errors = p.list;
    const interprets = (req.query as { interprets?: string }).interprets;
    const policy = interprets ? (await documentEditions(db, idParam(interprets)))[0] : undefined;
    if (interprets && (!policy || policy.agencyId !== req.actor!.agencyId)) throw invalid('被解读的文件不存在。');
    const [catalog, { assemblies }, negs] = await Promise.all([catalogChoices(req.actor!.agencyId), getInfoSettings(db), negChoices(req, req.actor!.agencyId)]);
    if (!errors.length && !assemblies.includes(v.assembly)) v = { ...v, assembly: assemblies[0]! };
    const query = policy ? `?interprets=${policy.documentId}` : '';
    // An interpretation's kind is set for it, and its title unless a .docx brought one.
    const values = policy && !errors.length ? { ...v, kind: '政策解读', title: v.title || `《${policy.title}》政策解读`, regulatory: false } : v;
    return reply.page((ctx) => (
      <Layout ctx={ctx} title={policy ? '新建政策解读' : '新建信息'} admin>
        <h1>{policy ? `新建政策解读：${policy.title}` : '新建政府信息'}</h1>
        <Notice text={extras.notice} />
        <ErrorBox errors={errors} />
        <DocxImportForm ctx={ctx} action={`/admin/info/new/docx${query}`} error={extras.docxError} />
        <DocumentForm ctx={ctx} action={`/admin/info/new${query}`} v={values} catalog={catalog} assemblies={assemblies} withChangeNote={false} submitLabel="保存草稿" errors={p.fields} negChoices={negs} />
      </Layout>
    ));
  };

  app.get('/admin/info/new', async (req, reply) => renderNew(req, reply, emptyForm(todayShanghai()), NO_PROBLEMS));
  app.post('/admin/info/new', async (req, reply) => {
    const v = formValues(formBody(req));
    const interprets = (req.query as { interprets?: string }).interprets;
    try {
      const { editionId } = await createDraft(ctxOf(req), { ...v, interpretsId: interprets ? idParam(interprets) : null });
      return reply.redirect(`/admin/info/editions/${editionId}?notice=created`, 303);
    } catch (e) {
      const p = problems(e);
      reply.status(400);
      return renderNew(req, reply, v, p);
    }
  });

  // A 公文's .docx read into a new draft's form (nothing is saved until the form is).
  app.post('/admin/info/new/docx', async (req, reply) => {
    const blank = emptyForm(todayShanghai());
    try {
      const upload = await docxUpload(req);
      const d = await readDocxDraft(ctxOf(req), upload);
      return renderNew(req, reply, withDocx(blank, d, true), NO_PROBLEMS, { notice: docxNotice(upload.filename, d) });
    } catch (e) {
      const p = problems(e);
      reply.status(e instanceof AppError ? e.status : 400);
      return renderNew(req, reply, blank, { list: p.list, fields: {} }, { docxError: p.fields.docx ?? p.list[0] });
    }
  });

  // What the body sanitiser keeps of a paste (or of the whole body, for the preview): JSON for info-editor.js.
  app.post('/admin/info/clean-body', { bodyLimit: PASTE_MAX_CHARS * 4 + 1024 }, async (req, reply) => {
    const b = req.body;
    const input = b && typeof b === 'object' && !Array.isArray(b) ? (b as { paste?: unknown; body?: unknown }) : {};
    return reply.header('cache-control', 'no-store').send({ html: cleanBodyFor(ctxOf(req), input) });
  });

  const renderEdition = async (req: FastifyRequest, reply: FastifyReply, id: number, errors: string[] = [], v?: FormValues, extras: PageExtras & { fields?: FieldErrors } = {}) => {
    const e = await readableEdition(ctxOf(req), id);
    const actor = req.actor!;
    const [history, agency, interps, catalog, attachments, settings, negs] = await Promise.all([editionTransitions(db, id), getAgency(db, e.agencyId), interpretationsOf(db, e.documentId), canEdit(actor, e) ? catalogChoices(e.agencyId) : Promise.resolve([]), editionAttachments(db, id), getInfoSettings(db), canEdit(actor, e) ? negChoices(req, e.agencyId) : Promise.resolve([])]);
    const actions = availableActions(actor, e);
    const notice = extras.notice ?? known(NOTICES, (req.query as { notice?: string }).notice) ?? null;
    const isEditorHere = actor.agencyId === e.agencyId && actor.roles.some((r) => r.role === 'editor');
    return reply.page((ctx) => (
      <Layout ctx={ctx} title={e.title} admin>
        <h1>{e.title}</h1>
        <Notice text={notice} />
        <ErrorBox errors={errors} />
        <dl class="facts">
          <dt>状态</dt><dd>{STATE_LABELS[e.state]}（第 {e.editionNo} 版）{e.publishAt ? `，定于 ${formatDateTime(e.publishAt)} 发布` : ''}</dd>
          <dt>发布机构</dt><dd>{agency.name}</dd>
          <dt>索引号</dt><dd>{e.indexNumber ?? '（首次发布时生成）'}</dd>
          <dt>文号</dt><dd>{e.docNumber ?? '—'}</dd>
          <dt>公开属性</dt><dd>{DISCLOSURE_LABELS[e.disclosure]}{e.disclosureGround ? `（${e.disclosureGround}）` : ''} · 标注：{DISCLOSURE_MARKING[e.disclosure]}</dd>
          <dt>保密审查</dt><dd>{e.secrecyReviewer ? `${e.secrecyReviewer}（${formatDateTime(e.secrecyReviewedAt)}）` : '尚未审查'}</dd>
          <dt>有效性</dt><dd>{VALIDITY_LABELS[e.validity]}{e.validityDate ? `（${e.validityDate}）` : ''}</dd>
          {needsInterpretation(e, settings) ? [<dt>政策解读</dt>, <dd>{interps.length ? interps.map((i) => <span><a href={`/admin/info/editions/${i.id}`}>{i.title}</a>（{STATE_LABELS[i.state]}） </span>) : '尚无（须与解读同步发布）'}{isEditorHere ? <span> · <a href={`/admin/info/new?interprets=${e.documentId}`}>添加解读</a></span> : null}</dd>] : null}
          {e.state === 'published' ? [<dt>公开页面</dt>, <dd><a href={`/xxgk/${e.documentId}`}>{`/xxgk/${e.documentId}`}</a></dd>] : null}
        </dl>
        {history.length ? <section><h2>流转记录</h2><ol>{history.map((t) => <li>{formatDateTime(t.at)} {STATE_LABELS[t.fromState as Edition['state']]} → {STATE_LABELS[t.toState as Edition['state']]}{t.comment ? <span>：<q>{t.comment}</q></span> : null}</li>)}</ol></section> : null}
        {actions.map((a) => <ActionForm ctx={ctx} id={e.id} action={a} />)}
        {e.state === 'published' && isEditorHere ? (
          <PostForm ctx={ctx} action={`/admin/info/documents/${e.documentId}/new-edition`} className="action-form"><button type="submit">发起新版本（修订）</button></PostForm>
        ) : null}
        {e.state === 'published' && (isEditorHere || actor.roles.some((r) => r.role === 'office' || r.role === 'reviewer')) ? <ValidityForm ctx={ctx} e={e} /> : null}
        <section>
          <h2>附件（{attachments.length}）</h2>
          {attachments.length ? <ul>{attachments.map((a) => (
            <li>
              <a href={a.url}>{a.name}</a> <span class="muted">{Math.ceil(a.size / 1024)} KB</span>
              {canEdit(actor, e) ? <PostForm ctx={ctx} action={`/admin/info/attachments/${a.id}/delete`} className="inline"><button type="submit" class="link">删除</button></PostForm> : null}
            </li>
          ))}</ul> : <p>暂无附件。</p>}
          {canEdit(actor, e) ? (
            <PostForm ctx={ctx} action={`/admin/info/editions/${e.id}/attachments`} enctype="multipart/form-data" className="stack">
              <Field id="att-file" label="上传附件" hint="PDF、Word、Excel 或图片，20 MB 以内">
                <input id="att-file" type="file" name="file" required accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp" aria-describedby="att-file-hint" />
              </Field>
              <button type="submit">上传</button>
            </PostForm>
          ) : null}
        </section>
        {canEdit(actor, e) ? (
          <section>
            <h2>编辑</h2>
            <DocxImportForm ctx={ctx} action={`/admin/info/editions/${e.id}/docx`} error={extras.docxError} />
            <DocumentForm ctx={ctx} action={`/admin/info/editions/${e.id}`} v={v ?? fromEdition(e)} catalog={catalog} assemblies={settings.assemblies} withChangeNote={e.editionNo > 1} submitLabel="保存" errors={extras.fields} negChoices={negs} />
          </section>
        ) : (
          <section><h2>正文</h2><div class="doc-body">{raw(e.bodyHtml)}</div></section>
        )}
      </Layout>
    ));
  };

  app.get('/admin/info/editions/:id', async (req, reply) => renderEdition(req, reply, idParam((req.params as { id: string }).id)));
  app.post('/admin/info/editions/:id', async (req, reply) => {
    const id = idParam((req.params as { id: string }).id);
    const v = formValues(formBody(req));
    try {
      await updateDraft(ctxOf(req), id, v);
    } catch (e) {
      const p = problems(e);
      reply.status(400);
      return renderEdition(req, reply, id, p.list, v, { fields: p.fields });
    }
    return reply.redirect(`/admin/info/editions/${id}?notice=saved`, 303);
  });

  // A .docx read into a draft's form: the body is replaced there, metadata only where empty; saved as usual.
  app.post('/admin/info/editions/:id/docx', async (req, reply) => {
    const id = idParam((req.params as { id: string }).id);
    try {
      const upload = await docxUpload(req);
      const d = await readDocxDraft(ctxOf(req), upload, id);
      const e = await readableEdition(ctxOf(req), id);
      return renderEdition(req, reply, id, [], withDocx(fromEdition(e), d, false), { notice: docxNotice(upload.filename, d) });
    } catch (e) {
      const p = problems(e);
      reply.status(e instanceof AppError ? e.status : 400);
      return renderEdition(req, reply, id, p.list, undefined, { docxError: p.fields.docx ?? p.list[0] });
    }
  });

  app.post('/admin/info/editions/:id/transition', async (req, reply) => {
    const id = idParam((req.params as { id: string }).id);
    const b = formBody(req);
    const action = field(b, 'action', 20) as EditionAction;
    if (!Object.hasOwn(TRANSITIONS, action)) throw invalid('未知的操作。');
    const when = field(b, 'publishAt', 30);
    try {
      await transition(ctxOf(req), id, action, {
        comment: field(b, 'comment', 2000),
        secrecyConclusion: field(b, 'secrecyConclusion', 200),
        publishAt: when ? new Date(`${when}:00+08:00`) : undefined,
        reason: field(b, 'reason', 1000),
        inError: checked(b, 'inError'),
      });
    } catch (e) {
      const errors = messages(e);
      reply.status(e instanceof AppError ? e.status : 400);
      return renderEdition(req, reply, id, errors);
    }
    return reply.redirect(`/admin/info/editions/${id}?notice=${action}`, 303);
  });

  app.post('/admin/info/editions/:id/attachments', async (req, reply) => {
    const id = idParam((req.params as { id: string }).id);
    const file = await req.file({ limits: { fileSize: 20 * 1024 * 1024 } });
    try {
      if (!file) throw invalid('请选择要上传的文件。');
      const buffer = await file.toBuffer();
      await attachFile(ctxOf(req), id, { buffer, filename: file.filename });
    } catch (e) {
      const errors = e instanceof Error && (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' ? ['文件超过 20 MB，未上传。'] : messages(e);
      reply.status(400);
      return renderEdition(req, reply, id, errors);
    }
    return reply.redirect(`/admin/info/editions/${id}?notice=attached`, 303);
  });

  app.post('/admin/info/attachments/:id/delete', async (req, reply) => {
    const editionId = await removeAttachment(ctxOf(req), idParam((req.params as { id: string }).id));
    return reply.redirect(`/admin/info/editions/${editionId}?notice=detached`, 303);
  });

  app.post('/admin/info/documents/:id/new-edition', async (req, reply) => {
    const id = await newEdition(ctxOf(req), idParam((req.params as { id: string }).id));
    return reply.redirect(`/admin/info/editions/${id}?notice=edition`, 303);
  });

  app.post('/admin/info/documents/:id/validity', async (req, reply) => {
    const documentId = idParam((req.params as { id: string }).id);
    const b = formBody(req);
    const replaced = field(b, 'replacedById', 12).trim();
    const current = (await documentEditions(db, documentId)).find((x) => x.state === 'published');
    try {
      await setValidity(ctxOf(req), documentId, { validity: field(b, 'validity', 20) as Edition['validity'], date: field(b, 'date', 10), replacedById: replaced ? refId(replaced) : null });
    } catch (e) {
      const errors = messages(e);
      reply.status(400);
      if (!current) throw e;
      return renderEdition(req, reply, current.id, errors);
    }
    return reply.redirect(`/admin/info/editions/${current!.id}?notice=validity`, 303);
  });
}

function ActionForm({ ctx, id, action }: { ctx: PageCtx; id: number; action: EditionAction }): SafeHtml {
  const extra: Record<EditionAction, Child> = {
    submit: null, unschedule: null, publish: null,
    return: (
      <Field id="a-comment" label="退回意见" required>
        <textarea id="a-comment" name="comment" rows="2" maxlength="2000" required></textarea>
      </Field>
    ),
    approve: (
      <Field id="a-secrecy" label="保密审查结论" required>
        <input id="a-secrecy" name="secrecyConclusion" maxlength="200" required value="经审查不涉及国家秘密，同意按公开属性公开" />
      </Field>
    ),
    schedule: (
      <Field id="a-when" label="发布时间（北京时间）" required hint="格式：年-月-日 时:分，如 2026-01-31 09:00">
        <input id="a-when" name="publishAt" type="datetime-local" required aria-describedby="a-when-hint" />
      </Field>
    ),
    withdraw: [
      <Field id="a-reason" label="撤回理由（公众可见）" required>
        <input id="a-reason" name="reason" maxlength="1000" required />
      </Field>,
      <label class="check"><input type="checkbox" name="inError" value="1" /> 属于错误发布（页面将不再可读）</label>,
    ],
  };
  return (
    <PostForm ctx={ctx} action={`/admin/info/editions/${id}/transition`} className="stack action-form">
      <input type="hidden" name="action" value={action} />
      {extra[action]}
      <button type="submit" class={action === 'return' || action === 'withdraw' ? 'secondary' : ''}>{TRANSITIONS[action].label}</button>
    </PostForm>
  );
}

function ValidityForm({ ctx, e }: { ctx: PageCtx; e: Edition }): SafeHtml {
  return (
    <PostForm ctx={ctx} action={`/admin/info/documents/${e.documentId}/validity`} className="stack validity-form">
      <fieldset>
        <legend>有效性（清理结果）</legend>
        <Field id="v-validity" label="有效性">
          <select id="v-validity" name="validity">{(Object.keys(VALIDITY_LABELS) as Edition['validity'][]).map((k) => <option value={k} selected={k === e.validity}>{VALIDITY_LABELS[k]}</option>)}</select>
        </Field>
        <Field id="v-date" label="失效／废止／修订日期" hint={DATE_HINT}>
          <input id="v-date" name="date" type="date" value={e.validityDate ?? ''} aria-describedby={describedBy('v-date', { hint: true })} />
        </Field>
        <Field id="v-repl" label="替代文件编号（可选）" hint="替代本文件的新文件在本平台的编号">
          <input id="v-repl" name="replacedById" inputmode="numeric" maxlength="12" value={e.replacedById ?? ''} aria-describedby="v-repl-hint" />
        </Field>
        <button type="submit">更新有效性</button>
      </fieldset>
    </PostForm>
  );
}
