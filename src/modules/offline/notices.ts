// The notices every module offers for printing (core/module.ts `notices`), gathered from the
// manifests the way document and agency panels are, and the absolute address of a record's page
// on its government's site for the QR code.
import type { Ctx } from '../../core/context.js';
import type { ModuleManifest, Notice, NoticeProvider } from '../../core/module.js';
import { printedUrlOf } from '../portal/site.js';

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
  return printedUrlOf(ctx.db, n.govId, n.path, origin);
}
