import { auditActionLabel, auditTargetLabel } from '../../core/audit/labels.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../core/render/jsx.js';
import { ROLE_LABELS, type Role } from '../../core/auth/actor.js';
import { AppError } from '../../core/errors.js';
import { listAuditEvents } from '../../core/audit/service.js';
import type { AppDeps } from '../../core/module.js';
import { SESSION_COOKIE } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { ErrorBox, Notice, PostForm, formatDateTime } from '../../web/components.js';
import { field, fields, formBody, idField, safeBack } from '../../web/form.js';
import type { PageCtx } from '../../web/context.js';
import { changePassword, createUser, listUsers, login, logout, SESSION_TTL_MS } from './service.js';
import { listAgencies } from '../org/service.js';
import { listDomains } from '../catalog/queries.js';
import { ROLES } from '../../core/auth/schema.js';

function LoginPage({ ctx, next, error, username }: { ctx: PageCtx; next: string; error?: string; username?: string }) {
  return (
    <Layout ctx={ctx} title="工作人员登录">
      <h1>工作人员登录</h1>
      <ErrorBox errors={error ? [error] : []} />
      <PostForm ctx={ctx} action="/login" className="stack narrow">
        <input type="hidden" name="next" value={next} />
        <label for="username">用户名</label>
        <input id="username" name="username" autocomplete="username" required maxlength="100" value={username ?? ''} />
        <label for="password">密码</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200" />
        <button type="submit">登录</button>
      </PostForm>
    </Layout>
  );
}

function PasswordPage({ ctx, error, forced }: { ctx: PageCtx; error?: string; forced: boolean }) {
  return (
    <Layout ctx={ctx} title="修改密码" admin>
      <h1>修改密码</h1>
      {forced ? <Notice text="首次登录或密码由管理员设置，请先修改密码后再继续使用。" /> : null}
      <ErrorBox errors={error ? [error] : []} />
      <PostForm ctx={ctx} action="/admin/password" className="stack narrow">
        <label for="current">当前密码</label>
        <input id="current" name="current" type="password" autocomplete="current-password" required />
        <label for="next">新密码</label>
        <input id="next" name="next" type="password" autocomplete="new-password" required minlength="10" aria-describedby="pw-help" />
        <p id="pw-help" class="hint">至少 10 个字符，包含大写字母、小写字母、数字、符号中的至少三类。</p>
        <button type="submit">保存新密码</button>
      </PostForm>
    </Layout>
  );
}

