import { STANDARD_CHANNELS, type StandardChannel } from '../types.js';

export type ChannelSelection = { channels: StandardChannel[]; otherChannels: string[] };

const CHECKED_BOX = '■☑√✓✔';
const UNCHECKED_BOX = '□☐';
const BOXES = new RegExp(`([${CHECKED_BOX}${UNCHECKED_BOX}])`);
const SEPARATORS = /[、,，;；\s]+/;

/** Comparison key: catalogues differ in spacing, slashes and full-width brackets. */
function key(name: string): string {
  return name.replace(/[\s/／()（）]/g, '');
}

const ALIASES: ReadonlyMap<string, StandardChannel> = new Map([
  ...STANDARD_CHANNELS.map((c) => [key(c), c] as const),
  // 上海青浦 and other templates word the notice-board channel differently.
  [key('村居/企事业单位公示栏(电子屏)'), '社区/企事业单位/村公示栏(电子屏)'],
  [key('社区/企事业单位/村公示栏'), '社区/企事业单位/村公示栏(电子屏)'],
  [key('村居/企事业单位公示栏'), '社区/企事业单位/村公示栏(电子屏)'],
]);

export function standardChannelOf(name: string): StandardChannel | null {
  return ALIASES.get(key(name)) ?? null;
}

/**
 * Reads a 公开渠道和载体 cell: either the template checklist ("■政府网站 □政府公报 …") or plain
 * names ("政府网站、两微一端"), where every name listed counts as chosen. A chosen name outside
 * the 13 template channels is a local channel (otherChannels); "其他 法律服务网" or "其他：法律服务网"
 * chooses 其他 and names the local channel.
 */
export function parseChannels(text: string): ChannelSelection {
  const picked = new Set<StandardChannel>();
  const others: string[] = [];
  const add = (name: string): void => {
    const standard = standardChannelOf(name);
    if (standard) picked.add(standard);
    else if (!others.includes(name)) others.push(name);
  };

  for (const { checked, names } of segments(text)) {
    if (!checked) continue;
    for (const raw of names) {
      const other = /^其他[:：(（](.*?)[)）]?$/.exec(raw);
      if (other) {
        picked.add('其他');
        if (other[1]) add(other[1]);
      } else {
        add(raw);
      }
    }
  }
  return { channels: STANDARD_CHANNELS.filter((c) => picked.has(c)), otherChannels: others };
}

/** Splits the cell at each box; text before the first box is plain names, hence chosen. */
function segments(text: string): { checked: boolean; names: string[] }[] {
  const parts = text.split(BOXES);
  const out: { checked: boolean; names: string[] }[] = [];
  out.push({ checked: true, names: splitNames(parts[0] ?? '') });
  for (let i = 1; i < parts.length; i += 2) {
    out.push({ checked: CHECKED_BOX.includes(parts[i] ?? ''), names: splitNames(parts[i + 1] ?? '') });
  }
  return out;
}

function splitNames(s: string): string[] {
  return s.split(SEPARATORS).filter((n) => n !== '');
}

/** The template checklist: all 13 standard boxes in order, then each local channel as chosen. */
export function formatChannels(channels: readonly StandardChannel[], otherChannels: readonly string[]): string {
  const boxes = STANDARD_CHANNELS.map((c) => `${channels.includes(c) ? '■' : '□'}${c}`);
  return [...boxes, ...otherChannels.map((o) => `■${o}`)].join(' ');
}
