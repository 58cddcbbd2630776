import type { ModuleManifest } from '../../core/module.js';
import { registerRegionRoutes } from './routes.js';
import { BASE, TITLE } from './labels.js';

/**
 * The city's (or province's) view of the governments below it (issue 12 item 5): every county ×
 * domain's catalog state, information timeliness, on-time replies, annual reports and overdue
 * items, per county with a drill-down, exportable as XLSX. It reads the other modules through
 * their region-stats service functions (one GROUP BY each) and records nothing of its own.
 */
export const regionModule: ModuleManifest = {
  name: 'region',
  label: TITLE,
  routes: { staff: registerRegionRoutes },
  nav: [{ group: 'supervision', href: BASE, label: TITLE, roles: ['office', 'admin', 'supervisor'], order: 10 }],
};
