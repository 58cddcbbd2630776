import { h, Fragment, raw, type Child, type SafeHtml } from '../core/render/jsx.js';
import type { DocumentPanel } from '../core/module.js';
import type { PageCtx } from './context.js';

/** A POST form with its CSRF token. */
export function PostForm({ ctx, action, children, className, enctype }: { ctx: PageCtx; action: string; children?: Child; className?: string; enctype?: string }): SafeHtml {
  // The token is the form's first field, multipart forms included (the server reads their body
  // before checking it), so it never appears in a URL.
  return (
    <form method="post" action={action} class={className} enctype={enctype}>
      <input type="hidden" name="_csrf" value={ctx.csrf()} />
      {children}
    </form>
  );
}

/**
 * A public form's honeypot: a field people never see (hidden from screen readers too) that a program
 * filling every box fills; the route refuses it with `refuseFilledHoneypot(field(b, 'homepage'))`.
 */
export function Honeypot({ id }: { id: string }): SafeHtml {
  return (
    <div class="sr-only" aria-hidden="true">
      <label for={id}>请勿填写此项</label>
      <input id={id} name="homepage" tabindex="-1" autocomplete="off" value="" />
    </div>
  );
}

export function ErrorBox({ errors }: { errors: string[] }): SafeHtml {
  if (errors.length === 0) return raw('');
  return (
    <div class="error-box" role="alert">
      <p><strong>提交未成功，请修改以下问题：</strong></p>
      <ul>{errors.map((e) => <li>{e}</li>)}</ul>
    </div>
  );
}

export function Notice({ text }: { text?: string | null }): SafeHtml {
  return text ? <div class="notice" role="status">{text}</div> : raw('');
}

// Built once: constructing an Intl formatter costs more than formatting with it.
const DATE = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** A date on the Asia/Shanghai calendar, e.g. 2026/11/23. */
export const formatDate = (d: Date | null | undefined): string => (d ? DATE.format(d) : '');
export const formatDateTime = (d: Date | null | undefined): string => (d ? DATE_TIME.format(d) : '');

/** The ids a control's aria-describedby names: its hint and its error, when it has them. */
export const describedBy = (id: string, f: { hint?: Child; error?: string | null }): string | undefined =>
  [f.hint ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/**
 * One form control with its label directly above it, then its hint and its error (so a screen
 * reader and the eye meet them before the box). The control is the child; give it `id` and
 * `aria-describedby={describedBy(id, { hint, error })}`.
 */
export function Field({ id, label, required, hint, error, children, className }: { id: string; label: Child; required?: boolean; hint?: Child; error?: string | null; children?: Child; className?: string }): SafeHtml {
  return (
    <div class={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label for={id}>{label}{required ? <span class="req" aria-hidden="true">*</span> : null}</label>
      {hint ? <p class="field-hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p class="field-error" id={`${id}-error`}>{error}</p> : null}
      {children}
    </div>
  );
}

/**
 * A refused form's problems by field name, each to show beside its control, read from an AppError's
 * details in either shape the services use: `{ fields: { name: message } }` or
 * `[{ field, message }]` (the first problem of a field wins). Anything else gives none.
 */
export function fieldErrorsOf(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(details)) {
    for (const d of details as { field?: unknown; message?: unknown }[]) if (typeof d?.field === 'string' && d.field && typeof d.message === 'string') out[d.field] ??= d.message;
    return out;
  }
  const f = (details as { fields?: unknown } | null | undefined)?.fields;
  if (f && typeof f === 'object') for (const [k, m] of Object.entries(f)) if (typeof m === 'string') out[k] ??= m;
  return out;
}

/** The hint every date field carries: browsers without a date picker take the typed form. */
export const DATE_HINT = '格式：年-月-日，如 2026-01-31';

/**
 * A wide table in a box that scrolls sideways on its own (keyboard-reachable), so the page never
 * does; at phone width a hint says to swipe.
 */
export function TableScroll({ label, children }: { label: string; children?: Child }): SafeHtml {
  return (
    <div class="table-block">
      <p class="scroll-hint" aria-hidden="true">表格较宽，可左右滑动查看全部列。</p>
      <div class="table-scroll" role="region" aria-label={label} tabindex="0">{children}</div>
    </div>
  );
}

/** Other modules' boxes of links about a record (core/module.ts documentPanels, consultationPanels), e.g. 公众参与情况. */
export function LinkPanels({ panels }: { panels: readonly DocumentPanel[] }): SafeHtml | null {
  if (!panels.length) return null;
  return (
    <Fragment>
      {panels.map((p, i) => (
        <section class="doc-related" aria-labelledby={`panel-h-${i}`}>
          <h2 id={`panel-h-${i}`}>{p.title}</h2>
          <ul>{p.links.map((l) => <li><a href={l.href}>{l.label}</a>{l.note ? `（${l.note}）` : ''}</li>)}</ul>
        </section>
      ))}
    </Fragment>
  );
}