export function registerAccountRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const ctxOf = (req: FastifyRequest) => ({ db, actor: req.actor });

  // Staff pages need a signed-in user, and outside demo mode a changed seeded password.
  app.addHook('preHandler', async (req, reply) => {
    if (!req.url.startsWith('/admin')) return;
    if (!req.actor) return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`);
    if (req.actor.mustChangePassword && !config.demoMode && !req.url.startsWith('/admin/password')) return reply.redirect('/admin/password');
  });

  app.get('/login', async (req, reply) => {
    const q = req.query as { next?: string };
    return reply.page((ctx) => <LoginPage ctx={ctx} next={safeBack(q.next, '/admin')} />);
  });

  app.post('/login', { config: { rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } } }, async (req, reply) => {
    const b = formBody(req);
    const username = field(b, 'username', 100);
    const next = safeBack(field(b, 'next', 500), '/admin');
    const result = await login(db, username, field(b, 'password', 200));
    if (!result.ok) {
      reply.status(result.code === 'locked' ? 423 : 401);
      return reply.page((ctx) => <LoginPage ctx={ctx} next={next} error={result.message} username={username} />);
    }
    reply.setCookie(SESSION_COOKIE, result.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.production, maxAge: SESSION_TTL_MS / 1000 });
    return reply.redirect(result.actor.mustChangePassword && !config.demoMode ? '/admin/password' : next, 303);
  });

  app.post('/logout', async (req, reply) => {
    await logout(ctxOf(req), req.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  app.get('/admin/password', async (req, reply) => reply.page((ctx) => <PasswordPage ctx={ctx} forced={!!req.actor?.mustChangePassword} />));
  app.post('/admin/password', async (req, reply) => {
    const b = formBody(req);
    try {
      await changePassword(ctxOf(req), { current: field(b, 'current', 200), next: field(b, 'next', 200), sessionId: req.sessionId });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      reply.status(e.status);
      return reply.page((ctx) => <PasswordPage ctx={ctx} forced={!!req.actor?.mustChangePassword} error={e.message} />);
    }
    return reply.redirect('/admin?notice=password', 303);
  });

  app.get('/admin/users', async (req, reply) => renderUsers(req, reply, []));
  app.post('/admin/users', async (req, reply) => {
    const b = formBody(req);
    const roles = fields(b, 'roles').filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    const domainIds = fields(b, 'domains').map(Number).filter((n) => Number.isInteger(n) && n > 0);
    try {
      await createUser(ctxOf(req), {
        username: field(b, 'username', 40).trim(),
        displayName: field(b, 'displayName', 100).trim() || field(b, 'username', 40).trim(),
        agencyId: idField(field(b, 'agencyId', 12), '所属机构'),
        password: field(b, 'password', 200),
        roles: roles.flatMap((r): { role: Role; domainId: number | null }[] => (r === 'supervisor' ? domainIds.map((d) => ({ role: r, domainId: d })) : [{ role: r, domainId: null }])),
      });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      reply.status(e.status);
      return renderUsers(req, reply, [e.message]);
    }
    return reply.redirect('/admin/users?notice=created', 303);
  });

  async function renderUsers(req: FastifyRequest, reply: FastifyReply, errors: string[]) {
    const users = await listUsers(ctxOf(req));
    const agencies = await listAgencies(db);
    const domains = await listDomains(db);
    const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
    const domainName = new Map(domains.map((d) => [d.id, d.name]));
    const notice = (req.query as { notice?: string }).notice === 'created' ? '账号已创建，用户首次登录时须修改密码。' : null;
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="账号管理" admin>
        <h1>账号管理</h1>
        <Notice text={notice} />
        <table class="data">
          <caption>工作人员账号（{users.length}）</caption>
          <thead><tr><th scope="col">用户名</th><th scope="col">姓名</th><th scope="col">所属机构</th><th scope="col">角色</th><th scope="col">状态</th></tr></thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{agencyName.get(u.agencyId)}</td>
                <td>{u.roles.map((r) => ROLE_LABELS[r.role] + (r.domainId ? `（${domainName.get(r.domainId)}）` : '')).join('、')}</td>
                <td>{u.disabled ? '已停用' : u.lockedUntil && u.lockedUntil > new Date() ? '已锁定' : '正常'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>新建账号</h2>
        <ErrorBox errors={errors} />
        <PostForm ctx={ctx} action="/admin/users" className="stack narrow">
          <label for="nu-username">用户名</label>
          <input id="nu-username" name="username" required maxlength="40" pattern="[A-Za-z0-9_.\-]{3,40}" />
          <label for="nu-name">姓名</label>
          <input id="nu-name" name="displayName" maxlength="100" />
          <label for="nu-agency">所属机构</label>
          <select id="nu-agency" name="agencyId">{agencies.map((a) => <option value={a.id}>{a.name}</option>)}</select>
          <fieldset>
            <legend>角色</legend>
            {ROLES.map((r) => <label class="check"><input type="checkbox" name="roles" value={r} /> {ROLE_LABELS[r]}</label>)}
          </fieldset>
          <fieldset>
            <legend>指导的领域（仅领域指导单位）</legend>
            <div class="checks">{domains.map((d) => <label class="check"><input type="checkbox" name="domains" value={d.id} /> {d.name}</label>)}</div>
          </fieldset>
          <label for="nu-password">初始密码</label>
          <input id="nu-password" name="password" type="password" autocomplete="new-password" required minlength="10" />
          <button type="submit">创建账号</button>
        </PostForm>
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
