import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './server.js';
import { registerOpenApi } from './api.js';
import { registerFileRoutes } from '../core/files/routes.js';
import { registerWebRoutes } from '../web/routes.js';
import { registerAccountRoutes } from '../modules/account/routes.js';
import { registerOrgRoutes } from '../modules/org/routes.js';
import { registerCatalogPublicRoutes } from '../modules/catalog/routes.public.js';
import { registerCatalogAdminRoutes } from '../modules/catalog/routes.admin.js';
import { registerCatalogApi } from '../modules/catalog/routes.api.js';
import { registerCalendarRoutes } from '../core/calendar/routes.js';
import { registerInfoAdminRoutes } from '../modules/info/routes.admin.js';
import { registerInfoPublicRoutes } from '../modules/info/routes.public.js';
import { registerInfoApi } from '../modules/info/routes.api.js';
import { registerFeedRoutes } from '../modules/info/feeds.js';
import { registerReevaluationRoutes } from '../modules/info/routes.reevaluation.js';
import { registerComplianceRoutes } from '../modules/info/routes.compliance.js';
import { registerInfoSettingsRoutes } from '../modules/info/routes.settings.js';

export async function registerRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  registerWebRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerOrgRoutes(app, deps);
  registerCatalogPublicRoutes(app, deps);
  registerCatalogAdminRoutes(app, deps);
  registerCatalogApi(app, deps);
  registerCalendarRoutes(app, deps);
  registerInfoAdminRoutes(app, deps);
  registerInfoPublicRoutes(app, deps);
  registerInfoApi(app, deps);
  registerFeedRoutes(app, deps);
  registerReevaluationRoutes(app, deps);
  registerComplianceRoutes(app, deps);
  registerInfoSettingsRoutes(app, deps);
  registerFileRoutes(app, deps);
  (await import('../core/search/routes.js')).registerSearchRoutes(app, deps);
  registerOpenApi(app);
}
