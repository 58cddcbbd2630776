import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/server.js';
import { registerReportAdminRoutes } from './routes.admin.js';
import { registerReportPublicRoutes } from './routes.public.js';

/** The annual report module: staff pages under /admin/reports, public ones under /zfxxgk/annual-reports. */
export function registerReportRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerReportAdminRoutes(app, deps);
  registerReportPublicRoutes(app, deps);
}
