// The notices every module offers for printing (core/module.ts `notices`), gathered from the
// manifests the way document and agency panels are, and the absolute address of a record's page
// on its government's site for the QR code.
import type { Ctx } from '../../core/context.js';
import type { ModuleManifest, Notice, NoticeProvider } from '../../core/module.js';
import { currentSites, refreshSites } from '../portal/site.js';

/** Every module's notice providers, by kind. */
export function noticeProviders(modules: readonly ModuleManifest[]): Map<string, NoticeProvider> {
  return new Map(modules.flatMap((m) => m.notices ?? []).map((p) => [p.kind, p]));
}

/** Loads one notice (null: no such provider, record not published, or not within the person's reach). */
export async function loadNotice(ctx: Ctx, providers: Map<string, NoticeProvider>, kind: string, id: number): Promise<Notice | null> {
  const p = providers.get(kind);
  if (!p || !ctx.actor) return null;
  return p.load(ctx, id);
}

/**
 * The public address of a notice's record: on the site of its government — its own domain when it
 * has one, else this installation's address with the site's path prefix (/nanxian).
 */
export async function noticeUrl(ctx: Ctx, n: Pick<Notice, 'govId' | 'path'>, origin: string): Promise<string> {
  let { table } = currentSites(ctx.db);
  if (!table.sites.length) table = await refreshSites(ctx.db);
  const site = table.sites.find((s) => s.governmentId === n.govId) ?? table.root;
  const domain = site.identity.domain.trim().toLowerCase();
  if (domain && /^[a-z0-9.-]+(:\d{1,5})?$/.test(domain)) return `https://${domain}${n.path}`;
  return `${origin}${site.root ? '' : `/${site.prefix}`}${n.path}`;
}
