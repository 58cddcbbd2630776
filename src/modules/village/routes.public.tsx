import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { todayInShanghai } from '../../core/calendar/dates.js';
import { hasUnreadable } from '../../core/text/normalise.js';
import { siteScopeOf } from '../../web/context.js';
import { fieldErrorsOf } from '../../web/components.js';
import { field, formBody, idParam, refId, refuseFilledHoneypot } from '../../web/form.js';
import { publicDisclosure, publicIndex, publicPlacePage, submitObjection } from './public.js';
import { PUBLIC_BASE } from './views/paths.js';
import { DisclosurePage, IndexPage, PlacePage } from './views/public.js';
import type { Problems, V } from './views/shared.js';

const FIELDS = ['name', 'contact', 'content', 'homepage'] as const;
/** Far above the service's limits, so an oversize field gets the service's own message. */
const FIELD_MAX = 100_000;

export function registerVillagePublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const gov = (req: FastifyRequest) => siteScopeOf(req).govId;
  const rateLimit = { max: config.publicWriteRateLimit, timeWindow: '1 minute' };

  app.get(PUBLIC_BASE, async (req, reply) => {
    const towns = await publicIndex(db, gov(req));
    return reply.page((ctx) => <IndexPage ctx={ctx} towns={towns} />);
  });
  app.get(`${PUBLIC_BASE}/:id`, async (req, reply) => {
    const v = await publicPlacePage(db, gov(req), idParam((req.params as { id: string }).id));
    return reply.page((ctx) => <PlacePage ctx={ctx} v={v} />);
  });

  const show = async (req: FastifyRequest, reply: FastifyReply, opts: { values?: V; problems?: Problems; notice?: string } = {}) => {
    const cun = refId((req.query as { cun?: unknown }).cun) || undefined;
    const d = await publicDisclosure(db, gov(req), idParam((req.params as { id: string }).id), cun);
    const place = cun && d.villages.find((v) => v.id === cun) ? d.villages.find((v) => v.id === cun)! : d.place;
    return reply.page((ctx) => <DisclosurePage ctx={ctx} d={d} villages={d.villages} place={place} today={todayInShanghai()} values={opts.values} problems={opts.problems} notice={opts.notice} />);
  };
  app.get(`${PUBLIC_BASE}/gongkai/:id`, async (req, reply) => {
    const sent = (req.query as { sent?: unknown }).sent === '1';
    if (sent) reply.header('cache-control', 'private, no-store');
    return show(req, reply, { notice: sent ? '异议已提交。村务工作人员将在核实后通过您留下的电话答复，答复情况在公示结束前更新。' : undefined });
  });

  app.post(`${PUBLIC_BASE}/gongkai/:id/yiyi`, { config: { rateLimit } }, async (req, reply) => {
    const id = idParam((req.params as { id: string }).id);
    reply.header('cache-control', 'private, no-store');
    const values: V = {};
    try {
      const b = formBody(req);
      for (const k of FIELDS) values[k] = field(b, k, FIELD_MAX);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      reply.status(400);
      return show(req, reply, { problems: { list: ['提交的内容过长或格式不正确，请精简后重新提交。'], fields: {} } });
    }
    try {
      const bad = FIELDS.filter((k) => hasUnreadable(values[k] ?? ''));
      if (bad.length) throw new AppError('invalid_input', 400, '内容含有无法识别的字符（可能是编码错误），请重新输入。', { fields: Object.fromEntries(bad.map((k) => [k, '内容含有无法识别的字符（可能是编码错误），请重新输入。'])) });
      refuseFilledHoneypot(values.homepage);
      await submitObjection(db, id, values, { govId: gov(req) });
      return reply.redirect(`${PUBLIC_BASE}/gongkai/${id}?sent=1`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 404) throw e;
      reply.status(e.status);
      const fe = fieldErrorsOf(e.details);
      const { homepage: _h, ...kept } = values;
      return show(req, reply, { values: kept, problems: { list: Object.keys(fe).length ? Object.values(fe) : [e.message], fields: fe } });
    }
  });
}
