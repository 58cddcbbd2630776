import { LEVEL_LABELS, type CatalogItemInput, type Level } from './types.js';

type Keyed = CatalogItemInput & { itemKey: string };

export const FIELD_LABELS: Record<keyof CatalogItemInput, string> = {
  level1: '一级事项',
  level2: '二级事项',
  level3: '三级事项',
  itemCode: '事项编码',
  content: '公开内容（要素）',
  basis: '公开依据',
  timeLimitText: '公开时限',
  subject: '公开主体',
  channels: '公开渠道和载体',
  otherChannels: '其他渠道',
  audiencePublic: '公开对象：全社会',
  audienceSpecific: '公开对象：特定群体',
  modeActive: '公开方式：主动',
  modeOnRequest: '公开方式：依申请',
  levels: '公开层级',
};

export type FieldChange = { field: keyof CatalogItemInput; label: string; before: string; after: string };
export type ItemDiff =
  | { kind: 'added'; title: string }
  | { kind: 'removed'; title: string }
  | { kind: 'changed'; title: string; changes: FieldChange[] };

const show = (v: unknown, field?: keyof CatalogItemInput): string => (field === 'levels' && Array.isArray(v) ? v.map((l: Level) => LEVEL_LABELS[l] ?? l).join('、') : Array.isArray(v) ? v.join('、') : typeof v === 'boolean' ? (v ? '是' : '否') : v == null ? '' : String(v));
const title = (i: CatalogItemInput) => [i.level1, i.level2, i.level3].filter(Boolean).join(' / ');

/** A readable diff between two versions, matching items by their stable key. */
export function diffItems(before: Keyed[], after: Keyed[]): ItemDiff[] {
  const old = new Map(before.map((i) => [i.itemKey, i]));
  const out: ItemDiff[] = [];
  for (const a of after) {
    const b = old.get(a.itemKey);
    old.delete(a.itemKey);
    if (!b) {
      out.push({ kind: 'added', title: title(a) });
      continue;
    }
    const changes = (Object.keys(FIELD_LABELS) as (keyof CatalogItemInput)[])
      .filter((f) => show(a[f], f) !== show(b[f], f))
      .map((f) => ({ field: f, label: FIELD_LABELS[f], before: show(b[f], f), after: show(a[f], f) }));
    if (changes.length) out.push({ kind: 'changed', title: title(a), changes });
  }
  for (const b of old.values()) out.push({ kind: 'removed', title: title(b) });
  return out;
}

/** Matching key for rows that have no stable identity (a file, a template): the item's title, normalised, and which occurrence of it. */
export function keyByTitle<T extends CatalogItemInput>(items: readonly T[]): (T & { itemKey: string })[] {
  const seen = new Map<string, number>();
  return items.map((i) => {
    const t = title(i).replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
    const n = (seen.get(t) ?? 0) + 1;
    seen.set(t, n);
    return { ...i, itemKey: `${t}#${n}` };
  });
}

/** The diff counted by kind, for the preview's summary line. */
export const diffCounts = (d: readonly ItemDiff[]) => ({
  added: d.filter((x) => x.kind === 'added').length,
  changed: d.filter((x) => x.kind === 'changed').length,
  removed: d.filter((x) => x.kind === 'removed').length,
});
