import { auditActionLabel, auditTargetLabel } from '../../core/audit/labels.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type SafeHtml } from '../../core/render/jsx.js';
import { ROLE_LABELS, type Role } from '../../core/auth/actor.js';
import { AppError } from '../../core/errors.js';
import { listAuditEvents } from '../../core/audit/service.js';
import type { AppDeps } from '../../core/module.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { describedBy, ErrorBox, Field, Notice, PostForm, TableScroll, formatDateTime } from '../../web/components.js';
import { field, fields, formBody, idField, idParam, safeBack } from '../../web/form.js';
import { routeIsUnder } from '../../web/path.js';
import type { PageCtx } from '../../web/context.js';
import { assignableAgencies, changePassword, createUser, listUsers, login, logout, markAlertHandled, markMyAlertsSeen, mySignInSecurity, openSignInAlerts, SESSION_TTL_MS, type SignInAlert } from './service.js';
import { listAgencies } from '../org/service.js';
import { listDomains } from '../catalog/queries.js';
import { ROLES } from '../../core/auth/schema.js';

type FieldErrors = Record<string, string>;
const fieldErrors = (e: AppError): FieldErrors => ((e.details as { fields?: FieldErrors } | undefined)?.fields ?? {});

function LoginPage({ ctx, next, error, username, errors = {} }: { ctx: PageCtx; next: string; error?: string; username?: string; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title="工作人员登录">
      <h1>工作人员登录</h1>
      <ErrorBox errors={error ? [error] : Object.values(errors)} />
      <PostForm ctx={ctx} action="/login" className="stack narrow">
        <input type="hidden" name="next" value={next} />
        <Field id="username" label="用户名" required error={errors.username}>
          <input id="username" name="username" autocomplete="username" required maxlength="100" value={username ?? ''} aria-describedby={describedBy('username', { error: errors.username })} />
        </Field>
        <Field id="password" label="密码" required error={errors.password}>
          <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200" aria-describedby={describedBy('password', { error: errors.password })} />
        </Field>
        <button type="submit">登录</button>
      </PostForm>
    </Layout>
  );
}

const PASSWORD_HINT = '至少 10 个字符，且不易被猜中：常用密码、键盘顺序、连续数字、年份、用户名或姓名都会被拒绝。建议用几个不相关的词加数字和符号。';

function PasswordPage({ ctx, errors = {}, forced }: { ctx: PageCtx; errors?: FieldErrors; forced: boolean }) {
  return (
    <Layout ctx={ctx} title="修改密码" admin>
      <h1>修改密码</h1>
      {forced ? <Notice text="首次登录或密码由管理员设置，请先修改密码后再继续使用。" /> : null}
      <ErrorBox errors={Object.values(errors)} />
      <PostForm ctx={ctx} action="/admin/password" className="stack narrow">
        <Field id="current" label="当前密码" required error={errors.current}>
          <input id="current" name="current" type="password" autocomplete="current-password" required maxlength="200" aria-describedby={describedBy('current', { error: errors.current })} />
        </Field>
        <Field id="next" label="新密码" required hint={PASSWORD_HINT} error={errors.next}>
          <input id="next" name="next" type="password" autocomplete="new-password" required minlength="10" maxlength="200" aria-describedby={describedBy('next', { hint: PASSWORD_HINT, error: errors.next })} />
        </Field>
        <button type="submit">保存新密码</button>
      </PostForm>
    </Layout>
  );
}

