import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../core/module.js';
import { safeBack } from './form.js';

const YEAR = 365 * 24 * 3600;

export function registerWebRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { config } = deps;

  // Reading preferences are plain links (work without JavaScript); they only set a cookie.
  app.get('/prefs', async (req, reply) => {
    const q = req.query as { script?: string; font?: string; back?: string };
    const opts = { path: '/', maxAge: YEAR, sameSite: 'lax' as const, secure: config.production };
    if (q.script === 'hant' || q.script === 'hans') reply.setCookie('gk_script', q.script, opts);
    if (q.font === 'small' || q.font === 'medium' || q.font === 'large') reply.setCookie('gk_font', q.font, opts);
    return reply.redirect(safeBack(q.back, '/'), 303);
  });

}
