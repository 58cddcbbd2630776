import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { ErrorBox, formatDateTime, Notice, PostForm, TableScroll } from '../../../web/components.js';
import { ARRANGEMENT_LABELS } from './content.js';
import type { EditionReason, EditionState, HandbookArrangement } from './schema.js';
import type { EditionView, HandbookOverview, PublicEdition } from './service.js';

export const STAFF_BASE = '/admin/banshi/yibentong';
export const PUBLIC_PATH = '/banshi/yibentong';
export const STATE_LABELS: Record<EditionState, string> = { queued: '排队等候', running: '正在编制', done: '已完成', failed: '编制失败' };
export const REASON_LABELS: Record<EditionReason, string> = { manual: '工作人员发起', stale: '办事指南更新后自动重编' };
export const NOTICES: Record<string, string> = { queued: '已开始编制办事一本通，完成后可在本页下载。' };

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

function Downloads({ e, label }: { e: Pick<EditionView, 'pdf' | 'docx'>; label: string }): SafeHtml {
  return (
    <p class="downloads">
      {e.pdf ? <a href={e.pdf.url} download>下载{label} PDF（{size(e.pdf.size)}）</a> : null}
      {e.pdf && e.docx ? '　' : null}
      {e.docx ? <a href={e.docx.url} download>下载{label} Word（{size(e.docx.size)}）</a> : null}
    </p>
  );
}

function Progress({ e }: { e: EditionView }): SafeHtml {
  const text = e.state === 'queued' ? '排队等候编制…' : `正在编制：已完成 ${e.done} / ${e.total || '—'} 项`;
  return (
    <div class="handbook-progress" data-handbook-edition={String(e.id)} data-status-url={`${STAFF_BASE}/editions/${e.id}/status`}>
      <p><label for={`hb-progress-${e.id}`}>{text}</label></p>
      <progress id={`hb-progress-${e.id}`} max={String(e.total || 1)} value={e.state === 'queued' ? undefined : String(e.done)}>{text}</progress>
      <p class="muted"><a href={STAFF_BASE}>刷新查看进度</a>（页面会自动更新）</p>
    </div>
  );
}

function ArrangementBox({ ctx, a, mayAct }: { ctx: PageCtx; a: HandbookOverview['arrangements'][number]; mayAct: boolean }): SafeHtml {
  const label = ARRANGEMENT_LABELS[a.arrangement];
  return (
    <section class="handbook-arrangement" aria-labelledby={`hb-${a.arrangement}`}>
      <h2 id={`hb-${a.arrangement}`}>{label}</h2>
      {a.current ? (
        <Fragment>
          <p>当前版本：<strong>第 {String(a.current.number)} 版</strong>，编制于 {formatDateTime(a.current.finishedAt)}，收录办事指南 {String(a.current.total)} 项。</p>
          <Downloads e={a.current} label="" />
        </Fragment>
      ) : <p class="muted">尚未编制。</p>}
      {a.stale ? <div class="notice notice-warn" role="status">当前版本编制后又有办事指南发布或变更，{a.active ? '正在重新编制。' : '系统将自动重新编制。'}</div> : null}
      {a.active ? <Progress e={a.active} /> : mayAct ? (
        <PostForm ctx={ctx} action={STAFF_BASE}>
          <input type="hidden" name="arrangement" value={a.arrangement} />
          <button type="submit">{a.current ? '重新编制' : '开始编制'}{label}</button>
        </PostForm>
      ) : null}
    </section>
  );
}

