import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { DATE_HINT, describedBy, ErrorBox, Field, Notice, PostForm, TableScroll } from '../../../web/components.js';
import { ENTERPRISE_THEMES, HANDLE_TYPES, ITEM_TYPES, LIMIT_UNITS, limitText, MATERIAL_FORMS, MATERIAL_SOURCES, NECESSITIES, ONLINE_DEPTHS, PERSON_THEMES, SERVICE_OBJECTS, SPECIAL_STEPS } from '../elements.js';
import { LEVEL_LABELS, VERSION_STATE_LABELS, type StaffItem, type StaffItemDetail } from '../service.js';
import { GUIDE_LEVELS } from '../schema.js';
import type { Draft } from '../form.js';
import type { NoticeRow } from '../notices.js';
import { ADMIN_BASE, GuideBody, guideHref } from './parts.js';
import type { FileLink } from '../files.js';
import { ALLOWED_TYPES, DEFAULT_MAX_BYTES } from '../../../core/files/index.js';

export type Problems = { list: string[]; fields: Record<string, string> };
const NO_PROBLEMS: Problems = { list: [], fields: {} };
export const NOTICES: Record<string, string> = {
  created: '事项已保存为草稿。提交审核、审核通过并发布后在公开页面显示。', saved: '修改已保存为草稿，需重新提交审核并发布。', submitted: '已提交审核。',
  approved: '审核通过，可以发布。', returned: '已退回修改。', published: '已发布，公开页面已更新。', imported: '导入完成。',
};

function AdminNav({ here }: { here: string }): SafeHtml {
  const items = [{ href: ADMIN_BASE, label: '办事指南' }, { href: `${ADMIN_BASE}/new`, label: '新增事项' }, { href: `${ADMIN_BASE}/import`, label: '导入导出' }, { href: `${ADMIN_BASE}/yijianshi`, label: '一件事' }, { href: '/banshi', label: '查看公开页面' }];
  return <nav class="subnav" aria-label="办事指南"><ul>{items.map((i) => <li><a href={i.href} aria-current={i.href === here ? 'page' : undefined}>{i.label}</a></li>)}</ul></nav>;
}

export function ListPage({ ctx, rows, notice, today }: { ctx: PageCtx; rows: StaffItem[]; notice?: string; today: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title="办事指南" admin>
      <h1>办事指南</h1>
      <AdminNav here={ADMIN_BASE} />
      <Notice text={notice} />
      <p class="muted">办事指南变更后，应当自信息形成或变更之日起 20 个工作日内发布。逾期未发布的变更显示在待办事项中。</p>
      {rows.length ? (
        <TableScroll label="办事指南事项">
          <table class="data">
            <thead><tr><th scope="col">事项名称</th><th scope="col">实施编码</th><th scope="col">层级</th><th scope="col">实施主体</th><th scope="col">当前版本</th><th scope="col">应发布日期</th></tr></thead>
            <tbody>{rows.map((r) => {
              const pending = r.latestState !== 'published' && r.latestState !== 'superseded';
              return (
                <tr>
                  <td><a href={`${ADMIN_BASE}/${r.id}`}>{r.name}</a>{r.source === 'provincial' ? <Fragment> <span class="tag">省级清单</span></Fragment> : null}</td>
                  <td>{r.code}</td><td>{LEVEL_LABELS[r.level]}</td><td>{r.agencyName}</td>
                  <td>第 {String(r.latestVersion)} 版 {VERSION_STATE_LABELS[r.latestState]}</td>
                  <td>{pending ? <Fragment>{r.publishDue}{r.publishDue < today ? <Fragment> <span class="tag tag-overdue">逾期未发布</span></Fragment> : null}</Fragment> : '—'}</td>
                </tr>
              );
            })}</tbody>
          </table>
        </TableScroll>
      ) : <p>暂无事项。<a href={`${ADMIN_BASE}/new`}>新增事项</a></p>}
    </Layout>
  );
}

const s = (v: unknown): string => (v == null ? '' : typeof v === 'object' ? '' : String(v));
const arr = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
const sel = (list: readonly string[], cur: string, none = true) => [none ? <option value="">请选择</option> : null, ...list.map((o) => <option value={o} selected={cur === o}>{o}</option>)];

