import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type SafeHtml } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import type { AppDeps } from '../../core/module.js';
import type { PageCtx } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { describedBy, ErrorBox, Field, fieldErrorsOf, formatDate, Notice, PostForm, TableScroll } from '../../web/components.js';
import { checked, field, formBody, idParam, known } from '../../web/form.js';
import { createPoint, LIMITS, pointOwners, setPointActive, staffPoint, staffPoints, updatePoint, type PointRow } from './points.js';
import { POINT_KINDS } from './schema.js';
import { KIND_LABELS } from './labels.js';

const BASE = '/admin/offline';
const NOTICES: Record<string, string> = {
  created: '查阅点已登记，已在公开查阅点页面列出。', updated: '查阅点信息已保存。',
  deactivated: '查阅点已停用，不再在公开页面列出。', reactivated: '查阅点已恢复，重新在公开页面列出。',
};
type Problems = { list: string[]; fields: Record<string, string> };
type Values = Record<string, string>;
/** Far above the service's limits, so an oversize field gets its own message beside it. */
const FIELD_MAX = 100_000;
const TEXT_FIELDS = ['name', 'kind', 'agencyId', 'address', 'hours', 'phone', 'holdings', 'accessibility', 'submitKey'] as const;
const newKey = () => randomBytes(12).toString('base64url');

const Sub = ({ here }: { here: 'list' | 'new' | 'edit' }) => (
  <nav class="subnav" aria-label="公开查阅点"><ul>
    <li><a href={BASE} aria-current={here === 'list' ? 'page' : undefined}>查阅点列表</a></li>
    <li><a href={`${BASE}/new`} aria-current={here === 'new' ? 'page' : undefined}>登记查阅点</a></li>
    <li><a href="/chayuedian">公开页面</a></li>
  </ul></nav>
);

