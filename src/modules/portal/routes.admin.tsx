import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type Child } from '../../core/render/jsx.js';
import { requireRole } from '../../core/auth/actor.js';
import { AppError } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { Layout } from '../../web/layout.js';
import { describedBy, ErrorBox, Field, formatDateTime, Notice, PostForm } from '../../web/components.js';
import { formBody, idParam, type FormBody } from '../../web/form.js';
import { SITE_FIELDS, siteSettings, updateSiteIdentity, type SiteIdentity } from './site.js';
import { GUIDE_FIELDS, MAX_RULES, PART_LABELS, RULE_BODY_MAX, RULE_TITLE_MAX, savePart, staffGuide, staffGuideList, type GuideFields, type Part, type RuleItem, type StaffPart } from './guide.js';

type Errors = Record<string, string>;

/** The last value of a form field as typed; limits are checked by the service, field by field. */
const str = (b: FormBody, k: string): string => {
  const v = b[k];
  const s = Array.isArray(v) ? v.at(-1) : v;
  return typeof s === 'string' ? s : '';
};
const fieldErrors = (e: AppError): Errors => {
  const f = (e.details as { fields?: unknown } | undefined)?.fields;
  return f && typeof f === 'object' ? (f as Errors) : {};
};
/** Bad input is shown on the page; anything else (permission, server) goes to the error handler. */
const isFormError = (e: unknown): e is AppError => e instanceof AppError && e.status === 400;

const SITE_HINTS: Partial<Record<keyof SiteIdentity, string>> = {
  name: '显示在每个页面的页头和标题中，如：示范县人民政府。',
  domain: '只填主机名，如 www.example.gov.cn；以此域名访问的请求即显示本网站。不填时使用访问本网站所用的域名。',
  idCode: '全国政府网站信息报送系统分配的 10 位网站标识码，如 4108230001。',
  icp: '如：豫ICP备12345678号-1。',
  police: '如：豫公网安备 41082302000001号。',
  sponsor: '网站的主办单位，一般为本级人民政府。',
  organizer: '负责网站日常运行的单位，一般为政府办公室。',
  keywords: '页面未单独提供关键词时使用，以逗号分隔。',
  description: '页面未单独提供描述时使用，一两句话。',
};

