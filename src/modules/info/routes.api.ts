import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../core/module.js';
import { apiRoute } from '../../core/api.js';
import { ALL_KINDS, ARTICLE_20, DISCLOSURE_MARKING, THEMES, THEME_VALUES, VALIDITY_LABELS, type Validity } from './metadata.js';
import { publicDocument, searchPublished, type DocSummary, type PublicEdition } from './queries.js';
import { siteScopeOf } from '../../web/context.js';

const Id = z.coerce.number().int().positive().max(2147483647);
const VALIDITIES = Object.keys(VALIDITY_LABELS) as [Validity, ...Validity[]];
const THEME_OPTIONS = [...THEMES.map(([t]) => t), ...THEME_VALUES];

const Ref = z.object({ id: z.number(), title: z.string(), url: z.string() });
const DocOut = z.object({
  id: z.number().describe('文件 id（/xxgk/{id}）'),
  url: z.string(),
  indexNumber: z.string().nullable().describe('索引号'),
  title: z.string().describe('名称'),
  agency: z.object({ id: z.number(), name: z.string() }).describe('发布机构'),
  kind: z.string().describe('公文种类'),
  theme: z.string().describe('主题分类，一级\\二级'),
  assembly: z.string().describe('组配分类'),
  docNumber: z.string().nullable().describe('文号'),
  writtenDate: z.string().describe('成文日期'),
  publishedAt: z.string().nullable().describe('发布时间（RFC 3339）'),
  validity: z.enum(VALIDITIES).describe('有效性'),
  validityDate: z.string().nullable(),
  replacedById: z.number().nullable(),
  regulatory: z.boolean().describe('行政规范性文件'),
  statutoryItem: z.number().nullable().describe('条例第二十条第几项'),
  interpretsId: z.number().nullable().describe('政策解读所解读的文件 id'),
  catalogItemKeys: z.array(z.string()).describe('对应的公开目录事项（item_key）'),
  edition: z.number().describe('版本号'),
});
const DocDetail = DocOut.extend({
  bodyHtml: z.string(),
  marking: z.string().describe('公开属性标注，如“此件公开发布”'),
  withdrawn: z.object({ at: z.string().nullable(), reason: z.string().nullable() }).nullable().describe('已撤回（仍可查阅）'),
  interpretations: z.array(Ref),
  policy: Ref.nullable(),
  replacedBy: Ref.nullable(),
  history: z.array(z.object({ edition: z.number(), publishedAt: z.string().nullable(), changeNote: z.string(), minorChange: z.boolean() })),
  qa: z.array(z.object({ q: z.string(), a: z.string() })).describe('政策解读的简明问答'),
  mediaUrl: z.string().nullable().describe('音视频解读链接'),
  attachments: z.array(z.object({ name: z.string(), url: z.string(), size: z.number(), mime: z.string() })).describe('附件（图片为图解）'),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);
// Links are the site's own (a county reached by path prefix: /nanxian/xxgk/…).
const ref = (d: PublicEdition | DocSummary, prefix = ''): z.input<typeof Ref> => ({ id: d.documentId, title: d.title, url: `${prefix}/xxgk/${d.documentId}` });

function docOut(d: DocSummary, prefix = ''): z.input<typeof DocOut> {
  return {
    id: d.documentId, url: `${prefix}/xxgk/${d.documentId}`, indexNumber: d.indexNumber, title: d.title, agency: { id: d.agencyId, name: d.agencyName },
    kind: d.kind, theme: d.theme, assembly: d.assembly, docNumber: d.docNumber, writtenDate: d.writtenDate, publishedAt: iso(d.publishedAt),
    validity: d.validity, validityDate: d.validityDate, replacedById: d.replacedById, regulatory: d.regulatory, statutoryItem: d.statutoryItem,
    interpretsId: d.interpretsId, catalogItemKeys: d.catalogItemKeys, edition: d.editionNo,
  };
}

export function registerInfoApi(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  apiRoute(app, {
    method: 'GET', url: '/api/v1/documents', operationId: 'listDocuments', tag: 'info', security: 'public', summary: '本站（所属政府）已发布的政府信息（元数据，不含正文），按发布时间从新到旧',
    query: z.object({
      agency: Id.optional().describe('发布机构 id'),
      kind: z.enum(ALL_KINDS as [string, ...string[]]).optional().describe('公文种类'),
      theme: z.enum(THEME_OPTIONS as [string, ...string[]]).optional().describe('主题分类：一级，或 一级\\二级'),
      year: z.coerce.number().int().min(1949).max(2100).optional().describe('发布年份'),
      validity: z.enum(VALIDITIES).optional(),
      statutoryItem: z.coerce.number().int().min(1).max(ARTICLE_20.length).optional().describe('条例第二十条第几项'),
      limit: z.coerce.number().int().min(1).max(200).default(20),
      offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    }),
    response: z.object({ data: z.array(DocOut), paging: z.object({ limit: z.number(), offset: z.number(), total: z.number() }) }),
    handler: async ({ query: q, req }) => {
      const { items, total } = await searchPublished(db, { govId: siteScopeOf(req).govId, agencyId: q.agency, kind: q.kind, theme: q.theme, year: q.year, validity: q.validity, statutoryItem: q.statutoryItem, limit: q.limit, offset: q.offset });
      return { data: items.map((d) => docOut(d, siteScopeOf(req).prefix)), paging: { limit: q.limit, offset: q.offset, total } };
    },
  });

  apiRoute(app, {
    method: 'GET', url: '/api/v1/documents/:id', operationId: 'getDocument', tag: 'info', security: 'public', summary: '本站的一份政府信息：元数据、正文、政策解读、替代文件和版本记录（其他政府的信息在其网站上）',
    params: z.object({ id: z.string().regex(/^[1-9]\d{0,9}$/).transform(Number).refine((n) => n <= 2147483647).describe('文件 id') }),
    errors: { 410: '该信息因发布错误已撤回（code: gone）' },
    response: DocDetail,
    handler: async ({ params, req }) => {
      const { govId, prefix } = siteScopeOf(req);
      const d = await publicDocument(db, params.id, govId);
      const e = d.edition;
      return {
        ...docOut(e, prefix), bodyHtml: e.bodyHtml, marking: DISCLOSURE_MARKING[e.disclosure],
        withdrawn: e.state === 'withdrawn' ? { at: iso(e.withdrawnAt), reason: e.withdrawnReason } : null,
        interpretations: d.interpretations.map((x) => ref(x, prefix)), policy: d.policy ? ref(d.policy, prefix) : null, replacedBy: d.replacedBy ? ref(d.replacedBy, prefix) : null,
        history: d.history.map((x) => ({ edition: x.editionNo, publishedAt: iso(x.publishedAt), changeNote: x.changeNote, minorChange: x.minorChange })),
        qa: e.qa, mediaUrl: e.mediaUrl, attachments: d.attachments.map(({ name, url, size, mime }) => ({ name, url, size, mime })),
      };
    },
  });
}
