import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, invalid } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import { requireRole } from '../../core/auth/actor.js';
import { todayInShanghai } from '../../core/calendar/dates.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, fields, formBody, idParam, known, refId } from '../../web/form.js';
import { readGuideForm, type Draft } from './form.js';
import { DEFAULT_MAX_BYTES, storeFile, type StoreInput } from '../../core/files/index.js';
import type { FormBody } from '../../web/form.js';
import { FILE_KINDS, idOf as fileIdOf, keepableFileIds, materialFileIds, materialFileLinks } from './files.js';
import { approveVersion, createItem, draftableAgencies, getItem, publishVersion, returnVersion, saveDraft, staffItems, STAFF_ROLES, submitVersion } from './service.js';
import { getNotice, issueNotice, noticesOfItem } from './notices.js';
import { publishedGuide } from './public.js';
import { registerGuidesIoRoutes } from './routes.io.js';
import { registerGuidesBundleRoutes } from './routes.bundles.js';
import { DetailPage, GaozhiForm, GuideForm, ListPage, NOTICES, NoticePage, type Problems } from './views/admin.js';
import { ADMIN_BASE } from './views/parts.js';
import { listDomains } from '../catalog/queries.js';

const problemsOf = (e: unknown): Problems => {
  if (!(e instanceof AppError) || e.status >= 500 || e.status === 401 || e.status === 404) throw e;
  const f = fieldErrorsOf(e.details);
  return { list: Object.keys(f).length ? Object.values(f) : [e.message], fields: f };
};
const badInput = (bad: Record<string, string>) => { if (Object.keys(bad).length) throw invalid(Object.values(bad)[0]!, { fields: bad }); };

const UPLOAD_NAME = /^materials\.(\d{1,2})\.(blankFile|sampleFile)$/;
/** The form posts as multipart (a file box per material); more parts than the default allowance. */
const FORM_ROUTE: RouteShorthandOptions = { config: { multipart: { maxFiles: 130, maxFields: 2500 } } as RouteShorthandOptions['config'] };

/** The guide form's fields (repeated names as lists, like the urlencoded body) and its chosen files. */
async function readGuideRequest(req: FastifyRequest): Promise<{ body: FormBody; uploads: Map<string, StoreInput>; bad: Record<string, string> }> {
  const uploads = new Map<string, StoreInput>();
  const bad: Record<string, string> = {};
  if (!req.isMultipart()) return { body: formBody(req), uploads, bad };
  const body: Record<string, string | string[]> = {};
  for await (const part of req.parts({ limits: { fileSize: DEFAULT_MAX_BYTES } })) {
    if (part.type === 'file') {
      const m = UPLOAD_NAME.exec(part.fieldname);
      if (!m || !part.filename) continue; // an empty file box
      try { uploads.set(part.fieldname, { buffer: await part.toBuffer(), filename: part.filename }); } catch {
        bad[`${part.fieldname}Id`] = `文件过大：单个附件不能超过 ${DEFAULT_MAX_BYTES / 1024 / 1024} MB。`;
      }
    } else {
      const v = typeof part.value === 'string' ? part.value : '';
      const cur = body[part.fieldname];
      body[part.fieldname] = cur === undefined ? v : Array.isArray(cur) ? [...cur, v] : [cur, v];
    }
  }
  return { body, uploads, bad };
}

