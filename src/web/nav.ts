import { hasRole, type Actor } from '../core/auth/actor.js';
import { NAV_GROUPS, PUBLIC_SECTIONS, type ModuleManifest, type NavGroup, type PublicNavEntry, type StaffNavEntry } from '../core/module.js';

export type NavLink = { href: string; label: string };
/** A top-row public link; a section's carries its columns (`children`) and a line about it. */
export type PublicNavLink = NavLink & { note?: string; children?: (NavLink & { note?: string })[] };
export type StaffNavGroup = { id: NavGroup; label: string; href: string; waiting: number; entries: NavLink[] };
/** What the page shell's navigation shows for this request. */
export type NavModel = { public: PublicNavLink[]; staff: StaffNavGroup[] };

export const mayOpen = (actor: Actor, e: Pick<StaffNavEntry, 'roles'>): boolean => e.roles === 'any' || e.roles.some((r) => hasRole(actor, r));

/**
 * Builds the navigation from the modules' manifests: the public links in their order, and for a
 * signed-in person the staff groups in NAV_GROUPS order with only the entries their roles can
 * use (a group left empty is hidden), each with the count of items waiting in it.
 */
export function buildNav(modules: readonly Pick<ModuleManifest, 'nav' | 'publicNav'>[], actor: Actor | null, waiting?: ReadonlyMap<NavGroup, number>): NavModel {
  const pub = publicLinks(modules.flatMap((m) => m.publicNav ?? []));
  if (!actor) return { public: pub, staff: [] };
  const entries = modules.flatMap((m) => m.nav ?? []).filter((e) => mayOpen(actor, e));
  const staff = NAV_GROUPS.flatMap(({ id, label }) => {
    const mine = entries.filter((e) => e.group === id).sort((a, b) => (a.order ?? 50) - (b.order ?? 50));
    if (!mine.length) return [];
    return [{ id, label, href: mine[0]!.href, waiting: waiting?.get(id) ?? 0, entries: mine.map(({ href, label }) => ({ href, label })) }];
  });
  return { public: pub, staff };
}

/** The top row: the entries without a section, and each section that has an entry, in order. */
function publicLinks(all: readonly PublicNavEntry[]): PublicNavLink[] {
  const byOrder = <T extends { order: number }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => a.order - b.order);
  const rows: (PublicNavLink & { order: number })[] = all.filter((e) => !e.section).map(({ href, label, order }) => ({ href, label, order }));
  for (const s of PUBLIC_SECTIONS) {
    const mine = byOrder(all.filter((e) => e.section === s.id));
    if (mine.length) rows.push({ href: s.href, label: s.label, order: s.order, note: s.intro, children: mine.map(({ href, label, note }) => (note ? { href, label, note } : { href, label })) });
  }
  return byOrder(rows).map(({ order: _o, ...l }) => l);
}

/** Which link is the current page's: the longest href that is the path or a parent of it. */
export function currentHref(links: readonly string[], path: string): string | null {
  const p = path.split('?')[0] ?? '/';
  let best: string | null = null;
  for (const href of links) {
    const h = href.split('?')[0]!;
    const hit = h === p || (h !== '/' && h !== '/admin' && p.startsWith(h + '/'));
    if (hit && (!best || h.length > best.length)) best = h;
  }
  return best;
}
