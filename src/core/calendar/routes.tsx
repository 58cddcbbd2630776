import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { h } from '../render/jsx.js';
import type { AppDeps } from '../module.js';
import { apiRoute } from '../api.js';
import { requireRole } from '../auth/actor.js';
import { AppError, invalid } from '../errors.js';
import { field, formBody } from '../../web/form.js';
import { hasData, noDataWarning, specialDays, yearDays } from './calendar.js';
import { isIsoDate, MAX_YEAR, MIN_YEAR, todayInShanghai, yearOf } from './dates.js';
import { computeDeadline, importOverrides, listOverrides, loadCalendar, removeOverride, setOverride } from './service.js';
import { CalendarPage, type CalendarPageProps, type FormValues } from './views.js';

const Year = z.string().regex(/^\d{4}$/, '应为四位数字年份').transform(Number).refine((y) => y >= MIN_YEAR && y <= MAX_YEAR, `应在 ${MIN_YEAR} 到 ${MAX_YEAR} 之间`);
const DayOut = z.object({
  date: z.string(), workday: z.boolean(), kind: z.enum(['workday', 'weekend', 'holiday', 'makeup_workday']),
  name: z.string().nullable(), source: z.enum(['rule', 'chinese-days', 'override']),
});

/** A year from the query string: absent means this year; anything malformed is refused. */
function pageYear(v: unknown): number {
  if (v === undefined || v === '') return yearOf(todayInShanghai());
  const r = Year.safeParse(v);
  if (!r.success) throw invalid(`年份格式不正确，应为 ${MIN_YEAR} 到 ${MAX_YEAR} 之间的四位数字。`);
  return r.data;
}

const NOTICES: Record<string, string> = { saved: '已保存该日的安排，相关期限将按新日历计算。', removed: '已删除该日的调整。', imported: '已导入。' };

/** Errors a user can fix by changing the form; anything else (forbidden, server faults) goes to the error handler. */
const fixable = (e: unknown): e is AppError => e instanceof AppError && e.status < 500 && e.code !== 'forbidden' && e.code !== 'unauthenticated' && e.code !== 'csrf_invalid';

