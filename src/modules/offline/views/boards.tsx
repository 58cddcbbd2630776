import { h, type SafeHtml } from '../../../core/render/jsx.js';
import type { PageCtx } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { describedBy, ErrorBox, Field, Notice, PostForm, TableScroll } from '../../../web/components.js';
import type { Notice as PrintNotice } from '../../../core/module.js';
import { BOARD_LIMITS, type BoardRow, type PostingRow } from '../boards.js';

export const BASE = '/admin/offline';
export type Problems = { list: string[]; fields: Record<string, string> };
export type Values = Record<string, string>;
const NONE: Problems = { list: [], fields: {} };

export const Sub = ({ here }: { here: 'points' | 'boards' | 'notices' }) => (
  <nav class="subnav" aria-label="线下公开"><ul>
    <li><a href={BASE} aria-current={here === 'points' ? 'page' : undefined}>公开查阅点</a></li>
    <li><a href={`${BASE}/boards`} aria-current={here === 'boards' ? 'page' : undefined}>公开栏</a></li>
    <li><a href={`${BASE}/notices`} aria-current={here === 'notices' ? 'page' : undefined}>打印公告</a></li>
  </ul></nav>
);

const STATE = { posted: '张贴中', taken_down: '已撤下' } as const;

/** The fields of a board, for the new-board form and the edit form. */
function BoardFields({ values, owners, e }: { values: Values; owners: { id: number; name: string }[]; e: Record<string, string> }): SafeHtml {
  return (
    <div class="stack">
        <Field id="bd-name" label="名称" required hint={`如“城关镇东街村村务公开栏”，不超过 ${BOARD_LIMITS.name} 字`} error={e.name}>
          <input id="bd-name" name="name" required maxlength={String(BOARD_LIMITS.name)} value={values.name ?? ''} aria-describedby={describedBy('bd-name', { hint: true, error: e.name })} />
        </Field>
        <Field id="bd-place" label="设置地点" required hint="公众能找到的位置，如“村委会大门东侧”" error={e.place}>
          <input id="bd-place" name="place" required maxlength={String(BOARD_LIMITS.place)} value={values.place ?? ''} aria-describedby={describedBy('bd-place', { hint: true, error: e.place })} />
        </Field>
        <Field id="bd-agency" label="管理单位" required hint="负责张贴和维护的部门、乡镇（街道）或村（社区）" error={e.agencyId}>
          <select id="bd-agency" name="agencyId" required aria-describedby={describedBy('bd-agency', { hint: true, error: e.agencyId })}>
            <option value="">请选择</option>
            {owners.map((o) => <option value={String(o.id)} selected={values.agencyId === String(o.id)}>{o.name}</option>)}
          </select>
        </Field>
    </div>
  );
}

