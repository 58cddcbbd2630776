import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import type { Actor, Role, RoleGrant } from '../../core/auth/actor.js';
import { requireRole } from '../../core/auth/actor.js';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from '../../core/auth/password.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import { sessions, userRoles, users } from '../../core/auth/schema.js';
import { agencies } from '../../core/org/schema.js';
import { agencyInGovernment, agencyInReach, inOwnGovernment, inReach, placementOf } from '../../core/org/scope.js';
import { getAgency } from '../org/service.js';
import { listDomains } from '../catalog/queries.js';
import { signInAlerts } from './schema.js';
import { blockedFor, countFailure, isKnownAddress, listKnownAddresses, rememberSuccess, throttleKeys } from './throttle.js';

export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

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
    actor: { userId: u.id, username: u.username, name: u.displayName, agencyId: u.agencyId, placement: await placementOf(db, u.agencyId), roles: await loadRoles(db, u.id), mustChangePassword: u.mustChangePassword },
  };
}

export type LoginResult =
  | { ok: true; token: string; actor: Actor }
  | { ok: false; code: 'bad_credentials'; message: string }
  | { ok: false; code: 'throttled'; message: string; retryAfter: number };

const BAD_CREDENTIALS = { ok: false as const, code: 'bad_credentials' as const, message: '用户名或密码不正确。' };
const throttled = (seconds: number): LoginResult => ({
  ok: false,
  code: 'throttled',
  retryAfter: seconds,
  message: `登录尝试过于频繁，请 ${seconds >= 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`}后再试。如果不是您本人在尝试，请联系系统管理员。`,
});

/**
 * Checks a username and password from a client address (see throttle.ts). Every answer is the
 * same whether the account exists, is disabled or is throttled: unknown accounts are verified
 * against a dummy hash and counted like real ones. A throttled attempt is answered without
 * looking at the password — except from an address the person has signed in from before, where
 * the right password always gets in. Failures against a real account that start a throttle
 * raise an alert for the holder and the administrators.
 */
export async function login(db: Db, input: { username: string; password: string; address: string }): Promise<LoginResult> {
  const username = input.username.trim().slice(0, 100);
  const address = input.address.slice(0, 100);
  const keys = throttleKeys(username, address);
  const [found] = await db.select().from(users).where(eq(users.username, username));
  const u = found && !found.disabled ? found : null;
  const known = u ? await isKnownAddress(db, u.id, address) : false;
  if (!known) {
    const wait = await blockedFor(db, keys);
    if (wait > 0) return throttled(wait);
  }
  if (!u || !(await verifyPassword(u ? u.passwordHash : await dummyHash(), input.password))) {
    const counted = await db.transaction(async (tx) => {
      const counted = await countFailure(tx, keys);
      if (u) await noteFailure(tx, u, address, counted);
      return counted;
    });
    const wait = Math.max(...counted.map((c) => c.wait));
    return wait > 0 && !known ? throttled(wait) : BAD_CREDENTIALS;
  }
  const token = randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await rememberSuccess(tx, u.id, keys, address);
    await tx.insert(sessions).values({ id: tokenId(token), userId: u.id, csrfSecret: randomBytes(16).toString('hex'), expiresAt: new Date(Date.now() + SESSION_TTL_MS) });
    await tx.delete(sessions).where(lt(sessions.expiresAt, new Date()));
    await recordAudit(tx, { userId: u.id, name: u.displayName, agencyId: u.agencyId }, { action: 'account.login', targetType: 'user', targetId: u.id });
  });
  const actor: Actor = { userId: u.id, username: u.username, name: u.displayName, agencyId: u.agencyId, placement: await placementOf(db, u.agencyId), roles: await loadRoles(db, u.id), mustChangePassword: u.mustChangePassword };
  return { ok: true, token, actor };
}

type UserRecord = typeof users.$inferSelect;

/**
 * A wrong password for a real account: audited, and added to the account's open alert; when this
 * failure started holding the account back and no alert is open, a new alert is raised.
 */
async function noteFailure(tx: Exec, u: UserRecord, address: string, counted: Awaited<ReturnType<typeof countFailure>>): Promise<void> {
  const mine = counted.filter((c) => c.scope !== 'address');
  const who = { userId: u.id, name: u.displayName, agencyId: u.agencyId };
  await recordAudit(tx, who, { action: 'account.login_failed', targetType: 'user', targetId: u.id });
  const now = new Date();
  const open = await tx
    .update(signInAlerts)
    .set({ failures: sql`${signInAlerts.failures} + 1`, lastAt: now, lastAddress: address })
    .where(and(eq(signInAlerts.userId, u.id), isNull(signInAlerts.holderSeenAt), isNull(signInAlerts.adminSeenAt)))
    .returning({ id: signInAlerts.id });
  if (open.length || !mine.some((c) => c.started)) return;
  const failures = Math.max(...mine.map((c) => c.failures));
  const [alert] = await tx.insert(signInAlerts).values({ userId: u.id, firstAt: now, lastAt: now, failures, lastAddress: address }).returning({ id: signInAlerts.id });
  await recordAudit(tx, who, { action: 'account.sign_in_alert', targetType: 'user', targetId: u.id, after: { alertId: alert!.id } });
}

export async function logout(ctx: Ctx, sessionId: string | null): Promise<void> {
  if (!ctx.actor || !sessionId) return;
  const actor = ctx.actor;
  await ctx.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, sessionId));
    await recordAudit(tx, auditActor(actor), { action: 'account.logout', targetType: 'user', targetId: actor.userId });
  });
}

/** Field errors found in one pass, thrown together: { fields: { name: message } } in the details. */
function throwIfAny(errors: Record<string, string>): void {
  const messages = Object.values(errors);
  if (messages.length) throw invalid(messages.join('；'), { fields: errors });
}

/** Changes the signed-in user's own password; other sessions of the user are ended. */
export async function changePassword(ctx: Ctx, input: { current: string; next: string; sessionId: string | null }): Promise<void> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'supervisor', 'admin');
  const [u] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!u) throw notFound('账号');
  const errors: Record<string, string> = {};
  if (!(await verifyPassword(u.passwordHash, input.current))) errors.current = '当前密码不正确。';
  const problem = input.next === input.current ? '新密码不能与当前密码相同。' : passwordProblem(input.next, { username: u.username, displayName: u.displayName });
  if (problem) errors.next = problem;
  throwIfAny(errors);
  const passwordHash = await hashPassword(input.next);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, u.id));
    await tx.delete(sessions).where(and(eq(sessions.userId, u.id), sql`${sessions.id} <> ${input.sessionId ?? ''}`));
    await recordAudit(tx, auditActor(actor), { action: 'account.password_changed', targetType: 'user', targetId: u.id });
  });
}

/** An account as listed; `manageable` when its agency belongs to the administrator's own government. */
export type UserRow = { id: number; username: string; displayName: string; agencyId: number; disabled: boolean; roles: RoleGrant[]; manageable: boolean };

/**
 * Accounts visible to an administrator: those of agencies within their reach (filtered in the
 * query). A city's administrator sees its counties' accounts, read-only (`manageable` is false);
 * nobody sees a sibling county's.
 */
export async function listUsers(ctx: Ctx): Promise<UserRow[]> {
  const actor = requireRole(ctx.actor, 'admin');
  const rows = await ctx.db
    .select({ u: users, place: { id: agencies.id, path: agencies.path, govId: agencies.govId } })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(agencyInReach(users.agencyId, actor))
    .orderBy(asc(users.agencyId), asc(users.username));
  const ids = rows.map((r) => r.u.id);
  const grants = ids.length ? await ctx.db.select().from(userRoles).where(inArray(userRoles.userId, ids)) : [];
  return rows.map(({ u, place }) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    agencyId: u.agencyId,
    disabled: u.disabled,
    roles: grants.filter((g) => g.userId === u.id).map((g) => ({ role: g.role, domainId: g.domainId })),
    manageable: inOwnGovernment(actor, place),
  }));
}

/**
 * The agencies an administrator may give an account to: those of their own government, and the
 * governments directly below it (for their first administrator only: see createUser).
 */
export async function assignableAgencies(ctx: Ctx): Promise<{ id: number; name: string; lowerGovernment: boolean }[]> {
  const actor = requireRole(ctx.actor, 'admin');
  const rows = await ctx.db
    .select({ id: agencies.id, name: agencies.name, govId: agencies.govId, upperGovId: agencies.upperGovId })
    .from(agencies)
    .where(or(agencyInGovernment(agencies.id, actor), and(eq(agencies.upperGovId, actor.placement.govId), sql`${agencies.govId} = ${agencies.id}`)))
    .orderBy(asc(agencies.sort), asc(agencies.id));
  return rows.map((r) => ({ id: r.id, name: r.govId !== actor.placement.govId ? `${r.name}（下级政府，仅可创建其系统管理员）` : r.name, lowerGovernment: r.govId !== actor.placement.govId }));
}

/** A government directly below the administrator's (a county, for the city's): it may be given its first administrator. */
const isLowerGovernment = (actor: Actor, a: { id: number; govId: number | null; upperGovId: number | null }) => a.govId === a.id && a.upperGovId === actor.placement.govId;

export type NewUser = { username: string; displayName: string; agencyId: number; password: string; roles: { role: Role; domainId: number | null }[] };
/** What an administrator fills in: roles, and for 领域指导单位 the domains it supervises. */
export type NewAccount = { username: string; displayName: string; agencyId: number; password: string; roles: Role[]; domainIds: number[] };

/**
 * Creates a staff account; it must change its password at first sign-in. Every field is checked
 * in one pass. A supervisor role needs at least one of the catalog's domains, and only those.
 * The account's agency must belong to the administrator's own government: an agency beyond their
 * reach (a sibling county's, the city's) is as unknown as one that does not exist, and a lower
 * government's (a county's, for the city's administrator) is that government's to staff.
 */
export async function createUser(ctx: Ctx, input: NewAccount): Promise<number> {
  const actor = requireRole(ctx.actor, 'admin');
  const errors: Record<string, string> = {};
  if (!/^[a-zA-Z0-9_.-]{3,40}$/.test(input.username)) errors.username = '用户名须为 3–40 位字母、数字、点、下划线或连字符。';
  else if ((await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, input.username))).length) errors.username = '该用户名已被使用。';
  const agency = await getAgency(ctx.db, input.agencyId).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) return null;
    throw e;
  });
  if (!agency || !inReach(actor, agency)) errors.agencyId = '所属机构不存在。';
  else if (!inOwnGovernment(actor, agency)) {
    // A county newly placed under the city needs someone to staff it: the city's administrator
    // may create its administrator (only that role); everything else is the county's own.
    const bootstrap = isLowerGovernment(actor, agency) && input.roles.length === 1 && input.roles[0] === 'admin';
    if (!bootstrap) errors.agencyId = isLowerGovernment(actor, agency) ? '下级政府只能由本级创建其系统管理员账号（仅“系统管理员”角色）；其余账号由其系统管理员管理。' : '只能为本级政府及其所属机构创建账号；下级政府的账号由其系统管理员管理。';
  }
  if (input.roles.length === 0) errors.roles = '请至少选择一个角色。';
  const supervises = input.roles.includes('supervisor');
  if (supervises) {
    const domains = new Set((await listDomains(ctx.db)).map((d) => d.id));
    if (input.domainIds.length === 0) errors.domains = '领域指导单位须至少选择一个指导的领域。';
    else if (input.domainIds.some((d) => !domains.has(d))) errors.domains = '所选的指导领域不存在，请从列表中选择。';
  } else if (input.domainIds.length) errors.domains = '只有领域指导单位需要选择指导的领域。';
  const problem = passwordProblem(input.password, { username: input.username, displayName: input.displayName });
  if (problem) errors.password = problem;
  if (errors.username === '该用户名已被使用。' && Object.keys(errors).length === 1) throw new AppError('username_taken', 409, errors.username, { fields: errors });
  throwIfAny(errors);
  const grants = input.roles.flatMap((role): RoleGrant[] => (role === 'supervisor' ? [...new Set(input.domainIds)].map((domainId) => ({ role, domainId })) : [{ role, domainId: null }]));
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(users).values({ username: input.username, displayName: input.displayName, agencyId: input.agencyId, passwordHash, mustChangePassword: true }).returning({ id: users.id });
    const id = row!.id;
    await tx.insert(userRoles).values(grants.map((g) => ({ userId: id, ...g })));
    await recordAudit(tx, auditActor(actor), { action: 'account.created', targetType: 'user', targetId: id, after: { username: input.username, displayName: input.displayName, agencyId: input.agencyId, roles: grants } });
    return id;
  });
}

export type SignInAlert = { id: number; userId: number; username: string; displayName: string; firstAt: Date; lastAt: Date; failures: number; lastAddress: string; holderSeenAt: Date | null; adminSeenAt: Date | null };

const alertColumns = {
  id: signInAlerts.id, userId: signInAlerts.userId, username: users.username, displayName: users.displayName, firstAt: signInAlerts.firstAt, lastAt: signInAlerts.lastAt,
  failures: signInAlerts.failures, lastAddress: signInAlerts.lastAddress, holderSeenAt: signInAlerts.holderSeenAt, adminSeenAt: signInAlerts.adminSeenAt,
};

/** The signed-in person's own sign-in alerts (most recent first) and the addresses they sign in from. */
export async function mySignInSecurity(ctx: Ctx): Promise<{ alerts: SignInAlert[]; addresses: { address: string; firstSeenAt: Date; lastSeenAt: Date }[] }> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'supervisor', 'admin');
  const alerts = await ctx.db.select(alertColumns).from(signInAlerts).innerJoin(users, eq(users.id, signInAlerts.userId)).where(eq(signInAlerts.userId, actor.userId)).orderBy(desc(signInAlerts.lastAt)).limit(20);
  return { alerts, addresses: await listKnownAddresses(ctx.db, actor.userId) };
}

/** Alerts not yet seen by any administrator, for the administrators of the account's own government (who deal with them). */
export async function openSignInAlerts(ctx: Ctx): Promise<SignInAlert[]> {
  const actor = requireRole(ctx.actor, 'admin');
  return ctx.db
    .select(alertColumns)
    .from(signInAlerts)
    .innerJoin(users, eq(users.id, signInAlerts.userId))
    .where(and(isNull(signInAlerts.adminSeenAt), agencyInGovernment(users.agencyId, actor)))
    .orderBy(desc(signInAlerts.lastAt));
}

/** The holder has read their alerts (all of them at once). */
export async function markMyAlertsSeen(ctx: Ctx): Promise<void> {
  const actor = requireRole(ctx.actor, 'editor', 'reviewer', 'office', 'supervisor', 'admin');
  await ctx.db.update(signInAlerts).set({ holderSeenAt: new Date() }).where(and(eq(signInAlerts.userId, actor.userId), isNull(signInAlerts.holderSeenAt)));
}

/** An administrator has dealt with one alert (of an account of their own government; any other is not found). */
export async function markAlertHandled(ctx: Ctx, id: number): Promise<void> {
  const actor = requireRole(ctx.actor, 'admin');
  const ownGovernmentsAccount = inArray(signInAlerts.userId, ctx.db.select({ id: users.id }).from(users).where(agencyInGovernment(users.agencyId, actor)));
  await ctx.db.transaction(async (tx) => {
    const done = await tx
      .update(signInAlerts)
      .set({ adminSeenAt: new Date() })
      .where(and(eq(signInAlerts.id, id), isNull(signInAlerts.adminSeenAt), ownGovernmentsAccount))
      .returning({ userId: signInAlerts.userId });
    if (!done.length) throw notFound('登录异常提醒');
    await recordAudit(tx, auditActor(actor), { action: 'account.sign_in_alert_handled', targetType: 'user', targetId: done[0]!.userId, after: { alertId: id } });
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