export function registerCalendarRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;

  apiRoute(app, {
    method: 'GET', url: '/api/v1/calendar/deadline', operationId: 'computeDeadline', tag: 'calendar', security: 'public', summary: '按工作日计算期限届满日（含法定节假日与调休）',
    query: z.object({
      start: z.string().max(100).describe('起算日期（如收到申请之日），YYYY-MM-DD，按北京时间'),
      workdays: z.string().regex(/^[1-9]\d{0,2}$/, '应为 1 到 366 的整数').transform(Number).refine((n) => n <= 366, '应为 1 到 366 的整数').describe('工作日天数，1–366'),
      countStartDay: z.enum(['true', 'false']).optional().describe('起算日（为工作日时）是否计入；缺省时使用本站设置'),
    }),
    response: z.object({
      data: z.object({ start: z.string(), workdays: z.number(), due: z.string(), countStartDay: z.boolean(), warnings: z.array(z.string()).describe('日历数据缺失等提示，非空时期限可能不准确') }),
    }),
    handler: async ({ query }) => ({
      data: await computeDeadline(db, {
        start: query.start, workdays: query.workdays,
        countStartDay: query.countStartDay ? query.countStartDay === 'true' : config.deadlineCountStartDay,
      }),
    }),
  });

  apiRoute(app, {
    method: 'GET', url: '/api/v1/calendar/days', operationId: 'listCalendarDays', tag: 'calendar', security: 'public', summary: '某年每一天的上班/休息安排及来源',
    query: z.object({
      year: Year.describe('年份，如 2026'),
      only: z.enum(['special']).optional().describe('special：只返回节假日、调休上班日和本办调整'),
    }),
    response: z.object({ year: z.number(), hasData: z.boolean(), warnings: z.array(z.string()), data: z.array(DayOut) }),
    handler: async ({ query }) => {
      const cal = await loadCalendar(db);
      const ok = hasData(cal, query.year);
      return { year: query.year, hasData: ok, warnings: ok ? [] : [noDataWarning(query.year)], data: query.only ? specialDays(cal, query.year) : yearDays(cal, query.year) };
    },
  });

  const blankForm: FormValues = { date: '', kind: 'holiday', name: '', note: '' };
  type Extra = Partial<Pick<CalendarPageProps, 'add' | 'importText' | 'notice'>> & { errors?: Partial<CalendarPageProps['errors']>; year?: number };

  const renderPage = async (req: FastifyRequest, reply: FastifyReply, extra: Extra = {}) => {
    requireRole(req.actor, 'office', 'admin');
    const year = extra.year ?? pageYear((req.query as { year?: unknown }).year);
    const [cal, overrides] = await Promise.all([loadCalendar(db), listOverrides(db, year)]);
    const ok = hasData(cal, year);
    const props: Omit<CalendarPageProps, 'ctx'> = {
      year, hasData: ok, warning: ok ? null : noDataWarning(year), countStartDay: config.deadlineCountStartDay,
      special: specialDays(cal, year), overrides, notice: extra.notice ?? null,
      errors: { add: [], remove: [], import: [], ...extra.errors }, add: extra.add ?? blankForm, importText: extra.importText ?? '',
    };
    return reply.page((ctx) => <CalendarPage {...props} ctx={ctx} />);
  };

  app.get('/admin/calendar', async (req, reply) => {
    const q = req.query as { notice?: unknown; n?: unknown };
    let notice = typeof q.notice === 'string' && Object.hasOwn(NOTICES, q.notice) ? NOTICES[q.notice]! : null;
    if (q.notice === 'imported' && typeof q.n === 'string' && /^\d{1,4}$/.test(q.n)) notice = `已导入 ${Number(q.n)} 天的安排。`;
    return renderPage(req, reply, { notice });
  });

  // Each POST checks the role before reading the form, so a forbidden user learns nothing from validation.
  app.post('/admin/calendar/overrides', async (req, reply) => {
    requireRole(req.actor, 'office', 'admin');
    const b = formBody(req);
    const v: FormValues = { date: '', kind: 'holiday', name: '', note: '' };
    try {
      Object.assign(v, { date: field(b, 'date', 40).trim(), kind: field(b, 'kind', 20), name: field(b, 'name', 200), note: field(b, 'note', 2000) });
      await setOverride({ db, actor: req.actor }, v);
    } catch (e) {
      if (!fixable(e)) throw e;
      reply.status(e.status);
      return renderPage(req, reply, { add: v, errors: { add: [e.message] }, year: isIsoDate(v.date) ? yearOf(v.date) : undefined });
    }
    return reply.redirect(`/admin/calendar?year=${yearOf(v.date)}&notice=saved`, 303);
  });

  app.post('/admin/calendar/overrides/remove', async (req, reply) => {
    requireRole(req.actor, 'office', 'admin');
    const b = formBody(req);
    let date = '';
    try {
      date = field(b, 'date', 40).trim();
      await removeOverride({ db, actor: req.actor }, date);
    } catch (e) {
      if (!fixable(e)) throw e;
      reply.status(e.status);
      return renderPage(req, reply, { errors: { remove: [e.message] }, year: isIsoDate(date) ? yearOf(date) : undefined });
    }
    return reply.redirect(`/admin/calendar?year=${yearOf(date)}&notice=removed`, 303);
  });

  app.post('/admin/calendar/import', async (req, reply) => {
    requireRole(req.actor, 'office', 'admin');
    const b = formBody(req);
    let text = '';
    let entries: Awaited<ReturnType<typeof importOverrides>>;
    try {
      text = field(b, 'text', 100_000);
      entries = await importOverrides({ db, actor: req.actor }, text);
    } catch (e) {
      if (!fixable(e)) throw e;
      reply.status(e.status);
      const lines = (e.details as { errors?: string[] } | undefined)?.errors;
      return renderPage(req, reply, { importText: text, errors: { import: lines?.length ? lines : [e.message] } });
    }
    return reply.redirect(`/admin/calendar?year=${yearOf(entries[0]!.date)}&notice=imported&n=${entries.length}`, 303);
  });
}
