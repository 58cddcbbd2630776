import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Fragment, h } from '../../core/render/jsx.js';
import { AppError } from '../../core/errors.js';
import type { AppDeps } from '../../core/module.js';
import { governmentAgencies } from '../../core/org/scope.js';
import { siteScopeOf, type PageCtx } from '../../web/context.js';
import { fieldErrorsOf, formatDate } from '../../web/components.js';
import { field, formBody, idParam } from '../../web/form.js';
import { publicDocument, searchPublished } from '../info/queries.js';
import { domainByCode, listDomains, publishedItem, publishedItems } from '../catalog/queries.js';
import { APPLICABLE_KINDS, submitApplication } from '../foi/intake.js';
import { ID_TYPES, ORG_CATEGORIES } from '../foi/validate.js';
import { APPLICANT_CATEGORY_LABELS } from '../foi/outcomes.js';
import { kioskIdleSeconds } from './kiosk.js';
import { KIOSK_CSS, KIOSK_JS } from './kiosk.assets.js';
import { publicPoints } from './points.js';
import { KIND_LABELS } from './labels.js';
import { KioskNotFound } from './views/kiosk-guides.js';
import { Body, KIOSK, KioskApply, KioskHome, KioskLayout, KioskList, KioskReceipt, Pager, PrintButton, type ApplyField } from './views/kiosk.js';

const PAGE_SIZE = 12;
const FIELD_MAX = 100_000;

/** The application form's fields (the foi module's, Art. 29) with the help the screen shows beside each. */
const APPLY_FIELDS: readonly ApplyField[] = [
  { name: 'agencyId', label: '受理机关', required: true, max: 10, help: '选择掌握您所需信息的行政机关。不清楚时可选县人民政府办公室，或咨询现场工作人员。' },
  { name: 'applicantType', label: '申请人类型', required: true, type: 'radio', options: [['natural', '公民'], ['org', '法人或者其他组织']], max: 10, help: '以个人名义申请选“公民”；以企业、社会组织等单位名义申请选“法人或者其他组织”。' },
  { name: 'name', label: '姓名或名称', required: true, max: 100, help: '公民填写身份证上的姓名；单位填写营业执照或登记证书上的全称。' },
  { name: 'idType', label: '证件类型', type: 'select', options: ID_TYPES.map((t) => [t, t] as const), max: 20, help: '公民选择所持证件，一般为居民身份证。单位申请可不选。' },
  { name: 'orgCategory', label: '组织类别', type: 'select', options: ORG_CATEGORIES.map((c) => [c, APPLICANT_CATEGORY_LABELS[c]] as const), max: 20, help: '仅法人或者其他组织填写，如商业企业、科研机构、社会公益组织。' },
  { name: 'idNumber', label: '证件号码', required: true, max: 40, help: '公民填写 18 位身份证号码（末位可为 X）；单位填写 18 位统一社会信用代码。' },
  { name: 'contactPerson', label: '联系人', max: 50, help: '单位申请时必填，填写具体经办人姓名。' },
  { name: 'phone', label: '联系电话', required: true, max: 20, inputmode: 'tel', help: '手机或固定电话，机关需要时会与您联系，如 13800000000 或 0373-1234567。' },
  { name: 'email', label: '电子邮箱', max: 100, inputmode: 'email', help: '选择“电子邮件”获取信息时必填。' },
  { name: 'address', label: '通信地址', max: 200, help: '选择“邮寄”获取信息时必填，写到门牌号。' },
  { name: 'postcode', label: '邮政编码', max: 6, inputmode: 'numeric', help: '6 位数字，可不填。' },
  { name: 'content', label: '所需信息的名称或内容描述', required: true, type: 'textarea', max: 2000, help: '写清楚要哪份文件或哪方面的信息，如文件名称、发布机关、大致时间，至少 5 个字。一份申请写一类信息。' },
  { name: 'docNumber', label: '文号（如知道）', max: 100, help: '如“示政办〔2026〕5号”，不知道可不填。' },
  { name: 'purpose', label: '用途说明', max: 500, help: '可不填。' },
  { name: 'form', label: '提供形式', required: true, type: 'radio', options: [['paper', '纸质文本'], ['electronic', '电子数据']], max: 20, help: '希望以纸质文件还是电子文件获得信息。' },
  { name: 'delivery', label: '获取方式', required: true, type: 'radio', options: [['pickup', '当面领取'], ['post', '邮寄'], ['email', '电子邮件'], ['online', '网上获取']], max: 20, help: '当面领取请带好身份证件；邮寄需填通信地址；电子邮件需填邮箱。' },
];
const FORM_KEYS = [...APPLY_FIELDS.map((f) => f.name), 'submitKey'];

