import { h, type SafeHtml } from '../../../core/render/jsx.js';
import type { ItemDiff } from '../diff.js';

const KIND_LABELS: Record<ItemDiff['kind'], string> = { added: '新增', removed: '删除', changed: '修改' };

/** A readable diff: each added, removed or changed item, and for a change each element before → after. */
export function DiffList({ diff, empty = '无事项变化。' }: { diff: ItemDiff[]; empty?: string }): SafeHtml {
  if (diff.length === 0) return <p>{empty}</p>;
  return (
    <ul class="diff">
      {diff.map((d) => (
        <li class={d.kind}>
          <strong>{KIND_LABELS[d.kind]}</strong>：{d.title}
          {d.kind === 'changed' ? <ul>{d.changes.map((c) => <li>{c.label}：<del>{c.before || '（空）'}</del> → <ins>{c.after || '（空）'}</ins></li>)}</ul> : null}
        </li>
      ))}
    </ul>
  );
}
