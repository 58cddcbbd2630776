import { AGENCY_KINDS } from '../../core/org/schema.js';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../core/module.js';
import { governmentAgencies } from '../../core/org/scope.js';
import { siteScopeOf } from '../../web/context.js';
import { listDomains, publishedItems } from './queries.js';
import { apiRoute } from '../../core/api.js';
import { describeTimeRule } from './time-rule.js';
import { STANDARD_CHANNELS } from './types.js';

const Id = z.coerce.number().int().positive().max(2147483647);

const DomainOut = z.object({ id: z.number(), code: z.string(), name: z.string(), pilot: z.boolean(), guide: z.string(), responsibleAgencyId: z.number().nullable() });
const AgencyOut = z.object({
  id: z.number(), name: z.string(), kind: z.enum(AGENCY_KINDS), parentId: z.number().nullable(),
  creditCode: z.string().nullable(), functions: z.string(), head: z.string(), officeHours: z.string(), address: z.string(), phone: z.string(),
});
const TimeRuleOut = z.object({ kind: z.string() }).catchall(z.unknown()).describe('Machine rule parsed from 公开时限; kind "unparsed" is flagged for the office');
const ItemOut = z.object({
  id: z.number(), domain: z.object({ id: z.number(), code: z.string(), name: z.string() }), agency: z.object({ id: z.number(), name: z.string() }),
  catalogVersion: z.number(), level1: z.string(), level2: z.string(), level3: z.string().nullable(), itemCode: z.string().nullable(),
  content: z.string(), basis: z.string(), timeLimit: z.object({ text: z.string(), rule: TimeRuleOut, ok: z.boolean(), description: z.string() }),
  subject: z.string(), channels: z.array(z.enum(STANDARD_CHANNELS)), otherChannels: z.array(z.string()),
  audience: z.object({ public: z.boolean(), specificGroup: z.boolean() }), mode: z.object({ active: z.boolean(), onRequest: z.boolean() }),
  levels: z.array(z.enum(['county', 'township', 'village'])),
});

export function registerCatalogApi(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  apiRoute(app, {
    method: 'GET', url: '/api/v1/domains', operationId: 'listDomains', tag: 'catalog', security: 'public', summary: '试点领域列表', response: z.object({ data: z.array(DomainOut) }),
    handler: async () => ({ data: (await listDomains(db)).map(({ sort: _s, ...d }) => d) }),
  });

  apiRoute(app, {
    method: 'GET', url: '/api/v1/agencies', operationId: 'listAgencies', tag: 'catalog', security: 'public', summary: '本站政府的机构列表（政府、部门、乡镇街道、村社区）', response: z.object({ data: z.array(AgencyOut) }),
    handler: async ({ req }) => ({ data: (await governmentAgencies(db, siteScopeOf(req).govId)).map(({ sort: _s, createdAt: _c, updatedAt: _u, path: _p, govId: _g, upperGovId: _ug, division: _d, ...a }) => a) }),
  });

  apiRoute(app, {
    method: 'GET', url: '/api/v1/catalog/items', operationId: 'listCatalogItems', tag: 'catalog', security: 'public', summary: '本站政府已发布的公开事项（含全部要素与时限规则）',
    query: z.object({
      domain: z.string().max(100).optional().describe('领域代码（如 social-assistance）或领域 id'),
      agency: Id.optional().describe('机构 id'),
      level: z.enum(['county', 'township', 'village']).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
      offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    }),
    response: z.object({ data: z.array(ItemOut), paging: z.object({ limit: z.number(), offset: z.number(), count: z.number() }) }),
    handler: async ({ query, req }) => {
      let domainId: number | undefined;
      if (query.domain) {
        const domains = await listDomains(db);
        const d = domains.find((x) => x.code === query.domain || String(x.id) === query.domain);
        if (!d) return { data: [], paging: { limit: query.limit, offset: query.offset, count: 0 } };
        domainId = d.id;
      }
      const items = await publishedItems(db, { govId: siteScopeOf(req).govId, domainId, agencyId: query.agency, level: query.level, limit: query.limit, offset: query.offset });
      return {
        data: items.map((i) => ({
          id: i.id, domain: { id: i.domainId, code: i.domainCode, name: i.domainName }, agency: { id: i.agencyId, name: i.agencyName }, catalogVersion: i.versionNo,
          level1: i.level1, level2: i.level2, level3: i.level3, itemCode: i.itemCode, content: i.content, basis: i.basis,
          timeLimit: { text: i.timeLimitText, rule: i.timeRule, ok: i.timeRuleOk, description: describeTimeRule(i.timeRule) },
          subject: i.subject, channels: i.channels, otherChannels: i.otherChannels,
          audience: { public: i.audiencePublic, specificGroup: i.audienceSpecific }, mode: { active: i.modeActive, onRequest: i.modeOnRequest }, levels: i.levels,
        })),
        paging: { limit: query.limit, offset: query.offset, count: items.length },
      };
    },
  });
}