/** The 政务公开专区 touch screen on each government's site (/kiosk): no login, large type, resets when idle. */
export function registerKioskRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const gov = (req: FastifyRequest) => siteScopeOf(req).govId;
  const rateLimit = { max: config.publicWriteRateLimit, timeWindow: '1 minute' };
  const newKey = () => randomBytes(12).toString('base64url');
  const page = async (req: FastifyRequest, reply: FastifyReply, render: (ctx: PageCtx, idle: number) => ReturnType<typeof KioskHome>) => {
    const idle = await kioskIdleSeconds(db, gov(req));
    return reply.page((ctx) => render(ctx, idle));
  };
  /** A record that names nothing here (404/410) as null, so the page can answer inside the kiosk shell. */
  const found = async <T,>(load: () => Promise<T>): Promise<T | null> => {
    try {
      return await load();
    } catch (e) {
      if (e instanceof AppError && (e.status === 404 || e.status === 410)) return null;
      throw e;
    }
  };
  const missing = (req: FastifyRequest, reply: FastifyReply, what: string, back: string) => {
    reply.status(404);
    return page(req, reply, (ctx, idle) => <KioskNotFound ctx={ctx} idle={idle} what={what} back={back} />);
  };
  const pageNo = (req: FastifyRequest) => {
    const p = String((req.query as { page?: unknown }).page ?? '1');
    return /^[1-9]\d{0,3}$/.test(p) ? Number(p) : 1;
  };

  app.get(`${KIOSK}/assets/kiosk.css`, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(KIOSK_CSS));
  app.get(`${KIOSK}/assets/kiosk.js`, async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(KIOSK_JS));

  app.get(KIOSK, async (req, reply) => page(req, reply, (ctx, idle) => <KioskHome ctx={ctx} idle={idle} />));

  app.get(`${KIOSK}/xxgk`, async (req, reply) => {
    const n = pageNo(req);
    const { items } = await searchPublished(db, { govId: gov(req), limit: PAGE_SIZE + 1, offset: (n - 1) * PAGE_SIZE, count: false });
    const list = items.slice(0, PAGE_SIZE).map((d) => ({ href: `${KIOSK}/xxgk/${d.documentId}`, title: d.title, note: [d.agencyName, d.docNumber, d.publishedAt ? `发布于 ${formatDate(d.publishedAt)}` : null].filter(Boolean).join(' · ') }));
    return page(req, reply, (ctx, idle) => (
      <KioskLayout ctx={ctx} title="政府信息" idle={idle}>
        <h1>政府信息</h1>
        <p class="k-lead">最新公开的政府信息，触摸标题查看全文。</p>
        {list.length ? <KioskList items={list} /> : <p>暂无公开的政府信息。</p>}
        <Pager base={`${KIOSK}/xxgk`} page={n} more={items.length > PAGE_SIZE} />
      </KioskLayout>
    ));
  });

  app.get(`${KIOSK}/xxgk/:id`, async (req, reply) => {
    const d = await found(() => publicDocument(db, idParam((req.params as { id: string }).id), gov(req)));
    if (!d) return missing(req, reply, '政府信息', `${KIOSK}/xxgk`);
    const e = d.edition;
    return page(req, reply, (ctx, idle) => (
      <KioskLayout ctx={ctx} title={e.title} idle={idle}>
        <h1>{e.title}</h1>
        <dl class="k-meta">
          <dt>发布机关</dt><dd>{e.agencyName}</dd>
          {e.docNumber ? <><dt>文号</dt><dd>{e.docNumber}</dd></> : null}
          {e.indexNumber ? <><dt>索引号</dt><dd>{e.indexNumber}</dd></> : null}
          <dt>成文日期</dt><dd>{e.writtenDate}</dd>
          {e.state === 'withdrawn' ? <><dt>状态</dt><dd>已撤回</dd></> : null}
        </dl>
        <Body html={e.bodyHtml} />
        <p class="k-actions"><PrintButton /></p>
      </KioskLayout>
    ));
  });

  app.get(`${KIOSK}/catalog`, async (req, reply) => {
    // Only the domains this government has published items in: on a touch screen an empty domain is a dead end.
    const [domains, items] = await Promise.all([listDomains(db), publishedItems(db, { govId: gov(req), limit: 10_000 })]);
    const count = new Map<string, number>();
    for (const i of items) count.set(i.domainCode, (count.get(i.domainCode) ?? 0) + 1);
    const shown = domains.filter((d) => count.get(d.code));
    return page(req, reply, (ctx, idle) => (
      <KioskLayout ctx={ctx} title="公开目录" idle={idle}>
        <h1>基层政务公开目录</h1>
        <p class="k-lead">按领域查看本级政府各部门和乡镇公开哪些事项、依据什么、多长时间内公开。</p>
        {shown.length ? <KioskList grid items={shown.map((d) => ({ href: `${KIOSK}/catalog/${encodeURIComponent(d.code)}`, title: `${d.name}领域`, note: `${count.get(d.code)} 个公开事项` }))} /> : <p>本级政府暂未发布公开目录。</p>}
        {shown.length && shown.length < domains.length ? <p class="k-n">其余 {String(domains.length - shown.length)} 个领域本级政府暂未发布公开目录。</p> : null}
      </KioskLayout>
    ));
  });
  app.get(`${KIOSK}/catalog/:code`, async (req, reply) => {
    const code = (req.params as { code: string }).code;
    const domain = await found(() => domainByCode(db, code.slice(0, 40)));
    if (!domain) return missing(req, reply, '公开目录领域', `${KIOSK}/catalog`);
    const n = pageNo(req);
    const items = await publishedItems(db, { govId: gov(req), domainId: domain.id, limit: PAGE_SIZE + 1, offset: (n - 1) * PAGE_SIZE });
    return page(req, reply, (ctx, idle) => (
      <KioskLayout ctx={ctx} title={`${domain.name}领域`} idle={idle}>
        <h1>{domain.name}领域</h1>
        {items.length ? <KioskList items={items.slice(0, PAGE_SIZE).map((i) => ({ href: `${KIOSK}/catalog/items/${i.id}`, title: `${i.level1} · ${i.level2}`, note: i.agencyName }))} /> : <p>本级政府暂未发布该领域的公开目录。</p>}
        <Pager base={`${KIOSK}/catalog/${encodeURIComponent(domain.code)}`} page={n} more={items.length > PAGE_SIZE} />
      </KioskLayout>
    ));
  });
  app.get(`${KIOSK}/catalog/items/:id`, async (req, reply) => {
    const i = await found(() => publishedItem(db, idParam((req.params as { id: string }).id), gov(req)));
    if (!i) return missing(req, reply, '公开事项', `${KIOSK}/catalog`);
    const rows: [string, string][] = [
      ['公开内容', i.content], ['公开依据', i.basis], ['公开时限', i.timeLimitText], ['公开主体', i.subject],
      ['公开渠道', [...i.channels, ...i.otherChannels].join('、')], ['公开方式', [i.modeActive ? '主动公开' : '', i.modeOnRequest ? '依申请公开' : ''].filter(Boolean).join('、')],
    ];
    return page(req, reply, (ctx, idle) => (
      <KioskLayout ctx={ctx} title={i.level2} idle={idle}>
        <h1>{i.level1} · {i.level2}</h1>
        <p>{i.agencyName} · {i.domainName}领域</p>
        <dl class="k-meta">{rows.filter(([, v]) => v).map(([k, v]) => <><dt>{k}</dt><dd>{v}</dd></>)}</dl>
        <p class="k-actions"><PrintButton /></p>
      </KioskLayout>
    ));
  });

  app.get(`${KIOSK}/points`, async (req, reply) => {
    const rows = await publicPoints(db, gov(req));
    return page(req, reply, (ctx, idle) => (
      <KioskLayout ctx={ctx} title="政府信息公开查阅点" idle={idle}>
        <h1>政府信息公开查阅点</h1>
        {rows.map((p) => (
          <section class="k-body">
            <h2>{p.name}</h2>
            <p>{KIND_LABELS[p.kind]} · {p.agencyName}</p>
            <p>地址：{p.address}<br />开放时间：{p.hours}{p.phone ? <><br />电话：{p.phone}</> : null}</p>
          </section>
        ))}
      </KioskLayout>
    ));
  });

  // ---- the application form ----
  const agencyOptions = async (req: FastifyRequest) => (await governmentAgencies(db, gov(req))).filter((a) => APPLICABLE_KINDS.includes(a.kind)).map((a) => ({ id: a.id, name: a.name }));
  const applyPage = async (req: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: Record<string, string> = {}, list: string[] = []) => {
    const agencies = await agencyOptions(req);
    reply.header('cache-control', 'private, no-store');
    return page(req, reply, (ctx, idle) => <KioskApply ctx={ctx} idle={idle} fields={APPLY_FIELDS} values={values} errors={errors} list={list} agencies={agencies} />);
  };
  app.get(`${KIOSK}/apply`, async (req, reply) => applyPage(req, reply, { submitKey: newKey(), applicantType: 'natural', idType: '居民身份证', form: 'paper', delivery: 'pickup' }));
  app.post(`${KIOSK}/apply`, { config: { rateLimit } }, async (req, reply) => {
    const b = formBody(req);
    const values: Record<string, string> = {};
    for (const k of FORM_KEYS) {
      const v = field(b, k, FIELD_MAX);
      if (v !== '') values[k] = v;
    }
    const fieldMax = Object.fromEntries(APPLY_FIELDS.map((f) => [f.name, f.max]));
    const tooLong = Object.entries(values).filter(([k, v]) => v.length > (fieldMax[k] ?? 64));
    try {
      if (tooLong.length) {
        const fields = Object.fromEntries(tooLong.map(([k]) => [k, `${APPLY_FIELDS.find((f) => f.name === k)?.label ?? '该项'}不能超过 ${fieldMax[k] ?? 64} 个字。`]));
        throw new AppError('invalid_input', 400, Object.values(fields).join('；'), { fields });
      }
      const agencies = await agencyOptions(req);
      if (values.agencyId && !agencies.some((a) => String(a.id) === values.agencyId)) {
        const m = '请在列表中选择本级的受理机关。';
        throw new AppError('invalid_input', 400, m, { fields: { agencyId: m } });
      }
      const s = await submitApplication({ db, actor: null, key: config.foiDataKey, countStartDay: config.deadlineCountStartDay }, values);
      reply.header('cache-control', 'private, no-store');
      return page(req, reply, (ctx, idle) => <KioskReceipt ctx={ctx} idle={idle} code={s.code} secret={s.secret} agencyName={s.agencyName} />);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      reply.status(e.status);
      const f = fieldErrorsOf(e.details);
      const kept = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.slice(0, fieldMax[k] ?? 64)]));
      if (e.code === 'duplicate_submission') kept.submitKey = newKey();
      return applyPage(req, reply, { ...kept, submitKey: kept.submitKey || newKey() }, f, Object.keys(f).length ? Object.values(f) : [e.message]);
    }
  });
}
