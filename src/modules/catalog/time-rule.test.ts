import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeTimeRule, parseTimeLimit, type TimeRule } from './time-rule.js';

// Asserts the whole result so a stray field (or a lost original text) fails the test.
function expectRule(text: string, rule: TimeRule): void {
  assert.deepEqual(parseTimeLimit(text), { text, rule, ok: rule.kind !== 'unparsed' });
}

const formation20: TimeRule = { kind: 'period', unit: 'workday', n: 20, event: 'formation_or_change' };

describe('parseTimeLimit', () => {
  describe('periods counted from an event', () => {
    it('reads 信息形成或者变更之日起20个工作日内 as 20 workdays from formation or change', () => {
      expectRule('信息形成或者变更之日起20个工作日内', formation20);
    });

    it('ignores the leading 自 and trailing 予以公开', () => {
      expectRule('自信息形成或者变更之日起20个工作日内予以公开', formation20);
    });

    it('accepts 形成或者变更 without the word 信息', () => {
      expectRule('形成或者变更之日起20个工作日内予以公开', formation20);
    });

    it('treats 信息形成 alone as the formation-or-change event', () => {
      expectRule('信息形成之日起20个工作日内', formation20);
    });

    it('reads a bare 20工作日 as 20 workdays with no event', () => {
      expectRule('20工作日', { kind: 'period', unit: 'workday', n: 20, event: 'unspecified' });
    });

    it('reads a bare 20个工作日内 as 20 workdays with no event', () => {
      expectRule('20个工作日内', { kind: 'period', unit: 'workday', n: 20, event: 'unspecified' });
    });

    it('reads 制定或获取信息之日起10个工作日内 as 10 workdays from making or obtaining', () => {
      expectRule('制定或获取信息之日起10个工作日内', { kind: 'period', unit: 'workday', n: 10, event: 'made_or_obtained' });
    });

    it('treats 或 and 或者 alike in 信息形成或变更之日起10个工作日内', () => {
      expectRule('信息形成或变更之日起10个工作日内', { kind: 'period', unit: 'workday', n: 10, event: 'formation_or_change' });
    });

    it('reads 公示7个工作日 as a publicity period after the 10-workday limit', () => {
      expectRule('制定或获取信息之日起10个工作日内,公示7个工作日', {
        kind: 'period',
        unit: 'workday',
        n: 10,
        event: 'made_or_obtained',
        publicityWorkdays: 7,
      });
    });

    it('reads the publicity period after a full-width comma too', () => {
      expectRule('制定或获取信息之日起10个工作日内，公示7个工作日', {
        kind: 'period',
        unit: 'workday',
        n: 10,
        event: 'made_or_obtained',
        publicityWorkdays: 7,
      });
    });

    it('reads 人大或其常委会批准后20日内 as 20 calendar days from approval', () => {
      expectRule('本级人民代表大会或其常务委员会批准后20日内', { kind: 'period', unit: 'day', n: 20, event: 'approval' });
    });

    it('reads 本级政府财政部门批复后20日内 as 20 calendar days from the budget reply', () => {
      expectRule('本级政府财政部门批复后20日内', { kind: 'period', unit: 'day', n: 20, event: 'budget_reply' });
    });

    it('ignores the subject before 经 in 部门预算经本级财政部门批复后20日内公开', () => {
      expectRule('部门预算经本级财政部门批复后20日内公开', { kind: 'period', unit: 'day', n: 20, event: 'budget_reply' });
    });

    it('reads 天 as calendar days', () => {
      expectRule('批准后15天内', { kind: 'period', unit: 'day', n: 15, event: 'approval' });
    });

    it('reads a 其中 clause as an exception with its own event and scope', () => {
      expectRule('信息形成20个工作日内公开;其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示', {
        ...formation20,
        exceptions: [{ kind: 'period', unit: 'workday', n: 7, event: 'decision', appliesTo: '行政许可、行政处罚事项' }],
      });
    });

    it('reads the 其中 exception after a full-width semicolon too', () => {
      expectRule('信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示', {
        ...formation20,
        exceptions: [{ kind: 'period', unit: 'workday', n: 7, event: 'decision', appliesTo: '行政许可、行政处罚事项' }],
      });
    });

    it('reads 自制作或获取该信息之日起20个工作日内公开 as made-or-obtained', () => {
      expectRule('自制作或获取该信息之日起20个工作日内公开', { kind: 'period', unit: 'workday', n: 20, event: 'made_or_obtained' });
    });

    it('reads a short 3-workday limit', () => {
      expectRule('信息形成或变更之日起3个工作日内', { kind: 'period', unit: 'workday', n: 3, event: 'formation_or_change' });
    });

    it('reads 自作出行政决定之日起7个工作日内 as 7 workdays from the decision', () => {
      expectRule('自作出行政决定之日起7个工作日内', { kind: 'period', unit: 'workday', n: 7, event: 'decision' });
    });

    it('converts the Chinese numeral in 二十个工作日内', () => {
      expectRule('信息形成或者变更之日起二十个工作日内', formation20);
    });

    it('converts full-width digits in ２０个工作日', () => {
      expectRule('２０个工作日', { kind: 'period', unit: 'workday', n: 20, event: 'unspecified' });
    });

    it('converts 十 and 三十 as Chinese numerals', () => {
      expectRule('十日内', { kind: 'period', unit: 'day', n: 10, event: 'unspecified' });
      expectRule('三十日内', { kind: 'period', unit: 'day', n: 30, event: 'unspecified' });
    });

    it('tolerates spaces inside the text', () => {
      expectRule(' 信息形成或者变更之日起 20 个工作日内 ', formation20);
    });
  });

  describe('fixed kinds', () => {
    it('reads 实时公开 as realtime', () => {
      expectRule('实时公开', { kind: 'realtime' });
    });

    it('reads 及时公开 as prompt, with no number', () => {
      expectRule('及时公开', { kind: 'prompt' });
    });

    it('reads 永久公开 as permanent', () => {
      expectRule('永久公开', { kind: 'permanent' });
    });

    it('reads 长期公开 as permanent', () => {
      expectRule('长期公开', { kind: 'permanent' });
    });

    it('reads 同上 as same-as-above for the caller to resolve', () => {
      expectRule('同上', { kind: 'same_as_above' });
    });

    it('reads a lone 同 as same-as-above', () => {
      expectRule('同', { kind: 'same_as_above' });
    });

    it('reads 每年3月31日前 as an annual date', () => {
      expectRule('每年3月31日前', { kind: 'annual_date', month: 3, day: 31 });
    });

    it('reads 每年1月31日前公开 as an annual date', () => {
      expectRule('每年1月31日前公开', { kind: 'annual_date', month: 1, day: 31 });
    });

    it('rejects an impossible annual date rather than guessing', () => {
      expectRule('每年2月30日前', { kind: 'unparsed' });
    });
  });

  describe('text it cannot read', () => {
    it('flags 按上级要求 as unparsed and keeps the text', () => {
      expectRule('按上级要求', { kind: 'unparsed' });
    });

    it('flags an empty string as unparsed', () => {
      expectRule('', { kind: 'unparsed' });
    });

    it('flags an unknown trigger event instead of calling it unspecified', () => {
      expectRule('收到申请之日起20个工作日内', { kind: 'unparsed' });
    });

    it('flags a whole text as unparsed when any trailing clause is unreadable', () => {
      expectRule('信息形成之日起20个工作日内;视情况而定', { kind: 'unparsed' });
    });

    it('does not throw on a 5000-character string', () => {
      const long = '信息形成或者变更之日起20个工作日内'.repeat(300).slice(0, 5000);
      assert.equal(long.length, 5000);
      expectRule(long, { kind: 'unparsed' });
    });

    it('does not throw on markup such as <script>', () => {
      expectRule('<script>alert(1)</script>', { kind: 'unparsed' });
      expectRule('20个工作日<script>', { kind: 'unparsed' });
    });
  });
});

