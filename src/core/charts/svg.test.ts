import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cleanSvg, fontAttributes } from './svg.js';

const wrap = (inner: string) => `<svg width="10" height="10" xmlns="http://www.w3.org/2000/svg">${inner}</svg>`;

describe('cleanSvg', () => {
  it('adds role, aria-label and <title>, escaping the label', () => {
    assert.equal(
      cleanSvg(wrap(''), '<b>"x"</b>'),
      '<svg class="chart" role="img" aria-label="&lt;b&gt;&quot;x&quot;&lt;/b&gt;" width="10" height="10" xmlns="http://www.w3.org/2000/svg">' +
        '<title>&lt;b&gt;&quot;x&quot;&lt;/b&gt;</title></svg>',
    );
  });

  it('turns font declarations into presentation attributes and drops the rest of the CSS', () => {
    const out = cleanSvg(
      wrap('<style ><![CDATA[.zr0-cls-0:hover { cursor:pointer; }]]></style><text style="font-size:12px;font-family:A B, sans-serif;cursor:pointer;" class="zr0-cls-0" ecmeta_data_index="1">x</text>'),
      't',
    );
    assert.ok(out.endsWith('<text font-size="12px" font-family="A B, sans-serif">x</text></svg>'));
    assert.deepEqual(fontAttributes('font: bold 14px Microsoft YaHei, sans-serif'), [
      ['font-weight', 'bold'],
      ['font-size', '14px'],
      ['font-family', 'Microsoft YaHei, sans-serif'],
    ]);
  });

  it('drops event handlers and links, escapes attribute values', () => {
    const out = cleanSvg(wrap(`<path d="M0 0Z" onload="alert(1)" xlink:href="javascript:x" fill="a'b"></path>`), 't');
    assert.ok(out.includes('<path d="M0 0Z" fill="a&#39;b"></path>'));
    assert.doesNotMatch(out, /onload|javascript/);
  });

  it('refuses elements outside the allow-list and unescaped text', () => {
    for (const bad of ['<script>alert(1)</script>', '<image href="x"></image>', '<foreignObject></foreignObject>', '<a href="x"></a>', '<text fill="a>b">x</text>']) {
      assert.throws(() => cleanSvg(wrap(bad), 't'), /图表输出包含不允许的内容/, bad);
    }
    assert.throws(() => cleanSvg('<div></div>', 't'), /图表输出包含不允许的内容/);
    assert.throws(() => cleanSvg('', 't'), /图表输出包含不允许的内容/);
  });
});
