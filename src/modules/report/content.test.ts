import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { paragraphs, publishedText, reportPreface } from './content.js';
import { OTHER_MATTERS_PROMPT } from './service.js';

describe('writing hints', () => {
  it('leaves the prompt’s hint out of the published text, keeping what staff wrote', () => {
    const filled = OTHER_MATTERS_PROMPT.replace('___', '0') + '无。';
    assert.deepEqual(paragraphs(filled), ['（一）信息处理费收取情况：本年度共收取信息处理费 0 元。', '（二）其他事项：无。']);
  });

  it('removes bracketed instructions of the 请填写/请写明/…的写… kind, full-width or ASCII', () => {
    assert.equal(publishedText('共办理 3 件（请填写件数）。'), '共办理 3 件。');
    assert.equal(publishedText('整改情况：已整改（请写明整改措施）。'), '整改情况：已整改。');
    assert.equal(publishedText('收费 0 元(未收取的写0元)。'), '收费 0 元。');
  });

  it('keeps ordinary brackets of the report', () => {
    for (const t of ['《中华人民共和国政府信息公开条例》（以下简称《条例》）', '（一）信息处理费收取情况', '（国办公开办函〔2021〕30号）', '申请人书面（含数据电文）提出']) assert.equal(publishedText(t), t);
  });
});

describe('the preface says what a government’s report covers', () => {
  it('for a county its departments and townships, for a city its own level with the counties reporting apart, for a department nothing', () => {
    assert.match(reportPreface({ year: 2025, county: true }), /本报告汇总本县人民政府及所属各部门、乡镇（街道）的数据。$/);
    assert.match(reportPreface({ year: 2025, county: false, upperLevel: 'city' }), /本报告汇总本市人民政府及所属各部门的数据，各县（市、区）另行发布本级年度报告。$/);
    assert.match(reportPreface({ year: 2025, county: false, upperLevel: 'province' }), /本报告汇总本省人民政府及所属各部门的数据，各市、县另行发布本级年度报告。$/);
    assert.match(reportPreface({ year: 2025, county: false }), /2025年12月31日止。$/);
  });
});
