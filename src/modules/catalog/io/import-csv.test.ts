import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importCatalogCsv, type ImportResult } from './index.js';
import { parseCsv, stringifyCsv } from './csv.js';
import { BAODI_ITEMS, CHECKLIST_WEBSITE_ONLY } from './fixtures/county-sheets.js';
import { encodeGb18030 } from './fixtures/gb18030.js';

/** A county catalogue saved from Excel as CSV: merged header cells keep their text only in the first cell. */
const BAODI_CSV = [
  '社会救助领域基层政务公开标准目录,,,,,,,,,,,,,',
  '序号,公开事项,,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,,公开方式,,公开层级,',
  ',一级事项,二级事项,,,,,,全社会,特定群众,主动,依申请公开,县级,"乡、村级"',
  `1,综合业务,政策（法规文件）,《社会救助暂行办法》 各地配套政策法规文件,《信息公开条例》及相关规定,制定或获取信息之日起10个工作日内,县级政府民政部门、乡镇政府(街道办事处),${CHECKLIST_WEBSITE_ONLY},√,,√,,√,√`,
  `2,综合业务,监督（检查）,"社会救助信访通讯地址\r\n社会救助投诉举报电话",《信息公开条例》及相关规定,制定或获取信息之日起10个工作日内,同上,${CHECKLIST_WEBSITE_ONLY},√,,√,,√,√`,
  `3,最低生活保障,政策（法规文件）,"《国务院关于进一步加强和改进最低生活保障工作的意见》、《最低生活保障审核审批办法(试行)》、各地配套政策法规文件",《信息公开条例》及相关规定,制定或获取信息之日起10个工作日内,同上,${CHECKLIST_WEBSITE_ONLY},√,,√,,√,√`,
  `4,最低生活保障,办事指南,办理事项、办理条件、最低生活保障标准、申请材料、办理流程、办理时间、地点、联系方式,《国务院关于进一步加强和改进最低生活保障工作的意见》、各地相关政策法规文件,同上,同上,同上,√,,√,√,√,√`,
].join('\r\n');

function items(result: ImportResult) {
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.errors, null, 1));
  return result.items;
}

describe('importCatalogCsv', () => {
  it('reads the 宝坻 catalogue saved as CSV with its title row and blank merged header cells', () => {
    assert.deepEqual(items(importCatalogCsv(BAODI_CSV)), BAODI_ITEMS);
  });

  it('reads UTF-8 bytes with and without a BOM', () => {
    assert.deepEqual(items(importCatalogCsv(Buffer.from('\uFEFF' + BAODI_CSV, 'utf8'))), BAODI_ITEMS);
    assert.deepEqual(items(importCatalogCsv(Buffer.from(BAODI_CSV, 'utf8'))), BAODI_ITEMS);
    assert.deepEqual(items(importCatalogCsv('\uFEFF' + BAODI_CSV)), BAODI_ITEMS);
  });

  it('reads a GB18030 (GBK) CSV as saved by Excel on Chinese Windows', () => {
    const bytes = encodeGb18030(BAODI_CSV);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'fixture must not be valid UTF-8');
    assert.deepEqual(items(importCatalogCsv(bytes)), BAODI_ITEMS);
  });

  it('reports errors with the CSV row number', () => {
    const broken = BAODI_CSV.replace('4,最低生活保障,办事指南', '4,最低生活保障,');
    const result = importCatalogCsv(broken);
    assert.ok(!result.ok);
    assert.deepEqual(result.errors, [{ row: 7, column: '二级事项', message: '「二级事项」不能为空' }]);
  });

  it('refuses a CSV with an unterminated quote', () => {
    const result = importCatalogCsv(BAODI_CSV + '\r\n5,"综合业务,未闭合');
    assert.ok(!result.ok);
    assert.equal(result.errors[0]!.row, 8);
    assert.match(result.errors[0]!.message, /引号/);
  });

  it('refuses a CSV without a catalogue header', () => {
    const result = importCatalogCsv('名称,说明\r\na,b\r\n');
    assert.ok(!result.ok);
    assert.deepEqual(result.errors.map((e) => [e.row, e.column]), [[0, '表头']]);
  });
});

describe('parseCsv', () => {
  it('splits records on CRLF, LF and CR and drops the final line break', () => {
    assert.deepEqual(parseCsv('a,b\r\nc,d\ne,f\rg,h\r\n'), { ok: true, records: [['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h']] });
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    assert.deepEqual(parseCsv('"a,1","say ""同上""","x\r\ny",\n'), { ok: true, records: [['a,1', 'say "同上"', 'x\r\ny', '']] });
  });

  it('keeps a quote in the middle of an unquoted field as text', () => {
    assert.deepEqual(parseCsv('《办法》"试行"版,b'), { ok: true, records: [['《办法》"试行"版', 'b']] });
  });

  it('keeps empty lines as empty records', () => {
    assert.deepEqual(parseCsv('a\n\nb'), { ok: true, records: [['a'], [''], ['b']] });
  });

  it('writes cells a spreadsheet would run as formulas with a leading quote, and reads them back unchanged', () => {
    const records = [['=HYPERLINK("http://evil.example","点击")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '-5', '+86', '3.5', "'=已转义", '普通文本']];
    const csv = stringifyCsv(records);
    const cells = csv.trimEnd().split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    assert.deepEqual(cells.slice(0, 5), [`"'=HYPERLINK(""http://evil.example"",""点击"")"`, "'+1+1", "'-2+3", "'@SUM(A1)", "'\tx"]);
    assert.deepEqual(cells.slice(5, 8), ['-5', '+86', '3.5'], 'plain numbers stay numbers');
    assert.equal(cells[8], "''=已转义", 'an apostrophe the author typed survives');
    const runnable = cells.map((c) => c.replace(/^"|"$/g, '')).filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[+-]\d+(\.\d+)?$/.test(c));
    assert.deepEqual(runnable, [], 'no cell starts a formula');
    assert.deepEqual(parseCsv(csv), { ok: true, records });
  });

  it('round-trips awkward fields through stringifyCsv', () => {
    const records = [['逗号,', '引号"', '换行\n', ' 前后空格 ', '', '〔2019〕52号']];
    assert.deepEqual(parseCsv(stringifyCsv(records)), { ok: true, records });
  });
});
