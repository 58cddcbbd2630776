import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type ExcelJS from 'exceljs';
import { importCatalogXlsx, type ImportResult } from './index.js';
import { BAODI_COLUMNS, BAODI_SPEC, buildXlsx, CHECKLIST_WEBSITE_ONLY, type HeaderColumn } from './fixtures/county-sheets.js';

function okResult(result: ImportResult) {
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.errors, null, 1));
  return result;
}

/** The 宝坻 header with some labels replaced, and one data row holding `cells` under those labels. */
async function variant(rename: Record<string, string>, cells: Record<string, ExcelJS.CellValue> = {}) {
  const renamed = BAODI_COLUMNS.map((c): HeaderColumn => (c.sub ? { ...c, sub: rename[c.sub] ?? c.sub } : { top: rename[c.top] ?? c.top }));
  const base = BAODI_SPEC.rows[0]!;
  const values = renamed.map((c, j) => cells[c.sub ?? c.top] ?? base[j] ?? null);
  return importCatalogXlsx(await buildXlsx({ title: ['标准目录'], columns: renamed, rows: [values] }));
}

/** A sheet with exactly the header columns given and no title row. */
async function sheet(columns: HeaderColumn[], values: ExcelJS.CellValue[][]) {
  return importCatalogXlsx(await buildXlsx({ columns, rows: values }));
}

const TAIL: HeaderColumn[] = [
  { top: '公开内容（要素）' },
  { top: '公开依据' },
  { top: '公开时限' },
  { top: '公开主体' },
  { top: '公开渠道和载体' },
  { top: '公开对象', sub: '全社会' },
  { top: '公开对象', sub: '特定群体' },
  { top: '公开方式', sub: '主动' },
  { top: '公开方式', sub: '依申请' },
];
const TAIL_VALUES = ['内容', '依据', '20个工作日', '镇人民政府', '■政府网站', '√', '', '√', ''];

describe('importCatalogXlsx: header variants', () => {
  it('treats 特定群众 like 特定群体 and 依申请公开 like 依申请', async () => {
    const a = okResult(await variant({}, { 特定群众: '√', 依申请公开: '√' }));
    const b = okResult(await variant({ 特定群众: '特定群体', 依申请公开: '依申请' }, { 特定群体: '√', 依申请: '√' }));
    assert.deepEqual(a.items, b.items);
    assert.equal(a.items[0]!.audienceSpecific, true);
    assert.equal(a.items[0]!.modeOnRequest, true);
  });

  for (const [county, township, expected] of [
    ['县级', '乡、村级', ['county', 'township']],
    ['县级', '乡级', ['county', 'township']],
    ['区级', '乡级', ['county', 'township']],
    ['市级', '镇(街)级', ['county', 'township']],
    ['东阳市级', '镇街乡', ['county', 'township']],
    ['镇级', '村级', ['township', 'village']],
    ['镇级', '村', ['township', 'village']],
  ] as const) {
    it(`maps 公开层级 sub-columns ${county}/${township} to ${expected.join('/')}`, async () => {
      const result = okResult(await variant({ 县级: county, '乡、村级': township }, { [county]: '√', [township]: '√' }));
      assert.deepEqual(result.items[0]!.levels, expected);
    });
  }

  it('reads a level ticked only in the second column', async () => {
    const result = okResult(await variant({ 县级: '镇级', '乡、村级': '村级' }, { 镇级: '', 村级: '√' }));
    assert.deepEqual(result.items[0]!.levels, ['village']);
  });

  it('leaves levels empty when the 公开层级 column is missing', async () => {
    const result = okResult(
      await sheet([{ top: '序号' }, { top: '公开事项', sub: '一级事项' }, { top: '公开事项', sub: '二级事项' }, ...TAIL], [[1, '批准服务信息', '办事指南', ...TAIL_VALUES]]),
    );
    assert.deepEqual(result.items[0]!.levels, []);
  });

  it('reads a 三级事项 sub-column under 公开事项', async () => {
    const columns = [{ top: '序号' }, { top: '公开事项', sub: '一级事项' }, { top: '公开事项', sub: '二级事项' }, { top: '公开事项', sub: '三级事项' }, ...TAIL];
    const result = okResult(await sheet(columns, [[6, '户口登记项目变更更正', '姓名变更、更正', '变更姓名', ...TAIL_VALUES]]));
    assert.equal(result.items[0]!.level3, '变更姓名');
    assert.equal(result.items[0]!.level2, '姓名变更、更正');
  });

  it('accepts 公开内容（要素）及要求 as the content header', async () => {
    const result = okResult(await variant({ '公开内容（要素）': '公开内容（要素）及要求' }, { '公开内容（要素）及要求': '一般公共预算收入表' }));
    assert.equal(result.items[0]!.content, '一般公共预算收入表');
  });

  it('accepts 公开内容(要素) written with ASCII parentheses', async () => {
    const result = okResult(await variant({ '公开内容（要素）': '公开内容(要素)' }, { '公开内容(要素)': '学校名称' }));
    assert.equal(result.items[0]!.content, '学校名称');
  });

  it('reads an optional 事项编码 column as text, keeping leading zeros', async () => {
    const columns = [{ top: '序号' }, { top: '事项编码' }, { top: '公开事项', sub: '一级事项' }, { top: '公开事项', sub: '二级事项' }, ...TAIL];
    const result = okResult(await sheet(columns, [[1, '0505', '卫生健康', '独生子女父母奖励', ...TAIL_VALUES]]));
    assert.equal(result.items[0]!.itemCode, '0505');
    assert.equal(result.items[0]!.level3, null);
  });

  it('ignores unknown columns such as 公开载体 and 五公开, reporting them as warnings', async () => {
    const extra = [{ top: '公开载体' }, { top: '五公开' }];
    const columns = BAODI_COLUMNS.concat(extra);
    const values = [...BAODI_SPEC.rows[0]!, '■文本', '□决策 ■执行'];
    const result = okResult(await importCatalogXlsx(await buildXlsx({ columns, rows: [values] })));
    assert.deepEqual(result.warnings, ['已忽略无法识别的列「公开载体」（第15列）', '已忽略无法识别的列「五公开」（第16列）']);
    assert.deepEqual(result.items[0]!.channels, ['政府网站']);
  });

  it('matches header labels regardless of spaces inside them', async () => {
    const result = okResult(await variant({ 公开主体: '公 开 主 体', 全社会: '全 社 会' }, { '公 开 主 体': '镇政府', '全 社 会': '√' }));
    assert.equal(result.items[0]!.subject, '镇政府');
    assert.equal(result.items[0]!.audiencePublic, true);
  });

  it('reads the 上海青浦 wording of the notice-board channel as the standard channel', async () => {
    const text = CHECKLIST_WEBSITE_ONLY.replace('□社区/企事业单位/村公示栏(电子屏)', '■村居/企事业单位公示栏(电子屏)');
    const result = okResult(await variant({}, { 公开渠道和载体: text }));
    assert.deepEqual(result.items[0]!.channels, ['政府网站', '社区/企事业单位/村公示栏(电子屏)']);
    assert.deepEqual(result.items[0]!.otherChannels, []);
  });
});
