import type { FastifyInstance } from 'fastify';
import type { AppDeps, ModuleManifest } from '../core/module.js';
import { registerOpenApi } from '../core/api.js';
import { registerWebRoutes } from '../web/routes.js';
import { registerWorklistRoutes } from './worklist.js';

/**
 * Registers every module's routes, in the order of the modules: public pages, then staff pages,
 * then the JSON API, then the platform's own (reading settings, the 工作台, the OpenAPI document).
 */
export async function registerRoutes(app: FastifyInstance, deps: AppDeps, modules: readonly ModuleManifest[]): Promise<void> {
  registerWebRoutes(app, deps);
  registerWorklistRoutes(app, deps);
  for (const m of modules) {
    await m.routes?.public?.(app, deps, modules);
    await m.routes?.staff?.(app, deps, modules);
    await m.routes?.api?.(app, deps, modules);
  }
  registerOpenApi(app);
}
