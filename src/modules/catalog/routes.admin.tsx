import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { h, type SafeHtml } from '../../core/render/jsx.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { Layout } from '../../web/layout.js';
import { ErrorBox, Field, Notice, PostForm, describedBy, formatDateTime } from '../../web/components.js';
import { checked, field, fields, formBody, idField, idParam, known, type FormBody } from '../../web/form.js';
import type { PageCtx } from '../../web/context.js';
import { getAgency, listAgencies } from '../org/service.js';
import { STATE_LABELS, TRANSITIONS, availableActions, canEdit, type CatalogAction } from './policy.js';
import { domainTemplates, findCatalog, findVersion, toInput, versionExclusions, versionItems, versionTransitions } from './repository.js';
import { listDomains } from './queries.js';
import { addItem, compileCatalog, createDomain, readableVersion, removeItem, replaceItems, staffCatalogList, startNewVersion, transition, updateItem } from './service.js';
import { catalogItems } from './schema.js';
import { ItemForm, ItemTable, ORIGIN_LABELS, type ItemOrigin } from './views/item.js';
import { ChannelList } from './views/item.js';
import { confirmImport, discardImport, importPreview, previewCatalogImport } from './imports.js';
import { fileError, NO_PROBLEMS, problemsOf, type Problems } from './route-helpers.js';
import { readUpload, registerTemplateRoutes } from './routes.templates.js';
import { registerSupervisionRoutes } from './routes.supervision.js';
import { ImportPreviewBody, SourceText, TemplateStatus } from './views/templates.js';
import { templateProblem } from './template-item.js';
import { sendExport } from './routes.public.js';
import { LEVEL_LABELS, STANDARD_CHANNELS, type CatalogItemInput, type Level, type StandardChannel } from './types.js';

/** Reads the item form into the shape the service validates. */
export function itemFromForm(b: FormBody) {
  return {
    level1: field(b, 'level1', 200),
    level2: field(b, 'level2', 200),
    level3: field(b, 'level3', 200),
    itemCode: field(b, 'itemCode', 50),
    content: field(b, 'content', 4000),
    basis: field(b, 'basis', 4000),
    timeLimitText: field(b, 'timeLimitText', 500),
    subject: field(b, 'subject', 500),
    channels: fields(b, 'channels'),
    otherChannels: field(b, 'otherChannels', 1000).split(/[、,，;；\n]/).map((s) => s.trim()).filter(Boolean),
    audiencePublic: checked(b, 'audiencePublic'),
    audienceSpecific: checked(b, 'audienceSpecific'),
    modeActive: checked(b, 'modeActive'),
    modeOnRequest: checked(b, 'modeOnRequest'),
    levels: fields(b, 'levels'),
  };
}

