import { and, eq, inArray, isNull } from 'drizzle-orm';
import { hasRole } from '../../core/auth/actor.js';
import type { WorkItem, WorklistCtx } from '../../core/module.js';
import { calendarDaysNote, urgencyByDays } from '../../core/worklist.js';
import { STAFF_ROLES, villagesInView } from './access.js';
import { lateItems, lateLabel } from './overdue.js';
import { vgDisclosures, vgObjections } from './schema.js';
import { ADMIN_BASE } from './views/paths.js';
import { answerDays } from './templates.js';
import { addDays } from '../../core/calendar/dates.js';

/**
 * For the township's staff: every village's overdue 公开 under it (and those due within 5 days;
 * the office reads them on the 村务公开 page rather than in its worklist); for a village's clerk also its returned 公开 (with the answer's deadline), signed ones to
 * publish and objections to answer; for the 监委会, the 公开 waiting for its review.
 */
export async function villageWorklist(ctx: WorklistCtx): Promise<WorkItem[]> {
  if (!STAFF_ROLES.some((r) => hasRole(ctx.actor, r))) return [];
  const items: WorkItem[] = [];
  if (!hasRole(ctx.actor, 'editor') && !hasRole(ctx.actor, 'reviewer')) return items;
  const below = (await villagesInView(ctx.db, ctx.actor)).filter((v) => v.path.startsWith(ctx.actor.placement.agencyPath));
  const late = below.length ? await lateItems(ctx, { today: ctx.today, ahead: 5 }) : [];
  for (const l of late.filter((x) => below.some((v) => v.id === x.village.id))) {
    const urgency = urgencyByDays(ctx.today, l.dueOn, { dueWithin: 5, soonWithin: 5 });
    items.push({ group: 'info', kind: urgency === 'overdue' ? '村务公开逾期' : '村务公开即将到期', title: lateLabel(l), href: l.disclosureId ? `${ADMIN_BASE}/d/${l.disclosureId}` : `${ADMIN_BASE}/v/${l.village.id}`, detail: l.village.name, dueOn: l.dueOn, urgency, note: `应于 ${l.dueOn} 前公开，${calendarDaysNote(ctx.today, l.dueOn)}` });
  }
  const own = ctx.actor.agencyId;
  const mine = await ctx.db.select().from(vgDisclosures).where(and(eq(vgDisclosures.agencyId, own), inArray(vgDisclosures.state, ['review', 'returned', 'signed'])));
  for (const d of mine) {
    const href = `${ADMIN_BASE}/d/${d.id}`;
    if (d.state === 'review' && hasRole(ctx.actor, 'reviewer')) items.push({ group: 'info', kind: '村务公开待审核', title: d.title, href, dueOn: null, urgency: 'normal' });
    if (d.state === 'returned' && hasRole(ctx.actor, 'editor') && d.answerDueOn) items.push({ group: 'info', kind: '监委会退回待答复', title: d.title, href, dueOn: d.answerDueOn, urgency: urgencyByDays(ctx.today, d.answerDueOn, { dueWithin: 2, soonWithin: 7 }), note: `答复${calendarDaysNote(ctx.today, d.answerDueOn)}` });
    if (d.state === 'signed' && hasRole(ctx.actor, 'editor')) items.push({ group: 'info', kind: '村务公开待发布', title: d.title, href, dueOn: null, urgency: 'normal', note: `监委会已于 ${d.signedOn} 审核` });
  }
  if (hasRole(ctx.actor, 'editor')) {
    const days = await answerDays(ctx.db);
    const open = await ctx.db.select({ id: vgObjections.id, d: vgDisclosures.id, title: vgDisclosures.title, receivedOn: vgObjections.receivedOn }).from(vgObjections).innerJoin(vgDisclosures, eq(vgDisclosures.id, vgObjections.disclosureId)).where(and(eq(vgDisclosures.agencyId, own), isNull(vgObjections.answeredOn)));
    for (const o of open) {
      const dueOn = addDays(o.receivedOn, days);
      items.push({ group: 'info', kind: '村务公开异议待答复', title: o.title, href: `${ADMIN_BASE}/d/${o.d}#objections`, dueOn, urgency: urgencyByDays(ctx.today, dueOn, { dueWithin: 2, soonWithin: days }), note: `答复${calendarDaysNote(ctx.today, dueOn)}` });
    }
  }
  return items;
}
