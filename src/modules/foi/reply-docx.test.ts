import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { AppError } from '../../core/errors.js';
import { replyDocx, replyDocxFilename } from './reply-docx.js';
import { replyText, type ReplyInput } from './replies.js';

const input: ReplyInput = {
  outcome: 'partial',
  agencyName: '某某县自然资源局',
  code: 'YSQ-2026-0007',
  applicantName: '王五',
  receivedOn: '2026-02-09',
  repliedOn: '2026-03-02',
  content: '<script>alert(1)</script>某某镇征收补偿方案 & 名单',
  reason: '涉及第三方个人隐私',
  withheldPart: '被征收人身份证号码',
  attachments: ['补偿方案.pdf'],
  dateStyle: 'hanzi',
};

async function documentXml(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  const f = zip.file('word/document.xml');
  assert.ok(f, 'word/document.xml is in the package');
  return f.async('string');
}

/** The text of w:t elements, XML entities kept as written. */
const texts = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!);

describe('reply letter as DOCX', () => {
  it('is a real Word package with the title, applicant, article, remedies and closing', async () => {
    const buf = await replyDocx(replyText(input));
    assert.equal(buf.subarray(0, 2).toString('latin1'), 'PK');
    const zip = await JSZip.loadAsync(buf);
    assert.ok(zip.file('[Content_Types].xml'));
    const xml = await documentXml(buf);
    const body = texts(xml).join('\n');
    assert.match(body, /^政府信息公开申请答复书$/m);
    assert.match(body, /^王五：$/m);
    assert.match(body, /第三十七条/);
    assert.match(body, /如对本答复不服，可以自收到本答复之日起六十日内向本级人民政府申请行政复议，或者在六个月内向有管辖权的人民法院提起行政诉讼。/);
    assert.match(body, /^某某县自然资源局$/m);
    assert.match(body, /^二〇二六年三月二日$/m);
    // Layout: title 22pt bold 宋体 centred; body 16pt 仿宋, two-character indent; closing right-aligned.
    assert.match(xml, /<w:jc w:val="center"\/>[\s\S]*?<w:rFonts[^>]*w:eastAsia="宋体"[^>]*\/>[\s\S]*?<w:b\/>[\s\S]*?<w:sz w:val="44"\/>[\s\S]*?政府信息公开申请答复书/);
    assert.match(xml, /w:firstLineChars="200"/);
    assert.match(xml, /w:eastAsia="仿宋"/);
    assert.match(xml, /<w:sz w:val="32"\/>/);
    assert.match(xml, /<w:jc w:val="right"\/>/);
  });

  it('keeps markup in user text as escaped text', async () => {
    const xml = await documentXml(await replyDocx(replyText(input)));
    assert.ok(xml.includes('&lt;script&gt;alert(1)&lt;/script&gt;某某镇征收补偿方案 &amp; 名单'));
    assert.doesNotMatch(xml, /<script/);
  });

  it('takes an edited letter: no number or closing, line breaks, indent spaces, control characters', async () => {
    const xml = await documentXml(
      await replyDocx({ title: '政府信息公开申请告知书', paragraphs: ['\u3000\u3000第一段\n第二段\u0007', '', '第三段'] }),
    );
    const t = texts(xml);
    assert.deepEqual(t, ['政府信息公开申请告知书', '第一段', '第二段', '第三段']);
    assert.doesNotMatch(xml, /\u0007/);
  });

  it('refuses what is not a letter', async () => {
    const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));
    await assert.rejects(replyDocx({ title: ' ', paragraphs: [] }), (e) => code(e) === 'invalid_input');
    await assert.rejects(replyDocx({ title: '答复书', paragraphs: 'x' as unknown as string[] }), (e) => code(e) === 'invalid_input');
    await assert.rejects(replyDocx({ title: '答复书', paragraphs: ['x'.repeat(100_001)] }), (e) => code(e) === 'invalid_input');
  });

  it('names the download safely', () => {
    assert.equal(replyDocxFilename('政府信息公开申请答复书', 'YSQ/2026 7'), '政府信息公开申请答复书-YSQ_2026_7.docx');
  });
});
