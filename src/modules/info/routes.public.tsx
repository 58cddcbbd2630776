import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError, invalid } from '../../core/errors.js';
import type { AppDeps, DocumentPanel, ModuleManifest } from '../../core/module.js';
import { idField, idParam } from '../../web/form.js';
import { governmentAgencies } from '../../core/org/scope.js';
import { siteScopeOf } from '../../web/context.js';
import { publishedItems } from '../catalog/queries.js';
import { ALL_KINDS, ARTICLE_20, THEMES, THEME_VALUES, VALIDITY_LABELS, type Validity } from './metadata.js';
import { cleanupResults, publicDocument, searchPublished, type DocSummary } from './queries.js';
import { DocumentPage, GonePage } from './views/public.js';
import { CleanupPage, InfoListPage, RegulatoryPage } from './views/lists.js';
import { ByCatalogPage, StatutoryPage, type CatalogGroup } from './views/statutory.js';
import type { DocFilter } from './views/shared.js';

export const PAGE_SIZE = 20;
const MAX_PAGE = 5000;
const FIRST_YEAR = 2008; // the first 条例 took effect on 2008-05-01

export const currentYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const yearOptions = () => Array.from({ length: currentYear() - FIRST_YEAR + 1 }, (_, i) => currentYear() - i);

type Q = Record<string, unknown>;
/** A query value as one string: repeated parameters and oversize values are refused, not guessed at. */
function one(q: Q, name: string, max = 100): string {
  const v = q[name];
  if (v === undefined) return '';
  if (typeof v !== 'string') throw invalid(`参数“${name}”只能出现一次。`);
  if (v.length > max) throw invalid(`参数“${name}”过长。`);
  return v.trim();
}
function intIn(q: Q, name: string, label: string, min: number, max: number): number | undefined {
  const s = one(q, name, 10);
  if (!s) return undefined;
  if (!/^\d{1,6}$/.test(s) || Number(s) < min || Number(s) > max) throw invalid(`${label}不正确。`);
  return Number(s);
}

/** The list filters from a query string; a value outside the known vocabularies is a 400, never silently dropped. */
export function parseFilter(q: Q): DocFilter {
  const agency = one(q, 'agency', 12);
  const kind = one(q, 'kind');
  const theme = one(q, 'theme');
  const validity = one(q, 'validity', 20);
  if (kind && !ALL_KINDS.includes(kind)) throw invalid('公文种类不正确。');
  // The form offers first levels; a full `一级\二级` value (as in the API) is accepted too.
  if (theme && !THEMES.some(([t]) => t === theme) && !THEME_VALUES.includes(theme)) throw invalid('主题分类不正确。');
  if (validity && !(validity in VALIDITY_LABELS)) throw invalid('有效性参数只能是 valid、expired、abolished 或 amended。');
  return {
    agencyId: agency ? idField(agency, '机构编号') : undefined,
    kind: kind || undefined,
    theme: theme || undefined,
    year: intIn(q, 'year', '年份', 1949, 2100),
    validity: (validity || undefined) as Validity | undefined,
    statutoryItem: intIn(q, 'statutoryItem', '法定公开事项', 1, ARTICLE_20.length),
  };
}
export const parsePage = (q: Q): number => intIn(q, 'page', '页码', 1, MAX_PAGE) ?? 1;