function ListPage({ ctx, rows, notice, errors = [] }: { ctx: PageCtx; rows: PointRow[]; notice?: string; errors?: string[] }): SafeHtml {
  return (
    <Layout ctx={ctx} title="公开查阅点" admin>
      <h1>公开查阅点</h1>
      <Sub here="list" />
      <p>本级政府及所属部门、乡镇（街道）设立的政府信息公开查阅点、政务公开专区和便民服务站。启用的查阅点在网站“政府信息公开 · 公开查阅点”页面列出地址、开放时间和电话。</p>
      <Notice text={notice} />
      <ErrorBox errors={errors} />
      {rows.length ? (
        <TableScroll label="公开查阅点">
          <table class="data">
            <caption>本级政府的查阅点（{rows.length}）</caption>
            <thead><tr><th scope="col">名称</th><th scope="col">类型</th><th scope="col">所属单位</th><th scope="col">开放时间</th><th scope="col">状态</th><th scope="col">操作</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td><a href={`${BASE}/${r.id}`}>{r.name}</a></td><td>{KIND_LABELS[r.kind]}</td><td>{r.agencyName}</td><td>{r.hours}</td>
                  <td>{r.active ? '公开' : <span class="tag">已停用</span>}</td>
                  <td>
                    <PostForm ctx={ctx} action={`${BASE}/${r.id}/${r.active ? 'deactivate' : 'reactivate'}`}>
                      <button type="submit" class="secondary">{r.active ? '停用' : '恢复'}<span class="sr-only">：{r.name}</span></button>
                    </PostForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : <p>还没有登记查阅点。<a href={`${BASE}/new`}>登记查阅点</a></p>}
    </Layout>
  );
}

function FormPage({ ctx, point, owners, values, problems = { list: [], fields: {} } }: { ctx: PageCtx; point: PointRow | null; owners: { id: number; name: string }[]; values: Values; problems?: Problems }): SafeHtml {
  const e = problems.fields;
  const title = point ? `修改查阅点：${point.name}` : '登记查阅点';
  const action = point ? `${BASE}/${point.id}` : BASE;
  const text = (id: string, name: keyof typeof LIMITS, label: string, hint: string, required = false) => (
    <Field id={id} label={label} required={required} hint={hint} error={e[name]}>
      <input id={id} name={name} maxlength={String(LIMITS[name])} required={required} value={values[name] ?? ''} aria-describedby={describedBy(id, { hint: true, error: e[name] })} />
    </Field>
  );
  const area = (id: string, name: keyof typeof LIMITS, label: string, hint: string) => (
    <Field id={id} label={label} hint={hint} error={e[name]}>
      <textarea id={id} name={name} rows="3" maxlength={String(LIMITS[name])} aria-describedby={describedBy(id, { hint: true, error: e[name] })}>{values[name] ?? ''}</textarea>
    </Field>
  );
  return (
    <Layout ctx={ctx} title={title} admin>
      <h1>{title}</h1>
      <Sub here={point ? 'edit' : 'new'} />
      {point ? <p>登记于 {formatDate(point.createdAt)}，{point.active ? '正在公开页面列出' : '已停用，不在公开页面列出'}。修改会记入审计日志。</p> : <p>登记后即在网站“公开查阅点”页面列出；带 * 的为必填项。</p>}
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={action} className="stack doc-form">
        {point ? null : <input type="hidden" name="submitKey" value={values.submitKey || newKey()} />}
        {text('pt-name', 'name', '名称', `如“县档案馆政府信息公开查阅点”，不超过 ${LIMITS.name} 字`, true)}
        <Field id="pt-kind" label="类型" required error={e.kind}>
          <select id="pt-kind" name="kind" required aria-describedby={describedBy('pt-kind', { error: e.kind })}>
            <option value="">请选择</option>
            {POINT_KINDS.map((k) => <option value={k} selected={values.kind === k}>{KIND_LABELS[k]}</option>)}
          </select>
        </Field>
        <Field id="pt-agency" label="所属单位" required hint="设立和管理该查阅点的本级政府部门或乡镇（街道）" error={e.agencyId}>
          <select id="pt-agency" name="agencyId" required aria-describedby={describedBy('pt-agency', { hint: true, error: e.agencyId })}>
            <option value="">请选择</option>
            {owners.map((o) => <option value={String(o.id)} selected={values.agencyId === String(o.id)}>{o.name}</option>)}
          </select>
        </Field>
        {text('pt-address', 'address', '地址', '公众前往的详细地址，含楼层、窗口', true)}
        {text('pt-hours', 'hours', '开放时间', '如“周一至周五 上午8:30-12:00，下午14:30-17:30（法定节假日除外）”', true)}
        <fieldset>
          <legend>周末开放</legend>
          <div class="checks">
            <label class="check"><input type="checkbox" name="openSaturday" value="yes" checked={values.openSaturday === 'yes'} /> 周六开放</label>
            <label class="check"><input type="checkbox" name="openSunday" value="yes" checked={values.openSunday === 'yes'} /> 周日开放</label>
          </div>
        </fieldset>
        {text('pt-phone', 'phone', '咨询电话', '如“0373-1234567”，可不填')}
        {area('pt-holdings', 'holdings', '可查阅内容', '如：政府公报、政策文件汇编、政府信息公开指南、依申请公开申请表')}
        {area('pt-access', 'accessibility', '无障碍设施', '如：无障碍通道、轮椅、低位服务台、老花镜；没有可不填')}
        <p class="form-actions"><button type="submit">{point ? '保存修改' : '登记'}</button> <a href={BASE}>返回列表</a></p>
      </PostForm>
    </Layout>
  );
}

const valuesOf = (p: PointRow): Values => ({
  name: p.name, kind: p.kind, agencyId: String(p.agencyId), address: p.address, hours: p.hours, phone: p.phone, holdings: p.holdings, accessibility: p.accessibility,
  openSaturday: p.openSaturday ? 'yes' : '', openSunday: p.openSunday ? 'yes' : '',
});

/** The register of 公开查阅点 for the office and the administrator (/admin/offline). */
export function registerOfflineAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const ctxOf = (req: FastifyRequest): Ctx => ({ db, actor: req.actor });
  const list = async (req: FastifyRequest, reply: FastifyReply, errors?: string[]) => {
    const rows = await staffPoints(ctxOf(req));
    reply.header('cache-control', 'private, no-store');
    const n = (req.query as { notice?: unknown }).notice;
    return reply.page((ctx) => <ListPage ctx={ctx} rows={rows} errors={errors} notice={errors ? undefined : known(NOTICES, typeof n === 'string' ? n : '')} />);
  };
  const form = async (req: FastifyRequest, reply: FastifyReply, point: PointRow | null, values: Values, problems?: Problems) => {
    const owners = await pointOwners(ctxOf(req));
    reply.header('cache-control', 'private, no-store');
    return reply.page((ctx) => <FormPage ctx={ctx} point={point} owners={owners} values={values} problems={problems} />);
  };
  /** Reads the form; an oversize field is reported beside it (the service's limits are far below FIELD_MAX). */
  const read = (req: FastifyRequest): Values => {
    const b = formBody(req);
    const v: Values = {};
    for (const k of TEXT_FIELDS) v[k] = field(b, k, FIELD_MAX);
    v.openSaturday = checked(b, 'openSaturday') ? 'yes' : '';
    v.openSunday = checked(b, 'openSunday') ? 'yes' : '';
    return v;
  };
  const save = async (req: FastifyRequest, reply: FastifyReply, id: number | null) => {
    const point = id == null ? null : await staffPoint(ctxOf(req), id);
    const v = read(req);
    const input = { ...v, openSaturday: v.openSaturday === 'yes', openSunday: v.openSunday === 'yes' };
    try {
      if (id == null) await createPoint(ctxOf(req), input);
      else await updatePoint(ctxOf(req), id, input);
      return reply.redirect(`${BASE}?notice=${id == null ? 'created' : 'updated'}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || [401, 403, 404].includes(e.status)) throw e;
      const f = fieldErrorsOf(e.details);
      reply.status(e.status);
      return form(req, reply, point, v, { list: Object.keys(f).length ? Object.values(f) : [e.message], fields: f });
    }
  };

  app.get(BASE, async (req, reply) => list(req, reply));
  app.get(`${BASE}/new`, async (req, reply) => form(req, reply, null, { kind: 'reading' }));
  app.post(BASE, async (req, reply) => save(req, reply, null));
  app.get(`${BASE}/:id`, async (req, reply) => {
    const p = await staffPoint(ctxOf(req), idParam((req.params as { id: string }).id));
    return form(req, reply, p, valuesOf(p));
  });
  app.post(`${BASE}/:id`, async (req, reply) => save(req, reply, idParam((req.params as { id: string }).id)));
  for (const [action, active] of [['deactivate', false], ['reactivate', true]] as const) {
    app.post(`${BASE}/:id/${action}`, async (req, reply) => {
      formBody(req);
      try {
        await setPointActive(ctxOf(req), idParam((req.params as { id: string }).id), active);
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 409) throw e;
        reply.status(409);
        return list(req, reply, [e.message]);
      }
      return reply.redirect(`${BASE}?notice=${action}d`, 303);
    });
  }
}