/** The register of boards with the form to add one beside it. */
export function BoardsPage({ ctx, rows, owners, values, problems = NONE, notice }: { ctx: PageCtx; rows: BoardRow[]; owners: { id: number; name: string }[]; values: Values; problems?: Problems; notice?: string }): SafeHtml {
  const e = problems.fields;
  return (
    <Layout ctx={ctx} title="公开栏" admin>
      <h1>公开栏</h1>
      <Sub here="boards" />
      <p>本级政府部门、乡镇（街道）和村（社区）设置的政务公开栏、公示栏和电子屏。打印的公告张贴后在此登记张贴期和现场照片；有公示期的公告在公示期满后自动撤下。</p>
      <Notice text={notice} />
      {rows.length ? (
        <TableScroll label="公开栏">
          <table class="data">
            <caption>本级政府的公开栏（{rows.length}）</caption>
            <thead><tr><th scope="col">名称</th><th scope="col">设置地点</th><th scope="col">管理单位</th><th scope="col">张贴中</th><th scope="col">状态</th></tr></thead>
            <tbody>
              {rows.map((b) => (
                <tr>
                  <td><a href={`${BASE}/boards/${b.id}`}>{b.name}</a></td><td>{b.place}</td><td>{b.agencyName}</td><td>{String(b.posted)}</td>
                  <td>{b.active ? '使用中' : <span class="tag">已停用</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : <p>还没有登记公开栏。</p>}
      <h2 id="new-board">登记公开栏</h2>
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={`${BASE}/boards`} className="stack doc-form">
        <input type="hidden" name="submitKey" value={values.submitKey ?? ''} />
        <BoardFields values={values} owners={owners} e={e} />
        <p class="form-actions"><button type="submit">登记</button></p>
      </PostForm>
    </Layout>
  );
}

/** One board: what is posted on it and what was, each with its photo and take-down. */
export function BoardPage({ ctx, board, rows, owners, values, problems = NONE, notice, photoUrl }: { ctx: PageCtx; board: BoardRow; rows: PostingRow[]; owners: { id: number; name: string }[]; values: Values; problems?: Problems; notice?: string; photoUrl: (p: PostingRow) => string | null }): SafeHtml {
  return (
    <Layout ctx={ctx} title={`公开栏：${board.name}`} admin>
      <h1>{board.name}</h1>
      <Sub here="boards" />
      <p>{board.place} · {board.agencyName} · {board.active ? '使用中' : '已停用'}</p>
      <Notice text={notice} />
      <ErrorBox errors={problems.list} />
      <p><a href={`${BASE}/notices`}>打印公告并登记张贴</a></p>
      {rows.length ? (
        <TableScroll label="张贴记录">
          <table class="data feedback">
            <caption>张贴记录（{rows.length}）</caption>
            <thead><tr><th scope="col">公告</th><th scope="col">张贴期和状态</th><th scope="col">现场照片</th><th scope="col">操作</th></tr></thead>
            <tbody>
              {rows.map((p) => {
                const url = photoUrl(p);
                return (
                  <tr id={`posting-${p.id}`}>
                    <td><a href={`${BASE}/notices/${encodeURIComponent(p.noticeKind)}/${p.noticeId}?paper=${p.paper}`}>{p.title}</a></td>
                    <td>
                      {p.fromOn} 至 {p.toOn}（{p.paper}）
                      <br />{p.autoTakeDown ? '公示期满自动撤下' : '到期需人工撤下'}
                      <br /><strong>{STATE[p.state]}</strong>{p.takenDownOn ? `：${p.takenDownOn}，${p.takenDownBy ?? ''}` : ''}
                    </td>
                    <td>
                      {url ? <a href={url}>查看照片</a> : '未上传'}
                      {p.state === 'posted' ? (
                        <PostForm ctx={ctx} action={`${BASE}/postings/${p.id}/photo`} enctype="multipart/form-data" className="inline-upload">
                          <label for={`photo-${p.id}`}>{url ? '更换照片' : '上传照片'}<span class="sr-only">：{p.title}</span></label>
                          <input id={`photo-${p.id}`} type="file" name="photo" accept="image/jpeg,image/png" required aria-invalid={problems.fields[`photo-${p.id}`] ? 'true' : undefined} />
                          {problems.fields[`photo-${p.id}`] ? <p class="field-error">{problems.fields[`photo-${p.id}`]}</p> : null}
                          <button type="submit" class="secondary">上传</button>
                        </PostForm>
                      ) : null}
                    </td>
                    <td>
                      {p.state === 'posted' ? (
                        <PostForm ctx={ctx} action={`${BASE}/postings/${p.id}/take-down`}>
                          <button type="submit" class="secondary">撤下<span class="sr-only">：{p.title}</span></button>
                        </PostForm>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      ) : <p>该公开栏还没有张贴记录。</p>}
      <h2 id="edit-board">修改公开栏信息</h2>
      <PostForm ctx={ctx} action={`${BASE}/boards/${board.id}`} className="stack doc-form">
        <BoardFields values={values} owners={owners} e={problems.fields} />
        <p class="form-actions"><button type="submit">保存修改</button></p>
      </PostForm>
      <PostForm ctx={ctx} action={`${BASE}/boards/${board.id}/${board.active ? 'deactivate' : 'reactivate'}`}>
        <button type="submit" class="secondary">{board.active ? '停用该公开栏' : '恢复使用'}</button>
      </PostForm>
      <p><a href={`${BASE}/boards`}>返回公开栏列表</a></p>
    </Layout>
  );
}

/** Choosing what to print: a kind of record and its number, the paper. */
export function NoticesPage({ ctx, kinds, values, problems = NONE }: { ctx: PageCtx; kinds: { kind: string; label: string }[]; values: Values; problems?: Problems }): SafeHtml {
  const e = problems.fields;
  return (
    <Layout ctx={ctx} title="打印公告" admin>
      <h1>打印公告</h1>
      <Sub here="notices" />
      <p>已发布的政府信息、公开目录事项等可以打印为 A4 或 A3 纸公告，张贴到公开栏。公告印有发布机关、发布日期和公示期，以及打开网上原文的二维码。编号见各记录网页地址末尾的数字（如 /xxgk/<strong>12</strong>）。</p>
      <ErrorBox errors={problems.list} />
      <form method="get" action={`${BASE}/notices/open`} class="stack doc-form">
        <Field id="nt-kind" label="公告内容" required error={e.kind}>
          <select id="nt-kind" name="kind" required aria-describedby={describedBy('nt-kind', { error: e.kind })}>
            {kinds.map((k) => <option value={k.kind} selected={values.kind === k.kind}>{k.label}</option>)}
          </select>
        </Field>
        <Field id="nt-id" label="编号" required hint="记录网页地址末尾的数字" error={e.id}>
          <input id="nt-id" name="id" inputmode="numeric" maxlength="10" required value={values.id ?? ''} aria-describedby={describedBy('nt-id', { hint: true, error: e.id })} />
        </Field>
        <fieldset>
          <legend>纸张</legend>
          <div class="checks">
            <label class="check"><input type="radio" name="paper" value="A4" checked={values.paper !== 'A3'} /> A4</label>
            <label class="check"><input type="radio" name="paper" value="A3" checked={values.paper === 'A3'} /> A3</label>
          </div>
        </fieldset>
        <p class="form-actions"><button type="submit">预览并打印</button></p>
      </form>
    </Layout>
  );
}

/** Recording that a printed notice went up on a board. */
export function PostingPage({ ctx, n, kind, id, boards, values, problems = NONE }: { ctx: PageCtx; n: PrintNotice; kind: string; id: number; boards: BoardRow[]; values: Values; problems?: Problems }): SafeHtml {
  const e = problems.fields;
  const action = `${BASE}/notices/${encodeURIComponent(kind)}/${id}/post`;
  return (
    <Layout ctx={ctx} title="登记张贴" admin>
      <h1>登记张贴</h1>
      <Sub here="notices" />
      <p>公告：<strong>{n.title}</strong>（{n.issuer}，{n.publishedOn} 发布{n.until ? `，公示期至 ${n.until}` : ''}）</p>
      {n.until ? <p>该公告有公示期，到期次日系统自动撤下并记录。</p> : <p>该公告没有公示期，请填写计划撤下日期；到期时工作台会提醒撤下。</p>}
      <ErrorBox errors={problems.list} />
      <PostForm ctx={ctx} action={action} className="stack doc-form">
        <input type="hidden" name="submitKey" value={values.submitKey ?? ''} />
        <Field id="ps-board" label="公开栏" required error={e.boardId}>
          <select id="ps-board" name="boardId" required aria-describedby={describedBy('ps-board', { error: e.boardId })}>
            <option value="">请选择</option>
            {boards.filter((b) => b.active).map((b) => <option value={String(b.id)} selected={values.boardId === String(b.id)}>{b.name}（{b.place}）</option>)}
          </select>
        </Field>
        <Field id="ps-from" label="张贴日期" required error={e.fromOn}>
          <input id="ps-from" name="fromOn" type="date" required value={values.fromOn ?? ''} aria-describedby={describedBy('ps-from', { error: e.fromOn })} />
        </Field>
        <Field id="ps-to" label="撤下日期" required={!n.until} hint={n.until ? `不填即为公示期最后一天 ${n.until}` : '张贴的最后一天'} error={e.toOn}>
          <input id="ps-to" name="toOn" type="date" required={!n.until} value={values.toOn ?? ''} max={n.until ?? undefined} aria-describedby={describedBy('ps-to', { hint: true, error: e.toOn })} />
        </Field>
        <fieldset>
          <legend>纸张</legend>
          <div class="checks">
            <label class="check"><input type="radio" name="paper" value="A4" checked={values.paper !== 'A3'} /> A4</label>
            <label class="check"><input type="radio" name="paper" value="A3" checked={values.paper === 'A3'} /> A3</label>
          </div>
        </fieldset>
        <p class="form-actions"><button type="submit">登记张贴</button> <a href={`${BASE}/notices/${encodeURIComponent(kind)}/${id}`}>返回公告</a></p>
      </PostForm>
      <p>张贴后请在公开栏页面上传现场照片。</p>
    </Layout>
  );
}