function SecurityPage({ ctx, alerts, addresses }: { ctx: PageCtx; alerts: SignInAlert[]; addresses: { address: string; firstSeenAt: Date; lastSeenAt: Date }[] }) {
  const unseen = alerts.filter((a) => !a.holderSeenAt);
  return (
    <Layout ctx={ctx} title="登录安全" admin>
      <h1>登录安全</h1>
      <p>连续输错密码时，系统只让输错的一方等待（等待时间逐次加倍，最长 15 分钟），不会锁定您的账号：从您以前成功登录过的地址，输入正确的密码总能登录。</p>
      <h2>多次密码错误的登录尝试</h2>
      {alerts.length === 0 ? <p>近期没有多次密码错误的登录尝试。</p> : (
        <TableScroll label="多次密码错误的登录尝试">
          <table class="data">
            <thead><tr><th scope="col">开始时间</th><th scope="col">最近一次</th><th scope="col">次数</th><th scope="col">最近来自</th><th scope="col">状态</th></tr></thead>
            <tbody>{alerts.map((a) => <tr><td>{formatDateTime(a.firstAt)}</td><td>{formatDateTime(a.lastAt)}</td><td>{a.failures}</td><td>{a.lastAddress}</td><td>{a.holderSeenAt ? '已读' : '未读'}</td></tr>)}</tbody>
          </table>
        </TableScroll>
      )}
      {unseen.length ? (
        <PostForm ctx={ctx} action="/admin/security/seen">
          <p class="hint">如果这些尝试不是您本人，请修改密码并告知系统管理员。</p>
          <button type="submit">我知道了</button>
        </PostForm>
      ) : null}
      <h2>常用登录地址</h2>
      <p class="hint">您以前成功登录过的地址（最近 20 个）。从这些地址登录不受限制。</p>
      <ul>{addresses.map((a) => <li>{a.address}（首次 {formatDateTime(a.firstSeenAt)}，最近 {formatDateTime(a.lastSeenAt)}）</li>)}</ul>
    </Layout>
  );
}

const USERNAME_HINT = '3–40 位字母、数字、点、下划线或连字符';
const NAME_HINT = '不填则与用户名相同';

type AccountForm = { username?: string; displayName?: string; agencyId?: string; roles?: string[]; domains?: string[] };

