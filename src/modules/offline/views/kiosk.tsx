import { h, raw, type Child, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { PostForm } from '../../../web/components.js';

export const KIOSK = '/kiosk';

/**
 * The touch screen's page shell: no site navigation or login, large type, a 首页 and 返回 button
 * always in reach, and the idle timer's settings on the body for kiosk.js.
 */
export function KioskLayout({ ctx, title, idle, children, home = false }: { ctx: PageCtx; title: string; idle: number; children?: Child; home?: boolean }): SafeHtml {
  return (
    <html lang="zh-Hans">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} - ${ctx.site.name}政务公开专区`}</title>
        <link rel="stylesheet" href={`${KIOSK}/assets/kiosk.css`} />
        <script src={`${KIOSK}/assets/kiosk.js`} defer></script>
      </head>
      <body class="kiosk" data-idle={String(idle)} data-home={`${ctx.scope.prefix}${KIOSK}`}>
        <header class="k-head">
          <div class="k-brand"><span class="k-site">{ctx.site.name}</span><span class="k-zone">政务公开专区 · 自助服务</span></div>
          {home ? null : (
            <nav class="k-nav" aria-label="导航">
              <a class="k-btn" href={KIOSK}>首页</a>
              <button type="button" class="k-btn" data-back="">返回</button>
            </nav>
          )}
        </header>
        <main id="main" class="k-main">{children}</main>
        <footer class="k-foot" aria-live="polite">
          <span>无人操作 {String(idle)} 秒后自动返回首页，并清空已填写的内容。</span>
          <span class="k-warn" data-idle-warning="" hidden>即将返回首页……触摸屏幕可继续使用</span>
        </footer>
      </body>
    </html>
  );
}

export const Tile = ({ href, title, note }: { href: string; title: string; note: string }) => (
  <a class="k-tile" href={href}><strong>{title}</strong><span>{note}</span></a>
);

export function KioskHome({ ctx, idle }: { ctx: PageCtx; idle: number }): SafeHtml {
  return (
    <KioskLayout ctx={ctx} title="首页" idle={idle} home>
      <h1>欢迎使用政务公开自助服务</h1>
      <p class="k-lead">请触摸下面的按钮查阅政府信息、办事指南，或填写政府信息公开申请。</p>
      <div class="k-tiles">
        <Tile href={`${KIOSK}/xxgk`} title="政府信息" note="政策文件、通知公告、规划计划" />
        <Tile href={`${KIOSK}/catalog`} title="公开目录" note="各领域基层政务公开事项" />
        <Tile href={`${KIOSK}/banshi`} title="办事指南" note="办理条件、所需材料、办理时限" />
        <Tile href={`${KIOSK}/apply`} title="申请公开" note="依申请公开政府信息，逐项填写说明" />
        <Tile href={`${KIOSK}/points`} title="查阅点" note="政府信息公开查阅点地址和开放时间" />
      </div>
    </KioskLayout>
  );
}

export const PrintButton = () => <button type="button" class="k-btn k-print" data-print="">打印本页</button>;

/** A list of links, large enough to touch. */
export function KioskList({ items, grid = false }: { items: { href: string; title: string; note?: string }[]; grid?: boolean }): SafeHtml {
  return (
    <ul class={grid ? 'k-list k-grid' : 'k-list'}>
      {items.map((i) => <li><a href={i.href}><span class="k-t">{i.title}</span>{i.note ? <span class="k-n">{i.note}</span> : null}</a></li>)}
    </ul>
  );
}

export function Pager({ base, page, more }: { base: string; page: number; more: boolean }): SafeHtml | null {
  // One page only: nothing to turn, so no lone “第 1 页”.
  if (page === 1 && !more) return null;
  return (
    <nav class="k-pager" aria-label="翻页">
      {page > 1 ? <a class="k-btn" href={`${base}?page=${page - 1}`}>上一页</a> : null}
      <span>第 {String(page)} 页</span>
      {more ? <a class="k-btn" href={`${base}?page=${page + 1}`}>下一页</a> : null}
    </nav>
  );
}

/** A document's body as published (sanitised when it was saved by the info module). */
export const Body = ({ html }: { html: string }) => <div class="k-body">{raw(html)}</div>;

export type ApplyField = { name: string; label: string; help: string; required?: boolean; type?: 'text' | 'textarea' | 'select' | 'radio'; options?: readonly (readonly [string, string])[]; max: number; inputmode?: string };

/** The 依申请公开 form for the touch screen: each field with its help beside it. */
export function KioskApply({ ctx, idle, fields, values, errors, list, agencies }: { ctx: PageCtx; idle: number; fields: readonly ApplyField[]; values: Record<string, string>; errors: Record<string, string>; list: string[]; agencies: { id: number; name: string }[] }): SafeHtml {
  const control = (f: ApplyField) => {
    const id = `k-${f.name}`;
    const desc = [`${id}-help`, errors[f.name] ? `${id}-error` : ''].filter(Boolean).join(' ');
    const common = { id, name: f.name, required: f.required, 'aria-describedby': desc, 'aria-invalid': errors[f.name] ? 'true' : undefined };
    if (f.name === 'agencyId' || f.type === 'select') {
      const opts = f.name === 'agencyId' ? agencies.map((a) => [String(a.id), a.name] as const) : f.options ?? [];
      return <select {...common}><option value="">请选择</option>{opts.map(([v, l]) => <option value={v} selected={values[f.name] === v}>{l}</option>)}</select>;
    }
    if (f.type === 'radio') {
      return <div class="k-radios" role="radiogroup" aria-labelledby={`${id}-label`} aria-describedby={desc}>{(f.options ?? []).map(([v, l]) => <label class="k-radio"><input type="radio" name={f.name} value={v} checked={values[f.name] === v} required={f.required} /> {l}</label>)}</div>;
    }
    if (f.type === 'textarea') return <textarea {...common} rows="4" maxlength={String(f.max)}>{values[f.name] ?? ''}</textarea>;
    return <input {...common} maxlength={String(f.max)} inputmode={f.inputmode} value={values[f.name] ?? ''} autocomplete="off" />;
  };
  return (
    <KioskLayout ctx={ctx} title="申请公开政府信息" idle={idle}>
      <h1>申请公开政府信息</h1>
      <p class="k-lead">依据《中华人民共和国政府信息公开条例》第二十七条至第二十九条，向行政机关申请获取政府信息。带 * 的为必填项。现场工作人员可协助填写。</p>
      {list.length ? (
        <div class="k-errors" role="alert" tabindex="-1"><h2>请修改以下内容后再提交：</h2><ul>{list.map((m) => <li>{m}</li>)}</ul></div>
      ) : null}
      <PostForm ctx={ctx} action={`${KIOSK}/apply`} className="k-form">
        <input type="hidden" name="submitKey" value={values.submitKey ?? ''} />
        {fields.map((f) => (
          <div class={`k-field${errors[f.name] ? ' k-invalid' : ''}`}>
            <div class="k-input">
              {f.type === 'radio' ? <span class="k-label" id={`k-${f.name}-label`}>{f.label}{f.required ? <span class="req" aria-hidden="true">*</span> : null}</span>
                : <label class="k-label" for={`k-${f.name}`}>{f.label}{f.required ? <span class="req" aria-hidden="true">*</span> : null}</label>}
              {control(f)}
              {errors[f.name] ? <p class="k-error" id={`k-${f.name}-error`}>{errors[f.name]}</p> : null}
            </div>
            <p class="k-help" id={`k-${f.name}-help`}>{f.help}</p>
          </div>
        ))}
        <p class="k-actions"><button type="submit" class="k-btn k-primary">提交申请</button> <a class="k-btn" href={KIOSK}>放弃并返回首页</a></p>
      </PostForm>
    </KioskLayout>
  );
}

export function KioskReceipt({ ctx, idle, code, secret, agencyName }: { ctx: PageCtx; idle: number; code: string; secret: string; agencyName: string }): SafeHtml {
  return (
    <KioskLayout ctx={ctx} title="申请已提交" idle={idle}>
      <h1>申请已提交</h1>
      <p class="k-lead">您的申请已提交给{agencyName}，等待确认受理。请记下或打印下面的查询码和密码，凭它们在网站“依申请公开 · 查询进度”查看办理情况。离开前请点“完成”，本页内容将被清除。</p>
      <dl class="k-receipt">
        <dt>查询码</dt><dd>{code}</dd>
        <dt>查询密码</dt><dd>{secret}</dd>
      </dl>
      <p class="k-actions"><PrintButton /> <a class="k-btn k-primary" href={`${KIOSK}?reset=1`}>完成</a></p>
    </KioskLayout>
  );
}
