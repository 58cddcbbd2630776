import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, notFound } from '../../core/errors.js';
import { requireRole } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { Layout } from '../../web/layout.js';
import { ErrorBox, Field, Notice, PostForm, TableScroll, describedBy } from '../../web/components.js';
import { idParam } from '../../web/form.js';
import { listAgencies } from '../org/service.js';
import { confirmImport, discardImport, importPreview, mayImportTemplate, MAX_IMPORT_BYTES, previewTemplateImport, type Upload } from './imports.js';
import { domainByCode, listDomains } from './queries.js';
import { domainTemplates } from './repository.js';
import { errorsOf, fileError } from './route-helpers.js';
import { ImportPreviewBody, TemplateStatus, TemplateTable } from './views/templates.js';

const STAFF = ['editor', 'reviewer', 'supervisor', 'office', 'admin'] as const;

/** Reads the one uploaded file within the catalogue import limit; the limit is said in Chinese. */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  const file = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES } });
  if (!file) throw new AppError('invalid_input', 400, '请选择要导入的文件。');
  try {
    return { filename: file.filename, bytes: await file.toBuffer() };
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('too_large', 413, `文件不能超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB，未导入任何内容。`);
    throw e;
  }
}

/** The domains' guide templates for staff; a domain's supervising department completes its own by importing the full guide. */
export function registerTemplateRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const codeOf = (req: FastifyRequest) => String((req.params as { code: string }).code).slice(0, 100);

  app.get('/admin/templates', async (req, reply) => {
    requireRole(req.actor, ...STAFF);
    const [domains, agencies] = await Promise.all([listDomains(db), listAgencies(db)]);
    const name = new Map(agencies.map((a) => [a.id, a.name]));
    const rows = await Promise.all(domains.map(async (d) => ({ d, rows: await domainTemplates(db, d.id) })));
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="领域标准模板" admin>
        <h1>领域标准模板</h1>
        <p>各领域的标准模板是各机构编制本级目录的起点。随系统提供的模板据县、乡两级政府已发布的目录转录，每一项都注明来源；来源只读到开头部分，因此各领域模板都不完整，须由本领域指导单位导入标准指引全表补全。</p>
        <TableScroll label="各领域模板">
          <table class="data">
            <caption>26 个试点领域及其他领域的模板</caption>
            <thead><tr><th scope="col">领域</th><th scope="col">指导单位</th><th scope="col">模板事项</th><th scope="col">来源截断</th><th scope="col">状态</th></tr></thead>
            <tbody>
              {rows.map(({ d, rows: list }) => (
                <tr>
                  <th scope="row" data-label="领域"><a href={`/admin/templates/${d.code}`}>{d.name}</a></th>
                  <td data-label="指导单位">{d.responsibleAgencyId ? name.get(d.responsibleAgencyId) : '（未指定）'}</td>
                  <td data-label="模板事项">{list.length}</td>
                  <td data-label="来源截断">{list.filter((t) => t.cut).length}</td>
                  <td data-label="状态">{list.length === 0 ? '暂无模板' : d.templateComplete ? '完整' : <span class="flag">部分模板</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Layout>
    ));
  });

  const renderDomain = async (req: FastifyRequest, reply: FastifyReply, errors: string[] = []) => {
    requireRole(req.actor, ...STAFF);
    const domain = await domainByCode(db, codeOf(req));
    const [rows, agencies] = await Promise.all([domainTemplates(db, domain.id), listAgencies(db)]);
    const department = agencies.find((a) => a.id === domain.responsibleAgencyId)?.name ?? null;
    const mayImport = mayImportTemplate(req.actor, domain.id);
    const notice = (req.query as { notice?: string }).notice;
    const fileProblem = errors.length ? fileError(errors) : undefined;
    const hint = '本领域标准指引的 Excel（.xlsx）全表，表头与目录相同（公开事项、公开内容（要素）……公开层级）。上传后先预览新增、修改、删除的事项，确认后才替换模板；已编制的目录不受影响。';
    return reply.page((ctx) => (
      <Layout ctx={ctx} title={`${domain.name}领域标准模板`} admin>
        <p class="crumbs-inline"><a href="/admin/templates">领域标准模板</a></p>
        <h1>{domain.name}领域标准模板</h1>
        <Notice text={notice === 'imported' ? '模板已更新。各机构此后编制目录时使用新模板，已编制的目录保持不变。' : notice === 'discarded' ? '已放弃导入，模板未改变。' : null} />
        <ErrorBox errors={errors} />
        {domain.guide ? <p class="muted">标准指引：{domain.guide}</p> : null}
        <p class="muted">指导单位：{department ?? '（未指定）'}</p>
        <TemplateStatus domain={domain} rows={rows} department={department} />
        {rows.length ? <TemplateTable rows={rows} caption={`${domain.name}领域模板事项（${rows.length}）`} /> : null}
        {mayImport ? (
          <section>
            <h2>导入本领域标准指引全表</h2>
            <PostForm ctx={ctx} action={`/admin/templates/${domain.code}/import`} enctype="multipart/form-data" className="stack narrow">
              <Field id="tpl-file" label="选择 Excel 文件（.xlsx）" required hint={hint} error={fileProblem}>
                <input id="tpl-file" type="file" name="file" accept=".xlsx" required aria-describedby={describedBy('tpl-file', { hint, error: fileProblem })} />
              </Field>
              <button type="submit">上传并预览</button>
            </PostForm>
          </section>
        ) : <p class="muted">模板由本领域指导单位{department ? `（${department}）` : ''}维护。</p>}
      </Layout>
    ));
  };

  app.get('/admin/templates/:code', async (req, reply) => renderDomain(req, reply));

  app.post('/admin/templates/:code/import', async (req, reply) => {
    const domain = await domainByCode(db, codeOf(req));
    let id: number;
    try {
      id = await previewTemplateImport(ctxOf(req), domain.id, await readUpload(req));
    } catch (e) {
      const errors = errorsOf(e);
      reply.status((e as AppError).status);
      return renderDomain(req, reply, errors);
    }
    return reply.redirect(`/admin/templates/${domain.code}/imports/${id}`, 303);
  });

  const importOf = async (req: FastifyRequest) => {
    const domain = await domainByCode(db, codeOf(req));
    const id = idParam((req.params as { id: string }).id);
    return { domain, id };
  };

  app.get('/admin/templates/:code/imports/:id', async (req, reply) => {
    const { domain, id } = await importOf(req);
    const p = await importPreview(ctxOf(req), id, 'template');
    if (p.domain.id !== domain.id) throw notFound('导入预览');
    return reply.page((ctx) => (
      <Layout ctx={ctx} title={`导入预览：${domain.name}领域标准模板`} admin>
        <p class="crumbs-inline"><a href={`/admin/templates/${domain.code}`}>{domain.name}领域标准模板</a></p>
        <h1>导入预览：{domain.name}领域标准模板</h1>
        <p>确认后，本领域模板替换为文件中的事项并标为完整，每项的来源记为这份文件。各机构已编制的目录不会改变。</p>
        <ImportPreviewBody ctx={ctx} p={p} base={`/admin/templates/${domain.code}/imports/${id}`} target={`${domain.name}领域标准模板`} removedNote="删除的模板事项不再用于编制新目录；已采用它们的目录保持不变。" />
      </Layout>
    ));
  });

  app.post('/admin/templates/:code/imports/:id/confirm', async (req, reply) => {
    const { domain, id } = await importOf(req);
    await confirmImport(ctxOf(req), id, 'template');
    return reply.redirect(`/admin/templates/${domain.code}?notice=imported`, 303);
  });

  app.post('/admin/templates/:code/imports/:id/discard', async (req, reply) => {
    const { domain, id } = await importOf(req);
    await discardImport(ctxOf(req), id, 'template');
    return reply.redirect(`/admin/templates/${domain.code}?notice=discarded`, 303);
  });
}