export function registerCatalogAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  registerTemplateRoutes(app, deps);
  registerSupervisionRoutes(app, deps);
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const vid = (req: FastifyRequest) => idParam((req.params as { id: string }).id);

  type DomainValues = { name: string; code: string; responsibleAgencyId: string };
  const renderCatalogs = async (req: FastifyRequest, reply: FastifyReply, p: Problems = NO_PROBLEMS, dv: DomainValues = { name: '', code: '', responsibleAgencyId: '' }) => {
    const actor = req.actor!;
    const [list, domains, agencies] = await Promise.all([staffCatalogList(ctxOf(req)), listDomains(db), listAgencies(db)]);
    const domainName = new Map(domains.map((d) => [d.id, d.name]));
    const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
    // A city department's queue spans counties: each row then says whose catalog it is.
    const govs = new Set(list.map((v) => v.agencyGovId));
    const showGov = govs.size > 1;
    const isEditor = actor.roles.some((r) => r.role === 'editor');
    const canAddDomain = actor.roles.some((r) => r.role === 'office' || r.role === 'admin');
    const q = req.query as { notice?: string };
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="公开目录管理" admin>
        <h1>公开目录管理</h1>
        {isEditor ? (
          <form method="get" action="/admin/catalogs/new" class="filters">
            <label for="new-domain">编制本机构目录：选择领域</label>
            <select id="new-domain" name="domain">{domains.map((d) => <option value={d.id}>{d.name}</option>)}</select>
            <button type="submit">从标准模板编制</button>
          </form>
        ) : null}
        <table class="data">
          <caption>我可查看的目录版本（{list.length}）</caption>
          <thead><tr>{showGov ? <th scope="col">所属政府</th> : null}<th scope="col">机构</th><th scope="col">领域</th><th scope="col">版本</th><th scope="col">状态</th><th scope="col">可执行操作</th></tr></thead>
          <tbody>
            {list.map((v) => (
              <tr>
                {showGov ? <td>{v.agencyGovId != null ? agencyName.get(v.agencyGovId) : ''}</td> : null}
                <td>{agencyName.get(v.agencyId)}</td>
                <td><a href={`/admin/catalogs/versions/${v.id}`}>{domainName.get(v.domainId)}</a></td>
                <td>第 {v.versionNo} 版</td>
                <td>{STATE_LABELS[v.state]}</td>
                <td>{availableActions(actor, v).map((a) => TRANSITIONS[a].label).join('、') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {canAddDomain ? (
          <section>
            <h2>增加其他领域</h2>
            <Notice text={q.notice === 'domain' ? '领域已增加。' : null} />
            <ErrorBox errors={p.list} />
            <PostForm ctx={ctx} action="/admin/domains" className="stack narrow">
              <Field id="d-name" label="领域名称" required error={p.fields.name}>
                <input id="d-name" name="name" required maxlength="50" value={dv.name} aria-describedby={describedBy('d-name', { error: p.fields.name })} />
              </Field>
              <Field id="d-code" label="领域代码" required hint={DOMAIN_CODE_HINT} error={p.fields.code}>
                <input id="d-code" name="code" required maxlength="50" value={dv.code} aria-describedby={describedBy('d-code', { hint: DOMAIN_CODE_HINT, error: p.fields.code })} />
              </Field>
              <Field id="d-agency" label="责任单位（指导单位）" error={p.fields.responsibleAgencyId}>
                <select id="d-agency" name="responsibleAgencyId" aria-describedby={describedBy('d-agency', { error: p.fields.responsibleAgencyId })}>
                  <option value="">（暂不指定）</option>
                  {agencies.filter((a) => a.kind === 'department').map((a) => <option value={a.id} selected={String(a.id) === dv.responsibleAgencyId}>{a.name}</option>)}
                </select>
              </Field>
              <button type="submit">增加领域</button>
            </PostForm>
          </section>
        ) : null}
      </Layout>
    ));
  };
  app.get('/admin/catalogs', async (req, reply) => renderCatalogs(req, reply));

  app.post('/admin/domains', async (req, reply) => {
    const b = formBody(req);
    const dv: DomainValues = { name: field(b, 'name', 50), code: field(b, 'code', 50), responsibleAgencyId: field(b, 'responsibleAgencyId', 12) };
    try {
      await createDomain(ctxOf(req), { name: dv.name, code: dv.code, responsibleAgencyId: dv.responsibleAgencyId ? idField(dv.responsibleAgencyId, '责任单位') : null });
    } catch (e) {
      const p = problemsOf(e);
      // A clash of name or code names neither box: it is said on top only.
      reply.status(400);
      return renderCatalogs(req, reply, p, dv);
    }
    return reply.redirect('/admin/catalogs?notice=domain', 303);
  });

  const renderCompile = async (req: FastifyRequest, reply: FastifyReply, domainId: number, p: Problems = NO_PROBLEMS, b?: FormBody) => {
    const domain = (await listDomains(db)).find((d) => d.id === domainId);
    if (!domain) throw notFound('领域');
    const all = await domainTemplates(db, domainId);
    const agency = await getAgency(db, req.actor!.agencyId);
    const department = domain.responsibleAgencyId ? (await getAgency(db, domain.responsibleAgencyId)).name : null;
    // Rows cut off in their source (or lacking an element) are listed apart: they cannot be adopted as they stand.
    const problems = new Map(all.map((t) => [t.id, templateProblem(t, agency.name)]));
    const templates = all.filter((t) => !problems.get(t.id));
    const blocked = all.filter((t) => problems.get(t.id));
    const existing = await findCatalog(db, agency.id, domainId);
    const latest = existing ? (await staffCatalogList(ctxOf(req))).find((v) => v.catalogId === existing.id) : undefined;
    const adopted = b ? new Set(fields(b, 'adopt').map(Number)) : new Set(templates.map((t) => t.id));
    return reply.page((ctx) => (
      <Layout ctx={ctx} title={`编制${domain.name}领域目录`} admin>
        <h1>编制{domain.name}领域公开事项目录</h1>
        <p>根据标准指引模板编制本机构（{agency.name}）的目录。不适用的事项请取消勾选并说明理由。</p>
        <ErrorBox errors={p.list} />
        {all.length ? <TemplateStatus domain={domain} rows={all} department={department} compact /> : null}
        {all.length ? <p class="muted">模板的来源和备注见 <a href={`/admin/templates/${domain.code}`}>{domain.name}领域标准模板</a>。公开对象或公开方式在来源中未载明的事项，按“全社会”“主动”预填，请在草稿中核对。</p> : null}
        {existing ? (
          <p class="notice">本机构的{domain.name}领域目录已经存在{latest ? <span>：<a href={`/admin/catalogs/versions/${latest.id}`}>打开第 {latest.versionNo} 版（{STATE_LABELS[latest.state]}）</a></span> : null}。已发布的目录请在目录页“发起新版本”进行修订。</p>
        ) : all.length === 0 ? (
          <PostForm ctx={ctx} action={`/admin/catalogs/new?domain=${domainId}`} className="stack">
            <p>该领域暂无标准模板。可以先创建空白目录草稿，再逐项新增事项或从 Excel/CSV 导入。</p>
            <button type="submit">创建空白目录草稿</button>
          </PostForm>
        ) : (
          <PostForm ctx={ctx} action={`/admin/catalogs/new?domain=${domainId}`} className="stack">
            <fieldset>
              <legend>本机构的公开主体和渠道</legend>
              <Field id="c-subject" label="公开主体（本地化）" hint={SUBJECT_HINT} error={p.fields.subject}>
                <input id="c-subject" name="subject" maxlength="500" value={b ? field(b, 'subject', 500) : agency.name} aria-describedby={describedBy('c-subject', { hint: SUBJECT_HINT, error: p.fields.subject })} />
              </Field>
              <fieldset class="inner">
                <legend>为全部事项增加公开渠道</legend>
                <div class="checks">{STANDARD_CHANNELS.map((c) => <label class="check"><input type="checkbox" name="addChannels" value={c} checked={b ? fields(b, 'addChannels').includes(c) : false} /> {c}</label>)}</div>
                <Field id="c-other" label="增加其他渠道（多个用顿号分隔）" error={p.fields.addOtherChannels}>
                  <input id="c-other" name="addOtherChannels" maxlength="500" value={b ? field(b, 'addOtherChannels', 500) : ''} aria-describedby={describedBy('c-other', { error: p.fields.addOtherChannels })} />
                </Field>
              </fieldset>
            </fieldset>
            {/* On a phone each row is a card (table.catalog), so the reason box is in view, not off to the side. */}
            <table class="data catalog compile-table">
              <caption>标准模板事项（{templates.length}）：不采用的事项请取消勾选并填写不适用理由</caption>
              <thead><tr><th scope="col">采用</th><th scope="col">一级事项</th><th scope="col">二级事项</th><th scope="col">公开时限</th><th scope="col">来源</th><th scope="col">不适用理由</th></tr></thead>
              <tbody>
                {templates.map((t) => (
                  <tr>
                    <td data-label="采用"><input type="checkbox" name="adopt" value={t.id} checked={adopted.has(t.id)} aria-label={`采用：${t.level1} ${t.level2}`} /></td>
                    <td data-label="一级事项">{t.level1}</td>
                    <td data-label="二级事项">{t.level2}</td>
                    <td data-label="公开时限">{t.timeLimitText}</td>
                    <td data-label="来源" class="template-source-cell"><SourceText source={t.source} /></td>
                    <td data-label="不适用理由">
                      <div class={p.fields[`reason_${t.id}`] ? 'field field-invalid' : 'field'}>
                        {p.fields[`reason_${t.id}`] ? <p class="field-error" id={`reason-${t.id}-error`}>{p.fields[`reason_${t.id}`]}</p> : null}
                        <input id={`reason-${t.id}`} name={`reason_${t.id}`} maxlength="500" aria-label={`不适用理由：${t.level1} ${t.level2}`} value={b ? field(b, `reason_${t.id}`, 500) : ''} aria-describedby={p.fields[`reason_${t.id}`] ? `reason-${t.id}-error` : undefined} />
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {blocked.length ? (
              <section class="template-blocked">
                <h2>不能直接采用的模板事项（{blocked.length}）</h2>
                <p>以下事项在来源目录中被截断或缺少必填要素，生成草稿时记为未采用并注明原因；需要时可在草稿中作为本级事项补全。</p>
                <ul>{blocked.map((t) => <li>{t.level1 || '（空）'} / {t.level2 || '（空）'}：{problems.get(t.id)}<span class="muted">（来源：<SourceText source={t.source} />）</span></li>)}</ul>
              </section>
            ) : null}
            <button type="submit">生成目录草稿</button>
          </PostForm>
        )}
      </Layout>
    ));
  };

  app.get('/admin/catalogs/new', async (req, reply) => renderCompile(req, reply, idParam((req.query as { domain?: string }).domain)));
  app.post('/admin/catalogs/new', async (req, reply) => {
    const domainId = idParam((req.query as { domain?: string }).domain);
    const b = formBody(req);
    const templates = await domainTemplates(db, domainId);
    const adopt = new Set(fields(b, 'adopt').map(Number));
    try {
      const id = await compileCatalog(ctxOf(req), {
        domainId,
        templateIds: templates.filter((t) => adopt.has(t.id)).map((t) => t.id),
        exclusions: templates.filter((t) => !adopt.has(t.id)).map((t) => ({ templateId: t.id, reason: field(b, `reason_${t.id}`, 500) })),
        subject: field(b, 'subject', 500),
        addChannels: fields(b, 'addChannels').filter((c): c is StandardChannel => (STANDARD_CHANNELS as readonly string[]).includes(c)),
        addOtherChannels: field(b, 'addOtherChannels', 500).split(/[、,，;；]/),
      });
      return reply.redirect(`/admin/catalogs/versions/${id}?notice=compiled`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return renderCompile(req, reply, domainId, p, b);
    }
  });

  const NOTICES: Record<string, string> = {
    compiled: '目录草稿已生成，请检查各事项后提交审核。',
    added: '事项已添加。',
    saved: '事项已保存。',
    removed: '事项已删除。',
    imported: '目录已导入。',
    import_discarded: '已放弃导入，目录未改变。',
    submit: '已提交指导单位审核。',
    return: '已退回修改。',
    approve: '已审核通过，等待公开办发布。',
    publish: '目录已发布，公众现在可以查看。',
    version: '已创建新版本草稿。',
  };

  /**
   * A version page re-shown after a refused form: the problems, which form they belong to, and what
   * was typed into it (the other forms start blank).
   */
  type Refused = { problems: Problems; form: 'item' | 'import' | 'version' | CatalogAction; item?: CatalogItemInput; origin?: ItemOrigin; text?: string };
  const renderVersion = async (req: FastifyRequest, reply: FastifyReply, id: number, refused?: Refused) => {
    const errors = refused?.problems.list ?? [];
    const mine = (form: Refused['form']) => (refused?.form === form ? refused : undefined);
    const ctx0 = ctxOf(req);
    const v = await readableVersion(ctx0, id);
    const actor = req.actor!;
    const [items, exclusions, history, agency, domains, agencies] = await Promise.all([
      versionItems(db, id), versionExclusions(db, id), versionTransitions(db, id), getAgency(db, v.agencyId), listDomains(db), listAgencies(db),
    ]);
    const domain = domains.find((d) => d.id === v.domainId)!;
    const who = new Map(agencies.map((a) => [a.id, a.name]));
    const editable = canEdit(actor, v);
    const actions = availableActions(actor, v);
    const flagged = items.filter((i) => !i.timeRuleOk);
    const notice = known(NOTICES, (req.query as { notice?: string }).notice) ?? null;
    return reply.page((ctx) => (
      <Layout ctx={ctx} title={`${agency.name}${domain.name}目录`} admin>
        <h1>{agency.name} · {domain.name}领域目录 第 {v.versionNo} 版</h1>
        <Notice text={notice} />
        <ErrorBox errors={errors} />
        <p>状态：<strong class={`state state-${v.state}`}>{STATE_LABELS[v.state]}</strong>{v.changeNote ? ` · 修订说明：${v.changeNote}` : ''}</p>
        {flagged.length ? <p class="flag">⚠ 有 {flagged.length} 个事项的公开时限未能自动识别，已标记待公开办确认（不影响提交）。</p> : null}
        {history.length ? (
          <section>
            <h2>审核记录</h2>
            <ol>{history.map((t) => <li>{formatDateTime(t.at)} {STATE_LABELS[t.fromState as keyof typeof STATE_LABELS]} → {STATE_LABELS[t.toState as keyof typeof STATE_LABELS]}{t.comment ? <span>：<q class="comment">{t.comment}</q></span> : null}{t.actorName ? <span class="muted">（{t.actorAgency && !t.actorName.includes(t.actorAgency) ? `${t.actorAgency} ` : ''}{t.actorName}）</span> : null}</li>)}</ol>
          </section>
        ) : null}
        {actions.map((a) => <ActionForm ctx={ctx} versionId={v.id} action={a} error={mine(a)?.problems.fields.comment} text={mine(a)?.text} />)}
        {v.state === 'published' && actor.agencyId === v.agencyId && actor.roles.some((r) => r.role === 'editor') ? (
          <PostForm ctx={ctx} action={`/admin/catalogs/${v.catalogId}/new-version`} className="stack action-form">
            <Field id="nv-note" label="修订原因" required error={mine('version')?.problems.fields.changeNote}>
              <input id="nv-note" name="changeNote" required maxlength="2000" value={mine('version')?.text ?? ''} aria-describedby={describedBy('nv-note', { error: mine('version')?.problems.fields.changeNote })} />
            </Field>
            <button type="submit">发起新版本</button>
          </PostForm>
        ) : null}
        <h2>事项（{items.length}）</h2>
        <p><a href={`/admin/catalogs/versions/${v.id}/export.xlsx`}>导出 Excel</a> · <a href={`/admin/catalogs/versions/${v.id}/export.csv`}>导出 CSV</a></p>
        <ItemTable items={items} link={editable ? (iid) => `/admin/catalogs/items/${iid}` : undefined} caption={`${domain.name}领域公开事项`} />
        {exclusions.length ? (
          <section>
            <h2>未采用的模板事项</h2>
            <ul>{exclusions.map((x) => <li>{x.level1} / {x.level2}：{x.reason}</li>)}</ul>
          </section>
        ) : null}
        {editable ? (
          <section>
            <h2>新增本级事项</h2>
            <ItemForm ctx={ctx} action={`/admin/catalogs/versions/${v.id}/items`} submitLabel="添加事项" withOrigin item={mine('item')?.item ?? { ...blankItem, subject: agency.name }} origin={mine('item')?.origin} errors={mine('item')?.problems.fields} />
            <h2>从表格导入（替换全部事项）</h2>
            <PostForm ctx={ctx} action={`/admin/catalogs/versions/${v.id}/import`} enctype="multipart/form-data" className="stack">
              <Field id="imp-file" label="选择 Excel（.xlsx）或 CSV 文件" required hint={IMPORT_HINT} error={mine('import')?.problems.fields.file}>
                <input id="imp-file" type="file" name="file" accept=".xlsx,.csv" required aria-describedby={describedBy('imp-file', { hint: IMPORT_HINT, error: mine('import')?.problems.fields.file })} />
              </Field>
              <button type="submit">上传并预览</button>
            </PostForm>
          </section>
        ) : null}
        <p class="muted">该目录由 {who.get(v.agencyId)} 编制。</p>
      </Layout>
    ));
  };

  app.get('/admin/catalogs/versions/:id', async (req, reply) => renderVersion(req, reply, vid(req)));

  app.post('/admin/catalogs/versions/:id/transition', async (req, reply) => {
    const id = vid(req);
    const b = formBody(req);
    const action = field(b, 'action', 20) as CatalogAction;
    if (!known(TRANSITIONS, action)) throw invalid('未知的操作。');
    const comment = field(b, 'comment', 2000);
    try {
      await transition(ctxOf(req), id, action, comment);
    } catch (e) {
      const problems = problemsOf(e, action === 'return' || action === 'approve' ? 'comment' : undefined);
      reply.status((e as AppError).status);
      return renderVersion(req, reply, id, { problems, form: action, text: comment });
    }
    return reply.redirect(`/admin/catalogs/versions/${id}?notice=${action}`, 303);
  });

  app.post('/admin/catalogs/versions/:id/items', async (req, reply) => {
    const id = vid(req);
    const b = formBody(req);
    const typed = field(b, 'origin', 20);
    const origin: ItemOrigin = Object.hasOwn(ORIGIN_LABELS, typed) ? (typed as ItemOrigin) : 'local';
    const input = itemFromForm(b);
    try {
      await addItem(ctxOf(req), id, input, origin);
    } catch (e) {
      const problems = problemsOf(e);
      reply.status((e as AppError).status);
      return renderVersion(req, reply, id, { problems, form: 'item', item: shownItem(input), origin });
    }
    return reply.redirect(`/admin/catalogs/versions/${id}?notice=added`, 303);
  });

  app.post('/admin/catalogs/versions/:id/import', async (req, reply) => {
    const id = vid(req);
    let importId: number;
    try {
      importId = await previewCatalogImport(ctxOf(req), id, await readUpload(req));
    } catch (e) {
      const problems = problemsOf(e);
      reply.status((e as AppError).status);
      return renderVersion(req, reply, id, { problems: { list: problems.list, fields: { file: fileError(problems.list) } }, form: 'import' });
    }
    return reply.redirect(`/admin/catalogs/versions/${id}/imports/${importId}`, 303);
  });

  const importUrl = (req: FastifyRequest) => {
    const p = req.params as { id: string; importId: string };
    return { id: idParam(p.id), importId: idParam(p.importId) };
  };

  app.get('/admin/catalogs/versions/:id/imports/:importId', async (req, reply) => {
    const { id, importId } = importUrl(req);
    const p = await importPreview(ctxOf(req), importId, 'catalog');
    if (p.imp.versionId !== id) throw notFound('导入预览');
    const v = await findVersion(db, id);
    const target = `${p.agencyName} · ${p.domain.name}领域目录 第 ${v.versionNo} 版（${STATE_LABELS[v.state]}）`;
    return reply.page((ctx) => (
      <Layout ctx={ctx} title={`导入预览：${p.agencyName}${p.domain.name}目录`} admin>
        <p class="crumbs-inline"><a href={`/admin/catalogs/versions/${id}`}>返回目录</a></p>
        <h1>导入预览：{p.agencyName} · {p.domain.name}领域目录</h1>
        <p>确认后，本版目录的全部事项替换为文件中的事项。请先核对文件标明的领域和机构，以及将要发生的变化。</p>
        <ImportPreviewBody ctx={ctx} p={p} base={`/admin/catalogs/versions/${id}/imports/${importId}`} target={target} removedNote="删除的事项将从本版草稿中移除（已发布的版本不受影响）。" />
      </Layout>
    ));
  });

  app.post('/admin/catalogs/versions/:id/imports/:importId/confirm', async (req, reply) => {
    const { importId } = importUrl(req);
    const imp = await confirmImport(ctxOf(req), importId, 'catalog');
    return reply.redirect(`/admin/catalogs/versions/${imp.versionId}?notice=imported`, 303);
  });

  app.post('/admin/catalogs/versions/:id/imports/:importId/discard', async (req, reply) => {
    const { importId } = importUrl(req);
    const imp = await discardImport(ctxOf(req), importId, 'catalog');
    return reply.redirect(`/admin/catalogs/versions/${imp.versionId}?notice=import_discarded`, 303);
  });

  app.get('/admin/catalogs/versions/:id/export.:format', async (req, reply) => {
    const v = await readableVersion(ctxOf(req), vid(req));
    const items = await versionItems(db, v.id);
    const agency = await getAgency(db, v.agencyId);
    const domain = (await listDomains(db)).find((d) => d.id === v.domainId)!;
    return sendExport(reply, (req.params as { format: string }).format, items.map(toInput), `${agency.name}${domain.name}领域基层政务公开标准目录（第${v.versionNo}版）`);
  });

  const itemOf = async (req: FastifyRequest) => {
    const id = vid(req);
    const [item] = await db.select().from(catalogItems).where(eq(catalogItems.id, id));
    if (!item) throw notFound('事项');
    const v = await findVersion(db, item.versionId);
    if (!canEdit(req.actor!, v)) throw notFound('事项');
    return item;
  };

  const renderItem = async (req: FastifyRequest, reply: FastifyReply, p: Problems = NO_PROBLEMS, override?: ReturnType<typeof itemFromForm>) => {
    const item = await itemOf(req);
    const shown = override ? shownItem(override) : toInput(item);
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="编辑事项" admin>
        <h1>编辑事项：{item.level1} / {item.level2}</h1>
        <ErrorBox errors={p.list} />
        <ItemForm ctx={ctx} action={`/admin/catalogs/items/${item.id}`} item={shown} submitLabel="保存事项" errors={p.fields} />
        <PostForm ctx={ctx} action={`/admin/catalogs/items/${item.id}/delete`} className="action-form">
          <button type="submit" class="danger">删除此事项</button>
        </PostForm>
        <p><a href={`/admin/catalogs/versions/${item.versionId}`}>返回目录</a></p>
      </Layout>
    ));
  };

  app.get('/admin/catalogs/items/:id', async (req, reply) => renderItem(req, reply));
  app.post('/admin/catalogs/items/:id', async (req, reply) => {
    const item = await itemOf(req);
    const input = itemFromForm(formBody(req));
    try {
      await updateItem(ctxOf(req), item.id, input);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return renderItem(req, reply, p, input);
    }
    return reply.redirect(`/admin/catalogs/versions/${item.versionId}?notice=saved`, 303);
  });
  app.post('/admin/catalogs/items/:id/delete', async (req, reply) => {
    const item = await itemOf(req);
    await removeItem(ctxOf(req), item.id);
    return reply.redirect(`/admin/catalogs/versions/${item.versionId}?notice=removed`, 303);
  });

  app.post('/admin/catalogs/:id/new-version', async (req, reply) => {
    const catalogId = vid(req);
    const note = field(formBody(req), 'changeNote', 2000);
    let id: number;
    try {
      id = await startNewVersion(ctxOf(req), catalogId, note);
    } catch (e) {
      const problems = problemsOf(e, 'changeNote');
      const published = (await staffCatalogList(ctxOf(req))).find((v) => v.catalogId === catalogId && v.state === 'published');
      if (!published) throw e;
      reply.status((e as AppError).status);
      return renderVersion(req, reply, published.id, { problems, form: 'version', text: note });
    }
    return reply.redirect(`/admin/catalogs/versions/${id}?notice=version`, 303);
  });
}

const DOMAIN_CODE_HINT = '用于网址，如 statistics：2–50 位小写字母、数字或连字符，以字母开头。';
const SUBJECT_HINT = '将替换模板中的通用公开主体（如“县级政府民政部门、乡镇政府(街道办事处)”）。留空则保留模板原文。';

/** The form's values as the item form shows them again: unknown channels and levels cannot be boxes. */
function shownItem(input: ReturnType<typeof itemFromForm>): CatalogItemInput {
  return {
    ...input,
    channels: input.channels.filter((c): c is StandardChannel => (STANDARD_CHANNELS as readonly string[]).includes(c)),
    levels: input.levels.filter((l): l is Level => Object.hasOwn(LEVEL_LABELS, l)),
  };
}

const IMPORT_HINT = '使用政府通行的两行表头格式（序号、公开事项（一级/二级）、公开内容（要素）……公开层级）。任何一行有误，整个文件都不会导入；文件标题、文件名或「领域」列标明的领域和机构须与本目录一致。上传后先预览变化，确认后才替换。';

const blankItem = {
  level1: '', level2: '', level3: null, itemCode: null, content: '', basis: '', timeLimitText: '信息形成或者变更之日起20个工作日内', subject: '',
  channels: ['政府网站'] as StandardChannel[], otherChannels: [], audiencePublic: true, audienceSpecific: false, modeActive: true, modeOnRequest: false, levels: ['township' as const],
};

function ActionForm({ ctx, versionId, action, error, text }: { ctx: PageCtx; versionId: number; action: CatalogAction; error?: string; text?: string }): SafeHtml {
  const t = TRANSITIONS[action];
  const id = `cm-${action}`;
  return (
    <PostForm ctx={ctx} action={`/admin/catalogs/versions/${versionId}/transition`} className="stack action-form">
      <input type="hidden" name="action" value={action} />
      {action === 'return' || action === 'approve' ? (
        <Field id={id} label={action === 'return' ? '退回意见' : '审核意见'} required={action === 'return'} error={error}>
          <textarea id={id} name="comment" rows="3" maxlength="2000" required={action === 'return'} aria-describedby={describedBy(id, { error })}>{text ?? ''}</textarea>
        </Field>
      ) : null}
      <button type="submit" class={action === 'return' ? 'secondary' : ''}>{t.label}</button>
    </PostForm>
  );
}

export { ChannelList };
