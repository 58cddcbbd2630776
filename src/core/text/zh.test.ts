import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToHant, toHans, toHant } from './zh.js';

describe('简繁 conversion', () => {
  it('converts simplified text to traditional and back', () => {
    assert.equal(toHant('社会救助领域基层政务公开标准目录'), '社會救助領域基層政務公開標準目錄');
    assert.equal(toHans('社會救助領域'), '社会救助领域');
  });

  it('writes 發放 for paying out, not 髮放 (hair)', () => {
    assert.equal(toHant('资金发放情况'), '資金發放情況');
    assert.equal(toHant('理发'), '理髮');
  });

  it('converts page text and readable attributes but not URLs, form values or textareas', () => {
    const html = '<a href="/catalog?q=社会" title="社会救助">社会救助</a><input name="x" value="社会"><textarea name="c">社会救助</textarea><a href="/prefs" lang="zh-Hans">简体</a><p>简体</p>';
    assert.equal(
      htmlToHant(html),
      '<a href="/catalog?q=社会" title="社會救助">社會救助</a><input name="x" value="社会"><textarea name="c">社会救助</textarea><a href="/prefs" lang="zh-Hans">简体</a><p>簡體</p>',
    );
  });
});
