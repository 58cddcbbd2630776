import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { docxBytes, pdfBytes } from '../../core/files/fixtures.js';
import { chineseDate, docNumberOf, docxToDraft, DOCX_MAX_BYTES } from './docx.js';
import { gongwenDocx } from './fixtures/word.js';
import { bodyFromText, sanitiseBody } from './validate.js';
import { markerKind } from './word.js';

const clipboard = readFileSync(new URL('./fixtures/word-clipboard.html', import.meta.url), 'utf8');
const refusal = async (p: Promise<unknown>): Promise<{ code: string; status: number; message: string }> => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; status: number; message: string };
  }
  assert.fail('expected the file to be refused');
};

describe('pasting from Word', () => {
  const body = sanitiseBody(clipboard);

  it('keeps headings, nested lists, the table and bold from Word’s clipboard HTML', () => {
    assert.match(body, /<h2>一、工作目标<\/h2>/, 'Word’s h1 becomes the body’s first heading level');
    assert.match(body, /<h3>二、责任分工<\/h3>/);
    assert.match(body, /<p><strong>重点任务<\/strong>：确保/);
    assert.match(body, /<ul><li>巡查河道堤防<ul><li>重点险段每日一巡<\/li><\/ul><\/li><li>清理排水沟渠<\/li><\/ul>/);
    assert.match(body, /<ol><li>制定应急预案<\/li><li>组织抢险演练<\/li><\/ol>/);
    assert.match(body, /<table><tr><td><strong>村（社区）<\/strong><\/td><td><strong>责任人<\/strong><\/td><\/tr>\s*<tr><td>东关村<\/td><td>张三<\/td><\/tr><\/table>/);
  });

  it('keeps 公文 numbering such as （一） as the text Word showed, not as a list', () => {
    assert.match(body, /<p>（一）落实防汛责任制。<\/p>/);
  });

  it('drops mso styles, classes, o:p, comments, conditional comments, bullets, images and scripts', () => {
    for (const gone of ['mso-', 'class=', 'style=', '<o:p', 'o:p>', '<!--', '[if', 'endif', 'supportLists', 'Symbol', '·', 'Ø', '<img', '<script', 'alert', 'javascript', 'onclick', 'Font Definitions', 'WordDocument', '<span', '<a'])
      assert.ok(!body.includes(gone), `${gone} is not in the kept body`);
    assert.match(body, /&lt;script&gt;不是脚本&lt;\/script&gt;链接/, 'text that looks like a tag stays text');
  });

  it('joins Chinese text that Word broke across source lines, and drops empty paragraphs', () => {
    assert.match(body, /各村（社区）要高度重视/);
    assert.ok(!/<p>\s*<\/p>/.test(body));
  });

  it('goes through the same gate when the raw clipboard HTML is saved without the script', () => {
    assert.equal(bodyFromText(clipboard), body);
  });

  it('reads a list marker as a bullet, a number, or 公文 numbering', () => {
    assert.equal(markerKind('·'), 'ul');
    assert.equal(markerKind('Ø'), 'ul');
    assert.equal(markerKind('1.'), 'ol');
    assert.equal(markerKind('(2)'), 'ol');
    assert.equal(markerKind('一、'), 'text');
    assert.equal(markerKind('（十二）'), 'text');
    assert.equal(markerKind('第三条'), 'text');
  });
});