const ACCEPT = Object.values(ALLOWED_TYPES).flatMap((t) => t.exts.map((x) => `.${x}`)).join(',');
const FILE_HINT = `PDF、Word（.docx）、Excel（.xlsx）或图片（PNG、JPEG、GIF、WebP），不超过 ${DEFAULT_MAX_BYTES / 1024 / 1024} MB。`;

export function GuideForm({ ctx, action, title, d, meta, problems = NO_PROBLEMS, agencies, fixed, provincial, domains, files = {} }: {
  ctx: PageCtx; files?: Record<number, FileLink>; action: string; title: string; d: Draft; meta: Record<string, string>; problems?: Problems; agencies: { id: number; name: string }[]; fixed?: { agencyName: string; code: string }; provincial?: boolean; domains: { code: string; name: string }[];
}): SafeHtml {
  const e = problems.fields;
  const text = (k: string, label: string, o: { required?: boolean; long?: boolean; hint?: string; val?: string; name?: string } = {}) => {
    const id = `g-${(o.name ?? k).replace(/\./g, '-')}`;
    const name = o.name ?? k;
    const val = o.val ?? s(d[k]);
    return (
      <Field id={id} label={label} required={o.required} hint={o.hint} error={e[name]}>
        {o.long ? <textarea id={id} name={name} rows="3" aria-describedby={describedBy(id, { hint: o.hint, error: e[name] })}>{val}</textarea>
          : <input id={id} name={name} value={val} aria-describedby={describedBy(id, { hint: o.hint, error: e[name] })} />}
      </Field>
    );
  };
  const select = (k: string, label: string, list: readonly string[], o: { val?: string; name?: string; required?: boolean } = {}) => {
    const name = o.name ?? k; const id = `g-${name.replace(/\./g, '-')}`;
    return <Field id={id} label={label} required={o.required} error={e[name]}><select id={id} name={name} aria-describedby={describedBy(id, { error: e[name] })}>{sel(list, o.val ?? s(d[k]))}</select></Field>;
  };
  const checks = (k: string, legend: string, list: readonly string[]) => {
    const cur = Array.isArray(d[k]) ? (d[k] as string[]) : [];
    return (
      <fieldset class={e[k] ? 'field field-invalid' : 'field'}>
        <legend>{legend}</legend>
        {e[k] ? <p class="field-error" id={`g-${k}-error`}>{e[k]}</p> : null}
        <div class="checks">{list.map((o, i) => <label><input type="checkbox" name={k} value={o} id={`g-${k}-${i}`} checked={cur.includes(o)} /> {o}</label>)}</div>
      </fieldset>
    );
  };
  const limit = (k: 'legalLimit' | 'promisedLimit', label: string) => {
    const l = (d[k] && typeof d[k] === 'object' ? d[k] : {}) as Record<string, unknown>;
    const id = `g-${k}`;
    return (
      <fieldset class={e[k] ? 'field field-invalid' : 'field'}>
        <legend>{label}<span class="req" aria-hidden="true">*</span></legend>
        {e[k] ? <p class="field-error" id={`${id}-error`}>{e[k]}</p> : null}
        <div class="field-row">
          <Field id={`${id}-value`} label="数值"><input id={`${id}-value`} name={`${k}.value`} inputmode="numeric" maxlength="4" value={s(l.value)} aria-describedby={e[k] ? `${id}-error` : undefined} /></Field>
          <Field id={`${id}-unit`} label="单位"><select id={`${id}-unit`} name={`${k}.unit`}>{sel(LIMIT_UNITS, s(l.unit))}</select></Field>
          <Field id={`${id}-note`} label="说明"><input id={`${id}-note`} name={`${k}.note`} value={s(l.note)} /></Field>
        </div>
      </fieldset>
    );
  };
  // A material's 空白表格 / 示例样表: the kept file (hidden id, a link, 删除) and a box for a new one.
  const fileBox = (i: number, kind: 'blank' | 'sample', label: string, cur: string) => {
    const name = `materials.${i}.${kind}FileId`;
    const id = `g-materials-${i}-${kind}File`;
    const link = files[Number(cur)];
    const hint = link ? `已上传${label}；选择新文件将替换它。${FILE_HINT}` : FILE_HINT;
    return (
      <Field id={id} label={label} hint={hint} error={e[name]}>
        <input type="hidden" name={name} value={cur} />
        {cur && link ? <p class="file-current"><a href={link.url}>下载已上传的{label}（{link.ext.toUpperCase()}）</a> <label class="check"><input type="checkbox" name={`materials.${i}.${kind}FileRemove`} value="1" /> 删除此文件</label></p> : null}
        <input type="file" id={id} name={`materials.${i}.${kind}File`} accept={ACCEPT} aria-describedby={describedBy(id, { hint, error: e[name] })} />
      </Field>
    );
  };
  const rows = (group: string, extra: number): Record<string, unknown>[] => [...arr(d[group]), ...Array.from({ length: extra }, (): Record<string, unknown> => ({}))];
  return (
    <Layout ctx={ctx} title={title} admin>
      <h1>{title}</h1>
      <AdminNav here={fixed ? '' : `${ADMIN_BASE}/new`} />
      <ErrorBox errors={problems.list} />
      {provincial ? <p class="notice notice-warn">本事项来自省级事项清单：事项名称、事项类型、设定依据、受理条件、法定办结时限和服务对象以省级清单为准，本地不能修改。</p> : null}
      <PostForm ctx={ctx} action={action} className="stack doc-form" enctype="multipart/form-data">
        <h2>事项标识</h2>
        {fixed ? <p>实施主体：{fixed.agencyName}；实施编码：{fixed.code}</p> : (
          <Fragment>
            <Field id="g-agencyId" label="实施主体" required error={e.agencyId}>
              <select id="g-agencyId" name="agencyId" aria-describedby={describedBy('g-agencyId', { error: e.agencyId })}>
                {agencies.length > 1 ? <option value="">请选择</option> : null}
                {agencies.map((a) => <option value={String(a.id)} selected={meta.agencyId === String(a.id)}>{a.name}</option>)}
              </select>
            </Field>
            {text('code', '实施编码', { required: true, val: meta.code ?? '', hint: '数字、字母和连字符，不超过 36 位；同一政府内唯一。' })}
            <Field id="g-level" label="层级" required error={e.level}><select id="g-level" name="level">{GUIDE_LEVELS.map((l) => <option value={l} selected={(meta.level || 'main') === l}>{LEVEL_LABELS[l]}</option>)}</select></Field>
            {text('parentCode', '上级事项实施编码', { val: meta.parentCode ?? '', hint: '子项填主项的编码，业务办理项填子项的编码；主项留空。' })}
          </Fragment>
        )}
        <Field id="g-domainCode" label="所属公开领域" hint="选择后，该领域标准目录的“办事指南”一项链接到本领域的办事指南。" error={e.domainCode}>
          <select id="g-domainCode" name="domainCode" aria-describedby={describedBy('g-domainCode', { hint: true, error: e.domainCode })}>
            <option value="">不属于试点领域</option>
            {domains.map((x) => <option value={x.code} selected={meta.domainCode === x.code}>{x.name}</option>)}
          </select>
        </Field>
        {text('changedOn', '信息形成或变更日期', { val: meta.changedOn ?? '', hint: `${DATE_HINT}；留空为今天。应于此后 20 个工作日内发布。` })}
        <h2>基本要素</h2>
        {text('name', '事项名称', { required: true })}
        {select('itemType', '事项类型', ITEM_TYPES, { required: true })}
        {select('serviceObject', '服务对象', SERVICE_OBJECTS, { required: true })}
        {select('handleType', '办件类型', HANDLE_TYPES, { required: true })}
        {text('basis', '设定依据', { required: true, long: true })}
        {text('conditions', '受理条件', { required: true, long: true })}
        {limit('legalLimit', '法定办结时限')}
        {limit('promisedLimit', '承诺办结时限（不得长于法定时限）')}
        {text('visits', '到办事现场次数', { required: true, hint: '0 至 10 次；不为 0 次的须说明原因。' })}
        {text('visitsReason', '必须现场办理原因说明', { long: true })}
        {checks('onlineDepth', '网上办理深度', ONLINE_DEPTHS)}
        {text('onlineUrl', '网上办理地址')}
        {text('result', '审批结果名称')}
        {checks('personThemes', '自然人主题', PERSON_THEMES)}
        {checks('enterpriseThemes', '法人主题', ENTERPRISE_THEMES)}
        <h2>办理地点、时间和联系方式</h2>
        {text('place', '办理地点', { required: true, long: true })}
        {text('hours', '办理时间', { required: true })}
        {text('consult', '咨询方式', { required: true, long: true })}
        {text('complaint', '监督投诉方式', { required: true, long: true })}
        {text('reviewBody', '行政复议机关', { required: true, long: true })}
        {text('litigationBody', '行政诉讼机关', { required: true, long: true })}
        {text('rights', '依法享有的权利', { long: true })}
        {text('duties', '依法履行的义务', { long: true })}
        <h2>办理流程</h2>
        <p class="muted">每行一个环节；听证、公告、检验检测等特别程序请勾选并注明是否计入办结时限。空行不保存。</p>
        {e.steps ? <p class="field-error">{e.steps}</p> : null}
        {rows('steps', 2).map((r, i) => (
          <fieldset class="field"><legend>环节 {String(i + 1)}</legend>
            {text('', '环节名称', { name: `steps.${i}.name`, val: s(r.name) })}
            {text('', '说明', { name: `steps.${i}.description`, val: s(r.description) })}
            <label class="check"><input type="checkbox" name={`steps.${i}.special`} value="1" checked={r.special === true} /> 特别程序</label>
            {select('', '特别程序类型', SPECIAL_STEPS, { name: `steps.${i}.specialKind`, val: s(r.specialKind) })}
            {text('', '时限', { name: `steps.${i}.limit`, val: s(r.limit) })}
            <label class="check"><input type="checkbox" name={`steps.${i}.countsInLimit`} value="1" checked={r.countsInLimit !== false} /> 计入办结时限</label>
            {text('', '依据', { name: `steps.${i}.basis`, val: s(r.basis) })}
          </fieldset>
        ))}
        <h2>申请材料</h2>
        {e.materials ? <p class="field-error">{e.materials}</p> : null}
        {rows('materials', 3).map((r, i) => (
          <fieldset class="field"><legend>材料 {String(i + 1)}</legend>
            {text('', '材料名称', { name: `materials.${i}.name`, val: s(r.name) })}
            {select('', '必要性', NECESSITIES, { name: `materials.${i}.necessity`, val: s(r.necessity) })}
            {select('', '材料形式', MATERIAL_FORMS, { name: `materials.${i}.form`, val: s(r.form) })}
            {text('', '原件份数', { name: `materials.${i}.originals`, val: s(r.originals ?? '1') })}
            {text('', '复印件份数', { name: `materials.${i}.copies`, val: s(r.copies ?? '0') })}
            {text('', '纸质规格', { name: `materials.${i}.size`, val: s(r.size ?? 'A4') })}
            {select('', '来源渠道', MATERIAL_SOURCES, { name: `materials.${i}.source`, val: s(r.source) })}
            {text('', '来源说明', { name: `materials.${i}.sourceNote`, val: s(r.sourceNote) })}
            {text('', '填报要求', { name: `materials.${i}.requirement`, val: s(r.requirement) })}
            {text('', '要求提供材料的依据', { name: `materials.${i}.basis`, val: s(r.basis) })}
            {fileBox(i, 'blank', '空白表格', s(r.blankFileId))}
            {fileBox(i, 'sample', '示例样表', s(r.sampleFileId))}
            {text('', '备注', { name: `materials.${i}.note`, val: s(r.note) })}
          </fieldset>
        ))}
        <h2>收费</h2>
        {rows('fees', 1).map((r, i) => (
          <fieldset class="field"><legend>收费项目 {String(i + 1)}</legend>
            {text('', '收费项目', { name: `fees.${i}.name`, val: s(r.name) })}
            {text('', '收费标准', { name: `fees.${i}.standard`, val: s(r.standard) })}
            {text('', '收费依据', { name: `fees.${i}.basis`, val: s(r.basis) })}
            <label class="check"><input type="checkbox" name={`fees.${i}.reducible`} value="1" checked={r.reducible === true} /> 允许减免</label>
            {text('', '减免依据', { name: `fees.${i}.reductionBasis`, val: s(r.reductionBasis) })}
          </fieldset>
        ))}
        <h2>常见问题</h2>
        {rows('faqs', 1).map((r, i) => (
          <fieldset class="field"><legend>问题 {String(i + 1)}</legend>
            {text('', '问题', { name: `faqs.${i}.question`, val: s(r.question) })}
            {text('', '答案', { name: `faqs.${i}.answer`, val: s(r.answer), long: true })}
          </fieldset>
        ))}
        <p class="form-actions"><button type="submit">保存草稿</button></p>
      </PostForm>
    </Layout>
  );
}

