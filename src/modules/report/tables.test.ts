import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ReportCase, ReviewRecord } from '../foi/report-data.js';
import { computeTable3, computeTable4, type Table3, type Table4 } from './tables.js';
import { checkTable3, checkTable4 } from './checks.js';
import { T3_ROWS } from './labels.js';

type Cat = ReportCase['applicantCategory'];
const c = (applicantCategory: Cat, receivedOn: string, closedOn: string | null, outcome: string | null = null): ReportCase => ({ agencyId: 1, applicantCategory, receivedOn, closedOn, outcome });

/** ~20 applications around 2025, each commented with where it lands in the 2025 table 3. */
const CASES: ReportCase[] = [
  // Carried over from 2024 (received before 2025, open on 2025-01-01): 二.
  c('natural', '2024-11-20', '2025-01-10', 'disclosed'), // 二, 三（一）
  c('natural', '2024-12-15', '2025-02-03', 'withheld_process'), // 二, 三（三）6
  c('business', '2024-12-28', '2026-01-05', 'partial'), // 二, 四 (closed only in 2026)
  c('legal_service', '2024-12-30', '2025-01-20', 'unavailable_not_held'), // 二, 三（四）1
  // Outside 2025 altogether.
  c('natural', '2024-06-01', '2024-12-31', 'disclosed'), // closed before the year
  c('natural', '2026-01-02', null), // received after the year
  // Received in 2025: 一.
  c('natural', '2025-01-02', '2025-01-20', 'disclosed'), // 三（一）
  c('natural', '2025-03-10', '2025-04-01', 'disclosed'), // 三（一）
  c('natural', '2025-05-05', '2025-05-30', 'partial'), // 三（二）
  c('natural', '2025-06-01', '2025-06-20', 'rejected_repeat'), // 三（五）2
  c('natural', '2025-12-20', null), // 四
  c('natural', '2025-12-29', '2026-01-08', 'disclosed'), // 四 (closed in 2026)
  c('natural', '2025-02-02', '2025-02-20', 'other_no_payment'), // 三（六）2
  c('business', '2025-02-14', '2025-03-01', 'disclosed'), // 三（一）
  c('business', '2025-07-07', '2025-07-30', 'withheld_third_party'), // 三（三）4
  c('research', '2025-04-04', '2025-04-25', 'partial'), // 三（二）
  c('research', '2025-09-09', '2025-12-31', 'other_no_supplement'), // 三（六）1, closed on the last day
  c('public_interest', '2025-08-08', '2025-08-29', 'unavailable_needs_creation'), // 三（四）2
  c('public_interest', '2025-06-06', '2025-06-26', 'other'), // 三（六）3
  c('legal_service', '2025-10-10', '2025-11-01', 'withheld_state_secret'), // 三（三）1
  c('legal_service', '2025-11-11', null), // 四
  c('other_org', '2025-03-03', '2025-03-20', 'rejected_petition'), // 三（五）1
  c('other_org', '2025-12-31', null), // 一 on the last day, 四
];

// Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计 — counted by hand from the comments above.
const r = (natural: number, business: number, research: number, public_interest: number, legal_service: number, other_org: number, total: number) => ({ natural, business, research, public_interest, legal_service, other_org, total });
const Z = r(0, 0, 0, 0, 0, 0, 0);
const EXPECTED_2025: Table3 = {
  received: r(7, 2, 2, 2, 2, 2, 17),
  carried_in: r(2, 1, 0, 0, 1, 0, 4),
  disclosed: r(3, 1, 0, 0, 0, 0, 4),
  partial: r(1, 0, 1, 0, 0, 0, 2),
  withheld_state_secret: r(0, 0, 0, 0, 1, 0, 1),
  withheld_law_prohibited: Z,
  withheld_security_stability: Z,
  withheld_third_party: r(0, 1, 0, 0, 0, 0, 1),
  withheld_internal_affairs: Z,
  withheld_process: r(1, 0, 0, 0, 0, 0, 1),
  withheld_enforcement_file: Z,
  withheld_inquiry: Z,
  unavailable_not_held: r(0, 0, 0, 0, 1, 0, 1),
  unavailable_needs_creation: r(0, 0, 0, 1, 0, 0, 1),
  unavailable_unclear: Z,
  rejected_petition: r(0, 0, 0, 0, 0, 1, 1),
  rejected_repeat: r(1, 0, 0, 0, 0, 0, 1),
  rejected_publication: Z,
  rejected_excessive: Z,
  rejected_confirmation: Z,
  other_no_supplement: r(0, 0, 1, 0, 0, 0, 1),
  other_no_payment: r(1, 0, 0, 0, 0, 0, 1),
  other: r(0, 0, 0, 1, 0, 0, 1),
  closed_total: r(7, 2, 2, 2, 2, 1, 16),
  carried_out: r(2, 1, 0, 0, 1, 1, 5),
};

const v = (kind: ReviewRecord['kind'], filedOn: string, result: ReviewRecord['result'], decidedOn: string | null): ReviewRecord => ({ agencyId: 1, kind, filedOn, result, decidedOn });
const REVIEWS: ReviewRecord[] = [
  v('reconsideration', '2024-10-01', 'upheld', '2025-02-01'), // decided in 2025: 维持
  v('reconsideration', '2025-03-01', 'corrected', '2025-05-01'), // 纠正
  v('reconsideration', '2025-11-01', 'pending', null), // 尚未审结
  v('reconsideration', '2025-12-01', 'upheld', '2026-01-15'), // decided after the year: 尚未审结 at year end
  v('litigation_direct', '2025-04-01', 'other', '2025-09-01'), // 其他结果
  v('litigation_direct', '2024-05-01', 'upheld', '2024-12-01'), // decided in 2024: not in 2025
  v('litigation_after_reconsideration', '2025-06-01', 'upheld', '2025-10-01'), // 维持
  v('litigation_after_reconsideration', '2026-01-03', 'pending', null), // filed after the year
];
const EXPECTED_T4: Table4 = {
  reconsideration: { upheld: 1, corrected: 1, other: 0, pending: 2, total: 4 },
  litigation_direct: { upheld: 0, corrected: 0, other: 1, pending: 0, total: 1 },
  litigation_after_reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
};

const clone = <T>(x: T): T => structuredClone(x);

