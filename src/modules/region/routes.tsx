import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { invalid } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { idParam } from '../../web/form.js';
import { shanghaiToday } from '../report/deadlines.js';
import { countyDetail, regionDashboard, type RegionOptions, type RegionView } from './service.js';
import { regionXlsx } from './export-xlsx.js';
import { BASE, TITLE } from './labels.js';
import { CountyDetail, RegionDashboard } from './views/dashboard.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The first year the platform has figures for (the 26 pilot domains' catalogs date from 2020). */
export const FIRST_YEAR = 2020;

export function registerRegionRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const ctxOf = (req: FastifyRequest) => ({ db, actor: req.actor });
  const years = (today: string) => Array.from({ length: Number(today.slice(0, 4)) - FIRST_YEAR + 1 }, (_, i) => Number(today.slice(0, 4)) - i);

  /** The year asked for (this year by default), within the years there are figures for. */
  const optionsOf = (req: FastifyRequest): RegionOptions => {
    const today = shanghaiToday();
    const raw = (req.query as { year?: unknown }).year;
    const year = raw === undefined || raw === '' ? Number(today.slice(0, 4)) : typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : NaN;
    if (!years(today).includes(year)) throw invalid(`统计年度应为 ${FIRST_YEAR} 年至今年之间的年份。`);
    return { year, today, countStartDay: config.deadlineCountStartDay };
  };
  const countyId = (req: FastifyRequest) => idParam((req.params as { id: string }).id);
  const sendXlsx = async (reply: FastifyReply, v: RegionView, name: string, rowLabel?: string) =>
    reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename="region-${v.gov.id}-${v.year}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${name}${TITLE}（${v.year}年）.xlsx`)}`)
      .send(await regionXlsx(v, rowLabel));

  app.get(BASE, async (req, reply) => {
    const o = optionsOf(req);
    const v = await regionDashboard(ctxOf(req), o);
    return reply.page((ctx) => <RegionDashboard ctx={ctx} v={v} years={years(o.today)} />);
  });
  app.get(`${BASE}/export.xlsx`, async (req, reply) => {
    const v = await regionDashboard(ctxOf(req), optionsOf(req));
    return sendXlsx(reply, v, v.gov.name);
  });
  app.get(`${BASE}/:id`, async (req, reply) => {
    const o = optionsOf(req);
    const v = await countyDetail(ctxOf(req), countyId(req), o);
    return reply.page((ctx) => <CountyDetail ctx={ctx} v={v} years={years(o.today)} />);
  });
  app.get(`${BASE}/:id/export.xlsx`, async (req, reply) => {
    const v = await countyDetail(ctxOf(req), countyId(req), optionsOf(req));
    return sendXlsx(reply, v, v.county.name, '机构');
  });
}
