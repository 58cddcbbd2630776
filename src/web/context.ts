import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../core/auth/actor.js';
import type { NavModel } from './nav.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'gk_sid';

export type FontSize = 'small' | 'medium' | 'large';

/** What every page needs to know about the request it is rendered for. */
export type PageCtx = {
  actor: Actor | null;
  path: string;
  hant: boolean;
  font: FontSize;
  csrf: () => string;
  /** The navigation for this person, built from the modules' manifests. */
  nav: NavModel;
};

export function pageCtx(req: FastifyRequest, reply: FastifyReply, nav: NavModel): PageCtx {
  const font = req.cookies['gk_font'];
  let token: string | undefined;
  return {
    actor: req.actor,
    path: req.url,
    hant: req.cookies['gk_script'] === 'hant',
    font: font === 'small' || font === 'large' ? font : 'medium',
    csrf: () => (token ??= reply.generateCsrf()),
    nav,
  };
}