export function StaffPage({ ctx, o, notice, errors = [] }: { ctx: PageCtx; o: HandbookOverview; notice?: string; errors?: string[] }): SafeHtml {
  return (
    <Layout ctx={ctx} title="办事一本通" admin>
      <h1>办事一本通</h1>
      <nav class="subnav" aria-label="办事指南"><ul><li><a href="/admin/banshi">办事指南</a></li><li><a href={STAFF_BASE} aria-current="page">办事一本通</a></li><li><a href={PUBLIC_PATH}>查看公开页面</a></li></ul></nav>
      <Notice text={notice} />
      <ErrorBox errors={errors} />
      <p>{o.govName}已发布的办事指南共 <strong>{String(o.published)}</strong> 项。办事一本通汇编每个事项的简版指南（事项名称、实施编码、实施主体、受理条件、申请材料、办理时限、收费、办理地点和时间、咨询方式）和链接到完整指南的二维码，生成 PDF 和 Word 两种格式，在政府网站上公开下载。办事指南发布或变更后，系统自动重新编制。</p>
      {o.arrangements.map((a) => <ArrangementBox ctx={ctx} a={a} mayAct={o.mayAct} />)}
      {o.history.length ? (
        <section>
          <h2>编制记录</h2>
          <TableScroll label="办事一本通编制记录">
            <table class="data">
              <thead><tr><th scope="col">编排方式</th><th scope="col">版本</th><th scope="col">状态</th><th scope="col">发起</th><th scope="col">进度</th><th scope="col">开始时间</th><th scope="col">完成时间</th></tr></thead>
              <tbody>{o.history.map((e) => (
                <tr>
                  <td>{ARRANGEMENT_LABELS[e.arrangement]}</td>
                  <td>{e.state === 'done' ? `第 ${e.number} 版` : '—'}</td>
                  <td>{STATE_LABELS[e.state]}{e.state === 'failed' ? <span class="tag tag-overdue">请重新编制</span> : null}</td>
                  <td>{REASON_LABELS[e.reason]}</td>
                  <td>{e.total ? `${e.done} / ${e.total}` : '—'}</td>
                  <td>{formatDateTime(e.startedAt) || '—'}</td>
                  <td>{formatDateTime(e.finishedAt) || '—'}</td>
                </tr>
              ))}</tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}
      <script src={`${STAFF_BASE}/progress.js`} defer></script>
    </Layout>
  );
}

const CRUMBS = [{ href: '/', label: '首页' }, { href: '/banshi', label: '办事指南' }, { label: '办事一本通' }];

export function PublicPage({ ctx, editions }: { ctx: PageCtx; editions: PublicEdition[] }): SafeHtml {
  const byGov = new Map<string, PublicEdition[]>();
  for (const e of editions) byGov.set(e.govName, [...(byGov.get(e.govName) ?? []), e]);
  const several = byGov.size > 1;
  return (
    <Layout ctx={ctx} title="办事一本通" crumbs={CRUMBS}>
      <h1>办事一本通</h1>
      <p>办事一本通汇编本级政府各部门已发布的办事指南：每个事项的办理条件、申请材料、办理时限、收费标准、办理地点和时间、咨询和投诉方式，并附二维码，用手机扫码可查看该事项的完整办事指南。可按部门或按主题（个人、法人办事场景）查阅，下载后可打印。</p>
      {editions.length ? [...byGov].map(([gov, list]) => (
        <section>
          <h2>{several ? gov : '下载'}</h2>
          {list.map((e) => (
            <section class="handbook-edition" aria-label={`${gov}办事一本通（${ARRANGEMENT_LABELS[e.arrangement as HandbookArrangement]}）`}>
              <h3>{gov}办事一本通（{ARRANGEMENT_LABELS[e.arrangement as HandbookArrangement]}）</h3>
              <p class="muted">当前版本：第 {String(e.number)} 版 · {e.finishedOn} 编制 · 收录办事指南 {String(e.items)} 项</p>
              <Downloads e={e} label="" />
            </section>
          ))}
        </section>
      )) : <p class="muted">暂未发布办事一本通，请稍后查看，或在线查看办事指南。</p>}
      <p><a href="/banshi">在线查看全部办事指南</a></p>
    </Layout>
  );
}

/** Polls the edition's status while it builds and updates the bar; reloads the page when it is done. */
export const PROGRESS_JS = `(() => {
  for (const box of document.querySelectorAll('[data-handbook-edition]')) {
    const url = box.getAttribute('data-status-url');
    const bar = box.querySelector('progress');
    const label = box.querySelector('label');
    const tick = async () => {
      try {
        const r = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
        if (!r.ok) return;
        const s = await r.json();
        if (s.state === 'done' || s.state === 'failed') { location.replace(location.pathname); return; }
        if (s.state === 'running' && bar && label) {
          bar.max = s.total || 1; bar.value = s.done;
          label.textContent = '正在编制：已完成 ' + s.done + ' / ' + (s.total || '—') + ' 项';
        }
      } catch (e) { /* the next tick tries again */ }
      setTimeout(tick, 1500);
    };
    setTimeout(tick, 1000);
  }
})();
`;