describe('describeTimeRule', () => {
  it('names the event and the workday count for a workday period', () => {
    const s = describeTimeRule(formation20);
    assert.equal(s, '信息形成或变更之日起 20 个工作日内');
  });

  it('uses 日 rather than 工作日 for calendar days', () => {
    const s = describeTimeRule({ kind: 'period', unit: 'day', n: 20, event: 'budget_reply' });
    assert.match(s, /20 日内/);
    assert.doesNotMatch(s, /工作日/);
  });

  it('omits the event when none was given', () => {
    assert.equal(describeTimeRule({ kind: 'period', unit: 'workday', n: 20, event: 'unspecified' }), '20 个工作日内');
  });

  it('mentions the publicity period and exceptions', () => {
    const s = describeTimeRule({
      ...formation20,
      publicityWorkdays: 7,
      exceptions: [{ kind: 'period', unit: 'workday', n: 7, event: 'decision', appliesTo: '行政许可、行政处罚事项' }],
    });
    assert.match(s, /公示 7 个工作日/);
    assert.match(s, /行政许可、行政处罚事项/);
    assert.match(s, /作出决定之日起 7 个工作日内/);
  });

  it('describes realtime, prompt and annual-date rules', () => {
    assert.equal(describeTimeRule({ kind: 'realtime' }), '实时公开');
    assert.equal(describeTimeRule({ kind: 'prompt' }), '及时公开');
    assert.match(describeTimeRule({ kind: 'annual_date', month: 3, day: 31 }), /3 月 31 日/);
  });

  it('asks for manual confirmation when the rule is unparsed', () => {
    assert.match(describeTimeRule({ kind: 'unparsed' }), /需人工确认/);
  });
});
