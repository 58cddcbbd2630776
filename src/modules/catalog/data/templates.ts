import { readFileSync } from 'node:fs';
import { standardChannelOf } from '../io/channels.js';
import { parseCsv } from '../io/csv.js';
import { levelOfLabel } from '../io/marks.js';
import { STANDARD_CHANNELS, type CatalogItemInput, type Level, type StandardChannel } from '../types.js';
import { PILOT_DOMAINS } from './domains.js';

/**
 * The shipped guide templates: real rows transcribed from catalogs that county and township
 * governments published (templates/<领域>.csv, 134 rows; provenance in templates/README-*.md).
 * Every domain is partial — only the opening rows of each published catalog could be read — so
 * each row keeps its source and the transcriber's note, and a row cut off in its source is marked.
 * Text stays as published; a mark that could not be read stays unticked (never guessed).
 */
export type TemplateSeed = CatalogItemInput & { domain: string; source: string; note: string; cut: boolean };

export const TEMPLATE_CSV_HEADER = ['一级事项', '二级事项', '公开内容（要素）', '公开依据', '公开时限', '公开主体', '公开渠道和载体', '公开对象', '公开方式', '公开层级', '来源', '备注'] as const;

/** Where the shipped rows come from, shown above a domain's template until its department completes it. */
export const SHIPPED_TEMPLATE_SOURCE = '据县、乡两级政府已发布的目录转录（部分：只含各来源目录开头的若干行）';

/** The transcriber marks a row cut off in its source with 【截断】 or "部分：…截断". */
export const isCutNote = (note: string): boolean => /【截断】|(^|；)部分：/.test(note);

const split = (s: string) => s.split('、').map((x) => x.trim()).filter(Boolean);

/**
 * The ■ channels as transcribed, joined with 、 (never inside brackets: "交易网(…省、州平台)" is one).
 * "其他:办税服务厅" and "其他法律服务网" tick 其他 and name the local channel; other names outside
 * the 13 standard channels are kept as the source wrote them.
 */
export function channelsOf(text: string): { channels: StandardChannel[]; otherChannels: string[] } {
  const names: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text.replace(/\[截断\]/g, '')) {
    if (ch === '(' || ch === '（') depth++;
    if (ch === ')' || ch === '）') depth = Math.max(0, depth - 1);
    if (ch === '、' && depth === 0) {
      names.push(cur);
      cur = '';
    } else cur += ch;
  }
  names.push(cur);
  const picked = new Set<StandardChannel>();
  const others: string[] = [];
  for (const raw of names.map((n) => n.trim()).filter(Boolean)) {
    const std = standardChannelOf(raw);
    const other = /^其他[:：]?(.+)$/.exec(raw);
    if (std) picked.add(std);
    else if (other) {
      picked.add('其他');
      if (!others.includes(other[1]!.trim())) others.push(other[1]!.trim());
    } else if (!others.includes(raw)) others.push(raw);
  }
  return { channels: STANDARD_CHANNELS.filter((c) => picked.has(c)), otherChannels: others };
}

/** 县级、乡、村级 → county, township (乡、村级 is one township tier); 州级 lies above a county and is left out. */
export function levelsOf(text: string): Level[] {
  const found = new Set<Level>();
  for (const part of split(text.replace(/乡、村级/g, '乡村级'))) {
    if (part.startsWith('州')) continue;
    const l = levelOfLabel(part);
    if (l) found.add(l);
  }
  return (['county', 'township', 'village'] as const).filter((l) => found.has(l));
}

/** Reads one domain's CSV; throws on a malformed file (it ships with the code, so that is a bug). */
export function parseTemplateCsv(domain: string, text: string): TemplateSeed[] {
  const parsed = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) throw new Error(`${domain}.csv: unterminated quote at record ${parsed.record}`);
  const [header, ...rows] = parsed.records.filter((r) => r.some((c) => c.trim() !== ''));
  if (header?.join(',') !== TEMPLATE_CSV_HEADER.join(',')) throw new Error(`${domain}.csv: unexpected header ${header?.join(',')}`);
  return rows.map((r, i) => {
    if (r.length !== TEMPLATE_CSV_HEADER.length) throw new Error(`${domain}.csv row ${i + 2}: ${r.length} cells`);
    const [level1, level2, content, basis, timeLimitText, subject, channelText, audience, mode, levels, source, note] = r.map((c) => c.trim()) as string[] as [string, string, string, string, string, string, string, string, string, string, string, string];
    const { channels, otherChannels } = channelsOf(channelText!);
    return {
      domain,
      level1,
      level2,
      level3: null,
      itemCode: null,
      content,
      basis,
      timeLimitText,
      subject,
      channels,
      otherChannels,
      audiencePublic: split(audience).includes('全社会'),
      audienceSpecific: split(audience).some((a) => a.startsWith('特定')),
      modeActive: split(mode).includes('主动'),
      modeOnRequest: split(mode).some((m) => m.startsWith('依申请')),
      levels: levelsOf(levels),
      source,
      note,
      cut: isCutNote(note),
    };
  });
}

const DIR = new URL('./templates/', import.meta.url);

/** Every shipped template row, domain by domain in the order of the 26 pilot domains. */
export function loadTemplateSeeds(): TemplateSeed[] {
  return PILOT_DOMAINS.flatMap((d) => parseTemplateCsv(d.name, readFileSync(new URL(`${encodeURIComponent(d.name)}.csv`, DIR), 'utf8')));
}
