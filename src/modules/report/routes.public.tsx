import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { invalid } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { idField, idParam } from '../../web/form.js';
import { siteScopeOf } from '../../web/context.js';
import { reportTitle, type ReportContent } from './content.js';
import { reportDocx } from './export-docx.js';
import { reportXlsx } from './export-xlsx.js';
import { publishedFacets, publishedReport, publishedReports } from './service.js';
import { PUBLIC_BASE, ReportListPage, ReportPage } from './views/public.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a generated file under the report's Chinese title (RFC 6266 filename*). */
export async function sendReportFile(reply: FastifyReply, c: ReportContent, format: 'docx' | 'xlsx'): Promise<FastifyReply> {
  const buf = format === 'docx' ? await reportDocx(c) : await reportXlsx(c);
  const name = encodeURIComponent(`${reportTitle(c)}${format === 'xlsx' ? '（统计表）' : ''}.${format}`);
  return reply.type(format === 'docx' ? DOCX : XLSX).header('content-disposition', `attachment; filename="annual-report-${c.year}.${format}"; filename*=UTF-8''${name}`).send(buf);
}

const queryValue = (q: Record<string, unknown>, name: string): string => {
  const v = q[name];
  if (v === undefined) return '';
  if (typeof v !== 'string' || v.length > 12) throw invalid(`参数“${name}”不正确。`);
  return v.trim();
};

/**
 * The portal's 政府信息公开年报 part: published reports only, of the site's government (its own
 * report and its departments', townships'…); another government's report is not found here.
 */
export function registerReportPublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const gov = (req: FastifyRequest) => siteScopeOf(req).govId;
  const report = (req: FastifyRequest) => publishedReport(db, idParam((req.params as { id: string }).id), gov(req));

  app.get(PUBLIC_BASE, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const y = queryValue(q, 'year');
    if (y && !/^\d{4}$/.test(y)) throw invalid('年度不正确。');
    const a = queryValue(q, 'agency');
    const year = y ? Number(y) : undefined;
    const agencyId = a ? idField(a, '机构编号') : undefined;
    const [rows, facets] = await Promise.all([publishedReports(db, { year, agencyId, govId: gov(req) }), publishedFacets(db, gov(req))]);
    return reply.page((ctx) => <ReportListPage ctx={ctx} rows={rows} facets={facets} year={year} agencyId={agencyId} />);
  });

  app.get(`${PUBLIC_BASE}/:id`, async (req, reply) => {
    const r = await report(req);
    return reply.page((ctx) => <ReportPage ctx={ctx} r={r} />);
  });

  app.get(`${PUBLIC_BASE}/:id/report.docx`, async (req, reply) => sendReportFile(reply, await report(req), 'docx'));
  app.get(`${PUBLIC_BASE}/:id/report.xlsx`, async (req, reply) => sendReportFile(reply, await report(req), 'xlsx'));
}
