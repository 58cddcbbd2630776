import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor, Role, RoleGrant } from '../../core/auth/actor.js';
import { requireRole } from '../../core/auth/actor.js';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from '../../core/auth/password.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import { sessions, userRoles, users } from '../../core/auth/schema.js';
import { getAgency } from '../org/service.js';

export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

async function loadRoles(db: Db, userId: number): Promise<RoleGrant[]> {
  return db.select({ role: userRoles.role, domainId: userRoles.domainId }).from(userRoles).where(eq(userRoles.userId, userId)).orderBy(asc(userRoles.id));
}

/** Looks up the session behind a cookie token; expired or unknown tokens resolve to nobody. */
export async function resolveActor(db: Db, token: string): Promise<{ actor: Actor; sessionId: string } | null> {
  if (token.length > 200) return null;
  const id = tokenId(token);
  const [row] = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date())));
  if (!row || row.user.disabled) return null;
  const u = row.user;
  return {
    sessionId: id,
    actor: { userId: u.id, username: u.username, name: u.displayName, agencyId: u.agencyId, roles: await loadRoles(db, u.id), mustChangePassword: u.mustChangePassword },
  };
}

export type LoginResult = { ok: true; token: string; actor: Actor } | { ok: false; code: 'bad_credentials' | 'locked'; message: string };

/**
 * Checks a username and password. Failed attempts count towards a lock-out stored in the database,
 * so it holds across app instances; a locked account refuses even the right password.
 */
export async function login(db: Db, username: string, password: string): Promise<LoginResult> {
  const bad = { ok: false as const, code: 'bad_credentials' as const, message: '用户名或密码不正确。' };
  const [u] = await db.select().from(users).where(eq(users.username, username.trim().slice(0, 100)));
  if (!u || u.disabled) {
    await verifyPassword(await dummyHash(), password);
    return bad;
  }
  if (u.lockedUntil && u.lockedUntil > new Date()) {
    return { ok: false, code: 'locked', message: '登录失败次数过多，账号已临时锁定，请 15 分钟后再试或联系管理员。' };
  }
  if (!(await verifyPassword(u.passwordHash, password))) {
    const failed = u.failedLogins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await db.transaction(async (tx) => {
      await tx.update(users).set({ failedLogins: lock ? 0 : failed, lockedUntil: lock ? new Date(Date.now() + LOCKOUT_MS) : null }).where(eq(users.id, u.id));
      await recordAudit(tx, { userId: u.id, name: u.displayName, agencyId: u.agencyId }, { action: lock ? 'account.locked' : 'account.login_failed', targetType: 'user', targetId: u.id });
    });
    return lock ? { ok: false, code: 'locked', message: '登录失败次数过多，账号已临时锁定，请 15 分钟后再试或联系管理员。' } : bad;
  }
  const token = randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, u.id));
    await tx.insert(sessions).values({ id: tokenId(token), userId: u.id, csrfSecret: randomBytes(16).toString('hex'), expiresAt: new Date(Date.now() + SESSION_TTL_MS) });
    await tx.delete(sessions).where(lt(sessions.expiresAt, new Date()));
    await recordAudit(tx, { userId: u.id, name: u.displayName, agencyId: u.agencyId }, { action: 'account.login', targetType: 'user', targetId: u.id });
  });
  const actor: Actor = { userId: u.id, username: u.username, name: u.displayName, agencyId: u.agencyId, roles: await loadRoles(db, u.id), mustChangePassword: u.mustChangePassword };
  return { ok: true, token, actor };
}

export async function logout(ctx: Ctx, sessionId: string | null): Promise<void> {
  if (!ctx.actor || !sessionId) return;
  const actor = ctx.actor;
  await ctx.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, sessionId));
    await recordAudit(tx, auditActor(actor), { action: 'account.logout', targetType: 'user', targetId: actor.userId });
  });
}

/** Changes the signed-in user's own password; other sessions of the user are ended. */
export async function changePassword(ctx: Ctx, input: { current: string; next: string; sessionId: string | null }): Promise<void> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'supervisor', 'admin');
  const [u] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!u) throw notFound('账号');
  if (!(await verifyPassword(u.passwordHash, input.current))) throw new AppError('bad_credentials', 400, '当前密码不正确。');
  const problem = passwordProblem(input.next, u.username);
  if (problem) throw invalid(problem);
  if (input.next === input.current) throw invalid('新密码不能与当前密码相同。');
  const passwordHash = await hashPassword(input.next);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, u.id));
    await tx.delete(sessions).where(and(eq(sessions.userId, u.id), sql`${sessions.id} <> ${input.sessionId ?? ''}`));
    await recordAudit(tx, auditActor(actor), { action: 'account.password_changed', targetType: 'user', targetId: u.id });
  });
}

export type UserRow = { id: number; username: string; displayName: string; agencyId: number; disabled: boolean; lockedUntil: Date | null; roles: RoleGrant[] };

/** Accounts visible to an administrator. */
export async function listUsers(ctx: Ctx): Promise<UserRow[]> {
  requireRole(ctx.actor, 'admin');
  const rows = await ctx.db.select().from(users).orderBy(asc(users.agencyId), asc(users.username));
  const grants = await ctx.db.select().from(userRoles);
  return rows.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    agencyId: u.agencyId,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil,
    roles: grants.filter((g) => g.userId === u.id).map((g) => ({ role: g.role, domainId: g.domainId })),
  }));
}

export type NewUser = { username: string; displayName: string; agencyId: number; password: string; roles: { role: Role; domainId: number | null }[] };

/** Creates a staff account; it must change its password at first sign-in. */
export async function createUser(ctx: Ctx, input: NewUser): Promise<number> {
  const actor = requireRole(ctx.actor, 'admin');
  if (!/^[a-zA-Z0-9_.-]{3,40}$/.test(input.username)) throw invalid('用户名须为 3–40 位字母、数字、点、下划线或连字符。');
  const problem = passwordProblem(input.password, input.username);
  if (problem) throw invalid(problem);
  if (input.roles.length === 0) throw invalid('请至少选择一个角色。');
  await getAgency(ctx.db, input.agencyId);
  const exists = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (exists.length) throw new AppError('username_taken', 409, '该用户名已被使用。');
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(users).values({ username: input.username, displayName: input.displayName, agencyId: input.agencyId, passwordHash, mustChangePassword: true }).returning({ id: users.id });
    const id = row!.id;
    await tx.insert(userRoles).values(input.roles.map((r) => ({ userId: id, role: r.role, domainId: r.role === 'supervisor' ? r.domainId : null })));
    await recordAudit(tx, auditActor(actor), { action: 'account.created', targetType: 'user', targetId: id, after: { username: input.username, displayName: input.displayName, agencyId: input.agencyId, roles: input.roles } });
    return id;
  });
}

/** Inserts an account without a signed-in actor: only for seeding and first set-up. */
export async function seedUser(db: Db, input: NewUser & { mustChangePassword: boolean }): Promise<number> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(users).values({ username: input.username, displayName: input.displayName, agencyId: input.agencyId, passwordHash, mustChangePassword: input.mustChangePassword }).returning({ id: users.id });
    const id = row!.id;
    await tx.insert(userRoles).values(input.roles.map((r) => ({ userId: id, role: r.role, domainId: r.domainId })));
    await recordAudit(tx, { userId: null, name: '系统初始化', agencyId: null }, { action: 'account.seeded', targetType: 'user', targetId: id, after: { username: input.username, roles: input.roles } });
    return id;
  });
}
