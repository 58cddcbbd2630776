import { h, type SafeHtml } from '../../../core/render/jsx.js';
import { formatDateTime, PostForm, TableScroll } from '../../../web/components.js';
import type { PageCtx } from '../../../web/context.js';
import type { ImportPreview } from '../imports.js';
import type { Domain, Template } from '../repository.js';
import { itemRows } from '../repository.js';
import { marksUnknown } from '../template-item.js';
import { DiffList } from './diff.js';
import { ItemTable, levelText } from './item.js';

/** A row's source: the publisher's text, and the page it was read from as a link. */
export function SourceText({ source }: { source: string }): SafeHtml {
  const [who, url] = source.split('｜');
  const link = url?.trim();
  return (
    <span class="template-source">
      {who || '（未载明来源）'}
      {link && /^https?:\/\//.test(link) ? <span> <a href={link} rel="noopener noreferrer" target="_blank">原页面</a></span> : null}
    </span>
  );
}

/**
 * What staff must know before using a domain's template: whether it is complete, where it comes
 * from, which rows were cut off in their source and how many rows lack 对象/方式 marks.
 */
export function TemplateStatus({ domain, rows, department, compact }: { domain: Domain; rows: Template[]; department: string | null; compact?: boolean }): SafeHtml {
  if (rows.length === 0) return <p class="notice notice-warn template-status">{domain.name}领域暂无标准模板事项。{department ? `模板由指导单位${department}导入本领域标准指引全表后生成。` : ''}</p>;
  const cut = rows.filter((r) => r.cut);
  const unknown = rows.filter((r) => !r.cut && (marksUnknown(r).audience || marksUnknown(r).mode));
  if (domain.templateComplete) {
    return <div class="notice template-status" role="note"><p><strong>本领域模板完整</strong>（{rows.length} 项）：{domain.templateSource}。</p></div>;
  }
  return (
    <div class="notice notice-warn template-status" role="note">
      <p><strong>本领域模板不完整（部分模板）</strong>：{domain.templateSource || '来源未载明'}，共 {rows.length} 项；完整的县级目录通常有 20–60 项。{department ? `完整模板须由指导单位${department}导入本领域标准指引全表。` : ''}</p>
      {cut.length ? (
        <p>
          其中 {cut.length} 项在来源目录中被截断（表中标“来源截断”），不能直接采用：
          {cut.map((r, i) => <span>{i ? '；' : ''}第 {rows.indexOf(r) + 1} 项 {r.level1}{r.level2 ? ` / ${r.level2}` : ''}</span>)}。
        </p>
      ) : null}
      {unknown.length && !compact ? <p>另有 {unknown.length} 项的公开对象或公开方式在来源中未载明，编制目录时按“全社会”“主动”预填，请核对。</p> : null}
    </div>
  );
}

const yes = (on: boolean, unknown: boolean) => (on ? '√' : unknown ? '未载明' : '');

/** The template rows with every element, each with its source and note; cut rows are marked. */
export function TemplateTable({ rows, caption }: { rows: Template[]; caption: string }): SafeHtml {
  return (
    <TableScroll label={caption}>
      <table class="data catalog template-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">序号</th><th scope="col">一级事项</th><th scope="col">二级事项</th><th scope="col">公开内容（要素）</th><th scope="col">公开依据</th>
            <th scope="col">公开时限</th><th scope="col">公开主体</th><th scope="col">公开渠道和载体</th><th scope="col">全社会</th><th scope="col">特定群体</th>
            <th scope="col">主动</th><th scope="col">依申请</th><th scope="col">公开层级</th><th scope="col">来源</th><th scope="col">备注</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const u = marksUnknown(r);
            return (
              <tr class={r.cut ? 'template-cut' : undefined}>
                <td data-label="序号">{i + 1}</td>
                <td data-label="一级事项">{r.level1 || '（空）'}</td>
                <td data-label="二级事项">{r.level2 || '（空）'}{r.cut ? <span class="tag tag-cut">来源截断</span> : null}</td>
                <td data-label="公开内容（要素）" class="pre">{r.content}</td>
                <td data-label="公开依据">{r.basis}</td>
                <td data-label="公开时限">{r.timeLimitText}</td>
                <td data-label="公开主体">{r.subject}</td>
                <td data-label="公开渠道和载体">{[...r.channels, ...r.otherChannels].join('、')}</td>
                <td data-label="全社会">{yes(r.audiencePublic, u.audience)}</td>
                <td data-label="特定群体">{yes(r.audienceSpecific, false)}</td>
                <td data-label="主动">{yes(r.modeActive, u.mode)}</td>
                <td data-label="依申请">{yes(r.modeOnRequest, false)}</td>
                <td data-label="公开层级">{levelText(r.levels)}</td>
                <td data-label="来源"><SourceText source={r.source} /></td>
                <td data-label="备注" class="template-note">{r.note}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The preview of an upload: what the file says about itself, what changes, the rows, confirm or discard. */
export function ImportPreviewBody({ ctx, p, base, target, removedNote }: { ctx: PageCtx; p: ImportPreview; base: string; target: string; removedNote: string }): SafeHtml {
  const { imp, counts } = p;
  const rows = itemRows(0, imp.items.map((it) => ({ ...it, origin: 'import' as const }))).map((r, i) => ({ ...r, id: i + 1 }));
  return (
    <div class="import-preview">
      <dl class="facts">
        <dt>文件</dt><dd>{imp.filename}</dd>
        <dt>上传时间</dt><dd>{formatDateTime(imp.createdAt)}</dd>
        <dt>导入到</dt><dd>{target}</dd>
      </dl>
      <section>
        <h2>文件标明的领域和机构</h2>
        <ul class="provenance">{imp.provenance.map((l) => <li class={l.includes('推定') ? 'flag' : undefined}>{l}</li>)}</ul>
      </section>
      {imp.warnings.length ? <section><h2>读取提示</h2><ul>{imp.warnings.map((w) => <li>{w}</li>)}</ul></section> : null}
      <section>
        <h2>将要发生的变化</h2>
        <p class="lead">新增 {counts.added} 项、修改 {counts.changed} 项、删除 {counts.removed} 项；导入后共 {imp.items.length} 项。</p>
        {counts.removed ? <p class="muted">{removedNote}</p> : null}
        <DiffList diff={p.diff} empty="文件中的事项与现有事项完全相同。" />
      </section>
      {p.stale ? (
        <p class="notice notice-warn" role="alert">预览之后目录已有变化，这份预览已过时。请重新上传文件。</p>
      ) : (
        <div class="form-actions import-actions">
          <PostForm ctx={ctx} action={`${base}/confirm`} className="action-form"><button type="submit">确认导入</button></PostForm>
          <PostForm ctx={ctx} action={`${base}/discard`} className="action-form"><button type="submit" class="secondary">放弃，不导入</button></PostForm>
        </div>
      )}
      <section>
        <h2>文件中的事项（{rows.length}）</h2>
        <ItemTable items={rows} caption="导入文件中的事项" />
      </section>
    </div>
  );
}