export function DetailPage({ ctx, it, notice, problems = NO_PROBLEMS, notices, today, files = {} }: { ctx: PageCtx; files?: Record<number, FileLink>; it: StaffItemDetail; notice?: string; problems?: Problems; notices: Pick<NoticeRow, 'id' | 'number' | 'issuedOn'>[]; today: string }): SafeHtml {
  const st = it.latestState;
  const act = (path: string, label: string, cls = '') => <PostForm ctx={ctx} action={`${ADMIN_BASE}/${it.id}/${path}`} className="action-form"><button type="submit" class={cls || undefined}>{label}</button></PostForm>;
  const pending = st !== 'published' && st !== 'superseded';
  return (
    <Layout ctx={ctx} title={it.name} admin>
      <h1>{it.name}</h1>
      <AdminNav here="" />
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      <dl class="facts">
        <dt>实施编码</dt><dd>{it.code}（{LEVEL_LABELS[it.level]}{it.parentCode ? `，上级 ${it.parentCode}` : ''}）</dd>
        <dt>实施主体</dt><dd>{it.agencyName}</dd>
        <dt>来源</dt><dd>{it.source === 'provincial' ? '省级事项清单（省级字段以省级清单为准）' : '本级编制'}</dd>
        <dt>当前版本</dt><dd>第 {String(it.latestVersion)} 版，{VERSION_STATE_LABELS[st]}{it.returnReason && st === 'draft' ? `（退回理由：${it.returnReason}）` : ''}</dd>
        <dt>变更日期</dt><dd>{it.changedOn}</dd>
        <dt>应发布日期</dt><dd>{pending ? <Fragment>{it.publishDue}{it.publishDue < today ? <Fragment> <span class="tag tag-overdue">逾期未发布</span></Fragment> : null}</Fragment> : '已发布'}</dd>
        <dt>公开页面</dt><dd>{it.publishedVersion ? <Fragment><a href={guideHref(it.code)}>第 {String(it.publishedVersion)} 版（{it.publishedOn}）</a> · <a href={`${guideHref(it.code)}/jianban`}>简版指南</a></Fragment> : '尚未发布'}</dd>
      </dl>
      <div class="form-actions">
        {it.mayEdit ? <a href={`${ADMIN_BASE}/${it.id}/edit`}>修改</a> : null}
        {it.mayEdit && st === 'draft' ? act('submit', '提交审核') : null}
        {it.mayReview && st === 'submitted' ? act('approve', '审核通过') : null}
        {it.mayReview && st === 'approved' ? act('publish', '发布') : null}
        {it.mayEdit && it.publishedVersion ? <a href={`${ADMIN_BASE}/${it.id}/gaozhi`}>出具一次性告知单</a> : null}
      </div>
      {it.mayReview && (st === 'submitted' || st === 'approved') ? (
        <PostForm ctx={ctx} action={`${ADMIN_BASE}/${it.id}/return`} className="stack">
          <Field id="r-reason" label="退回理由" error={problems.fields.reason}><textarea id="r-reason" name="reason" rows="2" aria-describedby={describedBy('r-reason', { error: problems.fields.reason })}></textarea></Field>
          <p class="form-actions"><button type="submit" class="secondary">退回修改</button></p>
        </PostForm>
      ) : null}
      <h2>当前版本内容</h2>
      <GuideBody data={it.data} agencyName={it.agencyName} code={it.code} files={files} />
      <h2>版本记录</h2>
      <ul>{it.versions.map((v) => <li>第 {String(v.version)} 版：{VERSION_STATE_LABELS[v.state]}；变更日期 {v.changedOn}；应发布 {v.publishDue}{v.publishedOn ? `；发布于 ${v.publishedOn}` : ''}</li>)}</ul>
      {notices.length ? <Fragment><h2>已出具的一次性告知单</h2><ul>{notices.map((n) => <li><a href={`${ADMIN_BASE}/gaozhi/${n.id}`}>{n.number}</a>（{n.issuedOn}）</li>)}</ul></Fragment> : null}
    </Layout>
  );
}

