import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { APPLICANT_CATEGORIES, APPLICANT_CATEGORY_LABELS, isApplicantCategory, isOutcome, OUTCOME_GROUPS, OUTCOME_INFO, OUTCOMES, outcomesOfGroup, reportLabel } from './outcomes.js';

describe('closing outcomes = annual report table 3 leaf rows', () => {
  it('has exactly 21 unique codes, each described', () => {
    assert.equal(OUTCOMES.length, 21);
    assert.equal(new Set(OUTCOMES).size, 21);
    assert.deepEqual(Object.keys(OUTCOME_INFO).sort(), [...OUTCOMES].sort());
    for (const o of OUTCOMES) assert.equal(OUTCOME_INFO[o].code, o);
  });

  it('groups 1/1/8/3/5/3 in table order, rows numbered from 1', () => {
    assert.deepEqual(OUTCOME_GROUPS.map((g) => outcomesOfGroup(g).length), [1, 1, 8, 3, 5, 3]);
    // The code order is the table order.
    assert.deepEqual(OUTCOMES.map((o) => OUTCOME_INFO[o].group), OUTCOME_GROUPS.flatMap((g) => outcomesOfGroup(g).map(() => g)));
    for (const g of OUTCOME_GROUPS) {
      const rows = outcomesOfGroup(g).map((o) => OUTCOME_INFO[o].row);
      assert.deepEqual(rows, g === '一' || g === '二' ? [null] : rows.map((_, i) => i + 1), g);
    }
    assert.deepEqual(OUTCOME_GROUPS.map((g) => OUTCOME_INFO[outcomesOfGroup(g)[0]!].groupLabel), ['予以公开', '部分公开', '不予公开', '无法提供', '不予处理', '其他处理']);
  });

  it('carries the table-3 labels verbatim', () => {
    assert.deepEqual(
      OUTCOMES.map((o) => OUTCOME_INFO[o].label),
      [
        '予以公开',
        '部分公开（区分处理的，只计这一情形，不计其他情形）',
        '属于国家秘密',
        '其他法律行政法规禁止公开',
        '危及“三安全一稳定”',
        '保护第三方合法权益',
        '属于三类内部事务信息',
        '属于四类过程性信息',
        '属于行政执法案卷',
        '属于行政查询事项',
        '本机关不掌握相关政府信息',
        '没有现成信息需要另行制作',
        '补正后申请内容仍不明确',
        '信访举报投诉类申请',
        '重复申请',
        '要求提供公开出版物',
        '无正当理由大量反复申请',
        '要求行政机关确认或重新出具已获取信息',
        '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
        '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
        '其他',
      ],
    );
    assert.equal(reportLabel('withheld_third_party'), '（三）不予公开 4.保护第三方合法权益');
    assert.equal(reportLabel('disclosed'), '（一）予以公开');
    assert.equal(reportLabel('other_no_payment'), '（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请');
  });

  it('rests each outcome on articles of the 条例, reasons for withheld and partial, files for disclosed and partial', () => {
    for (const o of OUTCOMES) {
      const i = OUTCOME_INFO[o];
      assert.ok(i.articles.length > 0, o);
      for (const a of i.articles) assert.match(a, /^第[一二三四五六七八九十]+条(第[一二]款|第（[一二三四五六七]）项)?$/, `${o}: ${a}`);
      assert.ok(i.staffLabel.length > 0 && i.staffLabel.length <= 20, o);
      if (o === 'partial' || o.startsWith('withheld_')) assert.equal(i.needsReason, true, o);
      assert.equal(i.attachesFiles, o === 'disclosed' || o === 'partial', o);
    }
    assert.equal(OUTCOME_INFO.withheld_state_secret.articles[0], '第十四条');
    assert.equal(OUTCOME_INFO.withheld_third_party.articles[0], '第十五条');
    assert.equal(OUTCOME_INFO.withheld_internal_affairs.articles[0], '第十六条第一款');
    assert.equal(OUTCOME_INFO.withheld_process.articles[0], '第十六条第二款');
    assert.equal(OUTCOME_INFO.unavailable_needs_creation.articles[0], '第三十八条');
    assert.equal(OUTCOME_INFO.rejected_repeat.articles[0], '第三十六条第（六）项');
    assert.equal(OUTCOME_INFO.rejected_excessive.articles[0], '第三十五条');
    assert.equal(OUTCOME_INFO.other_no_supplement.articles[0], '第三十条');
  });

  it('knows its codes and applicant categories', () => {
    assert.equal(isOutcome('partial'), true);
    assert.equal(isOutcome('withheld'), false);
    assert.equal(isOutcome(undefined), false);
    assert.equal(isOutcome('toString'), false);
    assert.deepEqual(APPLICANT_CATEGORIES.map((c) => APPLICANT_CATEGORY_LABELS[c]), ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    assert.equal(isApplicantCategory('natural'), true);
    assert.equal(isApplicantCategory('company'), false);
  });
});
