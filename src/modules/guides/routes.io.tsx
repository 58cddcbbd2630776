import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type SafeHtml } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { hasRole, requireRole } from '../../core/auth/actor.js';
import type { PageCtx } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { ErrorBox, Notice, PostForm } from '../../web/components.js';
import { exportTasks, fromJson, fromXlsx, importTasks, toXlsx, type ImportResult } from './io.js';
import { STAFF_ROLES } from './service.js';
import { ADMIN_BASE } from './views/parts.js';

const MAX_BYTES = 10 * 1024 * 1024;

function IoPage({ ctx, office, errors = [], result }: { ctx: PageCtx; office: boolean; errors?: string[]; result?: ImportResult }): SafeHtml {
  return (
    <Layout ctx={ctx} title="办事指南导入导出" admin>
      <h1>办事指南导入导出</h1>
      <nav class="subnav" aria-label="办事指南"><ul><li><a href={ADMIN_BASE}>办事指南</a></li><li><a href={`${ADMIN_BASE}/import`} aria-current="page">导入导出</a></li></ul></nav>
      <Notice text={result ? `导入完成：新增 ${result.created} 个事项，更新 ${result.updated} 个，未变化 ${result.unchanged} 个。导入的内容为草稿，审核发布后公开。` : undefined} />
      <ErrorBox errors={errors} />
      <h2>导出</h2>
      <p>按省级事项清单交换格式（up_task 基本信息、扩展信息、申请材料、办理流程、收费项目、常见问题）导出本级政府已发布的办事指南，以实施编码关联。</p>
      <p class="form-actions"><a href={`${ADMIN_BASE}/export.json`}>导出 JSON</a> <a href={`${ADMIN_BASE}/export.xlsx`}>导出 Excel（XLSX）</a></p>
      {office ? (
        <section aria-labelledby="imp-h">
          <h2 id="imp-h">导入省级事项清单</h2>
          <p>导入的事项标记为“省级清单”：事项名称、事项类型、设定依据、受理条件、法定办结时限和服务对象以省级清单为准，本地不能修改。文件中任一行有错误时，不导入任何内容，并逐行列出问题。</p>
          <PostForm ctx={ctx} action={`${ADMIN_BASE}/import`} enctype="multipart/form-data" className="stack">
            <div class="field"><label for="imp-file">文件（.json 或 .xlsx，不超过 10 MB）</label><input id="imp-file" type="file" name="file" accept=".json,.xlsx" required /></div>
            <p class="form-actions"><button type="submit">导入</button></p>
          </PostForm>
        </section>
      ) : <p class="muted">导入省级事项清单由本级政务公开办办理。</p>}
    </Layout>
  );
}

export function registerGuidesIoRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const office = (req: FastifyRequest) => hasRole(req.actor!, 'office') || hasRole(req.actor!, 'admin');
  const show = (req: FastifyRequest, reply: FastifyReply, o: { errors?: string[]; result?: ImportResult } = {}) => {
    requireRole(req.actor, ...STAFF_ROLES);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <IoPage ctx={ctx} office={office(req)} errors={o.errors} result={o.result} />);
  };
  app.get(`${ADMIN_BASE}/import`, async (req, reply) => show(req, reply));
  app.post(`${ADMIN_BASE}/import`, async (req, reply) => {
    requireRole(req.actor, 'office', 'admin');
    try {
      const file = await req.file({ limits: { fileSize: MAX_BYTES } }).catch(() => undefined);
      if (!file) throw new AppError('invalid_input', 400, '请选择要导入的文件。');
      let bytes: Buffer;
      try { bytes = await file.toBuffer(); } catch { throw new AppError('too_large', 413, '文件不能超过 10 MB，未导入任何内容。'); }
      const name = file.filename.toLowerCase();
      const x = name.endsWith('.xlsx') ? await fromXlsx(bytes) : name.endsWith('.json') ? fromJson(bytes.toString('utf8')) : (() => { throw new AppError('invalid_input', 400, '只能导入 .json 或 .xlsx 文件。'); })();
      const result = await importTasks({ db, actor: req.actor }, x);
      return show(req, reply, { result });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 401) throw e;
      const rows = (e.details as { rows?: string[] } | undefined)?.rows;
      reply.status(e.status);
      return show(req, reply, { errors: rows?.length ? ['导入失败，未导入任何事项。', ...rows] : [e.message] });
    }
  });
  app.get(`${ADMIN_BASE}/export.json`, async (req, reply) => {
    const x = await exportTasks({ db, actor: req.actor });
    return reply.type('application/json; charset=utf-8').header('content-disposition', 'attachment; filename="banshi-up_task.json"').header('cache-control', 'private, no-store').send(JSON.stringify(x, null, 2));
  });
  app.get(`${ADMIN_BASE}/export.xlsx`, async (req, reply) => {
    const x = await exportTasks({ db, actor: req.actor });
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', 'attachment; filename="banshi-up_task.xlsx"').header('cache-control', 'private, no-store').send(await toXlsx(x));
  });
}