describe('importing a 公文 from .docx', () => {
  it('makes the body of a real .docx the draft, keeping h2, lists, the table and bold and nothing unsafe', async () => {
    const d = await docxToDraft(await gongwenDocx(), '防汛通知.docx');
    assert.match(d.bodyHtml, /<h2>一、工作目标<\/h2>/);
    assert.match(d.bodyHtml, /<strong>人民群众生命财产安全<\/strong>/);
    assert.match(d.bodyHtml, /<ul><li>巡查河道堤防<\/li><li>清理排水沟渠<\/li><\/ul>/);
    assert.match(d.bodyHtml, /<ol><li>制定应急预案<\/li><li>组织抢险演练<\/li><\/ol>/);
    assert.match(d.bodyHtml, /<table><tr><td><strong>村（社区）<\/strong><\/td>/);
    assert.match(d.bodyHtml, /&lt;script&gt;alert\("x"\)&lt;\/script&gt;/);
    assert.ok(!/<script|<img|style=|class=/.test(d.bodyHtml));
  });

  it('recognises the header: 文号, title and kind leave the body, the closing date becomes 成文日期', async () => {
    const d = await docxToDraft(await gongwenDocx(), '防汛通知.docx');
    assert.equal(d.docNumber, '城政发〔2026〕12号');
    assert.equal(d.title, '城关镇人民政府关于做好2026年春季防汛工作的通知');
    assert.equal(d.kind, '通知');
    assert.equal(d.writtenDate, '2026-03-02');
    assert.ok(!d.bodyHtml.includes('城关镇人民政府文件'), 'the 发文机关标志 is no part of the body');
    assert.ok(!d.bodyHtml.includes('城政发〔2026〕12号'));
    assert.ok(d.bodyHtml.startsWith('<p>各村（社区）、镇直各单位：</p>'));
    assert.match(d.bodyHtml, /<p>2026年3月2日<\/p>$/, 'the 落款 stays');
  });

  it('takes a document without a header as body only', async () => {
    const d = await docxToDraft(await docxBytes('今天召开了全镇防汛工作会议。'), '动态.docx');
    assert.equal(d.bodyHtml, '<p>今天召开了全镇防汛工作会议。</p>');
    assert.equal(d.title, undefined);
    assert.equal(d.docNumber, undefined);
  });

  it('reads 文号 and dates the way 公文 write them', () => {
    assert.equal(docNumberOf('城政发〔2026〕12号'), '城政发〔2026〕12号');
    assert.equal(docNumberOf('城政发[2026]第012号'), '城政发〔2026〕12号');
    assert.equal(docNumberOf('城政发〔2026〕12号　　签发人：张三'), '城政发〔2026〕12号');
    assert.equal(docNumberOf('关于做好防汛工作的通知'), null);
    assert.equal(chineseDate('2026年3月2日'), '2026-03-02');
    assert.equal(chineseDate('二〇二六年十二月二十一日'), '2026-12-21');
    assert.equal(chineseDate('二〇二六年二月三十日'), null);
  });

  it('refuses a wrong type, a renamed file, a corrupt or empty .docx and an oversize one, in Chinese', async () => {
    const doc = await refusal(docxToDraft(Buffer.from('old word'), '通知.doc'));
    assert.equal(doc.code, 'docx_wrong_type');
    assert.match(doc.message, /另存为/);
    assert.equal((await refusal(docxToDraft(pdfBytes(), '通知.pdf'))).code, 'docx_wrong_type');
    const renamed = await refusal(docxToDraft(pdfBytes(), '通知.docx'));
    assert.equal(renamed.code, 'docx_corrupt');
    assert.match(renamed.message, /不是 Word 文档|已损坏/);
    const good = await gongwenDocx();
    const cut = await refusal(docxToDraft(good.subarray(0, Math.floor(good.length * 0.6)), '通知.docx'));
    assert.equal(cut.code, 'docx_corrupt');
    assert.match(cut.message, /损坏/);
    const badXml = await refusal(docxToDraft(await docxBytes('<<<'), '通知.docx'));
    assert.equal(badXml.code, 'docx_corrupt', 'a whole zip whose document.xml is broken');
    assert.match(badXml.message, /无法读取/);
    assert.equal((await refusal(docxToDraft(await docxBytes(''), '空白.docx'))).code, 'docx_empty');
    const big = await refusal(docxToDraft(Buffer.concat([good, Buffer.alloc(DOCX_MAX_BYTES)]), '通知.docx'));
    assert.equal(big.code, 'docx_too_large');
    assert.equal(big.status, 413);
    assert.match(big.message, /10 MB/);
  });
});
