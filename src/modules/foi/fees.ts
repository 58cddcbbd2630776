import { invalid } from '../../core/errors.js';

/**
 * 信息处理费 under 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号), art. 42 of the 条例.
 * Both rules are 超额累进 (each band is priced at its own rate) and one application is charged by
 * exactly one of them (art. 3). Amounts are whole yuan.
 */

export const FEE_BASIS = '国办函〔2020〕109号';
export const FEE_BASIS_TITLE = '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）';

export const FEE_RULE_CODES = ['per_item', 'per_volume'] as const;
export type FeeRule = (typeof FEE_RULE_CODES)[number];

export const FEE_RULES: Record<FeeRule, { label: string; unit: '件' | '页'; basis: string; description: string }> = {
  per_item: {
    label: '按件计收',
    unit: '件',
    basis: `${FEE_BASIS}第四条`,
    description: '同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；11—30件（含30件）的部分，100元/件；31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件。',
  },
  per_volume: {
    label: '按量计收',
    unit: '页',
    basis: `${FEE_BASIS}第五条`,
    description: '30页以下（含30页）的，不收费；31—100页（含100页）的部分，10元/页；101—200页（含200页）的部分，20元/页；201页以上的部分，40元/页。',
  },
};

export const isFeeRule = (x: unknown): x is FeeRule => x === 'per_item' || x === 'per_volume';

/** Upper bounds that no real month or application reaches; they keep arithmetic and loops small. */
export const MAX_ITEMS_PER_MONTH = 10_000;
export const MAX_PAGES = 1_000_000;

/** One priced band of a fee: quantity × unitPrice = subtotal, for units from…to (inclusive). */
export type FeeBand = { from: number; to: number; unitPrice: number; quantity: number; subtotal: number };

function count(v: unknown, label: string, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalid(`${label}须为不小于 0 的整数。`);
  if (v > max) throw invalid(`${label}不能超过 ${max}。`);
  return v;
}

/** The price of the n-th application (1-based) of one applicant in one calendar month. */
export function itemPrice(n: number): number {
  if (n <= 10) return 0;
  if (n <= 30) return 100;
  return 200 + 100 * Math.floor((n - 31) / 10);
}

/** Band [from, to] of the per-item tiers that contains the n-th application. */
function itemBand(n: number): [number, number] {
  if (n <= 10) return [1, 10];
  if (n <= 30) return [11, 30];
  const start = 31 + 10 * Math.floor((n - 31) / 10);
  return [start, start + 9];
}

/** Per-item bands for applications countBefore+1 … countBefore+items, free bands included. */
export function perItemBands(countBefore: number, items: number): FeeBand[] {
  count(countBefore, '本月此前已计件数', MAX_ITEMS_PER_MONTH);
  count(items, '本次申请件数', MAX_ITEMS_PER_MONTH);
  if (countBefore + items > MAX_ITEMS_PER_MONTH) throw invalid(`同一申请人一个自然月内累计件数不能超过 ${MAX_ITEMS_PER_MONTH}。`);
  const bands: FeeBand[] = [];
  const last = countBefore + items;
  for (let n = countBefore + 1; n <= last; ) {
    const [, bandEnd] = itemBand(n);
    const to = Math.min(bandEnd, last);
    const unitPrice = itemPrice(n);
    const quantity = to - n + 1;
    bands.push({ from: n, to, unitPrice, quantity, subtotal: unitPrice * quantity });
    n = to + 1;
  }
  return bands;
}

/**
 * The fee for `items` new applications by one applicant in one calendar month when `countBefore`
 * of that month's applications were already counted (art. 4).
 */
export const perItemFee = (countBefore: number, items: number): number => sum(perItemBands(countBefore, items));

const PAGE_TIERS: readonly [from: number, to: number, unitPrice: number][] = [
  [1, 30, 0],
  [31, 100, 10],
  [101, 200, 20],
  [201, Infinity, 40],
];

/** Per-page bands for an application of `pages` pages (art. 5), free band included. */
export function perVolumeBands(pages: number): FeeBand[] {
  count(pages, '页数', MAX_PAGES);
  const bands: FeeBand[] = [];
  for (const [from, tierEnd, unitPrice] of PAGE_TIERS) {
    if (pages < from) break;
    const to = Math.min(tierEnd, pages);
    const quantity = to - from + 1;
    bands.push({ from, to, unitPrice, quantity, subtotal: unitPrice * quantity });
  }
  return bands;
}

export const perVolumeFee = (pages: number): number => sum(perVolumeBands(pages));

const sum = (bands: FeeBand[]): number => bands.reduce((s, b) => s + b.subtotal, 0);

export type FeeQuery = {
  rule: FeeRule;
  /** per_item: applications of this applicant already counted this calendar month. */
  countBefore?: number;
  /** per_item: applications this fee is for (after splitting by 一事一申请); default 1. */
  items?: number;
  /** per_volume: pages to be provided. */
  pages?: number;
};

export type FeeResult = {
  rule: FeeRule;
  ruleLabel: string;
  amount: number;
  bands: FeeBand[];
  basis: string;
  /** e.g. 按件计收：第11—30件，100元/件×5件=500元；合计500元。 */
  explanation: string;
};

/**
 * The fee of one application under the rule chosen for it. Only that rule's quantities are read:
 * an application is never charged by both rules (art. 3).
 */
export function feeFor(q: FeeQuery): FeeResult {
  if (!q || !isFeeRule(q.rule)) throw invalid('请选择计费方式：按件计收或按量计收。');
  const r = FEE_RULES[q.rule];
  let bands: FeeBand[];
  if (q.rule === 'per_item') {
    if (q.countBefore === undefined) throw invalid('按件计收须填写该申请人本月此前已计件数。');
    bands = perItemBands(q.countBefore, q.items ?? 1);
  } else {
    if (q.pages === undefined) throw invalid('按量计收须填写页数。');
    bands = perVolumeBands(q.pages);
  }
  const amount = sum(bands);
  const charged = bands.filter((b) => b.subtotal > 0);
  const detail = charged.length
    ? charged.map((b) => `第${b.from === b.to ? b.from : `${b.from}—${b.to}`}${r.unit}，${b.unitPrice}元/${r.unit}×${b.quantity}${r.unit}=${b.subtotal}元`).join('；')
    : '在免费范围内';
  return { rule: q.rule, ruleLabel: r.label, amount, bands, basis: r.basis, explanation: `${r.label}：${detail}；合计${amount}元。` };
}
