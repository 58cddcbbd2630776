import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChartTable } from './table.js';
import { chartFigure } from './figure.js';
import { assertWellFormed } from './testing.js';

describe('ChartTable', () => {
  it('lists categories as row headers and each series as a column', () => {
    const html = ChartTable({
      title: '按月申请量',
      categoryHeader: '月份',
      categories: ['2026年1月', '2026年2月'],
      series: [{ name: '申请数', data: [12, 1234] }, { name: '办结数', data: [3] }],
    }).value;
    assertWellFormed(html);
    assert.equal(
      html,
      '<table class="chart-table"><caption>按月申请量</caption>' +
        '<thead><tr><th scope="col">月份</th><th scope="col">申请数</th><th scope="col">办结数</th></tr></thead>' +
        '<tbody><tr><th scope="row">2026年1月</th><td>12</td><td>3</td></tr>' +
        '<tr><th scope="row">2026年2月</th><td>1,234</td><td>0</td></tr></tbody></table>',
    );
  });

  it('gives pie data with shares and a total', () => {
    const html = ChartTable({ title: '类别', items: [{ name: '自然人', value: 2 }, { name: '商业企业', value: 1 }] }).value;
    assertWellFormed(html);
    assert.ok(html.includes('<tr><th scope="row">自然人</th><td>2</td><td>66.7%</td></tr>'));
    assert.ok(html.includes('<tr><th scope="row">商业企业</th><td>1</td><td>33.3%</td></tr>'));
    assert.ok(html.includes('<tfoot><tr><th scope="row">合计</th><td>3</td><td>100%</td></tr></tfoot>'));
  });

  it('escapes names and says 暂无数据 when empty', () => {
    const html = ChartTable({ title: '<script>x</script>', categories: ['"><img src=x onerror=1>'], series: [{ name: '<i>', data: [1] }] }).value;
    assert.doesNotMatch(html, /<script|<img|<i>/);
    assert.ok(html.includes('&quot;&gt;&lt;img src=x onerror=1&gt;'));
    assert.ok(ChartTable({ title: 't', categories: [], series: [{ name: 's', data: [] }] }).value.includes('<td colspan="2">暂无数据</td>'));
    assert.ok(ChartTable({ title: 't', items: [] }).value.includes('<td colspan="3">暂无数据</td>'));
  });
});

describe('chartFigure', () => {
  it('puts the chart and its table in one figure', () => {
    const html = chartFigure('pie', { title: '类别', items: [{ name: '自然人', value: 2 }] }).value;
    assertWellFormed(html);
    assert.match(html, /^<figure class="chart-figure"><svg [^>]*role="img"[\s\S]*<\/svg><table class="chart-table">[\s\S]*<\/table><\/figure>$/);
    assert.throws(() => chartFigure('bar', { title: 't', items: [] }), TypeError);
  });
});
