import type { SearchEntry } from './types.js';

// A deterministic corpus of government-style text for the search tests: many shared characters
// and bigrams, so that ANDed bigrams would find wrong documents without the exact check.

export const VOCAB = [
  '关于印发', '的通知', '社会救助', '最低生活保障', '低保金', '义务教育', '公共资源交易', '城乡规划许可', '特困人员', '救助供养',
  '临时救助', '政务公开', '公开目录', '目录编制', '开目', '公开', '医疗救助', '教育救助', '住房保障', '就业创业', '社保卡',
  '养老服务', '财政预决算', '重大建设项目', '征收土地', '审核确认', '申请材料', '办理流程', '县人民政府', '乡镇', '街道办事处',
  '民政局', '教育局', '实施办法', '工作方案', '2019', '2025', '第52号', '示政办', '〔', '〕', '，', '。', '、', 'Wi-Fi', 'APP',
];

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function corpus(n: number, seed = 7): SearchEntry[] {
  const r = rng(seed);
  const pick = () => VOCAB[Math.floor(r() * VOCAB.length)]!;
  const day = 86_400_000;
  const base = Date.UTC(2026, 0, 1);
  return Array.from({ length: n }, (_, i) => ({
    kind: 'document' as const,
    refId: i + 1,
    url: `/zfxxgk/documents/${i + 1}`,
    title: Array.from({ length: 2 + Math.floor(r() * 3) }, pick).join(''),
    body: Array.from({ length: 5 + Math.floor(r() * 25) }, pick).join(''),
    publishedAt: new Date(base - Math.floor(r() * 1500) * day),
    agencyId: null,
  }));
}
