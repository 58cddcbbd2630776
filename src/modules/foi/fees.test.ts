import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../core/errors.js';
import { FEE_BASIS, FEE_RULES, feeFor, itemPrice, perItemBands, perItemFee, perVolumeBands, perVolumeFee } from './fees.js';

const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));
const refused = (f: () => unknown) => assert.throws(f, (e) => code(e) === 'invalid_input' && /[\u4e00-\u9fff]/.test((e as Error).message));

describe('按件计收 (art. 4, 超额累进 per calendar month)', () => {
  it('35 applications in a month cost 3,000元; the 35th alone 200元', () => {
    assert.equal(perItemFee(0, 35), 3000);
    assert.equal(perItemFee(34, 1), 200);
    // Counting one by one through the month gives the same total.
    let total = 0;
    for (let n = 0; n < 35; n++) total += perItemFee(n, 1);
    assert.equal(total, 3000);
    assert.deepEqual(perItemBands(0, 35), [
      { from: 1, to: 10, unitPrice: 0, quantity: 10, subtotal: 0 },
      { from: 11, to: 30, unitPrice: 100, quantity: 20, subtotal: 2000 },
      { from: 31, to: 35, unitPrice: 200, quantity: 5, subtotal: 1000 },
    ]);
  });

  it('prices each band of 10 above 30 another 100元', () => {
    assert.equal(perItemFee(40, 1), 300); // the 41st
    assert.equal(perItemFee(49, 1), 300); // the 50th
    assert.equal(perItemFee(50, 1), 400); // the 51st
    assert.deepEqual([1, 10, 11, 30, 31, 40, 41, 50, 51, 61].map(itemPrice), [0, 0, 100, 100, 200, 200, 300, 300, 400, 500]);
    assert.equal(perItemFee(0, 50), 2000 + 2000 + 3000);
  });

  it('boundaries at 10/11 and 30/31', () => {
    assert.equal(perItemFee(0, 10), 0);
    assert.equal(perItemFee(0, 11), 100);
    assert.equal(perItemFee(9, 1), 0); // the 10th
    assert.equal(perItemFee(10, 1), 100); // the 11th
    assert.equal(perItemFee(0, 30), 2000);
    assert.equal(perItemFee(29, 1), 100); // the 30th
    assert.equal(perItemFee(30, 1), 200); // the 31st
    assert.equal(perItemFee(0, 31), 2200);
    assert.equal(perItemFee(5, 0), 0);
  });
});

describe('按量计收 (art. 5, 超额累进 per application)', () => {
  it('worked examples', () => {
    assert.equal(perVolumeFee(150), 1700);
    assert.equal(perVolumeFee(0), 0);
    assert.equal(perVolumeFee(30), 0);
    assert.equal(perVolumeFee(31), 10);
    assert.equal(perVolumeFee(201), 0 + 700 + 2000 + 40);
    assert.equal(perVolumeFee(201), 2740);
  });

  it('boundaries at 30/31, 100/101 and 200/201', () => {
    assert.equal(perVolumeFee(100), 700);
    assert.equal(perVolumeFee(101), 720);
    assert.equal(perVolumeFee(200), 2700);
    assert.equal(perVolumeFee(202), 2780);
    assert.deepEqual(perVolumeBands(31), [
      { from: 1, to: 30, unitPrice: 0, quantity: 30, subtotal: 0 },
      { from: 31, to: 31, unitPrice: 10, quantity: 1, subtotal: 10 },
    ]);
  });
});

describe('feeFor', () => {
  it('applies the one chosen rule and explains it', () => {
    const i = feeFor({ rule: 'per_item', countBefore: 34, items: 1 });
    assert.equal(i.amount, 200);
    assert.equal(i.ruleLabel, '按件计收');
    assert.equal(i.explanation, '按件计收：第35件，200元/件×1件=200元；合计200元。');
    assert.match(i.basis, /国办函〔2020〕109号/);
    // pages are not read under 按件: never both.
    assert.equal(feeFor({ rule: 'per_item', countBefore: 0, items: 1, pages: 500 }).amount, 0);
    const v = feeFor({ rule: 'per_volume', pages: 150, countBefore: 40, items: 3 });
    assert.equal(v.amount, 1700);
    assert.equal(v.explanation, '按量计收：第31—100页，10元/页×70页=700元；第101—150页，20元/页×50页=1000元；合计1700元。');
    assert.equal(feeFor({ rule: 'per_volume', pages: 12 }).explanation, '按量计收：在免费范围内；合计0元。');
    assert.equal(feeFor({ rule: 'per_item', countBefore: 12 }).amount, 100); // one application by default
  });

  it('labels the rules with their basis', () => {
    assert.equal(FEE_BASIS, '国办函〔2020〕109号');
    assert.equal(FEE_RULES.per_item.label, '按件计收');
    assert.equal(FEE_RULES.per_volume.label, '按量计收');
    for (const r of Object.values(FEE_RULES)) assert.ok(r.basis.startsWith(FEE_BASIS));
  });

  it('refuses bad input with a Chinese message', () => {
    refused(() => perItemFee(-1, 1));
    refused(() => perItemFee(0, 1.5));
    refused(() => perItemFee(0, Number.NaN));
    refused(() => perItemFee(0, 10_001));
    refused(() => perItemFee(9_999, 2));
    refused(() => perVolumeFee(-3));
    refused(() => perVolumeFee(Infinity));
    refused(() => perVolumeFee('12' as unknown as number));
    refused(() => feeFor({ rule: 'both' as 'per_item', countBefore: 0 }));
    refused(() => feeFor({ rule: 'per_item' }));
    refused(() => feeFor({ rule: 'per_volume', countBefore: 3 }));
  });
});
