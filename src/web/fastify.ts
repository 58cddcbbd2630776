import type { Actor } from '../core/auth/actor.js';
import type { SafeHtml } from '../core/render/jsx.js';
import type { WorkItem } from '../core/module.js';
import type { PageCtx } from './context.js';

// What the app adds to Fastify's request and reply. Declared here, apart from the server, so
// route files see these types without importing the server (and the modules it is built from).
declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    /** What waits for the signed-in person, on staff pages (GET /admin…); null elsewhere. */
    worklist: WorkItem[] | null;
    /** The modules whose worklist could not be read for this request (their labels). */
    worklistFailed: string[] | null;
  }
  interface FastifyReply {
    /** Renders a page for this request: 繁體 conversion and the font-size class are applied here. */
    page(render: (ctx: PageCtx) => SafeHtml): FastifyReply;
  }
}

export {};
