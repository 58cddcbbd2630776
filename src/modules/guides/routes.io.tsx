import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../core/module.js';

/** Import and export in the provincial exchange shape (JSON and XLSX). */
export function registerGuidesIoRoutes(_app: FastifyInstance, _deps: AppDeps): void {}