describe('annual report table 3 (收到和处理政府信息公开申请情况)', () => {
  it('matches the hand-computed 2025 table cell by cell', () => {
    const { table, problems } = computeTable3(CASES, 2025);
    assert.deepEqual(problems, []);
    for (const row of T3_ROWS) assert.deepEqual(table[row], EXPECTED_2025[row], `row ${row}`);
    assert.deepEqual(table, EXPECTED_2025);
  });

  it('carries 2025’s open cases into 2026 as 上年结转', () => {
    const { table } = computeTable3(CASES, 2026);
    // Open on 2026-01-01: the 2024 business case, two natural persons, one law firm, one other organisation.
    assert.deepEqual(table.carried_in, r(2, 1, 0, 0, 1, 1, 5));
    assert.deepEqual(table.received, r(1, 0, 0, 0, 0, 0, 1));
    assert.deepEqual(checkTable3(table, { year: 2025, carriedOut: EXPECTED_2025.carried_out }), []);
  });

  it('reports a closed case without an outcome instead of counting it anywhere, and the balance fails', () => {
    const { table, problems } = computeTable3([...CASES, c('research', '2025-05-01', '2025-05-09', null), c('research', '2025-05-02', '2025-05-10', 'not_a_code')], 2025);
    assert.deepEqual(problems, ['表三 科研机构列 第三项：有 2 件本年办结的申请未登记办理结果，请在依申请公开模块中补登。']);
    assert.deepEqual(table.closed_total, EXPECTED_2025.closed_total);
    assert.ok(checkTable3(table).includes('表三 科研机构列 第四项（结转下年度继续办理）：应为 2（第一项 4 ＋ 第二项 0 － 第（七）项 2），实为 0'));
  });

  it('passes every balance check on the computed table', () => {
    assert.deepEqual(checkTable3(EXPECTED_2025), []);
    assert.deepEqual(checkTable3(EXPECTED_2025, { year: 2024, carriedOut: r(2, 1, 0, 0, 1, 0, 4) }), []);
  });

  it('names the （七）总计 cell that does not equal the sum of the 21 outcome rows', () => {
    const t = clone(EXPECTED_2025);
    t.closed_total.total = 15;
    const f = checkTable3(t);
    assert.ok(f.includes('表三 总计列 第（七）项：应为 16，实为 15'), f.join('\n'));
    assert.equal(f.filter((x) => x.startsWith('表三 总计列 第（七）项')).length, 1, 'said once, not once per check');
  });

  it('names a row whose 总计 is not 自然人 plus the five 法人或其他组织 columns', () => {
    const t = clone(EXPECTED_2025);
    t.received.natural = 6;
    const f = checkTable3(t);
    assert.ok(f.includes('表三 总计列 第一项（本年新收）：应为 16，实为 17'), f.join('\n'));
    assert.ok(f.includes('表三 自然人列 第四项（结转下年度继续办理）：应为 1（第一项 6 ＋ 第二项 2 － 第（七）项 7），实为 2'), f.join('\n'));
  });

  it('names an outcome cell that makes （七） wrong', () => {
    const t = clone(EXPECTED_2025);
    t.disclosed.natural = 2;
    const f = checkTable3(t);
    assert.ok(f.includes('表三 总计列 第三项（一）予以公开：应为 3，实为 4'), f.join('\n'));
    assert.ok(f.includes('表三 自然人列 第（七）项：应为 6，实为 7'), f.join('\n'));
  });

  it('names the 结转下年度 cell when 一＋二 ≠ （七）＋四', () => {
    const t = clone(EXPECTED_2025);
    t.carried_out.research = 1;
    t.carried_out.total = 6;
    const f = checkTable3(t);
    assert.deepEqual(f, [
      '表三 科研机构列 第四项（结转下年度继续办理）：应为 0（第一项 2 ＋ 第二项 0 － 第（七）项 2），实为 1',
      '表三 总计列 第四项（结转下年度继续办理）：应为 5（第一项 17 ＋ 第二项 4 － 第（七）项 16），实为 6',
    ]);
  });

  it('names the 上年结转 cell that differs from last year’s published 结转下年度继续办理', () => {
    const f = checkTable3(EXPECTED_2025, { year: 2024, carriedOut: r(3, 1, 0, 0, 1, 0, 5) });
    assert.deepEqual(f, [
      '表三 自然人列 第二项（上年结转）：应为 3（2024年度已公布报告的“结转下年度继续办理”），实为 2',
      '表三 总计列 第二项（上年结转）：应为 5（2024年度已公布报告的“结转下年度继续办理”），实为 4',
    ]);
  });
});

describe('annual report table 4 (行政复议、行政诉讼情况)', () => {
  it('counts decisions of the year by result and cases still open at its end', () => {
    assert.deepEqual(computeTable4(REVIEWS, 2025), EXPECTED_T4);
    assert.deepEqual(checkTable4(EXPECTED_T4), []);
  });

  it('names a 总计 that is not the sum of the four results', () => {
    const t = clone(EXPECTED_T4);
    t.reconsideration.total = 3;
    t.litigation_after_reconsideration.corrected = 1;
    assert.deepEqual(checkTable4(t), ['表四 行政复议 总计：应为 4，实为 3', '表四 行政诉讼（复议后起诉） 总计：应为 2，实为 1']);
  });
});