export function GaozhiForm({ ctx, it, materials, problems = NO_PROBLEMS, brought = [], note = '' }: { ctx: PageCtx; it: StaffItemDetail; materials: { name: string; necessity: string; requirement: string }[]; problems?: Problems; brought?: string[]; note?: string }): SafeHtml {
  return (
    <Layout ctx={ctx} title={`一次性告知单：${it.name}`} admin>
      <h1>一次性告知单：{it.name}</h1>
      <AdminNav here="" />
      <ErrorBox errors={problems.list} />
      <p>请勾选申请人已经提交的材料。未勾选的材料将逐项列入告知单，连同其要求、办结时限、收费和咨询方式，一次性告知申请人。</p>
      <PostForm ctx={ctx} action={`${ADMIN_BASE}/${it.id}/gaozhi`} className="stack">
        <fieldset class={problems.fields.brought ? 'field field-invalid' : 'field'}>
          <legend>申请人已提交的材料</legend>
          {problems.fields.brought ? <p class="field-error">{problems.fields.brought}</p> : null}
          {materials.map((m, i) => <p><label><input type="checkbox" name="brought" value={m.name} id={`b-${i}`} checked={brought.includes(m.name)} /> {m.name}（{m.necessity}）</label></p>)}
        </fieldset>
        <Field id="gz-note" label="备注（可选）" error={problems.fields.note}><textarea id="gz-note" name="note" rows="2" aria-describedby={describedBy('gz-note', { error: problems.fields.note })}>{note}</textarea></Field>
        <p class="form-actions"><button type="submit">生成告知单</button> <a href={`${ADMIN_BASE}/${it.id}`}>返回</a></p>
      </PostForm>
    </Layout>
  );
}

