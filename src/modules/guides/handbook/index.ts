// What the 办事一本通 adds to the guides module's manifest (guides/index.ts spreads it in).
import type { DemoWorld, ScheduledJob, StaffNavEntry } from '../../../core/module.js';
import type { AuditLabels } from '../../../core/audit/labels.js';
import { requestEdition, runHandbookJobs } from './service.js';

export { registerHandbookPublicRoutes, registerHandbookStaffRoutes } from './routes.js';
export { STAFF_BASE as HANDBOOK_STAFF_BASE, PUBLIC_PATH as HANDBOOK_PUBLIC_PATH } from './views.js';

export const HANDBOOK_NAV: StaffNavEntry = { group: 'services', href: '/admin/banshi/yibentong', label: '办事一本通', roles: ['editor', 'reviewer', 'office', 'admin'], order: 11 };

/** Requeues builds cut off, queues rebuilds of editions the guides have moved on from, and builds. */
export const handbookJob: ScheduledJob = { name: 'guides.handbook', everyMs: 20_000, run: ({ db }) => runHandbookJobs(db) };

export const HANDBOOK_AUDIT = {
  actions: { 'guides.handbook_requested': '发起编制办事一本通', 'guides.handbook_built': '编制完成办事一本通' },
  targets: { handbook_edition: '办事一本通版本' },
} satisfies AuditLabels;

/** The demo county's handbook, both arrangements, built from the guides just published (a slow extra: full demos only). */
export async function seedHandbookDemo(world: DemoWorld): Promise<void> {
  if (!world.full || !world.actors.get('office')) return;
  const origin = `http://localhost:${world.config?.port ?? 3000}`;
  for (const arrangement of ['department', 'theme'] as const) await requestEdition(world.as('office'), { arrangement, origin });
  await runHandbookJobs(world.db);
}
