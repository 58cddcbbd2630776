import type { ModuleManifest } from '../../core/module.js';
import { registerSearchRoutes } from './routes.js';

/** The public search page and API over the index every module feeds (core/search). */
export const searchModule: ModuleManifest = {
  name: 'search',
  label: '站内搜索',
  routes: { public: registerSearchRoutes },
};