export function NoticePage({ ctx, n }: { ctx: PageCtx; n: NoticeRow }): SafeHtml {
  const d = n.data;
  return (
    <Layout ctx={ctx} title={`一次性告知单 ${n.number}`} admin>
      <article class="letter print gaozhi">
        <h1>一次性告知单</h1>
        <p class="doc-number">{n.number}</p>
        <p>申请人：____________（签收）</p>
        <p>您申请办理的“{d.itemName}”（实施编码 {d.code}，{d.agencyName}），尚需补正以下材料。请按要求一次性补齐后再次提交；补齐之日起重新计算办理时限。</p>
        <h2>需补正的材料</h2>
        <ol class="gaozhi-missing">{d.missing.map((m) => (
          <li><strong>{m.name}</strong>（{m.necessity}；{m.form}；原件 {String(m.originals)} 份、复印件 {String(m.copies)} 份{m.size ? `；${m.size}` : ''}；来源：{m.source}{m.sourceNote ? `，${m.sourceNote}` : ''}）{m.requirement ? `。要求：${m.requirement}` : ''}{m.basis ? `依据：${m.basis}` : ''}</li>
        ))}</ol>
        {d.brought.length ? <p>已收材料：{d.brought.join('、')}。</p> : <p>已收材料：无。</p>}
        <dl class="facts">
          <dt>法定办结时限</dt><dd>{limitText(d.legalLimit)}</dd>
          <dt>承诺办结时限</dt><dd>{limitText(d.promisedLimit)}</dd>
          <dt>收费</dt><dd>{d.fees.length ? d.fees.map((f) => `${f.name}：${f.standard}（${f.basis}）`).join('；') : '不收费'}</dd>
          <dt>办理地点和时间</dt><dd>{d.place}；{d.hours}</dd>
          <dt>咨询方式</dt><dd>{d.consult}</dd>
          <dt>监督投诉</dt><dd>{d.complaint}</dd>
          {d.note ? <Fragment><dt>备注</dt><dd>{d.note}</dd></Fragment> : null}
        </dl>
        <p>经办人：{d.staffName}　　　日期：{n.issuedOn}</p>
        <p>（本告知单一式两份，申请人和窗口各执一份。）</p>
      </article>
      <p class="no-print"><button type="button" class="print-button" data-print hidden>打印告知单</button> <a href={`${ADMIN_BASE}/${n.itemId}`}>返回事项</a></p>
    </Layout>
  );
}
