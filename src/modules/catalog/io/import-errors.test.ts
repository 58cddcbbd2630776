import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type ExcelJS from 'exceljs';
import { importCatalogXlsx, type ImportError, type ImportResult } from './index.js';
import { BAODI_COLUMNS, BAODI_SPEC, buildXlsx, sheetRow } from './fixtures/county-sheets.js';

const GOOD = BAODI_SPEC.rows[0]!;
const COL = Object.fromEntries(BAODI_COLUMNS.map((c, j) => [c.sub ?? c.top, j])) as Record<string, number>;
const SPEC = { title: BAODI_SPEC.title, columns: BAODI_COLUMNS };

function withCells(cells: Record<string, ExcelJS.CellValue>): ExcelJS.CellValue[] {
  const row = GOOD.slice();
  for (const [label, v] of Object.entries(cells)) row[COL[label]!] = v;
  return row;
}

async function importRows(rows: ExcelJS.CellValue[][]): Promise<ImportResult> {
  return importCatalogXlsx(await buildXlsx({ ...SPEC, rows }));
}

function errorsOf(result: ImportResult): ImportError[] {
  assert.equal(result.ok, false, 'import should be refused');
  assert.ok(!('items' in result), 'a refused import returns no items');
  if (result.ok) return [];
  for (const e of result.errors) assert.match(e.message, /[\u4e00-\u9fff]/, 'messages are in Chinese');
  return result.errors;
}

const at = (errors: ImportError[]) => errors.map((e) => [e.row, e.column]);

describe('importCatalogXlsx: validation refuses the whole file', () => {
  for (const label of ['一级事项', '二级事项', '公开内容（要素）', '公开时限', '公开主体']) {
    it(`reports an empty ${label} with its row and column`, async () => {
      const errors = errorsOf(await importRows([GOOD, withCells({ [label]: null })]));
      assert.deepEqual(at(errors), [[sheetRow(SPEC, 1), label]]);
      assert.match(errors[0]!.message, /不能为空/);
    });
  }

  it('returns no items when only one of several rows is bad', async () => {
    const errors = errorsOf(await importRows([GOOD, GOOD, withCells({ 二级事项: '' }), GOOD]));
    assert.deepEqual(at(errors), [[sheetRow(SPEC, 2), '二级事项']]);
  });

  it('lists every error in sheet order', async () => {
    const rows = [withCells({ 公开主体: '同上' }), GOOD, withCells({ 公开时限: null, 主动: '有' })];
    const errors = errorsOf(await importRows(rows));
    assert.deepEqual(at(errors), [
      [sheetRow(SPEC, 0), '公开主体'],
      [sheetRow(SPEC, 2), '公开时限'],
      [sheetRow(SPEC, 2), '主动'],
    ]);
  });

  it('refuses 同上 in the first data row', async () => {
    const errors = errorsOf(await importRows([withCells({ 公开依据: '同上' })]));
    assert.deepEqual(at(errors), [[sheetRow(SPEC, 0), '公开依据']]);
    assert.match(errors[0]!.message, /同上/);
  });

  it('refuses a text cell longer than 4000 characters but accepts exactly 4000', async () => {
    const ok = await importRows([withCells({ '公开内容（要素）': '字'.repeat(4000) })]);
    assert.equal(ok.ok, true);
    const errors = errorsOf(await importRows([GOOD, withCells({ 公开依据: '依'.repeat(4001) })]));
    assert.deepEqual(at(errors), [[sheetRow(SPEC, 1), '公开依据']]);
    assert.match(errors[0]!.message, /4000/);
  });

  for (const mark of ['有', 'x', '√√', '1']) {
    it(`refuses the unreadable mark "${mark}"`, async () => {
      const errors = errorsOf(await importRows([withCells({ 县级: mark })]));
      assert.deepEqual(at(errors), [[sheetRow(SPEC, 0), '县级']]);
    });
  }

  it('refuses a row with neither 全社会 nor 特定群体 ticked', async () => {
    const errors = errorsOf(await importRows([GOOD, withCells({ 全社会: '□', 特定群众: null })]));
    assert.deepEqual(at(errors), [[sheetRow(SPEC, 1), '公开对象']]);
  });

  it('refuses a row with neither 主动 nor 依申请 ticked', async () => {
    const errors = errorsOf(await importRows([withCells({ 主动: '否' })]));
    assert.deepEqual(at(errors), [[sheetRow(SPEC, 0), '公开方式']]);
  });

  it('refuses a sheet without a recognisable header', async () => {
    const buf = await buildXlsx({ columns: [{ top: '名称' }, { top: '说明' }], rows: [['a', 'b']] });
    assert.deepEqual(at(errorsOf(await importCatalogXlsx(buf))), [[0, '表头']]);
  });

  it('refuses a header that lacks a required column, naming it', async () => {
    const columns = BAODI_COLUMNS.filter((c) => c.top !== '公开主体');
    const buf = await buildXlsx({ columns, rows: [GOOD.filter((_, j) => j !== COL['公开主体'])] });
    const errors = errorsOf(await importCatalogXlsx(buf));
    assert.deepEqual(at(errors), [[1, '表头']]);
    assert.match(errors[0]!.message, /公开主体/);
  });

  it('refuses more than 2000 data rows', async () => {
    const errors = errorsOf(await importRows(Array.from({ length: 2001 }, () => GOOD)));
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /2000/);
  });

  it('accepts exactly 2000 data rows', async () => {
    const result = await importRows(Array.from({ length: 2000 }, () => GOOD));
    assert.ok(result.ok);
    assert.equal(result.items.length, 2000);
  });

  it('caps a very long error list and says how many were left out', async () => {
    const errors = errorsOf(await importRows(Array.from({ length: 300 }, () => withCells({ 主动: '?' }))));
    assert.equal(errors.length, 201);
    assert.deepEqual(at(errors.slice(-1)), [[0, '文件']]);
    assert.match(errors[200]!.message, /100/);
  });
});

describe('importCatalogXlsx: files that are not workbooks', () => {
  const notXlsx = async (buf: Buffer, pattern: RegExp) => {
    const errors = errorsOf(await importCatalogXlsx(buf));
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.row, 0);
    assert.equal(errors[0]!.column, '文件');
    assert.match(errors[0]!.message, pattern);
    assert.doesNotMatch(errors[0]!.message, /at |Error|zip/i, 'no stack trace or library jargon');
  };

  it('explains that garbage bytes are not an Excel file', async () => {
    await notXlsx(Buffer.from('这不是一个表格 %PDF-1.4 garbage'), /不是有效的 Excel/);
  });

  it('explains that an empty upload is not an Excel file', async () => {
    await notXlsx(Buffer.alloc(0), /不是有效的 Excel/);
  });

  it('asks for .xlsx when given an old .xls file', async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    await notXlsx(xls, /\.xls/);
  });

  it('reports a truncated workbook without throwing', async () => {
    const buf = await buildXlsx({ ...SPEC, rows: [GOOD] });
    await notXlsx(buf.subarray(0, Math.floor(buf.length / 2)), /Excel/);
  });
});