function NewAccountForm({ ctx, agencies, domains, values, errors }: { ctx: PageCtx; agencies: { id: number; name: string }[]; domains: { id: number; name: string }[]; values: AccountForm; errors: FieldErrors }) {
  const d = (id: string, name: string, hint?: string) => describedBy(id, { hint, error: errors[name] });
  const group = (id: string, legend: string, name: string, body: SafeHtml) => (
    <fieldset class="inner" aria-describedby={errors[name] ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {errors[name] ? <p class="field-error" id={`${id}-error`}>{errors[name]}</p> : null}
      {body}
    </fieldset>
  );
  return (
    <PostForm ctx={ctx} action="/admin/users" className="stack narrow">
      <Field id="nu-username" label="用户名" required hint={USERNAME_HINT} error={errors.username}>
        <input id="nu-username" name="username" required maxlength="40" pattern="[A-Za-z0-9_.\-]{3,40}" value={values.username ?? ''} autocomplete="off" aria-describedby={d('nu-username', 'username', USERNAME_HINT)} />
      </Field>
      <Field id="nu-name" label="姓名" hint={NAME_HINT} error={errors.displayName}>
        <input id="nu-name" name="displayName" maxlength="100" value={values.displayName ?? ''} aria-describedby={d('nu-name', 'displayName', NAME_HINT)} />
      </Field>
      <Field id="nu-agency" label="所属机构" required error={errors.agencyId}>
        <select id="nu-agency" name="agencyId" aria-describedby={d('nu-agency', 'agencyId')}>{agencies.map((a) => <option value={a.id} selected={values.agencyId === String(a.id)}>{a.name}</option>)}</select>
      </Field>
      {group('nu-roles', '角色', 'roles', <div class="checks">{ROLES.map((r) => <label class="check"><input type="checkbox" name="roles" value={r} checked={values.roles?.includes(r)} /> {ROLE_LABELS[r]}</label>)}</div>)}
      {group('nu-domains', '指导的领域（仅领域指导单位）', 'domains', <div class="checks">{domains.map((x) => <label class="check"><input type="checkbox" name="domains" value={x.id} checked={values.domains?.includes(String(x.id))} /> {x.name}</label>)}</div>)}
      <Field id="nu-password" label="初始密码" required hint={PASSWORD_HINT} error={errors.password}>
        <input id="nu-password" name="password" type="password" autocomplete="new-password" required minlength="10" maxlength="200" aria-describedby={d('nu-password', 'password', PASSWORD_HINT)} />
      </Field>
      <button type="submit">创建账号</button>
    </PostForm>
  );
}

export function registerAccountRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const ctxOf = (req: FastifyRequest) => ({ db, actor: req.actor });

  // Staff pages need a signed-in user, and outside demo mode a changed seeded password.
  app.addHook('preHandler', async (req, reply) => {
    if (!routeIsUnder(req, '/admin')) return; // the decoded path: '/%61dmin' is '/admin' to the router
    if (!req.actor) return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`);
    if (req.actor.mustChangePassword && !config.demoMode && !routeIsUnder(req, '/admin/password')) return reply.redirect('/admin/password');
  });

  app.get('/login', async (req, reply) => {
    const q = req.query as { next?: string };
    return reply.page((ctx) => <LoginPage ctx={ctx} next={safeBack(q.next, '/admin')} />);
  });

  // A new session gets a new CSRF secret: the old cookie goes, the next page sets a fresh one, and
  // every token is bound to the session it was made for (see the csrf registration in http/server.ts).
  const renewCsrf = (reply: FastifyReply) => reply.clearCookie(CSRF_COOKIE, { path: '/' });

  app.post('/login', { config: { rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } } }, async (req, reply) => {
    const b = formBody(req);
    const username = field(b, 'username', 100);
    const password = field(b, 'password', 200);
    const next = safeBack(field(b, 'next', 500), '/admin');
    const missing: FieldErrors = {};
    if (!username.trim()) missing.username = '请输入用户名。';
    if (!password) missing.password = '请输入密码。';
    if (Object.keys(missing).length) {
      reply.status(400);
      return reply.page((ctx) => <LoginPage ctx={ctx} next={next} errors={missing} username={username} />);
    }
    const result = await login(db, { username, password, address: req.ip });
    if (!result.ok) {
      reply.status(result.code === 'throttled' ? 429 : 401);
      if (result.code === 'throttled') reply.header('retry-after', String(result.retryAfter));
      return reply.page((ctx) => <LoginPage ctx={ctx} next={next} error={result.message} username={username} />);
    }
    renewCsrf(reply);
    reply.setCookie(SESSION_COOKIE, result.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.production, maxAge: SESSION_TTL_MS / 1000 });
    return reply.redirect(result.actor.mustChangePassword && !config.demoMode ? '/admin/password' : next, 303);
  });

  app.post('/logout', async (req, reply) => {
    await logout(ctxOf(req), req.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    renewCsrf(reply);
    return reply.redirect('/', 303);
  });

  /** Runs a form's action; a refusal the person can fix re-renders the form with its field errors. */
  async function attempt(reply: FastifyReply, run: () => Promise<unknown>, again: (e: AppError) => unknown): Promise<boolean> {
    try {
      await run();
      return true;
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.code === 'forbidden' || e.code === 'unauthenticated') throw e;
      reply.status(e.status);
      await again(e);
      return false;
    }
  }

  app.get('/admin/password', async (req, reply) => reply.page((ctx) => <PasswordPage ctx={ctx} forced={!!req.actor?.mustChangePassword} />));
  app.post('/admin/password', async (req, reply) => {
    const b = formBody(req);
    const input = { current: field(b, 'current', 200), next: field(b, 'next', 200), sessionId: req.sessionId };
    const ok = await attempt(reply, () => changePassword(ctxOf(req), input), (e) => reply.page((ctx) => <PasswordPage ctx={ctx} forced={!!req.actor?.mustChangePassword} errors={fieldErrors(e)} />));
    return ok ? reply.redirect('/admin?notice=password', 303) : reply;
  });

  app.get('/admin/security', async (req, reply) => {
    const { alerts, addresses } = await mySignInSecurity(ctxOf(req));
    return reply.page((ctx) => <SecurityPage ctx={ctx} alerts={alerts} addresses={addresses} />);
  });
  app.post('/admin/security/seen', async (req, reply) => {
    await markMyAlertsSeen(ctxOf(req));
    return reply.redirect('/admin/security', 303);
  });

  app.get('/admin/users', async (req, reply) => renderUsers(req, reply, {}, {}));
  app.post('/admin/users', async (req, reply) => {
    const b = formBody(req);
    const values: AccountForm = { username: field(b, 'username', 40).trim(), displayName: field(b, 'displayName', 100).trim(), agencyId: field(b, 'agencyId', 12), roles: fields(b, 'roles'), domains: fields(b, 'domains') };
    const input = {
      username: values.username!,
      displayName: values.displayName || values.username!,
      agencyId: idField(values.agencyId, '所属机构'),
      password: field(b, 'password', 200),
      roles: values.roles!.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
      // Anything that is not a domain's id is refused by the service, not dropped here.
      domainIds: values.domains!.map((d) => (/^\d{1,9}$/.test(d) ? Number(d) : -1)),
    };
    const ok = await attempt(reply, () => createUser(ctxOf(req), input), (e) => renderUsers(req, reply, values, fieldErrors(e)));
    return ok ? reply.redirect('/admin/users?notice=created', 303) : reply;
  });
  app.post('/admin/users/alerts/:id/handled', async (req, reply) => {
    await markAlertHandled(ctxOf(req), idParam((req.params as { id: string }).id));
    return reply.redirect('/admin/users#sign-in-alerts', 303);
  });

  async function renderUsers(req: FastifyRequest, reply: FastifyReply, values: AccountForm, errors: FieldErrors) {
    const users = await listUsers(ctxOf(req));
    const alerts = await openSignInAlerts(ctxOf(req));
    // Every agency's name for the list (the tree is public); the form offers the own government's only.
    const agencies = await listAgencies(db);
    const assignable = await assignableAgencies(ctxOf(req));
    const domains = await listDomains(db);
    const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
    // A city's list holds every county's staff, whose agencies often share a name (县民政局): the government says which.
    const agencyGov = new Map(agencies.map((a) => [a.id, a.govId]));
    const ownGov = req.actor?.placement.govId;
    const otherGovernment = (agencyId: number): string | null => {
      const gov = agencyGov.get(agencyId);
      return gov != null && gov !== ownGov && gov !== agencyId ? (agencyName.get(gov) ?? null) : null;
    };
    const domainName = new Map(domains.map((d) => [d.id, d.name]));
    const notice = (req.query as { notice?: string }).notice === 'created' ? '账号已创建，用户首次登录时须修改密码。' : null;
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="账号管理" admin>
        <h1>账号管理</h1>
        <Notice text={notice} />
        <h2 id="sign-in-alerts">登录异常提醒</h2>
        {alerts.length === 0 ? <p>没有待处理的登录异常。</p> : (
          <TableScroll label="登录异常提醒">
            <table class="data">
              <thead><tr><th scope="col">账号</th><th scope="col">开始时间</th><th scope="col">最近一次</th><th scope="col">密码错误次数</th><th scope="col">最近来自</th><th scope="col">处理</th></tr></thead>
              <tbody>
                {alerts.map((a) => (
                  <tr>
                    <td>{a.displayName}（{a.username}）</td><td>{formatDateTime(a.firstAt)}</td><td>{formatDateTime(a.lastAt)}</td><td>{a.failures}</td><td>{a.lastAddress}</td>
                    <td><PostForm ctx={ctx} action={`/admin/users/alerts/${a.id}/handled`}><button type="submit" class="secondary">已处理</button></PostForm></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <TableScroll label="工作人员账号">
          <table class="data">
            <caption>工作人员账号（{users.length}）</caption>
            <thead><tr><th scope="col">用户名</th><th scope="col">姓名</th><th scope="col">所属机构</th><th scope="col">角色</th><th scope="col">状态</th></tr></thead>
            <tbody>
              {users.map((u) => (
                <tr>
                  <td>{u.username}</td>
                  <td>{u.displayName}</td>
                  <td>{agencyName.get(u.agencyId)}{otherGovernment(u.agencyId) ? <span class="muted">（{otherGovernment(u.agencyId)}）</span> : null}</td>
                  <td>{u.roles.map((r) => ROLE_LABELS[r.role] + (r.domainId ? `（${domainName.get(r.domainId) ?? '未知领域'}）` : '')).join('、')}</td>
                  <td>{u.disabled ? '已停用' : '正常'}{u.manageable ? null : <span class="muted">（由下级政府管理）</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <h2>新建账号</h2>
        <ErrorBox errors={Object.values(errors)} />
        <NewAccountForm ctx={ctx} agencies={assignable} domains={domains} values={values} errors={errors} />
      </Layout>
    ));
  }

  app.get('/admin/audit', async (req, reply) => {
    const events = await listAuditEvents(ctxOf(req));
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="审计日志" admin>
        <h1>审计日志</h1>
        <p class="hint">每条记录都以哈希值链接上一条；运行 <code>npm run audit:verify</code> 可校验日志是否被篡改或删除。以下为最近 200 条。</p>
        <table class="data">
          <thead><tr><th scope="col">序号</th><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">对象</th></tr></thead>
          <tbody>
            {events.map((e) => (
              <tr><td>{e.seq}</td><td>{formatDateTime(e.at)}</td><td>{e.actorName}</td><td>{auditActionLabel(e.action)}</td><td>{auditTargetLabel(e.targetType)}：{e.targetName ?? `编号 ${e.targetId}`}</td></tr>
            ))}
          </tbody>
        </table>
      </Layout>
    ));
  });
}
