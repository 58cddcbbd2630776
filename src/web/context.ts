import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../core/auth/actor.js';

export type FontSize = 'small' | 'medium' | 'large';

/** What every page needs to know about the request it is rendered for. */
export type PageCtx = {
  actor: Actor | null;
  path: string;
  hant: boolean;
  font: FontSize;
  csrf: () => string;
};

export function pageCtx(req: FastifyRequest, reply: FastifyReply): PageCtx {
  const font = req.cookies['gk_font'];
  let token: string | undefined;
  return {
    actor: req.actor,
    path: req.url,
    hant: req.cookies['gk_script'] === 'hant',
    font: font === 'small' || font === 'large' ? font : 'medium',
    csrf: () => (token ??= reply.generateCsrf()),
  };
}
