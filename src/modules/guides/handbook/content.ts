// What the 办事一本通 prints for each published guide: its 简版指南 (the elements an applicant needs
// on one sheet) and where its full guide lives, arranged by department or by 主题. The PDF and the
// DOCX writers both render this, so the two files always carry the same items in the same order.
import { limitText, type GuideData } from '../elements.js';
import type { GuideSummary, GuideView } from '../public.js';
import type { HandbookArrangement } from './schema.js';

export const ARRANGEMENT_LABELS: Record<HandbookArrangement, string> = { department: '按部门编排', theme: '按主题编排' };
/** The heading items without any 主题 go under when arranged by theme. */
export const NO_THEME = '其他事项';

export type Field = { label: string; text: string };
export type HandbookItem = { id: number; code: string; name: string; agencyName: string; url: string; fields: Field[]; materials: string[] };
export type Section = { title: string; items: HandbookItem[] };
export type HandbookContent = { title: string; govName: string; arrangement: HandbookArrangement; edition: number; compiledOn: string; sections: Section[] };

/** The 简版指南 fields of one guide, in the order the national 简版 lists them; empty elements are left out. */
export function jianbanFields(d: GuideData, agencyName: string, code: string): Field[] {
  const fees = d.fees.length ? d.fees.map((f) => `${f.name}：${f.standard}${f.reducible ? '（可减免）' : ''}`).join('；') : '不收费';
  const fields: Field[] = [
    { label: '实施编码', text: code },
    { label: '实施主体', text: agencyName },
    { label: '事项类型', text: `${d.itemType}（${d.handleType}）` },
    { label: '服务对象', text: d.serviceObject },
    { label: '受理条件', text: d.conditions },
    { label: '法定办结时限', text: limitText(d.legalLimit) },
    { label: '承诺办结时限', text: limitText(d.promisedLimit) },
    { label: '收费标准', text: fees },
    { label: '到办事现场次数', text: `${d.visits} 次${d.visits > 0 && d.visitsReason ? `（${d.visitsReason}）` : ''}` },
    { label: '办理地点', text: d.place },
    { label: '办理时间', text: d.hours },
    { label: '咨询方式', text: d.consult },
    { label: '监督投诉', text: d.complaint },
  ];
  if (d.onlineUrl) fields.push({ label: '网上办理', text: d.onlineUrl });
  return fields.filter((f) => f.text.trim());
}

/** Each material in a line: name, necessity, originals and copies, and its requirement. */
export function materialLines(d: GuideData): string[] {
  return d.materials.map((m, i) => {
    const count = [m.originals ? `原件 ${m.originals} 份` : '', m.copies ? `复印件 ${m.copies} 份` : ''].filter(Boolean).join('、');
    const extra = [m.necessity, m.form, count].filter(Boolean).join('，');
    return `${i + 1}. ${m.name}（${extra}）${m.requirement ? `：${m.requirement}` : ''}${m.note ? `（${m.note}）` : ''}`;
  });
}

export const handbookItem = (g: GuideView, url: string): HandbookItem => ({
  id: g.id, code: g.code, name: g.data.name, agencyName: g.agencyName, url, fields: jianbanFields(g.data, g.agencyName, g.code), materials: materialLines(g.data),
});

/**
 * The sections: by department in the agencies' order (as listPublishedGuides returns them), or by
 * theme in the national lists' order (individual, then enterprise), an item under each of its
 * themes, and the items with none last.
 */
export function arrange(guides: readonly Pick<GuideSummary, 'id' | 'agencyName' | 'personThemes' | 'enterpriseThemes'>[], arrangement: HandbookArrangement, order: { person: readonly string[]; enterprise: readonly string[] }): { title: string; ids: number[] }[] {
  const groups = new Map<string, number[]>();
  const add = (k: string, id: number) => groups.set(k, [...(groups.get(k) ?? []), id]);
  if (arrangement === 'department') {
    for (const g of guides) add(g.agencyName, g.id);
    return [...groups].map(([title, ids]) => ({ title, ids }));
  }
  const titles: string[] = [];
  for (const g of guides) {
    const themes = [...g.personThemes.map((t) => `个人 · ${t}`), ...g.enterpriseThemes.map((t) => `法人 · ${t}`)];
    if (!themes.length) add(NO_THEME, g.id);
    for (const t of themes) add(t, g.id);
  }
  const rank = (t: string) => {
    const [kind, name] = t.split(' · ');
    if (t === NO_THEME) return 10_000;
    const list = kind === '个人' ? order.person : order.enterprise;
    const i = list.indexOf(name ?? '');
    return (kind === '个人' ? 0 : 1000) + (i < 0 ? 500 : i);
  };
  titles.push(...groups.keys());
  titles.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'zh'));
  return titles.map((title) => ({ title, ids: groups.get(title)! }));
}

/** The number of entries the table of contents lists (a section heading and its items). */
export const tocEntries = (c: Pick<HandbookContent, 'sections'>): number => c.sections.reduce((n, s) => n + 1 + s.items.length, 0);
