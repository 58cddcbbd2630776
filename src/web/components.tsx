import { h, raw, type Child, type SafeHtml } from '../core/render/jsx.js';
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