export function registerGuidesAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const idOf = (req: FastifyRequest) => idParam((req.params as { id: string }).id);
  const noticeOf = (req: FastifyRequest) => known(NOTICES, (req.query as { notice?: unknown }).notice);
  registerGuidesIoRoutes(app, deps);
  registerGuidesBundleRoutes(app, deps);

  /**
   * Puts the material files into the form's data: a kept file must already belong to the item (or
   * have been uploaded by this person, e.g. before a failed save), a new upload is checked and stored
   * by the files module; a refused file is a message beside its box and the old file stays.
   */
  const readWithFiles = async (req: FastifyRequest, existing: number[]) => {
    const actor = requireRole(req.actor, ...STAFF_ROLES);
    const r = await readGuideRequest(req);
    const { data, meta, bad, materialIndex } = readGuideForm(r.body, new Set(r.uploads.keys()));
    const mats = (data.materials ?? []) as Record<string, unknown>[];
    const asked = materialFileIds({ materials: mats });
    const keep = await keepableFileIds(db, actor.userId, existing, asked);
    mats.forEach((m, j) => FILE_KINDS.forEach((k) => {
      const id = fileIdOf(m[k]);
      if (m[k] && (id == null || !keep.has(id))) { m[k] = ''; bad[`materials.${j}.${k}`] = '所选文件不属于本事项，请重新上传。'; }
    }));
    for (const [name, input] of r.uploads) {
      const [, i, kind] = UPLOAD_NAME.exec(name)!;
      const j = materialIndex.indexOf(Number(i));
      if (j < 0) continue;
      const key = `${kind}Id` as (typeof FILE_KINDS)[number];
      try {
        const stored = await storeFile(ctxOf(req), input);
        mats[j]![key] = String(stored.id);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        bad[`materials.${j}.${key}`] = e.message;
      }
    }
    for (const [k, v] of Object.entries(r.bad)) {
      const m = /^materials\.(\d+)\.(.+)$/.exec(k);
      const j = m ? materialIndex.indexOf(Number(m[1])) : -1;
      if (j >= 0) bad[`materials.${j}.${m![2]}`] = v;
    }
    return { data, meta, bad };
  };

  app.get(ADMIN_BASE, async (req, reply) => {
    const rows = await staffItems(ctxOf(req));
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <ListPage ctx={ctx} rows={rows} notice={noticeOf(req)} today={todayInShanghai()} />);
  });

  const newForm = async (req: FastifyRequest, reply: FastifyReply, d: Draft, meta: Record<string, string>, problems?: Problems) => {
    const [agencies, domains, files] = await Promise.all([draftableAgencies(ctxOf(req)), listDomains(db), materialFileLinks(db, d)]);
    return reply.page((ctx) => <GuideForm files={files} ctx={ctx} action={`${ADMIN_BASE}/new`} title="新增办事指南事项" d={d} meta={meta} problems={problems} agencies={agencies} domains={domains} />);
  };
  app.get(`${ADMIN_BASE}/new`, async (req, reply) => {
    const actor = requireRole(req.actor, ...STAFF_ROLES);
    return newForm(req, reply, { legalLimit: { unit: '工作日' }, promisedLimit: { unit: '工作日' }, visits: '0' }, { agencyId: String(actor.agencyId), level: 'main' });
  });
  app.post(`${ADMIN_BASE}/new`, FORM_ROUTE, async (req, reply) => {
    requireRole(req.actor, ...STAFF_ROLES);
    const { data, meta, bad } = await readWithFiles(req, []);
    try {
      badInput(bad);
      const id = await createItem(ctxOf(req), { ...meta, agencyId: refId(meta.agencyId) || -1, data });
      return reply.redirect(`${ADMIN_BASE}/${id}?notice=created`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return newForm(req, reply, data, meta, p);
    }
  });

  const editForm = async (req: FastifyRequest, reply: FastifyReply, id: number, d?: Draft, meta?: Record<string, string>, problems?: Problems) => {
    const [it, domains] = await Promise.all([getItem(ctxOf(req), id), listDomains(db)]);
    const files = await materialFileLinks(db, d ?? it.data);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <GuideForm files={files} domains={domains} ctx={ctx} action={`${ADMIN_BASE}/${id}/edit`} title={`修改办事指南：${it.name}`} d={d ?? (it.data as unknown as Draft)} meta={meta ?? { domainCode: it.domainCode, changedOn: '' }} problems={problems} agencies={[]} fixed={{ agencyName: it.agencyName, code: it.code }} provincial={it.source === 'provincial'} />);
  };
  app.get(`${ADMIN_BASE}/:id/edit`, async (req, reply) => editForm(req, reply, idOf(req)));
  app.post(`${ADMIN_BASE}/:id/edit`, FORM_ROUTE, async (req, reply) => {
    const id = idOf(req);
    const it = await getItem(ctxOf(req), id);
    const { data, meta, bad } = await readWithFiles(req, materialFileIds(it.data));
    try {
      badInput(bad);
      await saveDraft(ctxOf(req), id, { data, changedOn: meta.changedOn, domainCode: meta.domainCode });
      return reply.redirect(`${ADMIN_BASE}/${id}?notice=saved`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return editForm(req, reply, id, data, meta, p);
    }
  });

  const page = async (req: FastifyRequest, reply: FastifyReply, id: number, problems?: Problems) => {
    const ctx0 = ctxOf(req);
    const [it, notices] = await Promise.all([getItem(ctx0, id), noticesOfItem(ctx0, id)]);
    const files = await materialFileLinks(db, it.data);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <DetailPage files={files} ctx={ctx} it={it} notice={problems ? undefined : noticeOf(req)} problems={problems} notices={notices} today={todayInShanghai()} />);
  };
  app.get(`${ADMIN_BASE}/:id`, async (req, reply) => page(req, reply, idOf(req)));
  const action = (path: string, run: (ctx: Ctx, id: number, req: FastifyRequest) => Promise<unknown>, notice: string) =>
    app.post(`${ADMIN_BASE}/:id/${path}`, async (req, reply) => {
      const id = idOf(req);
      try {
        await run(ctxOf(req), id, req);
        return reply.redirect(`${ADMIN_BASE}/${id}?notice=${notice}`, 303);
      } catch (e) {
        const p = problemsOf(e);
        reply.status((e as AppError).status);
        return page(req, reply, id, p);
      }
    });
  action('submit', (ctx, id) => submitVersion(ctx, id), 'submitted');
  action('approve', (ctx, id) => approveVersion(ctx, id), 'approved');
  action('publish', (ctx, id) => publishVersion(ctx, id), 'published');
  action('return', (ctx, id, req) => returnVersion(ctx, id, field(formBody(req), 'reason', 200_000)), 'returned');

  const gaozhi = async (req: FastifyRequest, reply: FastifyReply, id: number, o: { problems?: Problems; brought?: string[]; note?: string } = {}) => {
    const it = await getItem(ctxOf(req), id);
    const g = await publishedGuide(db, id);
    if (!it.mayEdit || !g) return reply.status(404).page((ctx) => <ListPage ctx={ctx} rows={[]} today={todayInShanghai()} notice="该事项尚未发布，或您不是其实施主体的工作人员，不能出具告知单。" />);
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <GaozhiForm ctx={ctx} it={it} materials={g.data.materials} problems={o.problems} brought={o.brought} note={o.note} />);
  };
  app.get(`${ADMIN_BASE}/:id/gaozhi`, async (req, reply) => gaozhi(req, reply, idOf(req)));
  app.post(`${ADMIN_BASE}/:id/gaozhi`, async (req, reply) => {
    const id = idOf(req);
    const b = formBody(req);
    const brought = fields(b, 'brought').slice(0, 100);
    let note = '';
    try {
      note = field(b, 'note', 200_000);
      const n = await issueNotice(ctxOf(req), id, { brought, note });
      return reply.redirect(`${ADMIN_BASE}/gaozhi/${n.id}`, 303);
    } catch (e) {
      const p = problemsOf(e);
      reply.status((e as AppError).status);
      return gaozhi(req, reply, id, { problems: p, brought, note });
    }
  });
  app.get(`${ADMIN_BASE}/gaozhi/:id`, async (req, reply) => {
    const n = await getNotice(ctxOf(req), idOf(req));
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <NoticePage ctx={ctx} n={n} />);
  });
}
