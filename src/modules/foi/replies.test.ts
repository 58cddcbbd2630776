import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../core/errors.js';
import { OUTCOME_INFO, OUTCOMES } from './outcomes.js';
import { arabicDate, chineseDate, replyPlainText, replyText, replyTitle, type ReplyInput } from './replies.js';

const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

const base: ReplyInput = {
  outcome: 'disclosed',
  agencyName: '某某县自然资源局',
  code: 'YSQ-2026-0007',
  applicantName: '张三',
  receivedOn: '2026-02-09',
  repliedOn: '2026-03-02',
  content: '2025年某某镇土地征收补偿安置方案',
  reason: '该信息涉及第三方个人隐私，经书面征求第三方意见，第三方不同意公开。',
  withheldPart: '被征收人身份证号码、银行账号',
  attachments: ['某某镇土地征收补偿安置方案.pdf', '征收补偿公告.pdf'],
};

const REMEDIES = '如对本答复不服，可以自收到本答复之日起六十日内向本级人民政府申请行政复议，或者在六个月内向有管辖权的人民法院提起行政诉讼。';

describe('standard reply letters', () => {
  it('every one of the 21 outcomes recites the application, cites its article and ends with the remedies', () => {
    for (const outcome of OUTCOMES) {
      const doc = replyText({ ...base, outcome });
      const text = replyPlainText(doc);
      assert.ok(doc.paragraphs[0]!.startsWith('本机关于2026年2月9日收到您提出的政府信息公开申请（申请编号：YSQ-2026-0007），申请内容为：“2025年某某镇土地征收补偿安置方案”。'), outcome);
      assert.ok(text.includes(`《中华人民共和国政府信息公开条例》${OUTCOME_INFO[outcome].articles[0]}`), `${outcome} cites ${OUTCOME_INFO[outcome].articles[0]}`);
      assert.equal(doc.paragraphs.at(-1), REMEDIES, outcome);
      assert.equal(doc.salutation, '张三：');
      assert.deepEqual(doc.closing, ['某某县自然资源局', '2026年3月2日']);
      assert.equal(doc.title, ['五', '六'].includes(OUTCOME_INFO[outcome].group) ? '政府信息公开申请告知书' : '政府信息公开申请答复书', outcome);
      // Nothing left unfilled.
      assert.doesNotMatch(text, /undefined|null|\$\{|。。/, outcome);
    }
  });

  it('states the decision of each withheld ground with its reason', () => {
    const t = (outcome: ReplyInput['outcome']) => replyText({ ...base, outcome }).paragraphs.join('\n');
    assert.match(t('withheld_state_secret'), /属于国家秘密。根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开。/);
    assert.match(t('withheld_third_party'), /第十五条、第三十六条第（三）项/);
    assert.match(t('withheld_third_party'), /理由如下：该信息涉及第三方个人隐私，经书面征求第三方意见，第三方不同意公开。$/m);
    assert.match(t('withheld_internal_affairs'), /第十六条第一款/);
    assert.match(t('withheld_process'), /过程性信息。根据《中华人民共和国政府信息公开条例》第十六条第二款/);
    assert.match(t('withheld_enforcement_file'), /行政执法案卷信息/);
    assert.match(t('withheld_inquiry'), /第三十六条第（七）项的规定，请您依照有关法律、行政法规的规定办理/);
    assert.match(t('other_no_payment'), /国办函〔2020〕109号/);
    assert.match(t('rejected_repeat'), /不予重复处理/);
  });

  it('partial says what is withheld and why, and lists the files; without a reason it is refused', () => {
    const doc = replyText({ ...base, outcome: 'partial' });
    const text = doc.paragraphs.join('\n');
    assert.match(text, /第三十七条/);
    assert.match(text, /不予公开的内容：被征收人身份证号码、银行账号。不予公开的理由：该信息涉及第三方个人隐私/);
    assert.match(text, /随本答复书提供的政府信息共2件：1\.某某镇土地征收补偿安置方案\.pdf；2\.征收补偿公告\.pdf。/);
    for (const missing of [{ reason: undefined }, { reason: '  ' }, { withheldPart: undefined }, { reason: undefined, withheldPart: undefined }]) {
      assert.throws(() => replyText({ ...base, outcome: 'partial', ...missing }), (e) => code(e) === 'reason_required' && /部分公开/.test((e as Error).message));
    }
    for (const outcome of OUTCOMES.filter((o) => o.startsWith('withheld_') || o === 'other')) {
      assert.throws(() => replyText({ ...base, outcome, reason: undefined }), (e) => code(e) === 'reason_required', outcome);
    }
    // Outcomes without a required reason are fine without one.
    assert.doesNotThrow(() => replyText({ ...base, outcome: 'rejected_repeat', reason: undefined }));
  });

  it('partial with several withheld parts lists each with its article and reason', () => {
    const text = replyText({
      ...base, outcome: 'partial', reason: undefined, withheldPart: undefined,
      withheldParts: [
        { content: '被征收人身份证号码、银行账号', ground: 'withheld_third_party', reason: '属于个人隐私，第三方不同意公开' },
        { content: '补偿方案讨论稿', ground: 'withheld_process', reason: '属于研究讨论中的过程性信息' },
      ],
    }).paragraphs.join('\n');
    assert.match(text, /说明理由如下（共2项）：/);
    assert.match(text, /（一）不予公开的内容：被征收人身份证号码、银行账号。不予公开的理由：该内容涉及商业秘密、个人隐私等内容，公开会对第三方合法权益造成损害，根据《中华人民共和国政府信息公开条例》第十五条的规定不予公开；属于个人隐私，第三方不同意公开。/);
    assert.match(text, /（二）不予公开的内容：补偿方案讨论稿。不予公开的理由：该内容属于行政机关在履行行政管理职能过程中形成的过程性信息，根据《中华人民共和国政府信息公开条例》第十六条第二款的规定不予公开；属于研究讨论中的过程性信息。/);
    // A ground not chosen yet leaves a placeholder that issuing refuses.
    const draft = replyText({ ...base, outcome: 'partial', withheldParts: [{ content: '某内容', ground: null, reason: '某理由' }] }).paragraphs.join('\n');
    assert.match(draft, /不予公开的理由：（请选择不予公开的依据）；某理由。/);
    assert.throws(() => replyText({ ...base, outcome: 'partial', withheldParts: [{ content: '某内容', ground: 'no_such' as never, reason: '某理由' }] }), (e) => code(e) === 'invalid_input');
    assert.throws(() => replyText({ ...base, outcome: 'partial', withheldParts: [{ content: '', ground: 'withheld_process', reason: '某理由' }] }), (e) => code(e) === 'invalid_input');
  });

  it('disclosed: files under art. 36(2), already public information under art. 36(1)', () => {
    const files = replyText({ ...base, reason: undefined }).paragraphs.join('\n');
    assert.match(files, /第三十六条第（二）项的规定，现向您提供该政府信息/);
    assert.match(files, /共2件/);
    assert.doesNotMatch(files, /第（一）项/);
    const howTo = '某某县人民政府门户网站“政府信息公开”专栏';
    const onlyPublic = replyText({ ...base, reason: undefined, attachments: [], howToObtain: howTo }).paragraphs.join('\n');
    assert.match(onlyPublic, /已经主动公开，根据《中华人民共和国政府信息公开条例》第三十六条第（一）项的规定，您可以通过以下方式、途径获取：某某县人民政府门户网站/);
    assert.doesNotMatch(onlyPublic, /第（二）项|随本答复书/);
    const both = replyText({ ...base, reason: undefined, howToObtain: howTo }).paragraphs.join('\n');
    assert.match(both, /第三十六条第（二）项[\s\S]*其中已经主动公开的政府信息，根据《中华人民共和国政府信息公开条例》第三十六条第（一）项/);
  });

  it('not held: art. 36(4); another agency responsible: art. 36(5) with its name and contact', () => {
    const none = replyText({ ...base, outcome: 'unavailable_not_held', reason: undefined }).paragraphs.join('\n');
    assert.match(none, /第三十六条第（四）项的规定，现告知您：经检索，本机关未制作、获取您申请公开的政府信息，该政府信息不存在。/);
    const other = replyText({ ...base, outcome: 'unavailable_not_held', reason: undefined, transferTo: { name: '某某县住房和城乡建设局', contact: '0000-1234567' } }).paragraphs.join('\n');
    assert.match(other, /第三十六条第（五）项/);
    assert.match(other, /负责公开该政府信息的行政机关为某某县住房和城乡建设局，联系方式：0000-1234567。/);
    assert.match(other, /第十条/); // the default reason
    assert.throws(() => replyText({ ...base, outcome: 'unavailable_not_held', transferTo: { name: '某某县住房和城乡建设局', contact: '' } }), (e) => code(e) === 'invalid_input');
  });

  it('uses the given review body and court, document number and date style', () => {
    const doc = replyText({ ...base, reviewBody: '某某县人民政府', court: '某某县人民法院', docNo: '某自然资依申复〔2026〕7号', dateStyle: 'hanzi' });
    assert.equal(doc.paragraphs.at(-1), '如对本答复不服，可以自收到本答复之日起六十日内向某某县人民政府申请行政复议，或者在六个月内向某某县人民法院提起行政诉讼。');
    assert.equal(doc.docNo, '某自然资依申复〔2026〕7号');
    assert.deepEqual(doc.closing, ['某某县自然资源局', '二〇二六年三月二日']);
    assert.equal(replyText(base).docNo, '编号：YSQ-2026-0007');
  });

  it('keeps user text literal: no markup is interpreted or stripped here', () => {
    const doc = replyText({ ...base, content: '<script>alert("x")</script>&amp; 会议纪要', applicantName: '李四<b>' });
    const text = replyPlainText(doc);
    assert.ok(text.includes('“<script>alert("x")</script>&amp; 会议纪要”'));
    assert.equal(doc.salutation, '李四<b>：');
  });

  it('refuses incomplete or malformed input', () => {
    assert.throws(() => replyText({ ...base, outcome: 'granted' as 'disclosed' }), (e) => code(e) === 'invalid_input');
    assert.throws(() => replyText({ ...base, applicantName: ' ' }), (e) => code(e) === 'invalid_input' && /申请人/.test((e as Error).message));
    assert.throws(() => replyText({ ...base, content: '' }), (e) => code(e) === 'invalid_input');
    assert.throws(() => replyText({ ...base, receivedOn: '2026-02-30' }), (e) => code(e) === 'invalid_date');
    assert.throws(() => replyText({ ...base, repliedOn: '2026-02-01' }), (e) => code(e) === 'invalid_input');
    assert.throws(() => replyText({ ...base, reason: 'x'.repeat(5001) }), (e) => code(e) === 'invalid_input');
  });

  it('plain text: title, number, salutation, indented paragraphs, closing', () => {
    const doc = replyText({ ...base, outcome: 'rejected_petition', reason: undefined });
    const lines = replyPlainText(doc).split('\n');
    assert.equal(lines[0], '政府信息公开申请告知书');
    assert.equal(lines[1], '编号：YSQ-2026-0007');
    assert.equal(lines[3], '张三：');
    assert.ok(lines[4]!.startsWith('\u3000\u3000本机关于'));
    assert.deepEqual(lines.slice(-2), ['某某县自然资源局', '2026年3月2日']);
    assert.equal(replyTitle('rejected_petition'), '政府信息公开申请告知书');
  });

  it('writes dates in Chinese', () => {
    assert.equal(chineseDate('2026-03-02'), '二〇二六年三月二日');
    assert.equal(chineseDate('2020-11-17'), '二〇二〇年十一月十七日');
    assert.equal(chineseDate('2019-10-30'), '二〇一九年十月三十日');
    assert.equal(chineseDate('2021-12-21'), '二〇二一年十二月二十一日');
    assert.equal(arabicDate('2026-03-02'), '2026年3月2日');
  });
});
