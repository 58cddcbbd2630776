import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { barChart, lineChart, pieChart } from './charts.js';
import { FONT_FAMILY, PALETTE } from './render.js';
import { assertWellFormed, countFilled } from './testing.js';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=1>';

const months = { title: '2026年申请量', categories: ['2026年1月', '2026年2月', '2026年3月'], series: [{ name: '申请数', data: [4, 0, 7] }] };

describe('barChart', () => {
  it('renders one accessible, well-formed <svg> with one bar per category', () => {
    const svg = barChart(months).value;
    assert.ok(svg.startsWith('<svg '));
    assert.ok(svg.endsWith('</svg>'));
    const names = assertWellFormed(svg);
    assert.equal(names.filter((n) => n === 'svg').length, 1);
    assert.match(svg, /^<svg [^>]*role="img"[^>]*aria-label="2026年申请量"/);
    assert.match(svg, /^<svg [^>]*><title>2026年申请量<\/title>/);
    assert.equal(countFilled(svg, PALETTE[0]!), 3);
    for (const label of ['2026年1月', '2026年3月', '>7<', '>4<']) assert.ok(svg.includes(label), label);
  });

  it('draws every series: bars per category plus one legend icon each', () => {
    const svg = barChart({ ...months, series: [months.series[0]!, { name: '办结数', data: [3, 1, 5] }], horizontal: true }).value;
    assertWellFormed(svg);
    assert.equal(countFilled(svg, PALETTE[0]!), 3 + 1);
    assert.equal(countFilled(svg, PALETTE[1]!), 3 + 1);
    assert.ok(svg.includes('>办结数<'));
  });

  it('uses a Chinese font stack as presentation attributes, with no inline CSS for the CSP to block', () => {
    const svg = barChart(months).value;
    assert.ok(svg.includes(`font-family="${FONT_FAMILY}"`));
    assert.doesNotMatch(svg, /\sstyle=|<style|@keyframes|<animate|class="zr/);
    assert.doesNotMatch(svg, /ecmeta_/);
  });

  it('shows user-supplied titles and category names only escaped', () => {
    for (const horizontal of [false, true]) {
      const svg = barChart({
        title: SCRIPT,
        categories: [SCRIPT, IMG, '正常'],
        series: [{ name: IMG, data: [1, 2, 3] }, { name: SCRIPT, data: [3, 2, 1] }],
        horizontal,
      }).value;
      assertWellFormed(svg);
      assert.doesNotMatch(svg, /<script|<img|onerror="|<\/script/i);
      assert.ok(svg.includes('aria-label="&lt;script&gt;alert(1)&lt;/script&gt;"'));
      assert.ok(svg.includes('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>'));
      assert.ok(svg.includes('&lt;script&gt;alert('), 'category label shown escaped');
      assert.ok(svg.includes('&quot;&gt;&lt;img src=x'), 'category label shown escaped');
    }
  });

  it('says 暂无数据 instead of throwing when there is nothing to draw', () => {
    for (const input of [
      { title: '空', categories: [], series: [{ name: 'a', data: [] }] },
      { title: '空', categories: ['一月'], series: [] },
    ]) {
      const svg = barChart(input).value;
      assertWellFormed(svg);
      assert.ok(svg.includes('>暂无数据<'));
      assert.match(svg, /aria-label="空"/);
    }
  });

  it('treats missing or non-finite values as 0', () => {
    const svg = barChart({ title: 't', categories: ['a', 'b', 'c'], series: [{ name: 's', data: [2, Number.NaN] }] }).value;
    assert.equal(countFilled(svg, PALETTE[0]!), 3);
  });
});

describe('lineChart', () => {
  it('draws one line per series and escapes names', () => {
    const svg = lineChart({ title: '趋势', categories: ['1月', SCRIPT], series: [{ name: '申请', data: [1, 2] }, { name: IMG, data: [2, 0] }] }).value;
    assertWellFormed(svg);
    assert.equal((svg.match(new RegExp(`<path [^>]*fill="none" stroke="${PALETTE[0]}"`, 'g')) ?? []).length, 1);
    assert.equal((svg.match(new RegExp(`<path [^>]*fill="none" stroke="${PALETTE[1]}"`, 'g')) ?? []).length, 1);
    assert.doesNotMatch(svg, /<script|<img/i);
    assert.ok(lineChart({ title: '空', categories: [], series: [] }).value.includes('暂无数据'));
  });
});

describe('pieChart', () => {
  it('draws one slice per non-zero item with name, value and share', () => {
    const svg = pieChart({ title: '申请人类别', items: [{ name: '自然人', value: 3 }, { name: '商业企业', value: 1 }, { name: '科研机构', value: 0 }] }).value;
    assertWellFormed(svg);
    assert.match(svg, /role="img" aria-label="申请人类别"/);
    assert.equal(countFilled(svg, PALETTE[0]!), 1);
    assert.equal(countFilled(svg, PALETTE[1]!), 1);
    assert.ok(svg.includes('自然人：3（75%）'));
    assert.ok(svg.includes('商业企业：1（25%）'));
    assert.ok(!svg.includes('科研机构'));
  });

  it('escapes item names', () => {
    const svg = pieChart({ title: IMG, items: [{ name: SCRIPT, value: 1 }, { name: IMG, value: 2 }] }).value;
    assertWellFormed(svg);
    assert.doesNotMatch(svg, /<script|<img/i);
    assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;：1'));
    assert.ok(pieChart({ title: 't', items: [{ name: '{c}{d}', value: 1 }] }).value.includes('{c}{d}：1（100%）'));
  });

  it('says 暂无数据 for no items or a zero total', () => {
    for (const items of [[], [{ name: '自然人', value: 0 }]]) {
      const svg = pieChart({ title: '类别', items }).value;
      assertWellFormed(svg);
      assert.ok(svg.includes('>暂无数据<'));
    }
  });
});