/** The administrator's page for the site's identity, and the guide and 制度 editors of the office and the agencies. */
export function registerPortalAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  const renderSite = async (req: FastifyRequest, reply: FastifyReply, errors: Errors = {}, values?: SiteIdentity & { prefix: string }) => {
    const current = await siteSettings({ db, actor: req.actor });
    const v = values ?? { ...current.identity, prefix: current.prefix };
    const prefixHint = current.root ? '本网站是平台的主站（根路径 / ），不设访问路径。' : '公众经由 /访问路径/ 访问本网站，如填 nanxian 即为 /nanxian/；只用小写字母、数字和连字符。也可以只填网站域名，由域名访问。';
    const notice = (req.query as { notice?: string }).notice === 'saved' ? '网站标识已保存，所有页面即时使用新的设置。' : null;
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="网站标识" admin>
        <h1>网站标识</h1>
        <p>本页设置{current.governmentName || '本级政府'}网站的标识和访问方式；每个县（市、区）和市级政府各有自己的网站，由本级系统管理员设置。</p>
        <Notice text={notice} />
        {current.saved ? null : <p class="notice notice-warn" role="note">尚未保存过网站标识：以下是根据机构信息生成的默认值，公众页面现在显示这些内容。填写网站标识码和备案号后保存。</p>}
        <ErrorBox errors={Object.values(errors)} />
        <PostForm ctx={ctx} action="/admin/site" className="stack">
          {(
            [
              ['网站名称', ['name', 'domain']],
              ['标识码与备案号', ['idCode', 'icp', 'police']],
              ['主办、承办单位和联系方式（显示在页脚）', ['sponsor', 'organizer', 'address', 'phone', 'email']],
              ['页面描述（meta 标签）', ['keywords', 'description']],
            ] as [string, (keyof SiteIdentity)[]][]
          ).map(([legend, keys]) => (
            <fieldset>
              <legend>{legend}</legend>
              {keys.map((k) => {
                const f = SITE_FIELDS.find((x) => x.key === k)!;
                const id = `site-${k}`;
                const hint = SITE_HINTS[k];
                const attrs = { id, name: k, 'aria-describedby': describedBy(id, { hint, error: errors[k] }), 'aria-invalid': errors[k] ? 'true' : undefined };
                return (
                  <Field id={id} label={f.label} required={k === 'name'} hint={hint} error={errors[k]}>
                    {k === 'description' ? <textarea {...attrs} rows="3" maxlength={String(f.max)}>{v[k]}</textarea> : <input {...attrs} type={k === 'email' ? 'email' : 'text'} maxlength={String(f.max)} value={v[k]} required={k === 'name'} />}
                  </Field>
                );
              })}
            </fieldset>
          ))}
          <fieldset>
            <legend>访问方式</legend>
            <Field id="site-prefix" label="访问路径" hint={prefixHint} error={errors.prefix}>
              <input id="site-prefix" name="prefix" type="text" maxlength="40" value={v.prefix} disabled={current.root} aria-describedby={describedBy('site-prefix', { hint: prefixHint, error: errors.prefix })} aria-invalid={errors.prefix ? 'true' : undefined} />
            </Field>
          </fieldset>
          <button type="submit">保存网站标识</button>
        </PostForm>
      </Layout>
    ));
  };

  app.get('/admin/site', async (req, reply) => {
    requireRole(req.actor, 'admin');
    return renderSite(req, reply);
  });
  app.post('/admin/site', async (req, reply) => {
    requireRole(req.actor, 'admin');
    const b = formBody(req);
    const input = { ...(Object.fromEntries(SITE_FIELDS.map((f) => [f.key, str(b, f.key)])) as SiteIdentity), prefix: str(b, 'prefix').slice(0, 200) };
    try {
      await updateSiteIdentity({ db, actor: req.actor }, input);
    } catch (e) {
      if (!isFormError(e)) throw e;
      reply.status(400);
      return renderSite(req, reply, fieldErrors(e), input);
    }
    return reply.redirect('/admin/site?notice=saved', 303);
  });

  // ---- 政府信息公开指南 and 制度 ----

  app.get('/admin/guides', async (req, reply) => {
    const list = await staffGuideList({ db, actor: req.actor });
    const state = (row: (typeof list)[number]['guide']) => (row?.publishedAt ? `已发布（${formatDateTime(row.publishedAt)}）` : row ? '草稿未发布' : '未编写（公众看到自动生成的内容）');
    return reply.page((ctx) => (
      <Layout ctx={ctx} title="公开指南与制度" admin>
        <h1>政府信息公开指南与制度</h1>
        <p>《政府信息公开条例》第十二条要求各机关编制、公布政府信息公开指南。尚未发布的，公众看到根据机构信息和本平台办理程序自动生成的内容；编写后保存并发布即替换。</p>
        <div class="table-wrap">
          <table class="data">
            <thead><tr><th scope="col">机关</th><th scope="col">公开指南</th><th scope="col">公开制度</th></tr></thead>
            <tbody>
              {list.map(({ agency, guide, rules }) => (
                <tr>
                  <td><a href={`/admin/guides/${agency.id}`}>{agency.name}</a></td>
                  <td>{state(guide)}</td>
                  <td>{state(rules)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Layout>
    ));
  });

  type Failed = { part: Part; errors: Errors; guide?: GuideFields; rules?: RuleItem[] };

  const renderGuide = async (req: FastifyRequest, reply: FastifyReply, agencyId: number, failed?: Failed) => {
    const view = await staffGuide({ db, actor: req.actor }, agencyId);
    const q = req.query as { notice?: string };
    const notice = q.notice === 'saved' ? '草稿已保存，尚未发布。' : q.notice === 'published' ? '已发布，公众页面即时更新。' : null;
    const g = failed?.guide ?? view.guide.draft;
    const gErr = failed?.part === 'guide' ? failed.errors : {};
    const rErr = failed?.part === 'rules' ? failed.errors : {};
    const items = failed?.rules ?? view.rules.draft.items;
    const slots = [...items, ...Array.from({ length: Math.max(0, Math.min(3, MAX_RULES - items.length)) }, () => ({ title: '', body: '' }))];
    const buttons = (
      <p class="form-actions">
        <button type="submit" name="action" value="save" class="secondary">保存草稿</button>
        {view.mayPublish ? <button type="submit" name="action" value="publish">保存并发布</button> : <span class="hint">发布由本机关信息审核人员或政务公开办办理。</span>}
      </p>
    );
    return reply.page((ctx) => (
      <Layout ctx={ctx} title={`${view.agency.name}：公开指南与制度`} admin>
        <p><a href="/admin/guides">← 公开指南与制度</a></p>
        <h1>{view.agency.name}：政府信息公开指南与制度</h1>
        <Notice text={notice} />
        <section aria-labelledby="guide-h">
          <h2 id="guide-h">政府信息公开指南</h2>
          <PartState s={view.guide} href={`/zfxxgk/guide/${agencyId}`} />
          <ErrorBox errors={Object.values(gErr)} />
          <PostForm ctx={ctx} action={`/admin/guides/${agencyId}/guide`} className="stack">
            <fieldset>
              <legend>一、政府信息的分类和编排体系</legend>
              <GuideField k="classification" g={g} errors={gErr} />
            </fieldset>
            <fieldset>
              <legend>二、获取政府信息的方式</legend>
              <GuideField k="activeHow" g={g} errors={gErr} />
              <GuideField k="applyHow" g={g} errors={gErr} hint="页面会自动附上“在线提交申请”和“查询办理进度”的链接。" />
            </fieldset>
            <fieldset>
              <legend>三、政府信息公开工作机构</legend>
              <GuideField k="officeName" g={g} errors={gErr} />
              <GuideField k="address" g={g} errors={gErr} />
              <GuideField k="officeHours" g={g} errors={gErr} />
              <div class="field-row">
                <GuideField k="phone" g={g} errors={gErr} />
                <GuideField k="fax" g={g} errors={gErr} hint="没有传真的可不填，页面显示“暂未公布”。" />
              </div>
              <div class="field-row">
                <GuideField k="email" g={g} errors={gErr} />
                <GuideField k="postcode" g={g} errors={gErr} />
              </div>
            </fieldset>
            <fieldset>
              <legend>四、监督和救济</legend>
              <GuideField k="remedies" g={g} errors={gErr} />
            </fieldset>
            {buttons}
          </PostForm>
        </section>
        <section aria-labelledby="rules-h">
          <h2 id="rules-h">政府信息公开制度</h2>
          <PartState s={view.rules} href={`/zfxxgk/rules/${agencyId}`} />
          <ErrorBox errors={Object.values(rErr)} />
          <PostForm ctx={ctx} action={`/admin/guides/${agencyId}/rules`} className="stack">
            <p class="hint">每项制度一个名称和正文；名称和正文都留空的项不保存。需要更多项时，保存后会再出现空白项（最多 {String(MAX_RULES)} 项）。</p>
            {slots.map((it, i) => (
              <fieldset>
                <legend>第 {String(i + 1)} 项制度</legend>
                <Field id={`r-title-${i}`} label="制度名称" error={rErr[`title${i}`]}>
                  <input id={`r-title-${i}`} name="title" value={it.title} maxlength={String(RULE_TITLE_MAX)} aria-describedby={describedBy(`r-title-${i}`, { error: rErr[`title${i}`] })} />
                </Field>
                <Field id={`r-body-${i}`} label="制度内容" error={rErr[`body${i}`]}>
                  <textarea id={`r-body-${i}`} name="body" rows="5" maxlength={String(RULE_BODY_MAX)} aria-describedby={describedBy(`r-body-${i}`, { error: rErr[`body${i}`] })}>{it.body}</textarea>
                </Field>
              </fieldset>
            ))}
            {buttons}
          </PostForm>
        </section>
      </Layout>
    ));
  };

  const agencyOf = (req: FastifyRequest) => idParam((req.params as { agencyId: string }).agencyId);
  app.get('/admin/guides/:agencyId', async (req, reply) => renderGuide(req, reply, agencyOf(req)));
  app.post('/admin/guides/:agencyId/:part', async (req, reply) => {
    const agencyId = agencyOf(req);
    const part = (req.params as { part: string }).part;
    if (part !== 'guide' && part !== 'rules') return reply.callNotFound();
    const b = formBody(req);
    const publish = str(b, 'action') === 'publish';
    const arr = (k: string) => { const v = b[k]; return (Array.isArray(v) ? v : v == null ? [] : [v]).map(String); };
    const guide = Object.fromEntries(GUIDE_FIELDS.map((f) => [f.key, str(b, f.key)])) as GuideFields;
    const titles = arr('title');
    const bodies = arr('body');
    const rules = Array.from({ length: Math.min(Math.max(titles.length, bodies.length), MAX_RULES + 5) }, (_, i) => ({ title: titles[i] ?? '', body: bodies[i] ?? '' }));
    try {
      await savePart({ db, actor: req.actor }, agencyId, part, part === 'guide' ? guide : rules, { publish });
    } catch (e) {
      if (!isFormError(e)) throw e;
      reply.status(400);
      return renderGuide(req, reply, agencyId, { part, errors: fieldErrors(e), ...(part === 'guide' ? { guide } : { rules }) });
    }
    return reply.redirect(`/admin/guides/${agencyId}?notice=${publish ? 'published' : 'saved'}#${part}-h`, 303);
  });
}

function GuideField({ k, g, errors, hint }: { k: keyof GuideFields; g: GuideFields; errors: Errors; hint?: Child }) {
  const f = GUIDE_FIELDS.find((x) => x.key === k)!;
  const id = `g-${k}`;
  const attrs = { id, name: k, maxlength: String(f.max), required: f.required, 'aria-describedby': describedBy(id, { hint, error: errors[k] }), 'aria-invalid': errors[k] ? 'true' : undefined };
  return (
    <Field id={id} label={f.label} required={f.required} hint={hint} error={errors[k]}>
      {f.long ? <textarea {...attrs} rows={k === 'applyHow' ? '12' : '5'}>{g[k]}</textarea> : <input {...attrs} type={k === 'email' ? 'email' : 'text'} inputmode={k === 'postcode' ? 'numeric' : undefined} value={g[k]} />}
    </Field>
  );
}

function PartState<T>({ s, href }: { s: StaffPart<T>; href: string }) {
  return (
    <p class="muted">
      {s.publishedAt ? `已于 ${formatDateTime(s.publishedAt)} 由${s.publishedBy ?? ''}发布。` : '尚未发布：公众现在看到根据机构信息自动生成的内容。'}
      {s.unpublishedChanges && s.savedAt ? ` 有未发布的修改（${formatDateTime(s.savedAt)} 由${s.savedBy}保存）。` : ''}
      {' '}<a href={href}>查看公开页面</a>
    </p>
  );
}
