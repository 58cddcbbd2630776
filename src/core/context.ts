import type { Db } from '../db/client.js';
import type { Actor } from './auth/actor.js';
import type { AuditActor } from './audit/service.js';

/** What a service function runs with: the database and who is asking (null for the public). */
export type Ctx = { db: Db; actor: Actor | null };

export const auditActor = (a: Actor | null): AuditActor =>
  a ? { userId: a.userId, name: a.name, agencyId: a.agencyId } : { userId: null, name: '系统', agencyId: null };