export function registerInfoPublicRoutes(app: FastifyInstance, deps: AppDeps, modules: readonly ModuleManifest[] = []): void {
  const { db } = deps;
  // Villages and communities publish through their township, so they are not offered as filters.
  // Every list keeps to the site's government (its own agencies' information only).
  const agencyOptions = async (govId: number | null) => (await governmentAgencies(db, govId)).filter((a) => a.kind !== 'village' && a.kind !== 'community').map((a) => ({ id: a.id, name: a.name }));
  const gov = (req: FastifyRequest) => siteScopeOf(req).govId;

  app.get('/xxgk', async (req, reply) => {
    const q = req.query as Q;
    const f = parseFilter(q);
    const page = parsePage(q);
    const [{ items, total }, agencies] = await Promise.all([searchPublished(db, { ...f, govId: gov(req), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), agencyOptions(gov(req))]);
    return reply.page((ctx) => <InfoListPage ctx={ctx} f={f} page={page} pageSize={PAGE_SIZE} items={items} total={total} agencies={agencies} years={yearOptions()} />);
  });

  app.get('/xxgk/statutory', async (req, reply) => {
    const agencyId = parseFilter({ agency: (req.query as Q).agency }).agencyId;
    const [agencies, ...results] = await Promise.all([agencyOptions(gov(req)), ...ARTICLE_20.map((_, i) => searchPublished(db, { agencyId, govId: gov(req), statutoryItem: i + 1, limit: 5 }))]);
    const groups = results.map((r, i) => ({ item: i + 1, items: r.items, total: r.total }));
    return reply.page((ctx) => <StatutoryPage ctx={ctx} groups={groups} agencies={agencies} agencyId={agencyId} />);
  });

  app.get('/xxgk/regulatory', async (req, reply) => {
    const page = parsePage(req.query as Q);
    const { items, total } = await searchPublished(db, { regulatory: true, interpretation: false, govId: gov(req), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const interps = await searchPublished(db, { interpretsIn: items.map((d) => d.documentId), govId: gov(req), limit: 1000, count: false });
    const rows = items.map((d) => ({ ...d, interpretations: interps.items.filter((i) => i.interpretsId === d.documentId) }));
    return reply.page((ctx) => <RegulatoryPage ctx={ctx} rows={rows} total={total} page={page} pageSize={PAGE_SIZE} />);
  });

  app.get('/xxgk/cleanup', async (req, reply) => {
    const rows = await cleanupResults(db, gov(req));
    const ids = [...new Set(rows.map((r) => r.replacedById).filter((x): x is number => x != null))];
    const replacements = new Map((await searchPublished(db, { documentIds: ids, govId: gov(req), limit: 5000, count: false })).items.map((d) => [d.documentId, d]));
    return reply.page((ctx) => <CleanupPage ctx={ctx} rows={rows} replacements={replacements} />);
  });

  app.get('/xxgk/by-catalog', async (req, reply) => {
    const agencyId = parseFilter({ agency: (req.query as Q).agency }).agencyId;
    const [agencies, all] = await Promise.all([agencyOptions(gov(req)), governmentAgencies(db, gov(req))]);
    const agency = agencyId ? all.find((a) => a.id === agencyId) : undefined;
    if (agencyId && !agency) throw invalid('机构编号不正确。');
    const groups: CatalogGroup[] = [];
    if (agency) {
      const items = await publishedItems(db, { agencyId: agency.id, limit: 5000 });
      const docs = (await searchPublished(db, { anyCatalogItemKeys: [...new Set(items.map((i) => i.itemKey))], govId: gov(req), limit: 5000, count: false })).items;
      const byKey = new Map<string, DocSummary[]>();
      for (const d of docs) for (const k of d.catalogItemKeys) (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(d);
      for (const it of items) {
        let g = groups.find((x) => x.domainCode === it.domainCode);
        if (!g) groups.push((g = { domainName: it.domainName, domainCode: it.domainCode, items: [] }));
        g.items.push({ id: it.id, level1: it.level1, level2: it.level2, level3: it.level3, docs: byKey.get(it.itemKey) ?? [] });
      }
    }
    return reply.page((ctx) => <ByCatalogPage ctx={ctx} agencies={agencies} agency={agency && { id: agency.id, name: agency.name }} groups={groups} />);
  });

  app.get('/xxgk/:id', async (req, reply) => {
    const id = idParam((req.params as { id: string }).id);
    try {
      const d = await publicDocument(db, id, gov(req));
      const panels = (await Promise.all(modules.flatMap((m) => m.documentPanels ?? []).map((p) => p(db, id)))).filter((p): p is DocumentPanel => p !== null);
      return reply.page((ctx) => <DocumentPage ctx={ctx} d={d} panels={panels} />);
    } catch (e) {
      // Published in error: say so on a page of our own rather than the generic error page.
      if (!(e instanceof AppError && e.code === 'gone')) throw e;
      const accept = req.headers.accept ?? '';
      if (accept && !accept.includes('text/html') && !accept.includes('*/*')) throw e;
      return reply.status(410).page((ctx) => <GonePage ctx={ctx} message={e.message} />);
    }
  });
}
